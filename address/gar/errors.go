package gar

import (
	"strconv"
	"strings"

	"github.com/openzhkh/zhkh/internal/fault"
)

// Stable codes of the errors the package reports, in ParseError.Code.
const (
	// CodeMalformed: the bytes are not well-formed XML of the GAR shape
	// (a tag is broken, text stands between records, a comment, a
	// processing instruction or a nested element appears, the root end tag
	// does not match, something follows the root).
	CodeMalformed = "gar.xml.malformed"
	// CodeTruncated: the input ended before the root element was closed.
	CodeTruncated = "gar.xml.truncated"
	// CodeEncoding: invalid UTF-8, a character XML does not allow, or an
	// XML declaration naming an encoding other than UTF-8 or a version other
	// than 1.0.
	CodeEncoding = "gar.xml.encoding"
	// CodeEntity: an unknown or broken entity or character reference.
	CodeEntity = "gar.xml.entity"
	// CodeDuplicateAttr: an element carries the same attribute twice.
	CodeDuplicateAttr = "gar.xml.duplicate_attr"
	// CodeTooLarge: a single tag is longer than the record size limit.
	CodeTooLarge = "gar.xml.too_large"
	// CodeElement: the root or record element is not the one the kind or
	// the typed decoder expects.
	CodeElement = "gar.xml.element"
	// CodeInt: an attribute that must be an integer is not one.
	CodeInt = "gar.attr.int"
	// CodeDate: an attribute that must be a date (YYYY-MM-DD) is not one.
	CodeDate = "gar.attr.date"
	// CodeGUID: an attribute that must be a GUID is not one.
	CodeGUID = "gar.attr.guid"
	// CodeBool: an attribute that must be a boolean (0, 1, true, false) is
	// not one.
	CodeBool = "gar.attr.bool"
	// CodePath: a hierarchy PATH is not a dot-separated list of
	// identifiers.
	CodePath = "gar.attr.path"
	// CodeIO: reading the input failed; the cause is the reader's error.
	// Only this code does not match fault.Invalid.
	CodeIO = "gar.io"
)

// ParseError is the one error type of the package: it says where in which
// file what went wrong. Its message is Russian, for people; Code is stable,
// for programs. Every ParseError except those of CodeIO matches
// fault.Invalid (and address.ErrInvalid) under errors.Is; Unwrap gives the
// cause when there is one.
type ParseError struct {
	// File is the name of the file (as given with WithFile), or "".
	File string
	// Line is the 1-based line of the record, or of the error position
	// when the error is in the XML syntax; 0 when unknown.
	Line int
	// Offset is the byte offset from the start of the input (a leading BOM
	// included) of the record, or of the error position for syntax errors;
	// -1 when unknown.
	Offset int64
	// Record is the 1-based ordinal of the record in the file; 0 when the
	// error is outside any record (the prolog, the root tag, after it).
	Record int
	// Element is the name of the element involved, or "".
	Element string
	// Attr is the name of the attribute involved, or "".
	Attr string
	// Code is one of the Code* constants.
	Code string
	// Message is the Russian description of the problem, without the
	// position.
	Message string
	// Err is the cause, or nil.
	Err error
}

// Error returns the Russian message with the position, such as
// «AS_HOUSES_….XML, строка 12, смещение 3456, запись 7: атрибут OBJECTID:
// ожидалось целое число, получено "abc"».
func (e *ParseError) Error() string {
	var b strings.Builder
	sep := func() {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
	}
	if e.File != "" {
		b.WriteString(e.File)
	}
	if e.Line > 0 {
		sep()
		b.WriteString("строка ")
		b.WriteString(strconv.Itoa(e.Line))
	}
	if e.Offset >= 0 {
		sep()
		b.WriteString("смещение ")
		b.WriteString(strconv.FormatInt(e.Offset, 10))
	}
	if e.Record > 0 {
		sep()
		b.WriteString("запись ")
		b.WriteString(strconv.Itoa(e.Record))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Attr != "" {
		b.WriteString("атрибут ")
		b.WriteString(e.Attr)
		b.WriteString(": ")
	}
	msg := e.Message
	if msg == "" {
		msg = "ошибка в файле ГАР"
	}
	b.WriteString(msg)
	return b.String()
}

// Is reports whether target is fault.Invalid; every code but CodeIO is a
// kind of invalid input.
func (e *ParseError) Is(target error) bool {
	return target == fault.Invalid && e.Code != CodeIO
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// As lets errors.As see a ParseError as a *fault.Error of kind
// fault.Invalid (no kind for CodeIO) with the same code and message, so
// that fault.HasCode and address.HasCode find its code.
func (e *ParseError) As(target any) bool {
	t, ok := target.(**fault.Error)
	if !ok {
		return false
	}
	var kind *fault.Kind
	if e.Code != CodeIO {
		kind = fault.Invalid
	}
	*t = &fault.Error{Kind: kind, Code: e.Code, Message: e.Error(), Err: e.Err}
	return true
}

// quoteValue renders an attribute value for a message, shortened when long.
func quoteValue(v []byte) string {
	const max = 64
	s := string(v)
	if len(s) > max {
		cut := max
		for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a rune
			cut--
		}
		return strconv.Quote(s[:cut]) + "…"
	}
	return strconv.Quote(s)
}
