package memory

import (
	"context"
	"fmt"
	"slices"

	"sync"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/subject"
)

// PersonRepository is an in-memory subject.PersonRepository. It keeps
// indexes by SNILS, INN, identity document number, folded surname, birth
// date and folded surname with birth date, so that a search by any of them
// reads only the persons that can match. A search with none of them (a
// name prefix alone, a role) reads every person.
type PersonRepository struct {
	mu      sync.RWMutex
	persons map[uuid.UUID]*subject.Person
	ids     []uuid.UUID // sorted
	bySNILS map[string]uuid.UUID
	byINN   map[string][]uuid.UUID
	byDoc   map[string][]uuid.UUID
	byName  map[string][]uuid.UUID
	byDate  map[subject.Date][]uuid.UUID
	byBoth  map[nameDate][]uuid.UUID
	reps    map[uuid.UUID]subject.Representation
	repsOf  map[uuid.UUID][]uuid.UUID
}

type nameDate struct {
	surname string
	date    subject.Date
}

var _ subject.PersonRepository = (*PersonRepository)(nil)

// NewPersonRepository returns an empty repository.
func NewPersonRepository() *PersonRepository {
	return &PersonRepository{
		persons: map[uuid.UUID]*subject.Person{},
		bySNILS: map[string]uuid.UUID{},
		byINN:   map[string][]uuid.UUID{},
		byDoc:   map[string][]uuid.UUID{},
		byName:  map[string][]uuid.UUID{},
		byDate:  map[subject.Date][]uuid.UUID{},
		byBoth:  map[nameDate][]uuid.UUID{},
		reps:    map[uuid.UUID]subject.Representation{},
		repsOf:  map[uuid.UUID][]uuid.UUID{},
	}
}

// Create stores a new person.
func (r *PersonRepository) Create(ctx context.Context, p subject.Person) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p = p.Clone()
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.persons[p.ID]; ok {
		return fmt.Errorf("memory: person %s: %w", p.ID, subject.ErrConflict)
	}
	if other, ok := r.bySNILS[string(p.SNILS)]; ok && p.SNILS != "" {
		return subject.DuplicateSNILSError(other)
	}
	r.persons[p.ID] = &p
	i, _ := slices.BinarySearchFunc(r.ids, p.ID, compareIDs)
	r.ids = slices.Insert(r.ids, i, p.ID)
	r.index(&p)
	return nil
}

// Get returns the person with the ID.
func (r *PersonRepository) Get(ctx context.Context, id uuid.UUID) (subject.Person, error) {
	if err := ctx.Err(); err != nil {
		return subject.Person{}, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	p, ok := r.persons[id]
	if !ok {
		return subject.Person{}, subject.PersonNotFoundError(id)
	}
	return p.Clone(), nil
}

// Update changes the person with the ID by fn, holding the write lock.
func (r *PersonRepository) Update(ctx context.Context, id uuid.UUID, fn func(*subject.Person) error) (subject.Person, error) {
	if err := ctx.Err(); err != nil {
		return subject.Person{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	old, ok := r.persons[id]
	if !ok {
		return subject.Person{}, subject.PersonNotFoundError(id)
	}
	p := old.Clone()
	if err := fn(&p); err != nil {
		return subject.Person{}, err
	}
	p = p.Clone() // fn may keep its slices
	p.ID, p.Version = id, old.Version+1
	if other, ok := r.bySNILS[string(p.SNILS)]; ok && p.SNILS != "" && other != id {
		return subject.Person{}, subject.DuplicateSNILSError(other)
	}
	r.unindex(old)
	r.persons[id] = &p
	r.index(&p)
	return p.Clone(), nil
}

// Find returns the persons the normalised query selects, ordered by ID.
func (r *PersonRepository) Find(ctx context.Context, q subject.PersonQuery) ([]subject.Person, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	cands, indexed := r.candidates(q)
	var out []subject.Person
	if indexed {
		if len(cands) > 1 {
			cands = slices.Clone(cands)
			slices.SortFunc(cands, compareIDs)
		}
		for _, id := range cands {
			if q.After != uuid.Nil && compareIDs(id, q.After) <= 0 {
				continue
			}
			if p := r.persons[id]; q.Matches(*p) {
				out = append(out, p.Clone())
				if q.Limit > 0 && len(out) == q.Limit {
					break
				}
			}
		}
		return out, nil
	}
	start := 0
	if q.After != uuid.Nil {
		i, found := slices.BinarySearchFunc(r.ids, q.After, compareIDs)
		if found {
			i++
		}
		start = i
	}
	for n, id := range r.ids[start:] {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if p := r.persons[id]; q.Matches(*p) {
			out = append(out, p.Clone())
			if q.Limit > 0 && len(out) == q.Limit {
				break
			}
		}
	}
	return out, nil
}

// candidates returns the IDs of the smallest index list that q narrows to,
// and whether there is one; the IDs are not sorted.
func (r *PersonRepository) candidates(q subject.PersonQuery) ([]uuid.UUID, bool) {
	switch {
	case q.SNILS != "":
		if id, ok := r.bySNILS[q.SNILS]; ok {
			return []uuid.UUID{id}, true
		}
		return nil, true
	case q.DocumentNumber != "":
		return r.byDoc[q.DocumentNumber], true
	case q.INN != "":
		return r.byINN[q.INN], true
	}
	surname, prefix := subject.NamePattern(q.Surname)
	exact := surname != "" && !prefix
	switch {
	case exact && !q.BirthDate.IsZero():
		return r.byBoth[nameDate{surname, q.BirthDate}], true
	case !q.BirthDate.IsZero():
		return r.byDate[q.BirthDate], true
	case exact:
		return r.byName[surname], true
	}
	return nil, false
}

func (r *PersonRepository) index(p *subject.Person) {
	if p.SNILS != "" {
		r.bySNILS[string(p.SNILS)] = p.ID
	}
	if p.INN != "" {
		r.byINN[string(p.INN)] = append(r.byINN[string(p.INN)], p.ID)
	}
	for _, d := range p.Documents {
		r.byDoc[string(d.Number)] = append(r.byDoc[string(d.Number)], p.ID)
	}
	name := subject.FoldName(p.Surname)
	r.byName[name] = append(r.byName[name], p.ID)
	if !p.BirthDate.IsZero() {
		r.byDate[p.BirthDate] = append(r.byDate[p.BirthDate], p.ID)
		k := nameDate{name, p.BirthDate}
		r.byBoth[k] = append(r.byBoth[k], p.ID)
	}
}

func (r *PersonRepository) unindex(p *subject.Person) {
	if p.SNILS != "" && r.bySNILS[string(p.SNILS)] == p.ID {
		delete(r.bySNILS, string(p.SNILS))
	}
	if p.INN != "" {
		drop(r.byINN, string(p.INN), p.ID)
	}
	for _, d := range p.Documents {
		drop(r.byDoc, string(d.Number), p.ID)
	}
	name := subject.FoldName(p.Surname)
	drop(r.byName, name, p.ID)
	if !p.BirthDate.IsZero() {
		drop(r.byDate, p.BirthDate, p.ID)
		drop(r.byBoth, nameDate{name, p.BirthDate}, p.ID)
	}
}

// drop removes id from the list of the key, and the key when its list
// becomes empty.
func drop[K comparable](m map[K][]uuid.UUID, k K, id uuid.UUID) {
	l := slices.DeleteFunc(m[k], func(x uuid.UUID) bool { return x == id })
	if len(l) == 0 {
		delete(m, k)
		return
	}
	m[k] = l
}

// AddRepresentation stores a representation.
func (r *PersonRepository) AddRepresentation(ctx context.Context, rep subject.Representation) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, id := range [2]uuid.UUID{rep.Representative, rep.Represented} {
		if _, ok := r.persons[id]; !ok {
			return subject.PersonNotFoundError(id)
		}
	}
	if _, ok := r.reps[rep.ID]; ok {
		return fmt.Errorf("memory: representation %s: %w", rep.ID, subject.ErrConflict)
	}
	r.reps[rep.ID] = rep
	r.repsOf[rep.Representative] = append(r.repsOf[rep.Representative], rep.ID)
	r.repsOf[rep.Represented] = append(r.repsOf[rep.Represented], rep.ID)
	return nil
}

// RepresentationsOf returns the representations of the person, ordered by
// ID.
func (r *PersonRepository) RepresentationsOf(ctx context.Context, person uuid.UUID) ([]subject.Representation, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	ids := r.repsOf[person]
	out := make([]subject.Representation, 0, len(ids))
	for _, id := range ids {
		out = append(out, r.reps[id])
	}
	slices.SortFunc(out, func(a, b subject.Representation) int { return compareIDs(a.ID, b.ID) })
	return out, nil
}
