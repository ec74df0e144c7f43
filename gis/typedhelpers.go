package gis

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"
	"github.com/openzhkh/zhkh/internal/fault"
	"github.com/shopspring/decimal"
)

// payloadErrorf returns an error matching ErrInvalid about a result that
// does not have the shape its schema gives it.
func payloadErrorf(format string, args ...any) error {
	return fault.New(fault.Invalid, "gis.payload", "ответ ГИС ЖКХ не соответствует схеме: "+fmt.Sprintf(format, args...))
}

// readyPayload checks that a result is complete and carries no
// whole-message error, and returns the payload elements with the local
// name. A "nothing to export" error (ClassEmpty) gives no elements and no
// error; any other whole-message error is returned as the *Error.
func readyPayload(r *StateResult, local string) ([]*etree.Element, error) {
	if r == nil {
		return nil, payloadErrorf("нет результата")
	}
	if !r.Done() {
		return nil, fault.New(fault.Invalid, "gis.not_done", "запрос еще обрабатывается в ГИС ЖКХ")
	}
	if r.Error != nil {
		if r.Error.Class() == ClassEmpty {
			return nil, nil
		}
		return nil, r.Error
	}
	var out []*etree.Element
	for _, p := range r.Payload {
		if p != nil && p.Tag == local {
			out = append(out, p)
		}
	}
	return out, nil
}

// readGUIDChild reads the GUID in the child with the local name; a missing
// child gives the zero UUID.
func readGUIDChild(e *etree.Element, local string) (uuid.UUID, error) {
	s := strings.TrimSpace(childText(e, local))
	id, err := parseGUID(s)
	if err != nil {
		return uuid.Nil, payloadErrorf("%s/%s: неверный идентификатор %q", e.Tag, local, s)
	}
	return id, nil
}

// readDateTimeChild reads the xs:dateTime in the child with the local name;
// a missing child gives the zero time.
func readDateTimeChild(e *etree.Element, local string) (time.Time, error) {
	s := strings.TrimSpace(childText(e, local))
	if s == "" {
		return time.Time{}, nil
	}
	t, err := parseDateTime(s)
	if err != nil {
		return time.Time{}, payloadErrorf("%s/%s: неверные дата и время %q", e.Tag, local, s)
	}
	return t, nil
}

// readDateChild reads the xs:date in the child with the local name; a
// missing child gives the zero Date. A zone suffix is ignored.
func readDateChild(e *etree.Element, local string) (Date, error) {
	return parseDateText(e.Tag+"/"+local, childText(e, local))
}

// parseDateText reads an xs:date, ignoring a zone suffix; "" is the zero
// Date.
func parseDateText(where, s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	var d Date
	if len(s) < 10 || d.UnmarshalText([]byte(s[:10])) != nil {
		return Date{}, payloadErrorf("%s: неверная дата %q", where, s)
	}
	return d, nil
}

// readBoolChild reads the xs:boolean in the child with the local name; a
// missing child is false.
func readBoolChild(e *etree.Element, local string) (bool, error) {
	c := firstChild(e, local)
	if c == nil {
		return false, nil
	}
	return parseBoolText(e.Tag+"/"+local, c.Text())
}

// parseBoolText reads an xs:boolean.
func parseBoolText(where, s string) (bool, error) {
	switch strings.TrimSpace(s) {
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	}
	return false, payloadErrorf("%s: неверное логическое значение %q", where, s)
}

// readIntChild reads an integer child; a missing child is 0.
func readIntChild(e *etree.Element, local string) (int, error) {
	s := strings.TrimSpace(childText(e, local))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimPrefix(s, "+"))
	if err != nil {
		return 0, payloadErrorf("%s/%s: неверное число %q", e.Tag, local, s)
	}
	return n, nil
}

// readDecimalChild reads an optional decimal child.
func readDecimalChild(e *etree.Element, local string) (*decimal.Decimal, error) {
	c := firstChild(e, local)
	if c == nil {
		return nil, nil
	}
	s := strings.TrimSpace(c.Text())
	d, err := decimal.NewFromString(s)
	if err != nil {
		return nil, payloadErrorf("%s/%s: неверное число %q", e.Tag, local, s)
	}
	return &d, nil
}

// readGUIDList reads every child with the local name as a GUID in the
// form GIS writes (36 characters, as readGUIDChild); an empty child is an
// error.
func readGUIDList(e *etree.Element, local string) ([]uuid.UUID, error) {
	var out []uuid.UUID
	for _, c := range children(e, local) {
		s := strings.TrimSpace(c.Text())
		id, err := parseGUID(s)
		if s == "" || err != nil {
			return nil, payloadErrorf("%s/%s: неверный идентификатор %q", e.Tag, local, s)
		}
		out = append(out, id)
	}
	return out, nil
}

// correlateDone checks that r is a finished result without a
// whole-message error and correlates its items to m.
func correlateDone(m *Message, r *StateResult) ([]ItemResult, error) {
	if m == nil || r == nil {
		return nil, payloadErrorf("нет сообщения или результата")
	}
	if !r.Done() {
		return nil, fault.New(fault.Invalid, "gis.not_done", "запрос еще обрабатывается в ГИС ЖКХ")
	}
	if r.Error != nil {
		return nil, r.Error
	}
	return m.Correlate(r)
}

// readPayloadList reads every payload element of r with the local name by
// read, after the checks of readyPayload; the first error stops it. An
// empty result gives an empty, non-nil slice.
func readPayloadList[T any](r *StateResult, local string, read func(*etree.Element) (T, error)) ([]T, error) {
	els, err := readyPayload(r, local)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(els))
	for _, e := range els {
		x, err := read(e)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}

// formatDateTime writes an xs:dateTime with milliseconds and the offset of
// t's location.
func formatDateTime(t time.Time) string {
	return t.Format("2006-01-02T15:04:05.000Z07:00")
}

// addGUIDs appends a GUID element under tag for every id.
func addGUIDs(parent *etree.Element, tag string, ids []uuid.UUID) {
	for _, id := range ids {
		addGUID(parent, tag, id)
	}
}

// addOptDecimal appends a decimal element unless d is nil.
func addOptDecimal(parent *etree.Element, tag string, d *decimal.Decimal) {
	if d != nil {
		addText(parent, tag, decimalText(*d))
	}
}

// decimalText writes d as xs:decimal: plain digits, never an exponent,
// without trailing zeros after the point. It avoids big-number arithmetic
// for the common values whose coefficient fits in 18 digits.
func decimalText(d decimal.Decimal) string {
	e := d.Exponent()
	if e > 0 || e < -18 || d.NumDigits() > 18 {
		s := d.StringFixed(max(0, -e))
		if strings.IndexByte(s, '.') >= 0 {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
		return s
	}
	c := d.CoefficientInt64()
	var buf [24]byte
	out := buf[:0]
	if c < 0 {
		out = append(out, '-')
		c = -c
	}
	var digits [20]byte
	ds := strconv.AppendInt(digits[:0], c, 10)
	frac := int(-e)
	for len(ds) <= frac {
		ds = append([]byte{'0'}, ds...)
	}
	intPart, fracPart := ds[:len(ds)-frac], ds[len(ds)-frac:]
	for len(fracPart) > 0 && fracPart[len(fracPart)-1] == '0' {
		fracPart = fracPart[:len(fracPart)-1]
	}
	out = append(out, intPart...)
	if len(fracPart) > 0 {
		out = append(out, '.')
		out = append(out, fracPart...)
	}
	return string(out)
}

// addOptMoney appends an amount with two digits unless d is nil.
func addOptMoney(parent *etree.Element, tag string, d *decimal.Decimal) {
	if d != nil {
		addMoney(parent, tag, *d)
	}
}

// decimalDigits returns the number of digits of d before and after the
// point, trailing zeros after the point not counted; a value below one
// has one digit before the point. A decimal with an exponent beyond ±64 is
// reported as 65 digits on its side, without printing its millions of
// digits. The common values, whose coefficient fits in 18 digits, are
// counted without allocating.
func decimalDigits(d decimal.Decimal) (intDigits, fracDigits int) {
	switch exp := d.Exponent(); {
	case d.IsZero():
		return 1, 0
	case exp > 64:
		return 65, 0
	case exp < -64:
		return 1, 65
	case exp >= 0:
		return d.NumDigits() + int(exp), 0
	case exp >= -18 && d.NumDigits() <= 18:
		c := d.CoefficientInt64()
		for exp < 0 && c%10 == 0 {
			c /= 10
			exp++
		}
		n := decimal.New(c, 0).NumDigits()
		return max(1, n+int(exp)), int(-exp)
	}
	whole, frac, _ := strings.Cut(d.Abs().String(), ".")
	return len(whole), len(frac)
}

// houseGroup is the indexes of the items of one house.
type houseGroup struct {
	house uuid.UUID
	items []int
}

// head returns the head of an import message of the group: the house's
// FIAS GUID under tag, unless it is zero.
func (g houseGroup) head(tag string) func(body *etree.Element) error {
	return func(body *etree.Element) error {
		addOptGUID(body, tag, g.house)
		return nil
	}
}

// groupByHouse groups n items by the house houseOf gives, keeping the
// order in which houses first appear and the items' order within a house.
func groupByHouse(n int, houseOf func(int) uuid.UUID) []houseGroup {
	var groups []houseGroup
	at := make(map[uuid.UUID]int)
	for i := range n {
		h := houseOf(i)
		g, ok := at[h]
		if !ok {
			g = len(groups)
			at[h] = g
			groups = append(groups, houseGroup{house: h})
		}
		groups[g].items = append(groups[g].items, i)
	}
	return groups
}

// importByHouse builds the messages of an import of n items grouped by
// the house houseOf gives (in the order houses first appear), each group
// split into messages of at most limit items that start with the house's
// FIAS GUID under headTag; item writes one item as importMessage's does.
func (b *Builder) importByHouse(op Operation, n, limit int, houseOf func(int) uuid.UUID, headTag string,
	item func(body *etree.Element, i int, transport uuid.UUID) ObjectRef,
) ([]*Message, error) {
	var out []*Message
	for _, g := range groupByHouse(n, houseOf) {
		for _, r := range batches(len(g.items), limit) {
			msg, err := b.importMessage(op, g.items[r[0]:r[1]], g.head(headTag), item)
			if err != nil {
				return nil, err
			}
			out = append(out, msg)
		}
	}
	return out, nil
}

// payloadReader reads the children of a result's payload, keeping the
// first error so that the reading code stays linear: each method returns
// the zero value after a bad child, and the caller checks err once at the
// end (or passes a structural error through or).
type payloadReader struct {
	err error
}

// guid reads a GUID child.
func (pr *payloadReader) guid(e *etree.Element, local string) uuid.UUID {
	id, err := readGUIDChild(e, local)
	pr.keep(err)
	return id
}

// guids reads every child with the local name as a GUID.
func (pr *payloadReader) guids(e *etree.Element, local string) []uuid.UUID {
	ids, err := readGUIDList(e, local)
	pr.keep(err)
	return ids
}

// dateTime reads an xs:dateTime child.
func (pr *payloadReader) dateTime(e *etree.Element, local string) time.Time {
	t, err := readDateTimeChild(e, local)
	pr.keep(err)
	return t
}

// date reads an xs:date child.
func (pr *payloadReader) date(e *etree.Element, local string) Date {
	d, err := readDateChild(e, local)
	pr.keep(err)
	return d
}

// decimal reads an optional decimal child.
func (pr *payloadReader) decimal(e *etree.Element, local string) *decimal.Decimal {
	d, err := readDecimalChild(e, local)
	pr.keep(err)
	return d
}

// integer reads an integer child.
func (pr *payloadReader) integer(e *etree.Element, local string) int {
	n, err := readIntChild(e, local)
	pr.keep(err)
	return n
}

// boolean reads an xs:boolean child.
func (pr *payloadReader) boolean(e *etree.Element, local string) bool {
	b, err := readBoolChild(e, local)
	pr.keep(err)
	return b
}

// nsiRef reads an nsiRef child.
func (pr *payloadReader) nsiRef(e *etree.Element, local string) NsiRef {
	r, err := readNsiRef(firstChild(e, local))
	pr.keep(err)
	return r
}

// keep remembers the first error.
func (pr *payloadReader) keep(err error) {
	if pr.err == nil {
		pr.err = err
	}
}

// or returns the first error kept, or err when there is none: a structural
// error found after a bad child does not hide the child's error.
func (pr *payloadReader) or(err error) error {
	if pr.err != nil {
		return pr.err
	}
	return err
}

// allDigits reports whether s is made of ASCII digits only.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// digitsOfLength records a violation when s is set and is not n digits.
func (v *violations) digitsOfLength(field, s string, n int, what string) {
	if s != "" && (len(s) != n || !allDigits(s)) {
		v.add(field, "format", what)
	}
}

// maskTail hides all but the last two characters of s, and all of s when
// it is that short, for String methods that show personal data.
func maskTail(s string) string {
	r := []rune(s)
	if len(r) <= 2 {
		return strings.Repeat("*", len(r))
	}
	return strings.Repeat("*", len(r)-2) + string(r[len(r)-2:])
}
