package gis_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
)

// FuzzCheckQuality feeds arbitrary JSON inputs to the checks: they never
// panic, every finding is complete, and the result is deterministic.
func FuzzCheckQuality(f *testing.F) {
	for _, seed := range []string{
		`{}`,
		`{"meters":[{"serialNumber":"","seal":{"number":"1"},"verificationIntervalYears":1,"lastVerificationDate":"2000-02-29"}]}`,
		`{"meters":[{"verificationIntervalYears":-5,"lastVerificationDate":"9999-12-31"}]}`,
		`{"organisations":[{"ogrn":"1"},{"ogrn":"1"},{"guid":"00000000-0000-4000-8000-000000000001"},{"guid":"00000000-0000-4000-8000-000000000001"}]}`,
		`{"services":[{"code":"","okei":""}]}`,
		`{"contracts":[{"number":"Д","from":"2024-01-01","to":"2023-01-01","houses":["00000000-0000-4000-8000-000000000001","00000000-0000-4000-8000-000000000001"]}],"housingObjects":[{}]}`,
		`{"housingObjects":[{"kind":"apartment_building","premises":[{"rooms":[{},{}]},{}]}],"accounts":[{"accommodations":[{"livingRoomGuid":"00000000-0000-0000-0000-000000000000"}]}]}`,
		`{"accounts":[{"accountNumber":"1","accommodations":[{"premisesGuid":"00000000-0000-4000-8000-000000000002"}],"reasons":{"supplyResourceContracts":[{"number":"Д"}]}}],
		  "paymentDocuments":[{"accountNumber":"1","year":2025,"month":13,"charges":[{"service":{"code":"1"}},{"service":{"code":"1"}},{}]}],
		  "contracts":[{"number":"Д","from":"2020-01-01","services":["2"]}]}`,
	} {
		f.Add([]byte(seed), int64(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, shift int64) {
		var in gis.QualityInput
		if json.Unmarshal(data, &in) != nil {
			return
		}
		today := gis.Date{Year: 2025, Month: time.June, Day: 15}.AddDays(int(shift % 100000))
		got := gis.CheckQuality(in, today)
		for _, fd := range got {
			require.NotEmpty(t, fd.Check)
			require.NotEmpty(t, fd.Message)
			require.NotEmpty(t, fd.Path)
			require.NotEmpty(t, fd.Object.Kind)
			require.NotEmpty(t, fd.Object.Key)
		}
		assert.Equal(t, got, gis.CheckQuality(in, today))
	})
}
