package document

import (
	"errors"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// validateStackFields is how many fields Validate keeps on the stack; a type with
// more fields costs one allocation per call.
const validateStackFields = 24

// fieldState is what Validate learnt about one field's value.
type fieldState struct {
	value string // normalised
	ok    bool   // isFilledValue and free of field-level violations
	date  Date   // the parsed date of an ok date field
}

// Validate checks the values of a document against t and returns nil or a
// *ValidationError (matching ErrInvalid) with every fieldViolation at once:
// field-level violations in field order, then rule violations in rule
// order, then unknown keys (CodeUnknownField) in key order. Each fieldViolation's
// path is the field code.
//
// Validation normalises each value first (see Field.Normalize), so a value
// typed as "45 10" meets a four-digit pattern of a field with the "digits"
// step. today is the day of validation, used by NotFuture; the package
// never reads the clock, so pass the caller's clock date (civil.Of of the
// clock in the office's time zone). With the zero Date, NotFuture is not
// checked.
func (t *Type) Validate(values Values, today Date) error {
	return t.ValidateAt("", values, today)
}

// ValidateAt is Validate with the violations' paths prefixed by path and a
// dot, for a document inside a larger input: with path "documents[2]" a
// fieldViolation of the series is reported at "documents[2].series".
func (t *Type) ValidateAt(path string, values Values, today Date) error {
	if t == nil {
		t = &Type{}
	}
	var buf [validateStackFields]fieldState
	st := buf[:0]
	if len(t.fields) > validateStackFields {
		st = make([]fieldState, 0, len(t.fields))
	}
	st = st[:len(t.fields)]
	var vs []Violation
	for i := range t.fields {
		vs = t.fields[i].validate(path, values[t.fields[i].Code], today, &st[i], vs)
	}
	for i := range t.fields {
		f := &t.fields[i]
		if f.after < 0 || !st[i].ok || !st[f.after].ok {
			continue
		}
		if st[i].date.Before(st[f.after].date) {
			vs = append(vs, fieldViolation(path, f.Code, CodeDateOrder, dateOrderMessage(f, &t.fields[f.after])))
		}
	}
	for i := range t.rules {
		vs = t.rules[i].eval(path, t.fields, st, vs)
	}
	if t.hasUnknown(values) {
		vs = t.unknown(path, values, vs)
	}
	if len(vs) == 0 {
		return nil
	}
	return &ValidationError{Violations: vs}
}

// hasUnknown reports whether values hold a key t does not know.
func (t *Type) hasUnknown(values Values) bool {
	for k := range values {
		if _, ok := t.index[k]; !ok {
			return true
		}
	}
	return false
}

// unknown appends a fieldViolation for every key of values t does not know, in key order.
func (t *Type) unknown(path string, values Values, vs []Violation) []Violation {
	var keys []string
	for k := range values {
		if _, ok := t.index[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		vs = append(vs, fieldViolation(path, k, CodeUnknownField,
			"Поле «"+clipUnknownKey(k)+"» не предусмотрено для документа «"+t.def.Name+"»"))
	}
	return vs
}

// normalize applies the field's normalisation steps.
func (f *compiledField) normalize(s string) string {
	for _, n := range f.Normalize {
		s = n.apply(s)
	}
	return s
}

// validate checks one value and appends its violations.
func (f *compiledField) validate(path, raw string, today Date, st *fieldState, vs []Violation) []Violation {
	v := f.normalize(raw)
	st.value = v
	if strings.TrimSpace(v) == "" {
		if f.Required {
			vs = append(vs, fieldViolation(path, f.Code, CodeRequired, "Заполните поле «"+f.Label+"»"))
		}
		return vs
	}
	n := len(vs)
	switch f.Kind {
	case KindString:
		vs = f.validateText(path, v, vs)
	case KindNumber:
		if !isNumberInput(v) {
			vs = append(vs, fieldViolation(path, f.Code, CodeNumber, "Поле «"+f.Label+"» должно содержать число"))
			break
		}
		vs = f.validateText(path, v, vs)
		vs = f.validateRange(path, v, vs)
	case KindDate:
		d, ok := parseDateInput(v)
		if !ok {
			vs = append(vs, fieldViolation(path, f.Code, CodeDate, "Поле «"+f.Label+"» должно содержать дату в формате ДД.ММ.ГГГГ"))
			break
		}
		st.date = d
		if f.NotFuture && !today.IsZero() && d.After(today) {
			vs = append(vs, fieldViolation(path, f.Code, CodeDateFuture, "Дата в поле «"+f.Label+"» не может быть позже сегодняшнего дня"))
		}
		if !f.NotBefore.IsZero() && d.Before(f.NotBefore) {
			vs = append(vs, fieldViolation(path, f.Code, CodeDateBefore, "Дата в поле «"+f.Label+"» не может быть раньше "+formatRuDate(f.NotBefore)))
		}
		if !f.NotAfter.IsZero() && d.After(f.NotAfter) {
			vs = append(vs, fieldViolation(path, f.Code, CodeDateAfter, "Дата в поле «"+f.Label+"» не может быть позже "+formatRuDate(f.NotAfter)))
		}
	case KindEnum:
		if f.enumIndex(v) < 0 {
			vs = append(vs, fieldViolation(path, f.Code, CodeEnum, "Значение поля «"+f.Label+"» не входит в список допустимых"))
		}
	case KindBool:
		if _, ok := parseBoolInput(v); !ok {
			vs = append(vs, fieldViolation(path, f.Code, CodeBool, "Поле «"+f.Label+"» должно содержать «да» или «нет»"))
		}
	}
	if len(vs) == n && f.check != nil {
		vs = appendCheckViolations(path, f.Code, f.Label, f.check(v), vs)
	}
	st.ok = len(vs) == n
	return vs
}

// validateText checks the length and the pattern of a value.
func (f *compiledField) validateText(path, v string, vs []Violation) []Violation {
	if f.MinLength > 0 || f.MaxLength > 0 {
		n := utf8.RuneCountInString(v)
		if n < f.MinLength || (f.MaxLength > 0 && n > f.MaxLength) {
			vs = append(vs, fieldViolation(path, f.Code, CodeLength, fieldLengthMessage(f)))
			return vs
		}
	}
	if f.pattern != nil && !f.pattern.MatchString(v) {
		msg := "Поле «" + f.Label + "» заполнено в неверном формате"
		if f.PatternHint != "" {
			msg += ": ожидается " + f.PatternHint
		}
		vs = append(vs, fieldViolation(path, f.Code, CodePattern, msg))
	}
	return vs
}

// validateRange checks the bounds of a number.
func (f *compiledField) validateRange(path, v string, vs []Violation) []Violation {
	if f.Min == nil && f.Max == nil {
		return vs
	}
	r, ok := new(big.Rat).SetString(strings.Replace(v, ",", ".", 1))
	if !ok {
		return append(vs, fieldViolation(path, f.Code, CodeNumber, "Поле «"+f.Label+"» должно содержать число"))
	}
	if f.Min != nil && r.Cmp(new(big.Rat).SetInt64(*f.Min)) < 0 {
		return append(vs, fieldViolation(path, f.Code, CodeRange, "Значение поля «"+f.Label+"» должно быть не меньше "+strconv.FormatInt(*f.Min, 10)))
	}
	if f.Max != nil && r.Cmp(new(big.Rat).SetInt64(*f.Max)) > 0 {
		return append(vs, fieldViolation(path, f.Code, CodeRange, "Значение поля «"+f.Label+"» должно быть не больше "+strconv.FormatInt(*f.Max, 10)))
	}
	return vs
}

// enumIndex returns the index of the allowed value v stands for, or -1.
func (f *compiledField) enumIndex(v string) int {
	for i, a := range f.Values {
		if a == v {
			return i
		}
	}
	k := enumFoldKey(v)
	for i, a := range f.folded {
		if a == k {
			return i
		}
	}
	return -1
}

// eval appends the violations of the rule.
func (r *compiledRule) eval(path string, fields []compiledField, st []fieldState, vs []Violation) []Violation {
	switch r.Kind {
	case RuleDateOrder:
		if !st[r.field].ok {
			return vs
		}
		for _, j := range r.fields {
			if st[j].ok && st[r.field].date.Before(st[j].date) {
				return append(vs, fieldViolation(path, r.Field, CodeDateOrder, r.message(dateOrderMessage(&fields[r.field], &fields[j]))))
			}
		}
	case RuleRequiredWith:
		if isFilledValue(&fields[r.field], st[r.field].value) {
			return vs
		}
		for _, j := range r.fields {
			if isFilledValue(&fields[j], st[j].value) {
				return append(vs, fieldViolation(path, r.Field, CodeRequiredWith,
					r.message("Заполните поле «"+fields[r.field].Label+"», так как заполнено поле «"+fields[j].Label+"»")))
			}
		}
	case RuleOneOf:
		labels := make([]string, 0, len(r.fields))
		for _, j := range r.fields {
			if isFilledValue(&fields[j], st[j].value) {
				return vs
			}
			labels = append(labels, "«"+fields[j].Label+"»")
		}
		return append(vs, fieldViolation(path, r.at(), CodeOneOf, r.message("Заполните хотя бы одно из полей: "+strings.Join(labels, ", "))))
	case RuleCheck:
		for _, j := range r.fields {
			if !st[j].ok {
				return vs
			}
		}
		var s string
		if len(r.fields) == 1 {
			s = st[r.fields[0]].value
		} else {
			var b strings.Builder
			n := len(r.Separator) * (len(r.fields) - 1)
			for _, j := range r.fields {
				n += len(st[j].value)
			}
			b.Grow(n)
			for k, j := range r.fields {
				if k > 0 {
					b.WriteString(r.Separator)
				}
				b.WriteString(st[j].value)
			}
			s = b.String()
		}
		at := r.at()
		label := fields[r.fields[0]].Label
		if r.field >= 0 {
			label = fields[r.field].Label
		}
		return appendCheckViolations(path, at, label, r.check(s), vs)
	}
	return vs
}

// at is the field code where a fieldViolation of the rule is reported.
func (r *compiledRule) at() string {
	if r.Field != "" {
		return r.Field
	}
	return r.Fields[0]
}

// message returns the rule's own message when it has one, else def.
func (r *compiledRule) message(def string) string {
	if r.Message != "" {
		return r.Message
	}
	return def
}

// isFilledValue reports whether a normalised value counts as given: non-blank,
// and for a bool field, true.
func isFilledValue(f *compiledField, v string) bool {
	if strings.TrimSpace(v) == "" {
		return false
	}
	if f.Kind == KindBool {
		b, ok := parseBoolInput(v)
		return ok && b
	}
	return true
}

// appendCheckViolations appends the violations of a check's error at the field.
func appendCheckViolations(path, code, label string, err error, vs []Violation) []Violation {
	if err == nil {
		return vs
	}
	var ve *ValidationError
	if errors.As(err, &ve) && len(ve.Violations) > 0 {
		for _, v := range ve.Violations {
			v.Field = fieldPath(path, code)
			vs = append(vs, v)
		}
		return vs
	}
	var fe *Error
	if errors.As(err, &fe) && fe.Code != "" {
		return append(vs, fieldViolation(path, code, fe.Code, fe.Message))
	}
	return append(vs, fieldViolation(path, code, CodePattern, "Поле «"+label+"» заполнено неверно"))
}

func fieldViolation(path, code, vcode, msg string) Violation {
	return Violation{Field: fieldPath(path, code), Code: vcode, Message: msg}
}

func fieldPath(path, code string) string {
	if path == "" {
		return code
	}
	return path + "." + code
}

func dateOrderMessage(f, other *compiledField) string {
	return "Дата в поле «" + f.Label + "» не может быть раньше даты в поле «" + other.Label + "»"
}

func fieldLengthMessage(f *compiledField) string {
	switch {
	case f.MinLength > 0 && f.MaxLength > 0 && f.MinLength == f.MaxLength:
		return "Поле «" + f.Label + "» должно содержать " + strconv.Itoa(f.MinLength) + " симв."
	case f.MinLength > 0 && f.MaxLength > 0:
		return "Длина поля «" + f.Label + "» должна быть от " + strconv.Itoa(f.MinLength) + " до " + strconv.Itoa(f.MaxLength) + " симв."
	case f.MinLength > 0:
		return "Длина поля «" + f.Label + "» должна быть не менее " + strconv.Itoa(f.MinLength) + " симв."
	}
	return "Длина поля «" + f.Label + "» должна быть не более " + strconv.Itoa(f.MaxLength) + " симв."
}

// clipUnknownKey shortens an unknown key for a message.
func clipUnknownKey(s string) string {
	const max = 64
	if utf8.RuneCountInString(s) <= max {
		return strings.ToValidUTF8(s, "�")
	}
	n := 0
	for i := range s {
		if n == max {
			return strings.ToValidUTF8(s[:i], "�") + "…"
		}
		n++
	}
	return s
}

// isNumberInput reports whether s is an optional minus, digits, and at most one
// decimal separator ("." or ",") between digits.
func isNumberInput(s string) bool {
	if strings.HasPrefix(s, "-") {
		s = s[1:]
	}
	digits, sep := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits++
		case (c == '.' || c == ',') && !sep && digits > 0 && i < len(s)-1:
			sep = true
		default:
			return false
		}
	}
	return digits > 0
}

// parseBoolInput reads the yes/no forms of a bool field.
func parseBoolInput(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "да", "1":
		return true, true
	case "false", "нет", "0":
		return false, true
	}
	return false, false
}

// parseDateInput reads YYYY-MM-DD or DD.MM.YYYY without allocating.
func parseDateInput(s string) (Date, bool) {
	var y, m, d int
	var ok bool
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, ok = dateDigits(s[0:4])
		if ok {
			m, ok = dateDigits(s[5:7])
		}
		if ok {
			d, ok = dateDigits(s[8:10])
		}
	case len(s) == 10 && s[2] == '.' && s[5] == '.':
		d, ok = dateDigits(s[0:2])
		if ok {
			m, ok = dateDigits(s[3:5])
		}
		if ok {
			y, ok = dateDigits(s[6:10])
		}
	}
	date := Date{Year: y, Month: time.Month(m), Day: d}
	if !ok || !date.Valid() {
		return Date{}, false
	}
	return date, true
}

func dateDigits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// formatRuDate writes a date as DD.MM.YYYY.
func formatRuDate(d Date) string {
	b := make([]byte, 0, 10)
	b = append(b, byte('0'+d.Day/10), byte('0'+d.Day%10), '.', byte('0'+int(d.Month)/10), byte('0'+int(d.Month)%10), '.')
	return string(strconv.AppendInt(b, int64(d.Year), 10))
}

// Normalize returns the values of the fields of t as they are stored:
// normalised, dates as YYYY-MM-DD, enum values in their defined spelling,
// bools as "true" or "false", numbers with a "." separator. A value that
// cannot be read is kept as normalised; empty values and keys the type
// does not know are left out.
func (t *Type) Normalize(values Values) Values {
	out := make(Values, len(t.fields))
	for i := range t.fields {
		f := &t.fields[i]
		v := f.normalize(values[f.Code])
		if strings.TrimSpace(v) == "" {
			continue
		}
		out[f.Code] = f.canonical(v)
	}
	return out
}

// canonical returns the stored form of a normalised, non-empty value.
func (f *compiledField) canonical(v string) string {
	switch f.Kind {
	case KindDate:
		if d, ok := parseDateInput(v); ok {
			return d.String()
		}
	case KindEnum:
		if i := f.enumIndex(v); i >= 0 {
			return f.Values[i]
		}
	case KindBool:
		if b, ok := parseBoolInput(v); ok {
			return strconv.FormatBool(b)
		}
	case KindNumber:
		if isNumberInput(v) {
			return strings.Replace(v, ",", ".", 1)
		}
	}
	return v
}

// Format returns the values of the fields of t as they are shown to
// people: normalised, with display masks applied ("4510123456" with the
// mask "99 99 999999" becomes "45 10 123456"), dates as DD.MM.YYYY, enum
// values in their defined spelling and bools as «да» or «нет». A value
// that does not fit its mask is shown normalised; empty values and keys
// the type does not know are left out.
func (t *Type) Format(values Values) Values {
	out := make(Values, len(t.fields))
	for i := range t.fields {
		f := &t.fields[i]
		v := f.normalize(values[f.Code])
		if strings.TrimSpace(v) == "" {
			continue
		}
		switch f.Kind {
		case KindDate:
			if d, ok := parseDateInput(v); ok {
				v = formatRuDate(d)
			}
		case KindBool:
			if b, ok := parseBoolInput(v); ok {
				v = "нет"
				if b {
					v = "да"
				}
			}
		default:
			v = f.canonical(v)
			if m, ok := applyDisplayMask(f.Mask, v); ok {
				v = m
			}
		}
		out[f.Code] = v
	}
	return out
}

// applyDisplayMask lays the letters and digits of v onto the mask: "9" takes a
// digit, "A" a letter, "*" either, and other mask runes are written as
// they are. It reports false when there is no mask or v does not fit it.
func applyDisplayMask(mask, v string) (string, bool) {
	if mask == "" {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(mask) + len(v))
	rest := v
	next := func() (rune, bool) {
		for rest != "" {
			r, size := utf8.DecodeRuneInString(rest)
			rest = rest[size:]
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r, true
			}
		}
		return 0, false
	}
	for _, m := range mask {
		switch m {
		case '9', 'A', '*':
			r, ok := next()
			if !ok {
				return "", false
			}
			isDigit := '0' <= r && r <= '9'
			if (m == '9' && !isDigit) || (m == 'A' && !unicode.IsLetter(r)) {
				return "", false
			}
			b.WriteRune(r)
		default:
			b.WriteRune(m)
		}
	}
	if _, more := next(); more {
		return "", false
	}
	return b.String(), true
}

// Validator returns t as a Validator for the document registry and
// package checks, validating with today() as the day of validation: pass
// a func that reads the caller's clock, such as
// func() document.Date { return civil.Of(clock()) }.
func (t *Type) Validator(today func() Date) Validator {
	return ValidatorFunc(func(v Values) error { return t.Validate(v, today()) })
}
