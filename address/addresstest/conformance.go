package addresstest

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/address"
)

// RunRepository runs the conformance suite of the address.Repository port.
// An integrator who writes an adapter runs it from the adapter's own tests:
//
//	func TestRepository(t *testing.T) {
//		addresstest.RunRepository(t, func(t *testing.T) address.Repository {
//			return myadapter.New(...)
//		})
//	}
//
// Every subtest calls newRepo for a fresh, empty repository of its own and
// runs in parallel with the others, so newRepo must return independent
// repositories (for a database adapter: a schema or database per call, or a
// cleanup registered with t.Cleanup). The suite drives the repository
// through address.Graph, as the library does, and also through the port
// directly: it checks storage and reads, the errors and their codes
// (address.CodeObjectNotFound, address.CodeTypeNotFound,
// address.CodeObjectExists), the rules the Graph keeps on top of the port,
// the atomicity of Write, the iterators, full address strings against an
// address.Index, and concurrent use. Run it with -race.
func RunRepository(t *testing.T, newRepo func(t *testing.T) address.Repository) {
	s := &suite{newRepo: newRepo}
	groups := []struct {
		name  string
		tests []leaf
	}{
		{"Objects", s.objectTests()},
		{"UpdateObject", s.updateTests()},
		{"Types", s.typeTests()},
		{"Relations", s.relationTests()},
		{"Rules", s.ruleTests()},
		{"Apply", s.applyTests()},
		{"Write", s.writeTests()},
		{"Iterators", s.iteratorTests()},
		{"Full", s.fullTests()},
		{"Concurrency", s.concurrencyTests()},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			t.Parallel()
			for _, l := range g.tests {
				t.Run(l.name, func(t *testing.T) {
					t.Parallel()
					l.run(t, s.setup(t))
				})
			}
		})
	}
}

// Snapshot reads every object and relation of repo through its iterators
// and returns them: the objects by ID, the relations sorted by child,
// hierarchy and start, so that two snapshots compare with require.Equal.
// Elements of length zero come back as nil, so an adapter that returns an
// empty slice for none compares equal to one that returns nil. Snapshot
// fails the test when an iterator yields an error, or yields an object or
// a relation key twice.
func Snapshot(t testing.TB, repo address.Repository) (map[uuid.UUID]address.Object, []address.Relation) {
	t.Helper()
	ctx := t.Context()
	objects := map[uuid.UUID]address.Object{}
	for o, err := range repo.Objects(ctx) {
		require.NoError(t, err, "Objects yielded an error")
		_, dup := objects[o.ID]
		require.False(t, dup, "Objects yielded object %s twice", o.ID)
		objects[o.ID] = normObject(o.Clone())
	}
	var rels []address.Relation
	keys := map[address.RelationKey]bool{}
	for r, err := range repo.AllRelations(ctx) {
		require.NoError(t, err, "AllRelations yielded an error")
		require.False(t, keys[r.Key()], "AllRelations yielded the relation %+v twice", r.Key())
		keys[r.Key()] = true
		rels = append(rels, r)
	}
	sortRelations(rels)
	return objects, rels
}

// SequentialIDs returns an ID function for address.NewGraph that makes the
// UUIDs 00000000-0000-4000-8000-000000000001, …-000000000002 and so on, in
// call order, so tests know the IDs the graph assigns. It is safe for
// concurrent use; each call of SequentialIDs starts its own sequence.
func SequentialIDs() func() (uuid.UUID, error) {
	var n atomic.Uint64
	return func() (uuid.UUID, error) { return seqID(n.Add(1)), nil }
}

func seqID(v uint64) uuid.UUID {
	var u uuid.UUID
	u[6], u[8] = 0x40, 0x80
	for i := 15; i >= 10; i-- {
		u[i] = byte(v)
		v >>= 8
	}
	return u
}

// sortRelations orders relations by child, hierarchy and start.
func sortRelations(rs []address.Relation) {
	slices.SortFunc(rs, func(a, b address.Relation) int {
		return cmp.Or(bytes.Compare(a.Child[:], b.Child[:]), cmp.Compare(a.Hierarchy, b.Hierarchy), a.Start.Compare(b.Start))
	})
}

// normObject makes an empty Elements nil.
func normObject(o address.Object) address.Object {
	if len(o.Elements) == 0 {
		o.Elements = nil
	}
	return o
}

type suite struct {
	newRepo func(t *testing.T) address.Repository
}

type leaf struct {
	name string
	run  func(t *testing.T, f *fixture)
}

// fixture is the repository of one subtest and a Graph over it.
type fixture struct {
	t    *testing.T
	repo address.Repository
	g    *address.Graph
}

func (s *suite) setup(t *testing.T) *fixture {
	t.Helper()
	repo := s.newRepo(t)
	require.NotNil(t, repo, "newRepo returned nil")
	return &fixture{t: t, repo: repo, g: address.NewGraph(repo, SequentialIDs())}
}

// Dates of the suite.
var (
	d1990 = day(1990, 1, 1)
	d2000 = day(2000, 1, 1)
	d2005 = day(2005, 1, 1)
	d2009 = day(2009, 1, 1)
	d2010 = day(2010, 1, 1)
	d2015 = day(2015, 1, 1)
	d2019 = day(2019, 12, 31)
	d2020 = day(2020, 1, 1)
)

func day(y int, m time.Month, d int) address.Date { return address.Date{Year: y, Month: m, Day: d} }

// unknownID is never stored by the suite.
var unknownID = uuid.MustParse("ffffffff-ffff-4fff-bfff-ffffffffffff")

var hierarchies = []address.Hierarchy{address.HierarchyAdministrative, address.HierarchyMunicipal}

// obj returns an object of the level with a type of that level.
func obj(level address.Level, name string) address.Object {
	typ := map[address.Level]string{
		address.LevelRegion: "обл.", address.LevelMunicipality: "м.р-н", address.LevelSettlement: "с.п.",
		address.LevelLocality: "г.", address.LevelStreet: "ул.", address.LevelHouse: "д.",
		address.LevelPremise: "кв.", address.LevelRoom: "ком.",
	}[level]
	return address.Object{Level: level, Type: typ, Name: name, Start: d2000}
}

func rel(h address.Hierarchy, child, parent uuid.UUID) address.Relation {
	return address.Relation{Hierarchy: h, Child: child, Parent: parent, Start: d2000}
}

// add adds o through the graph and returns it as stored.
func (f *fixture) add(o address.Object) address.Object {
	f.t.Helper()
	got, err := f.g.AddObject(f.t.Context(), o)
	require.NoError(f.t, err, "AddObject %s %q", o.Level, o.Name)
	return got
}

func (f *fixture) addN(level address.Level, names ...string) []address.Object {
	f.t.Helper()
	out := make([]address.Object, len(names))
	for i, n := range names {
		out[i] = f.add(obj(level, n))
	}
	return out
}

func (f *fixture) relate(r address.Relation) address.Relation {
	f.t.Helper()
	require.NoError(f.t, f.g.Relate(f.t.Context(), r), "Relate %+v", r)
	return r
}

// object reads the object from the repository.
func (f *fixture) object(id uuid.UUID) address.Object {
	f.t.Helper()
	o, err := f.repo.Object(f.t.Context(), id)
	require.NoError(f.t, err, "Object %s", id)
	return normObject(o)
}

func (f *fixture) relations(child uuid.UUID) []address.Relation {
	f.t.Helper()
	rs, err := f.repo.Relations(f.t.Context(), child)
	require.NoError(f.t, err, "Relations %s", child)
	return rs
}

// unchanged runs fn and fails the test when the objects or relations of
// the repository differ afterwards.
func (f *fixture) unchanged(fn func()) {
	f.t.Helper()
	objects, rels := Snapshot(f.t, f.repo)
	fn()
	objects2, rels2 := Snapshot(f.t, f.repo)
	require.Equal(f.t, objects, objects2, "the objects changed")
	require.Equal(f.t, rels, rels2, "the relations changed")
}

// empty fails the test unless the repository holds nothing.
func (f *fixture) empty() {
	f.t.Helper()
	objects, rels := Snapshot(f.t, f.repo)
	require.Empty(f.t, objects, "objects are stored")
	require.Empty(f.t, rels, "relations are stored")
	types, err := f.repo.Types(f.t.Context())
	require.NoError(f.t, err)
	require.Empty(f.t, types, "types are stored")
}

// violations returns the violations of err as "field code" strings, and
// fails the test unless err is a *ValidationError matching ErrInvalid.
func violations(t *testing.T, err error) []string {
	t.Helper()
	require.Error(t, err)
	require.ErrorIs(t, err, address.ErrInvalid)
	var ve *address.ValidationError
	require.ErrorAs(t, err, &ve)
	out := make([]string, len(ve.Violations))
	for i, v := range ve.Violations {
		assert.NotEmpty(t, v.Message, "violation %s %s has no message", v.Field, v.Code)
		out[i] = v.Field + " " + v.Code
	}
	return out
}

func violationKeys(vs []address.Violation) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Field + " " + v.Code
	}
	return out
}

// finishes runs fn and fails the test when it does not return within a
// generous time: a lock left held by an iterator or a Write deadlocks.
func finishes(t *testing.T, what string, fn func() error) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		require.NoError(t, err, what)
	case <-time.After(5 * time.Minute):
		t.Fatalf("%s did not finish within five minutes: a deadlock, such as a lock left held", what)
	}
}

var errTest = errors.New("addresstest: the function failed on purpose")

// 1. Objects.

func (s *suite) objectTests() []leaf {
	house := func() address.Object {
		return address.Object{
			Level: address.LevelHouse, Type: "д.", Name: "5",
			Elements:    []address.Element{{Kind: address.ElementCorpus, Type: "корп.", Value: "2"}, {Kind: address.ElementLiter, Type: "лит.", Value: "А"}},
			GARObjectID: 101, PostalCode: "620014", OKATO: "65401000000", OKTMO: "65701000001",
			CadastralNumber: "66:41:0000000:1", Start: d2000,
		}
	}
	return []leaf{
		{"AddAndGet", func(t *testing.T, f *fixture) {
			in := house()
			got := f.add(in)
			want := in
			want.ID = seqID(1)
			want.GARLevel = address.GARBuilding
			require.Equal(t, want, normObject(got), "AddObject returns the object as stored, with the graph's ID and the default GAR level")
			require.Equal(t, want, f.object(got.ID))

			fias := uuid.MustParse("0c5b2444-70a0-4932-980c-b4dc0d3f02b5")
			in2 := obj(address.LevelStreet, "Ленина")
			in2.FIASGUID, in2.GARLevel, in2.End = fias, address.GARStreet, d2020
			got2 := f.add(in2)
			require.Equal(t, fias, got2.ID, "a zero ID is taken from the FIAS GUID")
			want2 := in2
			want2.ID = fias
			require.Equal(t, want2, f.object(fias))
			require.Equal(t, want, f.object(got.ID), "adding another object changed the first")
		}},
		{"UnknownID", func(t *testing.T, f *fixture) {
			_, err := f.repo.Object(t.Context(), unknownID)
			require.ErrorIs(t, err, address.ErrNotFound, "empty repository")
			require.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
			f.add(house())
			_, err = f.repo.Object(t.Context(), unknownID)
			require.ErrorIs(t, err, address.ErrNotFound, "repository with another object")
			require.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
			_, err = f.repo.Object(t.Context(), uuid.Nil)
			require.ErrorIs(t, err, address.ErrNotFound, "the nil ID")
			require.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
		}},
		{"ByGARID", func(t *testing.T, f *fixture) {
			a := f.add(house())
			b := house()
			b.Name, b.GARObjectID = "7", 102
			b = f.add(b)
			noGAR := f.add(obj(address.LevelStreet, "Мира"))
			got, err := f.repo.ObjectByGARID(t.Context(), 102)
			require.NoError(t, err)
			require.Equal(t, b, normObject(got))
			got, err = f.repo.ObjectByGARID(t.Context(), 101)
			require.NoError(t, err)
			require.Equal(t, a, normObject(got))
			_, err = f.repo.ObjectByGARID(t.Context(), 999)
			require.ErrorIs(t, err, address.ErrNotFound)
			require.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
			_, err = f.repo.ObjectByGARID(t.Context(), 0)
			require.ErrorIs(t, err, address.ErrNotFound, "0 is no GAR OBJECTID, even though %s has it", noGAR.ID)
			require.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
		}},
		{"DuplicateID", func(t *testing.T, f *fixture) {
			a := f.add(house())
			dup := house()
			dup.ID, dup.Name, dup.GARObjectID = a.ID, "9", 0
			f.unchanged(func() {
				_, err := f.g.AddObject(t.Context(), dup)
				require.ErrorIs(t, err, address.ErrConflict)
				require.True(t, address.HasCode(err, address.CodeObjectExists), "code of %v", err)
			})
			require.Equal(t, a, f.object(a.ID))
		}},
		{"DuplicateGARID", func(t *testing.T, f *fixture) {
			a := f.add(house())
			b := obj(address.LevelHouse, "9")
			b.ID, b.GARObjectID = seqID(1000), a.GARObjectID
			f.unchanged(func() {
				_, err := f.g.AddObject(t.Context(), b)
				require.Contains(t, violations(t, err), "object.garObjectId "+address.CodeObjectExists)
			})
			_, err := f.repo.Object(t.Context(), b.ID)
			require.ErrorIs(t, err, address.ErrNotFound, "the refused object is stored")
			require.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
			got, err := f.repo.ObjectByGARID(t.Context(), a.GARObjectID)
			require.NoError(t, err)
			require.Equal(t, a, normObject(got))
		}},
		{"GARIDMoves", func(t *testing.T, f *fixture) {
			a := f.add(house())
			_, err := f.g.UpdateObject(t.Context(), a.ID, func(o *address.Object) error {
				o.GARObjectID = 202
				return nil
			})
			require.NoError(t, err)
			_, err = f.repo.ObjectByGARID(t.Context(), 101)
			require.ErrorIs(t, err, address.ErrNotFound, "the old GAR OBJECTID still finds the object")
			require.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
			got, err := f.repo.ObjectByGARID(t.Context(), 202)
			require.NoError(t, err)
			require.Equal(t, a.ID, got.ID)
			b := house()
			b.Name = "11"
			b = f.add(b) // takes the freed OBJECTID 101
			got, err = f.repo.ObjectByGARID(t.Context(), 101)
			require.NoError(t, err)
			require.Equal(t, b.ID, got.ID)
		}},
		{"NoAliasing", func(t *testing.T, f *fixture) {
			ctx := t.Context()
			in := house()
			got := f.add(in)
			want := f.object(got.ID).Clone()
			in.Elements[0].Value = "changed by the caller"
			got.Elements[0].Value = "changed by the caller"
			require.Equal(t, want, f.object(got.ID), "mutating the input or the result of AddObject changed the stored object")

			read, err := f.repo.Object(ctx, got.ID)
			require.NoError(t, err)
			read.Elements[0].Value = "changed"
			read.Elements = append(read.Elements[:1], address.Element{Kind: "x", Value: "y"})
			byGAR, err := f.repo.ObjectByGARID(ctx, in.GARObjectID)
			require.NoError(t, err)
			byGAR.Elements[1].Value = "changed"
			for o, err := range f.repo.Objects(ctx) {
				require.NoError(t, err)
				o.Elements[0].Value = "changed"
			}
			require.Equal(t, want, f.object(got.ID), "mutating a returned object changed the stored one")

			street := f.add(obj(address.LevelStreet, "Ленина"))
			r := f.relate(rel(address.HierarchyAdministrative, got.ID, street.ID))
			rs := f.relations(got.ID)
			rs[0].Parent = unknownID
			require.Equal(t, []address.Relation{r}, f.relations(got.ID), "mutating returned relations changed the stored ones")

			require.NoError(t, f.repo.Write(ctx, func(ctx context.Context, w address.Writer) error {
				o := obj(address.LevelHouse, "1")
				o.ID = seqID(500)
				o.Elements = []address.Element{{Kind: address.ElementCorpus, Type: "корп.", Value: "1"}}
				if err := w.PutObject(ctx, o); err != nil {
					return err
				}
				o.Elements[0].Value = "changed after PutObject"
				back, err := w.Object(ctx, o.ID)
				if err != nil {
					return err
				}
				assert.Equal(t, "1", back.Elements[0].Value, "PutObject kept the caller's slice")
				back.Elements[0].Value = "changed after Object"
				return nil
			}))
			require.Equal(t, "1", f.object(seqID(500)).Elements[0].Value, "a Write stored a slice the caller changed")
		}},
	}
}

// 2. UpdateObject and RetireObject.

func (s *suite) updateTests() []leaf {
	base := func(f *fixture) address.Object {
		o := obj(address.LevelHouse, "5")
		o.GARObjectID = 10
		o.Elements = []address.Element{{Kind: address.ElementCorpus, Type: "корп.", Value: "1"}}
		return f.add(o)
	}
	return []leaf{
		{"Persists", func(t *testing.T, f *fixture) {
			o := base(f)
			got, err := f.g.UpdateObject(t.Context(), o.ID, func(o *address.Object) error {
				o.Name = "5А"
				o.PostalCode = "620000"
				o.Elements = append(o.Elements, address.Element{Kind: address.ElementBuilding, Type: "стр.", Value: "3"})
				return nil
			})
			require.NoError(t, err)
			want := o
			want.Name, want.PostalCode = "5А", "620000"
			want.Elements = append(slices.Clone(o.Elements), address.Element{Kind: address.ElementBuilding, Type: "стр.", Value: "3"})
			require.Equal(t, want, normObject(got))
			require.Equal(t, want, f.object(o.ID))
		}},
		{"LevelRefused", func(t *testing.T, f *fixture) {
			o := base(f)
			f.unchanged(func() {
				_, err := f.g.UpdateObject(t.Context(), o.ID, func(o *address.Object) error {
					o.Level = address.LevelPremise
					o.GARLevel = address.GARPremise
					return nil
				})
				require.Contains(t, violations(t, err), "object.level "+address.CodeObjectLevel)
			})
			require.Equal(t, o, f.object(o.ID))
		}},
		{"IDRefused", func(t *testing.T, f *fixture) {
			o := base(f)
			f.unchanged(func() {
				_, err := f.g.UpdateObject(t.Context(), o.ID, func(o *address.Object) error {
					o.ID = seqID(900)
					return nil
				})
				require.Contains(t, violations(t, err), "object.id "+address.CodeObjectID)
			})
		}},
		{"InvalidRefused", func(t *testing.T, f *fixture) {
			o := base(f)
			f.unchanged(func() {
				_, err := f.g.UpdateObject(t.Context(), o.ID, func(o *address.Object) error {
					o.Name, o.Elements = "", nil
					return nil
				})
				require.Contains(t, violations(t, err), "object.name "+address.CodeObjectName)
			})
		}},
		{"GARConflictRefused", func(t *testing.T, f *fixture) {
			o := base(f)
			other := obj(address.LevelHouse, "7")
			other.GARObjectID = 11
			other = f.add(other)
			f.unchanged(func() {
				_, err := f.g.UpdateObject(t.Context(), o.ID, func(o *address.Object) error {
					o.GARObjectID = other.GARObjectID
					return nil
				})
				require.Contains(t, violations(t, err), "object.garObjectId "+address.CodeObjectExists)
			})
			got, err := f.repo.ObjectByGARID(t.Context(), 10)
			require.NoError(t, err)
			require.Equal(t, o.ID, got.ID)
		}},
		{"FnError", func(t *testing.T, f *fixture) {
			o := base(f)
			f.unchanged(func() {
				_, err := f.g.UpdateObject(t.Context(), o.ID, func(o *address.Object) error {
					o.Name = "changed"
					o.Elements[0].Value = "changed in place"
					return errTest
				})
				require.ErrorIs(t, err, errTest)
			})
			require.Equal(t, o, f.object(o.ID))
		}},
		{"UnknownID", func(t *testing.T, f *fixture) {
			base(f)
			f.unchanged(func() {
				called := false
				_, err := f.g.UpdateObject(t.Context(), unknownID, func(o *address.Object) error {
					called = true
					return nil
				})
				require.ErrorIs(t, err, address.ErrNotFound)
				require.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
				require.False(t, called, "fn was called for an unknown object")
			})
		}},
		{"Retire", func(t *testing.T, f *fixture) {
			o := base(f)
			stored := f.object(o.ID)
			require.True(t, stored.Active())
			require.NoError(t, f.g.RetireObject(t.Context(), o.ID, d2020))
			stored = f.object(o.ID)
			require.Equal(t, d2020, stored.End)
			require.False(t, stored.Active(), "a retired object is active")
			require.True(t, stored.ActiveAt(d2019))
			require.False(t, stored.ActiveAt(d2020))
			want := o
			want.End = d2020
			require.Equal(t, want, stored, "RetireObject changed more than the end")
			err := f.g.RetireObject(t.Context(), unknownID, d2020)
			require.ErrorIs(t, err, address.ErrNotFound)
			require.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
		}},
	}
}

// 3. Types.

func (s *suite) typeTests() []leaf {
	return []leaf{
		{"AnySpelling", func(t *testing.T, f *fixture) {
			ul := address.Type{Level: address.LevelStreet, Short: "ул.", Full: "улица"}
			require.NoError(t, f.g.PutType(t.Context(), ul))
			for _, short := range []string{"ул", "Ул.", "ул.", "УЛ"} {
				got, err := f.repo.Type(t.Context(), address.KeyOf(address.LevelStreet, short))
				require.NoError(t, err, "Type %q", short)
				require.Equal(t, ul, got, "Type %q", short)
			}
			_, err := f.repo.Type(t.Context(), address.KeyOf(address.LevelHouse, "ул."))
			require.ErrorIs(t, err, address.ErrNotFound, "a type of another level")
			require.True(t, address.HasCode(err, address.CodeTypeNotFound), "code of %v", err)
			_, err = f.repo.Type(t.Context(), address.KeyOf(address.LevelStreet, "пер."))
			require.ErrorIs(t, err, address.ErrNotFound)
			require.True(t, address.HasCode(err, address.CodeTypeNotFound), "code of %v", err)
		}},
		{"Ordered", func(t *testing.T, f *fixture) {
			all := address.DefaultTypes()
			in := slices.Clone(all)
			slices.Reverse(in)
			in[0], in[len(in)/2] = in[len(in)/2], in[0]
			require.NoError(t, f.g.Apply(t.Context(), address.Batch{Types: in}))
			byKey := map[address.TypeKey]address.Type{}
			for _, ty := range all {
				byKey[ty.Key()] = ty
			}
			var want []address.Type
			for _, ty := range byKey {
				want = append(want, ty)
			}
			slices.SortFunc(want, func(a, b address.Type) int {
				return cmp.Or(cmp.Compare(a.Level, b.Level), cmp.Compare(a.Key().Short, b.Key().Short))
			})
			got, err := f.repo.Types(t.Context())
			require.NoError(t, err)
			require.Equal(t, want, got)
			got[0].Full = "changed"
			again, err := f.repo.Types(t.Context())
			require.NoError(t, err)
			require.Equal(t, want, again, "mutating the result of Types changed the stored types")
		}},
		{"Replace", func(t *testing.T, f *fixture) {
			ctx := t.Context()
			require.NoError(t, f.g.PutType(ctx, address.Type{Level: address.LevelStreet, Short: "ул.", Full: "улица"}))
			require.NoError(t, f.g.PutType(ctx, address.Type{Level: address.LevelHouse, Short: "д.", Full: "дом"}))
			repl := address.Type{Level: address.LevelStreet, Short: "Ул", Full: "улица (новая)", Position: address.After}
			require.NoError(t, f.g.PutType(ctx, repl))
			got, err := f.repo.Type(ctx, address.KeyOf(address.LevelStreet, "ул."))
			require.NoError(t, err)
			require.Equal(t, repl, got)
			types, err := f.repo.Types(ctx)
			require.NoError(t, err)
			require.Equal(t, []address.Type{repl, {Level: address.LevelHouse, Short: "д.", Full: "дом"}}, types)
		}},
		{"InvalidRefused", func(t *testing.T, f *fixture) {
			err := f.g.PutType(t.Context(), address.Type{Short: "ул.", Full: "улица"})
			require.Contains(t, violations(t, err), "types[0].level "+address.CodeTypeLevel)
			err = f.g.PutType(t.Context(), address.Type{Level: address.LevelStreet, Short: "..", Full: "улица"})
			require.Contains(t, violations(t, err), "types[0].short "+address.CodeTypeShort)
			f.empty()
		}},
	}
}

// 4. Relations.

func (s *suite) relationTests() []leaf {
	// objects returns a street and two localities.
	objects := func(f *fixture) (c, p1, p2 uuid.UUID) {
		ls := f.addN(address.LevelLocality, "Каменск", "Озёрный")
		return f.add(obj(address.LevelStreet, "Ленина")).ID, ls[0].ID, ls[1].ID
	}
	moved := func(h address.Hierarchy, c, p1, p2 uuid.UUID) (before, after address.Relation) {
		return address.Relation{Hierarchy: h, Child: c, Parent: p1, Start: d2000, End: d2015},
			address.Relation{Hierarchy: h, Child: c, Parent: p2, Start: d2015}
	}
	return []leaf{
		{"StoredAndOrdered", func(t *testing.T, f *fixture) {
			c, p1, p2 := objects(f)
			adm1, adm2 := moved(address.HierarchyAdministrative, c, p1, p2)
			mun1, mun2 := moved(address.HierarchyMunicipal, c, p1, p2)
			for _, r := range []address.Relation{mun2, adm2, mun1, adm1} {
				f.relate(r)
			}
			require.Equal(t, []address.Relation{adm1, adm2, mun1, mun2}, f.relations(c), "ordered by hierarchy and start")
			_, all := Snapshot(t, f.repo)
			want := []address.Relation{adm1, adm2, mun1, mun2}
			sortRelations(want)
			require.Equal(t, want, all)
			require.Empty(t, f.relations(p1), "a parent has no relations of its own")
		}},
		{"SameKeyReplaces", func(t *testing.T, f *fixture) {
			c, p1, p2 := objects(f)
			f.relate(address.Relation{Hierarchy: address.HierarchyAdministrative, Child: c, Parent: p1, Start: d2000, End: d2015})
			f.relate(rel(address.HierarchyMunicipal, c, p1))
			repl := f.relate(rel(address.HierarchyAdministrative, c, p2))
			require.Equal(t, []address.Relation{repl, rel(address.HierarchyMunicipal, c, p1)}, f.relations(c))
			_, all := Snapshot(t, f.repo)
			require.Len(t, all, 2)
		}},
		{"Retire", func(t *testing.T, f *fixture) {
			c, p1, _ := objects(f)
			r := f.relate(rel(address.HierarchyAdministrative, c, p1))
			m := f.relate(rel(address.HierarchyMunicipal, c, p1))
			require.NoError(t, f.g.RetireRelation(t.Context(), r.Key(), d2010))
			rs := f.relations(c)
			want := r
			want.End = d2010
			require.Equal(t, []address.Relation{want, m}, rs)
			require.True(t, rs[0].ValidAt(d2009))
			require.False(t, rs[0].ValidAt(d2010))
			require.False(t, rs[0].ValidAt(address.Date{}), "a retired relation is open")
		}},
		{"RetireBadEndRefused", func(t *testing.T, f *fixture) {
			c, p1, _ := objects(f)
			r := f.relate(rel(address.HierarchyAdministrative, c, p1))
			f.unchanged(func() {
				err := f.g.RetireRelation(t.Context(), r.Key(), d1990)
				require.Contains(t, violations(t, err), "relation.end "+address.CodeRelationPeriod)
			})
		}},
		{"RetireMissing", func(t *testing.T, f *fixture) {
			c, p1, _ := objects(f)
			r := f.relate(rel(address.HierarchyAdministrative, c, p1))
			f.unchanged(func() {
				for _, key := range []address.RelationKey{
					{Hierarchy: address.HierarchyMunicipal, Child: c, Start: d2000},
					{Hierarchy: address.HierarchyAdministrative, Child: c, Start: d2015},
					{Hierarchy: address.HierarchyAdministrative, Child: unknownID, Start: d2000},
				} {
					err := f.g.RetireRelation(t.Context(), key, d2020)
					require.ErrorIs(t, err, address.ErrNotFound, "key %+v", key)
					require.True(t, address.HasCode(err, address.CodeRelationNotFound), "code of %v", err)
				}
			})
			require.Equal(t, []address.Relation{r}, f.relations(c))
		}},
		{"UnknownChild", func(t *testing.T, f *fixture) {
			rs, err := f.repo.Relations(t.Context(), unknownID)
			require.NoError(t, err)
			require.Empty(t, rs)
			c, p1, _ := objects(f)
			f.relate(rel(address.HierarchyAdministrative, c, p1))
			rs, err = f.repo.Relations(t.Context(), unknownID)
			require.NoError(t, err)
			require.Empty(t, rs)
		}},
	}
}

// 5. The rules of the graph.

func (s *suite) ruleTests() []leaf {
	const adm, mun = address.HierarchyAdministrative, address.HierarchyMunicipal
	// world: a region, three localities A, B, C and a street.
	type world struct{ r, a, b, c, st uuid.UUID }
	build := func(f *fixture) world {
		ls := f.addN(address.LevelLocality, "А", "Б", "В")
		return world{
			r: f.add(obj(address.LevelRegion, "Свердловская")).ID,
			a: ls[0].ID, b: ls[1].ID, c: ls[2].ID,
			st: f.add(obj(address.LevelStreet, "Ленина")).ID,
		}
	}
	period := func(h address.Hierarchy, child, parent uuid.UUID, start, end address.Date) address.Relation {
		return address.Relation{Hierarchy: h, Child: child, Parent: parent, Start: start, End: end}
	}
	refused := []struct {
		name  string
		setup func(w world) []address.Relation
		bad   func(w world) address.Relation
		want  string // "field code"
	}{
		{"Cycle2", func(w world) []address.Relation { return []address.Relation{rel(adm, w.a, w.b)} },
			func(w world) address.Relation { return rel(adm, w.b, w.a) }, "relations[0].parent " + address.CodeRelationCycle},
		{"Cycle3", func(w world) []address.Relation { return []address.Relation{rel(adm, w.a, w.b), rel(adm, w.b, w.c)} },
			func(w world) address.Relation { return rel(adm, w.c, w.a) }, "relations[0].parent " + address.CodeRelationCycle},
		{"Cycle3Municipal", func(w world) []address.Relation { return []address.Relation{rel(mun, w.a, w.b), rel(mun, w.b, w.c)} },
			func(w world) address.Relation { return rel(mun, w.c, w.a) }, "relations[0].parent " + address.CodeRelationCycle},
		{"Self", nil, func(w world) address.Relation { return rel(adm, w.a, w.a) }, "relations[0].parent " + address.CodeRelationSelf},
		{"Shallower", nil, func(w world) address.Relation { return rel(adm, w.r, w.st) }, "relations[0].parent " + address.CodeRelationShallower},
		{"UnknownChild", nil, func(w world) address.Relation { return rel(adm, unknownID, w.r) }, "relations[0].child " + address.CodeRelationUnknown},
		{"UnknownParent", nil, func(w world) address.Relation { return rel(adm, w.st, unknownID) }, "relations[0].parent " + address.CodeRelationUnknown},
		{"Hierarchy0", nil, func(w world) address.Relation { return rel(0, w.st, w.a) }, "relations[0].hierarchy " + address.CodeRelationHierarchy},
		{"Hierarchy3", nil, func(w world) address.Relation { return rel(3, w.st, w.a) }, "relations[0].hierarchy " + address.CodeRelationHierarchy},
		{"EndBeforeStart", nil, func(w world) address.Relation { return period(adm, w.st, w.a, d2010, d2005) }, "relations[0].end " + address.CodeRelationPeriod},
		{"OverlappingPeriodsCycle", func(w world) []address.Relation { return []address.Relation{period(adm, w.a, w.b, d2000, d2010)} },
			func(w world) address.Relation { return period(adm, w.b, w.a, d2009, address.Date{}) }, "relations[0].parent " + address.CodeRelationCycle},
		{"OpenStartCycle", func(w world) []address.Relation {
			return []address.Relation{period(adm, w.a, w.b, address.Date{}, d2010)}
		},
			func(w world) address.Relation { return period(adm, w.b, w.a, d1990, d2000) }, "relations[0].parent " + address.CodeRelationCycle},
	}
	var out []leaf
	for _, tc := range refused {
		out = append(out, leaf{"Refused/" + tc.name, func(t *testing.T, f *fixture) {
			w := build(f)
			if tc.setup != nil {
				for _, r := range tc.setup(w) {
					f.relate(r)
				}
			}
			bad := tc.bad(w)
			f.unchanged(func() {
				err := f.g.Relate(t.Context(), bad)
				require.Contains(t, violations(t, err), tc.want, "Relate %+v", bad)
			})
		}})
	}
	allowed := []struct {
		name string
		rels func(w world) []address.Relation
	}{
		{"CycleAcrossHierarchies", func(w world) []address.Relation {
			return []address.Relation{rel(adm, w.a, w.b), rel(mun, w.b, w.a)}
		}},
		{"NonOverlappingPeriods", func(w world) []address.Relation {
			return []address.Relation{period(adm, w.a, w.b, d2000, d2010), period(adm, w.b, w.a, d2010, address.Date{}), period(adm, w.b, w.a, d1990, d2000)}
		}},
		{"SameLevel", func(w world) []address.Relation {
			return []address.Relation{rel(adm, w.a, w.b), rel(adm, w.b, w.c), rel(adm, w.c, w.r), rel(adm, w.st, w.a)}
		}},
		{"SkippedLevels", func(w world) []address.Relation {
			return []address.Relation{rel(adm, w.st, w.r), rel(mun, w.st, w.r)}
		}},
	}
	for _, tc := range allowed {
		out = append(out, leaf{"Allowed/" + tc.name, func(t *testing.T, f *fixture) {
			w := build(f)
			want := tc.rels(w)
			for _, r := range want {
				f.relate(r)
			}
			_, got := Snapshot(t, f.repo)
			sortRelations(want)
			require.Equal(t, want, got)
		}})
	}
	return out
}

// 6. Apply and ApplyValid.

func (s *suite) applyTests() []leaf {
	const adm = address.HierarchyAdministrative
	withID := func(o address.Object, n uint64) address.Object {
		o.ID = seqID(n)
		return o
	}
	return []leaf{
		{"AllOrNothing", func(t *testing.T, f *fixture) {
			reg := withID(obj(address.LevelRegion, "Свердловская"), 100)
			loc := withID(obj(address.LevelLocality, "Каменск"), 101)
			st := withID(obj(address.LevelStreet, "Ленина"), 102)
			b := address.Batch{
				Types:   []address.Type{{Level: address.LevelStreet, Short: "ул.", Full: "улица"}},
				Objects: []address.Object{reg, loc, st},
				Relations: []address.Relation{
					rel(adm, loc.ID, reg.ID), rel(address.HierarchyMunicipal, loc.ID, reg.ID), rel(adm, st.ID, loc.ID),
					rel(adm, reg.ID, st.ID), // a region under a street
				},
			}
			err := f.g.Apply(t.Context(), b)
			require.Equal(t, []string{"relations[3].parent " + address.CodeRelationShallower}, violations(t, err))
			f.empty()
			_, err = f.repo.Type(t.Context(), address.KeyOf(address.LevelStreet, "ул."))
			require.ErrorIs(t, err, address.ErrNotFound, "a type of the refused batch is stored")
			require.True(t, address.HasCode(err, address.CodeTypeNotFound), "code of %v", err)

			b.Relations = b.Relations[:3]
			require.NoError(t, f.g.Apply(t.Context(), b), "the batch without the bad relation")
			objects, rels := Snapshot(t, f.repo)
			require.Len(t, objects, 3)
			require.Len(t, rels, 3)
		}},
		{"AllViolationsAtOnce", func(t *testing.T, f *fixture) {
			reg := withID(obj(address.LevelRegion, "Свердловская"), 100)
			reg.GARObjectID = 55
			loc := withID(obj(address.LevelLocality, "Каменск"), 101)
			noName := withID(obj(address.LevelStreet, ""), 102)
			noLevel := withID(address.Object{Name: "без уровня"}, 103)
			sameGAR := withID(obj(address.LevelLocality, "Озёрный"), 104)
			sameGAR.GARObjectID = 55
			b := address.Batch{
				Types:   []address.Type{{Level: address.LevelStreet, Short: "ул.", Full: "улица"}, {Short: "д.", Full: "дом"}},
				Objects: []address.Object{reg, loc, noName, noLevel, sameGAR},
				Relations: []address.Relation{
					rel(adm, loc.ID, reg.ID),    // valid
					rel(adm, loc.ID, loc.ID),    // self
					rel(adm, loc.ID, unknownID), // unknown parent
					rel(3, loc.ID, reg.ID),      // bad hierarchy
					rel(adm, noName.ID, loc.ID), // child left out
					{Hierarchy: adm, Child: reg.ID, Parent: loc.ID, Start: d2010, End: d2005}, // period
				},
			}
			err := f.g.Apply(t.Context(), b)
			want := []string{
				"types[1].level " + address.CodeTypeLevel,
				"objects[2].name " + address.CodeObjectName,
				"objects[3].level " + address.CodeObjectLevel,
				"objects[4].garObjectId " + address.CodeObjectExists,
				"relations[1].parent " + address.CodeRelationSelf,
				"relations[2].parent " + address.CodeRelationUnknown,
				"relations[3].hierarchy " + address.CodeRelationHierarchy,
				"relations[4].child " + address.CodeRelationUnknown,
				"relations[5].end " + address.CodeRelationPeriod,
			}
			require.ElementsMatch(t, want, violations(t, err))
			f.empty()
		}},
		{"ApplyValid", func(t *testing.T, f *fixture) {
			reg := withID(obj(address.LevelRegion, "Свердловская"), 100)
			loc := withID(obj(address.LevelLocality, "Каменск"), 101)
			bad := withID(obj(address.LevelLocality, ""), 102)
			st := withID(obj(address.LevelStreet, "Ленина"), 103)
			good1, good2 := rel(adm, loc.ID, reg.ID), rel(adm, st.ID, loc.ID)
			b := address.Batch{
				Types:   []address.Type{{Level: address.LevelStreet, Short: "ул.", Full: "улица"}, {Short: "д."}},
				Objects: []address.Object{reg, loc, bad, st},
				Relations: []address.Relation{
					good1,
					rel(adm, bad.ID, reg.ID), // the left-out object as child
					rel(address.HierarchyMunicipal, st.ID, bad.ID), // the left-out object as parent
					rel(adm, reg.ID, loc.ID),                       // shallower
					good2,
				},
			}
			vs, err := f.g.ApplyValid(t.Context(), b)
			require.NoError(t, err)
			require.ElementsMatch(t, []string{
				"types[1].level " + address.CodeTypeLevel,
				"objects[2].name " + address.CodeObjectName,
				"relations[1].child " + address.CodeRelationUnknown,
				"relations[2].parent " + address.CodeRelationUnknown,
				"relations[3].parent " + address.CodeRelationShallower,
			}, violationKeys(vs))
			objects, rels := Snapshot(t, f.repo)
			norm := func(o address.Object) address.Object {
				o.GARLevel = o.Level.GAR()
				return o
			}
			require.Equal(t, map[uuid.UUID]address.Object{reg.ID: norm(reg), loc.ID: norm(loc), st.ID: norm(st)}, objects)
			want := []address.Relation{good1, good2}
			sortRelations(want)
			require.Equal(t, want, rels)
			types, err := f.repo.Types(t.Context())
			require.NoError(t, err)
			require.Equal(t, []address.Type{{Level: address.LevelStreet, Short: "ул.", Full: "улица"}}, types)

			vs, err = f.g.ApplyValid(t.Context(), address.Batch{Objects: []address.Object{reg}})
			require.NoError(t, err)
			require.Empty(t, vs, "a valid batch has violations")
		}},
		{"Upsert", func(t *testing.T, f *fixture) {
			loc := withID(obj(address.LevelLocality, "Каменск"), 101)
			require.NoError(t, f.g.Apply(t.Context(), address.Batch{Objects: []address.Object{loc}}))
			loc.Name = "Каменск-Уральский"
			require.NoError(t, f.g.Apply(t.Context(), address.Batch{Objects: []address.Object{loc}}))
			require.Equal(t, "Каменск-Уральский", f.object(loc.ID).Name)
			moved := loc
			moved.Level = address.LevelStreet
			f.unchanged(func() {
				err := f.g.Apply(t.Context(), address.Batch{Objects: []address.Object{moved}})
				require.Contains(t, violations(t, err), "objects[0].level "+address.CodeObjectLevel)
			})
		}},
	}
}

// 7. Write at the port level.

func (s *suite) writeTests() []leaf {
	type items struct {
		a, b address.Object
		r    address.Relation
		ty   address.Type
	}
	mk := func() items {
		a := obj(address.LevelStreet, "Ленина")
		a.ID, a.GARObjectID, a.GARLevel = seqID(700), 7000, address.GARStreet
		b := obj(address.LevelLocality, "Каменск")
		b.ID, b.GARLevel = seqID(701), address.GARLocality
		return items{a: a, b: b, r: rel(address.HierarchyAdministrative, a.ID, b.ID), ty: address.Type{Level: address.LevelStreet, Short: "ул.", Full: "улица"}}
	}
	// put writes the items and checks that reads in the same Write see them.
	put := func(t *testing.T, ctx context.Context, w address.Writer, it items) error {
		for _, err := range []error{w.PutType(ctx, it.ty), w.PutObject(ctx, it.a), w.PutObject(ctx, it.b), w.PutRelation(ctx, it.r)} {
			if err != nil {
				return err
			}
		}
		got, err := w.Object(ctx, it.a.ID)
		if assert.NoError(t, err, "Object inside the Write") {
			assert.Equal(t, it.a, normObject(got), "Object inside the Write")
		}
		got, err = w.ObjectByGARID(ctx, it.a.GARObjectID)
		if assert.NoError(t, err, "ObjectByGARID inside the Write") {
			assert.Equal(t, it.a.ID, got.ID)
		}
		rs, err := w.Relations(ctx, it.a.ID)
		assert.NoError(t, err, "Relations inside the Write")
		assert.Equal(t, []address.Relation{it.r}, rs, "Relations inside the Write")
		ty, err := w.Type(ctx, address.KeyOf(address.LevelStreet, "ул"))
		assert.NoError(t, err, "Type inside the Write")
		assert.Equal(t, it.ty, ty, "Type inside the Write")
		return nil
	}
	// nothing fails the test when any item of it is stored.
	nothing := func(t *testing.T, f *fixture, it items) {
		t.Helper()
		f.empty()
		_, err := f.repo.Object(t.Context(), it.a.ID)
		require.ErrorIs(t, err, address.ErrNotFound)
		require.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
		_, err = f.repo.ObjectByGARID(t.Context(), it.a.GARObjectID)
		require.ErrorIs(t, err, address.ErrNotFound)
		require.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
		require.Empty(t, f.relations(it.a.ID))
		_, err = f.repo.Type(t.Context(), it.ty.Key())
		require.ErrorIs(t, err, address.ErrNotFound)
		require.True(t, address.HasCode(err, address.CodeTypeNotFound), "code of %v", err)
	}
	return []leaf{
		{"Commit", func(t *testing.T, f *fixture) {
			it := mk()
			require.NoError(t, f.repo.Write(t.Context(), func(ctx context.Context, w address.Writer) error {
				return put(t, ctx, w, it)
			}))
			objects, rels := Snapshot(t, f.repo)
			require.Equal(t, map[uuid.UUID]address.Object{it.a.ID: it.a, it.b.ID: it.b}, objects)
			require.Equal(t, []address.Relation{it.r}, rels)
			got, err := f.repo.ObjectByGARID(t.Context(), it.a.GARObjectID)
			require.NoError(t, err)
			require.Equal(t, it.a, normObject(got))
			ty, err := f.repo.Type(t.Context(), it.ty.Key())
			require.NoError(t, err)
			require.Equal(t, it.ty, ty)
		}},
		{"RollbackOnError", func(t *testing.T, f *fixture) {
			it := mk()
			err := f.repo.Write(t.Context(), func(ctx context.Context, w address.Writer) error {
				if err := put(t, ctx, w, it); err != nil {
					return err
				}
				return fmt.Errorf("wrapped: %w", errTest)
			})
			require.ErrorIs(t, err, errTest)
			nothing(t, f, it)
		}},
		{"RollbackKeepsEarlierState", func(t *testing.T, f *fixture) {
			it := mk()
			require.NoError(t, f.repo.Write(t.Context(), func(ctx context.Context, w address.Writer) error { return put(t, ctx, w, it) }))
			f.unchanged(func() {
				err := f.repo.Write(t.Context(), func(ctx context.Context, w address.Writer) error {
					a := it.a
					a.Name, a.GARObjectID = "changed", 7001
					r := it.r
					r.End = d2020
					for _, err := range []error{w.PutObject(ctx, a), w.PutRelation(ctx, r)} {
						if err != nil {
							return err
						}
					}
					return errTest
				})
				require.ErrorIs(t, err, errTest)
			})
			got, err := f.repo.ObjectByGARID(t.Context(), it.a.GARObjectID)
			require.NoError(t, err, "a rolled-back Write freed the GAR OBJECTID")
			require.Equal(t, it.a.ID, got.ID)
			_, err = f.repo.ObjectByGARID(t.Context(), 7001)
			require.ErrorIs(t, err, address.ErrNotFound, "a rolled-back Write took a GAR OBJECTID")
			require.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
		}},
		{"ReadsSeeLatestWrite", func(t *testing.T, f *fixture) {
			it := mk()
			require.NoError(t, f.repo.Write(t.Context(), func(ctx context.Context, w address.Writer) error {
				if err := put(t, ctx, w, it); err != nil {
					return err
				}
				a := it.a
				a.Name, a.GARObjectID = "Мира", 7001
				r := it.r
				r.End = d2020
				for _, err := range []error{w.PutObject(ctx, a), w.PutRelation(ctx, r)} {
					if err != nil {
						return err
					}
				}
				got, err := w.Object(ctx, a.ID)
				assert.NoError(t, err)
				assert.Equal(t, "Мира", got.Name, "a read does not see the second write of the object")
				_, err = w.ObjectByGARID(ctx, 7000)
				assert.ErrorIs(t, err, address.ErrNotFound, "the old GAR OBJECTID still finds the object")
				assert.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
				rs, err := w.Relations(ctx, a.ID)
				assert.NoError(t, err)
				assert.Equal(t, []address.Relation{r}, rs, "a read does not see the replaced relation")
				return nil
			}))
			a := f.object(it.a.ID)
			require.Equal(t, "Мира", a.Name)
			_, err := f.repo.ObjectByGARID(t.Context(), 7000)
			require.ErrorIs(t, err, address.ErrNotFound)
			require.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
			require.Len(t, f.relations(it.a.ID), 1)
		}},
		{"PutObjectGARConflict", func(t *testing.T, f *fixture) {
			it := mk()
			require.NoError(t, f.repo.Write(t.Context(), func(ctx context.Context, w address.Writer) error { return put(t, ctx, w, it) }))
			other := it.b
			other.GARObjectID = it.a.GARObjectID
			f.unchanged(func() {
				err := f.repo.Write(t.Context(), func(ctx context.Context, w address.Writer) error {
					return w.PutObject(ctx, other)
				})
				require.ErrorIs(t, err, address.ErrConflict, "a committed GAR OBJECTID")
				require.True(t, address.HasCode(err, address.CodeObjectExists), "code of %v", err)
				err = f.repo.Write(t.Context(), func(ctx context.Context, w address.Writer) error {
					c := obj(address.LevelHouse, "1")
					c.ID, c.GARObjectID, c.GARLevel = seqID(702), 9000, address.GARBuilding
					if err := w.PutObject(ctx, c); err != nil {
						return err
					}
					d := c
					d.ID = seqID(703)
					return w.PutObject(ctx, d)
				})
				require.ErrorIs(t, err, address.ErrConflict, "a GAR OBJECTID taken earlier in the same Write")
				require.True(t, address.HasCode(err, address.CodeObjectExists), "code of %v", err)
			})
			same := it.a
			same.Name = "Мира"
			require.NoError(t, f.repo.Write(t.Context(), func(ctx context.Context, w address.Writer) error {
				return w.PutObject(ctx, same)
			}), "an object keeping its own GAR OBJECTID")
		}},
		{"CancelledContext", func(t *testing.T, f *fixture) {
			it := mk()
			ctx, cancel := context.WithCancel(t.Context())
			cancel()
			err := f.repo.Write(ctx, func(ctx context.Context, w address.Writer) error {
				for _, err := range []error{w.PutType(ctx, it.ty), w.PutObject(ctx, it.a), w.PutObject(ctx, it.b), w.PutRelation(ctx, it.r)} {
					_ = err // a careless fn: ignores failed writes and reports success
				}
				return nil
			})
			require.ErrorIs(t, err, context.Canceled)
			nothing(t, f, it)
		}},
		{"CancelledDuringWrite", func(t *testing.T, f *fixture) {
			it := mk()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			err := f.repo.Write(ctx, func(wctx context.Context, w address.Writer) error {
				if err := put(t, wctx, w, it); err != nil {
					return err
				}
				cancel()
				return nil
			})
			objects, rels := Snapshot(t, f.repo)
			if err != nil {
				require.Empty(t, objects, "Write failed (%v) but kept objects", err)
				require.Empty(t, rels, "Write failed (%v) but kept relations", err)
				return
			}
			require.Len(t, objects, 2, "Write succeeded but did not keep every object")
			require.Len(t, rels, 1, "Write succeeded but did not keep the relation")
		}},
	}
}

// 8. Iterators.

func (s *suite) iteratorTests() []leaf {
	load := func(f *fixture) *Dataset {
		f.t.Helper()
		d := Generate(7, 3000)
		require.NoError(f.t, f.g.Apply(f.t.Context(), d.Batch()))
		return d
	}
	return []leaf{
		{"Empty", func(t *testing.T, f *fixture) {
			f.empty()
		}},
		{"Generated", func(t *testing.T, f *fixture) {
			d := load(f)
			want := make(map[uuid.UUID]address.Object, len(d.Objects))
			for _, o := range d.Objects {
				want[o.ID] = normObject(o)
			}
			require.Len(t, want, len(d.Objects), "the generator repeated an ID")
			wantRels := slices.Clone(d.Relations)
			sortRelations(wantRels)
			objects, rels := Snapshot(t, f.repo)
			require.Equal(t, len(want), len(objects))
			require.Equal(t, want, objects)
			require.Equal(t, len(wantRels), len(rels))
			require.Equal(t, wantRels, rels)
		}},
		{"BreakEarly", func(t *testing.T, f *fixture) {
			ctx := t.Context()
			d := load(f)
			for _, n := range []int{1, 2, 100, 1023, 1024, 1025, 2049, len(d.Relations) - 1} {
				finishes(t, fmt.Sprintf("breaking out of Objects after %d", n), func() error {
					i := 0
					for _, err := range f.repo.Objects(ctx) {
						if err != nil {
							return err
						}
						if i++; i == n {
							break
						}
					}
					return nil
				})
				finishes(t, fmt.Sprintf("breaking out of AllRelations after %d", n), func() error {
					i := 0
					for _, err := range f.repo.AllRelations(ctx) {
						if err != nil {
							return err
						}
						if i++; i == n {
							break
						}
					}
					return nil
				})
			}
			var added address.Object
			finishes(t, "a Write after breaking out of the iterators", func() error {
				var err error
				added, err = f.g.AddObject(ctx, obj(address.LevelHouse, "1"))
				if err != nil {
					return err
				}
				return f.g.Relate(ctx, rel(address.HierarchyAdministrative, added.ID, d.Of(address.LevelStreet)[0].ID))
			})
			objects, rels := Snapshot(t, f.repo)
			require.Len(t, objects, len(d.Objects)+1)
			require.Len(t, rels, len(d.Relations)+1)
		}},
		{"WriteInsideLoop", func(t *testing.T, f *fixture) {
			ctx := t.Context()
			d := load(f)
			updated := map[uuid.UUID]bool{}
			finishes(t, "a Write inside the range loop over Objects", func() error {
				for o, err := range f.repo.Objects(ctx) {
					if err != nil {
						return err
					}
					if o.Level != address.LevelHouse || len(updated) == 3 {
						continue
					}
					if _, err := f.g.UpdateObject(ctx, o.ID, func(o *address.Object) error {
						o.PostalCode = "000000"
						return nil
					}); err != nil {
						return err
					}
					updated[o.ID] = true
				}
				return nil
			})
			finishes(t, "a Write inside the range loop over AllRelations", func() error {
				for r, err := range f.repo.AllRelations(ctx) {
					if err != nil {
						return err
					}
					return f.g.Relate(ctx, address.Relation{Hierarchy: r.Hierarchy, Child: r.Child, Parent: r.Parent, Start: d1990, End: d2000})
				}
				return nil
			})
			require.Len(t, updated, 3)
			objects, rels := Snapshot(t, f.repo)
			require.Len(t, objects, len(d.Objects))
			require.Len(t, rels, len(d.Relations)+1)
			for id := range updated {
				require.Equal(t, "000000", objects[id].PostalCode)
			}
		}},
		{"CancelledContext", func(t *testing.T, f *fixture) {
			load(f)
			ctx, cancel := context.WithCancel(t.Context())
			cancel()
			var errs, after int
			for _, err := range f.repo.Objects(ctx) {
				if errs > 0 {
					after++
				}
				if err != nil {
					require.ErrorIs(t, err, context.Canceled)
					errs++
				}
			}
			require.Equal(t, 1, errs, "Objects with a cancelled context must yield its error once")
			require.Zero(t, after, "Objects yielded after its error")
			errs, after = 0, 0
			for _, err := range f.repo.AllRelations(ctx) {
				if errs > 0 {
					after++
				}
				if err != nil {
					require.ErrorIs(t, err, context.Canceled)
					errs++
				}
			}
			require.Equal(t, 1, errs, "AllRelations with a cancelled context must yield its error once")
			require.Zero(t, after, "AllRelations yielded after its error")
		}},
	}
}

// 9. Full address strings over the port and over an index.

func (s *suite) fullTests() []leaf {
	return []leaf{
		{"IndexAgrees", func(t *testing.T, f *fixture) {
			ctx := t.Context()
			// 20,000 objects: the smallest sizes of seed 7 with streets that
			// moved to another locality on 2015-01-01.
			d := Generate(7, 20000)
			require.NoError(t, f.g.Apply(ctx, d.Batch()))
			ix, err := address.BuildIndex(ctx, f.repo)
			require.NoError(t, err)
			require.Equal(t, len(d.Objects), ix.Len())
			require.Zero(t, ix.Dangling())

			at2010 := day(2010, 6, 1)
			styles := []address.Style{
				{}, {Long: true}, {PostalCode: true}, {Long: true, PostalCode: true},
				{Positions: map[address.TypeKey]address.Position{address.KeyOf(address.LevelRegion, "обл."): address.After}},
			}
			region := d.Of(address.LevelRegion)[0]
			differ := map[address.Hierarchy]int{}
			n := 0
			for _, id := range fullSample(d) {
				for _, h := range hierarchies {
					for _, st := range styles {
						var byDate [2]string
						for k, at := range []address.Date{{}, at2010} {
							opts := address.FullOptions{Hierarchy: h, At: at, Style: st}
							want, err := ix.Full(id, opts)
							require.NoError(t, err)
							got, err := f.g.Full(ctx, id, opts)
							require.NoError(t, err)
							require.Equal(t, want, got, "object %s, %+v", id, opts)
							if !st.PostalCode && !st.Long && st.Positions == nil {
								require.True(t, strings.HasPrefix(got, "обл. "+region.Name+", "), "%q does not start with the region", got)
							}
							byDate[k] = got
							n++
						}
						if byDate[0] != byDate[1] {
							differ[h]++
						}
					}
				}
			}
			t.Logf("compared %d strings; %d administrative and %d municipal differ between today and %s",
				n, differ[address.HierarchyAdministrative], differ[address.HierarchyMunicipal], at2010)
			require.Positive(t, differ[address.HierarchyAdministrative], "no administrative string differs between dates: the moved streets are not walked by date")
			require.Positive(t, differ[address.HierarchyMunicipal], "no municipal string differs between dates: the moved streets are not walked by date")
		}},
		{"UnknownObject", func(t *testing.T, f *fixture) {
			_, err := f.g.Full(t.Context(), unknownID, address.FullOptions{})
			require.ErrorIs(t, err, address.ErrNotFound)
			require.True(t, address.HasCode(err, address.CodeObjectNotFound), "code of %v", err)
		}},
	}
}

// fullSample returns the objects whose strings the suite compares: every
// street, every descendant of a street that moved, and every k-th of the
// houses, premises and rooms, about 300 of them.
func fullSample(d *Dataset) []uuid.UUID {
	var out []uuid.UUID
	seen := map[uuid.UUID]bool{}
	take := func(id uuid.UUID) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	kids := map[uuid.UUID][]uuid.UUID{}
	var queue []uuid.UUID
	for _, r := range d.Relations {
		kids[r.Parent] = append(kids[r.Parent], r.Child)
		if !r.End.IsZero() {
			queue = append(queue, r.Child)
		}
	}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if seen[id] {
			continue
		}
		take(id)
		queue = append(queue, kids[id]...)
	}
	for _, o := range d.Of(address.LevelStreet) {
		take(o.ID)
	}
	var deep []address.Object
	for _, o := range d.Objects {
		if o.Level >= address.LevelHouse {
			deep = append(deep, o)
		}
	}
	step := max(1, len(deep)/300)
	for i := 0; i < len(deep); i += step {
		take(deep[i].ID)
	}
	return out
}

// 10. Concurrency.

// slowRepo pauses before every read inside a Write, widening the window
// between a Write's reads and its writes, so that an adapter that does not
// serialise Writes loses the concurrency cases reliably, not by chance.
type slowRepo struct{ address.Repository }

func (s slowRepo) Write(ctx context.Context, fn func(context.Context, address.Writer) error) error {
	return s.Repository.Write(ctx, func(ctx context.Context, w address.Writer) error {
		return fn(ctx, slowWriter{w})
	})
}

type slowWriter struct{ address.Writer }

func (w slowWriter) Object(ctx context.Context, id uuid.UUID) (address.Object, error) {
	pause()
	return w.Writer.Object(ctx, id)
}

func (w slowWriter) Relations(ctx context.Context, child uuid.UUID) ([]address.Relation, error) {
	pause()
	return w.Writer.Relations(ctx, child)
}

func pause() { time.Sleep(50 * time.Microsecond) }

func (s *suite) concurrencyTests() []leaf {
	return []leaf{
		{"WritersAndReaders", func(t *testing.T, f *fixture) {
			ctx := t.Context()
			const writers, each, readers = 8, 50, 4
			require.NoError(t, f.g.PutType(ctx, address.Type{Level: address.LevelLocality, Short: "г.", Full: "город"}))
			root := f.add(obj(address.LevelRegion, "Корень"))
			g := address.NewGraph(slowRepo{f.repo}, SequentialIDs())
			var wg sync.WaitGroup
			done := make(chan struct{})
			var reads atomic.Int64
			for range readers {
				wg.Go(func() {
					// A bounded number of full reads keeps the case quick on
					// a loaded machine while still overlapping the writes.
					for range 20 {
						select {
						case <-done:
							return
						default:
						}
						if o, err := f.repo.Object(ctx, root.ID); !assert.NoError(t, err) || !assert.Equal(t, root.Name, o.Name) {
							return
						}
						seen := map[uuid.UUID]bool{}
						for o, err := range f.repo.Objects(ctx) {
							if !assert.NoError(t, err) || !assert.False(t, seen[o.ID], "Objects yielded %s twice", o.ID) {
								return
							}
							seen[o.ID] = true
							if _, err := f.repo.Relations(ctx, o.ID); !assert.NoError(t, err) {
								return
							}
						}
						if !assert.True(t, seen[root.ID], "Objects missed the root") {
							return
						}
						keys := map[address.RelationKey]bool{}
						for r, err := range f.repo.AllRelations(ctx) {
							if !assert.NoError(t, err) || !assert.False(t, keys[r.Key()], "AllRelations yielded %+v twice", r.Key()) {
								return
							}
							keys[r.Key()] = true
						}
						reads.Add(1)
					}
				})
			}
			var ww sync.WaitGroup
			for w := range writers {
				ww.Go(func() {
					for i := range each {
						o := obj(address.LevelLocality, fmt.Sprintf("Город-%d-%d", w, i))
						o.ID = seqID(uint64(1000 + w*each + i))
						o, err := g.AddObject(ctx, o)
						if !assert.NoError(t, err) {
							return
						}
						if !assert.NoError(t, g.Relate(ctx, rel(address.HierarchyAdministrative, o.ID, root.ID))) {
							return
						}
					}
				})
			}
			finishes(t, "the writers, while readers ran", func() error { ww.Wait(); return nil })
			close(done)
			finishes(t, "the readers", func() error { wg.Wait(); return nil })
			require.False(t, t.Failed())
			t.Logf("%d full reads ran alongside the writes", reads.Load())

			objects, rels := Snapshot(t, f.repo)
			require.Len(t, objects, writers*each+1)
			require.Len(t, rels, writers*each)
			for _, r := range rels {
				require.Equal(t, root.ID, r.Parent)
				require.Contains(t, objects, r.Child)
			}
			ix, err := address.BuildIndex(ctx, f.repo)
			require.NoError(t, err)
			require.Equal(t, writers*each+1, ix.Len())
			require.Zero(t, ix.Dangling())
			for id, o := range objects {
				if id == root.ID {
					continue
				}
				got, err := ix.Full(id, address.FullOptions{})
				require.NoError(t, err)
				require.Equal(t, "обл. Корень, г. "+o.Name, got)
			}
		}},
		{"CycleRace", func(t *testing.T, f *fixture) {
			ctx := t.Context()
			g := address.NewGraph(slowRepo{f.repo}, SequentialIDs())
			for round := range 50 {
				ls := f.addN(address.LevelLocality, fmt.Sprintf("А-%d", round), fmt.Sprintf("Б-%d", round))
				a, b := ls[0].ID, ls[1].ID
				start := make(chan struct{})
				var errs [2]error
				var wg sync.WaitGroup
				for k, r := range []address.Relation{rel(address.HierarchyAdministrative, a, b), rel(address.HierarchyAdministrative, b, a)} {
					wg.Go(func() {
						<-start
						errs[k] = g.Relate(ctx, r)
					})
				}
				close(start)
				finishes(t, "two concurrent Relate calls", func() error { wg.Wait(); return nil })
				ok := 0
				for _, err := range errs {
					if err == nil {
						ok++
						continue
					}
					require.Contains(t, violations(t, err), "relations[0].parent "+address.CodeRelationCycle, "round %d", round)
				}
				require.Equal(t, 1, ok, "round %d: %d of the two relations closing a cycle were stored (%v)", round, ok, errs)
				require.Len(t, append(f.relations(a), f.relations(b)...), 1, "round %d", round)
			}
		}},
		{"NoLostUpdate", func(t *testing.T, f *fixture) {
			ctx := t.Context()
			h := f.add(obj(address.LevelHouse, "1"))
			g := address.NewGraph(slowRepo{f.repo}, SequentialIDs())
			const n = 10
			start := make(chan struct{})
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					<-start
					_, err := g.UpdateObject(ctx, h.ID, func(o *address.Object) error {
						o.Elements = append(o.Elements, address.Element{Kind: address.ElementKind(fmt.Sprintf("k%d", i)), Type: "", Value: fmt.Sprint(i)})
						return nil
					})
					assert.NoError(t, err)
				})
			}
			close(start)
			finishes(t, "concurrent UpdateObject calls", func() error { wg.Wait(); return nil })
			got := f.object(h.ID)
			require.Len(t, got.Elements, n, "updates were lost")
			for i := range n {
				require.Equal(t, fmt.Sprint(i), got.Element(address.ElementKind(fmt.Sprintf("k%d", i))), "the element of update %d", i)
			}
		}},
	}
}
