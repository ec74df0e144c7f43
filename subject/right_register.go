package subject

import (
	"context"
	"fmt"

	"github.com/google/uuid"
)

// RightRepository is the storage port of the register of ownership
// rights. It stores what it is given; the rules of ownership are kept by
// the check function the caller passes to Add (RightRegister passes
// CheckAddition), so that they are written once, in this package.
type RightRepository interface {
	// Add stores the right r. Atomically with the insert, it calls check
	// with every stored right of r.Premise, ended ones included, and
	// stores r only when check returns nil; no other Add or Terminate of
	// the same premise may run between the call and the insert (memory: a
	// lock of the premise; PostgreSQL: a transaction that locks the
	// premise, e.g. with pg_advisory_xact_lock or SELECT ... FOR UPDATE on
	// a premise row). The error of check is returned as it is. Add returns
	// an error matching ErrConflict (CodeRightExists) when a right with
	// r.ID is stored. A nil check stores r unchecked. check must not write
	// to the repository.
	Add(ctx context.Context, r Right, check func(stored []Right) error) error
	// Get returns the right with the ID, or an error matching ErrNotFound
	// (CodeRightNotFound).
	Get(ctx context.Context, id uuid.UUID) (Right, error)
	// Terminate ends the right with the ID on the date: it sets Ended and
	// keeps the right, never deleting it. It returns an error matching
	// ErrNotFound (CodeRightNotFound) for an unknown ID; otherwise it
	// applies Right.Terminate to the stored right while holding its
	// premise locked, as Add does, and returns its error as it is: an
	// error matching ErrConflict (CodeRightEndedAlready) when the right
	// has already ended, and a *ValidationError (ErrInvalid) with
	// CodeRightEnded when end is zero or before the registration date.
	Terminate(ctx context.Context, id uuid.UUID, end Date) error
	// RightsOf returns every right to the premise, ended ones included,
	// ordered by registration date, then ID. An unknown premise has none:
	// the result is empty, not an error.
	RightsOf(ctx context.Context, premise uuid.UUID) ([]Right, error)
	// RightsOfOwner returns every right the subject holds or held, ended
	// ones included, ordered by registration date, then ID.
	RightsOfOwner(ctx context.Context, subject uuid.UUID) ([]Right, error)
}

// RightRegister is the register of ownership rights: it assigns IDs, keeps
// the ownership of every premise consistent when rights are added, and
// answers who owns a premise on a date. It is safe for concurrent use as
// far as its repository is.
type RightRegister struct {
	repo  RightRepository
	newID func() (uuid.UUID, error)
	today func() Date
}

// NewRightRegister returns a register over repo. today gives the current
// date for Owners (the clock, read in the office's time zone); newID makes
// the IDs of new rights (uuid.NewV7 in production). The order of the
// arguments is that of the module's other registers: the port, the clock,
// the ID function.
func NewRightRegister(repo RightRepository, today func() Date, newID func() (uuid.UUID, error)) *RightRegister {
	return &RightRegister{repo: repo, newID: newID, today: today}
}

// Add registers the right and returns it as stored. A right without an ID
// gets one from newID. The right is checked with CheckAddition against the
// rights of its premise atomically with the insert, so concurrent
// additions can never make the shares of a premise exceed 1. It returns a
// *ValidationError (ErrInvalid) with the violations when the right is
// refused, and an error matching ErrConflict when its ID is taken.
func (g *RightRegister) Add(ctx context.Context, r Right) (Right, error) {
	r = r.Clone()
	if r.ID == uuid.Nil {
		id, err := g.newID()
		if err != nil {
			return Right{}, fmt.Errorf("subject: new right ID: %w", err)
		}
		r.ID = id
	}
	if err := r.Validate(); err != nil {
		return Right{}, err
	}
	if err := g.repo.Add(ctx, r, func(stored []Right) error { return CheckAddition(stored, r) }); err != nil {
		return Right{}, err
	}
	return r, nil
}

// Terminate ends the right on the date; see RightRepository.Terminate.
func (g *RightRegister) Terminate(ctx context.Context, id uuid.UUID, end Date) error {
	return g.repo.Terminate(ctx, id, end)
}

// Get returns the right with the ID, or an error matching ErrNotFound
// (CodeRightNotFound).
func (g *RightRegister) Get(ctx context.Context, id uuid.UUID) (Right, error) {
	return g.repo.Get(ctx, id)
}

// OwnersAt returns the owners of the premise on the date, from the whole
// history of its rights.
func (g *RightRegister) OwnersAt(ctx context.Context, premise uuid.UUID, at Date) ([]Owner, error) {
	rights, err := g.repo.RightsOf(ctx, premise)
	if err != nil {
		return nil, err
	}
	return OwnersAt(rights, at), nil
}

// Owners returns the owners of the premise today.
func (g *RightRegister) Owners(ctx context.Context, premise uuid.UUID) ([]Owner, error) {
	return g.OwnersAt(ctx, premise, g.today())
}

// Check checks the consistency of the ownership of the premise on the
// date with CheckPremise; a premise whose shares are still short of 1
// fails with CodeSharesShort.
func (g *RightRegister) Check(ctx context.Context, premise uuid.UUID, at Date) error {
	rights, err := g.repo.RightsOf(ctx, premise)
	if err != nil {
		return err
	}
	return CheckPremise(rights, at)
}
