package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
)

// searchWorld is the same generated region in memory, as an index, and in
// PostgreSQL.
type searchWorld struct {
	d    *addresstest.Dataset
	ix   *address.Index
	repo *postgres.AddressRepository
}

func newSearchWorld(t testing.TB, seed uint64, n int) *searchWorld {
	t.Helper()
	ctx := t.Context()
	d := addresstest.Generate(seed, n)
	mem := memory.NewAddressRepository()
	require.NoError(t, address.NewGraph(mem, addresstest.SequentialIDs()).Apply(ctx, d.Batch()))
	ix, err := address.BuildIndex(ctx, mem)
	require.NoError(t, err)
	pool := pgtest.NewPool(t)
	_, err = postgres.BulkImport(ctx, pool, func(ctx context.Context, g *address.Graph) error {
		return g.Apply(ctx, d.Batch())
	}, postgres.BulkOptions{})
	require.NoError(t, err)
	return &searchWorld{d: d, ix: ix, repo: postgres.NewAddressRepository(pool)}
}

// queries returns many queries over the dataset: every parameter of
// address.Query alone and in combination, in both hierarchies, today and
// on a past date, with paging.
func (w *searchWorld) queries() map[string]address.Query {
	d := w.d
	at2010 := address.Date{Year: 2010, Month: 6, Day: 1}
	qs := map[string]address.Query{
		"all":           {},
		"all/page2":     {Offset: 50, Limit: 25},
		"regions":       {Level: address.LevelRegion},
		"streets":       {Level: address.LevelStreet, Limit: address.MaxLimit},
		"houses/active": {Level: address.LevelHouse, ActiveOnly: true, Limit: 200},
		"type/ул":       {Level: address.LevelStreet, Type: "Ул", Limit: 500},
		"house5":        {House: address.HouseNumber{Number: "5"}, Limit: 500},
		"premise12":     {Premise: "12", Limit: 500},
		"beyondEnd":     {Level: address.LevelRegion, Offset: 10},
		"unknownParent": {Parent: uuid.MustParse("ffffffff-ffff-4fff-bfff-ffffffffffff")},
		"unknownFIAS":   {FIASGUID: uuid.MustParse("ffffffff-ffff-4fff-bfff-ffffffffffff")},
	}
	for _, name := range []string{"Ленина", "ленина", "Лен", "Л", "Молодежная", "Берёз", "1 Мая", "8", "Нет такой", "%", "_"} {
		for _, m := range []address.Match{address.MatchExact, address.MatchPrefix} {
			for _, l := range []address.Level{address.LevelLocality, address.LevelStreet} {
				qs[fmt.Sprintf("name/%s/%d/%d", name, m, l)] = address.Query{Level: l, Name: name, Match: m, Limit: 1000}
			}
			qs[fmt.Sprintf("anyLevelName/%s/%d", name, m)] = address.Query{Name: name, Match: m, Limit: 1000}
		}
	}
	localities := d.Of(address.LevelLocality)
	streets := d.Of(address.LevelStreet)
	houses := d.Of(address.LevelHouse)
	for i, l := range localities[:min(len(localities), 6)] {
		for _, h := range []address.Hierarchy{address.HierarchyAdministrative, address.HierarchyMunicipal} {
			for k, at := range []address.Date{{}, at2010} {
				tag := fmt.Sprintf("%d/%d/%d", i, h, k)
				qs["parent/"+tag] = address.Query{Parent: l.ID, Hierarchy: h, At: at, Limit: 1000}
				qs["ancestor/streets/"+tag] = address.Query{Ancestor: l.ID, Level: address.LevelStreet, Hierarchy: h, At: at, Limit: 1000}
				qs["ancestor/houses5/"+tag] = address.Query{Ancestor: l.ID, Level: address.LevelHouse, House: address.HouseNumber{Number: "5"}, Hierarchy: h, At: at}
				qs["ancestor/nameprefix/"+tag] = address.Query{Ancestor: l.ID, Level: address.LevelStreet, Name: "л", Match: address.MatchPrefix, Hierarchy: h, At: at}
				qs["within/"+tag] = address.Query{Level: address.LevelHouse, House: address.HouseNumber{Number: "3"}, Hierarchy: h, At: at, Limit: 500,
					Within: &address.Query{Level: address.LevelStreet, Name: "С", Match: address.MatchPrefix, Ancestor: l.ID}}
			}
		}
	}
	for i, s := range streets[:min(len(streets), 10)] {
		qs[fmt.Sprintf("street/%d/houses", i)] = address.Query{Parent: s.ID, Level: address.LevelHouse, Limit: 1000}
		qs[fmt.Sprintf("street/%d/premises", i)] = address.Query{Ancestor: s.ID, Level: address.LevelPremise, Premise: "1", Limit: 1000}
		qs[fmt.Sprintf("street/%d/all", i)] = address.Query{Ancestor: s.ID, Offset: 3, Limit: 40}
	}
	for i, h := range houses[:min(len(houses), 10)] {
		qs[fmt.Sprintf("fias/%d", i)] = address.Query{FIASGUID: h.ID}
		qs[fmt.Sprintf("house/%d/premises", i)] = address.Query{Parent: h.ID, Level: address.LevelPremise, ActiveOnly: true}
	}
	return qs
}

// TestAddressSearchAgreesWithIndex compares the search in SQL with
// address.Index.Search over the same graph, query by query.
func TestAddressSearchAgreesWithIndex(t *testing.T) {
	t.Parallel()
	w := newSearchWorld(t, 13, 6000)
	nonEmpty := 0
	for name, q := range w.queries() {
		want, err := w.ix.Search(q)
		require.NoError(t, err, name)
		got, err := w.repo.Search(t.Context(), q)
		require.NoError(t, err, name)
		require.Equal(t, want.Total, got.Total, "total of %s", name)
		require.Equal(t, want.IDs, got.IDs, "page of %s", name)
		if want.Total > 0 {
			nonEmpty++
		}
	}
	assert.Greater(t, nonEmpty, 100, "too few queries found anything for the comparison to mean much")
}

// TestAddressSearchInvalid checks that an invalid query is refused with
// the domain's violations.
func TestAddressSearchInvalid(t *testing.T) {
	t.Parallel()
	repo := postgres.NewAddressRepository(pgtest.NewPool(t))
	for name, q := range map[string]address.Query{
		"level":    {Level: 9},
		"limit":    {Limit: address.MaxLimit + 1},
		"offset":   {Offset: -1},
		"within":   {Within: &address.Query{Hierarchy: 3}},
		"match":    {Match: 7},
		"hierarch": {Hierarchy: 5},
	} {
		_, want := address.NewIndexBuilder(nil).Build().Search(q)
		require.Error(t, want, name)
		_, err := repo.Search(t.Context(), q)
		require.ErrorIs(t, err, address.ErrInvalid, name)
		require.Equal(t, want, err, name)
	}
}

// TestAddressFullAgreesWithIndex compares the full strings rendered from
// one recursive query with address.Index.Full, for objects of every level,
// both hierarchies, today and 2010 (some streets moved in 2015), and every
// style.
func TestAddressFullAgreesWithIndex(t *testing.T) {
	t.Parallel()
	w := newSearchWorld(t, 7, 20000) // the smallest size of seed 7 with moved streets
	var ids []uuid.UUID
	for i := 0; i < len(w.d.Objects); i += 37 {
		ids = append(ids, w.d.Objects[i].ID)
	}
	for _, r := range w.d.Relations {
		if !r.End.IsZero() {
			ids = append(ids, r.Child) // the moved streets
		}
	}
	styles := []address.Style{{}, {Long: true}, {PostalCode: true},
		{Positions: map[address.TypeKey]address.Position{address.KeyOf(address.LevelRegion, "обл."): address.After}}}
	differ := 0
	for _, h := range []address.Hierarchy{address.HierarchyAdministrative, address.HierarchyMunicipal} {
		for _, at := range []address.Date{{}, {Year: 2010, Month: 6, Day: 1}} {
			for _, st := range styles {
				opts := address.FullOptions{Hierarchy: h, At: at, Style: st}
				many, err := w.repo.FullMany(t.Context(), ids, opts)
				require.NoError(t, err)
				require.Len(t, many, len(ids))
				for i, id := range ids {
					want, err := w.ix.Full(id, opts)
					require.NoError(t, err)
					require.Equal(t, want, many[i], "object %s, %+v", id, opts)
					if i%50 == 0 {
						one, err := w.repo.Full(t.Context(), id, opts)
						require.NoError(t, err)
						require.Equal(t, want, one)
					}
					if !at.IsZero() {
						now, err := w.ix.Full(id, address.FullOptions{Hierarchy: h, Style: st})
						require.NoError(t, err)
						if now != want {
							differ++
						}
					}
				}
			}
		}
	}
	assert.Positive(t, differ, "no string differs between the dates: the history is not walked")
	_, err := w.repo.Full(t.Context(), uuid.MustParse("ffffffff-ffff-4fff-bfff-ffffffffffff"), address.FullOptions{})
	require.ErrorIs(t, err, address.ErrNotFound)
	_, err = w.repo.Full(t.Context(), ids[0], address.FullOptions{Hierarchy: 3})
	require.ErrorIs(t, err, address.ErrInvalid)
}

// FuzzAddressSearchName compares the search in SQL with the in-memory
// search for arbitrary names, LIKE metacharacters, invalid UTF-8 and NUL
// included: same results, or an error from both.
func FuzzAddressSearchName(f *testing.F) {
	for _, s := range []string{"Лен", "ленина", "%", "_", `\`, "Берё", "  Ленина ", "1 Мая", "", "\x00", "\xff\xfe", "Л%н_"} {
		f.Add(s, true, uint8(address.LevelStreet))
		f.Add(s, false, uint8(0))
	}
	w := newSearchWorld(f, 3, 2000)
	f.Fuzz(func(t *testing.T, name string, prefix bool, level uint8) {
		q := address.Query{Name: name, Level: address.Level(level % 10), Limit: 100}
		if prefix {
			q.Match = address.MatchPrefix
		}
		want, werr := w.ix.Search(q)
		got, gerr := w.repo.Search(t.Context(), q)
		if werr != nil {
			require.Error(t, gerr)
			return
		}
		require.NoError(t, gerr)
		require.Equal(t, want, got)
	})
}
