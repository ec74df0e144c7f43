package applicationtest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/internal/conformance"
)

// RunProviderRepository runs the conformance suite of the
// application.ProviderRepository port. An integrator who writes an
// adapter runs it from the adapter's own tests:
//
//	func TestProviderRepository(t *testing.T) {
//		applicationtest.RunProviderRepository(t, func(t *testing.T) application.ProviderRepository {
//			return myadapter.New(...)
//		})
//	}
//
// Every subtest calls newRepo for a fresh, empty repository of its own and
// runs in parallel with the others, so newRepo must return independent
// repositories. The suite checks storage and reads, versions, ordering,
// copies, validation, conflicts (same ID, same legal entity, a shared
// external system described twice), the searches by address and by
// external system, cancelled contexts, and concurrent Updates of one
// provider (none is lost) and concurrent Creates of one legal entity (one
// wins). Run it with -race.
func RunProviderRepository(t *testing.T, newRepo func(t *testing.T) application.ProviderRepository) {
	conformance.Run(t, newRepo, []conformance.Case[application.ProviderRepository]{
		{Name: "EmptyList", Run: provEmptyList},
		{Name: "CreateGet", Run: provCreateGet},
		{Name: "CreateExists", Run: provCreateExists},
		{Name: "CreateDuplicateLegalEntity", Run: provCreateDuplicateLegalEntity},
		{Name: "CreateInvalid", Run: provCreateInvalid},
		{Name: "GetMissing", Run: provGetMissing},
		{Name: "Update", Run: provUpdate},
		{Name: "UpdateErrors", Run: provUpdateErrors},
		{Name: "ListOrder", Run: provListOrder},
		{Name: "Copies", Run: provCopies},
		{Name: "ServingAddress", Run: provServingAddress},
		{Name: "ByExternalSystem", Run: provByExternalSystem},
		{Name: "SystemMismatch", Run: provSystemMismatch},
		{Name: "CanceledContext", Run: provCanceled},
		{Name: "ConcurrentUpdates", Run: provConcurrentUpdates},
		{Name: "ConcurrentCreates", Run: provConcurrentCreates},
	})
}

// provUUID returns a UUID version 7 whose order follows n within a kind.
func provUUID(kind byte, n int) uuid.UUID {
	var u uuid.UUID
	u[0], u[6], u[8] = kind, 0x70, 0x80
	u[13], u[14], u[15] = byte(n>>16), byte(n>>8), byte(n)
	return u
}

const (
	kindProvider byte = 0x01
	kindLegal    byte = 0x02
	kindArea     byte = 0x03
	kindSystem   byte = 0x04
	kindTemplate byte = 0x05
)

func testProvider(n int) application.Provider {
	id := provUUID(kindProvider, n)
	return application.Provider{
		ID:          id,
		LegalEntity: provUUID(kindLegal, n),
		Kind:        application.ProviderManagingOrganisation,
		Services:    []string{"cold_water_supply", "heating"},
		Areas:       []uuid.UUID{provUUID(kindArea, n)},
		Templates: []application.ProviderTemplate{
			{FormKind: "account_opening", TemplateID: provUUID(kindTemplate, n)},
		},
		Documents: document.Package{Provider: id, Name: "Пакет документов", Items: []document.Item{
			{Type: "passport_rf", Name: "паспорт гражданина РФ", Required: true},
		}},
		System: application.ExternalSystem{ID: provUUID(kindSystem, n), Name: fmt.Sprintf("Биллинг %d", n),
			BaseURL: "https://billing.example.ru/api", ClientID: fmt.Sprintf("client-%d", n)},
	}
}

func provCreate(t *testing.T, repo application.ProviderRepository, ps ...application.Provider) {
	t.Helper()
	for _, p := range ps {
		require.NoError(t, repo.Create(t.Context(), p), "create %s", p.ID)
	}
}

func provIDs(ps []application.Provider) []uuid.UUID {
	out := []uuid.UUID{}
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

func errorCode(err error) string {
	var e *application.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func provEmptyList(t *testing.T, repo application.ProviderRepository) {
	ps, err := repo.List(t.Context())
	require.NoError(t, err)
	assert.Empty(t, ps)
	ps, err = repo.ServingAddress(t.Context(), []uuid.UUID{provUUID(kindArea, 1)})
	require.NoError(t, err)
	assert.Empty(t, ps)
	ps, err = repo.ByExternalSystem(t.Context(), provUUID(kindSystem, 1))
	require.NoError(t, err)
	assert.Empty(t, ps)
}

func provCreateGet(t *testing.T, repo application.ProviderRepository) {
	p := testProvider(1)
	p.Version = 7
	provCreate(t, repo, p)
	got, err := repo.Get(t.Context(), p.ID)
	require.NoError(t, err)
	p.Version = 1
	assert.Equal(t, p, got)

	// A provider without an external system, services or templates.
	bare := application.Provider{ID: provUUID(kindProvider, 2), LegalEntity: provUUID(kindLegal, 2),
		Kind: application.ProviderHOA}
	provCreate(t, repo, bare)
	got, err = repo.Get(t.Context(), bare.ID)
	require.NoError(t, err)
	assert.True(t, got.System.IsZero())
	assert.Equal(t, int64(1), got.Version)
	assert.Equal(t, application.ProviderHOA, got.Kind)
}

func provCreateExists(t *testing.T, repo application.ProviderRepository) {
	p := testProvider(1)
	provCreate(t, repo, p)
	again := testProvider(2)
	again.ID = p.ID
	again.Documents.Provider = p.ID
	err := repo.Create(t.Context(), again)
	require.ErrorIs(t, err, application.ErrConflict)
	assert.Equal(t, application.CodeProviderExists, errorCode(err))
	got, err := repo.Get(t.Context(), p.ID)
	require.NoError(t, err)
	assert.Equal(t, p.LegalEntity, got.LegalEntity, "the stored provider is unchanged")
}

func provCreateDuplicateLegalEntity(t *testing.T, repo application.ProviderRepository) {
	p := testProvider(1)
	provCreate(t, repo, p)
	dup := testProvider(2)
	dup.LegalEntity = p.LegalEntity
	err := repo.Create(t.Context(), dup)
	require.ErrorIs(t, err, application.ErrConflict)
	assert.Equal(t, application.CodeProviderDuplicateLegalEntity, errorCode(err))
	_, err = repo.Get(t.Context(), dup.ID)
	require.ErrorIs(t, err, application.ErrNotFound)
}

func provCreateInvalid(t *testing.T, repo application.ProviderRepository) {
	p := testProvider(1)
	p.LegalEntity = uuid.Nil
	p.Kind = "bank"
	p.Services = append(p.Services, "heating")
	err := repo.Create(t.Context(), p)
	require.ErrorIs(t, err, application.ErrInvalid)
	var ve *application.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has(application.CodeProviderLegalEntity))
	assert.True(t, ve.Has(application.CodeProviderKind))
	assert.True(t, ve.Has(application.CodeProviderDuplicateItem))
	ps, err := repo.List(t.Context())
	require.NoError(t, err)
	assert.Empty(t, ps, "nothing is stored")
}

func provGetMissing(t *testing.T, repo application.ProviderRepository) {
	provCreate(t, repo, testProvider(1))
	_, err := repo.Get(t.Context(), provUUID(kindProvider, 2))
	require.ErrorIs(t, err, application.ErrNotFound)
	assert.Equal(t, application.CodeProviderNotFound, errorCode(err))
}

func provUpdate(t *testing.T, repo application.ProviderRepository) {
	p := testProvider(1)
	provCreate(t, repo, p)
	got, err := repo.Update(t.Context(), p.ID, func(q *application.Provider) error {
		q.Kind = application.ProviderResourceSupplier
		q.Services = []string{"electricity_supply"}
		q.ID = provUUID(kindProvider, 99)
		q.Version = 42
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, p.ID, got.ID, "the ID is kept")
	assert.Equal(t, int64(2), got.Version)
	assert.Equal(t, application.ProviderResourceSupplier, got.Kind)
	stored, err := repo.Get(t.Context(), p.ID)
	require.NoError(t, err)
	assert.Equal(t, got, stored)
	_, err = repo.Get(t.Context(), provUUID(kindProvider, 99))
	require.ErrorIs(t, err, application.ErrNotFound)
}

func provUpdateErrors(t *testing.T, repo application.ProviderRepository) {
	p, other := testProvider(1), testProvider(2)
	provCreate(t, repo, p, other)

	_, err := repo.Update(t.Context(), provUUID(kindProvider, 3), func(*application.Provider) error { return nil })
	require.ErrorIs(t, err, application.ErrNotFound)

	boom := errors.New("boom")
	_, err = repo.Update(t.Context(), p.ID, func(q *application.Provider) error {
		q.Kind = application.ProviderHOA
		return boom
	})
	require.ErrorIs(t, err, boom)

	_, err = repo.Update(t.Context(), p.ID, func(q *application.Provider) error {
		q.Kind = ""
		q.Areas = []uuid.UUID{uuid.Nil}
		return nil
	})
	require.ErrorIs(t, err, application.ErrInvalid)

	_, err = repo.Update(t.Context(), p.ID, func(q *application.Provider) error {
		q.LegalEntity = other.LegalEntity
		return nil
	})
	require.ErrorIs(t, err, application.ErrConflict)
	assert.Equal(t, application.CodeProviderDuplicateLegalEntity, errorCode(err))

	got, err := repo.Get(t.Context(), p.ID)
	require.NoError(t, err)
	p.Version = 1
	assert.Equal(t, p, got, "failed updates store nothing")
}

func provListOrder(t *testing.T, repo application.ProviderRepository) {
	provCreate(t, repo, testProvider(3), testProvider(1), testProvider(2))
	ps, err := repo.List(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{provUUID(kindProvider, 1), provUUID(kindProvider, 2), provUUID(kindProvider, 3)}, provIDs(ps))
}

func provCopies(t *testing.T, repo application.ProviderRepository) {
	p := testProvider(1)
	provCreate(t, repo, p)
	want := p.Clone()
	want.Version = 1
	p.Services[0] = "changed"
	p.Areas[0] = uuid.Nil
	p.Templates[0].FormKind = "changed"
	p.Documents.Items[0].Type = "changed"

	got, err := repo.Get(t.Context(), want.ID)
	require.NoError(t, err)
	assert.Equal(t, want, got, "changes to the created value do not reach the store")
	got.Services[0] = "changed"
	got.Areas[0] = uuid.Nil
	got.Documents.Items[0].Type = "changed"
	ps, err := repo.List(t.Context())
	require.NoError(t, err)
	require.Len(t, ps, 1)
	assert.Equal(t, want, ps[0], "changes to a read value do not reach the store")

	var kept *application.Provider
	_, err = repo.Update(t.Context(), want.ID, func(q *application.Provider) error {
		kept = q
		return nil
	})
	require.NoError(t, err)
	kept.Services[0] = "changed"
	got, err = repo.Get(t.Context(), want.ID)
	require.NoError(t, err)
	assert.Equal(t, want.Services, got.Services, "changes after Update do not reach the store")
}

func provServingAddress(t *testing.T, repo application.ProviderRepository) {
	city, street, house, flat := provUUID(kindArea, 100), provUUID(kindArea, 101), provUUID(kindArea, 102), provUUID(kindArea, 103)
	cityWide, houseOnly, elsewhere := testProvider(1), testProvider(2), testProvider(3)
	cityWide.Areas = []uuid.UUID{provUUID(kindArea, 999), city}
	houseOnly.Areas = []uuid.UUID{house}
	provCreate(t, repo, elsewhere, houseOnly, cityWide)

	tests := []struct {
		name    string
		objects []uuid.UUID
		want    []uuid.UUID
	}{
		{"flat and its ancestors", []uuid.UUID{flat, house, street, city}, []uuid.UUID{cityWide.ID, houseOnly.ID}},
		{"street", []uuid.UUID{street, city}, []uuid.UUID{cityWide.ID}},
		{"other area", []uuid.UUID{elsewhere.Areas[0]}, []uuid.UUID{elsewhere.ID}},
		{"unknown object", []uuid.UUID{provUUID(kindArea, 500)}, []uuid.UUID{}},
		{"no objects", nil, []uuid.UUID{}},
	}
	for _, tc := range tests {
		ps, err := repo.ServingAddress(t.Context(), tc.objects)
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.want, provIDs(ps), tc.name)
	}
}

func provByExternalSystem(t *testing.T, repo application.ProviderRepository) {
	centre := testProvider(10).System
	a, b, c := testProvider(3), testProvider(1), testProvider(2)
	a.System, b.System = centre, centre
	c.System = application.ExternalSystem{}
	provCreate(t, repo, a, b, c)

	ps, err := repo.ByExternalSystem(t.Context(), centre.ID)
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{b.ID, a.ID}, provIDs(ps))
	ps, err = repo.ByExternalSystem(t.Context(), provUUID(kindSystem, 2))
	require.NoError(t, err)
	assert.Empty(t, ps)
	ps, err = repo.ByExternalSystem(t.Context(), uuid.Nil)
	require.NoError(t, err)
	assert.Empty(t, ps, "a provider without a system is not found by the nil ID")

	_, err = repo.Update(t.Context(), a.ID, func(q *application.Provider) error {
		q.System = application.ExternalSystem{}
		return nil
	})
	require.NoError(t, err)
	ps, err = repo.ByExternalSystem(t.Context(), centre.ID)
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{b.ID}, provIDs(ps))
}

func provSystemMismatch(t *testing.T, repo application.ProviderRepository) {
	a, b := testProvider(1), testProvider(2)
	provCreate(t, repo, a)
	b.System = a.System
	b.System.BaseURL = "https://other.example.ru/api"
	err := repo.Create(t.Context(), b)
	require.ErrorIs(t, err, application.ErrConflict)
	assert.Equal(t, application.CodeProviderSystemMismatch, errorCode(err))

	b.System = testProvider(2).System
	provCreate(t, repo, b)
	_, err = repo.Update(t.Context(), b.ID, func(q *application.Provider) error {
		q.System.ID = a.System.ID
		return nil
	})
	require.ErrorIs(t, err, application.ErrConflict)
	assert.Equal(t, application.CodeProviderSystemMismatch, errorCode(err))

	// A provider may change the description of a system it alone uses.
	_, err = repo.Update(t.Context(), a.ID, func(q *application.Provider) error {
		q.System.Name = "Новое название"
		return nil
	})
	require.NoError(t, err)
}

func provCanceled(t *testing.T, repo application.ProviderRepository) {
	p := testProvider(1)
	provCreate(t, repo, p)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	require.ErrorIs(t, repo.Create(ctx, testProvider(2)), context.Canceled)
	_, err := repo.Get(ctx, p.ID)
	require.ErrorIs(t, err, context.Canceled)
	_, err = repo.Update(ctx, p.ID, func(q *application.Provider) error {
		q.Kind = application.ProviderHOA
		return nil
	})
	require.ErrorIs(t, err, context.Canceled)
	_, err = repo.List(ctx)
	require.ErrorIs(t, err, context.Canceled)
	_, err = repo.ServingAddress(ctx, p.Areas)
	require.ErrorIs(t, err, context.Canceled)
	_, err = repo.ByExternalSystem(ctx, p.System.ID)
	require.ErrorIs(t, err, context.Canceled)
	got, err := repo.Get(t.Context(), p.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(1), got.Version)
	_, err = repo.Get(t.Context(), testProvider(2).ID)
	require.ErrorIs(t, err, application.ErrNotFound)
}

func provConcurrentUpdates(t *testing.T, repo application.ProviderRepository) {
	p := testProvider(1)
	p.Services, p.Areas = nil, nil
	provCreate(t, repo, p)
	const workers = 50
	var wg sync.WaitGroup
	errs := make(chan error, 2*workers)
	for i := range workers {
		wg.Go(func() {
			_, err := repo.Update(t.Context(), p.ID, func(q *application.Provider) error {
				q.Services = append(q.Services, fmt.Sprintf("service_%02d", i))
				q.Areas = append(q.Areas, provUUID(kindArea, i))
				return nil
			})
			errs <- err
		})
		wg.Go(func() {
			_, err := repo.Get(t.Context(), p.ID)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	got, err := repo.Get(t.Context(), p.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(workers+1), got.Version)
	assert.Len(t, got.Services, workers)
	assert.Len(t, got.Areas, workers)
	for i := range workers {
		assert.True(t, got.Provides(fmt.Sprintf("service_%02d", i)), "service %d is kept", i)
	}
}

func provConcurrentCreates(t *testing.T, repo application.ProviderRepository) {
	const workers = 20
	legal := provUUID(kindLegal, 1)
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for i := range workers {
		wg.Go(func() {
			p := testProvider(i + 1)
			p.LegalEntity = legal
			errs <- repo.Create(t.Context(), p)
		})
	}
	wg.Wait()
	close(errs)
	ok := 0
	for err := range errs {
		if err == nil {
			ok++
			continue
		}
		require.ErrorIs(t, err, application.ErrConflict)
	}
	assert.Equal(t, 1, ok, "exactly one provider gets the legal entity")
	ps, err := repo.List(t.Context())
	require.NoError(t, err)
	assert.Len(t, ps, 1)
}
