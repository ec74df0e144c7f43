package gar_test

import (
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
	"github.com/openzhkh/zhkh/address/gar"
	"github.com/openzhkh/zhkh/address/gar/gartest"
)

// BenchmarkLoad loads a generated region of 100,000 objects, written as
// GAR files with history, into the memory adapter: reading, choosing
// versions, checking every object and relation against the graph rules and
// storing them in one unit of work.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	if _, err := gartest.Write(dir, []gartest.Region{{Code: "66", Data: addresstest.Generate(9, 100_000)}}, gartest.Options{History: true, SingleLine: true}); err != nil {
		b.Fatal(err)
	}
	var size int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, _ error) error {
		if info, err := d.Info(); err == nil && !d.IsDir() {
			size += info.Size()
		}
		return nil
	})
	src, err := gar.OpenDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	var objects int
	for b.Loop() {
		g := address.NewGraph(memory.NewAddressRepository(), uuid.NewV7)
		rep, err := gar.Load(b.Context(), src, g, gar.LoadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		objects = rep.Objects
	}
	b.ReportMetric(float64(objects)*float64(b.N)/b.Elapsed().Seconds(), "objects/s")
}
