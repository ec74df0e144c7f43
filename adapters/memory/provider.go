package memory

import (
	"context"
	"slices"
	"sync"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/application"
)

// ProviderRepository is an in-memory application.ProviderRepository. It
// checks the uniqueness of legal entities and the descriptions of shared
// external systems under the same lock that stores, so concurrent writes
// cannot both pass the check.
type ProviderRepository struct {
	mu        sync.RWMutex
	providers map[uuid.UUID]application.Provider
}

var _ application.ProviderRepository = (*ProviderRepository)(nil)

// NewProviderRepository returns an empty repository.
func NewProviderRepository() *ProviderRepository {
	return &ProviderRepository{providers: map[uuid.UUID]application.Provider{}}
}

// Create stores a new provider with Version 1.
func (r *ProviderRepository) Create(ctx context.Context, p application.Provider) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	p = p.Clone()
	p.Version = 1
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.providers[p.ID]; ok {
		return application.ProviderExistsError(p.ID)
	}
	if err := r.unique(p); err != nil {
		return err
	}
	r.providers[p.ID] = p
	return nil
}

// unique returns the conflict of p with another stored provider. It is
// called with r.mu held.
func (r *ProviderRepository) unique(p application.Provider) error {
	others := make([]application.Provider, 0, len(r.providers))
	for _, o := range r.providers {
		if o.ID != p.ID && o.LegalEntity == p.LegalEntity {
			return application.DuplicateLegalEntityError(o)
		}
		others = append(others, o)
	}
	slices.SortFunc(others, application.CompareProviders)
	return application.CheckSharedSystem(p, others)
}

// Get returns the provider with the ID.
func (r *ProviderRepository) Get(ctx context.Context, id uuid.UUID) (application.Provider, error) {
	if err := ctx.Err(); err != nil {
		return application.Provider{}, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	p, ok := r.providers[id]
	if !ok {
		return application.Provider{}, application.ProviderNotFoundError(id)
	}
	return p.Clone(), nil
}

// Update changes the provider with fn under the lock and bumps its
// Version.
func (r *ProviderRepository) Update(ctx context.Context, id uuid.UUID, fn func(*application.Provider) error) (application.Provider, error) {
	if err := ctx.Err(); err != nil {
		return application.Provider{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	old, ok := r.providers[id]
	if !ok {
		return application.Provider{}, application.ProviderNotFoundError(id)
	}
	p := old.Clone()
	if err := fn(&p); err != nil {
		return application.Provider{}, err
	}
	p.ID, p.Version = old.ID, old.Version+1
	if err := p.Validate(); err != nil {
		return application.Provider{}, err
	}
	if err := r.unique(p); err != nil {
		return application.Provider{}, err
	}
	stored := p.Clone()
	r.providers[id] = stored
	return stored.Clone(), nil
}

// List returns every provider, ordered by ID.
func (r *ProviderRepository) List(ctx context.Context) ([]application.Provider, error) {
	return r.filter(ctx, func(application.Provider) bool { return true })
}

// ServingAddress returns the providers with an area among objectIDs.
func (r *ProviderRepository) ServingAddress(ctx context.Context, objectIDs []uuid.UUID) ([]application.Provider, error) {
	return r.filter(ctx, func(p application.Provider) bool { return p.Serves(objectIDs) })
}

// ByExternalSystem returns the providers the external system represents.
func (r *ProviderRepository) ByExternalSystem(ctx context.Context, systemID uuid.UUID) ([]application.Provider, error) {
	return r.filter(ctx, func(p application.Provider) bool { return !p.System.IsZero() && p.System.ID == systemID })
}

func (r *ProviderRepository) filter(ctx context.Context, keep func(application.Provider) bool) ([]application.Provider, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	out := []application.Provider{}
	for _, p := range r.providers {
		if keep(p) {
			out = append(out, p.Clone())
		}
	}
	r.mu.RUnlock()
	slices.SortFunc(out, application.CompareProviders)
	return out, nil
}
