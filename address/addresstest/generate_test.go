package addresstest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
)

func TestGenerate(t *testing.T) {
	t.Parallel()
	const n = 100_000
	d := addresstest.Generate(3, n)
	assert.Equal(t, d, addresstest.Generate(3, n), "the same seed gives the same region")
	assert.NotEqual(t, d.Objects[0].ID, addresstest.Generate(4, n).Objects[0].ID)
	s := addresstest.SizesFor(n)
	assert.Len(t, d.Of(address.LevelStreet), s.Streets)
	assert.Len(t, d.Of(address.LevelHouse), s.Houses)
	assert.Len(t, d.Of(address.LevelPremise), s.Premises)
	assert.Len(t, d.Of(address.LevelRoom), s.Rooms)
	assert.InDelta(t, n, len(d.Objects), n/100)

	repo := memory.NewAddressRepository()
	require.NoError(t, address.NewGraph(repo, addresstest.SequentialIDs()).Apply(t.Context(), d.Batch()), "the region keeps the rules of the graph")
	ix, err := address.BuildIndex(t.Context(), repo)
	require.NoError(t, err)
	moved := 0
	for _, st := range d.Of(address.LevelStreet) {
		now, err := ix.Full(st.ID, address.FullOptions{})
		require.NoError(t, err)
		then, err := ix.Full(st.ID, address.FullOptions{At: address.Date{Year: 2010, Month: 1, Day: 1}})
		require.NoError(t, err)
		if now != then {
			moved++
		}
	}
	assert.Positive(t, moved, "some streets moved on 2015-01-01")
}

func TestSizesForAMillion(t *testing.T) {
	t.Parallel()
	s := addresstest.SizesFor(1_000_000)
	assert.Equal(t, addresstest.Sizes{Municipalities: 30, Settlements: 60, Localities: 300, Streets: 10_000, Houses: 150_000,
		Premises: s.Premises, Rooms: s.Rooms}, s)
	assert.Equal(t, 1_000_000-1-30-60-300-10_000-150_000, s.Premises+s.Rooms)
}
