package subject

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// LegalEntityRepository is the storage port of the register of legal
// entities. It stores what it is given; normalising and validating records,
// assigning IDs and stamping times is the LegalEntityRegister's job. It
// keeps two rules atomically, whatever runs concurrently: no two records
// have the same OGRN, and no two have the same INN and KPP.
type LegalEntityRepository interface {
	// Create stores a new legal entity with Version 1, whatever e.Version
	// says. It returns an error matching ErrConflict: with the code
	// CodeLegalExists when a record with the ID is stored already,
	// DuplicateOGRNError or DuplicateINNKPPError of the existing record when
	// another record has the OGRN, or the INN and KPP. Nothing is stored
	// when it fails.
	Create(ctx context.Context, e LegalEntity) error
	// Get returns the legal entity with the ID, or an error matching
	// ErrNotFound (with the code CodeLegalNotFound).
	Get(ctx context.Context, id uuid.UUID) (LegalEntity, error)
	// Update reads the legal entity, calls fn on a copy, and stores the
	// copy with the Version bumped by one, as one unit: concurrent Updates
	// are serialised and none is lost. Changes fn makes to ID and Version
	// are ignored. When fn returns an error nothing is stored and the error
	// is returned as it is. Update returns the stored entity; an error
	// matching ErrNotFound when there is none with the ID; or the
	// DuplicateOGRNError or DuplicateINNKPPError of another record when the
	// change would duplicate it.
	Update(ctx context.Context, id uuid.UUID, fn func(*LegalEntity) error) (LegalEntity, error)
	// Find returns the legal entities that q.Matches, ordered by
	// CompareLegalEntities, paged by q.Page. The query is taken as it is
	// (normalise it first). Searches by INN and OGRN do not scan every
	// record.
	Find(ctx context.Context, q LegalEntityQuery) ([]LegalEntity, error)
}

// LegalEntityRegister is the service of the register of legal entities: it
// normalises and validates records, gives new ones their IDs, stamps when
// they were created and changed, and stores them through a
// LegalEntityRepository, which refuses duplicates. It is safe for
// concurrent use when its repository and functions are.
type LegalEntityRegister struct {
	repo  LegalEntityRepository
	now   func() time.Time
	newID func() (uuid.UUID, error)
}

// NewLegalEntityRegister returns a register over repo. now is the clock
// (time.Now in production); newID makes IDs (uuid.NewV7 in production).
func NewLegalEntityRegister(repo LegalEntityRepository, now func() time.Time, newID func() (uuid.UUID, error)) *LegalEntityRegister {
	return &LegalEntityRegister{repo: repo, now: now, newID: newID}
}

// Register stores a new legal entity: it normalises e, assigns the ID,
// sets Version to 1 and CreatedAt/UpdatedAt to now. It returns the stored
// entity; a *ValidationError matching ErrInvalid with every violation;
// an error matching ErrConflict with the code CodeLegalDuplicateOGRN or
// CodeLegalDuplicateINNKPP naming the record that has the same OGRN, or
// the same INN and KPP; or the repository's error.
func (r *LegalEntityRegister) Register(ctx context.Context, e LegalEntity) (LegalEntity, error) {
	e, err := NormalizeLegalEntity(e.Clone())
	if err != nil {
		return LegalEntity{}, err
	}
	id, err := r.newID()
	if err != nil {
		return LegalEntity{}, fmt.Errorf("subject: making an ID: %w", err)
	}
	now := r.now()
	e.ID, e.Version, e.CreatedAt, e.UpdatedAt = id, 1, now, now
	if err := r.repo.Create(ctx, e); err != nil {
		return LegalEntity{}, err
	}
	return e, nil
}

// Get returns the legal entity with the ID, or an error matching
// ErrNotFound.
func (r *LegalEntityRegister) Get(ctx context.Context, id uuid.UUID) (LegalEntity, error) {
	return r.repo.Get(ctx, id)
}

// Update changes a legal entity: fn edits a copy; the ID, Version and
// CreatedAt it changes are restored, the result is normalised and
// validated, UpdatedAt is stamped, and the repository stores it with the
// Version bumped. It returns the stored entity; the error of fn as it is;
// a *ValidationError matching ErrInvalid; a duplicate conflict as Register
// does; or an error matching ErrNotFound. Nothing is stored when it fails.
func (r *LegalEntityRegister) Update(ctx context.Context, id uuid.UUID, fn func(*LegalEntity) error) (LegalEntity, error) {
	return r.repo.Update(ctx, id, func(e *LegalEntity) error {
		old := *e
		if err := fn(e); err != nil {
			return err
		}
		n, err := NormalizeLegalEntity(e.Clone())
		if err != nil {
			return err
		}
		n.ID, n.Version, n.CreatedAt, n.UpdatedAt = old.ID, old.Version, old.CreatedAt, r.now()
		*e = n
		return nil
	})
}

// Find returns the legal entities the query selects, in the order of
// CompareLegalEntities: by INN, KPP or OGRN (typed as people type them),
// by words of the name, or all of them, a page at a time.
func (r *LegalEntityRegister) Find(ctx context.Context, q LegalEntityQuery) ([]LegalEntity, error) {
	return r.repo.Find(ctx, q.Normalize())
}
