package gis_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/gis/internal/schematest"
)

// orgB is the organisation the part-B typed-builder tests send for.
var orgB = uuid.MustParse("7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d")

// Fixed GUIDs of the part-B tests.
var (
	bHouse    = uuid.MustParse("0c5b2444-70a0-4932-980c-b4dc0d3f02b5")
	bHouse2   = uuid.MustParse("1d6c3555-81b1-4a43-891d-c5ed1e4f13c6")
	bPremise  = uuid.MustParse("b1111111-2222-4333-8444-555555555555")
	bRoom     = uuid.MustParse("b2111111-2222-4333-8444-555555555555")
	bAccount  = uuid.MustParse("b3111111-2222-4333-8444-555555555555")
	bAccount2 = uuid.MustParse("b3222222-2222-4333-8444-555555555555")
	bNsi      = uuid.MustParse("b4111111-2222-4333-8444-555555555555")
	bVersion  = uuid.MustParse("b5111111-2222-4333-8444-555555555555")
	bMeter    = uuid.MustParse("b6111111-2222-4333-8444-555555555555")
)

// builderB returns a Builder with a fixed clock and sequential GUIDs.
func builderB(t testing.TB) *gis.Builder {
	t.Helper()
	var n atomic.Uint64
	return gis.NewBuilder(gis.BuilderConfig{
		OrgPPAGUID: orgB,
		Now:        func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) },
		NewID: func() (uuid.UUID, error) {
			var id uuid.UUID
			id[0] = 0xbb
			binary.BigEndian.PutUint64(id[8:], n.Add(1))
			id[6], id[8] = 0x40, id[8]|0x80
			return id, nil
		},
	})
}

// decB parses a decimal for a test.
func decB(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

// dateB returns a date.
func dateB(y int, m time.Month, d int) gis.Date { return gis.Date{Year: y, Month: m, Day: d} }

// nsiB returns an NSI reference with the code.
func nsiB(code string) gis.NsiRef { return gis.NsiRef{Code: code, GUID: bNsi} }

// testdataB reads a file of testdata/.
func testdataB(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

// wireB returns the serialised message and its body root re-read from
// the bytes, so tests look at what goes on the wire.
func wireB(t testing.TB, m *gis.Message) (string, *etree.Element) {
	t.Helper()
	data, err := m.Bytes()
	require.NoError(t, err)
	doc := etree.NewDocument()
	require.NoError(t, doc.ReadFromBytes(data))
	body := doc.FindElement("/Envelope/Body/*")
	require.NotNil(t, body)
	return string(data), body
}

// violationsB returns the violations of a *gis.ValidationError as
// "field code" strings.
func violationsB(t testing.TB, err error) []string {
	t.Helper()
	require.ErrorIs(t, err, gis.ErrInvalid)
	var ve *gis.ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	out := make([]string, len(ve.Violations))
	for i, v := range ve.Violations {
		out[i] = v.Field + " " + v.Code
		assert.NotEmpty(t, v.Message)
	}
	return out
}

// resultHeaderB is the soapenv:Header of the responses the tests write.
const resultHeaderB = `<soapenv:Header><base:ResultHeader><base:Date>2026-03-02T12:05:00.000+03:00</base:Date><base:MessageGUID>9a0b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d</base:MessageGUID></base:ResultHeader></soapenv:Header>`

// residentialMeter is a minimal individual meter of a flat.
func residentialMeter(serial string) gis.Meter {
	return gis.Meter{
		Kind:              gis.MeterResidentialPremise,
		SerialNumber:      serial,
		Brand:             "Пульсар",
		Model:             "ВСКМ 90-15",
		CommissioningDate: dateB(2025, time.March, 1),
		Seal:              gis.Seal{Number: "П-1", Date: dateB(2025, time.February, 20)},
		AccountGUIDs:      []uuid.UUID{bAccount},
		Resources:         []gis.MeterResource{{Resource: nsiB("1"), Reading: decB("12.345")}},
	}
}

// collectiveMeter is a full common-house heat meter.
func collectiveMeter() gis.Meter {
	return gis.Meter{
		Kind:                      gis.MeterCollective,
		SerialNumber:              "ОДПУ-7",
		Brand:                     "Взлет",
		Model:                     "ТСРВ-034",
		InstallationDate:          dateB(2020, time.May, 1),
		CommissioningDate:         dateB(2020, time.June, 1),
		RemoteReading:             true,
		RemoteReadingInfo:         "АСКУЭ «Город»",
		LastVerificationDate:      dateB(2024, time.June, 1),
		VerificationInterval:      gis.NsiRef{Code: "4", GUID: bNsi, Name: "4 года"},
		VerificationIntervalYears: 4,
		Seal:                      gis.Seal{Number: "12345", Date: dateB(2020, time.April, 1)},
		TemperatureSensor:         true,
		TemperatureSensorInfo:     "на подающем трубопроводе",
		PressureSensor:            true,
		PressureSensorInfo:        "на обратном трубопроводе",
		HouseGUIDs:                []uuid.UUID{bHouse},
		Resources: []gis.MeterResource{
			{Resource: nsiB("5"), Unit: "233", Reading: decB("1234.5678901")},
			{Resource: nsiB("2"), Unit: "113", Reading: decB("0")},
		},
	}
}

func TestImportMeteringDeviceDataSchemaValid(t *testing.T) {
	t.Parallel()
	electric := residentialMeter("Э-1")
	electric.Electric = true
	electric.Resources = []gis.MeterResource{{Unit: "245", Reading: decB("100.5"), ReadingT2: decB("50"), ReadingT3: decB("7"), TransformationRatio: decB("1.5")}}
	volume := residentialMeter("V-1")
	volume.Kind = gis.MeterNonResidentialPremise
	volume.ConsumedVolume = true
	volume.Electric = true
	volume.PremiseGUIDs = []uuid.UUID{bPremise}
	volume.Resources = []gis.MeterResource{{Resource: nsiB("3"), Unit: "245", TariffCount: 2, TransformationRatio: decB("2")}}
	house := residentialMeter("Д-1")
	house.Kind = gis.MeterApartmentHouse
	house.FIASHouseGUID = bHouse
	room := residentialMeter("К-1")
	room.Kind = gis.MeterLivingRoom
	room.LivingRoomGUIDs = []uuid.UUID{bRoom}
	room.AccountGUIDs = []uuid.UUID{bAccount, bAccount2}
	communal := residentialMeter("КК-1")
	communal.Kind = gis.MeterCollectiveApartment
	communal.PremiseGUIDs = []uuid.UUID{bPremise}
	special := residentialMeter(`№ 5 & <"Ёж">`)
	special.Brand = `Бренд 'Ё' & <Ко>`
	special.RemoteReading = true
	special.RemoteReadingInfo = strings.Repeat("Ж", 2000)
	update := residentialMeter("U-1")
	update.Action = gis.MeterUpdate
	update.VersionGUID = bVersion
	archive := gis.Meter{Action: gis.MeterArchive, VersionGUID: bVersion, ArchiveReason: gis.NsiRef{Code: "1", GUID: bNsi, Name: "Истек срок эксплуатации"}}
	after := collectiveMeter()
	after.Action = gis.MeterUpdateAfterReadings
	after.VersionGUID = bVersion
	after.Resources[1].Reading = nil
	afterElectric := electric
	afterElectric.Action = gis.MeterUpdateAfterReadings
	afterElectric.VersionGUID = bVersion
	afterNoReadings := residentialMeter("UA-2")
	afterNoReadings.Action = gis.MeterUpdateAfterReadings
	afterNoReadings.VersionGUID = bVersion
	afterNoReadings.Resources[0].Reading = nil
	planned := gis.Meter{Action: gis.MeterReplace, VersionGUID: bVersion, ReplacingVersionGUID: bMeter, LastVerificationDate: dateB(2026, 2, 1)}
	failed := planned
	failed.FailureReason = nsiB("2")
	for _, tc := range []struct {
		name  string
		meter gis.Meter
		want  []string
	}{
		{"minimal", residentialMeter("1"), []string{"<hm:MeteringDeviceNumber>1</hm:MeteringDeviceNumber>", "<hm:ResidentialPremiseDevice><hm:AccountGUID>" + bAccount.String(), "<metering-device-base:MeteringValue>12.345</metering-device-base:MeteringValue>", "<hm:NotLinkedWithMetering>true</hm:NotLinkedWithMetering>"}},
		{"full collective", collectiveMeter(), []string{"<hm:CollectiveDevice><hm:FIASHouseGuid>" + bHouse.String(), "<hm:VerificationInterval><nsi-base:Code>4</nsi-base:Code>", "<hm:FactorySealDate>2020-04-01</hm:FactorySealDate>", "<hm:Unit>233</hm:Unit>", "<hm:TemperatureSensingElementInfo>"}},
		{"electric", electric, []string{"<hm:MunicipalResourceEnergy><metering-device-base:MeteringValueT1>100.5</metering-device-base:MeteringValueT1>", "<hm:TransformationRatio>1.5</hm:TransformationRatio>"}},
		{"volume", volume, []string{"<hm:ConsumedVolume>true</hm:ConsumedVolume>", "<hm:MunicipalResources>", "<hm:TariffCount>2</hm:TariffCount>", "<hm:PremiseGUID>" + bPremise.String()}},
		{"living house", house, []string{"<hm:FIASHouseGuid>" + bHouse.String(), "<hm:ApartmentHouseDevice><hm:AccountGUID>"}},
		{"room", room, []string{"<hm:LivingRoomDevice><hm:LivingRoomGUID>" + bRoom.String()}},
		{"communal apartment", communal, []string{"<hm:CollectiveApartmentDevice>"}},
		{"special characters", special, []string{"№ 5 &amp; &lt;&quot;Ёж&quot;&gt;", "Бренд &apos;Ё&apos; &amp; &lt;Ко&gt;"}},
		{"update", update, []string{"<hm:DeviceDataToUpdate><hm:MeteringDeviceVersionGUID>" + bVersion.String(), "<hm:UpdateBeforeDevicesValues>"}},
		{"archive", archive, []string{"<hm:ArchiveDevice><hm:ArchivingReason><nsi-base:Code>1</nsi-base:Code>"}},
		{"update after readings", after, []string{"<hm:UpdateAfterDevicesValues><hm:MeteringDeviceNumber>ОДПУ-7</hm:MeteringDeviceNumber>", "<hm:CollectiveDevice><hm:TemperatureSensorInformation>", "<metering-device-base:MeteringValue>1234.5678901</metering-device-base:MeteringValue></hm:MunicipalResourceNotEnergy><hm:FirstVerificationDate>"}},
		{"update after readings electric", afterElectric, []string{"<hm:MunicipalResourceEnergy><metering-device-base:MeteringValueT1>100.5<", "<hm:AccountGUID>" + bAccount.String()}},
		{"update after readings without readings", afterNoReadings, []string{"<hm:AccountGUID>" + bAccount.String() + "</hm:AccountGUID><hm:FactorySealDate>"}},
		{"replace planned", planned, []string{"<hm:ReplaceDevice><hm:VerificationDate>2026-02-01</hm:VerificationDate><hm:PlannedVerification>true</hm:PlannedVerification><hm:ReplacingMeteringDeviceVersionGUID>" + bMeter.String()}},
		{"replace failed", failed, []string{"<hm:ReasonVerification><nsi-base:Code>2</nsi-base:Code>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			msgs, err := builderB(t).ImportMeteringDeviceData([]gis.Meter{tc.meter})
			require.NoError(t, err)
			require.Len(t, msgs, 1)
			schematest.Validate(t, msgs[0])
			wire, _ := wireB(t, msgs[0])
			for _, w := range tc.want {
				assert.Contains(t, wire, w)
			}
			require.Len(t, msgs[0].Items, 1)
			require.Len(t, msgs[0].Objects, 1)
			assert.Equal(t, "meter", msgs[0].Objects[0].Kind)
		})
	}
}

// manyMeters returns n minimal meters with distinct serial numbers.
func manyMeters(n int, house uuid.UUID) []gis.Meter {
	out := make([]gis.Meter, n)
	for i := range out {
		out[i] = residentialMeter(fmt.Sprintf("SN-%05d", i))
		out[i].FIASHouseGUID = house
	}
	return out
}

func TestImportMeteringDeviceDataBatches(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n     int
		sizes []int
	}{
		{1, []int{1}},
		{100, []int{100}},
		{101, []int{100, 1}},
		{250, []int{100, 100, 50}},
	} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			t.Parallel()
			msgs, err := builderB(t).ImportMeteringDeviceData(manyMeters(tc.n, bHouse))
			require.NoError(t, err)
			require.Len(t, msgs, len(tc.sizes))
			seen := map[int]bool{}
			for i, m := range msgs {
				_, body := wireB(t, m)
				devices := body.SelectElements("MeteringDevice")
				require.Len(t, devices, tc.sizes[i])
				assert.Equal(t, bHouse.String(), body.SelectElement("FIASHouseGuid").Text())
				for j, d := range devices {
					tg, err := uuid.Parse(d.SelectElement("TransportGUID").Text())
					require.NoError(t, err)
					idx, ok := m.Items[tg]
					require.True(t, ok)
					assert.Equal(t, 100*i+j, idx)
					assert.False(t, seen[idx])
					seen[idx] = true
				}
				if tc.sizes[i] == 100 || i == 0 {
					schematest.Validate(t, m)
				}
			}
			assert.Len(t, seen, tc.n)
		})
	}
}

func TestImportMeteringDeviceDataGroupsByHouse(t *testing.T) {
	t.Parallel()
	meters := []gis.Meter{
		manyMeters(1, bHouse)[0], manyMeters(1, bHouse2)[0], manyMeters(1, uuid.Nil)[0], manyMeters(1, bHouse)[0],
	}
	msgs, err := builderB(t).ImportMeteringDeviceData(meters)
	require.NoError(t, err)
	require.Len(t, msgs, 3)
	wantIdx := [][]int{{0, 3}, {1}, {2}}
	wantHouse := []string{bHouse.String(), bHouse2.String(), ""}
	for i, m := range msgs {
		_, body := wireB(t, m)
		h := ""
		if e := body.SelectElement("FIASHouseGuid"); e != nil {
			h = e.Text()
		}
		assert.Equal(t, wantHouse[i], h)
		var idx []int
		for _, d := range body.SelectElements("MeteringDevice") {
			tg := uuid.MustParse(d.SelectElement("TransportGUID").Text())
			idx = append(idx, m.Items[tg])
		}
		assert.Equal(t, wantIdx[i], idx)
		schematest.Validate(t, m)
	}
}

func TestImportMeteringDeviceDataViolations(t *testing.T) {
	t.Parallel()
	bad := residentialMeter(strings.Repeat("9", 51))
	bad.Kind = "strange"
	bad.Brand = ""
	bad.CommissioningDate = gis.Date{}
	bad.Seal.Date = dateB(2025, time.February, 30)
	bad.AccountGUIDs = []uuid.UUID{bAccount, bAccount}
	bad.Resources = []gis.MeterResource{{Resource: gis.NsiRef{Code: "x", GUID: bNsi}, Unit: "999", Reading: decB("-1")}}
	coll := collectiveMeter()
	coll.LastVerificationDate = gis.Date{}
	coll.VerificationInterval = gis.NsiRef{}
	coll.PremiseGUIDs = []uuid.UUID{bPremise}
	coll.Resources[0].Reading = decB("1.12345678")
	coll.Resources[1].Reading = nil
	archive := gis.Meter{Action: gis.MeterArchive}
	create := residentialMeter("ok")
	create.VersionGUID = bVersion
	create.ReplacingVersionGUID = bMeter
	replace := gis.Meter{Action: gis.MeterReplace, VersionGUID: bVersion, ReplacingVersionGUID: bVersion}
	_, err := builderB(t).ImportMeteringDeviceData([]gis.Meter{residentialMeter("fine"), bad, coll, archive, create, replace, {Action: "move"}})
	got := violationsB(t, err)
	for _, want := range []string{
		"meters[1].kind format",
		"meters[1].serialNumber too_long",
		"meters[1].brand required",
		"meters[1].commissioningDate required",
		"meters[1].seal.date format",
		"meters[1].accountGuids[1] duplicate",
		"meters[1].resources[0].resource.code format",
		"meters[1].resources[0].unit format",
		"meters[1].resources[0].reading range",
		"meters[2].lastVerificationDate required",
		"meters[2].verificationInterval required",
		"meters[2].premiseGuids not_allowed",
		"meters[2].resources[0].reading format",
		"meters[2].resources[1].reading required",
		"meters[3].versionGuid required",
		"meters[3].archiveReason required",
		"meters[4].versionGuid not_allowed",
		"meters[4].replacingVersionGuid not_allowed",
		"meters[5].replacingVersionGuid format",
		"meters[5].lastVerificationDate required",
		"meters[6].action format",
	} {
		assert.Contains(t, got, want)
	}
	for _, v := range got {
		assert.False(t, strings.HasPrefix(v, "meters[0]"), "the valid meter has no violations: %s", v)
	}
	_, err = builderB(t).ImportMeteringDeviceData(nil)
	assert.Equal(t, []string{"meters required"}, violationsB(t, err))
}

func TestImportMeteringDeviceDataIDSourceFails(t *testing.T) {
	t.Parallel()
	boom := errors.New("нет энтропии")
	b := gis.NewBuilder(gis.BuilderConfig{OrgPPAGUID: orgB, NewID: func() (uuid.UUID, error) { return uuid.Nil, boom }})
	_, err := b.ImportMeteringDeviceData([]gis.Meter{residentialMeter("1")})
	require.ErrorIs(t, err, boom)
}

// meterImportResponse writes an hm getStateResult answering m: the first
// meter fails, the others succeed.
func meterImportResponse(m *gis.Message) []byte {
	byIndex := make(map[int]uuid.UUID, len(m.Items))
	for tg, i := range m.Items {
		byIndex[i] = tg
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/" xmlns:hm="http://dom.gosuslugi.ru/schema/integration/house-management/">
<soapenv:Header><base:ResultHeader><base:Date>2026-03-02T12:05:00.000+03:00</base:Date><base:MessageGUID>9a0b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d</base:MessageGUID></base:ResultHeader></soapenv:Header>
<soapenv:Body><hm:getStateResult Id="signed-data-container" base:version="11.0.0.1"><base:RequestState>3</base:RequestState><base:MessageGUID>9a0b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d</base:MessageGUID><hm:ImportResult base:version="10.0.1.1">`)
	for i := range len(byIndex) {
		tg := byIndex[i]
		if i == 0 {
			fmt.Fprintf(&b, `<hm:CommonResult><base:TransportGUID>%s</base:TransportGUID><base:Error><base:ErrorCode>INT002034</base:ErrorCode><base:Description>Лицевой счет &lt;не найден&gt; &amp; «архивный»</base:Description></base:Error></hm:CommonResult>`, tg)
			continue
		}
		fmt.Fprintf(&b, `<hm:CommonResult><base:GUID>%s</base:GUID><base:TransportGUID>%s</base:TransportGUID><base:UniqueNumber>ПУ-%04d</base:UniqueNumber><base:UpdateDate>2026-03-02T12:04:59.123+03:00</base:UpdateDate><hm:importMeteringDevice><hm:MeteringDeviceGUID>%s</hm:MeteringDeviceGUID></hm:importMeteringDevice></hm:CommonResult>`,
			uuid.NewSHA1(uuid.NameSpaceOID, tg[:]), tg, i, uuid.NewSHA1(uuid.NameSpaceURL, tg[:]))
	}
	b.WriteString(`</hm:ImportResult></hm:getStateResult></soapenv:Body></soapenv:Envelope>`)
	return []byte(b.String())
}

func TestReadImportMeteringDeviceData(t *testing.T) {
	t.Parallel()
	b := builderB(t)
	msgs, err := b.ImportMeteringDeviceData(manyMeters(3, bHouse))
	require.NoError(t, err)
	resp := meterImportResponse(msgs[0])
	schematest.ValidateBytes(t, resp, "house-management")
	r, err := gis.ParseStateResult(resp)
	require.NoError(t, err)
	res, err := gis.ReadImportMeteringDeviceData(msgs[0], r)
	require.NoError(t, err)
	require.Len(t, res, 3)
	assert.Equal(t, 0, res[0].Index)
	assert.False(t, res[0].OK())
	require.Len(t, res[0].Errors, 1)
	assert.Equal(t, "INT002034", res[0].Errors[0].Code)
	assert.Equal(t, "Лицевой счет <не найден> & «архивный»", res[0].Errors[0].Text)
	for i := 1; i < 3; i++ {
		assert.Equal(t, i, res[i].Index)
		assert.True(t, res[i].OK())
		assert.Equal(t, fmt.Sprintf("ПУ-%04d", i), res[i].UniqueNumber)
		assert.NotEqual(t, uuid.Nil, res[i].MeterGUID)
		assert.NotEqual(t, uuid.Nil, res[i].VersionGUID)
		assert.NotEqual(t, res[i].MeterGUID, res[i].VersionGUID)
		assert.False(t, res[i].UpdateDate.IsZero())
	}

	// A result about a TransportGUID the message did not send.
	other, err := b.ImportMeteringDeviceData(manyMeters(3, bHouse2))
	require.NoError(t, err)
	_, err = gis.ReadImportMeteringDeviceData(other[0], r)
	require.ErrorIs(t, err, gis.ErrInvalid)

	// A whole-message error.
	r.Error = &gis.Error{Code: "EXP001000", Text: "Внутренняя ошибка"}
	_, err = gis.ReadImportMeteringDeviceData(msgs[0], r)
	var ge *gis.Error
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, gis.ClassResend, ge.Class())

	// Not done yet.
	_, err = gis.ReadImportMeteringDeviceData(msgs[0], &gis.StateResult{State: gis.StateProcessing})
	require.ErrorIs(t, err, gis.ErrInvalid)
	_, err = gis.ReadImportMeteringDeviceData(nil, r)
	require.ErrorIs(t, err, gis.ErrInvalid)
}

func TestExportMeteringDeviceData(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		q    gis.MeterQuery
		want []string
	}{
		{"by house minimal", gis.MeterQuery{FIASHouseGUID: bHouse}, []string{"<hm:FIASHouseGuid>" + bHouse.String()}},
		{"by house full", gis.MeterQuery{
			Version: "11.1.0.2", FIASHouseGUID: bHouse, OnlyCurrentOrganization: true,
			ModifiedSince: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Resource: nsiB("1"),
			ArchiveFrom: dateB(2025, 1, 1), ArchiveTo: dateB(2025, 12, 31), SearchArchived: true,
			CommissioningFrom: dateB(2020, 1, 1), CommissioningTo: dateB(2026, 1, 1), IncludeFIASHouseGUID: true,
		}, []string{`base:version="11.1.0.2"`, "<hm:IsCurrentOrganization>true", "<hm:UpdateDateTime>2026-01-02T03:04:05.000Z", "<hm:SearchArchived>true", "<hm:IncludeFIASHouseGuid>true"}},
		{"by meter type", gis.MeterQuery{FIASHouseGUID: bHouse, MeterType: nsiB("1")}, []string{"<hm:MeteringDeviceType>"}},
		{"by root", gis.MeterQuery{RootGUID: bMeter, Version: "14.8.0.1"}, []string{"<hm:MeteringDeviceRootGUID>" + bMeter.String(), `base:version="14.8.0.1"`}},
		{"by version", gis.MeterQuery{VersionGUID: bVersion}, []string{"<hm:MeteringDeviceVersionGUID>" + bVersion.String()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m, err := builderB(t).ExportMeteringDeviceData(tc.q)
			require.NoError(t, err)
			schematest.Validate(t, m)
			wire, _ := wireB(t, m)
			for _, w := range tc.want {
				assert.Contains(t, wire, w)
			}
			assert.Empty(t, m.Items)
			assert.Len(t, m.Objects, 1)
		})
	}
}

func TestExportMeteringDeviceDataViolations(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		q    gis.MeterQuery
		want []string
	}{
		{"nothing", gis.MeterQuery{}, []string{"fiasHouseGuid required"}},
		{"two selectors", gis.MeterQuery{RootGUID: bMeter, FIASHouseGUID: bHouse}, []string{"fiasHouseGuid not_allowed"}},
		{"filters without house", gis.MeterQuery{RootGUID: bMeter, SearchArchived: true}, []string{"fiasHouseGuid required"}},
		{"type and resource", gis.MeterQuery{FIASHouseGUID: bHouse, MeterType: nsiB("1"), Resource: gis.NsiRef{Code: "1"}, ArchiveFrom: dateB(2025, 2, 1), ArchiveTo: dateB(2025, 1, 1)},
			[]string{"resource not_allowed", "resource.guid required", "archiveTo range"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := builderB(t).ExportMeteringDeviceData(tc.q)
			assert.Equal(t, tc.want, violationsB(t, err))
		})
	}
	_, err := builderB(t).ExportMeteringDeviceData(gis.MeterQuery{FIASHouseGUID: bHouse, Version: "1.0.0.0"})
	require.ErrorIs(t, err, gis.ErrInvalid)
}

func TestReadExportMeteringDeviceData(t *testing.T) {
	t.Parallel()
	data := testdataB(t, "meter_export_result.xml")
	schematest.ValidateBytes(t, data, "house-management")
	r, err := gis.ParseStateResult(data)
	require.NoError(t, err)
	meters, err := gis.ReadExportMeteringDeviceData(r)
	require.NoError(t, err)
	require.Len(t, meters, 2)

	m := meters[0]
	assert.Equal(t, uuid.MustParse("e1000000-0000-4000-8000-000000000001"), m.RootGUID)
	assert.Equal(t, uuid.MustParse("e2000000-0000-4000-8000-000000000001"), m.VersionGUID)
	assert.Equal(t, "Active", m.Status)
	assert.Equal(t, 3, m.VersionNumber)
	assert.Equal(t, "Актуальная", m.VersionStatus)
	assert.Equal(t, "ПУ-000123", m.GISNumber)
	assert.Equal(t, []uuid.UUID{orgB}, m.Owners)
	assert.Equal(t, time.Date(2026, 2, 1, 9, 30, 0, 0, time.UTC), m.Updated.UTC())
	assert.Equal(t, gis.MeterResidentialPremise, m.Meter.Kind)
	assert.Equal(t, `СВК <15> & "Ё"`, m.Meter.SerialNumber)
	assert.Equal(t, "Пульсар", m.Meter.Brand)
	assert.Equal(t, dateB(2025, time.March, 1), m.Meter.CommissioningDate)
	assert.Equal(t, dateB(2025, time.February, 20), m.Meter.Seal.Date)
	assert.Equal(t, gis.NsiRef{Code: "6", GUID: bNsi, Name: "6 лет"}, m.Meter.VerificationInterval)
	assert.Equal(t, []uuid.UUID{bPremise}, m.Meter.PremiseGUIDs)
	assert.Equal(t, []uuid.UUID{bAccount}, m.Meter.AccountGUIDs)
	require.Len(t, m.Meter.Resources, 1)
	assert.Equal(t, "1", m.Meter.Resources[0].Resource.Code)
	assert.True(t, decimal.RequireFromString("15.5").Equal(*m.Meter.Resources[0].Reading))
	assert.Equal(t, "113", m.Meter.Resources[0].Unit)

	e := meters[1]
	assert.Equal(t, "Archival", e.Status)
	assert.True(t, e.Meter.Electric)
	assert.Equal(t, gis.MeterCollective, e.Meter.Kind)
	assert.Equal(t, []uuid.UUID{bHouse}, e.Meter.HouseGUIDs)
	require.Len(t, e.Meter.Resources, 1)
	assert.True(t, decimal.RequireFromString("1000").Equal(*e.Meter.Resources[0].Reading))
	assert.True(t, decimal.RequireFromString("250.25").Equal(*e.Meter.Resources[0].ReadingT2))
	assert.Nil(t, e.Meter.Resources[0].ReadingT3)
	assert.True(t, decimal.RequireFromString("40").Equal(*e.Meter.Resources[0].TransformationRatio))
}

func TestReadExportMeteringDeviceDataEmptyAndBroken(t *testing.T) {
	t.Parallel()
	empty := []byte(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/">` + resultHeaderB + `<soapenv:Body><hm:getStateResult xmlns:hm="http://dom.gosuslugi.ru/schema/integration/house-management/" base:version="11.0.0.1"><base:RequestState>3</base:RequestState><base:MessageGUID>9a0b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d</base:MessageGUID><base:ErrorMessage><base:ErrorCode>INT002012</base:ErrorCode><base:Description>Нет объектов для экспорта</base:Description></base:ErrorMessage></hm:getStateResult></soapenv:Body></soapenv:Envelope>`)
	schematest.ValidateBytes(t, empty, "house-management")
	r, err := gis.ParseStateResult(empty)
	require.NoError(t, err)
	meters, err := gis.ReadExportMeteringDeviceData(r)
	require.NoError(t, err)
	assert.Empty(t, meters)

	r.Error.Code = "AUT011003"
	_, err = gis.ReadExportMeteringDeviceData(r)
	var ge *gis.Error
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, "AUT011003", ge.Code)

	data := strings.Replace(string(testdataB(t, "meter_export_result.xml")), "e1000000-0000-4000-8000-000000000001", "не-гуид", 1)
	r, err = gis.ParseStateResult([]byte(data))
	require.NoError(t, err)
	_, err = gis.ReadExportMeteringDeviceData(r)
	require.ErrorIs(t, err, gis.ErrInvalid)

	data = strings.Replace(string(testdataB(t, "meter_export_result.xml")), "<metering-device-base:MeteringValue>15.5<", "<metering-device-base:MeteringValue>пятнадцать<", 1)
	r, err = gis.ParseStateResult([]byte(data))
	require.NoError(t, err)
	_, err = gis.ReadExportMeteringDeviceData(r)
	require.ErrorIs(t, err, gis.ErrInvalid)
}

func TestValidatePartBInputsAcceptCleanData(t *testing.T) {
	t.Parallel()
	require.NoError(t, gis.ValidateMeters([]gis.Meter{residentialMeter("1"), collectiveMeter()}))
	require.NoError(t, gis.ValidateReadings(manyReadings(3)))
	require.NoError(t, gis.ValidatePaymentDocuments(manyDocuments(3)))
	require.NoError(t, gis.ValidateDebtResponses(manyResponses(3)))
	assert.Equal(t, []string{"meters[0].serialNumber required"}, violationsB(t, gis.ValidateMeters([]gis.Meter{residentialMeter("")})))
}

func TestImportMeteringDeviceDataHugeExponents(t *testing.T) {
	t.Parallel()
	huge := residentialMeter("1")
	big, small := decimal.New(1, 9999), decimal.New(1, -9999)
	huge.Resources[0].Reading = &big
	tiny := residentialMeter("2")
	tiny.Resources[0].Reading = &small
	err := gis.ValidateMeters([]gis.Meter{huge, tiny})
	assert.Equal(t, []string{"meters[0].resources[0].reading format", "meters[1].resources[0].reading format"}, violationsB(t, err))
}
