package address_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/address"
)

func TestFull(t *testing.T) {
	t.Parallel()
	c := newCity(t)
	ix := c.index(t)
	after := address.Style{Positions: map[address.TypeKey]address.Position{address.KeyOf(address.LevelRegion, "обл."): address.After}}
	tests := []struct {
		name string
		obj  string
		opts address.FullOptions
		want string
	}{
		{"premise short", "flat12", address.FullOptions{}, "обл. Свердловская, г. Екатеринбург, ул. Ленина, д. 5, корп. 2, кв. 12"},
		{"room", "room1", address.FullOptions{}, "обл. Свердловская, г. Екатеринбург, ул. Ленина, д. 5, корп. 2, кв. 12, ком. 1"},
		{"full style", "flat12", address.FullOptions{Style: address.FullStyle()},
			"область Свердловская, город Екатеринбург, улица Ленина, дом 5, корпус 2, квартира 12"},
		{"postal code of the nearest ancestor", "flat12", address.FullOptions{Style: address.Style{PostalCode: true}},
			"620014, обл. Свердловская, г. Екатеринбург, ул. Ленина, д. 5, корп. 2, кв. 12"},
		{"postal code of the region", "h5", address.FullOptions{Style: address.Style{PostalCode: true}},
			"620000, обл. Свердловская, г. Екатеринбург, ул. Ленина, д. 5"},
		{"type after the name", "h5", address.FullOptions{Style: after}, "Свердловская обл., г. Екатеринбург, ул. Ленина, д. 5"},
		{"municipal hierarchy", "h5", address.FullOptions{Hierarchy: address.HierarchyMunicipal},
			"обл. Свердловская, г.о. город Екатеринбург, г. Екатеринбург, ул. Ленина, д. 5"},
		{"liter", "h10a", address.FullOptions{}, "обл. Свердловская, г. Екатеринбург, ул. Ленина, д. 10А, лит. Б"},
		{"only a строение", "s3", address.FullOptions{}, "обл. Свердловская, г. Екатеринбург, ул. Ленина, стр. 3"},
		{"garage under a house", "garage", address.FullOptions{}, "обл. Свердловская, г. Екатеринбург, ул. Ленина, д. 7, г-ж 1"},
		{"house in a planning element", "h1sever", address.FullOptions{}, "обл. Свердловская, г. Екатеринбург, мкр. Северный, д. 1"},
		{"house on no street", "h99", address.FullOptions{}, "обл. Свердловская, г. Екатеринбург, д. 99"},
		{"the region alone", "region", address.FullOptions{}, "обл. Свердловская"},
		{"current parent", "hmira", address.FullOptions{}, "обл. Свердловская, г. Екатеринбург, ул. Мира, д. 3"},
		{"parent at a date in the past", "hmira", address.FullOptions{At: day(2010, time.June, 1)}, "обл. Свердловская, г. Березовский, ул. Мира, д. 3"},
		{"parent at a date after the move", "hmira", address.FullOptions{At: day(2020, time.June, 1)}, "обл. Свердловская, г. Екатеринбург, ул. Мира, д. 3"},
		{"no parent yet at an early date", "hmira", address.FullOptions{At: day(1999, time.June, 1)}, "д. 3"},
		{"a relation in one hierarchy only", "hmira", address.FullOptions{Hierarchy: address.HierarchyMunicipal}, "ул. Мира, д. 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ix.Full(c.ids[tt.obj], tt.opts)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "index")
			got, err = c.graph.Full(t.Context(), c.ids[tt.obj], tt.opts)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "graph")
		})
	}
}

func TestFullUnknownObject(t *testing.T) {
	t.Parallel()
	c := newCity(t)
	ix := c.index(t)
	id := uuid.MustParse("00000000-0000-0000-0000-0000000000ff")
	_, err := ix.Full(id, address.FullOptions{})
	require.ErrorIs(t, err, address.ErrNotFound)
	assert.True(t, address.HasCode(err, address.CodeObjectNotFound))
	_, err = c.graph.Full(t.Context(), id, address.FullOptions{})
	require.ErrorIs(t, err, address.ErrNotFound)
	_, err = ix.Full(c.ids["h5"], address.FullOptions{Hierarchy: 9})
	require.ErrorIs(t, err, address.ErrInvalid)
}

func TestFullUnknownTypeIsRenderedAsGiven(t *testing.T) {
	t.Parallel()
	c := newCity(t)
	_, err := c.graph.UpdateObject(t.Context(), c.ids["lenina"], func(o *address.Object) error {
		o.Type = "аллея-тест"
		return nil
	})
	require.NoError(t, err)
	got, err := c.index(t).Full(c.ids["h5"], address.FullOptions{Style: address.FullStyle()})
	require.NoError(t, err)
	assert.Equal(t, "область Свердловская, город Екатеринбург, аллея-тест Ленина, дом 5", got)
}

func TestAppendFullReusesTheBuffer(t *testing.T) {
	c := newCity(t)
	ix := c.index(t)
	buf := []byte("адрес: ")
	buf, err := ix.AppendFull(buf, c.ids["h5"], address.FullOptions{})
	require.NoError(t, err)
	assert.Equal(t, "адрес: обл. Свердловская, г. Екатеринбург, ул. Ленина, д. 5", string(buf))
	allocs := testing.AllocsPerRun(100, func() {
		buf, _ = ix.AppendFull(buf[:0], c.ids["flat12"], address.FullOptions{})
	})
	assert.Zero(t, allocs)
}

func TestIndexObject(t *testing.T) {
	t.Parallel()
	c := newCity(t)
	ix := c.index(t)
	want, err := c.repo.Object(t.Context(), c.ids["h5k2"])
	require.NoError(t, err)
	got, err := ix.Object(c.ids["h5k2"])
	require.NoError(t, err)
	want.GARObjectID, want.OKATO, want.OKTMO, want.CadastralNumber = 0, "", "", ""
	assert.Equal(t, want, got)
	assert.Equal(t, len(c.ids), ix.Len())
	assert.Zero(t, ix.Dangling())
	_, err = ix.Object(uuid.Nil)
	assert.True(t, errors.Is(err, address.ErrNotFound))
}
