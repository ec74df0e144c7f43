package gis

import (
	"bytes"
	"strings"

	"github.com/beevik/etree"
)

// writeDocument serialises an envelope the way Message.Bytes promises: the
// XML declaration, then the tree without indentation. It writes straight
// into buf, without the intermediate strings etree's own writer makes for
// every qualified tag, because serialisation is most of the cost of a big
// import. Text and attribute values escape &, <, >, " and ' (and a
// carriage return as &#xD;, so that it survives parsing); attribute values
// also escape the tab and the line feed, which a parser would normalise.
func writeDocument(buf *bytes.Buffer, doc *etree.Document) error {
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
	for _, t := range doc.Child {
		switch t := t.(type) {
		case *etree.Element:
			if err := writeElement(buf, t); err != nil {
				return err
			}
		case *etree.ProcInst:
			if t.Target == "xml" {
				continue // the declaration is written above
			}
			return invalidf("инструкция обработки %q в сообщении", t.Target)
		case *etree.CharData, *etree.Comment:
			// whitespace and comments outside the root are not sent
		default:
			return invalidf("недопустимый узел %T в сообщении", t)
		}
	}
	return nil
}

// writeName writes a qualified name: space:local, or local alone.
func writeName(buf *bytes.Buffer, space, local string) {
	if space != "" {
		buf.WriteString(space)
		buf.WriteByte(':')
	}
	buf.WriteString(local)
}

// writeElement writes e and its subtree; an empty element is written
// self-closed. A node that is not an element, text or a comment is an
// error matching ErrInvalid.
func writeElement(buf *bytes.Buffer, e *etree.Element) error {
	buf.WriteByte('<')
	writeName(buf, e.Space, e.Tag)
	for _, a := range e.Attr {
		buf.WriteByte(' ')
		writeName(buf, a.Space, a.Key)
		buf.WriteString(`="`)
		writeEscaped(buf, a.Value, true)
		buf.WriteByte('"')
	}
	if len(e.Child) == 0 {
		buf.WriteString("/>")
		return nil
	}
	buf.WriteByte('>')
	for _, t := range e.Child {
		switch t := t.(type) {
		case *etree.Element:
			if err := writeElement(buf, t); err != nil {
				return err
			}
		case *etree.CharData:
			writeEscaped(buf, t.Data, false)
		case *etree.Comment:
			// comments are not part of a message
		default:
			return invalidf("недопустимый узел %T в элементе %s", t, e.FullTag())
		}
	}
	buf.WriteString("</")
	writeName(buf, e.Space, e.Tag)
	buf.WriteByte('>')
	return nil
}

// writeEscaped writes s with the characters XML needs escaped replaced by
// references. Most values need none, and are written in one call.
func writeEscaped(buf *bytes.Buffer, s string, attr bool) {
	special := "&<>\"'\r"
	if attr {
		special = "&<>\"'\t\n\r"
	}
	for {
		i := strings.IndexAny(s, special)
		if i < 0 {
			buf.WriteString(s)
			return
		}
		buf.WriteString(s[:i])
		switch s[i] {
		case '&':
			buf.WriteString("&amp;")
		case '<':
			buf.WriteString("&lt;")
		case '>':
			buf.WriteString("&gt;")
		case '"':
			buf.WriteString("&quot;")
		case '\'':
			buf.WriteString("&apos;")
		case '\t':
			buf.WriteString("&#x9;")
		case '\n':
			buf.WriteString("&#xA;")
		case '\r':
			buf.WriteString("&#xD;")
		}
		s = s[i+1:]
	}
}

// Standalone returns a copy of e that can be written as a document of its
// own: the namespace declarations e inherits from its ancestors, and does
// not override, are copied onto it. Use it to keep or show a payload
// element (an export result, an Extra block) apart from its envelope.
func Standalone(e *etree.Element) *etree.Element {
	cp := e.Copy()
	declared := map[string]bool{}
	for _, a := range cp.Attr {
		if a.Space == "xmlns" {
			declared[a.Key] = true
		} else if a.Space == "" && a.Key == "xmlns" {
			declared[""] = true
		}
	}
	for p := e.Parent(); p != nil; p = p.Parent() {
		for _, a := range p.Attr {
			switch {
			case a.Space == "xmlns" && !declared[a.Key]:
				declared[a.Key] = true
				cp.CreateAttr("xmlns:"+a.Key, a.Value)
			case a.Space == "" && a.Key == "xmlns" && !declared[""]:
				declared[""] = true
				cp.CreateAttr("xmlns", a.Value)
			}
		}
	}
	return cp
}
