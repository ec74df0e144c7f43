package application

import (
	"context"
	"time"

	"github.com/google/uuid"
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
	// ID, or fn's error as it is; on any error nothing changes. fn must not
	// call the repository.
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
