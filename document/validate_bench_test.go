package document_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/document"
)

// BenchmarkValidatePassport validates a valid passport document against
// the built-in type; the target is 500,000 documents per second on one core.
func BenchmarkValidatePassport(b *testing.B) {
	typ, ok := document.BuiltinType(document.TypePassportRF)
	require.True(b, ok)
	today := document.Date{Year: 2026, Month: time.November, Day: 22}
	values := document.Values{
		"series":        "45 10",
		"number":        "123456",
		"issued_on":     "2015-03-01",
		"issued_by":     "ОУФМС России по гор. Москве по району Хамовники",
		"division_code": "770-001",
	}
	require.NoError(b, typ.Validate(values, today))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := typ.Validate(values, today); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkValidatePassportInvalid validates a passport document with
// several violations, the path that allocates.
func BenchmarkValidatePassportInvalid(b *testing.B) {
	typ, ok := document.BuiltinType(document.TypePassportRF)
	require.True(b, ok)
	today := document.Date{Year: 2026, Month: time.November, Day: 22}
	values := document.Values{
		"series":    "45 1",
		"issued_on": "2030-03-01",
		"extra":     "x",
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := typ.Validate(values, today); err == nil {
			b.Fatal("want violations")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
