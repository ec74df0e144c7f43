package memory

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/internal/fault"
)

// ApplicationRepository is an in-memory application.Repository. It
// stores copies and hands out copies, and serialises every write with one
// lock, so that concurrent Updates of an application are applied one
// after the other and none is lost.
//
// Incoming reads a per-provider index of the sent applications ordered by
// (time sent, ID), kept up to date by Create and Update: an application
// enters it when its history gets the Send entry and stays there whatever
// its later state, which Incoming filters while it pages. A page costs a
// binary search plus the entries it walks, whatever the number of stored
// applications. ProcessedBetween reads a second index, of the processed
// applications ordered by (time processed, ID), the same way.
type ApplicationRepository struct {
	mu        sync.RWMutex
	apps      map[uuid.UUID]*storedApp
	incoming  map[uuid.UUID]timeIndex // provider → sent applications
	processed timeIndex
}

var _ application.Repository = (*ApplicationRepository)(nil)

// storedApp is a stored application with the keys it is indexed under.
type storedApp struct {
	app *application.Application
	// sent and sentProvider are the key in incoming; sent is zero when
	// the application is not indexed there.
	sent         time.Time
	sentProvider uuid.UUID
	// processed is the key in the processed index; zero when not indexed.
	processed time.Time
}

// timeKey orders an index: by time, then by ID.
type timeKey struct {
	at time.Time
	id uuid.UUID
}

func compareKeys(a, b timeKey) int {
	if c := a.at.Compare(b.at); c != 0 {
		return c
	}
	return compareIDs(a.id, b.id)
}

// timeIndex is a slice of keys sorted by compareKeys.
type timeIndex []timeKey

func (x timeIndex) insert(k timeKey) timeIndex {
	i, found := slices.BinarySearchFunc(x, k, compareKeys)
	if found {
		return x
	}
	return slices.Insert(x, i, k)
}

func (x timeIndex) remove(k timeKey) timeIndex {
	i, found := slices.BinarySearchFunc(x, k, compareKeys)
	if !found {
		return x
	}
	return slices.Delete(x, i, i+1)
}

// NewApplicationRepository returns an empty repository.
func NewApplicationRepository() *ApplicationRepository {
	return &ApplicationRepository{
		apps:     map[uuid.UUID]*storedApp{},
		incoming: map[uuid.UUID]timeIndex{},
	}
}

func applicationNotFound(id uuid.UUID) error {
	return fault.New(fault.NotFound, application.CodeApplicationNotFound, "Заявление с ID "+id.String()+" не найдено")
}

// Create stores a copy of a with Version 1. It returns an error matching
// application.ErrConflict when an application with the ID is stored.
func (r *ApplicationRepository) Create(ctx context.Context, a *application.Application) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c := a.Clone()
	c.Version = 1
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.apps[c.ID]; ok {
		return fault.New(fault.Conflict, application.CodeApplicationExists, "Заявление с ID "+c.ID.String()+" уже существует")
	}
	s := &storedApp{app: c}
	r.apps[c.ID] = s
	r.reindex(s)
	return nil
}

// Get returns a copy of the application with the ID, or an error matching
// application.ErrNotFound.
func (r *ApplicationRepository) Get(ctx context.Context, id uuid.UUID) (*application.Application, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	s, ok := r.apps[id]
	if !ok {
		return nil, applicationNotFound(id)
	}
	return s.app.Clone(), nil
}

// Update runs fn on a copy of the stored application under the write
// lock and, when fn returns nil, stores a copy of it with its ID kept and
// Version one more, and returns it. It returns an error
// matching application.ErrNotFound for an unknown ID, or fn's error as it
// is; on any error nothing changes.
func (r *ApplicationRepository) Update(ctx context.Context, id uuid.UUID, fn func(*application.Application) error) (*application.Application, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.apps[id]
	if !ok {
		return nil, applicationNotFound(id)
	}
	c := s.app.Clone()
	if err := fn(c); err != nil {
		return nil, err
	}
	if err := application.CheckHistoryAppended(s.app.History(), c.History()); err != nil {
		return nil, err
	}
	c.ID, c.Version = id, s.app.Version+1
	// fn may have kept c: store a copy of its own.
	s.app = c.Clone()
	r.reindex(s)
	return c, nil
}

// reindex brings the index entries of s in line with its application. It
// is called with r.mu held for writing.
func (r *ApplicationRepository) reindex(s *storedApp) {
	a := s.app
	var sent, processed time.Time
	for _, e := range a.History() {
		switch e.Action {
		case application.ActionSend:
			sent = e.At.Round(0)
		case application.ActionProcess:
			processed = e.At.Round(0)
		}
	}
	if !s.sent.Equal(sent) || s.sentProvider != a.Provider {
		if !s.sent.IsZero() {
			r.incoming[s.sentProvider] = r.incoming[s.sentProvider].remove(timeKey{s.sent, a.ID})
		}
		if !sent.IsZero() {
			r.incoming[a.Provider] = r.incoming[a.Provider].insert(timeKey{sent, a.ID})
		}
		s.sent, s.sentProvider = sent, a.Provider
	}
	if !s.processed.Equal(processed) {
		if !s.processed.IsZero() {
			r.processed = r.processed.remove(timeKey{s.processed, a.ID})
		}
		if !processed.IsZero() {
			r.processed = r.processed.insert(timeKey{processed, a.ID})
		}
		s.processed = processed
	}
}

// Incoming returns a page of the applications of q.Provider that were
// sent, in q.States (none: every state after Draft), sent in [q.Since,
// q.Until) (zero: unbounded), ordered by the time they were sent and then
// by ID, after q.Cursor, at most q.Limit (zero: application.DefaultIncomingLimit).
// The cursor of the next page is "" when no application follows the page.
// It returns a *ValidationError matching application.ErrInvalid for a
// negative Limit or one above application.MaxIncomingLimit, an unknown state, or a
// cursor it did not make.
func (r *ApplicationRepository) Incoming(ctx context.Context, q application.IncomingQuery) ([]*application.Application, string, error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	bounds, err := q.Bounds()
	if err != nil {
		return nil, "", err
	}
	limit, hasCursor, after := bounds.Limit, bounds.HasCursor, timeKey{bounds.After, bounds.AfterID}
	since, until := q.Since.Round(0), q.Until.Round(0)

	r.mu.RLock()
	defer r.mu.RUnlock()
	idx := r.incoming[q.Provider]
	// The first position: not before Since, and after the cursor.
	start, _ := slices.BinarySearchFunc(idx, since, func(k timeKey, t time.Time) int { return k.at.Compare(t) })
	if hasCursor {
		i, found := slices.BinarySearchFunc(idx, after, compareKeys)
		if found {
			i++
		}
		start = max(start, i)
	}
	out := make([]*application.Application, 0, min(limit, len(idx)-start))
	var last timeKey
	for _, k := range idx[start:] {
		if !until.IsZero() && !k.at.Before(until) {
			break
		}
		a := r.apps[k.id].app
		if len(q.States) > 0 && !slices.Contains(q.States, a.State()) {
			continue
		}
		if len(out) == limit {
			// Another application follows the page.
			return out, application.IncomingCursor(last.at, last.id), nil
		}
		out = append(out, a.Clone())
		last = k
	}
	return out, "", nil
}

// ProcessedBetween returns copies of the applications whose Process entry
// is in [from, to), ordered by the time they were processed, then ID. It
// reads the index of processed applications, not every application.
func (r *ApplicationRepository) ProcessedBetween(ctx context.Context, from, to time.Time) ([]*application.Application, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	from, to = from.Round(0), to.Round(0)
	r.mu.RLock()
	defer r.mu.RUnlock()
	byTime := func(k timeKey, t time.Time) int { return k.at.Compare(t) }
	i, _ := slices.BinarySearchFunc(r.processed, from, byTime)
	j, _ := slices.BinarySearchFunc(r.processed, to, byTime)
	out := []*application.Application{}
	for _, k := range r.processed[i:max(i, j)] {
		out = append(out, r.apps[k.id].app.Clone())
	}
	return out, nil
}
