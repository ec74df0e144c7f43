package subject

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/internal/civil"
	"github.com/openzhkh/zhkh/internal/fault"
)

// PersonRepository is the storage port of the person register: persons,
// with the indexes their search needs, and representations between them.
// It stores what it is given; PersonRegister normalises and validates
// before it writes. Implementations are safe for concurrent use.
type PersonRepository interface {
	// Create stores a new person. It returns an error matching ErrConflict
	// when a person with the ID is stored, or, built by
	// DuplicateSNILSError, when a stored person has the same non-empty
	// SNILS; then nothing is stored.
	Create(ctx context.Context, p Person) error
	// Get returns the person with the ID, or an error matching ErrNotFound
	// (built by PersonNotFoundError).
	Get(ctx context.Context, id uuid.UUID) (Person, error)
	// Update reads the person with the ID, calls fn with a copy and, when
	// fn returns nil, stores the copy with its ID kept and its Version one
	// more. Updates of one person are serialised, so none is lost. It
	// returns an error matching ErrNotFound for an unknown ID, the error of
	// fn as it is, or the DuplicateSNILSError when the new SNILS belongs to
	// another person; on any error nothing changes. fn may be called more
	// than once and must not call the repository. It returns the person as
	// stored.
	Update(ctx context.Context, id uuid.UUID, fn func(*Person) error) (Person, error)
	// Find returns the persons that q.Matches, ordered by ID, starting
	// after q.After and at most q.Limit of them. q must be normalised (see
	// PersonQuery.Normalize). None found is an empty result, not an error.
	Find(ctx context.Context, q PersonQuery) ([]Person, error)
	// AddRepresentation stores a representation. It returns an error
	// matching ErrNotFound when either person is not stored, or
	// ErrConflict when a representation with the ID is stored.
	AddRepresentation(ctx context.Context, r Representation) error
	// RepresentationsOf returns the representations in which the person
	// represents or is represented, ordered by ID. An unknown person has
	// none: the result is empty, not an error.
	RepresentationsOf(ctx context.Context, person uuid.UUID) ([]Representation, error)
}

// PersonRegister is the register of persons (реестр физических лиц): it
// normalises and validates persons and representations, assigns IDs and
// times from the injected clock and ID source, and stores them through a
// PersonRepository.
type PersonRegister struct {
	repo  PersonRepository
	now   func() time.Time
	newID func() (uuid.UUID, error)
}

// NewPersonRegister returns a register over repo. now is the clock
// (time.Now in production; its location decides what "today" is for
// birth dates); newID makes IDs (uuid.NewV7 in production).
func NewPersonRegister(repo PersonRepository, now func() time.Time, newID func() (uuid.UUID, error)) *PersonRegister {
	return &PersonRegister{repo: repo, now: now, newID: newID}
}

// Register normalises p (see Person.Normalize), gives it a new ID, Version
// 1 and the creation time, stores it and returns it. It returns a
// *ValidationError with every violation, or an error matching ErrConflict
// with code CodePersonDuplicateSNILS when the SNILS is taken.
func (r *PersonRegister) Register(ctx context.Context, p Person) (Person, error) {
	now := r.now()
	p, err := p.Normalize(civil.Of(now))
	if err != nil {
		return Person{}, err
	}
	id, err := r.newID()
	if err != nil {
		return Person{}, fmt.Errorf("subject: making a person ID: %w", err)
	}
	p.ID, p.Version, p.CreatedAt, p.UpdatedAt = id, 1, now, now
	if err := r.repo.Create(ctx, p); err != nil {
		return Person{}, err
	}
	return p, nil
}

// Get returns the person with the ID, or an error matching ErrNotFound.
func (r *PersonRegister) Get(ctx context.Context, id uuid.UUID) (Person, error) {
	return r.repo.Get(ctx, id)
}

// Update changes the person with the ID by fn, normalises the result and
// stores it with the update time; it returns the stored person. ID,
// Version and CreatedAt are kept whatever fn does to them. It returns the
// error of fn as it is, a *ValidationError, an error matching ErrNotFound,
// or one matching ErrConflict when the new SNILS is taken; then nothing
// changes.
func (r *PersonRegister) Update(ctx context.Context, id uuid.UUID, fn func(*Person) error) (Person, error) {
	return r.repo.Update(ctx, id, func(p *Person) error {
		keep := *p
		if err := fn(p); err != nil {
			return err
		}
		now := r.now()
		n, err := p.Normalize(civil.Of(now))
		if err != nil {
			return err
		}
		n.ID, n.Version, n.CreatedAt, n.UpdatedAt = keep.ID, keep.Version, keep.CreatedAt, now
		*p = n
		return nil
	})
}

// Find normalises q and returns the persons it selects, ordered by ID (see
// PersonQuery). A q that cannot be normalised gives its *ValidationError.
func (r *PersonRegister) Find(ctx context.Context, q PersonQuery) ([]Person, error) {
	q, err := q.Normalize()
	if err != nil {
		return nil, err
	}
	return r.repo.Find(ctx, q)
}

// FindBySNILS returns the person with the SNILS, given in any form
// CheckSNILS accepts, or an error matching ErrNotFound, or a
// *ValidationError for a SNILS that is not valid.
func (r *PersonRegister) FindBySNILS(ctx context.Context, snils string) (Person, error) {
	ps, err := r.Find(ctx, PersonQuery{SNILS: snils, Limit: 1})
	if err != nil {
		return Person{}, err
	}
	if len(ps) == 0 {
		return Person{}, &Error{Kind: fault.NotFound, Code: CodePersonNotFound,
			Message: "Физическое лицо с таким СНИЛС не найдено"}
	}
	return ps[0], nil
}

// AddRepresentation validates the representation (see
// Representation.Validate), gives it a new ID and stores it. A parent's
// representation of a minor without ValidTo ends the day before the
// child's 18th birthday when the child's birth date is known. It returns
// a *ValidationError, an error matching ErrNotFound when either person is
// unknown, or the error of the repository.
func (r *PersonRegister) AddRepresentation(ctx context.Context, rep Representation) (Representation, error) {
	if err := rep.Validate(); err != nil {
		return Representation{}, err
	}
	if rep.Ground == GroundParent && rep.ValidTo.IsZero() {
		child, err := r.repo.Get(ctx, rep.Represented)
		if err != nil {
			return Representation{}, err
		}
		if b := child.BirthDate; !b.IsZero() {
			adult := civil.Of(time.Date(b.Year+18, b.Month, b.Day, 0, 0, 0, 0, time.UTC))
			rep.ValidTo = adult.AddDays(-1)
			if err := rep.Validate(); err != nil {
				return Representation{}, err
			}
		}
	}
	id, err := r.newID()
	if err != nil {
		return Representation{}, fmt.Errorf("subject: making a representation ID: %w", err)
	}
	rep.ID = id
	if err := r.repo.AddRepresentation(ctx, rep); err != nil {
		return Representation{}, err
	}
	return rep, nil
}

// RepresentationsOf returns the representations in which the person
// represents or is represented, ordered by ID.
func (r *PersonRegister) RepresentationsOf(ctx context.Context, person uuid.UUID) ([]Representation, error) {
	return r.repo.RepresentationsOf(ctx, person)
}

// RepresentativesAt returns the representations of the represented person
// that are in force on the day.
func (r *PersonRegister) RepresentativesAt(ctx context.Context, represented uuid.UUID, day Date) ([]Representation, error) {
	all, err := r.repo.RepresentationsOf(ctx, represented)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, rep := range all {
		if rep.Represented == represented && rep.ActiveAt(day) {
			out = append(out, rep)
		}
	}
	return out, nil
}
