package gis_test

import (
	"testing"

	"github.com/openzhkh/zhkh/gis"
)

// BenchmarkImportAccountData100 builds and serialises one
// importAccountData message of 100 full accounts (the schema's limit).
func BenchmarkImportAccountData100(b *testing.B) {
	accounts := manyAccounts(gis.AccountsPerImport)
	builder := builderA(b)
	b.ReportAllocs()
	for b.Loop() {
		msgs, err := builder.ImportAccountData(accounts)
		if err != nil {
			b.Fatal(err)
		}
		for _, m := range msgs {
			if _, err := m.Bytes(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(accounts))/b.Elapsed().Seconds(), "accounts/s")
}
