package addresstest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/address"
)

// Dataset is a generated region: the types it uses, its objects and the
// relations of both hierarchies.
type Dataset struct {
	Types     []address.Type
	Objects   []address.Object
	Relations []address.Relation
}

// Batch returns the dataset as one address.Batch.
func (d *Dataset) Batch() address.Batch {
	return address.Batch{Types: d.Types, Objects: d.Objects, Relations: d.Relations}
}

// Of returns the objects of the level, in generation order.
func (d *Dataset) Of(level address.Level) []address.Object {
	var out []address.Object
	for _, o := range d.Objects {
		if o.Level == level {
			out = append(out, o)
		}
	}
	return out
}

// Sizes are the counts a generated region has; see SizesFor.
type Sizes struct {
	Municipalities, Settlements, Localities, Streets, Houses, Premises, Rooms int
}

// SizesFor returns the counts for a region of about n objects, in the
// proportions of a large Russian region: for n = 1,000,000 one region, 30
// municipalities, 300 localities, 10,000 streets, 150,000 houses, and
// premises and rooms for the rest.
func SizesFor(n int) Sizes {
	s := Sizes{
		Municipalities: max(1, n*30/1_000_000),
		Localities:     max(1, n*300/1_000_000),
		Streets:        max(1, n/100),
		Houses:         max(1, n*15/100),
	}
	s.Settlements = max(1, s.Municipalities*2)
	rest := n - 1 - s.Municipalities - s.Settlements - s.Localities - s.Streets - s.Houses
	s.Rooms = max(0, rest*15/100)
	s.Premises = max(0, rest-s.Rooms)
	return s
}

var (
	streetNames = []string{"Ленина", "Мира", "Советская", "Гагарина", "Пушкина", "Садовая", "Лесная", "Школьная",
		"Молодёжная", "Новая", "Заречная", "Центральная", "Набережная", "Строителей", "Победы", "Кирова",
		"Чапаева", "Луговая", "Октябрьская", "Комсомольская", "1 Мая", "8 Марта", "Восточная", "Берёзовая"}
	localityNames = []string{"Каменск", "Озёрный", "Берёзовка", "Красное", "Ивановка", "Сосновка", "Луговое",
		"Покровское", "Никольское", "Заречье", "Горки", "Высокое"}
	streetTypes  = []string{"ул.", "ул.", "ул.", "ул.", "пр-кт", "пер.", "б-р", "ш."}
	villageTypes = []string{"с.", "д.", "п.", "рп."}
)

// Generate builds a region of about n objects, the same for the same seed
// and n. What real data does, it does too: some cities hang straight under
// the region in the administrative hierarchy but under a municipality and a
// settlement in the municipal one; some streets lie in a microdistrict
// (a planning element); some houses hang under their locality with no
// street, some under another house (a garage under a building), some have
// only a строение and no number; a few streets moved to another locality
// on 2015-01-01 and keep the old relation as history.
func Generate(seed uint64, n int) *Dataset {
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), sizes: SizesFor(n)}
	g.run()
	return &g.d
}

type generator struct {
	rng   *rand.Rand
	sizes Sizes
	d     Dataset
	garID int64
}

var (
	origin = address.Date{Year: 2000, Month: time.January, Day: 1}
	moved  = address.Date{Year: 2015, Month: time.January, Day: 1}
)

func (g *generator) id() uuid.UUID {
	var u uuid.UUID
	hi, lo := g.rng.Uint64(), g.rng.Uint64()
	for i := range 8 {
		u[i] = byte(hi >> (8 * i))
		u[8+i] = byte(lo >> (8 * i))
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u
}

func (g *generator) object(level address.Level, gar address.GARLevel, typ, name string, elems ...address.Element) uuid.UUID {
	id := g.id()
	g.garID++
	g.d.Objects = append(g.d.Objects, address.Object{
		ID: id, FIASGUID: id, GARObjectID: g.garID, Level: level, GARLevel: gar,
		Type: typ, Name: name, Elements: elems, Start: origin,
	})
	return id
}

func (g *generator) relate(h address.Hierarchy, child, parent uuid.UUID) {
	g.d.Relations = append(g.d.Relations, address.Relation{Hierarchy: h, Child: child, Parent: parent, Start: origin})
}

// both relates child to parent in both hierarchies.
func (g *generator) both(child, parent uuid.UUID) {
	g.relate(address.HierarchyAdministrative, child, parent)
	g.relate(address.HierarchyMunicipal, child, parent)
}

func (g *generator) run() {
	s := g.sizes
	g.d.Types = address.DefaultTypes()
	region := g.object(address.LevelRegion, address.GARRegion, "обл.", "Свердловская")

	munis := make([]uuid.UUID, s.Municipalities)
	for i := range munis {
		munis[i] = g.object(address.LevelMunicipality, address.GARMunicipalDistrict, "м.р-н", fmt.Sprintf("Район %d", i+1))
		g.both(munis[i], region)
	}
	setts := make([]uuid.UUID, s.Settlements)
	settMuni := make([]int, s.Settlements)
	for i := range setts {
		m := i % len(munis)
		settMuni[i] = m
		setts[i] = g.object(address.LevelSettlement, address.GARSettlement, "с.п.", fmt.Sprintf("Поселение %d", i+1))
		g.relate(address.HierarchyMunicipal, setts[i], munis[m])
	}
	locs := make([]uuid.UUID, s.Localities)
	cities := max(1, s.Localities/30)
	for i := range locs {
		si := i % len(setts)
		name := localityNames[i%len(localityNames)]
		if i >= len(localityNames) {
			name = fmt.Sprintf("%s-%d", name, i/len(localityNames))
		}
		if i < cities {
			locs[i] = g.object(address.LevelLocality, address.GARCity, "г.", name)
			g.relate(address.HierarchyAdministrative, locs[i], region)
		} else {
			locs[i] = g.object(address.LevelLocality, address.GARLocality, villageTypes[i%len(villageTypes)], name)
			g.relate(address.HierarchyAdministrative, locs[i], munis[settMuni[si]])
		}
		g.relate(address.HierarchyMunicipal, locs[i], setts[si])
	}
	// Microdistricts: planning elements in the cities.
	micro := make([]uuid.UUID, cities)
	for i := range micro {
		micro[i] = g.object(address.LevelLocality, address.GARPlanningElement, "мкр.", fmt.Sprintf("Северный-%d", i+1))
		g.both(micro[i], locs[i])
	}
	// Streets: half of them in the cities.
	streets := make([]uuid.UUID, s.Streets)
	streetLoc := make([]uuid.UUID, s.Streets)
	for i := range streets {
		var parent uuid.UUID
		switch {
		case i%2 == 0:
			parent = locs[g.rng.IntN(cities)]
		default:
			parent = locs[g.rng.IntN(len(locs))]
		}
		if i%50 == 7 {
			parent = micro[g.rng.IntN(len(micro))]
		}
		name := streetNames[g.rng.IntN(len(streetNames))]
		if k := g.rng.IntN(4); k > 0 {
			name = fmt.Sprintf("%s %d-я", name, k)
		}
		streets[i] = g.object(address.LevelStreet, address.GARStreet, streetTypes[g.rng.IntN(len(streetTypes))], name)
		streetLoc[i] = parent
		if i%100 == 3 && len(locs) > 1 {
			// Moved on 2015-01-01: the old relation stays as history.
			old := locs[g.rng.IntN(len(locs))]
			if old == parent {
				old = locs[(slices.Index(locs, parent)+1)%len(locs)]
			}
			for _, h := range []address.Hierarchy{address.HierarchyAdministrative, address.HierarchyMunicipal} {
				g.d.Relations = append(g.d.Relations,
					address.Relation{Hierarchy: h, Child: streets[i], Parent: old, Start: origin, End: moved},
					address.Relation{Hierarchy: h, Child: streets[i], Parent: parent, Start: moved})
			}
			continue
		}
		g.both(streets[i], parent)
	}
	// Houses, numbered along their street.
	houses := make([]uuid.UUID, s.Houses)
	garages := make([]bool, s.Houses)
	numbers := make([]int, len(streets))
	for i := range houses {
		st := g.rng.IntN(len(streets))
		numbers[st]++
		num := fmt.Sprint(numbers[st])
		var elems []address.Element
		typ := "д."
		switch k := g.rng.IntN(100); {
		case k < 8:
			elems = append(elems, address.Element{Kind: address.ElementCorpus, Type: "корп.", Value: fmt.Sprint(1 + g.rng.IntN(3))})
		case k < 10:
			elems = append(elems, address.Element{Kind: address.ElementLiter, Type: "лит.", Value: string([]rune("АБВ")[g.rng.IntN(3)])})
		case k < 12:
			elems = append(elems, address.Element{Kind: address.ElementCorpus, Type: "корп.", Value: "1"},
				address.Element{Kind: address.ElementBuilding, Type: "стр.", Value: fmt.Sprint(1 + g.rng.IntN(2))})
		case k < 13:
			typ, num = "", ""
			elems = append(elems, address.Element{Kind: address.ElementBuilding, Type: "стр.", Value: fmt.Sprint(1 + g.rng.IntN(9))})
		}
		parent := streets[st]
		switch {
		case i%100 == 42:
			parent = streetLoc[st] // a house with no street
		case i%200 == 77 && i > 0:
			parent, typ, num = houses[i-1], "г-ж", fmt.Sprint(1+g.rng.IntN(20)) // a garage under a house
			elems = nil
		}
		if typ == "г-ж" {
			garages[i] = true
		}
		houses[i] = g.object(address.LevelHouse, address.GARBuilding, typ, num, elems...)
		g.both(houses[i], parent)
		if i%100 != 42 {
			g.d.Objects[len(g.d.Objects)-1].PostalCode = fmt.Sprintf("62%04d", st%10000)
		}
	}
	premises := make([]uuid.UUID, s.Premises)
	flat := make([]int, len(houses))
	for i := range premises {
		h := i % len(houses)
		if i >= len(houses) {
			h = g.rng.IntN(len(houses))
		}
		if garages[h] && len(houses) > 1 {
			h = (h + 1) % len(houses) // garages have no flats; the house after one is no garage
		}
		flat[h]++
		typ := "кв."
		if g.rng.IntN(20) == 0 {
			typ = "помещ."
		}
		premises[i] = g.object(address.LevelPremise, address.GARPremise, typ, fmt.Sprint(flat[h]))
		g.both(premises[i], houses[h])
	}
	rooms := make([]int, len(premises))
	for i := 0; i < s.Rooms && len(premises) > 0; i++ {
		p := g.rng.IntN(len(premises))
		rooms[p]++
		id := g.object(address.LevelRoom, address.GARRoom, "ком.", fmt.Sprint(rooms[p]))
		g.both(id, premises[p])
	}
}
