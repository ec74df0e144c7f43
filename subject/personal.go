package subject

import (
	"log/slog"
	"strconv"
	"unicode/utf8"
)

// Personal data of persons — SNILS, INN, identity document numbers — is
// kept in small string types whose String, GoString and LogValue mask the
// value, so that fmt, slog and error messages never show it whole. The
// full value is reached only through Reveal. JSON carries the full value:
// it is the API, and the HTTP adapter decides who may read it.

// maskChar stands for a hidden character of personal data.
const maskChar = '*'

// SNILS is the insurance number of a person (СНИЛС), stored as its 11
// digits ("11223344595"). String masks all but the last five digits, in
// the official layout: "***-***-445 95".
type SNILS string

// Reveal returns the full stored value.
func (s SNILS) Reveal() string { return string(s) }

// String returns the masked value: "***-***-445 95" for a stored SNILS,
// the empty string for none, and every character masked for a value that
// is not 11 digits.
func (s SNILS) String() string {
	if s == "" {
		return ""
	}
	if len(s) != 11 || !allDigits(string(s)) {
		return maskAll(string(s))
	}
	return "***-***-" + string(s[6:9]) + " " + string(s[9:])
}

// GoString returns the masked value quoted, so that %#v masks too.
func (s SNILS) GoString() string { return strconv.Quote(s.String()) }

// LogValue returns the masked value, so that slog never logs the SNILS.
func (s SNILS) LogValue() slog.Value { return slog.StringValue(s.String()) }

// INN is the taxpayer number of a person (ИНН), stored as its 12 digits.
// String masks all but the last four digits: "********9012".
type INN string

// Reveal returns the full stored value.
func (n INN) Reveal() string { return string(n) }

// String returns the masked value: every character but the last four
// replaced by '*', the empty string for none.
func (n INN) String() string { return maskKeep(string(n), 4) }

// GoString returns the masked value quoted, so that %#v masks too.
func (n INN) GoString() string { return strconv.Quote(n.String()) }

// LogValue returns the masked value, so that slog never logs the INN.
func (n INN) LogValue() slog.Value { return slog.StringValue(n.String()) }

// DocumentNumber is the series and number of an identity document in its
// stored form: 10 digits of a passport ("1234567890"), or the official
// form of a birth certificate ("II-АБ 123456"). String keeps separators
// and the last three characters and masks the other letters and digits:
// "*******890", "**-** ***456".
type DocumentNumber string

// Reveal returns the full stored value.
func (d DocumentNumber) Reveal() string { return string(d) }

// String returns the masked value.
func (d DocumentNumber) String() string { return maskKeep(string(d), 3) }

// GoString returns the masked value quoted, so that %#v masks too.
func (d DocumentNumber) GoString() string { return strconv.Quote(d.String()) }

// LogValue returns the masked value, so that slog never logs the number.
func (d DocumentNumber) LogValue() slog.Value { return slog.StringValue(d.String()) }

// MaskDate returns the masked form of a birth date: "****-**-**" for a
// set date, the empty string for the zero Date. A birth date is personal
// data: Person.String and Person.LogValue show it only through MaskDate.
func MaskDate(d Date) string {
	if d.IsZero() {
		return ""
	}
	return "****-**-**"
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// maskAll replaces every rune of s by maskChar.
func maskAll(s string) string { return maskKeep(s, 0) }

// maskKeep replaces every letter or digit of s by maskChar except the last
// keep runes; other characters (separators) stay. When s has no more than
// keep runes, or holds a rune that is not a letter, digit, space or
// hyphen, everything is masked: an odd value may be anything.
func maskKeep(s string, keep int) string {
	if s == "" {
		return ""
	}
	n := utf8.RuneCountInString(s)
	if n <= keep || !maskable(s) {
		keep = 0
	}
	b := make([]byte, 0, len(s))
	i := 0
	for _, r := range s {
		switch {
		case i >= n-keep:
			b = utf8.AppendRune(b, r)
		case keep > 0 && (r == ' ' || r == '-'):
			b = append(b, byte(r))
		default:
			b = append(b, maskChar)
		}
		i++
	}
	return string(b)
}

// maskable reports whether s holds only digits, Latin or Cyrillic letters,
// spaces and hyphens.
func maskable(s string) bool {
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z',
			r >= 'А' && r <= 'я', r == 'Ё', r == 'ё', r == ' ', r == '-':
		default:
			return false
		}
	}
	return true
}
