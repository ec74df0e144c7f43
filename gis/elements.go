package gis

import (
	"time"

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
	for _, c := range e.ChildElements() {
		if c.Tag == local {
			return c
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

// parseGUID parses a GUID, returning the zero UUID for "" and an error for
// anything else that is not a GUID.
func parseGUID(s string) (uuid.UUID, error) {
	if s == "" {
		return uuid.Nil, nil
	}
	return uuid.Parse(s)
}

// parseDateTime reads an xs:dateTime with or without a zone; without one
// it is taken as Moscow time (UTC+3).
func parseDateTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if layout == time.RFC3339Nano {
			if t, err := time.Parse(layout, s); err == nil {
				return t, nil
			}
			continue
		}
		if t, err := time.ParseInLocation(layout, s, time.FixedZone("MSK", 3*60*60)); err == nil {
			return t, nil
		}
	}
	return time.Time{}, &Error{Code: "", Text: "неверная дата и время: " + s}
}
