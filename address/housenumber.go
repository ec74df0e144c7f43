package address

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of ParseHouseNumber, in runes.
const (
	houseNumberField    = "house_number"
	houseNumberMaxInput = 100 // the whole input, and the canonical form of a result
	houseNumberMaxValue = 20  // one value: the number, a корпус, a литера…
)

// HouseNumber is a house designation split into its identifying elements.
// Letters are kept in upper case with Ё written as Е; Cyrillic stays Cyrillic.
// The zero HouseNumber means "not set".
type HouseNumber struct {
	Number    string // main house number: "5", "10А", "12/1"; may be empty when only a строение is given
	Corpus    string // корпус
	Building  string // строение
	Structure string // сооружение
	Liter     string // литер(а)
}

// IsZero reports whether h has no element at all.
func (h HouseNumber) IsZero() bool { return h == HouseNumber{} }

// String returns the canonical short form, such as "5, корп. 2, стр. 1, лит. Б".
// Empty elements are left out, so a bare number prints as just "5" and a
// house given by its строение alone as "стр. 1". ParseHouseNumber reads the
// result back to the same HouseNumber.
func (h HouseNumber) String() string {
	var b strings.Builder
	b.Grow(len(h.Number) + len(h.Corpus) + len(h.Building) + len(h.Structure) + len(h.Liter) + 64)
	b.WriteString(h.Number)
	writeHouseElement(&b, "корп. ", h.Corpus)
	writeHouseElement(&b, "стр. ", h.Building)
	writeHouseElement(&b, "соор. ", h.Structure)
	writeHouseElement(&b, "лит. ", h.Liter)
	return b.String()
}

// hnCanonicalLen is the length of h.String() in runes, counted without
// building the string.
func hnCanonicalLen(h HouseNumber) int {
	n := utf8.RuneCountInString(h.Number)
	for _, e := range [...]struct {
		label, value string
	}{{"корп. ", h.Corpus}, {"стр. ", h.Building}, {"соор. ", h.Structure}, {"лит. ", h.Liter}} {
		if e.value == "" {
			continue
		}
		if n > 0 {
			n += len(", ")
		}
		n += utf8.RuneCountInString(e.label) + utf8.RuneCountInString(e.value)
	}
	return n
}

func writeHouseElement(b *strings.Builder, label, value string) {
	if value == "" {
		return
	}
	if b.Len() > 0 {
		b.WriteString(", ")
	}
	b.WriteString(label)
	b.WriteString(value)
}

// ParseHouseNumber reads a house designation the way people type it:
// "д. 5", "10А", "10-а", "12/1", "5к2", "5 корп. 2 стр. 1", "10А лит. Б",
// "стр. 1". Case, ё/е, spaces, commas and the dots after keywords do not
// matter. A single letter right after a number is the number's letter unless
// a value follows it, so "5к" is house 5К and "5к2" is house 5, корпус 2.
// A value is at most 20 runes long; the input, and the String of the result,
// at most 100.
//
// On failure it returns a *ValidationError whose violations have the field
// "house_number" and one of the codes CodeHouseNumberEmpty,
// CodeHouseNumberInvalid and CodeHouseNumberDuplicate.
func ParseHouseNumber(s string) (HouseNumber, error) {
	if strings.TrimSpace(s) == "" {
		return HouseNumber{}, &ValidationError{Violations: []Violation{{
			Field: houseNumberField, Code: CodeHouseNumberEmpty, Message: "Не указан номер дома",
		}}}
	}
	if utf8.RuneCountInString(s) > houseNumberMaxInput {
		return HouseNumber{}, &ValidationError{Violations: []Violation{houseNumberTooLong()}}
	}
	p := hnParser{src: s}
	p.tokenize()
	return p.parse()
}

// hnElement is what a keyword introduces.
type hnElement uint8

const (
	hnNone hnElement = iota
	hnHouse
	hnCorpus
	hnBuilding
	hnStructure
	hnLiter
)

// hnKeywords is the constant table of keywords, in lower case with ё as е.
var hnKeywords = [...]struct {
	word string
	el   hnElement
}{
	{"д", hnHouse}, {"дом", hnHouse},
	{"влд", hnHouse}, {"владение", hnHouse},
	{"двлд", hnHouse}, {"домовладение", hnHouse},
	{"к", hnCorpus}, {"корп", hnCorpus}, {"корпус", hnCorpus},
	{"с", hnBuilding}, {"стр", hnBuilding}, {"строение", hnBuilding},
	{"соор", hnStructure}, {"сооружение", hnStructure},
	{"лит", hnLiter}, {"литер", hnLiter}, {"литера", hnLiter},
}

// hnKeyword returns the element the word introduces, or hnNone.
func hnKeyword(word string) hnElement {
	for _, k := range hnKeywords {
		if hnFoldEqual(word, k.word) {
			return k.el
		}
	}
	return hnNone
}

// hnFoldEqual reports whether word equals the normalised keyword kw.
func hnFoldEqual(word, kw string) bool {
	for _, r := range word {
		k, size := utf8.DecodeRuneInString(kw)
		if size == 0 || hnFold(r) != k {
			return false
		}
		kw = kw[size:]
	}
	return kw == ""
}

// hnFold is the case- and ё-insensitive form of a letter. Going through the
// upper case first folds variants such as the old Cyrillic "ᲂ" into "о".
func hnFold(r rune) rune {
	r = unicode.ToLower(unicode.ToUpper(r))
	if r == 'ё' {
		return 'е'
	}
	return r
}

// hnUpper is the form a letter takes in a parsed value.
func hnUpper(r rune) rune { return unicode.ToUpper(hnFold(r)) }

// hnIsLetter reports whether r may appear in a house number: a Latin or
// a Cyrillic letter.
func hnIsLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) && unicode.Is(unicode.Cyrillic, r)
}

func hnIsHyphen(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—':
		return true
	}
	return false
}

// hnKind is the class of a token.
type hnKind uint8

const (
	hnEOF     hnKind = iota
	hnDigits         // a run of ASCII digits
	hnLetters        // a run of letters
	hnSpace          // a run of white space
	hnComma          // ,
	hnDot            // .
	hnHyphen         // - and its typographic cousins
	hnSlash          // /
	hnOther          // anything else, one rune
)

// hnToken is a piece of the input, src[start:end].
type hnToken struct {
	kind       hnKind
	start, end int
}

// tokenize splits the input into runs of digits, letters and spaces and
// single punctuation runes.
func (p *hnParser) tokenize() {
	s := p.src
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var kind hnKind
		switch {
		case '0' <= r && r <= '9':
			kind = hnDigits
		case hnIsLetter(r):
			kind = hnLetters
		case unicode.IsSpace(r):
			kind = hnSpace
		case r == ',':
			kind = hnComma
		case r == '.':
			kind = hnDot
		case r == '/':
			kind = hnSlash
		case hnIsHyphen(r):
			kind = hnHyphen
		default:
			kind = hnOther
		}
		if n := p.n; n > 0 && p.toks[n-1].kind == kind &&
			(kind == hnDigits || kind == hnLetters || kind == hnSpace) {
			p.toks[n-1].end = i + size
		} else {
			p.toks[n] = hnToken{kind: kind, start: i, end: i + size}
			p.n++
		}
		i += size
	}
}

// hnParser walks the tokens of one input.
type hnParser struct {
	src  string
	toks [houseNumberMaxInput]hnToken // an array, not a slice: it stays on the stack
	n    int                          // tokens in toks
	pos  int
	h    HouseNumber
	vs   []Violation
}

func (p *hnParser) kind(i int) hnKind {
	if i < p.n {
		return p.toks[i].kind
	}
	return hnEOF
}

func (p *hnParser) text(i int) string { return p.src[p.toks[i].start:p.toks[i].end] }

// keyword returns the element that the letters token i introduces.
func (p *hnParser) keyword(i int) hnElement {
	if p.kind(i) != hnLetters {
		return hnNone
	}
	return hnKeyword(p.text(i))
}

func (p *hnParser) skipSpace(i int) int {
	if p.kind(i) == hnSpace {
		i++
	}
	return i
}

func (p *hnParser) skipSeparators() {
	for k := p.kind(p.pos); k == hnSpace || k == hnComma; k = p.kind(p.pos) {
		p.pos++
	}
}

// valueStart is the token after the keyword at kw, its dot and spaces.
func (p *hnParser) valueStart(kw int) int {
	i := kw + 1
	if p.kind(i) == hnDot {
		i++
	}
	return p.skipSpace(i)
}

// hasValue reports whether a value of el follows the keyword at kw. A
// литера is a word that is not itself a keyword of several letters; the
// others start with a digit.
func (p *hnParser) hasValue(kw int, el hnElement) bool {
	i := p.valueStart(kw)
	if el != hnLiter {
		return p.kind(i) == hnDigits
	}
	if p.kind(i) != hnLetters {
		return false
	}
	t := p.text(i)
	return p.keyword(i) <= hnHouse || utf8.RuneCountInString(t) == 1
}

func (p *hnParser) parse() (HouseNumber, error) {
	p.skipSeparators()
	if p.keyword(p.pos) == hnHouse {
		kw := p.pos
		if !p.hasValue(kw, hnHouse) {
			return p.fail(p.noValue(kw))
		}
		p.pos = p.valueStart(kw)
	}
	if p.kind(p.pos) == hnDigits {
		v, bad := p.numberValue()
		if bad != nil {
			return p.fail(*bad)
		}
		p.h.Number = v
	}
	for {
		p.skipSeparators()
		if p.pos >= p.n {
			break
		}
		kw := p.pos
		el := p.keyword(kw)
		if el <= hnHouse {
			return p.fail(p.unknown(kw))
		}
		if !p.hasValue(kw, el) {
			return p.fail(p.noValue(kw))
		}
		p.pos = p.valueStart(kw)
		var v string
		var bad *Violation
		if el == hnLiter {
			v, bad = p.literValue()
		} else {
			v, bad = p.numberValue()
		}
		if bad != nil {
			return p.fail(*bad)
		}
		field, dup := p.field(el)
		if *field != "" {
			p.vs = append(p.vs, Violation{Field: houseNumberField, Code: CodeHouseNumberDuplicate, Message: dup})
			continue
		}
		*field = v
	}
	if len(p.vs) > 0 {
		return HouseNumber{}, &ValidationError{Violations: p.vs}
	}
	if p.h.IsZero() { // separators only, such as ","
		return p.fail(p.unknown(0))
	}
	if hnCanonicalLen(p.h) > houseNumberMaxInput {
		return p.fail(houseNumberTooLong())
	}
	return p.h, nil
}

// field returns the field of el and the message for a repeated one.
func (p *hnParser) field(el hnElement) (*string, string) {
	switch el {
	case hnCorpus:
		return &p.h.Corpus, "Корпус указан дважды"
	case hnBuilding:
		return &p.h.Building, "Строение указано дважды"
	case hnStructure:
		return &p.h.Structure, "Сооружение указано дважды"
	default:
		return &p.h.Liter, "Литера указана дважды"
	}
}

// numberValue reads digits, an optional letter, and optionally "/" with
// more digits and a letter: "5", "10А", "12/1", "12/1А".
func (p *hnParser) numberValue() (string, *Violation) {
	var buf [64]byte
	b := append(buf[:0], p.text(p.pos)...)
	plain := p.text(p.pos)
	p.pos++
	if r := p.suffix(); r != 0 {
		b = utf8.AppendRune(b, r)
		plain = ""
	}
	if slash := p.skipSpace(p.pos); p.kind(slash) == hnSlash {
		i := p.skipSpace(slash + 1)
		if p.kind(i) != hnDigits {
			v := p.unknown(slash)
			return "", &v
		}
		b = append(b, '/')
		b = append(b, p.text(i)...)
		plain = ""
		p.pos = i + 1
		if r := p.suffix(); r != 0 {
			b = utf8.AppendRune(b, r)
		}
	}
	if utf8.RuneCount(b) > houseNumberMaxValue {
		v := houseNumberValueTooLong(string(b))
		return "", &v
	}
	if plain != "" {
		return plain, nil // digits only: no copy
	}
	return string(b), nil
}

// suffix consumes and returns the letter of the number just read: a single
// letter glued to it or after a space or hyphen ("10А", "10 а", "10-а"). A
// letter is not taken when it is a keyword with a value after it ("5к2") or
// is followed by a dot ("5 к."). From a word glued of a letter and a keyword
// with a value ("10Алит. Б") the letter is taken and the keyword left.
func (p *hnParser) suffix() rune {
	i := p.skipSpace(p.pos)
	if p.kind(i) == hnHyphen {
		i = p.skipSpace(i + 1)
	}
	if p.kind(i) != hnLetters {
		return 0
	}
	if el := p.keyword(i); el > hnHouse && p.hasValue(i, el) {
		return 0
	}
	t := p.toks[i]
	r, size := utf8.DecodeRuneInString(p.src[t.start:t.end])
	if t.start+size == t.end {
		if p.kind(i+1) == hnDot {
			return 0
		}
		p.pos = i + 1
		return hnUpper(r)
	}
	if el := hnKeyword(p.src[t.start+size : t.end]); el > hnHouse && p.hasValue(i, el) {
		p.toks[i].start += size
		p.pos = i
		return hnUpper(r)
	}
	return 0
}

// literValue reads a литера: letters, possibly followed by digits ("Б", "А1").
func (p *hnParser) literValue() (string, *Violation) {
	var buf [64]byte
	b := buf[:0]
	for _, r := range p.text(p.pos) {
		b = utf8.AppendRune(b, hnUpper(r))
	}
	p.pos++
	if p.kind(p.pos) == hnDigits {
		b = append(b, p.text(p.pos)...)
		p.pos++
	}
	if utf8.RuneCount(b) > houseNumberMaxValue {
		v := houseNumberValueTooLong(string(b))
		return "", &v
	}
	return string(b), nil
}

func (p *hnParser) fail(v Violation) (HouseNumber, error) {
	return HouseNumber{}, &ValidationError{Violations: append(p.vs, v)}
}

// unknown reports the fragment from token i up to the next space or comma.
func (p *hnParser) unknown(i int) Violation {
	j := i
	for k := p.kind(j); k != hnEOF && k != hnSpace && k != hnComma; k = p.kind(j) {
		j++
	}
	if j == i { // a separator itself: show the rest of the input
		j = p.n
	}
	frag := strings.TrimSpace(p.src[p.toks[i].start:p.toks[j-1].end])
	return Violation{
		Field:   houseNumberField,
		Code:    CodeHouseNumberInvalid,
		Message: "Не удалось разобрать номер дома: непонятный фрагмент «" + hnQuote(frag) + "»",
	}
}

// noValue reports a keyword at kw with nothing usable after it.
func (p *hnParser) noValue(kw int) Violation {
	end := p.toks[kw].end
	if p.kind(kw+1) == hnDot {
		end = p.toks[kw+1].end
	}
	return Violation{
		Field:   houseNumberField,
		Code:    CodeHouseNumberInvalid,
		Message: "Не удалось разобрать номер дома: после «" + hnQuote(p.src[p.toks[kw].start:end]) + "» не указано значение",
	}
}

func houseNumberValueTooLong(v string) Violation {
	return Violation{
		Field:   houseNumberField,
		Code:    CodeHouseNumberInvalid,
		Message: "Не удалось разобрать номер дома: значение «" + hnQuote(v) + "» длиннее 20 символов",
	}
}

func houseNumberTooLong() Violation {
	return Violation{
		Field:   houseNumberField,
		Code:    CodeHouseNumberInvalid,
		Message: "Не удалось разобрать номер дома: запись длиннее 100 символов",
	}
}

// hnQuote makes a fragment fit for a message: valid UTF-8, at most 20 runes.
func hnQuote(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= houseNumberMaxValue {
		return s
	}
	n := 0
	for i := range s {
		if n == houseNumberMaxValue {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
