package gis

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/beevik/etree"
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// add appends a child element with the qualified tag ("hm:AccountNumber")
// and returns it.
func add(parent *etree.Element, tag string) *etree.Element {
	return parent.CreateElement(tag)
}

// addText appends a child element holding text.
func addText(parent *etree.Element, tag, text string) *etree.Element {
	e := parent.CreateElement(tag)
	e.SetText(text)
	return e
}

// addOptText appends a child element holding text unless text is empty.
func addOptText(parent *etree.Element, tag, text string) {
	if text != "" {
		addText(parent, tag, text)
	}
}

// addGUID appends a child element holding a lower-case GUID.
func addGUID(parent *etree.Element, tag string, id uuid.UUID) *etree.Element {
	return addText(parent, tag, id.String())
}

// addOptGUID appends a GUID element unless id is zero.
func addOptGUID(parent *etree.Element, tag string, id uuid.UUID) {
	if id != uuid.Nil {
		addGUID(parent, tag, id)
	}
}

// addDate appends an xs:date element (YYYY-MM-DD).
func addDate(parent *etree.Element, tag string, d Date) *etree.Element {
	return addText(parent, tag, d.String())
}

// addOptDate appends an xs:date element unless d is zero.
func addOptDate(parent *etree.Element, tag string, d Date) {
	if !d.IsZero() {
		addDate(parent, tag, d)
	}
}

// addMoney appends a decimal with two digits after the point, as the
// schemas' money types want it.
func addMoney(parent *etree.Element, tag string, d decimal.Decimal) *etree.Element {
	return addText(parent, tag, d.StringFixed(2))
}

// addBool appends an xs:boolean element.
func addBool(parent *etree.Element, tag string, v bool) *etree.Element {
	if v {
		return addText(parent, tag, "true")
	}
	return addText(parent, tag, "false")
}

// childText returns the text of the first child with the local name, or "".
// It matches by local name so that any prefix the sender chose works.
func childText(e *etree.Element, local string) string {
	if c := firstChild(e, local); c != nil {
		return c.Text()
	}
	return ""
}

// firstChild returns the first child element with the local name, or nil.
func firstChild(e *etree.Element, local string) *etree.Element {
	if e == nil {
		return nil
	}
	for _, t := range e.Child { // not ChildElements: no slice to allocate
		if c, ok := t.(*etree.Element); ok && c.Tag == local {
			return c
		}
	}
	return nil
}

// firstElement returns the first child element of e, or nil.
func firstElement(e *etree.Element) *etree.Element {
	for _, c := range e.Child {
		if el, ok := c.(*etree.Element); ok {
			return el
		}
	}
	return nil
}

// children returns the child elements with the local name.
func children(e *etree.Element, local string) []*etree.Element {
	if e == nil {
		return nil
	}
	var out []*etree.Element
	for _, c := range e.ChildElements() {
		if c.Tag == local {
			out = append(out, c)
		}
	}
	return out
}

// parseGUID parses a GUID, returning the zero UUID for "" and an error
// matching ErrInvalid for anything else that is not a GUID.
func parseGUID(s string) (uuid.UUID, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return uuid.Nil, nil
	}
	if len(s) != 36 {
		return uuid.Nil, invalidf("неверный идентификатор GUID: %q", clipText(s, 64))
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return uuid.Nil, invalidf("неверный идентификатор GUID: %q", clipText(s, 64))
	}
	return id, nil
}

// moscowTime is UTC+3, the zone of GIS ZhKKh times written without an offset.
var moscowTime = time.FixedZone("MSK", 3*60*60)

// parseDateTime reads an xs:dateTime with or without a zone; without one
// it is taken as Moscow time (UTC+3). A bad value is an error matching
// ErrInvalid.
func parseDateTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if strings.HasSuffix(s, "Z") || hasOffset(s) {
		return time.Time{}, invalidf("неверные дата и время: %q", clipText(s, 64))
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", s, moscowTime); err == nil {
		return t, nil
	}
	return time.Time{}, invalidf("неверные дата и время: %q", clipText(s, 64))
}

// hasOffset reports whether an xs:dateTime ends with a +hh:mm or -hh:mm
// zone offset.
func hasOffset(s string) bool {
	if len(s) < 6 {
		return false
	}
	z := s[len(s)-6:]
	return (z[0] == '+' || z[0] == '-') && z[3] == ':'
}

// clipText shortens s to at most n bytes on a rune boundary, for error
// messages that quote input.
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
