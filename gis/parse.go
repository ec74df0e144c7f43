package gis

import (
	"bytes"
	"strings"

	"github.com/beevik/etree"
)

// MaxResponseSize is the largest response ParseAck and ParseStateResult
// read: 64 MiB. The biggest answers of GIS ZhKKh (an NSI page of 1000
// items, 1000 item results of an import) stay far below it; anything
// larger is refused as ErrInvalid rather than held in memory.
const MaxResponseSize = 64 << 20

// readSOAPBody parses a SOAP response safely and returns the first element of
// its soapenv:Body. It refuses oversized input, any DOCTYPE or other
// directive (so no entity can expand), malformed XML and anything that is
// not a SOAP 1.1 envelope, as errors matching ErrInvalid. A soapenv:Fault
// comes back as a *Error with Fault set. Prefixes do not matter: elements
// are matched by namespace URI and local name.
func readSOAPBody(data []byte) (*etree.Element, error) {
	if len(data) > MaxResponseSize {
		return nil, invalidf("ответ больше %d байт", MaxResponseSize)
	}
	if bytes.Contains(data, []byte("<!DOCTYPE")) || bytes.Contains(data, []byte("<!ENTITY")) {
		return nil, invalidf("ответ содержит DOCTYPE: объявления DTD запрещены")
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(data); err != nil {
		return nil, invalidf("ответ не является правильным XML: %v", err)
	}
	for _, t := range doc.Child {
		if _, ok := t.(*etree.Directive); ok {
			return nil, invalidf("ответ содержит DOCTYPE: объявления DTD запрещены")
		}
	}
	env := doc.Root()
	if env == nil || env.Tag != "Envelope" || env.NamespaceURI() != NSSOAPEnvelope {
		return nil, invalidf("ответ не является конвертом SOAP 1.1")
	}
	var body *etree.Element
	for _, c := range env.ChildElements() {
		if c.Tag == "Body" && c.NamespaceURI() == NSSOAPEnvelope {
			body = c
			break
		}
	}
	if body == nil {
		return nil, invalidf("в конверте SOAP нет элемента Body")
	}
	kids := body.ChildElements()
	if len(kids) == 0 {
		return nil, invalidf("элемент Body пуст")
	}
	first := kids[0]
	if first.Tag == "Fault" && first.NamespaceURI() == NSSOAPEnvelope {
		return nil, readFault(first)
	}
	return first, nil
}

// readFault reads a SOAP 1.1 fault: faultcode, faultstring and the
// base:Fault detail {ErrorCode, ErrorMessage?, StackTrace?}.
func readFault(f *etree.Element) *Error {
	e := &Error{Fault: true, Text: strings.TrimSpace(childText(f, "faultstring"))}
	if d := firstChild(f, "detail"); d != nil {
		if bf := firstChild(d, "Fault"); bf != nil {
			e.Code = strings.TrimSpace(childText(bf, "ErrorCode"))
			if msg := childText(bf, "ErrorMessage"); msg != "" {
				e.Text = msg
			}
			e.StackTrace = childText(bf, "StackTrace")
		}
	}
	if e.Code == "" && e.Text == "" {
		e.Text = strings.TrimSpace(childText(f, "faultcode"))
	}
	return e
}

// tagOf names an element for an error message: prefix:local.
func tagOf(e *etree.Element) string {
	return clipText(e.FullTag(), 128)
}
