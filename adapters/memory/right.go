package memory

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/internal/fault"
	"github.com/openzhkh/zhkh/subject"
)

// RightRepository is an in-memory subject.RightRepository. Add and
// Terminate hold a lock of the premise for the whole of their work, so the
// check of an Add sees every right of the premise and nothing changes
// them before the insert; writes to different premises run in parallel.
// Reads never wait for a check to finish.
type RightRepository struct {
	locksMu sync.Mutex
	locks   map[uuid.UUID]*sync.Mutex // one per premise, never removed

	mu        sync.RWMutex // guards the fields below
	rights    map[uuid.UUID]subject.Right
	byPremise map[uuid.UUID][]uuid.UUID
	byOwner   map[uuid.UUID][]uuid.UUID
}

var _ subject.RightRepository = (*RightRepository)(nil)

// NewRightRepository returns an empty repository.
func NewRightRepository() *RightRepository {
	return &RightRepository{
		locks:     map[uuid.UUID]*sync.Mutex{},
		rights:    map[uuid.UUID]subject.Right{},
		byPremise: map[uuid.UUID][]uuid.UUID{},
		byOwner:   map[uuid.UUID][]uuid.UUID{},
	}
}

func (r *RightRepository) lockPremise(premise uuid.UUID) func() {
	r.locksMu.Lock()
	l, ok := r.locks[premise]
	if !ok {
		l = &sync.Mutex{}
		r.locks[premise] = l
	}
	r.locksMu.Unlock()
	l.Lock()
	return l.Unlock
}

// Add stores the right when check approves the rights of its premise.
func (r *RightRepository) Add(ctx context.Context, right subject.Right, check func([]subject.Right) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	unlock := r.lockPremise(right.Premise)
	defer unlock()
	if check != nil {
		r.mu.RLock()
		stored := r.collect(r.byPremise[right.Premise])
		r.mu.RUnlock()
		if err := check(stored); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.rights[right.ID]; ok {
		return &fault.Error{Kind: fault.Conflict, Code: subject.CodeRightExists,
			Message: "Право собственности с ID " + right.ID.String() + " уже существует"}
	}
	r.rights[right.ID] = right.Clone()
	r.byPremise[right.Premise] = append(r.byPremise[right.Premise], right.ID)
	for i, o := range right.Owners {
		if !slices.ContainsFunc(right.Owners[:i], func(p subject.Owner) bool { return p.Subject == o.Subject }) {
			r.byOwner[o.Subject] = append(r.byOwner[o.Subject], right.ID)
		}
	}
	return nil
}

// Get returns the right with the ID.
func (r *RightRepository) Get(ctx context.Context, id uuid.UUID) (subject.Right, error) {
	if err := ctx.Err(); err != nil {
		return subject.Right{}, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	right, ok := r.rights[id]
	if !ok {
		return subject.Right{}, &fault.Error{Kind: fault.NotFound, Code: subject.CodeRightNotFound,
			Message: "Право собственности с ID " + id.String() + " не найдено"}
	}
	return right.Clone(), nil
}

// Terminate ends the right on the date by the rule of
// subject.Right.Terminate, holding its premise locked.
func (r *RightRepository) Terminate(ctx context.Context, id uuid.UUID, end subject.Date) error {
	right, err := r.Get(ctx, id)
	if err != nil {
		return err
	}
	unlock := r.lockPremise(right.Premise)
	defer unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	right = r.rights[id] // the premise of a right never changes
	if err := right.Terminate(end); err != nil {
		return err
	}
	r.rights[id] = right
	return nil
}

// RightsOf returns every right to the premise.
func (r *RightRepository) RightsOf(ctx context.Context, premise uuid.UUID) ([]subject.Right, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.collect(r.byPremise[premise]), nil
}

// RightsOfOwner returns every right the subject holds or held.
func (r *RightRepository) RightsOfOwner(ctx context.Context, owner uuid.UUID) ([]subject.Right, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.collect(r.byOwner[owner]), nil
}

// collect copies the rights with the IDs, ordered by registration date,
// then ID. The caller holds r.mu.
func (r *RightRepository) collect(ids []uuid.UUID) []subject.Right {
	out := make([]subject.Right, 0, len(ids))
	for _, id := range ids {
		out = append(out, r.rights[id].Clone())
	}
	slices.SortFunc(out, func(a, b subject.Right) int {
		return cmp.Or(a.Registered.Compare(b.Registered), compareIDs(a.ID, b.ID))
	})
	return out
}
