package main

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/openzhkh/zhkh/gis"
)

// maxProblems caps the number of JSON problems reported for one input.
const maxProblems = 50

// inputError is a bad input: every problem found, one Russian line each.
type inputError struct {
	problems []string
}

// Error returns the problems, one a line.
func (e *inputError) Error() string { return strings.Join(e.problems, "\n") }

// decodeStrict decodes one JSON value of data into v, rejecting unknown
// fields and trailing data. It reports syntax errors with the line and
// column, and every type error and unknown field with its full path,
// indexes included; root names the top of the path ("accounts" for a list
// of accounts, "" for an object).
func decodeStrict(data []byte, v any, root string) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		rest := int(dec.InputOffset())
		for rest < len(data) && isSpace(data[rest]) {
			rest++
		}
		if rest < len(data) {
			line, col := position(data, rest)
			return &inputError{[]string{fmt.Sprintf("JSON: лишние данные после значения (строка %d, столбец %d)", line, col)}}
		}
		return nil
	}
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF):
		return &inputError{[]string{"JSON: нет входных данных"}}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &inputError{[]string{"JSON: данные оборваны, значение не закончено"}}
	case errors.As(err, &se):
		// Offset counts the bytes read, the bad one included.
		line, col := position(data, int(se.Offset)-1)
		return &inputError{[]string{fmt.Sprintf("JSON: синтаксическая ошибка в строке %d, столбце %d (байт %d): %s", line, col, se.Offset, se.Error())}}
	}
	var l locator
	l.walk(bytes.TrimSpace(data), reflect.TypeOf(v).Elem(), root)
	if len(l.problems) == 0 {
		return &inputError{[]string{"JSON: " + err.Error()}}
	}
	return &inputError{l.problems}
}

// isSpace reports whether c is JSON white space.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// position returns the 1-based line and column of byte offset off.
func position(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = off - bytes.LastIndexByte(before, '\n')
	return line, col
}

// locator walks a JSON value alongside the Go type it should fill and
// records every place where it does not fit.
type locator struct {
	problems []string
}

// add records a problem at path, up to maxProblems of them.
func (l *locator) add(path, message string) {
	if len(l.problems) < maxProblems {
		if path == "" {
			l.problems = append(l.problems, message)
			return
		}
		l.problems = append(l.problems, fmt.Sprintf("поле %s: %s", path, message))
	}
}

// The types walk and expected treat specially.
var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	uuidType            = reflect.TypeFor[uuid.UUID]()
	decimalType         = reflect.TypeFor[decimal.Decimal]()
	dateType            = reflect.TypeFor[gis.Date]()
)

// join appends a field name to a JSON path.
func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// walk records where the JSON value data does not fit t at path.
func (l *locator) walk(data []byte, t reflect.Type, path string) {
	if len(l.problems) >= maxProblems {
		return
	}
	if bytes.Equal(data, []byte("null")) {
		return
	}
	pt := reflect.PointerTo(t)
	if t.Kind() != reflect.Pointer && (pt.Implements(unmarshalerType) || pt.Implements(textUnmarshalerType)) {
		if err := json.Unmarshal(data, reflect.New(t).Interface()); err != nil {
			l.add(path, expected(t, err))
		}
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		l.walk(data, t.Elem(), path)
	case reflect.Struct:
		var fields map[string]json.RawMessage
		if json.Unmarshal(data, &fields) != nil {
			l.add(path, "ожидается объект")
			return
		}
		known := jsonFields(t)
		for _, name := range slices.Sorted(maps.Keys(fields)) {
			f, ok := lookupField(known, name)
			if !ok {
				l.add(join(path, name), "неизвестное поле")
				continue
			}
			l.walk(fields[name], f.Type, join(path, name))
		}
	case reflect.Slice, reflect.Array:
		var items []json.RawMessage
		if json.Unmarshal(data, &items) != nil {
			l.add(path, "ожидается массив")
			return
		}
		for i, item := range items {
			l.walk(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Map:
		var entries map[string]json.RawMessage
		if json.Unmarshal(data, &entries) != nil {
			l.add(path, "ожидается объект")
			return
		}
		for _, k := range slices.Sorted(maps.Keys(entries)) {
			l.walk(entries[k], t.Elem(), join(path, k))
		}
	default:
		if err := json.Unmarshal(data, reflect.New(t).Interface()); err != nil {
			l.add(path, expected(t, err))
		}
	}
}

// expected describes in Russian the value a field of type t takes.
func expected(t reflect.Type, err error) string {
	switch t {
	case uuidType:
		return "ожидается GUID вида 01234567-89ab-cdef-0123-456789abcdef"
	case decimalType:
		return "ожидается десятичное число"
	case dateType:
		return "ожидается дата вида ГГГГ-ММ-ДД"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "ожидается целое число"
	case reflect.Float32, reflect.Float64:
		return "ожидается число"
	case reflect.String:
		return "ожидается строка"
	case reflect.Bool:
		return "ожидается логическое значение true или false"
	}
	return "неверное значение: " + err.Error()
}

// jsonFields returns the JSON names of the fields of struct type t, as
// encoding/json sees them (embedded structs flattened).
func jsonFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || (f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "") {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		if _, dup := out[name]; !dup {
			out[name] = f
		}
	}
	return out
}

// lookupField finds a field by its JSON name the way encoding/json does:
// exact match first, then case-insensitive.
func lookupField(fields map[string]reflect.StructField, name string) (reflect.StructField, bool) {
	if f, ok := fields[name]; ok {
		return f, true
	}
	for k, f := range fields {
		if strings.EqualFold(k, name) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
