package gartest

import (
	"bufio"
	"strconv"
	"unicode/utf8"

	"github.com/openzhkh/zhkh/address"
)

// xmlFile writes one GAR document: an optional byte order mark, the XML
// declaration, a root element and flat, self-closing record elements with
// attributes only. The root start tag is written with the first record, so
// that a file without records is an empty root (<CARPLACES />), as in the
// real distributions.
type xmlFile struct {
	w          *bufio.Writer
	root, elem string
	single     bool
	records    int
	scratch    []byte
}

const xmlDecl = `<?xml version="1.0" encoding="utf-8"?>`

func newXMLFile(w *bufio.Writer, root, elem string, opts *Options) *xmlFile {
	f := &xmlFile{w: w, root: root, elem: elem, single: opts.SingleLine, scratch: make([]byte, 0, 64)}
	if opts.BOM {
		w.WriteString("\uFEFF")
	}
	w.WriteString(xmlDecl)
	f.newline()
	return f
}

func (f *xmlFile) newline() {
	if !f.single {
		f.w.WriteByte('\n')
	}
}

// begin starts a record element.
func (f *xmlFile) begin() {
	if f.records == 0 {
		f.w.WriteByte('<')
		f.w.WriteString(f.root)
		f.w.WriteByte('>')
		f.newline()
	}
	f.records++
	if !f.single {
		f.w.WriteString("  ")
	}
	f.w.WriteByte('<')
	f.w.WriteString(f.elem)
}

// end closes a record element.
func (f *xmlFile) end() {
	f.w.WriteString(" />")
	f.newline()
}

// close ends the document.
func (f *xmlFile) close() {
	if f.records == 0 {
		f.w.WriteByte('<')
		f.w.WriteString(f.root)
		f.w.WriteString(" />")
	} else {
		f.w.WriteString("</")
		f.w.WriteString(f.root)
		f.w.WriteByte('>')
	}
	f.newline()
}

func (f *xmlFile) name(name string) {
	f.w.WriteByte(' ')
	f.w.WriteString(name)
	f.w.WriteString(`="`)
}

// str writes an attribute with an escaped string value.
func (f *xmlFile) str(name, value string) {
	f.name(name)
	escape(f.w, value)
	f.w.WriteByte('"')
}

// optStr writes an attribute unless the value is empty.
func (f *xmlFile) optStr(name, value string) {
	if value != "" {
		f.str(name, value)
	}
}

// int writes an integer attribute.
func (f *xmlFile) int(name string, v int64) {
	f.name(name)
	f.scratch = strconv.AppendInt(f.scratch[:0], v, 10)
	f.w.Write(f.scratch)
	f.w.WriteByte('"')
}

// date writes a date attribute in the form YYYY-MM-DD.
func (f *xmlFile) date(name string, d address.Date) {
	f.name(name)
	f.scratch = d.AppendText(f.scratch[:0])
	f.w.Write(f.scratch)
	f.w.WriteByte('"')
}

// flag writes a data-file boolean: 1 or 0.
func (f *xmlFile) flag(name string, v bool) {
	if v {
		f.str(name, "1")
	} else {
		f.str(name, "0")
	}
}

// boolean writes a catalog boolean: true or false.
func (f *xmlFile) boolean(name string, v bool) {
	f.str(name, strconv.FormatBool(v))
}

// escape writes s as the text of a double-quoted attribute value: the
// markup characters as entities, tab, line feed and carriage return as
// character references (so that they survive attribute value
// normalisation), and what XML cannot carry (other control characters,
// invalid UTF-8) as U+FFFD.
func escape(w *bufio.Writer, s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var rep string
		width := 1
		switch {
		case c == '&':
			rep = "&amp;"
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '"':
			rep = "&quot;"
		case c == '\t':
			rep = "&#x9;"
		case c == '\n':
			rep = "&#xA;"
		case c == '\r':
			rep = "&#xD;"
		case c < 0x20:
			rep = "\uFFFD"
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			width = n
			if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
				rep = "\uFFFD"
			}
		}
		if rep == "" {
			i += width
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(rep)
		i += width
		last = i
	}
	w.WriteString(s[last:])
}
