package memory_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
)

// A Write whose fn panics lets the panic propagate to the caller; the
// write lock is released by a deferred unlock and the overlay of the
// unfinished Write is dropped, so nothing of it is kept. The suite does not
// test panics: bad input must never make library code panic in the first
// place.

func TestAddressRepository(t *testing.T) {
	t.Parallel()
	addresstest.RunRepository(t, func(*testing.T) address.Repository {
		return memory.NewAddressRepository()
	})
}

// TestAddressRepositoryReadsDuringWrite checks the documented promise of
// the memory adapter: reads never wait for a Write to finish its function,
// and they see the state before the Write until it commits.
func TestAddressRepositoryReadsDuringWrite(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	repo := memory.NewAddressRepository()
	g := address.NewGraph(repo, addresstest.SequentialIDs())
	before, err := g.AddObject(ctx, address.Object{Level: address.LevelLocality, Type: "г.", Name: "Каменск"})
	require.NoError(t, err)

	o := address.Object{ID: uuid.MustParse("0c5b2444-70a0-4932-980c-b4dc0d3f02b5"), GARObjectID: 42,
		Level: address.LevelStreet, GARLevel: address.GARStreet, Type: "ул.", Name: "Ленина"}
	r := address.Relation{Hierarchy: address.HierarchyAdministrative, Child: o.ID, Parent: before.ID}
	inside, release := make(chan struct{}), make(chan struct{})
	written := make(chan error, 1)
	go func() {
		written <- repo.Write(ctx, func(ctx context.Context, w address.Writer) error {
			if err := w.PutObject(ctx, o); err != nil {
				return err
			}
			if err := w.PutRelation(ctx, r); err != nil {
				return err
			}
			close(inside)
			<-release
			return nil
		})
	}()
	select {
	case <-inside:
	case err := <-written:
		t.Fatalf("the Write ended before its function blocked: %v", err)
	}

	readsDone := make(chan struct{})
	go func() {
		defer close(readsDone)
		_, err := repo.Object(ctx, o.ID)
		assert.ErrorIs(t, err, address.ErrNotFound, "a read sees an uncommitted object")
		_, err = repo.ObjectByGARID(ctx, 42)
		assert.ErrorIs(t, err, address.ErrNotFound, "a read sees an uncommitted GAR OBJECTID")
		rs, err := repo.Relations(ctx, o.ID)
		assert.NoError(t, err)
		assert.Empty(t, rs, "a read sees an uncommitted relation")
		n := 0
		for _, err := range repo.Objects(ctx) {
			assert.NoError(t, err)
			n++
		}
		assert.Equal(t, 1, n, "Objects sees an uncommitted object")
		for r, err := range repo.AllRelations(ctx) {
			assert.NoError(t, err)
			assert.Fail(t, "AllRelations sees an uncommitted relation", "%+v", r)
		}
	}()
	select {
	case <-readsDone:
	case <-time.After(time.Minute):
		close(release)
		t.Fatal("reads waited for a Write to finish its function")
	}
	close(release)
	require.NoError(t, <-written)
	got, err := repo.Object(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, o, got)
	rs, err := repo.Relations(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, []address.Relation{r}, rs)
}

// TestAddressRepositoryIteratorsAcrossChunks checks that the iterators,
// which copy a chunk of the store under each read lock, yield every object
// and relation committed before they started exactly once while a writer
// adds objects and replaces others between chunks.
func TestAddressRepositoryIteratorsAcrossChunks(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	repo := memory.NewAddressRepository()
	g := address.NewGraph(repo, addresstest.SequentialIDs())
	d := addresstest.Generate(3, 5000) // several chunks of objects and of children
	require.NoError(t, g.Apply(ctx, d.Batch()))
	streets := d.Of(address.LevelStreet)
	houses := d.Of(address.LevelHouse)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			o, err := g.AddObject(ctx, address.Object{Level: address.LevelHouse, Type: "д.", Name: fmt.Sprint(10000 + i)})
			if !assert.NoError(t, err) {
				return
			}
			if !assert.NoError(t, g.Relate(ctx, address.Relation{Hierarchy: address.HierarchyAdministrative, Child: o.ID, Parent: streets[i%len(streets)].ID})) {
				return
			}
			_, err = g.UpdateObject(ctx, houses[i%len(houses)].ID, func(o *address.Object) error {
				o.PostalCode = fmt.Sprintf("%06d", i)
				return nil
			})
			if !assert.NoError(t, err) {
				return
			}
		}
	})
	for range 5 {
		seen := map[uuid.UUID]bool{}
		for o, err := range repo.Objects(ctx) {
			require.NoError(t, err)
			require.False(t, seen[o.ID], "Objects yielded %s twice", o.ID)
			seen[o.ID] = true
		}
		for _, o := range d.Objects {
			require.True(t, seen[o.ID], "Objects missed %s", o.ID)
		}
		keys := map[address.RelationKey]bool{}
		for r, err := range repo.AllRelations(ctx) {
			require.NoError(t, err)
			require.False(t, keys[r.Key()], "AllRelations yielded %+v twice", r.Key())
			keys[r.Key()] = true
		}
		for _, r := range d.Relations {
			require.True(t, keys[r.Key()], "AllRelations missed %+v", r.Key())
		}
	}
	close(stop)
	wg.Wait()
}
