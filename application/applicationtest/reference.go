package applicationtest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/internal/conformance"
	"github.com/openzhkh/zhkh/internal/fault"
)

// RunReferenceRepository runs the conformance suite of the
// application.ReferenceRepository port. An integrator who writes an
// adapter runs it from the adapter's own tests:
//
//	func TestReferenceRepository(t *testing.T) {
//		applicationtest.RunReferenceRepository(t, func(t *testing.T) application.ReferenceRepository {
//			return myadapter.New(...)
//		})
//	}
//
// Every subtest calls newRepo for a fresh, empty repository of its own and
// runs in parallel with the others, so newRepo must return independent
// repositories. The suite checks storage and reads, ordering, copies,
// validation, retirement, the not-found errors and their code
// (application.CodeReferenceNotFound), seeding with application.Defaults,
// reference checks through application.PutReference, and concurrent Puts
// of different entries and of the same entry (no lost writes, no torn
// reads). Run it with -race.
func RunReferenceRepository(t *testing.T, newRepo func(t *testing.T) application.ReferenceRepository) {
	conformance.Run(t, newRepo, []conformance.Case[application.ReferenceRepository]{
		{Name: "EmptyList", Run: refEmptyList},
		{Name: "PutGet", Run: refPutGet},
		{Name: "GetMissing", Run: refGetMissing},
		{Name: "PutReplaces", Run: refPutReplaces},
		{Name: "ListOrderAndBooks", Run: refListOrder},
		{Name: "UnknownBook", Run: refUnknownBook},
		{Name: "Copies", Run: refCopies},
		{Name: "PutInvalid", Run: refPutInvalid},
		{Name: "Retire", Run: refRetire},
		{Name: "RetireMissing", Run: refRetireMissing},
		{Name: "RetireZeroTime", Run: refRetireZeroTime},
		{Name: "PutKeepsRetirement", Run: refPutKeepsRetirement},
		{Name: "CanceledContext", Run: refCanceled},
		{Name: "SeedDefaults", Run: refSeedDefaults},
		{Name: "PutReference", Run: refPutReference},
		{Name: "ConcurrentDifferent", Run: refConcurrentDifferent},
		{Name: "ConcurrentSame", Run: refConcurrentSame},
	})
}

var (
	refRetiredAt = time.Date(2025, time.March, 1, 12, 0, 0, 0, time.UTC)
	refLater     = refRetiredAt.Add(24 * time.Hour)
)

func unit(code, okei string) application.ReferenceEntry {
	return application.ReferenceEntry{Book: application.BookUnits, Code: code, Name: "Единица " + code, Symbol: code, OKEI: okei}
}

func resource(code, unit string) application.ReferenceEntry {
	return application.ReferenceEntry{Book: application.BookResources, Code: code, Name: "Ресурс " + code, Unit: unit}
}

func service(code string, resources ...string) application.ReferenceEntry {
	return application.ReferenceEntry{Book: application.BookServices, Code: code, Name: "Услуга " + code, Resources: resources}
}

func put(t *testing.T, repo application.ReferenceRepository, es ...application.ReferenceEntry) {
	t.Helper()
	for _, e := range es {
		require.NoError(t, repo.Put(t.Context(), e), "put %s/%s", e.Book, e.Code)
	}
}

func get(t *testing.T, repo application.ReferenceRepository, b application.Book, code string) application.ReferenceEntry {
	t.Helper()
	e, err := repo.Get(t.Context(), b, code)
	require.NoError(t, err, "get %s/%s", b, code)
	return e
}

func codes(t *testing.T, repo application.ReferenceRepository, b application.Book) []string {
	t.Helper()
	es, err := repo.List(t.Context(), b)
	require.NoError(t, err)
	out := []string{}
	for _, e := range es {
		out = append(out, e.Code)
	}
	return out
}

func hasCode(err error, code string) bool {
	var ve *application.ValidationError
	return errors.As(err, &ve) && ve.Has(code)
}

func refEmptyList(t *testing.T, repo application.ReferenceRepository) {
	for _, b := range application.Books() {
		es, err := repo.List(t.Context(), b)
		require.NoError(t, err)
		assert.Empty(t, es, b)
	}
}

func refPutGet(t *testing.T, repo application.ReferenceRepository) {
	e := application.ReferenceEntry{Book: application.BookServices, Code: "heating", Name: "Отопление",
		Resources: []string{"heat", "solid_fuel"}, NSICode: "2",
		NSIGUID: uuid.MustParse("0191c2d4-5a6b-7c8d-9e0f-112233445566")}
	put(t, repo, e)
	assert.Equal(t, e, get(t, repo, application.BookServices, "heating"))
	u := unit("cubic_metre", "113")
	put(t, repo, u)
	assert.Equal(t, u, get(t, repo, application.BookUnits, "cubic_metre"))
}

func refGetMissing(t *testing.T, repo application.ReferenceRepository) {
	put(t, repo, unit("litre", "112"))
	_, err := repo.Get(t.Context(), application.BookUnits, "cubic_metre")
	require.ErrorIs(t, err, application.ErrNotFound)
	require.True(t, fault.HasCode(err, application.CodeReferenceNotFound), "code of %v", err)
	// The same code in another book is another entry.
	_, err = repo.Get(t.Context(), application.BookResources, "litre")
	require.ErrorIs(t, err, application.ErrNotFound)
	require.True(t, fault.HasCode(err, application.CodeReferenceNotFound), "code of %v", err)
}

func refPutReplaces(t *testing.T, repo application.ReferenceRepository) {
	put(t, repo, resource("gas", "cubic_metre"))
	changed := resource("gas", "kilogram")
	changed.Name = "Газ сетевой"
	changed.NSICode = "5"
	put(t, repo, changed)
	assert.Equal(t, changed, get(t, repo, application.BookResources, "gas"))
	assert.Equal(t, []string{"gas"}, codes(t, repo, application.BookResources))
}

func refListOrder(t *testing.T, repo application.ReferenceRepository) {
	put(t, repo, unit("tonne", "168"), unit("kilogram", "166"), unit("piece", "796"),
		resource("heat", "gigacalorie"), service("sewerage", "waste_water"))
	assert.Equal(t, []string{"kilogram", "piece", "tonne"}, codes(t, repo, application.BookUnits))
	assert.Equal(t, []string{"heat"}, codes(t, repo, application.BookResources))
	assert.Equal(t, []string{"sewerage"}, codes(t, repo, application.BookServices))
	assert.Empty(t, codes(t, repo, application.BookPurposes))
}

func refUnknownBook(t *testing.T, repo application.ReferenceRepository) {
	_, err := repo.List(t.Context(), application.Book("tariffs"))
	require.ErrorIs(t, err, application.ErrInvalid)
	assert.True(t, hasCode(err, application.CodeReferenceBook), err)
}

func refCopies(t *testing.T, repo application.ReferenceRepository) {
	e := service("gas_supply", "gas", "bottled_gas")
	put(t, repo, e)
	e.Resources[0] = "changed"
	got := get(t, repo, application.BookServices, "gas_supply")
	assert.Equal(t, []string{"gas", "bottled_gas"}, got.Resources, "Put must copy")
	got.Resources[1] = "changed"
	listed, err := repo.List(t.Context(), application.BookServices)
	require.NoError(t, err)
	listed[0].Resources[0] = "changed"
	assert.Equal(t, []string{"gas", "bottled_gas"}, get(t, repo, application.BookServices, "gas_supply").Resources,
		"Get and List must return copies")
}

func refPutInvalid(t *testing.T, repo application.ReferenceRepository) {
	tests := []struct {
		name  string
		entry application.ReferenceEntry
		codes []string
	}{
		{"no code and name", application.ReferenceEntry{Book: application.BookPurposes},
			[]string{application.CodeReferenceCode, application.CodeReferenceName}},
		{"bad OKEI", unit("cubic_metre", "11"), []string{application.CodeReferenceOKEI}},
		{"unknown book", application.ReferenceEntry{Book: "tariffs", Code: "x", Name: "X"},
			[]string{application.CodeReferenceBook}},
		{"resource without unit", resource("gas", ""), []string{application.CodeReferenceUnit}},
		{"code not snake_case", unit("Cubic-Metre", "113"), []string{application.CodeReferenceCode}},
	}
	for _, tc := range tests {
		err := repo.Put(t.Context(), tc.entry)
		require.ErrorIs(t, err, application.ErrInvalid, tc.name)
		for _, c := range tc.codes {
			assert.True(t, hasCode(err, c), "%s: want %s in %v", tc.name, c, err)
		}
	}
	for _, b := range application.Books() {
		assert.Empty(t, codes(t, repo, b), "an invalid Put stores nothing")
	}
}

func refRetire(t *testing.T, repo application.ReferenceRepository) {
	put(t, repo, unit("litre", "112"), unit("kilogram", "166"))
	require.NoError(t, repo.Retire(t.Context(), application.BookUnits, "litre", refRetiredAt))
	got := get(t, repo, application.BookUnits, "litre")
	assert.True(t, got.Retired.Equal(refRetiredAt), got.Retired)
	assert.False(t, got.Active(refLater))
	assert.True(t, got.Active(refRetiredAt.Add(-time.Second)))
	assert.Equal(t, []string{"kilogram", "litre"}, codes(t, repo, application.BookUnits), "retired entries stay listed")
	// Retiring again keeps the first time.
	require.NoError(t, repo.Retire(t.Context(), application.BookUnits, "litre", refLater))
	assert.True(t, get(t, repo, application.BookUnits, "litre").Retired.Equal(refRetiredAt))
	assert.True(t, get(t, repo, application.BookUnits, "kilogram").Retired.IsZero())
}

func refRetireMissing(t *testing.T, repo application.ReferenceRepository) {
	err := repo.Retire(t.Context(), application.BookUnits, "litre", refRetiredAt)
	require.ErrorIs(t, err, application.ErrNotFound)
	require.True(t, fault.HasCode(err, application.CodeReferenceNotFound), "code of %v", err)
}

func refRetireZeroTime(t *testing.T, repo application.ReferenceRepository) {
	put(t, repo, unit("litre", "112"))
	err := repo.Retire(t.Context(), application.BookUnits, "litre", time.Time{})
	require.ErrorIs(t, err, application.ErrInvalid)
	assert.True(t, hasCode(err, application.CodeReferenceRetiredAt), err)
	assert.True(t, get(t, repo, application.BookUnits, "litre").Retired.IsZero())
}

func refPutKeepsRetirement(t *testing.T, repo application.ReferenceRepository) {
	put(t, repo, unit("litre", "112"))
	require.NoError(t, repo.Retire(t.Context(), application.BookUnits, "litre", refRetiredAt))
	edited := unit("litre", "112")
	edited.Name = "Литр (дм³)"
	put(t, repo, edited)
	got := get(t, repo, application.BookUnits, "litre")
	assert.Equal(t, "Литр (дм³)", got.Name)
	assert.True(t, got.Retired.Equal(refRetiredAt), "an edit does not undo a retirement")
	// A new entry cannot be stored already retired.
	fresh := unit("piece", "796")
	fresh.Retired = refRetiredAt
	put(t, repo, fresh)
	assert.True(t, get(t, repo, application.BookUnits, "piece").Retired.IsZero())
}

func refCanceled(t *testing.T, repo application.ReferenceRepository) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	require.ErrorIs(t, repo.Put(ctx, unit("litre", "112")), context.Canceled)
	_, err := repo.Get(ctx, application.BookUnits, "litre")
	require.ErrorIs(t, err, context.Canceled)
	_, err = repo.List(ctx, application.BookUnits)
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, repo.Retire(ctx, application.BookUnits, "litre", refRetiredAt), context.Canceled)
	assert.Empty(t, codes(t, repo, application.BookUnits))
}

func refSeedDefaults(t *testing.T, repo application.ReferenceRepository) {
	defaults := application.Defaults()
	require.NoError(t, application.SeedReferences(t.Context(), repo, defaults))
	total := 0
	for _, b := range application.Books() {
		es, err := repo.List(t.Context(), b)
		require.NoError(t, err)
		total += len(es)
	}
	assert.Equal(t, len(defaults), total)
	assert.Equal(t, "113", get(t, repo, application.BookUnits, "cubic_metre").OKEI)
	assert.Equal(t, "cubic_metre", get(t, repo, application.BookResources, "cold_water").Unit)
	// A seed that breaks the rules stores nothing.
	other := []application.ReferenceEntry{unit("litre", "112"), resource("steam", "tonne")}
	err := application.SeedReferences(t.Context(), repo, other)
	require.ErrorIs(t, err, application.ErrInvalid)
	_, err = repo.Get(t.Context(), application.BookResources, "steam")
	require.ErrorIs(t, err, application.ErrNotFound)
	require.True(t, fault.HasCode(err, application.CodeReferenceNotFound), "code of %v", err)
}

func refPutReference(t *testing.T, repo application.ReferenceRepository) {
	ctx := t.Context()
	put(t, repo, unit("cubic_metre", "113"), unit("litre", "112"), resource("gas", "cubic_metre"))
	require.NoError(t, repo.Retire(ctx, application.BookUnits, "litre", refRetiredAt))

	err := application.PutReference(ctx, repo, resource("bottled_gas", "kilogram"))
	require.ErrorIs(t, err, application.ErrInvalid)
	assert.True(t, hasCode(err, application.CodeReferenceUnitUnknown), err)
	err = application.PutReference(ctx, repo, resource("bottled_gas", "litre"))
	assert.True(t, hasCode(err, application.CodeReferenceUnitUnknown), "a retired unit is refused: %v", err)
	err = application.PutReference(ctx, repo, service("gas_supply", "gas", "bottled_gas", "steam"))
	var ve *application.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Violations, 2, "every unknown resource is reported")
	_, err = repo.Get(ctx, application.BookServices, "gas_supply")
	require.ErrorIs(t, err, application.ErrNotFound)
	require.True(t, fault.HasCode(err, application.CodeReferenceNotFound), "code of %v", err)

	require.NoError(t, application.PutReference(ctx, repo, service("gas_supply", "gas")))
	assert.Equal(t, []string{"gas"}, get(t, repo, application.BookServices, "gas_supply").Resources)
}

func refConcurrentDifferent(t *testing.T, repo application.ReferenceRepository) {
	const n = 64
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			code := fmt.Sprintf("unit_%02d", i)
			assert.NoError(t, repo.Put(t.Context(), unit(code, fmt.Sprintf("%03d", i))))
			_, err := repo.List(t.Context(), application.BookUnits)
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	got := codes(t, repo, application.BookUnits)
	require.Len(t, got, n, "no Put is lost")
	for i := range n {
		assert.Equal(t, fmt.Sprintf("%03d", i), get(t, repo, application.BookUnits, fmt.Sprintf("unit_%02d", i)).OKEI)
	}
}

func refConcurrentSame(t *testing.T, repo application.ReferenceRepository) {
	// Every version keeps its Name, NSICode and Resources in step, so a
	// read that mixes two versions is caught.
	version := func(i int) application.ReferenceEntry {
		e := service("heating", fmt.Sprintf("r_%02d", i), fmt.Sprintf("s_%02d", i))
		e.Name = fmt.Sprintf("Отопление %02d", i)
		e.NSICode = fmt.Sprintf("%02d", i)
		return e
	}
	consistent := func(e application.ReferenceEntry) bool {
		var i int
		if _, err := fmt.Sscanf(e.NSICode, "%d", &i); err != nil {
			return false
		}
		w := version(i)
		return e.Name == w.Name && len(e.Resources) == 2 && e.Resources[0] == w.Resources[0] && e.Resources[1] == w.Resources[1]
	}
	put(t, repo, version(0))
	const n = 32
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { assert.NoError(t, repo.Put(t.Context(), version(i))) })
		wg.Go(func() {
			e, err := repo.Get(t.Context(), application.BookServices, "heating")
			if assert.NoError(t, err) {
				assert.True(t, consistent(e), "torn read: %+v", e)
			}
			es, err := repo.List(t.Context(), application.BookServices)
			if assert.NoError(t, err) && assert.Len(t, es, 1) {
				assert.True(t, consistent(es[0]), "torn read: %+v", es[0])
			}
		})
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		assert.NoError(t, repo.Retire(t.Context(), application.BookServices, "heating", refRetiredAt))
	}()
	wg.Wait()
	last := get(t, repo, application.BookServices, "heating")
	assert.True(t, consistent(last), "final entry is one whole version: %+v", last)
	assert.True(t, last.Retired.Equal(refRetiredAt), "no Put undoes the concurrent Retire")
	assert.Equal(t, []string{"heating"}, codes(t, repo, application.BookServices))
}
