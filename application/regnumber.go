package application

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/openzhkh/zhkh/internal/fault"
)

// Limits of registration numbers.
const (
	// MaxOfficeLen is the longest office code of a registration number.
	MaxOfficeLen = 16
	// MinRegYear is the first year a registration number can have.
	MinRegYear = 2000
	// MaxRegYear is the last year a registration number can have.
	MaxRegYear = 9999
	// MaxRegSeq is the last sequence number of an office in a year: the
	// sequence has six digits.
	MaxRegSeq = 999999
)

// Stable codes of the violations and errors of registration numbers.
const (
	// CodeRegOffice: the office code is empty, too long or has characters
	// other than A–Z, 0–9 and an inner hyphen.
	CodeRegOffice = "regnumber.office"
	// CodeRegYear: the year is outside MinRegYear..MaxRegYear.
	CodeRegYear = "regnumber.year"
	// CodeRegSeq: the sequence number is outside 1..MaxRegSeq.
	CodeRegSeq = "regnumber.seq"
	// CodeRegFormat: the text is not a registration number.
	CodeRegFormat = "regnumber.format"
	// CodeRegExhausted: the office has used every number of the year.
	CodeRegExhausted = "regnumber.exhausted"
)

// RegNumbers issues the registration numbers of applications
// (регистрационные номера заявлений). Implementations must be safe for
// concurrent use and give each number once.
type RegNumbers interface {
	// Next returns the next registration number of the office in the
	// year, in the form of FormatRegNumber: "MFC01-2026-000001". Numbers
	// of one office and year follow each other without gaps, starting at
	// 1; other offices and years have their own sequences. It returns
	// the *ValidationError of CheckRegNumber (ErrInvalid) for a bad office
	// or year, RegExhaustedError (ErrConflict) after MaxRegSeq, and
	// ctx.Err() when ctx is done; a failed call uses up no number.
	Next(ctx context.Context, office string, year int) (string, error)
}

// RegNumber is a registration number taken apart.
type RegNumber struct {
	// Office is the code of the office that registered the application.
	Office string `json:"office"`
	// Year is the year of registration.
	Year int `json:"year"`
	// Seq is the sequence number within the office and year, from 1.
	Seq int `json:"seq"`
}

// String returns the number in the form of FormatRegNumber, without
// checking it.
func (n RegNumber) String() string { return fmt.Sprintf("%s-%04d-%06d", n.Office, n.Year, n.Seq) }

// Validate returns a *ValidationError (ErrInvalid) with every violation of
// the office, the year and the sequence number, or nil.
func (n RegNumber) Validate() error {
	vs := regViolations(n.Office, n.Year)
	if n.Seq < 1 || n.Seq > MaxRegSeq {
		vs = append(vs, Violation{Field: "seq", Code: CodeRegSeq,
			Message: fmt.Sprintf("Порядковый номер должен быть от 1 до %d", MaxRegSeq)})
	}
	return validation(vs)
}

// CheckRegNumber checks the office code and the year that RegNumbers.Next
// is given and returns a *ValidationError (ErrInvalid) with every
// violation, or nil. Adapters call it so that every adapter reports the
// same violations.
func CheckRegNumber(office string, year int) error { return validation(regViolations(office, year)) }

func regViolations(office string, year int) []Violation {
	var vs []Violation
	if !validOffice(office) {
		vs = append(vs, Violation{Field: "office", Code: CodeRegOffice,
			Message: fmt.Sprintf("Код подразделения обязателен: до %d заглавных латинских букв, цифр и дефисов, не в начале и не в конце", MaxOfficeLen)})
	}
	if year < MinRegYear || year > MaxRegYear {
		vs = append(vs, Violation{Field: "year", Code: CodeRegYear,
			Message: fmt.Sprintf("Год регистрации должен быть от %d до %d", MinRegYear, MaxRegYear)})
	}
	return vs
}

func validOffice(s string) bool {
	if s == "" || len(s) > MaxOfficeLen || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// FormatRegNumber returns the registration number of the office, year and
// sequence number: the office code, the four-digit year and the six-digit
// sequence number joined by hyphens, "MFC01-2026-000001". It returns the
// *ValidationError of RegNumber.Validate for bad parts.
func FormatRegNumber(office string, year, seq int) (string, error) {
	n := RegNumber{Office: office, Year: year, Seq: seq}
	if err := n.Validate(); err != nil {
		return "", err
	}
	return n.String(), nil
}

// ParseRegNumber takes apart a registration number made by
// FormatRegNumber. It reads the year and the sequence number from the
// right, so the office code may contain hyphens. It returns a
// *ValidationError (ErrInvalid) with CodeRegFormat when s is not of the
// form, or with the violations of RegNumber.Validate.
func ParseRegNumber(s string) (RegNumber, error) {
	bad := func() (RegNumber, error) {
		return RegNumber{}, validation([]Violation{{Code: CodeRegFormat,
			Message: "Неверный регистрационный номер: ожидается вид «MFC01-2026-000001»"}})
	}
	i := strings.LastIndexByte(s, '-')
	if i < 0 {
		return bad()
	}
	j := strings.LastIndexByte(s[:i], '-')
	if j < 0 {
		return bad()
	}
	yearText, seqText := s[j+1:i], s[i+1:]
	if len(yearText) != 4 || len(seqText) != 6 || !allDigits(yearText) || !allDigits(seqText) {
		return bad()
	}
	year, _ := strconv.Atoi(yearText)
	seq, _ := strconv.Atoi(seqText)
	n := RegNumber{Office: s[:j], Year: year, Seq: seq}
	if err := n.Validate(); err != nil {
		return RegNumber{}, err
	}
	return n, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// RegExhaustedError returns the error Next reports when the office has
// used every number of the year: an *Error matching ErrConflict with the
// code CodeRegExhausted.
func RegExhaustedError(office string, year int) *Error {
	return fault.New(fault.Conflict, CodeRegExhausted,
		fmt.Sprintf("Исчерпаны регистрационные номера подразделения %s за %d год", office, year))
}
