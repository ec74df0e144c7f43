package address_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openzhkh/zhkh/address"
)

func TestGARLevels(t *testing.T) {
	t.Parallel()
	want := map[address.GARLevel]address.Level{
		1: address.LevelRegion, 2: address.LevelMunicipality, 3: address.LevelMunicipality,
		4: address.LevelSettlement, 5: address.LevelLocality, 6: address.LevelLocality,
		7: address.LevelLocality, 8: address.LevelStreet, 9: address.LevelHouse, 10: address.LevelHouse,
		11: address.LevelPremise, 12: address.LevelRoom, 13: address.LevelRegion, 14: address.LevelSettlement,
		15: address.LevelLocality, 16: address.LevelStreet, 17: address.LevelPremise,
	}
	for g := address.GARLevel(0); g <= 18; g++ {
		assert.Equal(t, want[g], g.Level(), "GAR level %d", g)
		assert.Equal(t, want[g] != 0, g.Valid())
	}
	for l := address.LevelRegion; l <= address.LevelRoom; l++ {
		assert.True(t, l.Valid())
		assert.Equal(t, l, l.GAR().Level(), "the default GAR level of %s folds back", l)
		assert.NotEqual(t, "неизвестный уровень", l.String())
	}
	assert.False(t, address.Level(0).Valid())
	assert.Equal(t, address.GARLevel(0), address.Level(9).GAR())
	assert.Equal(t, "неизвестный уровень", address.Level(9).String())
}

func TestTypeKeysIgnoreSpelling(t *testing.T) {
	t.Parallel()
	c := address.NewClassifier(address.DefaultTypes())
	for _, short := range []string{"ул", "ул.", "Ул.", "УЛ", "ул.."} {
		typ, ok := c.Lookup(address.LevelStreet, short)
		assert.True(t, ok, short)
		assert.Equal(t, "улица", typ.Full, short)
	}
	_, ok := c.Lookup(address.LevelHouse, "ул")
	assert.False(t, ok, "types are per level")
	typ, ok := c.Lookup(address.LevelLocality, "д")
	assert.True(t, ok)
	assert.Equal(t, "деревня", typ.Full, "«д.» is a village at the locality level")
	typ, _ = c.Lookup(address.LevelHouse, "д")
	assert.Equal(t, "дом", typ.Full, "and a house at the house level")
	assert.Len(t, c.Types(), len(address.DefaultTypes()))
}

func TestFold(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Ленина":          "ленина",
		"  Берёзовая  ул": "березовая ул",
		"ЁЛКИ\tпалки":     "елки палки",
		"":                "",
		"Straße":          "straße",
	} {
		assert.Equal(t, want, address.Fold(in), in)
	}
}

func TestElementKinds(t *testing.T) {
	t.Parallel()
	kinds := address.ElementKinds()
	assert.Len(t, kinds, 10)
	assert.Equal(t, "номер корпуса", address.ElementCorpus.String())
	assert.Equal(t, "garage_box", address.ElementKind("garage_box").String(), "an integrator's own kind")
	h := address.HouseNumber{Number: "5", Corpus: "2", Liter: "А"}
	o := address.Object{Level: address.LevelHouse, Name: h.Number, Elements: h.Elements()}
	assert.Equal(t, h, address.HouseNumberOf(&o))
}
