package address_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
)

// city is a small hand-made graph with the quirks real data has.
type city struct {
	graph *address.Graph
	repo  *memory.AddressRepository
	ids   map[string]uuid.UUID
}

var (
	fiasOfRegion = uuid.MustParse("92b30014-4d52-4e2e-892d-928142b924bf")
	fiasOfEkb    = uuid.MustParse("2763c110-cb8b-416a-9dac-ad28a55b4402")
)

func day(y int, m time.Month, d int) address.Date { return address.Date{Year: y, Month: m, Day: d} }

// newCity builds:
//
//	обл. Свердловская
//	├── г.о. город Екатеринбург (municipal hierarchy only)
//	│   └── г. Екатеринбург (municipal)
//	├── г. Екатеринбург (administrative)
//	│   ├── ул. Ленина
//	│   │   ├── д. 5, корп. 2 → кв. 12 → ком. 1
//	│   │   ├── д. 5
//	│   │   ├── д. 10А, лит. Б
//	│   │   ├── стр. 3 (no main number)
//	│   │   └── д. 7 → г-ж 1 (a garage under a house)
//	│   ├── мкр. Северный (planning element) → д. 1
//	│   ├── д. 99 (a house on no street)
//	│   └── ул. Мира (under Екатеринбург since 2015-01-01, under Березовский before)
//	└── г. Березовский
func newCity(t *testing.T) *city {
	t.Helper()
	ctx := context.Background()
	repo := memory.NewAddressRepository()
	c := &city{graph: address.NewGraph(repo, addresstest.SequentialIDs()), repo: repo, ids: map[string]uuid.UUID{}}
	require.NoError(t, c.graph.Apply(ctx, address.Batch{Types: address.DefaultTypes()}))
	add := func(key string, o address.Object) {
		t.Helper()
		o.Start = day(2000, 1, 1)
		got, err := c.graph.AddObject(ctx, o)
		require.NoError(t, err, key)
		c.ids[key] = got.ID
	}
	rel := func(h address.Hierarchy, child, parent string, start, end address.Date) {
		t.Helper()
		require.NoError(t, c.graph.Relate(ctx, address.Relation{Hierarchy: h, Child: c.ids[child], Parent: c.ids[parent], Start: start, End: end}), child)
	}
	both := func(child, parent string) {
		rel(address.HierarchyAdministrative, child, parent, day(2000, 1, 1), address.Date{})
		rel(address.HierarchyMunicipal, child, parent, day(2000, 1, 1), address.Date{})
	}
	corpus := address.Element{Kind: address.ElementCorpus, Type: "корп.", Value: "2"}
	add("region", address.Object{FIASGUID: fiasOfRegion, Level: address.LevelRegion, Type: "обл", Name: "Свердловская", PostalCode: "620000"})
	add("okrug", address.Object{Level: address.LevelMunicipality, Type: "г.о.", Name: "город Екатеринбург"})
	add("ekb", address.Object{ID: uuid.MustParse("00000000-0000-0000-0000-00000000e4b0"), FIASGUID: fiasOfEkb, Level: address.LevelLocality, GARLevel: address.GARCity, Type: "г.", Name: "Екатеринбург"})
	add("berez", address.Object{Level: address.LevelLocality, GARLevel: address.GARCity, Type: "г.", Name: "Березовский"})
	add("lenina", address.Object{Level: address.LevelStreet, Type: "ул", Name: "Ленина"})
	add("mira", address.Object{Level: address.LevelStreet, Type: "ул.", Name: "Мира"})
	add("sever", address.Object{Level: address.LevelLocality, GARLevel: address.GARPlanningElement, Type: "мкр.", Name: "Северный"})
	add("h5k2", address.Object{Level: address.LevelHouse, Type: "д.", Name: "5", Elements: []address.Element{corpus}, PostalCode: "620014"})
	add("h5", address.Object{Level: address.LevelHouse, Type: "д.", Name: "5"})
	add("h10a", address.Object{Level: address.LevelHouse, Type: "д.", Name: "10А", Elements: []address.Element{{Kind: address.ElementLiter, Type: "лит.", Value: "Б"}}})
	add("s3", address.Object{Level: address.LevelHouse, Elements: []address.Element{{Kind: address.ElementBuilding, Type: "стр.", Value: "3"}}})
	add("h7", address.Object{Level: address.LevelHouse, Type: "д.", Name: "7"})
	add("garage", address.Object{Level: address.LevelHouse, Type: "г-ж", Name: "1"})
	add("h1sever", address.Object{Level: address.LevelHouse, Type: "д.", Name: "1"})
	add("h99", address.Object{Level: address.LevelHouse, Type: "д.", Name: "99"})
	add("flat12", address.Object{Level: address.LevelPremise, Type: "кв.", Name: "12"})
	add("room1", address.Object{Level: address.LevelRoom, Type: "ком.", Name: "1"})
	add("hmira", address.Object{Level: address.LevelHouse, Type: "д.", Name: "3"})

	rel(address.HierarchyAdministrative, "ekb", "region", day(2000, 1, 1), address.Date{})
	rel(address.HierarchyMunicipal, "okrug", "region", day(2000, 1, 1), address.Date{})
	rel(address.HierarchyMunicipal, "ekb", "okrug", day(2000, 1, 1), address.Date{})
	both("berez", "region")
	both("lenina", "ekb")
	both("sever", "ekb")
	both("h5k2", "lenina")
	both("h5", "lenina")
	both("h10a", "lenina")
	both("s3", "lenina")
	both("h7", "lenina")
	both("garage", "h7")
	both("h1sever", "sever")
	both("h99", "ekb")
	both("flat12", "h5k2")
	both("room1", "flat12")
	both("hmira", "mira")
	rel(address.HierarchyAdministrative, "mira", "berez", day(2000, 1, 1), day(2015, 1, 1))
	rel(address.HierarchyAdministrative, "mira", "ekb", day(2015, 1, 1), address.Date{})
	return c
}

func (c *city) index(t *testing.T) *address.Index {
	t.Helper()
	ix, err := address.BuildIndex(t.Context(), c.repo)
	require.NoError(t, err)
	return ix
}
