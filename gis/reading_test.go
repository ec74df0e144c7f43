package gis_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/gis/internal/schematest"
)

// waterReading is a minimal cold-water reading.
func waterReading(meter uuid.UUID, value string) gis.Reading {
	return gis.Reading{
		MeterRootGUID: meter,
		Resource:      nsiB("1"),
		Value:         decimal.RequireFromString(value),
		Date:          dateB(2026, time.February, 25),
	}
}

func TestImportMeteringDeviceValuesSchemaValid(t *testing.T) {
	t.Parallel()
	electric := gis.Reading{
		FIASHouseGUID: bHouse, MeterVersionGUID: bVersion, Kind: gis.ReadingElectric,
		Value: decimal.RequireFromString("123456789012345.1234567"), ValueT2: decB("0.5"), ValueT3: decB("7"),
		Date: dateB(2026, time.February, 24), PeriodYear: 2026, PeriodMonth: 2,
	}
	volume := gis.Reading{
		MeterRootGUID: bMeter, Kind: gis.ReadingVolume, Resource: nsiB("5"),
		Value: decimal.RequireFromString("1.5"), ValueT2: decB("2"), Date: dateB(2026, time.February, 24),
	}
	control := waterReading(bMeter, "10")
	control.Control = true
	special := waterReading(bMeter, "3")
	special.Resource.Name = `Холодная вода & <"питьевая">`
	period := waterReading(bMeter, "4")
	period.PeriodYear, period.PeriodMonth = 2026, 1
	for _, tc := range []struct {
		name    string
		reading gis.Reading
		want    []string
	}{
		{"minimal", waterReading(bMeter, "12.5"), []string{"<dm:MeteringDeviceRootGUID>" + bMeter.String(), "<dm:OneRateDeviceValue><dm:CurrentValue><metering-device-base:MunicipalResource>", "<metering-device-base:MeteringValue>12.5</metering-device-base:MeteringValue><dm:DateValue>2026-02-25</dm:DateValue>"}},
		{"electric full", electric, []string{"<dm:FIASHouseGuid>" + bHouse.String(), "<dm:MeteringDeviceVersionGUID>", "<metering-device-base:MeteringValueT1>123456789012345.1234567</metering-device-base:MeteringValueT1>", "<dm:Period><base:Year>2026</base:Year><base:Month>2</base:Month></dm:Period>"}},
		{"volume", volume, []string{"<dm:VolumeDeviceValue><dm:CurrentValue><metering-device-base:MunicipalResource>", "<metering-device-base:MeteringValueT2>2</metering-device-base:MeteringValueT2>"}},
		{"control", control, []string{"<dm:ControlValue>"}},
		{"special characters", special, []string{"Холодная вода &amp; &lt;&quot;питьевая&quot;&gt;"}},
		{"period", period, []string{"<base:Month>1</base:Month>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			msgs, err := builderB(t).ImportMeteringDeviceValues([]gis.Reading{tc.reading})
			require.NoError(t, err)
			require.Len(t, msgs, 1)
			schematest.Validate(t, msgs[0])
			wire, _ := wireB(t, msgs[0])
			for _, w := range tc.want {
				assert.Contains(t, wire, w)
			}
			assert.Len(t, msgs[0].Items, 1)
			assert.Len(t, msgs[0].Objects, 1)
		})
	}
}

// manyReadings returns n readings of distinct meters.
func manyReadings(n int) []gis.Reading {
	out := make([]gis.Reading, n)
	for i := range out {
		out[i] = waterReading(uuid.NewSHA1(uuid.NameSpaceOID, fmt.Append(nil, i)), fmt.Sprintf("%d.25", i))
		out[i].FIASHouseGUID = bHouse
	}
	return out
}

func TestImportMeteringDeviceValuesBatches(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n     int
		sizes []int
	}{
		{1000, []int{1000}},
		{1001, []int{1000, 1}},
		{2500, []int{1000, 1000, 500}},
	} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			t.Parallel()
			in := manyReadings(tc.n)
			msgs, err := builderB(t).ImportMeteringDeviceValues(in)
			require.NoError(t, err)
			require.Len(t, msgs, len(tc.sizes))
			seen := map[int]bool{}
			for i, m := range msgs {
				_, body := wireB(t, m)
				values := body.SelectElements("MeteringDevicesValues")
				require.Len(t, values, tc.sizes[i])
				for j, v := range values {
					tg := uuid.MustParse(v.FindElement("./OneRateDeviceValue/CurrentValue/TransportGUID").Text())
					idx := m.Items[tg]
					assert.Equal(t, 1000*i+j, idx)
					assert.Equal(t, in[idx].MeterRootGUID.String(), v.SelectElement("MeteringDeviceRootGUID").Text())
					seen[idx] = true
				}
				if i == 0 {
					schematest.Validate(t, m)
				}
			}
			assert.Len(t, seen, tc.n)
		})
	}
}

func TestImportMeteringDeviceValuesGroupsByHouse(t *testing.T) {
	t.Parallel()
	in := manyReadings(3)
	in[1].FIASHouseGUID = bHouse2
	msgs, err := builderB(t).ImportMeteringDeviceValues(in)
	require.NoError(t, err)
	require.Len(t, msgs, 2)
	assert.Equal(t, []int{0, 2}, sortedIndexes(msgs[0].Items))
	assert.Equal(t, []int{1}, sortedIndexes(msgs[1].Items))
	// One object per meter.
	assert.Len(t, msgs[0].Objects, 2)
}

// sortedIndexes returns the caller's indexes of a message in order.
func sortedIndexes(items map[uuid.UUID]int) []int {
	out := make([]int, 0, len(items))
	for _, idx := range items {
		out = append(out, idx)
	}
	slices.Sort(out)
	return out
}

func TestImportMeteringDeviceValuesViolations(t *testing.T) {
	t.Parallel()
	both := waterReading(bMeter, "1")
	both.MeterVersionGUID = bVersion
	noMeter := waterReading(uuid.Nil, "-1")
	noMeter.Resource = gis.NsiRef{}
	noMeter.Date = gis.Date{}
	tooLong := waterReading(bMeter, "1234567890123456")
	tooLong.ValueT2 = decB("1")
	tooLong.PeriodYear, tooLong.PeriodMonth = 1900, 13
	elec := gis.Reading{MeterRootGUID: bMeter, Kind: gis.ReadingElectric, Resource: nsiB("1"), Value: decimal.RequireFromString("1.12345678"), ValueT3: decB("1"), Date: dateB(2026, 2, 30)}
	weird := waterReading(bMeter, "1")
	weird.Kind = "gas"
	weird.Control = true
	weird.PeriodYear, weird.PeriodMonth = 2026, 1
	_, err := builderB(t).ImportMeteringDeviceValues([]gis.Reading{waterReading(bMeter, "1"), both, noMeter, tooLong, elec, weird})
	got := violationsB(t, err)
	assert.Equal(t, []string{
		"readings[1].meterVersionGuid not_allowed",
		"readings[2].meterRootGuid required",
		"readings[2].resource required",
		"readings[2].value range",
		"readings[2].date required",
		"readings[3].value format",
		"readings[3].valueT2 not_allowed",
		"readings[3].periodYear range",
		"readings[3].periodMonth range",
		"readings[4].resource not_allowed",
		"readings[4].value format",
		"readings[4].valueT2 required",
		"readings[4].date format",
		"readings[5].kind format",
		"readings[5].periodYear not_allowed",
	}, got)
	_, err = builderB(t).ImportMeteringDeviceValues(nil)
	assert.Equal(t, []string{"readings required"}, violationsB(t, err))
}

func TestReadImportMeteringDeviceValues(t *testing.T) {
	t.Parallel()
	msgs, err := builderB(t).ImportMeteringDeviceValues(manyReadings(2))
	require.NoError(t, err)
	m := msgs[0]
	var first, second uuid.UUID
	for tg, i := range m.Items {
		if i == 0 {
			first = tg
		} else {
			second = tg
		}
	}
	resp := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/" xmlns:dm="http://dom.gosuslugi.ru/schema/integration/device-metering/">%s
<soapenv:Body><dm:getStateResult base:version="10.0.1.1"><base:RequestState>3</base:RequestState><base:MessageGUID>9a0b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d</base:MessageGUID>
<dm:ImportResult><base:TransportGUID>%s</base:TransportGUID><base:Error><base:ErrorCode>INT002000</base:ErrorCode><base:Description>Показание меньше предыдущего &lt;12&gt;</base:Description></base:Error></dm:ImportResult>
<dm:ImportResult><base:GUID>c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f</base:GUID><base:TransportGUID>%s</base:TransportGUID><base:UpdateDate>2026-03-02T12:00:00.000+03:00</base:UpdateDate></dm:ImportResult>
</dm:getStateResult></soapenv:Body></soapenv:Envelope>`, resultHeaderB, first, second)
	schematest.ValidateBytes(t, []byte(resp), "device-metering")
	r, err := gis.ParseStateResult([]byte(resp))
	require.NoError(t, err)
	res, err := gis.ReadImportMeteringDeviceValues(m, r)
	require.NoError(t, err)
	require.Len(t, res, 2)
	assert.Equal(t, 0, res[0].Index)
	assert.False(t, res[0].OK())
	assert.Equal(t, "Показание меньше предыдущего <12>", res[0].Errors[0].Text)
	assert.Equal(t, 1, res[1].Index)
	assert.True(t, res[1].OK())
	assert.Equal(t, uuid.MustParse("c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"), res[1].GUID)
	assert.Equal(t, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), res[1].UpdateDate.UTC())

	r.Error = &gis.Error{Code: "INT002012"}
	_, err = gis.ReadImportMeteringDeviceValues(m, r)
	var ge *gis.Error
	require.ErrorAs(t, err, &ge)
}

func TestExportMeteringDeviceHistory(t *testing.T) {
	t.Parallel()
	full := gis.MeterHistoryQuery{
		Version:           "13.1.4.1",
		FIASHouseGUIDs:    []uuid.UUID{bHouse, bHouse2},
		NextRootGUID:      bMeter,
		Resources:         []gis.NsiRef{nsiB("1"), {Code: "2", GUID: bNsi, Name: "Горячая вода & <ГВС>"}},
		CommissioningFrom: dateB(2020, 1, 1), CommissioningTo: dateB(2026, 1, 1),
		SearchArchived: true, ArchiveFrom: dateB(2025, 1, 1), ArchiveTo: dateB(2025, 6, 1),
		InputFrom: dateB(2026, 1, 1), InputTo: dateB(2026, 2, 1),
		ExcludePersons: true, ExcludeCurrentOrg: true, ExcludeOtherOrgs: true, OnlyOtherSystems: true,
	}
	many := gis.MeterHistoryQuery{}
	for i := range gis.MeterHistoryLimit {
		many.MeterRootGUIDs = append(many.MeterRootGUIDs, uuid.NewSHA1(uuid.NameSpaceOID, fmt.Append(nil, i)))
	}
	for _, tc := range []struct {
		name string
		q    gis.MeterHistoryQuery
		want []string
	}{
		{"minimal", gis.MeterHistoryQuery{MeterRootGUIDs: []uuid.UUID{bMeter}}, []string{"<dm:MeteringDeviceRootGUID>" + bMeter.String()}},
		{"full", full, []string{`base:version="13.1.4.1"`, "<dm:ExportMeteringDeviceRootGUID>" + bMeter.String(), "<dm:SerchArchived>true", "<dm:excludeISValues>true", "Горячая вода &amp; &lt;ГВС&gt;"}},
		{"meter types", gis.MeterHistoryQuery{MeterTypes: []gis.NsiRef{nsiB("1")}}, []string{"<dm:MeteringDeviceType>"}},
		// The schema leaves this version open; working clients send 10.0.1.1.
		{"older version", gis.MeterHistoryQuery{Version: "10.0.1.1", MeterRootGUIDs: []uuid.UUID{bMeter}}, []string{`base:version="10.0.1.1"`}},
		{"at limit", many, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m, err := builderB(t).ExportMeteringDeviceHistory(tc.q)
			require.NoError(t, err)
			schematest.Validate(t, m)
			wire, _ := wireB(t, m)
			for _, w := range tc.want {
				assert.Contains(t, wire, w)
			}
		})
	}

	many.MeterRootGUIDs = append(many.MeterRootGUIDs, bMeter)
	many.Resources = []gis.NsiRef{{Code: "1"}}
	many.InputFrom, many.InputTo = dateB(2026, 2, 1), dateB(2026, 1, 1)
	_, err := builderB(t).ExportMeteringDeviceHistory(many)
	assert.Equal(t, []string{"meterRootGuids not_allowed", "meterRootGuids too_many", "resources[0].guid required", "inputTo range"}, violationsB(t, err))
	_, err = builderB(t).ExportMeteringDeviceHistory(gis.MeterHistoryQuery{})
	assert.Equal(t, []string{"meterRootGuids required"}, violationsB(t, err))
}

func TestReadExportMeteringDeviceHistory(t *testing.T) {
	t.Parallel()
	data := testdataB(t, "reading_history_result.xml")
	schematest.ValidateBytes(t, data, "device-metering")
	r, err := gis.ParseStateResult(data)
	require.NoError(t, err)
	page, err := gis.ReadExportMeteringDeviceHistory(r)
	require.NoError(t, err)
	assert.Equal(t, uuid.MustParse("e1000000-0000-4000-8000-000000000009"), page.NextRootGUID)
	assert.False(t, page.LastPage)
	require.Len(t, page.Meters, 3)

	w := page.Meters[0]
	assert.Equal(t, gis.ReadingOneRate, w.Kind)
	assert.Equal(t, bHouse, w.FIASHouseGUID)
	require.Len(t, w.Base, 1)
	assert.True(t, decimal.RequireFromString("1").Equal(w.Base[0].Value))
	require.Len(t, w.Current, 2)
	assert.Equal(t, "1", w.Current[0].Resource.Code)
	assert.True(t, decimal.RequireFromString("15.5").Equal(w.Current[0].Value))
	assert.Equal(t, time.Date(2026, 1, 25, 9, 0, 0, 0, time.UTC), w.Current[0].Taken.UTC())
	assert.Equal(t, 2026, w.Current[0].PeriodYear)
	assert.Equal(t, 1, w.Current[0].PeriodMonth)
	assert.Equal(t, "Гражданин <ЛК>", w.Current[1].Source)
	require.Len(t, w.Control, 1)
	require.Len(t, w.Verifications, 1)
	v := w.Verifications[0]
	assert.Equal(t, dateB(2025, 6, 1), v.Start)
	assert.Equal(t, dateB(2025, 6, 10), v.SealDate)
	assert.False(t, v.Planned)
	assert.Equal(t, "3", v.Reason.Code)
	assert.Len(t, v.StartValues, 1)
	assert.Len(t, v.EndValues, 1)

	e := page.Meters[1]
	assert.Equal(t, gis.ReadingElectric, e.Kind)
	require.Len(t, e.Current, 1)
	assert.True(t, decimal.RequireFromString("100").Equal(e.Current[0].Value))
	assert.True(t, decimal.RequireFromString("50").Equal(*e.Current[0].ValueT2))
	assert.Equal(t, "2", e.ArchiveReason.Code)

	vol := page.Meters[2]
	assert.Equal(t, gis.ReadingVolume, vol.Kind)
	require.Len(t, vol.Current, 1)
	assert.True(t, decimal.RequireFromString("3.25").Equal(vol.Current[0].Value))

	last := strings.Replace(string(data), "<dm:ExportMeteringDeviceRootGUID>e1000000-0000-4000-8000-000000000009</dm:ExportMeteringDeviceRootGUID>", "<dm:LastPage>true</dm:LastPage>", 1)
	schematest.ValidateBytes(t, []byte(last), "device-metering")
	r, err = gis.ParseStateResult([]byte(last))
	require.NoError(t, err)
	page, err = gis.ReadExportMeteringDeviceHistory(r)
	require.NoError(t, err)
	assert.True(t, page.LastPage)
	assert.Equal(t, uuid.Nil, page.NextRootGUID)

	broken := strings.Replace(string(data), "<metering-device-base:MeteringValue>15.5<", "<metering-device-base:MeteringValue>1e5x<", 1)
	r, err = gis.ParseStateResult([]byte(broken))
	require.NoError(t, err)
	_, err = gis.ReadExportMeteringDeviceHistory(r)
	require.ErrorIs(t, err, gis.ErrInvalid)

	_, err = gis.ReadExportMeteringDeviceHistory(nil)
	require.ErrorIs(t, err, gis.ErrInvalid)
}

// BenchmarkImportMeteringDeviceValues builds and serialises one full
// message of 1000 readings.
func BenchmarkImportMeteringDeviceValues(b *testing.B) {
	in := manyReadings(gis.ReadingLimit)
	bld := builderB(b)
	b.ReportAllocs()
	for b.Loop() {
		msgs, err := bld.ImportMeteringDeviceValues(in)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := msgs[0].Bytes(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(in))/b.Elapsed().Seconds(), "readings/s")
}
