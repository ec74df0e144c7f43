package address

import "github.com/openzhkh/zhkh/internal/fault"

// The kinds of failure the package returns; branch on them with errors.Is.
// They are the same values in every package of the module.
var (
	// ErrNotFound: no object, type or relation with the given key.
	ErrNotFound error = fault.NotFound
	// ErrConflict: the write collides with what is stored.
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

// Stable codes of the violations and errors this package reports.
const (
	CodeObjectNotFound       = "address.object.not_found"
	CodeObjectExists         = "address.object.exists"
	CodeObjectLevel          = "address.object.level"
	CodeObjectGARLevel       = "address.object.gar_level"
	CodeObjectName           = "address.object.name"
	CodeObjectPeriod         = "address.object.period"
	CodeObjectID             = "address.object.id"
	CodeTypeShort            = "address.type.short"
	CodeTypeLevel            = "address.type.level"
	CodeRelationHierarchy    = "address.relation.hierarchy"
	CodeRelationUnknown      = "address.relation.unknown_object"
	CodeRelationSelf         = "address.relation.self"
	CodeRelationCycle        = "address.relation.cycle"
	CodeRelationShallower    = "address.relation.shallower"
	CodeRelationPeriod       = "address.relation.period"
	CodeRelationNotFound     = "address.relation.not_found"
	CodeHouseNumberEmpty     = "address.house_number.empty"
	CodeHouseNumberInvalid   = "address.house_number.invalid"
	CodeHouseNumberDuplicate = "address.house_number.duplicate"
)

// HasCode reports whether err carries the code, either as an *Error or as a
// violation of a *ValidationError.
func HasCode(err error, code string) bool { return fault.HasCode(err, code) }

func notFoundKind() *fault.Kind { return fault.NotFound }
func conflictKind() *fault.Kind { return fault.Conflict }
