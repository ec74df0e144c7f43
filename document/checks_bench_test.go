package document_test

import (
	"testing"

	"github.com/openzhkh/zhkh/document"
)

// benchInputs are valid inputs, one per check, in the form people type.
var benchInputs = []struct{ check, in string }{
	{"inn", "7707083893"},
	{"inn10", "7707083893"},
	{"inn12", "500100732259"},
	{"kpp", "773601001"},
	{"ogrn", "1027700132195"},
	{"ogrnip", "304500116000157"},
	{"snils", "112-233-445 95"},
	{"bik", "044525225"},
	{"passport_rf", "45 06 123456"},
	{"birth_cert", "II-АГ 123456"},
	{"cadastral", "77:01:0001001:1017"},
	{"oktmo", "45 382 000 001"},
	{"okato", "45286580000"},
	{"postal_code", "101000"},
	{"fias_guid", "0c5b2444-70a0-4932-980c-b4dc0d3f02b5"},
}

// BenchmarkChecks measures every check on a valid input; the target is at
// least 5,000,000 calls a second on one core and no allocation.
func BenchmarkChecks(b *testing.B) {
	for _, tc := range benchInputs {
		check, _ := document.LookupCheck(tc.check)
		if err := check(tc.in); err != nil {
			b.Fatalf("%s(%q): %v", tc.check, tc.in, err)
		}
		b.Run(tc.check, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = check(tc.in)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
		})
	}
	accounts := []struct {
		name         string
		check        func(account, bik string) error
		account, bik string
	}{
		{"settlement_account", document.CheckSettlementAccount, "40702810638000000000", "044525225"},
		{"correspondent_account", document.CheckCorrespondentAccount, "30101810400000000225", "044525225"},
	}
	for _, tc := range accounts {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = tc.check(tc.account, tc.bik)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
		})
	}
}

// BenchmarkCheckSNILSInvalid measures the failure path, which allocates
// the *ValidationError.
func BenchmarkCheckSNILSInvalid(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = document.CheckSNILS("112-233-445 96")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
}
