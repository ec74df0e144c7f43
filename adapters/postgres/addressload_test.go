package postgres_test

import (
	"context"
	"errors"
	"iter"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
	"github.com/openzhkh/zhkh/address/gar"
	"github.com/openzhkh/zhkh/address/gar/gartest"
)

// writeGAR writes a synthetic GAR distribution of two regions, with
// history, and opens it.
func writeGAR(t *testing.T, n int) *gar.Source {
	t.Helper()
	dir := t.TempDir()
	_, err := gartest.Write(dir, []gartest.Region{
		{Code: "66", Data: addresstest.Generate(66, n)},
		{Code: "72", Data: addresstest.Generate(72, n/2)},
	}, gartest.Options{History: true})
	require.NoError(t, err)
	src, err := gar.OpenDir(dir)
	require.NoError(t, err)
	t.Cleanup(func() { _ = src.Close() })
	return src
}

// requireSameGraph fails the test unless both repositories hold the same
// types, objects and relations.
func requireSameGraph(t *testing.T, want, got address.Repository) {
	t.Helper()
	wantObjects, wantRels := addresstest.Snapshot(t, want)
	gotObjects, gotRels := addresstest.Snapshot(t, got)
	require.Len(t, gotObjects, len(wantObjects))
	require.Equal(t, wantObjects, gotObjects)
	require.Len(t, gotRels, len(wantRels))
	require.Equal(t, wantRels, gotRels)
	wantTypes, err := want.Types(t.Context())
	require.NoError(t, err)
	gotTypes, err := got.Types(t.Context())
	require.NoError(t, err)
	require.Equal(t, wantTypes, gotTypes)
}

// TestBulkLoadMatchesGraphLoad loads the same synthetic GAR through
// gar.Load into the memory adapter and through BulkLoad into PostgreSQL,
// then loads it again onto the stored graph (the merge path), and expects
// the same graph each time.
func TestBulkLoadMatchesGraphLoad(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	pool := pgtest.NewPool(t)
	src := writeGAR(t, 3000)

	mem := memory.NewAddressRepository()
	wantRep, err := gar.Load(ctx, src, address.NewGraph(mem, addresstest.SequentialIDs()), gar.LoadOptions{})
	require.NoError(t, err)
	require.Positive(t, wantRep.Objects)

	repo := postgres.NewAddressRepository(pool)
	rep, st, err := postgres.BulkLoad(ctx, pool, src, gar.LoadOptions{}, postgres.BulkOptions{})
	require.NoError(t, err)
	assert.True(t, st.Fresh, "the first load goes straight into the empty tables")
	assert.Equal(t, wantRep.Objects, rep.Objects)
	assert.Equal(t, wantRep.Relations, rep.Relations)
	objects, rels := addresstest.Snapshot(t, mem)
	assert.Equal(t, len(objects), st.Objects)
	assert.Equal(t, len(rels), st.Relations)
	requireSameGraph(t, mem, repo)

	// Loading the same files again upserts: nothing changes.
	_, st, err = postgres.BulkLoad(ctx, pool, src, gar.LoadOptions{}, postgres.BulkOptions{})
	require.NoError(t, err)
	assert.False(t, st.Fresh, "the second load merges into the stored graph")
	requireSameGraph(t, mem, repo)
}

// TestBulkImportMerges applies a changed dataset onto a stored graph: an
// object renamed, an OBJECTID moved from one object to another and a
// relation retired, as a delta does; the result is what the Graph over
// the memory adapter makes of the same writes.
func TestBulkImportMerges(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	pool := pgtest.NewPool(t)
	repo := postgres.NewAddressRepository(pool)
	mem := memory.NewAddressRepository()
	d := addresstest.Generate(5, 2000)
	houses := d.Of(address.LevelHouse)
	a, b := houses[0], houses[1]
	a.GARObjectID, b.GARObjectID = 900001, 900002
	first := d.Batch()
	first.Objects = append(first.Objects, a, b) // replace the two houses with OBJECTIDs

	_, err := postgres.BulkImport(ctx, pool, func(ctx context.Context, g *address.Graph) error {
		return g.Apply(ctx, first)
	}, postgres.BulkOptions{})
	require.NoError(t, err)
	require.NoError(t, address.NewGraph(mem, addresstest.SequentialIDs()).Apply(ctx, first))
	requireSameGraph(t, mem, repo)

	renamed := a
	renamed.Name, renamed.GARObjectID = "5А", 0
	moved := b
	moved.GARObjectID = 900001 // freed by a in the same load
	retired := d.Relations[len(d.Relations)-1]
	retired.End = address.Date{Year: 2024, Month: 1, Day: 1}
	second := address.Batch{Objects: []address.Object{renamed, moved}, Relations: []address.Relation{retired}}
	st, err := postgres.BulkImport(ctx, pool, func(ctx context.Context, g *address.Graph) error {
		return g.Apply(ctx, second)
	}, postgres.BulkOptions{})
	require.NoError(t, err)
	assert.False(t, st.Fresh)
	assert.Equal(t, 2, st.Objects)
	assert.Equal(t, 2, st.Relations, "the retired relation, written with the other relation of its child")
	require.NoError(t, address.NewGraph(mem, addresstest.SequentialIDs()).Apply(ctx, second))
	requireSameGraph(t, mem, repo)
	got, err := repo.ObjectByGARID(ctx, 900001)
	require.NoError(t, err)
	assert.Equal(t, b.ID, got.ID)
	_, err = repo.ObjectByGARID(ctx, 900002)
	require.ErrorIs(t, err, address.ErrNotFound)
}

// TestBulkImportKeepsNothingOnFailure checks the one-transaction design:
// a failing function, a refused batch, a failing AfterRows hook in the
// middle of the copy and a cancelled context all leave the graph empty.
func TestBulkImportKeepsNothingOnFailure(t *testing.T) {
	t.Parallel()
	errHook := errors.New("the hook stops the load")
	d := addresstest.Generate(9, 3000)
	bad := d.Batch()
	bad.Relations = append(bad.Relations, address.Relation{Hierarchy: address.HierarchyAdministrative,
		Child: d.Objects[0].ID, Parent: d.Of(address.LevelStreet)[0].ID}) // a region under a street
	cases := []struct {
		name  string
		fn    func(ctx context.Context, g *address.Graph) error
		opts  postgres.BulkOptions
		ctx   func(context.Context) context.Context
		check func(t *testing.T, err error)
	}{
		{"FnError", func(ctx context.Context, g *address.Graph) error {
			if err := g.Apply(ctx, d.Batch()); err != nil {
				return err
			}
			return errHook
		}, postgres.BulkOptions{}, nil, func(t *testing.T, err error) { require.ErrorIs(t, err, errHook) }},
		{"Refused", func(ctx context.Context, g *address.Graph) error {
			return g.Apply(ctx, bad)
		}, postgres.BulkOptions{}, nil, func(t *testing.T, err error) {
			require.ErrorIs(t, err, address.ErrInvalid)
			require.True(t, address.HasCode(err, address.CodeRelationShallower), "%v", err)
		}},
		{"HookMidCopy", func(ctx context.Context, g *address.Graph) error {
			return g.Apply(ctx, d.Batch())
		}, postgres.BulkOptions{EveryRows: 1000, AfterRows: func(_ context.Context, rows int64) error {
			if rows >= 2000 {
				return errHook
			}
			return nil
		}}, nil, func(t *testing.T, err error) { require.ErrorIs(t, err, errHook) }},
		{"Cancelled", func(ctx context.Context, g *address.Graph) error {
			return g.Apply(ctx, d.Batch())
		}, postgres.BulkOptions{}, func(ctx context.Context) context.Context {
			ctx, cancel := context.WithCancel(ctx)
			cancel()
			return ctx
		}, func(t *testing.T, err error) { require.ErrorIs(t, err, context.Canceled) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			pool := pgtest.NewPool(t)
			ctx := t.Context()
			if tc.ctx != nil {
				ctx = tc.ctx(ctx)
			}
			_, err := postgres.BulkImport(ctx, pool, tc.fn, tc.opts)
			tc.check(t, err)
			repo := postgres.NewAddressRepository(pool)
			objects, rels := addresstest.Snapshot(t, repo)
			require.Empty(t, objects)
			require.Empty(t, rels)
			types, err := repo.Types(t.Context())
			require.NoError(t, err)
			require.Empty(t, types)
		})
	}
}

// TestBulkImportHookCounts checks that AfterRows sees every row.
func TestBulkImportHookCounts(t *testing.T) {
	t.Parallel()
	pool := pgtest.NewPool(t)
	d := addresstest.Generate(11, 2500)
	var calls []int64
	st, err := postgres.BulkImport(t.Context(), pool, func(ctx context.Context, g *address.Graph) error {
		return g.Apply(ctx, d.Batch())
	}, postgres.BulkOptions{EveryRows: 1000, AfterRows: func(_ context.Context, rows int64) error {
		calls = append(calls, rows)
		return nil
	}})
	require.NoError(t, err)
	total := int64(len(d.Objects) + len(d.Relations))
	require.Equal(t, total, int64(st.Objects+st.Relations))
	require.NotEmpty(t, calls)
	assert.Equal(t, total, calls[len(calls)-1], "the last call reports every row")
	for i, n := range calls[:len(calls)-1] {
		assert.Equal(t, int64(1000*(i+1)), n)
	}
}

// TestCopyGraph copies a graph kept by the memory adapter into an empty
// database and then onto the copy (the merge path), and expects the same
// graph both times; an iterator error aborts the copy, keeping nothing.
func TestCopyGraph(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	pool := pgtest.NewPool(t)
	repo := postgres.NewAddressRepository(pool)
	mem := memory.NewAddressRepository()
	d := addresstest.Generate(21, 3000)
	require.NoError(t, address.NewGraph(mem, addresstest.SequentialIDs()).Apply(ctx, d.Batch()))

	st, err := postgres.CopyGraph(ctx, pool, mem, postgres.BulkOptions{})
	require.NoError(t, err)
	assert.True(t, st.Fresh)
	assert.Equal(t, len(d.Objects), st.Objects)
	assert.Equal(t, len(d.Relations), st.Relations)
	requireSameGraph(t, mem, repo)

	street := d.Of(address.LevelStreet)[0]
	_, err = address.NewGraph(mem, addresstest.SequentialIDs()).UpdateObject(ctx, street.ID, func(o *address.Object) error {
		o.Name = "Новая"
		return nil
	})
	require.NoError(t, err)
	st, err = postgres.CopyGraph(ctx, pool, mem, postgres.BulkOptions{})
	require.NoError(t, err)
	assert.False(t, st.Fresh)
	requireSameGraph(t, mem, repo)

	before, beforeRels := addresstest.Snapshot(t, repo)
	_, err = address.NewGraph(mem, addresstest.SequentialIDs()).UpdateObject(ctx, street.ID, func(o *address.Object) error {
		o.Name = "Старая"
		return nil
	})
	require.NoError(t, err)
	_, err = postgres.CopyGraph(ctx, pool, failingRelations{mem}, postgres.BulkOptions{})
	require.ErrorIs(t, err, errRead)
	after, afterRels := addresstest.Snapshot(t, repo)
	require.Equal(t, before, after, "a failed copy changed the objects")
	require.Equal(t, beforeRels, afterRels, "a failed copy changed the relations")
}

var errRead = errors.New("reading failed on purpose")

// failingRelations is a repository whose AllRelations fails after 100
// relations.
type failingRelations struct{ address.Repository }

func (f failingRelations) AllRelations(ctx context.Context) iter.Seq2[address.Relation, error] {
	return func(yield func(address.Relation, error) bool) {
		n := 0
		for r, err := range f.Repository.AllRelations(ctx) {
			if n++; n > 100 {
				yield(address.Relation{}, errRead)
				return
			}
			if !yield(r, err) {
				return
			}
		}
	}
}
