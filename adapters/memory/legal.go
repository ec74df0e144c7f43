package memory

import (
	"context"
	"slices"
	"sync"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/subject"
)

// LegalEntityRepository is an in-memory subject.LegalEntityRepository. It
// keeps indexes by INN, OGRN and INN+KPP, so lookups by them do not scan,
// and checks the uniqueness of OGRN and of INN+KPP under the same lock that
// stores, so concurrent writes cannot both pass the check.
type LegalEntityRepository struct {
	mu       sync.RWMutex
	entities map[uuid.UUID]subject.LegalEntity
	byINN    map[string][]uuid.UUID
	byOGRN   map[string]uuid.UUID
	byINNKPP map[innKPP]uuid.UUID
}

type innKPP struct{ inn, kpp string }

var _ subject.LegalEntityRepository = (*LegalEntityRepository)(nil)

// NewLegalEntityRepository returns an empty repository.
func NewLegalEntityRepository() *LegalEntityRepository {
	return &LegalEntityRepository{
		entities: map[uuid.UUID]subject.LegalEntity{},
		byINN:    map[string][]uuid.UUID{},
		byOGRN:   map[string]uuid.UUID{},
		byINNKPP: map[innKPP]uuid.UUID{},
	}
}

// Create stores a new legal entity with Version 1.
func (r *LegalEntityRepository) Create(ctx context.Context, e subject.LegalEntity) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	e = e.Clone()
	e.Version = 1
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.entities[e.ID]; ok {
		return subject.LegalEntityExistsError(e.ID)
	}
	if err := r.unique(e); err != nil {
		return err
	}
	r.index(e)
	return nil
}

// unique returns the conflict with another record that e would duplicate.
// It is called with r.mu held.
func (r *LegalEntityRepository) unique(e subject.LegalEntity) error {
	if id, ok := r.byOGRN[e.OGRN]; ok && id != e.ID {
		return subject.DuplicateOGRNError(r.entities[id])
	}
	if id, ok := r.byINNKPP[innKPP{e.INN, e.KPP}]; ok && id != e.ID {
		return subject.DuplicateINNKPPError(r.entities[id])
	}
	return nil
}

// index stores e and adds it to the indexes. It is called with r.mu held.
func (r *LegalEntityRepository) index(e subject.LegalEntity) {
	r.entities[e.ID] = e
	r.byINN[e.INN] = append(r.byINN[e.INN], e.ID)
	r.byOGRN[e.OGRN] = e.ID
	r.byINNKPP[innKPP{e.INN, e.KPP}] = e.ID
}

// unindex removes e from the indexes (not from the entities). It is called
// with r.mu held.
func (r *LegalEntityRepository) unindex(e subject.LegalEntity) {
	ids := slices.DeleteFunc(r.byINN[e.INN], func(id uuid.UUID) bool { return id == e.ID })
	if len(ids) == 0 {
		delete(r.byINN, e.INN)
	} else {
		r.byINN[e.INN] = ids
	}
	delete(r.byOGRN, e.OGRN)
	delete(r.byINNKPP, innKPP{e.INN, e.KPP})
}

// Get returns the legal entity with the ID.
func (r *LegalEntityRepository) Get(ctx context.Context, id uuid.UUID) (subject.LegalEntity, error) {
	if err := ctx.Err(); err != nil {
		return subject.LegalEntity{}, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	e, ok := r.entities[id]
	if !ok {
		return subject.LegalEntity{}, subject.LegalEntityNotFoundError(id)
	}
	return e.Clone(), nil
}

// Update runs fn on a copy of the legal entity and stores it with the
// Version bumped, under the write lock.
func (r *LegalEntityRepository) Update(ctx context.Context, id uuid.UUID, fn func(*subject.LegalEntity) error) (subject.LegalEntity, error) {
	if err := ctx.Err(); err != nil {
		return subject.LegalEntity{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	old, ok := r.entities[id]
	if !ok {
		return subject.LegalEntity{}, subject.LegalEntityNotFoundError(id)
	}
	e := old.Clone()
	if err := fn(&e); err != nil {
		return subject.LegalEntity{}, err
	}
	if err := ctx.Err(); err != nil {
		return subject.LegalEntity{}, err
	}
	e = e.Clone() // fn may keep references to what it put in
	e.ID, e.Version = old.ID, old.Version+1
	if err := r.unique(e); err != nil {
		return subject.LegalEntity{}, err
	}
	r.unindex(old)
	r.index(e)
	return e.Clone(), nil
}

// Find returns the legal entities the query selects, ordered by
// subject.CompareLegalEntities.
func (r *LegalEntityRepository) Find(ctx context.Context, q subject.LegalEntityQuery) ([]subject.LegalEntity, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []subject.LegalEntity
	keep := func(id uuid.UUID) {
		if e := r.entities[id]; q.Matches(e) {
			out = append(out, e)
		}
	}
	r.mu.RLock()
	switch {
	case q.OGRN != "":
		if id, ok := r.byOGRN[q.OGRN]; ok {
			keep(id)
		}
	case q.INN != "" && q.KPP != "":
		if id, ok := r.byINNKPP[innKPP{q.INN, q.KPP}]; ok {
			keep(id)
		}
	case q.INN != "":
		for _, id := range r.byINN[q.INN] {
			keep(id)
		}
	default:
		for id := range r.entities {
			keep(id)
		}
	}
	r.mu.RUnlock()
	slices.SortFunc(out, subject.CompareLegalEntities)
	out = q.Page(out)
	for i := range out {
		out[i] = out[i].Clone()
	}
	return out, nil
}
