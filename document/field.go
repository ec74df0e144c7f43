package document

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FieldKind is the kind of value a field holds. In JSON it is one of the
// strings "string", "number", "date", "enum" and "bool".
type FieldKind string

// The kinds of field.
const (
	// KindString is free text, optionally constrained by a pattern, length
	// bounds, a mask and a named check.
	KindString FieldKind = "string"
	// KindNumber is a decimal number: digits with an optional leading minus
	// and at most one decimal separator, "." or ",".
	KindNumber FieldKind = "number"
	// KindDate is a calendar date typed as YYYY-MM-DD or DD.MM.YYYY.
	KindDate FieldKind = "date"
	// KindEnum is one of the field's allowed values, compared without
	// regard to letter case and ё/е.
	KindEnum FieldKind = "enum"
	// KindBool is a yes/no value: "true"/"false", "да"/"нет" or "1"/"0".
	KindBool FieldKind = "bool"
)

// Valid reports whether k is one of the known kinds.
func (k FieldKind) Valid() bool {
	switch k {
	case KindString, KindNumber, KindDate, KindEnum, KindBool:
		return true
	}
	return false
}

// Normalization is one step of input normalisation, applied to a value
// before it is checked and formatted. In JSON it is one of "trim",
// "upper", "digits" and "collapse_spaces".
type Normalization string

// The normalisation steps. They are applied in the order the field lists them.
const (
	// NormTrim removes white space at both ends.
	NormTrim Normalization = "trim"
	// NormUpper turns letters to upper case.
	NormUpper Normalization = "upper"
	// NormDigits keeps only the ASCII digits.
	NormDigits Normalization = "digits"
	// NormCollapseSpaces replaces every run of white space by one space and
	// trims both ends.
	NormCollapseSpaces Normalization = "collapse_spaces"
)

// Valid reports whether n is one of the known steps.
func (n Normalization) Valid() bool {
	switch n {
	case NormTrim, NormUpper, NormDigits, NormCollapseSpaces:
		return true
	}
	return false
}

// apply returns s after the step. It returns s itself, without allocating,
// when the step changes nothing.
func (n Normalization) apply(s string) string {
	switch n {
	case NormTrim:
		return strings.TrimSpace(s)
	case NormUpper:
		return strings.ToUpper(s)
	case NormDigits:
		return normDigitsOnly(s)
	case NormCollapseSpaces:
		return normCollapseSpaces(s)
	}
	return s
}

func normDigitsOnly(s string) string {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:i]...)
	for ; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			b = append(b, s[i])
		}
	}
	return string(b)
}

func normCollapseSpaces(s string) string {
	t := strings.TrimSpace(s)
	clean := true
	prevSpace := false
	for i := 0; i < len(t); {
		r, size := rune(t[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(t[i:])
		}
		i += size
		sp := isSpaceRune(r)
		if sp && (prevSpace || r != ' ') {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean {
		return t
	}
	var b strings.Builder
	b.Grow(len(t))
	prevSpace = false
	for _, r := range t {
		if isSpaceRune(r) {
			if !prevSpace {
				b.WriteByte(' ')
			}
			prevSpace = true
			continue
		}
		prevSpace = false
		b.WriteRune(r)
	}
	return b.String()
}

// isSpaceRune is unicode.IsSpace with fast paths for ASCII and for the
// letters below U+1680, Cyrillic among them.
func isSpaceRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r == ' ' || '\t' <= r && r <= '\r'
	case r < 0x1680:
		return r == 0x85 || r == 0xA0
	}
	return unicode.IsSpace(r)
}

// Field is one field (реквизит) of a document type: what it is called,
// what kind of value it holds, how input is normalised and displayed, and
// the constraints a value must meet. A Field is plain data; it takes
// effect as part of a Type built by NewType.
type Field struct {
	// Code is the stable snake_case key of the field in Values: "series".
	Code string `json:"code"`
	// Label is the Russian name shown to people: «Серия».
	Label string `json:"label"`
	// Kind is the kind of value.
	Kind FieldKind `json:"kind"`
	// Required makes an empty value a fieldViolation.
	Required bool `json:"required,omitempty"`
	// Normalize lists the normalisation steps, applied in order before
	// every other check.
	Normalize []Normalization `json:"normalize,omitempty"`
	// Mask is the display mask that Format applies: "9" stands for a digit,
	// "A" for a letter, "*" for any letter or digit, and every other rune is
	// written as is: "99 99 999999".
	Mask string `json:"mask,omitempty"`
	// Pattern is a regular expression (RE2 syntax) the whole normalised
	// value must match; it is anchored at both ends.
	Pattern string `json:"pattern,omitempty"`
	// PatternHint is an optional Russian description of the expected form,
	// added to the message of a pattern fieldViolation: «четыре цифры».
	PatternHint string `json:"pattern_hint,omitempty"`
	// MinLength and MaxLength bound the length of the normalised value in
	// runes; zero means no bound.
	MinLength int `json:"min_length,omitempty"`
	MaxLength int `json:"max_length,omitempty"`
	// Min and Max bound the value of a number field, inclusive.
	Min *int64 `json:"min,omitempty"`
	Max *int64 `json:"max,omitempty"`
	// Values are the allowed values of an enum field.
	Values []string `json:"values,omitempty"`
	// NotFuture forbids a date after the day of validation.
	NotFuture bool `json:"not_future,omitempty"`
	// NotBefore and NotAfter bound a date, inclusive; the zero Date means no bound.
	NotBefore Date `json:"not_before,omitzero"`
	NotAfter  Date `json:"not_after,omitzero"`
	// NotBeforeField names another date field of the type that this date
	// may not precede: a power of attorney is not valid until before it was issued.
	NotBeforeField string `json:"not_before_field,omitempty"`
	// Check names an identifier check known to LookupCheck ("snils",
	// "passport_rf", …) that the normalised value must pass.
	Check string `json:"check,omitempty"`
}

// clone returns a deep copy of f with empty lists as nil, so that a
// definition compares equal after a JSON round trip.
func (f Field) clone() Field {
	f.Normalize = cloneListOrNil(f.Normalize)
	f.Values = cloneListOrNil(f.Values)
	if f.Min != nil {
		v := *f.Min
		f.Min = &v
	}
	if f.Max != nil {
		v := *f.Max
		f.Max = &v
	}
	return f
}

func cloneListOrNil[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return append([]T(nil), s...)
}

// compiledField is a Field ready for validation.
type compiledField struct {
	Field
	path    string         // the code, used as the fieldViolation path without a prefix
	pattern *regexp.Regexp // nil without a pattern
	check   Check          // nil without a check
	after   int            // index of the NotBeforeField, or -1
	folded  []string       // the enum values folded for comparison
}

// maxDefText bounds labels, patterns and other texts of a definition, in runes.
const maxDefText = 1000

// compileField checks the field at index i of a type and returns it
// compiled, with every definition fieldViolation found.
func compileField(i int, f Field) (compiledField, []Violation) {
	p := "fields[" + defIndex(i) + "]"
	var vs []Violation
	add := func(suffix, code, msg string) {
		vs = append(vs, Violation{Field: p + suffix, Code: code, Message: msg})
	}
	c := compiledField{Field: f, path: f.Code, after: -1}
	if !isDefCode(f.Code) {
		add(".code", CodeDefFieldCode, "Код реквизита должен состоять из строчных латинских букв, цифр и знака подчеркивания и начинаться с буквы")
	}
	if strings.TrimSpace(f.Label) == "" {
		add(".label", CodeDefFieldLabel, "Не указано наименование реквизита")
	} else if utf8.RuneCountInString(f.Label) > maxDefText {
		add(".label", CodeDefFieldLabel, "Наименование реквизита слишком длинное")
	}
	if !f.Kind.Valid() {
		add(".kind", CodeDefFieldKind, "Неизвестный вид реквизита; допустимы string, number, date, enum, bool")
	}
	for j, n := range f.Normalize {
		if !n.Valid() {
			vs = append(vs, Violation{Field: p + ".normalize[" + defIndex(j) + "]", Code: CodeDefFieldNormalize,
				Message: "Неизвестное правило нормализации; допустимы trim, upper, digits, collapse_spaces"})
		}
	}
	if f.Mask != "" {
		switch {
		case f.Kind != KindString && f.Kind != KindNumber:
			add(".mask", CodeDefFieldMask, "Маска отображения допустима только для строковых и числовых реквизитов")
		case !strings.ContainsAny(f.Mask, "9A*"):
			add(".mask", CodeDefFieldMask, "Маска отображения должна содержать хотя бы один знак 9, A или *")
		case utf8.RuneCountInString(f.Mask) > maxDefText:
			add(".mask", CodeDefFieldMask, "Маска отображения слишком длинная")
		}
	}
	if f.Pattern != "" {
		if f.Kind != KindString && f.Kind != KindNumber {
			add(".pattern", CodeDefFieldPattern, "Шаблон допустим только для строковых и числовых реквизитов")
		} else if utf8.RuneCountInString(f.Pattern) > maxDefText {
			add(".pattern", CodeDefFieldPattern, "Шаблон слишком длинный")
		} else if re, err := regexp.Compile(`^(?:` + f.Pattern + `)$`); err != nil {
			add(".pattern", CodeDefFieldPattern, "Шаблон не является корректным регулярным выражением")
		} else {
			c.pattern = re
		}
	}
	if f.MinLength < 0 || f.MaxLength < 0 || (f.MaxLength > 0 && f.MinLength > f.MaxLength) {
		add(".max_length", CodeDefFieldLength, "Границы длины реквизита заданы неверно")
	}
	if (f.Min != nil || f.Max != nil) && f.Kind != KindNumber {
		add(".min", CodeDefFieldRange, "Границы значения допустимы только для числовых реквизитов")
	} else if f.Min != nil && f.Max != nil && *f.Min > *f.Max {
		add(".min", CodeDefFieldRange, "Нижняя граница значения больше верхней")
	}
	switch {
	case f.Kind == KindEnum && len(f.Values) == 0:
		add(".values", CodeDefFieldValues, "Для реквизита-перечисления не указаны допустимые значения")
	case f.Kind != KindEnum && len(f.Values) > 0:
		add(".values", CodeDefFieldValues, "Допустимые значения задаются только для реквизита-перечисления")
	}
	seen := make(map[string]bool, len(f.Values))
	for j, v := range f.Values {
		k := enumFoldKey(v)
		switch {
		case k == "" || seen[k]:
			vs = append(vs, Violation{Field: p + ".values[" + defIndex(j) + "]", Code: CodeDefFieldValues,
				Message: "Допустимое значение пустое или повторяется"})
		case c.normalize(v) != v || utf8.RuneCountInString(v) > maxDefText:
			vs = append(vs, Violation{Field: p + ".values[" + defIndex(j) + "]", Code: CodeDefFieldValues,
				Message: "Допустимое значение слишком длинное или изменяется при нормализации реквизита"})
		}
		seen[k] = true
		c.folded = append(c.folded, k)
	}
	dateOnly := f.NotFuture || !f.NotBefore.IsZero() || !f.NotAfter.IsZero() || f.NotBeforeField != ""
	if dateOnly && f.Kind != KindDate {
		add(".kind", CodeDefFieldDate, "Ограничения даты допустимы только для реквизита-даты")
	}
	if !f.NotBefore.IsZero() && !f.NotAfter.IsZero() && f.NotBefore.After(f.NotAfter) {
		add(".not_before", CodeDefFieldDate, "Нижняя граница даты позже верхней")
	}
	if f.Check != "" {
		if chk, ok := LookupCheck(f.Check); ok && chk != nil {
			c.check = chk
		} else {
			add(".check", CodeDefFieldCheck, "Неизвестная проверка реквизита")
		}
	}
	return c, vs
}

// enumFoldKey is the form of a text compared without regard to case and ё/е.
func enumFoldKey(s string) string {
	return strings.Map(func(r rune) rune {
		r = unicode.ToLower(r)
		if r == 'ё' {
			return 'е'
		}
		return r
	}, strings.TrimSpace(s))
}

func defIndex(i int) string { return strconv.Itoa(i) }

// isDefCode reports whether s is a snake_case code: a lower-case Latin letter,
// then at most 63 lower-case Latin letters, digits and underscores.
func isDefCode(s string) bool {
	if len(s) == 0 || len(s) > 64 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
