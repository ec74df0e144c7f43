package memory

import (
	"context"
	"errors"
	"slices"
	"sync"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/internal/fault"
)

// DocumentRepository is an in-memory document.Repository. Its Update holds
// a lock for the whole read-modify-write, so concurrent Updates of the
// same document are serialised and none is lost.
type DocumentRepository struct {
	mu   sync.RWMutex
	docs map[uuid.UUID]document.Document
	ids  []uuid.UUID // sorted by bytes
}

var _ document.Repository = (*DocumentRepository)(nil)

// NewDocumentRepository returns an empty repository.
func NewDocumentRepository() *DocumentRepository {
	return &DocumentRepository{docs: map[uuid.UUID]document.Document{}}
}

// Create stores a new document with Version 1. A document with the ID
// stored already gives an error matching document.ErrConflict with the
// code document.CodeDocumentExists.
func (r *DocumentRepository) Create(ctx context.Context, d document.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d = d.Clone()
	d.Version = 1
	r.mu.Lock()
	defer r.mu.Unlock()
	i, found := slices.BinarySearchFunc(r.ids, d.ID, compareIDs)
	if found {
		return docExists(d.ID)
	}
	r.ids = slices.Insert(r.ids, i, d.ID)
	r.docs[d.ID] = d
	return nil
}

// Get returns the document with the ID, or an error matching
// document.ErrNotFound with the code document.CodeDocumentNotFound.
func (r *DocumentRepository) Get(ctx context.Context, id uuid.UUID) (document.Document, error) {
	if err := ctx.Err(); err != nil {
		return document.Document{}, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	d, ok := r.docs[id]
	if !ok {
		return document.Document{}, docNotFound(id)
	}
	return d.Clone(), nil
}

// Update runs fn on a copy of the document and stores it with the Version
// bumped, under the write lock.
func (r *DocumentRepository) Update(ctx context.Context, id uuid.UUID, fn func(*document.Document) error) (document.Document, error) {
	if err := ctx.Err(); err != nil {
		return document.Document{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	old, ok := r.docs[id]
	if !ok {
		return document.Document{}, docNotFound(id)
	}
	d := old.Clone()
	if err := fn(&d); err != nil {
		return document.Document{}, err
	}
	if err := ctx.Err(); err != nil {
		return document.Document{}, err
	}
	d = d.Clone() // fn may keep references to what it put in
	d.ID, d.Version = old.ID, old.Version+1
	r.docs[id] = d
	return d.Clone(), nil
}

// List returns the documents the query selects, ordered by ID.
func (r *DocumentRepository) List(ctx context.Context, q document.Query) ([]document.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	start := 0
	if q.After != uuid.Nil {
		i, found := slices.BinarySearchFunc(r.ids, q.After, compareIDs)
		if found {
			i++
		}
		start = i
	}
	var out []document.Document
	for _, id := range r.ids[start:] {
		if q.Limit > 0 && len(out) == q.Limit {
			break
		}
		d := r.docs[id]
		if (!q.IncludeRetired && d.Retired()) || (q.Type != "" && d.Type != q.Type) || (q.Subject != uuid.Nil && !d.HasSubject(q.Subject)) {
			continue
		}
		out = append(out, d.Clone())
	}
	return out, nil
}

// docNotFound is the error of an ID no document has.
func docNotFound(id uuid.UUID) error {
	return &fault.Error{Kind: fault.NotFound, Code: document.CodeDocumentNotFound,
		Message: "Документ не найден", Err: errors.New("document " + id.String())}
}

// docExists is the error of a Create of an ID a document has already.
func docExists(id uuid.UUID) error {
	return &fault.Error{Kind: fault.Conflict, Code: document.CodeDocumentExists,
		Message: "Документ с таким идентификатором уже существует", Err: errors.New("document " + id.String())}
}
