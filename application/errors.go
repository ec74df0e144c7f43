package application

import "github.com/openzhkh/zhkh/internal/fault"

// The kinds of failure the package returns; branch on them with errors.Is.
// They are the same values in every package of the module.
var (
	// ErrNotFound: no application, provider or entry with the given key.
	ErrNotFound error = fault.NotFound
	// ErrConflict: the write collides with what is stored.
	ErrConflict error = fault.Conflict
	// ErrInvalid: the input breaks a rule; errors.As gives a *ValidationError.
	ErrInvalid error = fault.Invalid
	// ErrInvalidTransition: the operation is not allowed in the current state.
	ErrInvalidTransition error = fault.InvalidTransition
	// ErrForbidden: the caller may not do what it asks, such as an external
	// system listing the applications of a provider it does not represent.
	ErrForbidden error = fault.Forbidden
)

// Error is a typed failure with a kind, a stable code and a Russian message.
type Error = fault.Error

// Violation is one broken rule: field path, stable code, Russian message.
type Violation = fault.Violation

// ValidationError reports every violation of an input at once; it matches
// ErrInvalid under errors.Is.
type ValidationError = fault.ValidationError
