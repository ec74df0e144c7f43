package subject

import "github.com/openzhkh/zhkh/internal/fault"

// Codes of the errors of a RightRepository; every adapter reports these,
// so callers see one set whichever adapter they use.
const (
	// CodeRightNotFound: no right has the ID; the error matches
	// ErrNotFound.
	CodeRightNotFound = "right.not_found"
	// CodeRightExists: a right with the ID is stored already; the error
	// of Add matches ErrConflict.
	CodeRightExists = "right.exists"
	// CodeRightEndedAlready: the right to terminate has already ended;
	// the error matches ErrConflict (see Right.Terminate).
	CodeRightEndedAlready = "right.ended_already"
)

// Terminate ends the right on the date: it sets Ended to end. This is the
// rule every RightRepository applies in Terminate, under the lock of the
// premise. It returns an *Error matching ErrConflict with
// CodeRightEndedAlready when the right has already ended, and a
// *ValidationError (ErrInvalid) with CodeRightEnded when end is zero or
// before the registration date; on an error r is unchanged. Only ID,
// Registered and Ended of r are read.
func (r *Right) Terminate(end Date) error {
	switch {
	case !r.Ended.IsZero():
		return &Error{Kind: fault.Conflict, Code: CodeRightEndedAlready,
			Message: "Право собственности с ID " + r.ID.String() + " уже прекращено " + r.Ended.String()}
	case end.IsZero():
		return &ValidationError{Violations: []Violation{{
			Field: "ended", Code: CodeRightEnded, Message: "Не указана дата прекращения права",
		}}}
	case end.Before(r.Registered):
		return &ValidationError{Violations: []Violation{{
			Field: "ended", Code: CodeRightEnded, Message: "Дата прекращения права раньше даты его регистрации",
		}}}
	}
	r.Ended = end
	return nil
}
