package gis

import (
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strings"

	"github.com/openzhkh/zhkh/internal/civil"
	"github.com/openzhkh/zhkh/internal/fault"
)

// The error kinds every domain package of the module shares; compare with
// errors.Is.
var (
	// ErrNotFound: the requested record does not exist.
	ErrNotFound error = fault.NotFound
	// ErrConflict: the write collides with existing state.
	ErrConflict error = fault.Conflict
	// ErrInvalid: the input breaks a rule; see ValidationError.
	ErrInvalid error = fault.Invalid
)

// Violation is one broken rule of an input, with the field path
// ("accounts[2].accountNumber"), a stable code and a Russian message.
type Violation = fault.Violation

// ValidationError reports every violation of an input at once.
type ValidationError = fault.ValidationError

// Date is a calendar date without time, YYYY-MM-DD in JSON.
type Date = civil.Date

// Class tells a caller what to do about a failed exchange.
type Class uint8

// The classes of GIS ZhKKh failures.
const (
	// ClassUnknown: the code is not in any list this package knows;
	// treat it as fatal unless you know better.
	ClassUnknown Class = iota
	// ClassEmpty: nothing to export (INT002012); not a failure.
	ClassEmpty
	// ClassRetry: the system is busy or unreachable; send the same
	// request again later (EXP002001–EXP002003, INT002018, INT002029,
	// HTTP 502, 503, 504, timeouts, dropped connections).
	ClassRetry
	// ClassResend: rebuild the message with a new MessageGUID, date and
	// signature and send it again (EXP001000); resending the identical
	// packet loops.
	ClassResend
	// ClassFatal: the request is wrong or not allowed (AUT…, FMT…,
	// INT002013); sending it again will not help.
	ClassFatal
)

// String returns the name of the class.
func (c Class) String() string {
	switch c {
	case ClassEmpty:
		return "empty"
	case ClassRetry:
		return "retry"
	case ClassResend:
		return "resend"
	case ClassFatal:
		return "fatal"
	default:
		return "unknown"
	}
}

// Error is a failure reported by GIS ZhKKh or met on the way to it: a SOAP
// fault (base:Fault), a whole-message ErrorMessage of getState, an item
// error of a CommonResult, or an HTTP status the transport received.
type Error struct {
	// Code is the GIS code, three letters and six digits (INT002012), or
	// "HTTP503" for an HTTP status without a GIS code.
	Code string
	// Text is the description GIS gave, in Russian.
	Text string
	// StackTrace is what GIS sent as its stack trace, if anything.
	StackTrace string
	// HTTPStatus is the HTTP status of the response, when there was one
	// and it was not 200.
	HTTPStatus int
	// Fault is true when the error came as a SOAP fault.
	Fault bool
}

// Error returns the code and the text.
func (e *Error) Error() string {
	switch {
	case e.Text == "":
		return "ГИС ЖКХ: " + e.Code
	case e.Code == "":
		return "ГИС ЖКХ: " + e.Text
	default:
		return fmt.Sprintf("ГИС ЖКХ: %s: %s", e.Code, e.Text)
	}
}

// Class classifies the error by its code and HTTP status.
func (e *Error) Class() Class {
	switch e.HTTPStatus {
	case 502, 503, 504:
		return ClassRetry
	}
	return ClassifyCode(e.Code)
}

// codePattern is the form of a GIS error code: INT002012.
var codePattern = regexp.MustCompile(`^[A-Z]{3}[0-9]{6}$`)

// invalidf returns an error matching ErrInvalid with a Russian message,
// for input that cannot be read (malformed XML, a wrong element, a bad
// GUID in a response).
func invalidf(format string, args ...any) error {
	return fault.New(fault.Invalid, "gis.invalid", fmt.Sprintf(format, args...))
}

// ValidCode reports whether code has the GIS form: three capital Latin
// letters and six digits.
func ValidCode(code string) bool { return codePattern.MatchString(code) }

// ClassifyCode returns the class of a GIS error code.
func ClassifyCode(code string) Class {
	switch code {
	case "INT002012":
		return ClassEmpty
	case "EXP002001", "EXP002002", "EXP002003", "INT002018", "INT002029",
		"HTTP502", "HTTP503", "HTTP504":
		return ClassRetry
	case "EXP001000":
		return ClassResend
	case "INT002013":
		return ClassFatal
	}
	if strings.HasPrefix(code, "AUT") || strings.HasPrefix(code, "FMT") {
		return ClassFatal
	}
	return ClassUnknown
}

// ClassOf classifies any error met during an exchange: a *Error by its
// code and status; a timeout, a deadline or a dropped connection as
// ClassRetry; anything else as ClassUnknown. A context cancelled by the
// caller is ClassUnknown: the caller chose to stop.
func ClassOf(err error) Class {
	if err == nil {
		return ClassUnknown
	}
	var ge *Error
	if errors.As(err, &ge) {
		return ge.Class()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return ClassRetry
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return ClassRetry
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return ClassRetry
	}
	return ClassUnknown
}
