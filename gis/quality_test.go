package gis_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
)

var qToday = gis.Date{Year: 2025, Month: time.June, Day: 15}

// gid returns a fixed GUID numbered n.
func gid(n int) uuid.UUID {
	return uuid.MustParse(fmt.Sprintf("00000000-0000-4000-8000-%012d", n))
}

// checks returns the check codes of the findings, in order.
func checks(fs []gis.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Check)
	}
	return out
}

func cleanMeter() gis.Meter {
	return gis.Meter{
		Kind:                      gis.MeterResidentialPremise,
		SerialNumber:              "СЧ-001",
		Seal:                      gis.Seal{Number: "П-17", Date: gis.Date{Year: 2021, Month: time.March, Day: 1}},
		VerificationIntervalYears: 6,
		LastVerificationDate:      gis.Date{Year: 2021, Month: time.March, Day: 1},
	}
}

func TestCheckMeters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		edit   func(*gis.Meter)
		checks []string
	}{
		{"clean", func(*gis.Meter) {}, []string{}},
		{"no serial", func(m *gis.Meter) { m.SerialNumber = "  " }, []string{gis.CheckMeterNoSerial}},
		{"no seal at all", func(m *gis.Meter) { m.Seal = gis.Seal{} }, []string{gis.CheckMeterNoSealDate}},
		{"seal number without date", func(m *gis.Meter) { m.Seal.Date = gis.Date{} }, []string{gis.CheckMeterSealNoDate}},
		{"seal date without number", func(m *gis.Meter) { m.Seal.Number = "" }, []string{gis.CheckMeterSealNoNumber}},
		{"interval of one year", func(m *gis.Meter) {
			m.VerificationIntervalYears = 1
			m.LastVerificationDate = gis.Date{Year: 2025, Month: time.January, Day: 10}
		}, []string{gis.CheckMeterIntervalOneYear}},
		{"no interval", func(m *gis.Meter) { m.VerificationIntervalYears = 0 }, []string{gis.CheckMeterNoInterval}},
		{"interval only as an NSI entry", func(m *gis.Meter) {
			m.VerificationIntervalYears = 0
			m.VerificationInterval = gis.NsiRef{Code: "6", GUID: gid(16)}
		}, []string{}},
		{"verification expired", func(m *gis.Meter) {
			m.LastVerificationDate = gis.Date{Year: 2019, Month: time.June, Day: 14}
		}, []string{gis.CheckMeterVerificationExpired}},
		{"verification due today is not expired", func(m *gis.Meter) {
			m.LastVerificationDate = gis.Date{Year: 2019, Month: time.June, Day: 15}
		}, []string{}},
		{"no last verification date", func(m *gis.Meter) { m.LastVerificationDate = gis.Date{} }, []string{}},
		{"everything wrong", func(m *gis.Meter) {
			m.SerialNumber = ""
			m.Seal = gis.Seal{Number: "П-1"}
			m.VerificationIntervalYears = 1
			m.LastVerificationDate = gis.Date{Year: 2020, Month: time.January, Day: 1}
		}, []string{gis.CheckMeterNoSerial, gis.CheckMeterSealNoDate, gis.CheckMeterIntervalOneYear, gis.CheckMeterVerificationExpired}},
		{"archived meters are not judged", func(m *gis.Meter) {
			m.Action = gis.MeterArchive
			m.SerialNumber = ""
		}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := cleanMeter()
			tt.edit(&m)
			got := gis.CheckMeters([]gis.Meter{m}, qToday)
			assert.Equal(t, tt.checks, checks(got))
			for _, f := range got {
				assert.Equal(t, "meter", f.Object.Kind)
				assert.Equal(t, "meters[0]", f.Path)
				assert.NotEmpty(t, f.Object.Key)
				assert.NotEmpty(t, f.Message)
			}
		})
	}
}

func TestCheckMetersKeysAndMessages(t *testing.T) {
	t.Parallel()
	expired := cleanMeter()
	expired.LastVerificationDate = gis.Date{Year: 2018, Month: time.February, Day: 28}
	noSerial := cleanMeter()
	noSerial.SerialNumber = ""
	noSerial.VersionGUID = gid(7)
	anonymous := cleanMeter()
	anonymous.SerialNumber = ""
	got := gis.CheckMeters([]gis.Meter{expired, noSerial, anonymous}, qToday)
	require.Len(t, got, 3)
	assert.Equal(t, gis.ObjectRef{Kind: "meter", Key: "СЧ-001"}, got[0].Object)
	assert.Equal(t, "срок поверки истек 2024-02-28 (последняя поверка 2018-02-28, интервал 6 лет)", got[0].Message)
	assert.Equal(t, gid(7).String(), got[1].Object.Key)
	assert.Equal(t, "meters[1]", got[1].Path)
	assert.Equal(t, "meters[2]", got[2].Object.Key, "without a serial or GUID the path is the key")
}

func TestCheckMetersLeapDay(t *testing.T) {
	t.Parallel()
	m := cleanMeter()
	m.VerificationIntervalYears = 4
	m.LastVerificationDate = gis.Date{Year: 2020, Month: time.February, Day: 29}
	assert.Empty(t, gis.CheckMeters([]gis.Meter{m}, gis.Date{Year: 2024, Month: time.February, Day: 29}))
	m.VerificationIntervalYears = 3
	got := gis.CheckMeters([]gis.Meter{m}, gis.Date{Year: 2023, Month: time.March, Day: 2})
	require.Len(t, got, 1)
	assert.Contains(t, got[0].Message, "истек 2023-03-01", "29 February plus three years is 1 March")
	assert.Contains(t, got[0].Message, "интервал 3 года")
}

func TestCheckOrganisations(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		orgs   []gis.Organisation
		checks []string
		paths  []string
	}{
		{"clean", []gis.Organisation{
			{GUID: gid(1), OGRN: "1027700132195"}, {GUID: gid(2), OGRN: "1037739010891"},
		}, []string{}, []string{}},
		{"no GUID", []gis.Organisation{{OGRN: "1027700132195"}},
			[]string{gis.CheckOrganisationNoGUID}, []string{"organisations[0]"}},
		{"duplicate OGRN", []gis.Organisation{
			{GUID: gid(1), OGRN: "1027700132195"}, {GUID: gid(2), OGRN: "1037739010891"}, {GUID: gid(3), OGRN: " 1027700132195"},
		}, []string{gis.CheckOrganisationDuplicateOGRN}, []string{"organisations[2]"}},
		{"duplicate GUID", []gis.Organisation{
			{GUID: gid(1), OGRN: "1027700132195"}, {GUID: gid(1), OGRN: "1037739010891"},
		}, []string{gis.CheckOrganisationDuplicateGUID}, []string{"organisations[1]"}},
		{"two without GUID are not duplicates of each other", []gis.Organisation{{OGRN: "1"}, {OGRN: "2"}},
			[]string{gis.CheckOrganisationNoGUID, gis.CheckOrganisationNoGUID}, []string{"organisations[0]", "organisations[1]"}},
		{"empty OGRNs are not duplicates", []gis.Organisation{{GUID: gid(1)}, {GUID: gid(2)}}, []string{}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := gis.CheckOrganisations(tt.orgs)
			assert.Equal(t, tt.checks, checks(got))
			paths := []string{}
			for _, f := range got {
				paths = append(paths, f.Path)
				assert.Equal(t, "organisation", f.Object.Kind)
			}
			assert.Equal(t, tt.paths, paths)
		})
	}
	got := gis.CheckOrganisations([]gis.Organisation{{GUID: gid(1), OGRN: "1027700132195"}, {GUID: gid(1), OGRN: "1027700132195"}})
	assert.Equal(t, []string{gis.CheckOrganisationDuplicateOGRN, gis.CheckOrganisationDuplicateGUID}, checks(got))
	assert.Equal(t, "ОГРН 1027700132195 уже указан у организации organisations[0]", got[0].Message)
}

func TestCheckServices(t *testing.T) {
	t.Parallel()
	orgs := []gis.Organisation{{GUID: gid(1), OGRN: "1027700132195"}}
	tests := []struct {
		name    string
		service gis.ServiceInfo
		orgs    []gis.Organisation
		checks  []string
	}{
		{"clean", gis.ServiceInfo{Code: "1", OKEI: "113", DataProviderGUID: gid(1)}, orgs, []string{}},
		{"no OKEI", gis.ServiceInfo{Code: "1", OKEI: " ", DataProviderGUID: gid(1)}, orgs, []string{gis.CheckServiceNoOKEI}},
		{"no provider", gis.ServiceInfo{Code: "1", OKEI: "113"}, orgs, []string{gis.CheckServiceNoProvider}},
		{"unknown provider", gis.ServiceInfo{Code: "1", OKEI: "113", DataProviderGUID: gid(2)}, orgs, []string{gis.CheckServiceUnknownProvider}},
		{"providers not judged without organisations", gis.ServiceInfo{Code: "1", OKEI: "113", DataProviderGUID: gid(2)}, nil, []string{}},
		{"neither", gis.ServiceInfo{Name: "Отопление"}, orgs, []string{gis.CheckServiceNoOKEI, gis.CheckServiceNoProvider}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := gis.CheckServices([]gis.ServiceInfo{tt.service}, tt.orgs)
			assert.Equal(t, tt.checks, checks(got))
			for _, f := range got {
				assert.Equal(t, gis.ObjectRef{Kind: "service", Key: tt.service.Code + tt.service.Name}, f.Object)
			}
		})
	}
}

func cleanContract() gis.SupplyContract {
	return gis.SupplyContract{
		Number: "Д-1", From: gis.Date{Year: 2024, Month: time.January, Day: 1},
		Services: []string{"1"}, Houses: []uuid.UUID{gid(100)},
	}
}

func TestCheckContracts(t *testing.T) {
	t.Parallel()
	houses := []gis.HousingObject{{FIASHouseGUID: gid(100)}}
	tests := []struct {
		name   string
		edit   func(*gis.SupplyContract)
		houses []gis.HousingObject
		checks []string
	}{
		{"clean", func(*gis.SupplyContract) {}, houses, []string{}},
		{"ends today is not expired", func(c *gis.SupplyContract) { c.To = qToday }, houses, []string{}},
		{"expired", func(c *gis.SupplyContract) { c.To = qToday.AddDays(-1) }, nil, []string{gis.CheckContractExpired}},
		{"no services", func(c *gis.SupplyContract) { c.Services = nil }, houses, []string{gis.CheckContractNoServices}},
		{"no objects", func(c *gis.SupplyContract) { c.Houses = nil }, nil, []string{gis.CheckContractNoObjects}},
		{"accounts only", func(c *gis.SupplyContract) { c.Houses, c.Accounts = nil, []string{"ЛС-1"} }, nil, []string{}},
		{"house twice", func(c *gis.SupplyContract) { c.Houses = []uuid.UUID{gid(100), gid(100)} }, houses,
			[]string{gis.CheckContractDuplicateHouse}},
		{"unknown house", func(c *gis.SupplyContract) { c.Houses = []uuid.UUID{gid(100), gid(102)} }, houses,
			[]string{gis.CheckContractUnknownHouse}},
		{"no housing objects given: houses not judged", func(c *gis.SupplyContract) { c.Houses = []uuid.UUID{gid(102)} }, nil,
			[]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := cleanContract()
			tt.edit(&c)
			got := gis.CheckContracts([]gis.SupplyContract{c}, tt.houses, qToday)
			assert.Equal(t, tt.checks, checks(got))
			for _, f := range got {
				assert.Equal(t, gis.ObjectRef{Kind: "contract", Key: "Д-1"}, f.Object)
			}
		})
	}
}

func TestCheckContractsAcrossContracts(t *testing.T) {
	t.Parallel()
	houses := []gis.HousingObject{{FIASHouseGUID: gid(100)}, {FIASHouseGUID: gid(101), Address: "ул. Мира, д. 2"}, {}}
	second := func(edit func(*gis.SupplyContract)) gis.SupplyContract {
		c := cleanContract()
		c.Number = "Д-2"
		c.Houses = []uuid.UUID{gid(101), gid(100)}
		edit(&c)
		return c
	}
	type want struct{ check, key, path string }
	tests := []struct {
		name      string
		contracts []gis.SupplyContract
		want      []want
	}{
		{"clean: different services", []gis.SupplyContract{cleanContract(), second(func(c *gis.SupplyContract) { c.Services = []string{"2"} })}, nil},
		{"same house and service in two active contracts", []gis.SupplyContract{cleanContract(), second(func(*gis.SupplyContract) {})},
			[]want{{gis.CheckContractOverlap, "Д-2", "contracts[1].houses[1]"}}},
		{"an expired contract does not overlap", []gis.SupplyContract{cleanContract(), second(func(c *gis.SupplyContract) { c.To = qToday.AddDays(-1) })},
			[]want{{gis.CheckContractExpired, "Д-2", "contracts[1]"}, {gis.CheckHouseNoContracts, gid(101).String(), "housingObjects[1]"}}},
		{"a future contract does not overlap", []gis.SupplyContract{cleanContract(), second(func(c *gis.SupplyContract) { c.From = qToday.AddDays(1) })},
			[]want{{gis.CheckHouseNoContracts, gid(101).String(), "housingObjects[1]"}}},
		{"a house without contracts", []gis.SupplyContract{cleanContract()},
			[]want{{gis.CheckHouseNoContracts, gid(101).String(), "housingObjects[1]"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var have []want
			for _, f := range gis.CheckContracts(tt.contracts, houses, qToday) {
				have = append(have, want{f.Check, f.Object.Key, f.Path})
			}
			assert.Equal(t, tt.want, have)
		})
	}
	got := gis.CheckContracts([]gis.SupplyContract{cleanContract(), second(func(*gis.SupplyContract) {})}, houses, qToday)
	require.Len(t, got, 1)
	assert.Equal(t, "услугу 1 для дома 00000000-0000-4000-8000-000000000100 уже предоставляет действующий договор Д-1", got[0].Message)
	assert.Empty(t, gis.CheckContracts(nil, houses, qToday), "without contracts houses are not judged")
}

func TestSupplyContractActiveOn(t *testing.T) {
	t.Parallel()
	c := gis.SupplyContract{From: gis.Date{Year: 2024, Month: time.January, Day: 1}, To: gis.Date{Year: 2024, Month: time.December, Day: 31}}
	assert.False(t, c.ActiveOn(gis.Date{Year: 2023, Month: time.December, Day: 31}))
	assert.True(t, c.ActiveOn(c.From))
	assert.True(t, c.ActiveOn(c.To))
	assert.False(t, c.ActiveOn(gis.Date{Year: 2025, Month: time.January, Day: 1}))
	c.To = gis.Date{}
	assert.True(t, c.ActiveOn(gis.Date{Year: 2099, Month: time.January, Day: 1}), "an open end")
	assert.False(t, gis.SupplyContract{}.ActiveOn(qToday), "a contract without a start is never active")
}

// building returns an apartment building (GUID 100) with one entrance and
// two premises (GUIDs 110 and 120); premise 120 has rooms 121 and 122.
func building() gis.HousingObject {
	return gis.HousingObject{
		FIASHouseGUID: gid(100), Kind: gis.ApartmentBuilding, Address: "г. Тюмень, ул. Ленина, д. 1",
		Entrances: []gis.Entrance{{Number: "1"}},
		Premises: []gis.Premise{
			{Number: "1", GUID: gid(110), Residential: true},
			{Number: "2", GUID: gid(120), Residential: true, Rooms: []gis.Room{{Number: "1", GUID: gid(121)}, {Number: "2", GUID: gid(122)}}},
		},
	}
}

func accountOn(number string, places ...gis.Accommodation) gis.Account {
	return gis.Account{Kind: gis.AccountUO, AccountNumber: number, Accommodations: places,
		Payer: gis.Payer{Individual: &gis.PayerIndividual{Surname: "Петров", FirstName: "Петр"}}}
}

func TestCheckHousingObjects(t *testing.T) {
	t.Parallel()
	occupied := []gis.Account{
		accountOn("1", gis.Accommodation{PremisesGUID: gid(110)}),
		accountOn("2", gis.Accommodation{LivingRoomGUID: gid(121)}),
		accountOn("3", gis.Accommodation{LivingRoomGUID: gid(122)}),
	}
	type want struct{ check, path, key string }
	tests := []struct {
		name     string
		house    func() gis.HousingObject
		accounts []gis.Account
		want     []want
	}{
		{"clean", building, occupied, nil},
		{"no GUID", func() gis.HousingObject { h := building(); h.FIASHouseGUID = uuid.Nil; return h }, occupied,
			[]want{{gis.CheckHouseNoGUID, "housingObjects[0]", "г. Тюмень, ул. Ленина, д. 1"}}},
		{"temporary GUID", func() gis.HousingObject { h := building(); h.TemporaryGUID = true; return h }, occupied,
			[]want{{gis.CheckHouseTemporaryGUID, "housingObjects[0]", gid(100).String()}}},
		{"no entrances", func() gis.HousingObject { h := building(); h.Entrances = nil; return h }, occupied,
			[]want{{gis.CheckHouseNoEntrances, "housingObjects[0]", gid(100).String()}}},
		{"detached house needs no entrances or premises", func() gis.HousingObject {
			return gis.HousingObject{FIASHouseGUID: gid(200), Kind: gis.DetachedHouse}
		}, []gis.Account{accountOn("9", gis.Accommodation{FIASHouseGUID: gid(200)})}, nil},
		{"no premises and no accounts", func() gis.HousingObject { h := building(); h.Premises = nil; return h }, occupied,
			[]want{{gis.CheckHouseNoAccounts, "housingObjects[0]", gid(100).String()}, {gis.CheckHouseNoPremises, "housingObjects[0]", gid(100).String()}}},
		{"premise without accounts", building, occupied[1:],
			[]want{{gis.CheckPremiseNoAccounts, "housingObjects[0].premises[0]", gid(100).String() + "/пом. 1"}}},
		{"room without accounts; its premise is occupied through the other room", building, occupied[:2],
			[]want{{gis.CheckRoomNoAccounts, "housingObjects[0].premises[1].rooms[1]", gid(100).String() + "/пом. 2/ком. 2"}}},
		{"an account on the premise does not occupy its rooms", building, []gis.Account{
			accountOn("1", gis.Accommodation{PremisesGUID: gid(110)}), accountOn("2", gis.Accommodation{PremisesGUID: gid(120)}),
		}, []want{
			{gis.CheckRoomNoAccounts, "housingObjects[0].premises[1].rooms[0]", gid(100).String() + "/пом. 2/ком. 1"},
			{gis.CheckRoomNoAccounts, "housingObjects[0].premises[1].rooms[1]", gid(100).String() + "/пом. 2/ком. 2"},
		}},
		{"closed accounts do not count", building, []gis.Account{func() gis.Account {
			a := accountOn("1", gis.Accommodation{PremisesGUID: gid(110)})
			a.Closed = &gis.AccountClosure{Reason: gis.NsiRef{Code: "1", GUID: gid(22)}, Date: qToday}
			return a
		}()}, []want{
			{gis.CheckHouseNoAccounts, "housingObjects[0]", gid(100).String()},
			{gis.CheckPremiseNoAccounts, "housingObjects[0].premises[0]", gid(100).String() + "/пом. 1"},
			{gis.CheckPremiseNoAccounts, "housingObjects[0].premises[1]", gid(100).String() + "/пом. 2"},
			{gis.CheckRoomNoAccounts, "housingObjects[0].premises[1].rooms[0]", gid(100).String() + "/пом. 2/ком. 1"},
			{gis.CheckRoomNoAccounts, "housingObjects[0].premises[1].rooms[1]", gid(100).String() + "/пом. 2/ком. 2"},
		}},
		{"an account on the house itself", func() gis.HousingObject { h := building(); h.Premises = h.Premises[:0]; return h },
			[]gis.Account{accountOn("1", gis.Accommodation{FIASHouseGUID: gid(100)})},
			[]want{{gis.CheckHouseNoPremises, "housingObjects[0]", gid(100).String()}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := gis.CheckHousingObjects([]gis.HousingObject{tt.house()}, tt.accounts)
			var have []want
			for _, f := range got {
				have = append(have, want{f.Check, f.Path, f.Object.Key})
				assert.NotEmpty(t, f.Message)
			}
			assert.Equal(t, tt.want, have)
		})
	}
}

func charge(code string) gis.ServiceCharge {
	return gis.ServiceCharge{Kind: gis.ChargeMunicipal, Service: gis.NsiRef{Code: code, GUID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(code))}}
}

// accountGUID is the GIS GUID of the account numbered number.
func accountGUID(number string) uuid.UUID { return uuid.NewSHA1(uuid.NameSpaceURL, []byte(number)) }

func bill(account string, charges ...gis.ServiceCharge) gis.PaymentDocument {
	return gis.PaymentDocument{Year: 2025, Month: 5, AccountGUID: accountGUID(account), AccountNumber: account, Number: "ПД-" + account, Charges: charges}
}

func TestCheckPaymentDocuments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		doc    gis.PaymentDocument
		checks []string
		paths  []string
	}{
		{"clean", bill("1", charge("1"), charge("2")), []string{}, []string{}},
		{"same service twice", bill("1", charge("1"), charge("2"), charge("1")),
			[]string{gis.CheckPaymentDocumentDuplicateService}, []string{"paymentDocuments[0].charges[2]"}},
		{"same code in different books is not a duplicate", func() gis.PaymentDocument {
			a, b := charge("1"), charge("1")
			b.Kind = gis.ChargeHousing
			b.Service.GUID = gid(50)
			return bill("1", a, b)
		}(), []string{}, []string{}},
		{"empty kind is housing", func() gis.PaymentDocument {
			a, b := charge("1"), charge("1")
			a.Kind, b.Kind = "", gis.ChargeHousing
			return bill("1", a, b)
		}(), []string{gis.CheckPaymentDocumentDuplicateService}, []string{"paymentDocuments[0].charges[1]"}},
		{"by code when there is no GUID", func() gis.PaymentDocument {
			a, b := charge("4"), charge("4")
			a.Service.GUID, b.Service.GUID = uuid.Nil, uuid.Nil
			return bill("1", a, b)
		}(), []string{gis.CheckPaymentDocumentDuplicateService}, []string{"paymentDocuments[0].charges[1]"}},
		{"charges without a service are skipped", bill("1", gis.ServiceCharge{}, gis.ServiceCharge{}), []string{}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := gis.CheckPaymentDocuments([]gis.PaymentDocument{tt.doc})
			assert.Equal(t, tt.checks, checks(got))
			paths := []string{}
			for _, f := range got {
				paths = append(paths, f.Path)
				assert.Equal(t, gis.ObjectRef{Kind: "payment_document", Key: "ПД-1"}, f.Object)
				assert.Contains(t, f.Message, "05.2025")
			}
			assert.Equal(t, tt.paths, paths)
		})
	}
}

func TestCheckPaymentDocumentsAcrossDocuments(t *testing.T) {
	t.Parallel()
	first := bill("ЛС-1", charge("1"))
	tests := []struct {
		name   string
		second func() gis.PaymentDocument
		want   []string
	}{
		{"same account and period", func() gis.PaymentDocument {
			d := bill("ЛС-1", charge("2"), charge("1"))
			d.Number = "ПД-2"
			return d
		},
			[]string{"paymentDocuments[1].charges[1]: услуга 1 уже начислена за 05.2025 в платежном документе ПД-ЛС-1 того же лицевого счета"}},
		{"another period", func() gis.PaymentDocument { d := bill("ЛС-1", charge("1")); d.Month = 6; return d }, nil},
		{"another account", func() gis.PaymentDocument { return bill("ЛС-2", charge("1")) }, nil},
		{"one document by GUID, the other by number only: not compared", func() gis.PaymentDocument {
			d := bill("ЛС-1", charge("1"))
			d.AccountGUID = uuid.Nil
			return d
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var have []string
			for _, f := range gis.CheckPaymentDocuments([]gis.PaymentDocument{first, tt.second()}) {
				assert.Equal(t, gis.CheckPaymentDocumentDuplicateService, f.Check)
				have = append(have, f.Path+": "+f.Message)
			}
			assert.Equal(t, tt.want, have)
		})
	}
	a, b := bill("", charge("1")), bill("", charge("1"))
	a.AccountGUID, b.AccountGUID = uuid.Nil, uuid.Nil
	assert.Empty(t, gis.CheckPaymentDocuments([]gis.PaymentDocument{a, b}), "documents of unknown accounts are not compared")
}

func TestCheckAccounts(t *testing.T) {
	t.Parallel()
	houses := []gis.HousingObject{building()}
	onPremise := accountOn("ЛС-1", gis.Accommodation{PremisesGUID: gid(110)})
	onRoom := accountOn("ЛС-2", gis.Accommodation{LivingRoomGUID: gid(121)})
	byHouse := cleanContract() // house 100, service "1"
	tests := []struct {
		name      string
		accounts  []gis.Account
		docs      []gis.PaymentDocument
		contracts []gis.SupplyContract
		want      []string // "path: message fragment"
	}{
		{"covered through the premise's house", []gis.Account{onPremise}, []gis.PaymentDocument{bill("ЛС-1", charge("1"))},
			[]gis.SupplyContract{byHouse}, nil},
		{"covered through the room's house", []gis.Account{onRoom}, []gis.PaymentDocument{bill("ЛС-2", charge("1"))},
			[]gis.SupplyContract{byHouse}, nil},
		{"service not in the contract", []gis.Account{onPremise}, []gis.PaymentDocument{bill("ЛС-1", charge("1"), charge("2"), charge("2"))},
			[]gis.SupplyContract{byHouse}, []string{"accounts[0]: услуга 2 из платежного документа ПД-ЛС-1 за 05.2025"}},
		{"contract no longer active", []gis.Account{onPremise}, []gis.PaymentDocument{bill("ЛС-1", charge("1"))},
			[]gis.SupplyContract{func() gis.SupplyContract { c := byHouse; c.To = qToday.AddDays(-1); return c }()},
			[]string{"accounts[0]: услуга 1"}},
		{"contract of another house", []gis.Account{onPremise}, []gis.PaymentDocument{bill("ЛС-1", charge("1"))},
			[]gis.SupplyContract{func() gis.SupplyContract { c := byHouse; c.Houses = []uuid.UUID{gid(555)}; return c }()},
			[]string{"accounts[0]: услуга 1"}},
		{"covered by account number", []gis.Account{onPremise}, []gis.PaymentDocument{bill("ЛС-1", charge("1"))},
			[]gis.SupplyContract{func() gis.SupplyContract { c := byHouse; c.Houses, c.Accounts = nil, []string{"ЛС-1"}; return c }()}, nil},
		{"covered by the account's reasons", []gis.Account{func() gis.Account {
			a := onPremise
			a.Reasons = &gis.AccountReasons{SupplyResourceContracts: []gis.SupplyContractReason{{Number: "Д-1"}}}
			return a
		}()}, []gis.PaymentDocument{bill("ЛС-1", charge("1"))},
			[]gis.SupplyContract{func() gis.SupplyContract { c := byHouse; c.Houses = nil; return c }()}, nil},
		{"covered by contract GUID in the reasons", []gis.Account{func() gis.Account {
			a := onPremise
			a.Reasons = &gis.AccountReasons{SupplyResourceContracts: []gis.SupplyContractReason{{ContractGUID: gid(77)}}}
			return a
		}()}, []gis.PaymentDocument{bill("ЛС-1", charge("1"))},
			[]gis.SupplyContract{func() gis.SupplyContract { c := byHouse; c.Houses, c.GUID = nil, gid(77); return c }()}, nil},
		{"contract lists the service by NSI GUID", []gis.Account{onPremise}, []gis.PaymentDocument{bill("ЛС-1", charge("3"))},
			[]gis.SupplyContract{func() gis.SupplyContract {
				c := byHouse
				c.Services = []string{charge("3").Service.GUID.String()}
				return c
			}()}, nil},
		{"document found by account GUID", []gis.Account{func() gis.Account { a := onPremise; a.AccountGUID = accountGUID("x"); return a }()},
			[]gis.PaymentDocument{func() gis.PaymentDocument { d := bill("", charge("8")); d.AccountGUID = accountGUID("x"); return d }()}, []gis.SupplyContract{byHouse},
			[]string{"accounts[0]: услуга 8 из платежного документа ПД-"}},
		{"no contracts: not judged", []gis.Account{onPremise}, []gis.PaymentDocument{bill("ЛС-1", charge("2"))}, nil, nil},
		{"no documents: not judged", []gis.Account{onPremise}, nil, []gis.SupplyContract{byHouse}, nil},
		{"documents of other accounts are ignored", []gis.Account{onPremise}, []gis.PaymentDocument{bill("ЛС-9", charge("2"))},
			[]gis.SupplyContract{byHouse}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := gis.CheckAccounts(tt.accounts, tt.docs, tt.contracts, houses, qToday)
			require.Len(t, got, len(tt.want))
			for i, f := range got {
				assert.Equal(t, gis.CheckAccountServiceNotContracted, f.Check)
				assert.Equal(t, "account", f.Object.Kind)
				assert.Contains(t, f.Path+": "+f.Message, tt.want[i])
				assert.Contains(t, f.Message, "действующих на 2025-06-15")
			}
		})
	}
}

func TestCheckQualityOrderAndCleanInput(t *testing.T) {
	t.Parallel()
	clean := gis.QualityInput{
		Organisations:    []gis.Organisation{{GUID: gid(1), OGRN: "1027700132195"}},
		Services:         []gis.ServiceInfo{{Code: "1", OKEI: "113", DataProviderGUID: gid(1)}},
		Contracts:        []gis.SupplyContract{cleanContract()},
		HousingObjects:   []gis.HousingObject{building()},
		Accounts:         []gis.Account{accountOn("ЛС-1", gis.Accommodation{PremisesGUID: gid(110)}), accountOn("ЛС-2", gis.Accommodation{PremisesGUID: gid(120)}), accountOn("ЛС-3", gis.Accommodation{LivingRoomGUID: gid(121)}), accountOn("ЛС-4", gis.Accommodation{LivingRoomGUID: gid(122)})},
		Meters:           []gis.Meter{cleanMeter()},
		PaymentDocuments: []gis.PaymentDocument{bill("ЛС-1", charge("1"))},
	}
	assert.Empty(t, gis.CheckQuality(clean, qToday))
	assert.Empty(t, gis.CheckQuality(gis.QualityInput{}, qToday))

	dirty := clean
	dirty.Organisations = []gis.Organisation{{OGRN: "1"}, {GUID: gid(1), OGRN: "2"}}
	dirty.Services = []gis.ServiceInfo{{Code: "1", DataProviderGUID: gid(1)}}
	dirty.Contracts = []gis.SupplyContract{func() gis.SupplyContract { c := cleanContract(); c.Houses = append(c.Houses, gid(100)); return c }()}
	dirty.HousingObjects = []gis.HousingObject{func() gis.HousingObject { h := building(); h.TemporaryGUID = true; return h }()}
	dirty.Meters = []gis.Meter{func() gis.Meter { m := cleanMeter(); m.SerialNumber = ""; return m }()}
	dirty.PaymentDocuments = []gis.PaymentDocument{bill("ЛС-1", charge("1"), charge("1"), charge("5"))}
	got := gis.CheckQuality(dirty, qToday)
	assert.Equal(t, []string{
		gis.CheckOrganisationNoGUID, gis.CheckServiceNoOKEI, gis.CheckContractDuplicateHouse, gis.CheckHouseTemporaryGUID,
		gis.CheckAccountServiceNotContracted, gis.CheckMeterNoSerial, gis.CheckPaymentDocumentDuplicateService,
	}, checks(got))
	again := gis.CheckQuality(dirty, qToday)
	assert.Equal(t, got, again, "the order is deterministic")
}

func TestFindingJSONAndString(t *testing.T) {
	t.Parallel()
	f := gis.Finding{Object: gis.ObjectRef{Kind: "meter", Key: "СЧ-1"}, Path: "meters[0]", Check: gis.CheckMeterNoSerial, Message: "нет"}
	b, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"object":{"kind":"meter","key":"СЧ-1"},"path":"meters[0]","check":"meter.no_serial","message":"нет"}`, string(b))
	assert.Equal(t, "meters[0] (meter СЧ-1): нет [meter.no_serial]", f.String())
}

func TestQualityInputJSON(t *testing.T) {
	t.Parallel()
	const doc = `{
	  "organisations": [{"guid": "00000000-0000-4000-8000-000000000001", "ogrn": "1027700132195", "name": "УК «Дом»"}],
	  "services": [{"code": "1", "okei": "113", "dataProviderGuid": "00000000-0000-4000-8000-000000000001"}],
	  "contracts": [{"number": "Д-1", "from": "2024-01-01", "to": "2024-12-31", "services": ["1"], "houses": ["00000000-0000-4000-8000-000000000100"]}],
	  "housingObjects": [{"fiasHouseGuid": "00000000-0000-4000-8000-000000000100", "temporaryGuid": true, "kind": "apartment_building",
	    "entrances": [{"number": "1"}], "premises": [{"number": "1", "guid": "00000000-0000-4000-8000-000000000110", "rooms": [{"number": "1", "guid": "00000000-0000-4000-8000-000000000111"}]}]}]
	}`
	var in gis.QualityInput
	require.NoError(t, json.Unmarshal([]byte(doc), &in))
	assert.Equal(t, gis.Date{Year: 2024, Month: time.December, Day: 31}, in.Contracts[0].To)
	got := gis.CheckQuality(in, qToday)
	assert.Equal(t, []string{
		gis.CheckContractExpired, gis.CheckHouseNoContracts, gis.CheckHouseTemporaryGUID, gis.CheckHouseNoAccounts,
		gis.CheckPremiseNoAccounts, gis.CheckRoomNoAccounts,
	}, checks(got))
}

// BenchmarkCheckQuality checks a provider's month: 200 apartment
// buildings of 10 premises, an account, a meter and a payment document of
// three charges on each premise, and one contract per house.
func BenchmarkCheckQuality(b *testing.B) {
	var in gis.QualityInput
	for h := range 200 {
		house := gis.HousingObject{FIASHouseGUID: gid(100000 + h), Kind: gis.ApartmentBuilding, Entrances: []gis.Entrance{{Number: "1"}}}
		c := cleanContract()
		c.Number = fmt.Sprintf("Д-%d", h)
		c.Houses = []uuid.UUID{house.FIASHouseGUID}
		c.Services = []string{"1", "2"}
		in.Contracts = append(in.Contracts, c)
		for p := range 10 {
			premise := gid(200000 + h*10 + p)
			house.Premises = append(house.Premises, gis.Premise{Number: fmt.Sprint(p + 1), GUID: premise})
			n := fmt.Sprintf("ЛС-%d-%d", h, p)
			in.Accounts = append(in.Accounts, accountOn(n, gis.Accommodation{PremisesGUID: premise}))
			in.PaymentDocuments = append(in.PaymentDocuments, bill(n, charge("1"), charge("2"), charge("3")))
			m := cleanMeter()
			m.SerialNumber = n
			in.Meters = append(in.Meters, m)
		}
		in.HousingObjects = append(in.HousingObjects, house)
	}
	objects := len(in.HousingObjects) + len(in.Accounts) + len(in.Meters) + len(in.PaymentDocuments) + len(in.Contracts)
	b.ReportAllocs()
	var found int
	for b.Loop() {
		found = len(gis.CheckQuality(in, qToday))
	}
	if found != len(in.Accounts) {
		b.Fatalf("found %d problems, want one per account (service 3)", found)
	}
	b.ReportMetric(float64(objects)*float64(b.N)/b.Elapsed().Seconds(), "objects/s")
}
