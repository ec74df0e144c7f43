package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
	"github.com/openzhkh/zhkh/address/gar"
	"github.com/openzhkh/zhkh/address/gar/gartest"
)

// BenchmarkBulkLoad bulk-loads a generated region of 50,000 objects with
// their relations into a fresh database per iteration and reports rows/s
// (objects and relations), the rate copycompare.sh compares with psql
// \copy at 1,000,000 objects, and the seconds per load spent staging (the
// graph's rules, in memory) and copying.
func BenchmarkBulkLoad(b *testing.B) {
	d := addresstest.Generate(42, 50_000)
	rows := len(d.Objects) + len(d.Relations)
	b.ReportAllocs()
	var copied int
	var stage, cp time.Duration
	for b.Loop() {
		b.StopTimer()
		pool := pgtest.NewPool(b)
		b.StartTimer()
		st, err := postgres.BulkImport(b.Context(), pool, func(ctx context.Context, g *address.Graph) error {
			return g.Apply(ctx, d.Batch())
		}, postgres.BulkOptions{})
		require.NoError(b, err)
		require.Equal(b, rows, st.Objects+st.Relations)
		copied += rows
		stage, cp = stage+st.Stage, cp+st.Copy+st.Commit
	}
	b.ReportMetric(float64(copied)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(stage.Seconds()/float64(b.N), "stage-s/op")
	b.ReportMetric(cp.Seconds()/float64(b.N), "copy-s/op")
}

// BenchmarkCopyGraph copies a region of 50,000 objects kept by the memory
// adapter into a fresh database per iteration and reports rows/s.
func BenchmarkCopyGraph(b *testing.B) {
	d := addresstest.Generate(42, 50_000)
	mem := memory.NewAddressRepository()
	require.NoError(b, address.NewGraph(mem, addresstest.SequentialIDs()).Apply(b.Context(), d.Batch()))
	rows := len(d.Objects) + len(d.Relations)
	b.ReportAllocs()
	var copied int
	for b.Loop() {
		b.StopTimer()
		pool := pgtest.NewPool(b)
		b.StartTimer()
		st, err := postgres.CopyGraph(b.Context(), pool, mem, postgres.BulkOptions{})
		require.NoError(b, err)
		require.Equal(b, rows, st.Objects+st.Relations)
		copied += rows
	}
	b.ReportMetric(float64(copied)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkBulkLoadGAR loads a synthetic GAR distribution of a region of
// 50,000 objects with BulkLoad (reading the XML, the graph's rules, COPY)
// into a fresh database per iteration and reports objects/s.
func BenchmarkBulkLoadGAR(b *testing.B) {
	dir := b.TempDir()
	_, err := gartest.Write(dir, []gartest.Region{{Code: "66", Data: addresstest.Generate(42, 50_000)}}, gartest.Options{History: true})
	require.NoError(b, err)
	src, err := gar.OpenDir(dir)
	require.NoError(b, err)
	b.Cleanup(func() { _ = src.Close() })
	b.ReportAllocs()
	var objects int
	for b.Loop() {
		b.StopTimer()
		pool := pgtest.NewPool(b)
		b.StartTimer()
		rep, _, err := postgres.BulkLoad(b.Context(), pool, src, gar.LoadOptions{}, postgres.BulkOptions{})
		require.NoError(b, err)
		objects += rep.Objects
	}
	b.ReportMetric(float64(objects)/b.Elapsed().Seconds(), "objects/s")
}

// BenchmarkAddressSearch measures searches in SQL over a region of 200,000
// objects: a street by name prefix within a locality, houses by number on
// a street, and the full string of a premise.
func BenchmarkAddressSearch(b *testing.B) {
	ctx := b.Context()
	d := addresstest.Generate(42, 200_000)
	pool := pgtest.NewPool(b)
	_, err := postgres.BulkImport(ctx, pool, func(ctx context.Context, g *address.Graph) error {
		return g.Apply(ctx, d.Batch())
	}, postgres.BulkOptions{})
	require.NoError(b, err)
	repo := postgres.NewAddressRepository(pool)
	locality := d.Of(address.LevelLocality)[0]
	street := d.Of(address.LevelStreet)[0]
	premise := d.Of(address.LevelPremise)[0]
	b.Run("StreetPrefix", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, err := repo.Search(ctx, address.Query{Level: address.LevelStreet, Name: "Лен", Match: address.MatchPrefix, Ancestor: locality.ID})
			require.NoError(b, err)
		}
	})
	b.Run("HouseOnStreet", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, err := repo.Search(ctx, address.Query{Level: address.LevelHouse, Parent: street.ID, House: address.HouseNumber{Number: "5"}})
			require.NoError(b, err)
		}
	})
	b.Run("Full", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, err := repo.Full(ctx, premise.ID, address.FullOptions{})
			require.NoError(b, err)
		}
	})
}
