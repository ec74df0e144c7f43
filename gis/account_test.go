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

// orgA is the organisation the typed-builder tests send for.
var orgA = uuid.MustParse("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b")

// builderA returns a Builder with a fixed clock and sequential GUIDs.
func builderA(t testing.TB) *gis.Builder {
	t.Helper()
	var n atomic.Uint64
	return gis.NewBuilder(gis.BuilderConfig{
		OrgPPAGUID: orgA,
		Now:        func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) },
		NewID: func() (uuid.UUID, error) {
			var id uuid.UUID
			binary.BigEndian.PutUint64(id[8:], n.Add(1))
			id[6], id[8] = 0x40, id[8]|0x80
			return id, nil
		},
	})
}

// decA parses a decimal for a test.
func decA(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

// intpA returns a pointer to n.
func intpA(n int) *int { return &n }

// testdataA reads a file of testdata/.
func testdataA(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

// bodyA returns the body root of a message re-read from its bytes, so
// tests look at what goes on the wire.
func bodyA(t testing.TB, m *gis.Message) *etree.Element {
	t.Helper()
	data, err := m.Bytes()
	require.NoError(t, err)
	doc := etree.NewDocument()
	require.NoError(t, doc.ReadFromBytes(data))
	body := doc.FindElement("/Envelope/Body/*")
	require.NotNil(t, body)
	return body
}

var (
	aHouse      = uuid.MustParse("0c5b2444-70a0-4932-980c-b4dc0d3f02b5")
	aPremise    = uuid.MustParse("11111111-2222-4333-8444-555555555555")
	aRoom       = uuid.MustParse("21111111-2222-4333-8444-555555555555")
	aOrgVersion = uuid.MustParse("31111111-2222-4333-8444-555555555555")
	aNsi        = uuid.MustParse("41111111-2222-4333-8444-555555555555")
	aContract   = uuid.MustParse("51111111-2222-4333-8444-555555555555")
	aAccount    = uuid.MustParse("61111111-2222-4333-8444-555555555555")
)

// minimalAccount is the least importAccountData accepts.
func minimalAccount(number string) gis.Account {
	return gis.Account{
		Kind:           gis.AccountUO,
		AccountNumber:  number,
		Accommodations: []gis.Accommodation{{PremisesGUID: aPremise}},
	}
}

// fullAccount fills every field the builder writes.
func fullAccount(number string) gis.Account {
	return gis.Account{
		Kind:                gis.AccountRSO,
		AccountNumber:       number,
		AccountGUID:         uuid.NewSHA1(uuid.NameSpaceOID, []byte(number)),
		CreationDate:        gis.Date{Year: 2025, Month: time.January, Day: 15},
		LivingPersonsNumber: intpA(3),
		TotalSquare:         decA("54.1234"),
		ResidentialSquare:   decA("38.5"),
		HeatedArea:          decA("54"),
		Accommodations: []gis.Accommodation{
			{PremisesGUID: aPremise, SharePercent: decA("50")},
			{LivingRoomGUID: aRoom, SharePercent: decA("25.5")},
			{FIASHouseGUID: aHouse},
		},
		Payer: gis.Payer{
			IsRenter:        true,
			AccountsDivided: true,
			Individual: &gis.PayerIndividual{
				Surname: "Иванова", FirstName: "Алёна", Patronymic: "Петровна", Sex: "F",
				DateOfBirth: gis.Date{Year: 1980, Month: time.May, Day: 2},
				ID: &gis.IdentityDocument{
					Type:   gis.NsiRef{Code: "1", GUID: aNsi, Name: "Паспорт гражданина Российской Федерации"},
					Series: "4510", Number: "123456", IssueDate: gis.Date{Year: 2005, Month: time.June, Day: 1},
				},
			},
		},
		Reasons: &gis.AccountReasons{
			SupplyResourceContracts: []gis.SupplyContractReason{
				{ContractGUID: aContract},
				{Number: "РСО-1/2025", SigningDate: gis.Date{Year: 2025, Month: time.January, Day: 10}, IsContract: true},
			},
			SocialHireContract: &gis.SocialHireReason{Number: "СН-7", SigningDate: gis.Date{Year: 2020, Month: time.March, Day: 3}, Type: "D"},
			TKOContracts: []gis.TKOContractReason{
				{Number: "ТКО-9", SigningDate: gis.Date{Year: 2024, Month: time.December, Day: 1}, DateEntry: gis.Date{Year: 2025, Month: time.January, Day: 1}},
			},
		},
	}
}

func TestImportAccountDataSchemaValid(t *testing.T) {
	t.Parallel()
	special := minimalAccount(`ЛС-ё&<"1">`)
	special.Kind = gis.AccountTKO
	special.Payer.Individual = &gis.PayerIndividual{Surname: `О'Коннор & <Ёлкин>`, FirstName: `"Пётр"`, SNILS: "12345678901"}
	closed := gis.Account{
		Kind:          gis.AccountCR,
		AccountNumber: "CR-1",
		Closed:        &gis.AccountClosure{Reason: gis.NsiRef{Code: "3", GUID: aNsi}, Date: gis.Date{Year: 2026, Month: time.February, Day: 1}, Description: "Продажа & переезд"},
		Payer:         gis.Payer{OrgVersionGUID: aOrgVersion},
	}
	limits := fullAccount(strings.Repeat("Ж", 30))
	limits.LivingPersonsNumber = intpA(9999)
	limits.TotalSquare = decA("12345678901234567890.1234")
	limits.ResidentialSquare = decA("0")
	limits.Accommodations[0].SharePercent = decA("100")
	limits.Accommodations[1].SharePercent = decA("0.01")
	limits.Payer.Individual.Surname = strings.Repeat("ё", 256)
	limits.Payer.Individual.FirstName = strings.Repeat("&", 256)
	limits.Payer.Individual.Patronymic = strings.Repeat("<", 256)
	limits.Payer.Individual.ID.Series = strings.Repeat("С", 45)
	limits.Payer.Individual.ID.Number = strings.Repeat("№", 45)
	limits.Payer.Individual.ID.Type.Name = strings.Repeat("Н", 1200)
	limits.Reasons.SupplyResourceContracts[1].Number = strings.Repeat("Д", 100)
	limits.Reasons.SocialHireContract.Number = strings.Repeat("Д", 255)
	limits.Reasons.TKOContracts[0].Number = strings.Repeat("Д", 30)
	limits.Reasons.TKOContracts = append(limits.Reasons.TKOContracts, gis.TKOContractReason{ContractGUID: aContract})
	closedAtLimit := closed
	closedAtLimit.Closed = &gis.AccountClosure{Reason: gis.NsiRef{Code: "A1234.5678.9012.345", GUID: aNsi}, Date: gis.Date{Year: 2026, Month: 2, Day: 28}, Description: strings.Repeat("ъ", 250)}
	update := gis.Account{Kind: gis.AccountOGVorOMS, AccountGUID: aAccount, Accommodations: []gis.Accommodation{{FIASHouseGUID: aHouse}}}
	for _, tc := range []struct {
		name    string
		account gis.Account
		want    []string
	}{
		{"minimal", minimalAccount("1"), []string{"<hm:isUOAccount>true</hm:isUOAccount>", "<account-base:AccountNumber>1</account-base:AccountNumber>"}},
		{"full", fullAccount("00012-Б"), []string{"<hm:TotalSquare>54.1234</hm:TotalSquare>", "<hm:SharePercent>25.5</hm:SharePercent>", "<individual-registry-base:Series>4510</individual-registry-base:Series>", "<hm:TKOContract>"}},
		{"special characters", special, []string{"ЛС-ё&amp;&lt;&quot;1&quot;&gt;", "О&apos;Коннор &amp; &lt;Ёлкин&gt;", "<individual-registry-base:SNILS>12345678901</individual-registry-base:SNILS>"}},
		{"closed with organisation", closed, []string{"<hm:CloseReason><nsi-base:Code>3</nsi-base:Code>", "<organizations-registry-base:orgVersionGUID>" + aOrgVersion.String()}},
		{"at the length limits", limits, []string{"<hm:LivingPersonsNumber>9999</hm:LivingPersonsNumber>", "<hm:SharePercent>100</hm:SharePercent>"}},
		{"closed at the limits", closedAtLimit, []string{"<nsi-base:Code>A1234.5678.9012.345</nsi-base:Code>"}},
		{"update by GUID", update, []string{"<hm:AccountGUID>" + aAccount.String() + "</hm:AccountGUID>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			msgs, err := builderA(t).ImportAccountData([]gis.Account{tc.account})
			require.NoError(t, err)
			require.Len(t, msgs, 1)
			schematest.Validate(t, msgs[0])
			data, err := msgs[0].Bytes()
			require.NoError(t, err)
			for _, w := range tc.want {
				assert.Contains(t, string(data), w)
			}
			require.Len(t, msgs[0].Items, 1)
			for _, idx := range msgs[0].Items {
				assert.Equal(t, 0, idx)
			}
			key := tc.account.AccountNumber
			if key == "" {
				key = tc.account.AccountGUID.String()
			}
			assert.Equal(t, []gis.ObjectRef{{Kind: "account", Key: key}}, msgs[0].Objects)
		})
	}
}

// manyAccounts returns n full accounts with distinct numbers and GUIDs.
func manyAccounts(n int) []gis.Account {
	out := make([]gis.Account, n)
	for i := range out {
		out[i] = fullAccount(fmt.Sprintf("ЛС-%05d", i))
	}
	return out
}

func TestImportAccountDataBatches(t *testing.T) {
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
			msgs, err := builderA(t).ImportAccountData(manyAccounts(tc.n))
			require.NoError(t, err)
			require.Len(t, msgs, len(tc.sizes))
			seen := map[int]bool{}
			guids := map[uuid.UUID]bool{}
			for i, m := range msgs {
				assert.Len(t, m.Items, tc.sizes[i])
				assert.Len(t, m.Objects, tc.sizes[i])
				assert.Len(t, bodyA(t, m).SelectElements("Account"), tc.sizes[i])
				assert.False(t, guids[m.MessageGUID], "MessageGUID repeats")
				guids[m.MessageGUID] = true
				for tg, idx := range m.Items {
					assert.False(t, guids[tg], "TransportGUID repeats")
					guids[tg] = true
					assert.False(t, seen[idx])
					seen[idx] = true
				}
				// The accounts of a message keep the caller's order.
				first := 100 * i
				assert.Equal(t, fmt.Sprintf("ЛС-%05d", first), m.Objects[0].Key)
				if tc.n >= 100 || i == 0 {
					schematest.Validate(t, m)
				}
			}
			assert.Len(t, seen, tc.n)
		})
	}
}

func TestImportAccountDataTransportGUIDMatchesItems(t *testing.T) {
	t.Parallel()
	msgs, err := builderA(t).ImportAccountData([]gis.Account{minimalAccount("A"), minimalAccount("B")})
	require.NoError(t, err)
	body := bodyA(t, msgs[0])
	for i, acc := range body.SelectElements("Account") {
		tg, err := uuid.Parse(acc.SelectElement("TransportGUID").Text())
		require.NoError(t, err)
		assert.Equal(t, i, msgs[0].Items[tg])
		assert.Equal(t, []string{"A", "B"}[i], acc.SelectElement("AccountNumber").Text())
	}
}

func TestImportAccountDataViolations(t *testing.T) {
	t.Parallel()
	bad := fullAccount("X")
	bad.Kind = "weird"
	bad.AccountNumber = strings.Repeat("Я", 31)
	bad.LivingPersonsNumber = intpA(10000)
	bad.TotalSquare = decA("-1")
	bad.HeatedArea = decA("1.23456")
	bad.ResidentialSquare = decA("123456789012345678901.1234")
	bad.Accommodations = []gis.Accommodation{{}, {PremisesGUID: aPremise, LivingRoomGUID: aRoom, SharePercent: decA("100.01")}, {FIASHouseGUID: aHouse, SharePercent: decA("1.234")}}
	bad.Payer.OrgVersionGUID = aOrgVersion
	bad.Payer.Individual.SNILS = "123-456-789 01"
	bad.Payer.Individual.Surname = ""
	bad.Payer.Individual.Sex = "X"
	bad.Payer.Individual.ID.Type = gis.NsiRef{Code: "x1"}
	bad.Payer.Individual.ID.Number = ""
	bad.Reasons.SupplyResourceContracts[0].Number = "1"
	bad.Reasons.TKOContracts[0].DateEntry = gis.Date{}
	bad.Reasons.SocialHireContract.Type = "Q"
	noNumber := gis.Account{Kind: gis.AccountUO, AccountNumber: "---"}
	dup1 := minimalAccount("D1")
	dup1.AccountGUID = aAccount
	dup2 := minimalAccount("D2")
	dup2.AccountGUID = aAccount
	closed := gis.Account{Kind: gis.AccountUO, AccountNumber: "C", Closed: &gis.AccountClosure{Description: strings.Repeat("ж", 251)}}

	_, err := builderA(t).ImportAccountData([]gis.Account{minimalAccount("ok"), bad, noNumber, dup1, dup2, closed})
	require.Error(t, err)
	require.ErrorIs(t, err, gis.ErrInvalid)
	var ve *gis.ValidationError
	require.ErrorAs(t, err, &ve)
	got := map[string]string{}
	for _, v := range ve.Violations {
		got[v.Field] = v.Code
		assert.NotEmpty(t, v.Message)
	}
	want := map[string]string{
		"accounts[1].kind":                               "format",
		"accounts[1].accountNumber":                      "too_long",
		"accounts[1].livingPersonsNumber":                "range",
		"accounts[1].totalSquare":                        "range",
		"accounts[1].heatedArea":                         "format",
		"accounts[1].residentialSquare":                  "range",
		"accounts[1].accommodations[0]":                  "required",
		"accounts[1].accommodations[1]":                  "choice",
		"accounts[1].accommodations[1].sharePercent":     "range",
		"accounts[1].accommodations[2].sharePercent":     "format",
		"accounts[1].payer":                              "choice",
		"accounts[1].payer.individual.surname":           "required",
		"accounts[1].payer.individual.sex":               "format",
		"accounts[1].payer.individual.snils":             "format",
		"accounts[1].payer.individual.id":                "choice",
		"accounts[1].payer.individual.id.type.code":      "format",
		"accounts[1].payer.individual.id.type.guid":      "required",
		"accounts[1].payer.individual.id.number":         "required",
		"accounts[1].reasons.supplyResourceContracts[0]": "choice",
		"accounts[1].reasons.socialHireContract.type":    "format",
		"accounts[1].reasons.tkoContracts[0].dateEntry":  "required",
		"accounts[2].accountNumber":                      "format",
		"accounts[2].accommodations":                     "required",
		"accounts[4].accountGuid":                        "duplicate",
		"accounts[5].closed.reason.code":                 "required",
		"accounts[5].closed.reason.guid":                 "required",
		"accounts[5].closed.date":                        "required",
		"accounts[5].closed.description":                 "too_long",
	}
	assert.Equal(t, want, got)
}

func TestImportAccountDataEmpty(t *testing.T) {
	t.Parallel()
	_, err := builderA(t).ImportAccountData(nil)
	var ve *gis.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "accounts", ve.Violations[0].Field)
	assert.Equal(t, "required", ve.Violations[0].Code)
}

func TestImportAccountDataIDSourceFails(t *testing.T) {
	t.Parallel()
	boom := errors.New("нет энтропии")
	b := gis.NewBuilder(gis.BuilderConfig{OrgPPAGUID: orgA, NewID: func() (uuid.UUID, error) { return uuid.Nil, boom }})
	_, err := b.ImportAccountData([]gis.Account{minimalAccount("1")})
	require.ErrorIs(t, err, boom)
}

// importAccountResponse writes an hm getStateResult answering m: the
// first account fails, the others succeed.
func importAccountResponse(t testing.TB, m *gis.Message) []byte {
	t.Helper()
	byIndex := make([]uuid.UUID, len(m.Items))
	for tg, i := range m.Items {
		byIndex[i] = tg
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/" xmlns:hm="http://dom.gosuslugi.ru/schema/integration/house-management/" xmlns:account-base="http://dom.gosuslugi.ru/schema/integration/account-base/">
<soapenv:Header><base:ResultHeader><base:Date>2026-03-01T12:05:00.000+03:00</base:Date><base:MessageGUID>9a0b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d</base:MessageGUID></base:ResultHeader></soapenv:Header>
<soapenv:Body><hm:getStateResult Id="signed-data-container" base:version="11.0.0.1"><base:RequestState>3</base:RequestState><base:MessageGUID>9a0b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d</base:MessageGUID><hm:ImportResult base:version="10.0.1.1">`)
	for i, tg := range byIndex {
		if i == 0 {
			fmt.Fprintf(&b, `<hm:CommonResult><base:TransportGUID>%s</base:TransportGUID><base:Error><base:ErrorCode>INT002000</base:ErrorCode><base:Description>Значение в поле отсутствует в реестре &amp; «ошибка»</base:Description></base:Error></hm:CommonResult>`, tg)
			continue
		}
		fmt.Fprintf(&b, `<hm:CommonResult><base:GUID>%s</base:GUID><base:TransportGUID>%s</base:TransportGUID><base:UniqueNumber>77АА%06d</base:UniqueNumber><base:UpdateDate>2026-03-01T12:04:59.123+03:00</base:UpdateDate><hm:ImportAccount><account-base:UnifiedAccountNumber>77АБ%06d</account-base:UnifiedAccountNumber><account-base:ServiceID>77АБ%06d-01</account-base:ServiceID></hm:ImportAccount></hm:CommonResult>`,
			uuid.NewSHA1(uuid.NameSpaceOID, tg[:]), tg, i, i, i)
	}
	b.WriteString(`</hm:ImportResult></hm:getStateResult></soapenv:Body></soapenv:Envelope>`)
	return []byte(b.String())
}

func TestReadImportAccountData(t *testing.T) {
	t.Parallel()
	msgs, err := builderA(t).ImportAccountData(manyAccounts(3))
	require.NoError(t, err)
	resp := importAccountResponse(t, msgs[0])
	schematest.ValidateBytes(t, resp, "house-management")
	r, err := gis.ParseStateResult(resp)
	require.NoError(t, err)
	got, err := gis.ReadImportAccountData(msgs[0], r)
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.Equal(t, 0, got[0].Index)
	assert.False(t, got[0].OK())
	require.Len(t, got[0].Errors, 1)
	assert.Equal(t, "INT002000", got[0].Errors[0].Code)
	assert.Equal(t, "Значение в поле отсутствует в реестре & «ошибка»", got[0].Errors[0].Text)
	for i := 1; i < 3; i++ {
		assert.Equal(t, i, got[i].Index)
		assert.True(t, got[i].OK())
		assert.NotEqual(t, uuid.Nil, got[i].AccountGUID)
		assert.Equal(t, fmt.Sprintf("77АБ%06d", i), got[i].UnifiedAccountNumber)
		assert.Equal(t, fmt.Sprintf("77АБ%06d-01", i), got[i].ServiceID)
		assert.Equal(t, fmt.Sprintf("77АА%06d", i), got[i].UniqueNumber)
		assert.True(t, got[i].UpdateDate.Equal(time.Date(2026, 3, 1, 9, 4, 59, 123e6, time.UTC)))
	}

	// A result for another message does not correlate.
	other, err := builderA(t).ImportAccountData(manyAccounts(3))
	require.NoError(t, err)
	other[0].Items = map[uuid.UUID]int{uuid.New(): 0}
	_, err = gis.ReadImportAccountData(other[0], r)
	require.ErrorIs(t, err, gis.ErrInvalid)
}

func TestReadImportAccountDataWholeMessageError(t *testing.T) {
	t.Parallel()
	msgs, err := builderA(t).ImportAccountData(manyAccounts(1))
	require.NoError(t, err)
	r, err := gis.ParseStateResult(testdataA(t, "account_state_error.xml"))
	require.NoError(t, err)
	_, err = gis.ReadImportAccountData(msgs[0], r)
	var ge *gis.Error
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, "FMT001300", ge.Code)

	_, err = gis.ReadImportAccountData(nil, r)
	require.ErrorIs(t, err, gis.ErrInvalid)
	_, err = gis.ReadImportAccountData(msgs[0], &gis.StateResult{State: gis.StateProcessing})
	require.ErrorIs(t, err, gis.ErrInvalid)
}

func TestExportAccountData(t *testing.T) {
	t.Parallel()
	guids := make([]uuid.UUID, 2500)
	for i := range guids {
		guids[i] = uuid.NewSHA1(uuid.NameSpaceOID, []byte(fmt.Sprint(i)))
	}
	for _, tc := range []struct {
		name  string
		q     gis.AccountQuery
		sizes []int
		tag   string
		kind  string
	}{
		{"house", gis.AccountQuery{FIASHouseGUID: aHouse}, []int{1}, "FIASHouseGuid", "house"},
		{"guids over the limit", gis.AccountQuery{AccountGUIDs: guids}, []int{1000, 1000, 500}, "AccountGUID", "account"},
		{"unified numbers", gis.AccountQuery{UnifiedAccountNumbers: []string{"77АБ000001", "77АБ000002"}}, []int{2}, "UnifiedAccountNumber", "account"},
		{"service ids", gis.AccountQuery{ServiceIDs: []string{"77АБ000001-01"}}, []int{1}, "ServiceID", "account"},
		{"special characters", gis.AccountQuery{UnifiedAccountNumbers: []string{`ЛС&<"ё>'12`}}, []int{1}, "UnifiedAccountNumber", "account"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			msgs, err := builderA(t).ExportAccountData(tc.q)
			require.NoError(t, err)
			require.Len(t, msgs, len(tc.sizes))
			for i, m := range msgs {
				schematest.Validate(t, m)
				assert.Len(t, bodyA(t, m).SelectElements(tc.tag), tc.sizes[i])
				assert.Len(t, m.Objects, tc.sizes[i])
				assert.Equal(t, tc.kind, m.Objects[0].Kind)
				assert.Empty(t, m.Items)
			}
		})
	}
}

func TestExportAccountDataViolations(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		q    gis.AccountQuery
		want map[string]string
	}{
		{"nothing", gis.AccountQuery{}, map[string]string{"": "required"}},
		{"two criteria and bad values", gis.AccountQuery{
			FIASHouseGUID:         aHouse,
			UnifiedAccountNumbers: []string{"123", "1234567890"},
			ServiceIDs:            []string{"x"},
		}, map[string]string{"": "choice", "unifiedAccountNumbers[0]": "format", "serviceIds[0]": "format"}},
		{"zero GUID", gis.AccountQuery{AccountGUIDs: []uuid.UUID{aAccount, uuid.Nil}}, map[string]string{"accountGuids[1]": "required"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := builderA(t).ExportAccountData(tc.q)
			var ve *gis.ValidationError
			require.ErrorAs(t, err, &ve)
			got := map[string]string{}
			for _, v := range ve.Violations {
				got[v.Field] = v.Code
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestReadExportAccountData(t *testing.T) {
	t.Parallel()
	data := testdataA(t, "account_export_result.xml")
	schematest.ValidateBytes(t, data, "house-management")
	r, err := gis.ParseStateResult(data)
	require.NoError(t, err)
	got, err := gis.ReadExportAccountData(r)
	require.NoError(t, err)
	require.Len(t, got, 2)

	a := got[0]
	assert.Equal(t, gis.AccountUO, a.Kind)
	assert.Equal(t, "ЛС-ё&<1>", a.AccountNumber)
	assert.Equal(t, uuid.MustParse("61111111-2222-4333-8444-555555555555"), a.AccountGUID)
	assert.Equal(t, "77АБ000001", a.UnifiedAccountNumber)
	assert.Equal(t, "77АБ000001-01", a.ServiceID)
	assert.Equal(t, gis.Date{Year: 2025, Month: time.January, Day: 15}, a.CreationDate)
	require.NotNil(t, a.LivingPersonsNumber)
	assert.Equal(t, 2, *a.LivingPersonsNumber)
	assert.Equal(t, "54.1234", a.TotalSquare.String())
	assert.Equal(t, "38.5", a.ResidentialSquare.String())
	assert.Nil(t, a.HeatedArea)
	require.Len(t, a.Accommodations, 2)
	assert.Equal(t, aPremise, a.Accommodations[0].PremisesGUID)
	assert.Equal(t, "50", a.Accommodations[0].SharePercent.String())
	assert.Equal(t, aRoom, a.Accommodations[1].LivingRoomGUID)
	assert.True(t, a.Payer.IsRenter)
	require.NotNil(t, a.Payer.Individual)
	assert.Equal(t, "Иванова", a.Payer.Individual.Surname)
	assert.Equal(t, "Алёна", a.Payer.Individual.FirstName)
	assert.Equal(t, "12345678901", a.Payer.Individual.SNILS)
	assert.Equal(t, gis.Date{Year: 1980, Month: time.May, Day: 2}, a.Payer.Individual.DateOfBirth)
	require.NotNil(t, a.Reasons)
	require.Len(t, a.Reasons.SupplyResourceContracts, 1)
	assert.Equal(t, aContract, a.Reasons.SupplyResourceContracts[0].ContractGUID)
	assert.Equal(t, uuid.MustParse("71111111-2222-4333-8444-555555555555"), a.ContractGUID)

	b := got[1]
	assert.Equal(t, gis.AccountCR, b.Kind)
	require.NotNil(t, b.Closed)
	assert.Equal(t, "3", b.Closed.Reason.Code)
	assert.Equal(t, aNsi, b.Closed.Reason.GUID)
	assert.Equal(t, "Продажа", b.Closed.Reason.Name)
	assert.Equal(t, gis.Date{Year: 2026, Month: time.February, Day: 1}, b.Closed.Date)
	assert.Equal(t, aOrgVersion, b.Payer.OrgVersionGUID)
	assert.Nil(t, b.Payer.Individual)
	assert.Empty(t, b.AccountNumber)
}

func TestReadExportAccountDataEmptyAndBroken(t *testing.T) {
	t.Parallel()
	r, err := gis.ParseStateResult(testdataA(t, "account_state_empty.xml"))
	require.NoError(t, err)
	got, err := gis.ReadExportAccountData(r)
	require.NoError(t, err)
	assert.Empty(t, got)

	data := strings.Replace(string(testdataA(t, "account_export_result.xml")), "AccountGUID>61111111", "AccountGUID>zz111111", 1)
	r, err = gis.ParseStateResult([]byte(data))
	require.NoError(t, err)
	_, err = gis.ReadExportAccountData(r)
	require.ErrorIs(t, err, gis.ErrInvalid)
	assert.Contains(t, err.Error(), "AccountGUID")
}

func TestImportAccountDataDecimals(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"0", "0"},
		{"0.0001", "0.0001"},
		{"1.50000", "1.5"},
		{"1e3", "1000"},
		{"120.0", "120"},
		{"12345678901234567890.1234", "12345678901234567890.1234"},
		{"123456789012345678901.5", "123456789012345678901.5"},
		{"0.00010", "0.0001"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			a := minimalAccount("1")
			a.TotalSquare = decA(tc.in)
			msgs, err := builderA(t).ImportAccountData([]gis.Account{a})
			require.NoError(t, err)
			assert.Equal(t, tc.want, bodyA(t, msgs[0]).FindElement("Account/TotalSquare").Text())
			schematest.Validate(t, msgs[0])
		})
	}
}

// TestImportAccountDataHugeExponent checks that an area with an absurd
// exponent is refused without printing its digits (1e-2000000000 would
// take two gigabytes).
func TestImportAccountDataHugeExponent(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		exp  int32
		code string
	}{{-2000000000, "format"}, {2000000000, "range"}} {
		a := minimalAccount("1")
		d := decimal.New(1, tc.exp)
		a.TotalSquare = &d
		err := gis.ValidateAccounts([]gis.Account{a})
		var ve *gis.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has(tc.code), "%v", err)
	}
}

func TestPayerIndividualStringMasksPersonalData(t *testing.T) {
	t.Parallel()
	a := fullAccount("1")
	p := *a.Payer.Individual
	assert.Equal(t, "Иванова Алёна Петровна, документ Паспорт гражданина Российской Федерации ********56", p.String())
	p.ID, p.SNILS, p.Patronymic = nil, "12345678901", ""
	assert.Equal(t, "Иванова Алёна, СНИЛС *********01", p.String())
	printed := fmt.Sprintf("%v", a)
	assert.NotContains(t, printed, "123456")
	assert.NotContains(t, printed, "4510")
}

func TestImportAccountDataRepeatedTransportGUID(t *testing.T) {
	t.Parallel()
	same := uuid.MustParse("00000000-0000-4000-8000-000000000001")
	b := gis.NewBuilder(gis.BuilderConfig{OrgPPAGUID: orgA, NewID: func() (uuid.UUID, error) { return same, nil }})
	_, err := b.ImportAccountData([]gis.Account{minimalAccount("1"), minimalAccount("2")})
	require.ErrorIs(t, err, gis.ErrConflict)
}
