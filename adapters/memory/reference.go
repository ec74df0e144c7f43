package memory

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/internal/fault"
)

// ReferenceRepository is an in-memory application.ReferenceRepository.
// Every method is atomic: a reader sees an entry either wholly before or
// wholly after a Put.
type ReferenceRepository struct {
	mu      sync.RWMutex
	entries map[application.Book]map[string]application.ReferenceEntry
}

var _ application.ReferenceRepository = (*ReferenceRepository)(nil)

// NewReferenceRepository returns an empty repository. To start from the
// built-in books, seed it:
//
//	repo := memory.NewReferenceRepository()
//	err := application.SeedReferences(ctx, repo, application.Defaults())
func NewReferenceRepository() *ReferenceRepository {
	return &ReferenceRepository{entries: map[application.Book]map[string]application.ReferenceEntry{}}
}

// List returns every entry of the book, retired ones included, ordered by
// code.
func (r *ReferenceRepository) List(ctx context.Context, book application.Book) ([]application.ReferenceEntry, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !book.Valid() {
		return nil, application.BookError(book)
	}
	r.mu.RLock()
	out := make([]application.ReferenceEntry, 0, len(r.entries[book]))
	for _, e := range r.entries[book] {
		out = append(out, e.Clone())
	}
	r.mu.RUnlock()
	slices.SortFunc(out, func(a, b application.ReferenceEntry) int { return cmp.Compare(a.Code, b.Code) })
	return out, nil
}

// Get returns the entry of the book with the code, or an error matching
// application.ErrNotFound with the code application.CodeReferenceNotFound.
func (r *ReferenceRepository) Get(ctx context.Context, book application.Book, code string) (application.ReferenceEntry, error) {
	if err := ctx.Err(); err != nil {
		return application.ReferenceEntry{}, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	e, ok := r.entries[book][code]
	if !ok {
		return application.ReferenceEntry{}, referenceNotFound(book, code)
	}
	return e.Clone(), nil
}

// Put stores the entry, keeping the stored retirement time.
func (r *ReferenceRepository) Put(ctx context.Context, e application.ReferenceEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := e.Validate(); err != nil {
		return err
	}
	e = e.Clone()
	r.mu.Lock()
	defer r.mu.Unlock()
	book := r.entries[e.Book]
	if book == nil {
		book = map[string]application.ReferenceEntry{}
		r.entries[e.Book] = book
	}
	e.Retired = book[e.Code].Retired
	book[e.Code] = e
	return nil
}

// Retire marks the entry retired at the time, keeping an earlier
// retirement.
func (r *ReferenceRepository) Retire(ctx context.Context, book application.Book, code string, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if at.IsZero() {
		return application.RetiredAtError()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.entries[book][code]
	if !ok {
		return referenceNotFound(book, code)
	}
	if e.Retired.IsZero() {
		e.Retired = at
		r.entries[book][code] = e
	}
	return nil
}

// referenceNotFound is the error of a code no entry of the book has.
func referenceNotFound(book application.Book, code string) error {
	return fault.New(fault.NotFound, application.CodeReferenceNotFound,
		"Запись «"+code+"» справочника «"+string(book)+"» не найдена")
}
