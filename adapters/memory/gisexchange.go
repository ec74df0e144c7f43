package memory

import (
	"context"
	"slices"
	"sync"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/internal/fault"
)

// ExchangeLog is an in-memory gis.ExchangeLog. It stores deep copies and
// hands out deep copies, and serialises every write with one lock, so
// that concurrent Updates of an exchange are applied one after the other
// and none is lost. Find walks every record: it is meant for tests and
// small deployments.
type ExchangeLog struct {
	mu        sync.RWMutex
	exchanges map[uuid.UUID]*gis.Exchange
}

var _ gis.ExchangeLog = (*ExchangeLog)(nil)

// NewExchangeLog returns an empty log.
func NewExchangeLog() *ExchangeLog {
	return &ExchangeLog{exchanges: map[uuid.UUID]*gis.Exchange{}}
}

// exchangeNotFound is the error of an unknown exchange ID.
func exchangeNotFound(id uuid.UUID) error {
	return fault.New(fault.NotFound, gis.CodeExchangeNotFound, "Запись обмена с ГИС ЖКХ с ID "+id.String()+" не найдена")
}

// cloneExchange returns a deep copy of e.
func cloneExchange(e *gis.Exchange) *gis.Exchange {
	c := *e
	c.Request = slices.Clone(e.Request)
	c.Ack = slices.Clone(e.Ack)
	c.Response = slices.Clone(e.Response)
	c.Objects = slices.Clone(e.Objects)
	return &c
}

// Record stores a copy of e with Version 1. It returns an error matching
// gis.ErrInvalid when the ID is zero and gis.ErrConflict when it is taken.
func (l *ExchangeLog) Record(ctx context.Context, e gis.Exchange) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if e.ID == uuid.Nil {
		return fault.Validation(fault.Violation{Field: "id", Code: gis.CodeExchangeID, Message: "не заполнен идентификатор записи обмена"})
	}
	c := cloneExchange(&e)
	c.Version = 1
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.exchanges[c.ID]; ok {
		return fault.New(fault.Conflict, gis.CodeExchangeExists, "Запись обмена с ГИС ЖКХ с ID "+c.ID.String()+" уже есть")
	}
	l.exchanges[c.ID] = c
	return nil
}

// Update runs fn on a copy of the stored exchange under the write lock
// and, when fn returns nil, stores a copy of the result with its ID kept
// and Version one more, and returns it. It returns an error matching
// gis.ErrNotFound for an unknown ID, or fn's error as it is; on any error
// nothing changes.
func (l *ExchangeLog) Update(ctx context.Context, id uuid.UUID, fn func(*gis.Exchange) error) (gis.Exchange, error) {
	if err := ctx.Err(); err != nil {
		return gis.Exchange{}, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	stored, ok := l.exchanges[id]
	if !ok {
		return gis.Exchange{}, exchangeNotFound(id)
	}
	c := cloneExchange(stored)
	if err := fn(c); err != nil {
		return gis.Exchange{}, err
	}
	c.ID, c.Version = id, stored.Version+1
	// fn may have kept c or its slices: store a copy of its own.
	l.exchanges[id] = cloneExchange(c)
	return *c, nil
}

// Get returns a copy of the exchange, or an error matching
// gis.ErrNotFound.
func (l *ExchangeLog) Get(ctx context.Context, id uuid.UUID) (gis.Exchange, error) {
	if err := ctx.Err(); err != nil {
		return gis.Exchange{}, err
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	e, ok := l.exchanges[id]
	if !ok {
		return gis.Exchange{}, exchangeNotFound(id)
	}
	return *cloneExchange(e), nil
}

// Find returns copies of the exchanges the filter selects, ordered by
// SentAt and then ID. It returns an error matching gis.ErrInvalid for a
// negative Limit.
func (l *ExchangeLog) Find(ctx context.Context, f gis.ExchangeFilter) ([]gis.Exchange, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.Limit < 0 {
		return nil, fault.Validation(fault.Violation{Field: "limit", Code: gis.CodeExchangeLimit, Message: "предел числа записей не может быть отрицательным"})
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	var found []*gis.Exchange
	for _, e := range l.exchanges {
		if matchExchange(e, &f) {
			found = append(found, e)
		}
	}
	slices.SortFunc(found, func(a, b *gis.Exchange) int {
		if c := a.SentAt.Compare(b.SentAt); c != 0 {
			return c
		}
		return compareIDs(a.ID, b.ID)
	})
	if f.Limit > 0 && len(found) > f.Limit {
		found = found[:f.Limit]
	}
	// Copy only what is returned: the records hold whole XML messages.
	out := make([]gis.Exchange, len(found))
	for i, e := range found {
		out[i] = *cloneExchange(e)
	}
	return out, nil
}

// matchExchange reports whether the filter selects e.
func matchExchange(e *gis.Exchange, f *gis.ExchangeFilter) bool {
	switch {
	case !f.From.IsZero() && e.SentAt.Before(f.From),
		!f.To.IsZero() && !e.SentAt.Before(f.To),
		f.Service != "" && e.Service != f.Service,
		f.Operation != "" && e.Operation != f.Operation,
		f.ErrorCode != "" && e.ErrorCode != f.ErrorCode,
		f.OnlyErrors && e.ErrorCode == "",
		f.Object != nil && !slices.Contains(e.Objects, *f.Object):
		return false
	}
	return true
}
