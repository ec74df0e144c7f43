package subject

import (
	"github.com/openzhkh/zhkh/internal/civil"
	"github.com/openzhkh/zhkh/internal/fault"
)

// The kinds of failure the package returns; branch on them with errors.Is.
// They are the same values in every package of the module.
var (
	// ErrNotFound: no subject or right with the given key.
	ErrNotFound error = fault.NotFound
	// ErrConflict: the write collides with what is stored (a duplicate, a
	// stale version).
	ErrConflict error = fault.Conflict
	// ErrInvalid: the input breaks a rule; errors.As gives a *ValidationError.
	ErrInvalid error = fault.Invalid
)

// Error is a typed failure with a kind, a stable code and a Russian message.
type Error = fault.Error

// Violation is one broken rule: field path, stable code, Russian message.
type Violation = fault.Violation

// ValidationError reports every violation of an input at once; it matches
// ErrInvalid under errors.Is.
type ValidationError = fault.ValidationError

// HasCode reports whether err carries the code, either as an *Error or as a
// violation of a *ValidationError.
func HasCode(err error, code string) bool { return fault.HasCode(err, code) }

// Date is a calendar date without time, the one civil-date type of the
// module; the same type as address.Date and document.Date.
type Date = civil.Date
