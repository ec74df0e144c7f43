package gar

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Defaults of the Scanner options.
const (
	// DefaultBufferSize is the size of the read buffer of a Scanner.
	DefaultBufferSize = 64 << 10
	// DefaultMaxRecordSize is the longest single tag (a record with all its
	// attributes, or the XML declaration, or the root start tag) a Scanner
	// accepts; the buffer grows up to it only for such a tag.
	DefaultMaxRecordSize = 16 << 20
)

// Attr is one attribute of a record. Name and Value are views into the
// Scanner's buffer (Value is decoded: entities replaced, line ends
// normalised as encoding/xml does), valid until the next call of
// Scanner.Next. Copy them to keep them.
type Attr struct {
	// Name is the attribute name, such as "OBJECTID".
	Name []byte
	// Value is the decoded attribute value.
	Value []byte
}

// Option sets up a Scanner.
type Option func(*config)

type config struct {
	file      string
	kind      Kind
	bufSize   int
	maxRecord int
}

// WithFile names the file being read; the name goes into every
// ParseError.
func WithFile(name string) Option { return func(c *config) { c.file = name } }

// WithKind makes the Scanner check that the root element and the record
// elements are those of files of kind k (k.Root(), k.Element()), failing
// with CodeElement otherwise. Unknown kinds are not checked.
func WithKind(k Kind) Option { return func(c *config) { c.kind = k } }

// WithBufferSize sets the size of the read buffer (at least 1 byte; the
// default is DefaultBufferSize). The buffer grows only for a single tag
// longer than it.
func WithBufferSize(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.bufSize = n
		}
	}
}

// WithMaxRecordSize sets the longest single tag the Scanner accepts
// (the default is DefaultMaxRecordSize); a longer one fails with
// CodeTooLarge.
func WithMaxRecordSize(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxRecord = n
		}
	}
}

type scanState uint8

const (
	stBOM scanState = iota
	stDecl
	stBeforeRoot
	stBody
	stEpilog
	stDone
)

type status uint8

const (
	stOK   status = iota // a unit was parsed
	stMore               // more input is needed to parse the unit
	stFail               // s.err is set
)

// Scanner reads the records of one GAR file as a stream. A GAR file is
// an optional UTF-8 byte order mark, an optional XML declaration, one root
// element and, inside it, flat record elements that carry attributes only;
// line breaks and indentation may stand between any of them, or the whole
// file may be one line. Each call of Next moves to the next record element.
//
// The Scanner keeps one buffer (DefaultBufferSize unless set otherwise)
// and grows it only for a single tag longer than the buffer, so memory
// does not grow with the size of the file. Record data is handed out as
// views into that buffer, valid until the next call of Next. A Scanner is
// not safe for concurrent use; scan different files from different
// goroutines with a Scanner each.
//
// The Scanner accepts exactly the documents encoding/xml accepts within
// that shape and yields the same element names, attribute names and
// values; see the package documentation for the few things it rejects on
// purpose (comments, processing instructions other than the XML
// declaration, DOCTYPE, CDATA, text, nested elements, names with a colon
// or non-ASCII letters, duplicate attributes).
type Scanner struct {
	r   io.Reader
	cfg config

	buf  []byte
	pos  int   // next unconsumed byte in buf
	end  int   // end of the data in buf
	base int64 // stream offset of buf[0]
	eof  bool
	rerr error // read error, reported once the buffered data is used up
	err  error
	st   scanState

	lines   int // number of '\n' in the stream before buf[lineIdx]
	lineIdx int

	root     string // name of the root element
	wantRoot string // the root WithKind asks for, or ""
	wantElem string // the record element WithKind asks for, or ""

	// The current record.
	cur      int   // ordinal of the record being parsed, for errors; 0 outside records
	recStart int   // index in buf of its '<' (meaningless once recLine is set and the buffer moved)
	recOff   int64 // stream offset of its '<'
	recLine  int   // its line, 0 until computed
	count    int   // records so far; the current one is count
	name     []byte
	nameStr  string
	attrs    []Attr
	scratch  []byte // decoded values
}

// NewScanner returns a Scanner reading the GAR file r.
func NewScanner(r io.Reader, opts ...Option) *Scanner {
	cfg := config{bufSize: DefaultBufferSize, maxRecord: DefaultMaxRecordSize}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.bufSize > cfg.maxRecord {
		cfg.bufSize = cfg.maxRecord
	}
	return &Scanner{
		r:        r,
		cfg:      cfg,
		buf:      make([]byte, cfg.bufSize),
		attrs:    make([]Attr, 0, 32),
		wantRoot: cfg.kind.Root(),
		wantElem: cfg.kind.Element(),
	}
}

// Next moves to the next record and reports whether there is one. It
// returns false at the end of the file and on the first error; Err tells
// which.
func (s *Scanner) Next() bool {
	if s.err != nil || s.st == stDone {
		return false
	}
	for {
		var res status
		switch s.st {
		case stBOM:
			res = s.bom()
		case stDecl:
			res = s.decl()
		case stBeforeRoot:
			res = s.rootTag()
		case stBody:
			res = s.body()
			if res == stOK && s.st == stBody {
				return true
			}
		case stEpilog:
			res = s.epilog()
		case stDone:
			return false
		}
		switch res {
		case stFail:
			return false
		case stMore:
			if !s.fill() {
				if s.err != nil {
					return false
				}
				// End of input.
				if s.st == stEpilog {
					s.st = stDone
					return false
				}
				msg := "файл оборвался: корневой элемент не закрыт"
				switch {
				case s.st < stBody:
					msg = "файл пуст или оборвался до корневого элемента"
				case s.cur > 0:
					msg = "файл оборвался внутри записи"
				}
				s.failAt(CodeTruncated, s.end, msg)
				return false
			}
		}
	}
}

// Err returns the error that stopped the Scanner, or nil when it reached
// the end of a well-formed file. Errors of the input are *ParseError.
func (s *Scanner) Err() error { return s.err }

// Record returns the current record: a view valid until the next call of
// Next.
func (s *Scanner) Record() Record { return Record{s} }

// Offset returns the byte offset of the '<' of the current record from
// the start of the input (a byte order mark included).
func (s *Scanner) Offset() int64 { return s.recOff }

// Line returns the 1-based line of the '<' of the current record; lines
// end with '\n'.
func (s *Scanner) Line() int {
	if s.recLine == 0 && s.count > 0 {
		s.recLine = s.lineAt(s.recStart)
	}
	return s.recLine
}

// Index returns the 1-based ordinal of the current record in the file.
func (s *Scanner) Index() int { return s.count }

// Root returns the name of the root element, once the Scanner has read it
// (after the first call of Next), or "".
func (s *Scanner) Root() string { return s.root }

// File returns the file name given with WithFile.
func (s *Scanner) File() string { return s.cfg.file }

// lineAt returns the 1-based line of buf[idx].
func (s *Scanner) lineAt(idx int) int {
	if idx >= s.lineIdx {
		s.lines += bytes.Count(s.buf[s.lineIdx:idx], nl)
		s.lineIdx = idx
		return s.lines + 1
	}
	return s.lines - bytes.Count(s.buf[idx:s.lineIdx], nl) + 1
}

var nl = []byte{'\n'}

// fill reads more input, first moving the unconsumed bytes to the front
// of the buffer and growing it when they fill it whole. It reports
// whether new bytes arrived; on false, s.err is set unless the input
// simply ended.
func (s *Scanner) fill() bool {
	if s.rerr != nil {
		s.err = &ParseError{File: s.cfg.file, Offset: s.base + int64(s.end), Line: s.lineAt(s.end),
			Code: CodeIO, Message: "ошибка чтения: " + s.rerr.Error(), Err: s.rerr}
		return false
	}
	if s.eof {
		return false
	}
	if s.pos > 0 {
		if s.recLine == 0 && s.count > 0 {
			s.recLine = s.lineAt(s.recStart)
		}
		if s.lineIdx < s.pos {
			s.lines += bytes.Count(s.buf[s.lineIdx:s.pos], nl)
			s.lineIdx = s.pos
		}
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.lineIdx -= s.pos
		s.end = n
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.cfg.maxRecord {
			s.failAt(CodeTooLarge, 0, "слишком длинный тег: больше "+strconv.Itoa(s.cfg.maxRecord)+" байт")
			return false
		}
		size := 2 * len(s.buf)
		if size > s.cfg.maxRecord {
			size = s.cfg.maxRecord
		}
		nb := make([]byte, size)
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for empty := 0; ; empty++ {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			if err == io.EOF {
				s.eof = true
			} else {
				s.rerr = err
			}
			if n > 0 {
				return true
			}
			return s.fill()
		}
		if n > 0 {
			return true
		}
		if empty >= 100 {
			s.rerr = io.ErrNoProgress
			return s.fill()
		}
	}
}

// failAt records a syntax error at buf[idx].
func (s *Scanner) failAt(code string, idx int, msg string) status {
	s.err = &ParseError{
		File:    s.cfg.file,
		Line:    s.lineAt(idx),
		Offset:  s.base + int64(idx),
		Record:  s.cur,
		Code:    code,
		Message: msg,
	}
	return stFail
}

var bomBytes = []byte{0xEF, 0xBB, 0xBF}

func (s *Scanner) bom() status {
	b := s.buf[s.pos:s.end]
	if len(b) < 3 && !s.eof {
		return stMore
	}
	if bytes.HasPrefix(b, bomBytes) {
		s.pos += 3
	}
	s.st = stDecl
	return stOK
}

// decl reads the XML declaration, when the input starts with one, the way
// encoding/xml does: the target must be exactly "xml", the version, when
// given, "1.0" and the encoding, when given, UTF-8.
func (s *Scanner) decl() status {
	b := s.buf[:s.end]
	i := s.pos
	if len(b)-i < 2 && !s.eof {
		return stMore
	}
	if len(b)-i < 2 || b[i] != '<' || b[i+1] != '?' {
		s.st = stBeforeRoot
		return stOK
	}
	k := i + 2
	for k < len(b) && (nameByte[b[k]] || b[k] >= utf8.RuneSelf) {
		k++
	}
	if k == len(b) {
		return stMore
	}
	if string(b[i+2:k]) != "xml" {
		return s.failAt(CodeMalformed, i, "инструкции обработки, кроме объявления XML, не поддерживаются")
	}
	for k < len(b) && isSpace(b[k]) {
		k++
	}
	e := bytes.Index(b[k:], []byte("?>"))
	if e < 0 {
		return stMore
	}
	content := string(b[k : k+e])
	if v := procInst("version", content); v != "" && v != "1.0" {
		return s.failAt(CodeEncoding, i, "неподдерживаемая версия XML "+quoteValue([]byte(v)))
	}
	if enc := procInst("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
		return s.failAt(CodeEncoding, i, "неподдерживаемая кодировка "+quoteValue([]byte(enc))+": нужна UTF-8")
	}
	s.pos = k + e + 2
	s.st = stBeforeRoot
	return stOK
}

// procInst returns the value of param="…" or param='…' in the content of
// an XML declaration, or "". It is the parsing of encoding/xml, kept
// exactly, quirks included, so that both accept the same declarations.
func procInst(param, s string) string {
	param = param + "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// skipSpace commits the white space at s.pos and reports whether a byte
// follows it in the buffer.
func (s *Scanner) skipSpace() bool {
	b := s.buf[:s.end]
	i := s.pos
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	s.pos = i
	return i < len(b)
}

func (s *Scanner) rootTag() status {
	if !s.skipSpace() {
		return stMore
	}
	b := s.buf[:s.end]
	i := s.pos
	if b[i] != '<' {
		return s.failAt(CodeMalformed, i, "текст перед корневым элементом")
	}
	if i+1 == len(b) {
		return stMore
	}
	switch b[i+1] {
	case '?':
		return s.failAt(CodeMalformed, i, "инструкции обработки, кроме объявления XML в начале файла, не поддерживаются")
	case '!':
		return s.failAt(CodeMalformed, i, "комментарии, DOCTYPE и CDATA не поддерживаются")
	case '/':
		return s.failAt(CodeMalformed, i, "закрывающий тег без открывающего")
	}
	j, self, res := s.tag(b, i)
	if res != stOK {
		return res
	}
	if string(s.name) != s.root {
		s.root = string(s.name)
	}
	if s.wantRoot != "" && s.root != s.wantRoot {
		return s.failAt(CodeElement, i, "корневой элемент <"+s.root+">, а в файлах "+string(s.cfg.kind)+" он <"+s.wantRoot+">")
	}
	s.pos = j
	if self {
		s.st = stEpilog
	} else {
		s.st = stBody
	}
	return stOK
}

// body reads the next record, or the end tag of the root.
func (s *Scanner) body() status {
	s.cur = 0
	if !s.skipSpace() {
		return stMore
	}
	b := s.buf[:s.end]
	i := s.pos
	if b[i] != '<' {
		return s.failAt(CodeMalformed, i, "текст между записями")
	}
	if i+1 == len(b) {
		return stMore
	}
	switch b[i+1] {
	case '/':
		j, res := s.endTag(b, i, s.root)
		if res != stOK {
			return res
		}
		s.pos = j
		s.st = stEpilog
		return stOK
	}
	s.cur = s.count + 1
	switch b[i+1] {
	case '?':
		return s.failAt(CodeMalformed, i, "инструкции обработки внутри данных не поддерживаются")
	case '!':
		return s.failAt(CodeMalformed, i, "комментарии и CDATA не поддерживаются")
	}
	j, self, res := s.tag(b, i)
	if res != stOK {
		return res
	}
	if s.wantElem != "" && string(s.name) != s.wantElem {
		return s.failAt(CodeElement, i, "запись <"+string(s.name)+">, а в файлах "+string(s.cfg.kind)+" записи <"+s.wantElem+">")
	}
	if !self {
		// <NAME …></NAME>, white space allowed between.
		k := j
		for k < len(b) && isSpace(b[k]) {
			k++
		}
		if k == len(b) {
			return stMore
		}
		if b[k] != '<' {
			return s.failAt(CodeMalformed, k, "текст внутри записи <"+string(s.name)+">")
		}
		if k+1 == len(b) {
			return stMore
		}
		if b[k+1] != '/' {
			return s.failAt(CodeMalformed, k, "вложенные элементы внутри записи <"+string(s.name)+"> не поддерживаются")
		}
		j, res = s.endTag(b, k, string(s.name))
		if res != stOK {
			return res
		}
	}
	s.recStart = i
	s.recOff = s.base + int64(i)
	s.recLine = 0
	s.pos = j
	s.count++
	s.cur = 0
	return stOK
}

func (s *Scanner) epilog() status {
	if !s.skipSpace() {
		return stMore
	}
	return s.failAt(CodeMalformed, s.pos, "данные после корневого элемента")
}

// endTag reads "</NAME>" at b[i:], white space allowed before '>', and
// checks that NAME is want.
func (s *Scanner) endTag(b []byte, i int, want string) (int, status) {
	k := i + 2
	if k == len(b) {
		return 0, stMore
	}
	if !nameStart[b[k]] {
		return 0, s.failAt(CodeMalformed, k, "ожидалось имя элемента после </")
	}
	for k < len(b) && nameChar[b[k]] {
		k++
	}
	name := b[i+2 : k]
	for k < len(b) && isSpace(b[k]) {
		k++
	}
	if k == len(b) {
		return 0, stMore
	}
	if b[k] != '>' {
		return 0, s.failAt(CodeMalformed, k, "недопустимые символы в закрывающем теге </"+string(name)+">")
	}
	if string(name) != want {
		return 0, s.failAt(CodeMalformed, i, "элемент <"+want+"> закрыт тегом </"+string(name)+">")
	}
	return k + 1, stOK
}

// tag reads a start tag "<NAME attr="v" …>" or "<NAME … />" at b[i:] into
// s.name and s.attrs. It returns the index after the tag and whether the
// tag closes itself.
func (s *Scanner) tag(b []byte, i int) (int, bool, status) {
	s.attrs = s.attrs[:0]
	s.scratch = s.scratch[:0]
	k := i + 1
	if k == len(b) {
		return 0, false, stMore
	}
	if !nameStart[b[k]] {
		return 0, false, s.failAt(CodeMalformed, k, "ожидалось имя элемента после <")
	}
	for k < len(b) && nameChar[b[k]] {
		k++
	}
	s.name = b[i+1 : k]
	var seen uint64
	for {
		for k < len(b) && isSpace(b[k]) {
			k++
		}
		if k == len(b) {
			return 0, false, stMore
		}
		c := b[k]
		if c == '/' {
			if k+1 == len(b) {
				return 0, false, stMore
			}
			if b[k+1] != '>' {
				return 0, false, s.failAt(CodeMalformed, k, "ожидалось /> в элементе <"+string(s.name)+">")
			}
			return k + 2, true, stOK
		}
		if c == '>' {
			return k + 1, false, stOK
		}
		if !nameStart[c] {
			return 0, false, s.failAt(CodeMalformed, k, "ожидалось имя атрибута в элементе <"+string(s.name)+">")
		}
		ns := k
		for k < len(b) && nameChar[b[k]] {
			k++
		}
		an := b[ns:k]
		for k < len(b) && isSpace(b[k]) {
			k++
		}
		if k == len(b) {
			return 0, false, stMore
		}
		if b[k] != '=' {
			return 0, false, s.failAt(CodeMalformed, k, "атрибут "+string(an)+" без значения в элементе <"+string(s.name)+">")
		}
		k++
		for k < len(b) && isSpace(b[k]) {
			k++
		}
		if k == len(b) {
			return 0, false, stMore
		}
		q := b[k]
		if q != '"' && q != '\'' {
			return 0, false, s.failAt(CodeMalformed, k, "значение атрибута "+string(an)+" не в кавычках")
		}
		k++
		e := bytes.IndexByte(b[k:], q)
		if e < 0 {
			return 0, false, stMore
		}
		v, ok := s.value(b[k:k+e], k)
		if !ok {
			return 0, false, stFail
		}
		// Duplicate check: a 64-bit filter over a cheap hash of the name,
		// and a full comparison only on a hit.
		bit := uint64(1) << ((uint(len(an))*7 + uint(an[0]) + uint(an[len(an)-1])*3) & 63)
		if seen&bit != 0 {
			for _, a := range s.attrs {
				if bytes.Equal(a.Name, an) {
					return 0, false, s.failAt(CodeDuplicateAttr, ns, "атрибут "+string(an)+" повторяется в элементе <"+string(s.name)+">")
				}
			}
		}
		seen |= bit
		s.attrs = append(s.attrs, Attr{Name: an, Value: v})
		k += e + 1
	}
}

// value checks and decodes a raw attribute value v (found at buf[at]) as
// encoding/xml does: entities and character references are replaced,
// "\r\n" and a lone "\r" become "\n", '<' is an error, and the result
// must be UTF-8 made of characters XML allows. Values that need no
// decoding are returned as they are, without copying.
func (s *Scanner) value(v []byte, at int) ([]byte, bool) {
	i := 0
	for i < len(v) && valPlain[v[i]] {
		i++
	}
	if i == len(v) {
		return v, true
	}
	out := -1 // start of the decoded value in s.scratch; -1 while not decoding
	flush := 0
	for i < len(v) {
		c := v[i]
		if valPlain[c] {
			i++
			continue
		}
		switch {
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(v[i:])
			if r == utf8.RuneError && size == 1 {
				s.failAt(CodeEncoding, at+i, "недопустимая последовательность UTF-8")
				return nil, false
			}
			if r == 0xFFFE || r == 0xFFFF {
				s.failAt(CodeEncoding, at+i, "недопустимый в XML символ "+runeCode(r))
				return nil, false
			}
			i += size
		case c == '<':
			s.failAt(CodeMalformed, at+i, "символ < внутри значения атрибута")
			return nil, false
		case c == '\r':
			if out < 0 {
				out = len(s.scratch)
			}
			s.scratch = append(s.scratch, v[flush:i]...)
			s.scratch = append(s.scratch, '\n')
			i++
			if i < len(v) && v[i] == '\n' {
				i++
			}
			flush = i
		case c == '&':
			if out < 0 {
				out = len(s.scratch)
			}
			s.scratch = append(s.scratch, v[flush:i]...)
			r, n := entity(v[i:])
			if n == 0 {
				s.failAt(CodeEntity, at+i, "неверная ссылка на сущность "+entityText(v[i:]))
				return nil, false
			}
			if !inCharRange(r) {
				s.failAt(CodeEncoding, at+i, "недопустимый в XML символ "+runeCode(r))
				return nil, false
			}
			s.scratch = utf8.AppendRune(s.scratch, r)
			i += n
			flush = i
		default:
			s.failAt(CodeEncoding, at+i, "недопустимый в XML символ "+runeCode(rune(c)))
			return nil, false
		}
	}
	if out < 0 {
		return v, true
	}
	s.scratch = append(s.scratch, v[flush:]...)
	return s.scratch[out:], true
}

// entity decodes the reference at the start of v ("&lt;", "&#65;",
// "&#x41;") and returns its rune and length, or n == 0 when it is not one
// encoding/xml (strict) accepts. A reference to a surrogate gives U+FFFD,
// as string(rune(n)) does in encoding/xml.
func entity(v []byte) (r rune, n int) {
	if len(v) < 3 {
		return 0, 0
	}
	if v[1] == '#' {
		k := 2
		base := 10
		if v[k] == 'x' {
			base = 16
			k++
		}
		start := k
		val := 0
		for ; k < len(v); k++ {
			d := digitVal(v[k], base)
			if d < 0 {
				break
			}
			if val <= utf8.MaxRune {
				val = val*base + d
			}
		}
		if k == start || k == len(v) || v[k] != ';' || val > utf8.MaxRune {
			return 0, 0
		}
		r = rune(val)
		if 0xD800 <= r && r <= 0xDFFF {
			r = utf8.RuneError
		}
		return r, k + 1
	}
	rest := v[1:]
	switch {
	case bytes.HasPrefix(rest, []byte("lt;")):
		return '<', 4
	case bytes.HasPrefix(rest, []byte("gt;")):
		return '>', 4
	case bytes.HasPrefix(rest, []byte("amp;")):
		return '&', 5
	case bytes.HasPrefix(rest, []byte("apos;")):
		return '\'', 6
	case bytes.HasPrefix(rest, []byte("quot;")):
		return '"', 6
	}
	return 0, 0
}

func digitVal(c byte, base int) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case base == 16 && 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case base == 16 && 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// entityText returns the reference at the start of v for a message.
func entityText(v []byte) string {
	end := bytes.IndexByte(v, ';')
	if end < 0 || end > 16 {
		end = min(len(v), 16) - 1
	}
	return quoteValue(v[:end+1])
}

func runeCode(r rune) string {
	const hex = "0123456789ABCDEF"
	b := []byte("U+")
	digits := 4
	if r > 0xFFFF {
		digits = 6
	}
	for i := digits - 1; i >= 0; i-- {
		b = append(b, hex[(r>>(4*uint(i)))&0xF])
	}
	return string(b)
}

// inCharRange reports whether r is a character XML 1.0 allows.
func inCharRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// Byte classes. Names are restricted to ASCII: a letter or '_' first,
// then letters, digits, '_', '.', '-'. nameByte is the wider set of
// encoding/xml (with ':'), used for the target of the XML declaration.
var nameStart, nameChar, nameByte, valPlain [256]bool

func init() {
	for c := 0; c < 256; c++ {
		b := byte(c)
		letter := 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z'
		nameStart[c] = letter || b == '_'
		nameChar[c] = nameStart[c] || '0' <= b && b <= '9' || b == '.' || b == '-'
		nameByte[c] = nameChar[c] || b == ':'
		valPlain[c] = (b >= 0x20 && b < utf8.RuneSelf && b != '<' && b != '&') || b == '\t' || b == '\n'
	}
}

// Record is the current record of a Scanner: a view valid until the next
// call of Scanner.Next.
type Record struct {
	s *Scanner
}

// Name returns the element name of the record, such as "HOUSE".
func (r Record) Name() string {
	s := r.s
	if string(s.name) != s.nameStr {
		s.nameStr = string(s.name)
	}
	return s.nameStr
}

// Attrs returns the attributes of the record in document order. The
// slice and its views are valid until the next call of Scanner.Next.
func (r Record) Attrs() []Attr { return r.s.attrs }

// Attr returns the decoded value of the attribute name and whether the
// record has it.
func (r Record) Attr(name string) ([]byte, bool) {
	for _, a := range r.s.attrs {
		if string(a.Name) == name {
			return a.Value, true
		}
	}
	return nil, false
}

// Line returns the 1-based line of the record.
func (r Record) Line() int { return r.s.Line() }

// Offset returns the byte offset of the record from the start of the
// input.
func (r Record) Offset() int64 { return r.s.Offset() }

// Index returns the 1-based ordinal of the record in the file.
func (r Record) Index() int { return r.s.count }

// File returns the file name given to the Scanner with WithFile.
func (r Record) File() string { return r.s.cfg.file }

// Error returns a *ParseError about attr (which may be "") of the
// record, with its position.
func (r Record) Error(attr, code, message string, cause error) *ParseError {
	return &ParseError{
		File:    r.s.cfg.file,
		Line:    r.Line(),
		Offset:  r.Offset(),
		Record:  r.s.count,
		Element: r.Name(),
		Attr:    attr,
		Code:    code,
		Message: message,
		Err:     cause,
	}
}
