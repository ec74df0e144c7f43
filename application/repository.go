package application

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/internal/fault"
)

// Repository is the storage port of applications. Adapters store what
// they are given; the rules of the flow are kept by the aggregate and the
// Service.
type Repository interface {
	// Create stores a new application with Version 1. It returns an error
	// matching ErrConflict when an application with the ID exists.
	Create(ctx context.Context, a *Application) error
	// Get returns a copy of the application with the ID, or an error
	// matching ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (*Application, error)
	// Update runs fn on a copy of the stored application and, when fn
	// returns nil, stores the copy with Version one more and returns it.
	// Updates of one application are serialised (memory: a lock; Postgres:
	// a transaction with SELECT … FOR UPDATE and the version column), so
	// none is lost. It returns an error matching ErrNotFound for an unknown
	// ID, or fn's error as it is; an error matching ErrConflict
	// (CodeApplicationHistory) when fn removed or changed entries of the
	// stored history, which only grows (CheckHistoryAppended); on any error
	// nothing changes. fn must not call the repository.
	Update(ctx context.Context, id uuid.UUID, fn func(*Application) error) (*Application, error)
	// Incoming returns a page of the applications of one provider for its
	// external system, in a stable order (see IncomingQuery), and the
	// cursor of the next page ("" at the end).
	Incoming(ctx context.Context, q IncomingQuery) ([]*Application, string, error)
	// ProcessedBetween returns the applications processed in [from, to),
	// ordered by the time they were processed, then ID.
	ProcessedBetween(ctx context.Context, from, to time.Time) ([]*Application, error)
}

// Codes of the errors of a Repository; every adapter reports these, so
// callers see one set whichever adapter they use.
const (
	// CodeApplicationNotFound: no application has the ID; the error
	// matches ErrNotFound.
	CodeApplicationNotFound = "application.not_found"
	// CodeApplicationExists: an application with the ID is stored
	// already; the error matches ErrConflict.
	CodeApplicationExists = "application.exists"
	// CodeApplicationHistory: an Update removed or changed entries of the
	// stored history, which is append-only; the error matches ErrConflict.
	CodeApplicationHistory = "application.history"
	// CodeIncomingLimit: the limit of an IncomingQuery is negative or
	// above MaxIncomingLimit; the violation of a *ValidationError.
	CodeIncomingLimit = "application.incoming.limit"
	// CodeIncomingCursor: the cursor of an IncomingQuery is not one that
	// Incoming returned; the violation of a *ValidationError.
	CodeIncomingCursor = "application.incoming.cursor"
	// CodeIncomingState: a state of an IncomingQuery is unknown; the
	// violation of a *ValidationError.
	CodeIncomingState = "application.incoming.state"
)

// The page sizes of Incoming.
const (
	// DefaultIncomingLimit is the page size of an IncomingQuery with a
	// zero Limit.
	DefaultIncomingLimit = 100
	// MaxIncomingLimit is the largest Limit of an IncomingQuery.
	MaxIncomingLimit = 1000
)

// IncomingQuery selects the applications a provider's external system
// lists: those of the provider that were sent, in the given states (none:
// every state after Draft), sent in [Since, Until) (zero: unbounded),
// ordered by the time they were sent and then by ID, after the cursor, at
// most Limit (zero: DefaultIncomingLimit; at most MaxIncomingLimit).
type IncomingQuery struct {
	Provider     uuid.UUID
	States       []State
	Since, Until time.Time
	Cursor       string
	Limit        int
}

// CheckHistoryAppended returns nil when next keeps every entry of stored,
// unchanged and at its place, and adds only entries after them: the
// history of an application is append-only, and every Repository.Update
// checks it. Otherwise it returns an error matching ErrConflict with
// CodeApplicationHistory.
func CheckHistoryAppended(stored, next []Entry) error {
	ok := len(next) >= len(stored)
	for i := 0; ok && i < len(stored); i++ {
		ok = sameEntry(stored[i], next[i])
	}
	if ok {
		return nil
	}
	return &Error{Kind: fault.Conflict, Code: CodeApplicationHistory,
		Message: "История заявления только дополняется: записи нельзя удалять или изменять"}
}

// sameEntry reports whether two entries are equal, their times compared
// as instants.
func sameEntry(a, b Entry) bool {
	if !a.At.Equal(b.At) {
		return false
	}
	a.At, b.At = time.Time{}, time.Time{}
	return a == b
}
