package address_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/address"
)

func TestSearch(t *testing.T) {
	t.Parallel()
	c := newCity(t)
	ix := c.index(t)
	id := func(k string) uuid.UUID { return c.ids[k] }
	streetsOfEkb := &address.Query{Level: address.LevelStreet, Name: "лен", Match: address.MatchPrefix, Ancestor: id("ekb")}
	tests := []struct {
		name  string
		q     address.Query
		want  []string
		total int
	}{
		{"level", address.Query{Level: address.LevelLocality}, []string{"berez", "ekb", "sever"}, 3},
		{"type in the old undotted form", address.Query{Type: "г"}, []string{"berez", "ekb"}, 2},
		{"type with any case and dots", address.Query{Type: "Ул.", Level: address.LevelStreet}, []string{"lenina", "mira"}, 2},
		{"exact name, any case", address.Query{Level: address.LevelStreet, Name: "ЛЕНИНА"}, []string{"lenina"}, 1},
		{"exact name needs the whole name", address.Query{Level: address.LevelStreet, Name: "лен"}, nil, 0},
		{"prefix", address.Query{Level: address.LevelStreet, Name: "Ле", Match: address.MatchPrefix}, []string{"lenina"}, 1},
		{"ё is е", address.Query{Level: address.LevelLocality, Name: "берёзовский"}, []string{"berez"}, 1},
		{"name at any level scans", address.Query{Name: "5"}, []string{"h5", "h5k2"}, 2},
		{"parent", address.Query{Parent: id("lenina")}, []string{"s3", "h5", "h5k2", "h7", "h10a"}, 5},
		{"ancestor and level", address.Query{Ancestor: id("ekb"), Level: address.LevelHouse},
			[]string{"s3", "garage", "h1sever", "hmira", "h5", "h5k2", "h7", "h10a", "h99"}, 9},
		{"house number matches any elements", address.Query{Ancestor: id("ekb"), House: address.HouseNumber{Number: "5"}}, []string{"h5", "h5k2"}, 2},
		{"house number with corpus", address.Query{Ancestor: id("ekb"), House: address.HouseNumber{Number: "5", Corpus: "2"}}, []string{"h5k2"}, 1},
		{"house number with a letter, any case", address.Query{House: address.HouseNumber{Number: "10а", Liter: "б"}}, []string{"h10a"}, 1},
		{"only a строение", address.Query{House: address.HouseNumber{Building: "3"}}, []string{"s3"}, 1},
		{"garage found under a house", address.Query{Ancestor: id("lenina"), Level: address.LevelHouse, House: address.HouseNumber{Number: "1"}}, []string{"garage"}, 1},
		{"premise number", address.Query{Premise: "12"}, []string{"flat12"}, 1},
		{"FIAS GUID that is the ID", address.Query{FIASGUID: id("region")}, []string{"region"}, 1},
		{"FIAS GUID apart from the ID", address.Query{FIASGUID: fiasOfEkb}, []string{"ekb"}, 1},
		{"no FIAS GUID", address.Query{FIASGUID: id("h5")}, nil, 0},
		{"within: houses numbered 5 on streets «лен…» of Екатеринбург",
			address.Query{Level: address.LevelHouse, House: address.HouseNumber{Number: "5"}, Within: streetsOfEkb}, []string{"h5", "h5k2"}, 2},
		{"within matches nothing", address.Query{Level: address.LevelHouse, Within: &address.Query{Level: address.LevelStreet, Name: "нет такой"}}, nil, 0},
		{"street moved: current", address.Query{Level: address.LevelStreet, Ancestor: id("berez")}, nil, 0},
		{"street moved: at a past date", address.Query{Level: address.LevelStreet, Ancestor: id("berez"), At: day(2010, time.January, 1)}, []string{"mira"}, 1},
		{"name and ancestor from the name index, at a date", address.Query{Level: address.LevelStreet, Name: "мира", Ancestor: id("berez"), At: day(2010, time.January, 1)}, []string{"mira"}, 1},
		{"municipal hierarchy", address.Query{Parent: id("okrug"), Hierarchy: address.HierarchyMunicipal}, []string{"ekb"}, 1},
		{"paging", address.Query{Parent: id("lenina"), Offset: 1, Limit: 2}, []string{"h5", "h5k2"}, 5},
		{"paging past the end", address.Query{Parent: id("lenina"), Offset: 10}, nil, 5},
		{"unknown parent", address.Query{Parent: uuid.New()}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err := ix.Search(tt.q)
			require.NoError(t, err)
			var want []uuid.UUID
			for _, k := range tt.want {
				want = append(want, c.ids[k])
			}
			assert.Equal(t, want, res.IDs, "IDs: %v", names(c, res.IDs))
			assert.Equal(t, tt.total, res.Total)
		})
	}
}

func names(c *city, ids []uuid.UUID) []string {
	var out []string
	for _, id := range ids {
		for k, v := range c.ids {
			if v == id {
				out = append(out, k)
			}
		}
	}
	return out
}

func TestSearchActiveOnly(t *testing.T) {
	t.Parallel()
	c := newCity(t)
	require.NoError(t, c.graph.RetireObject(t.Context(), c.ids["h5"], day(2020, time.March, 1)))
	ix := c.index(t)
	res, err := ix.Search(address.Query{Parent: c.ids["lenina"], House: address.HouseNumber{Number: "5"}, ActiveOnly: true})
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{c.ids["h5k2"]}, res.IDs)
	res, err = ix.Search(address.Query{Parent: c.ids["lenina"], House: address.HouseNumber{Number: "5"}, ActiveOnly: true, At: day(2019, time.January, 1)})
	require.NoError(t, err)
	assert.Len(t, res.IDs, 2, "active on a date before the end")
}

func TestSearchRejectsBadQueries(t *testing.T) {
	t.Parallel()
	ix := newCity(t).index(t)
	for _, q := range []address.Query{
		{Level: 12}, {Hierarchy: 3}, {Limit: -1}, {Offset: -5}, {Limit: address.MaxLimit + 1}, {Match: 7},
		{Within: &address.Query{Level: 99}},
	} {
		_, err := ix.Search(q)
		var ve *address.ValidationError
		require.ErrorAs(t, err, &ve, "%+v", q)
		assert.ErrorIs(t, err, address.ErrInvalid)
		assert.NotEmpty(t, ve.Violations[0].Message)
		assert.Equal(t, err, q.Validate(), "Validate is the check Search makes")
	}
	assert.NoError(t, address.Query{Level: address.LevelStreet, Name: "лен"}.Validate())
}

func TestSearchOrderIsNatural(t *testing.T) {
	t.Parallel()
	c := newCity(t)
	ctx := t.Context()
	for _, n := range []string{"10", "2", "1", "2А", "11"} {
		o, err := c.graph.AddObject(ctx, address.Object{Level: address.LevelPremise, Type: "кв.", Name: n})
		require.NoError(t, err)
		require.NoError(t, c.graph.Relate(ctx, address.Relation{Hierarchy: address.HierarchyAdministrative, Child: o.ID, Parent: c.ids["h5"]}))
	}
	ix := c.index(t)
	res, err := ix.Search(address.Query{Parent: c.ids["h5"]})
	require.NoError(t, err)
	var got []string
	for _, id := range res.IDs {
		o, err := ix.Object(id)
		require.NoError(t, err)
		got = append(got, o.Name)
	}
	assert.Equal(t, []string{"1", "2", "2А", "10", "11"}, got)
}
