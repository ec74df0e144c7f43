package fault

import (
	"errors"
	"strings"
)

// Kind is a class of failure that callers branch on with errors.Is. Its
// message is Russian and generic; concrete errors say more.
type Kind struct {
	code    string
	message string
}

// Error returns the Russian message of the kind.
func (k *Kind) Error() string { return k.message }

// Code returns the stable machine code of the kind, such as "not_found".
func (k *Kind) Code() string { return k.code }

// The kinds of failure. They are sentinels: compare with errors.Is.
var (
	// NotFound: the requested thing does not exist.
	NotFound = &Kind{code: "not_found", message: "объект не найден"}
	// Conflict: the write collides with existing state (duplicate, stale version).
	Conflict = &Kind{code: "conflict", message: "конфликт с существующими данными"}
	// Invalid: the input breaks a rule; see ValidationError for the details.
	Invalid = &Kind{code: "invalid", message: "данные заполнены неверно"}
	// InvalidTransition: the operation is not allowed in the current state.
	InvalidTransition = &Kind{code: "invalid_transition", message: "операция недопустима в текущем состоянии"}
	// Forbidden: the caller may not do this.
	Forbidden = &Kind{code: "forbidden", message: "недостаточно прав"}
)

// Error is a typed failure with a kind, a stable machine code and a message
// in Russian for the person at the screen. Err, when set, is the cause; it
// may hold technical detail and is reachable with errors.Unwrap.
type Error struct {
	Kind    *Kind
	Code    string
	Message string
	Err     error
}

// Error returns the Russian message, followed by the cause when there is one.
func (e *Error) Error() string {
	msg := e.Message
	if msg == "" && e.Kind != nil {
		msg = e.Kind.message
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

// Is reports whether target is the kind of e.
func (e *Error) Is(target error) bool {
	k, ok := target.(*Kind)
	return ok && k == e.Kind
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// New returns an *Error of the given kind, code and Russian message.
func New(kind *Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message}
}

// Violation is one broken rule of an input: the path of the field
// ("applicant.snils", "accounts[2].number"), a stable code
// ("snils.checksum") and a Russian message.
type Violation struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ValidationError reports every violation of an input at once. It matches
// Invalid under errors.Is.
type ValidationError struct {
	Violations []Violation
}

// Error joins the violations as "field: message" pairs.
func (e *ValidationError) Error() string {
	var b strings.Builder
	for i, v := range e.Violations {
		if i > 0 {
			b.WriteString("; ")
		}
		if v.Field != "" {
			b.WriteString(v.Field)
			b.WriteString(": ")
		}
		b.WriteString(v.Message)
	}
	if b.Len() == 0 {
		return Invalid.message
	}
	return b.String()
}

// Is reports whether target is Invalid.
func (e *ValidationError) Is(target error) bool { return target == Invalid }

// Has reports whether any violation carries the code.
func (e *ValidationError) Has(code string) bool {
	for _, v := range e.Violations {
		if v.Code == code {
			return true
		}
	}
	return false
}

// Validation returns a *ValidationError of the violations, or nil when
// there are none.
func Validation(vs ...Violation) error {
	if len(vs) == 0 {
		return nil
	}
	return &ValidationError{Violations: vs}
}

// HasCode reports whether err is or wraps an *Error with the code, or a
// *ValidationError with a violation of that code.
func HasCode(err error, code string) bool {
	var fe *Error
	if errors.As(err, &fe) && fe.Code == code {
		return true
	}
	var ve *ValidationError
	return errors.As(err, &ve) && ve.Has(code)
}
