package gis_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/gis/internal/schematest"
)

// bankB and bank2B are two sets of bank details.
var (
	bankB  = gis.BankDetails{BIK: "044525225", AccountNumber: "40702810938000012345"}
	bank2B = gis.BankDetails{BIK: "044525974", AccountNumber: "40702810100000054321"}
)

// minimalDocument is the least importPaymentDocumentData accepts.
func minimalDocument(account uuid.UUID) gis.PaymentDocument {
	return gis.PaymentDocument{Year: 2026, Month: 2, AccountGUID: account, BankDetails: bankB}
}

// fullDocument fills every field the builder writes.
func fullDocument() gis.PaymentDocument {
	return gis.PaymentDocument{
		Year: 2026, Month: 2, AccountGUID: bAccount, AccountNumber: "ЛС-001",
		Number: "ПД-2026/02-001", DocumentID: "12АБ345678-01-6021", BankDetails: bankB,
		Charges: []gis.ServiceCharge{
			{Service: gis.NsiRef{Code: "1", GUID: bNsi, Name: "Содержание & ремонт"}, Rate: decimal.RequireFromString("25.123456"), TotalPayable: decimal.RequireFromString("1256.5"), AccountingPeriodTotal: decB("1300"), CalcExplanation: "S × тариф"},
			{Kind: gis.ChargeMunicipal, Service: nsiB("1.1"), Rate: decimal.RequireFromString("45.6"), TotalPayable: decimal.RequireFromString("-12.3")},
			{Kind: gis.ChargeAdditional, Service: nsiB("7"), Rate: decimal.RequireFromString("0"), TotalPayable: decimal.RequireFromString("99999999999.99")},
		},
		Expose:                true,
		DebtPreviousPeriods:   decB("-100.5"),
		AdvanceBillingPeriod:  decB("0"),
		TotalPayable:          decB("1344.2"),
		AdditionalInformation: `Оплатите до 10-го числа & <"вовремя">`,
	}
}

func TestImportPaymentDocumentDataSchemaValid(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		doc  gis.PaymentDocument
		want []string
	}{
		{"minimal", minimalDocument(bAccount), []string{"<base:Month>2</base:Month><base:Year>2026</base:Year><bills:PaymentInformation><payments-base:BankBIK>044525225</payments-base:BankBIK>", "<account-base:AccountGuid>" + bAccount.String()}},
		{"full", fullDocument(), []string{"<bills:Rate>25.123456</bills:Rate><bills:TotalPayable>1256.50</bills:TotalPayable><bills:AccountingPeriodTotal>1300.00</bills:AccountingPeriodTotal>", "<bills:MunicipalService>", "<bills:AdditionalService>", "<bills:TotalPayable>-12.30</bills:TotalPayable>", "<bills:Expose>true</bills:Expose>", "<bills:DebtPreviousPeriods>-100.50</bills:DebtPreviousPeriods>", "<bills:AdvanceBllingPeriod>0.00</bills:AdvanceBllingPeriod>", "<bills-base:PaymentDocumentID>12АБ345678-01-6021</bills-base:PaymentDocumentID>", "Оплатите до 10-го числа &amp; &lt;&quot;вовремя&quot;&gt;"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			msgs, err := builderB(t).ImportPaymentDocumentData([]gis.PaymentDocument{tc.doc})
			require.NoError(t, err)
			require.Len(t, msgs, 1)
			schematest.Validate(t, msgs[0])
			wire, _ := wireB(t, msgs[0])
			for _, w := range tc.want {
				assert.Contains(t, wire, w)
			}
			require.Len(t, msgs[0].Items, 1)
			require.Len(t, msgs[0].Objects, 1)
			assert.Equal(t, "payment_document", msgs[0].Objects[0].Kind)
		})
	}
}

func TestImportPaymentDocumentDataBankDetailsKeys(t *testing.T) {
	t.Parallel()
	docs := []gis.PaymentDocument{minimalDocument(bAccount), minimalDocument(bAccount2), minimalDocument(bMeter)}
	docs[1].BankDetails = bank2B
	msgs, err := builderB(t).ImportPaymentDocumentData(docs)
	require.NoError(t, err)
	require.Len(t, msgs, 1)
	schematest.Validate(t, msgs[0])
	_, body := wireB(t, msgs[0])
	infos := body.SelectElements("PaymentInformation")
	require.Len(t, infos, 2)
	keyOf := map[string]string{}
	for _, pi := range infos {
		tg := pi.SelectElement("TransportGUID").Text()
		keyOf[tg] = pi.SelectElement("BankBIK").Text()
		_, isItem := msgs[0].Items[uuid.MustParse(tg)]
		assert.False(t, isItem, "bank details are not items")
	}
	wantBIK := []string{bankB.BIK, bank2B.BIK, bankB.BIK}
	for i, pd := range body.SelectElements("PaymentDocument") {
		assert.Equal(t, wantBIK[i], keyOf[pd.SelectElement("PaymentInformationKey").Text()])
		assert.Equal(t, i, msgs[0].Items[uuid.MustParse(pd.SelectElement("TransportGUID").Text())])
	}
	assert.Len(t, msgs[0].Items, 3)
}

// manyDocuments returns n minimal documents of distinct accounts.
func manyDocuments(n int) []gis.PaymentDocument {
	out := make([]gis.PaymentDocument, n)
	for i := range out {
		out[i] = fullDocument()
		out[i].AccountGUID = uuid.NewSHA1(uuid.NameSpaceOID, fmt.Append(nil, i))
		out[i].AccountNumber = fmt.Sprintf("ЛС-%05d", i)
		out[i].DocumentID = ""
		if i%2 == 1 {
			out[i].BankDetails = bank2B
		}
	}
	return out
}

func TestImportPaymentDocumentDataBatches(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n     int
		sizes []int
	}{
		{500, []int{500}},
		{501, []int{500, 1}},
		{1200, []int{500, 500, 200}},
	} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			t.Parallel()
			msgs, err := builderB(t).ImportPaymentDocumentData(manyDocuments(tc.n))
			require.NoError(t, err)
			require.Len(t, msgs, len(tc.sizes))
			seen := map[int]bool{}
			for i, m := range msgs {
				assert.Len(t, m.Items, tc.sizes[i])
				for _, idx := range m.Items {
					assert.False(t, seen[idx])
					seen[idx] = true
				}
				assert.Equal(t, fmt.Sprintf("ЛС-%05d/2026-02", 500*i), m.Objects[0].Key)
				if i == 0 {
					schematest.Validate(t, m)
				}
			}
			assert.Len(t, seen, tc.n)
		})
	}
}

func TestImportPaymentDocumentDataGroupsByPeriod(t *testing.T) {
	t.Parallel()
	docs := manyDocuments(3)
	docs[1].Month = 1
	msgs, err := builderB(t).ImportPaymentDocumentData(docs)
	require.NoError(t, err)
	require.Len(t, msgs, 2)
	assert.Equal(t, []int{0, 2}, sortedIndexes(msgs[0].Items))
	assert.Equal(t, []int{1}, sortedIndexes(msgs[1].Items))
	_, body := wireB(t, msgs[1])
	assert.Equal(t, "1", body.SelectElement("Month").Text())
	// Each message lists only the bank details its documents use.
	assert.Len(t, body.SelectElements("PaymentInformation"), 1)
}

func TestImportPaymentDocumentDataViolations(t *testing.T) {
	t.Parallel()
	bad := fullDocument()
	bad.Year, bad.Month = 1800, 13
	bad.AccountGUID = uuid.Nil
	bad.Number = "---"
	bad.DocumentID = "123"
	bad.BankDetails = gis.BankDetails{BIK: "04452522", AccountNumber: ""}
	bad.Charges[0].Service = gis.NsiRef{}
	bad.Charges[0].Rate = decimal.RequireFromString("1.1234567")
	bad.Charges[1].Kind = "gas"
	bad.Charges[1].TotalPayable = decimal.RequireFromString("1.001")
	bad.DebtPreviousPeriods = decB("100000000")
	bad.AdditionalInformation = strings.Repeat("я", 1001)
	noPeriod := minimalDocument(bAccount)
	noPeriod.Year, noPeriod.Month = 0, 0
	err := gis.ValidatePaymentDocuments([]gis.PaymentDocument{minimalDocument(bAccount), bad, noPeriod})
	assert.Equal(t, []string{
		"documents[1].year range",
		"documents[1].month range",
		"documents[1].accountGuid required",
		"documents[1].number format",
		"documents[1].documentId format",
		"documents[1].bankDetails.bik format",
		"documents[1].bankDetails.accountNumber required",
		"documents[1].charges[0].service required",
		"documents[1].charges[0].rate format",
		"documents[1].charges[1].kind format",
		"documents[1].charges[1].totalPayable format",
		"documents[1].debtPreviousPeriods format",
		"documents[1].additionalInformation too_long",
		"documents[2].year required",
	}, violationsB(t, err))
	_, err = builderB(t).ImportPaymentDocumentData(nil)
	assert.Equal(t, []string{"documents required"}, violationsB(t, err))
}

func TestWithdrawPaymentDocuments(t *testing.T) {
	t.Parallel()
	ids := make([]string, 1001)
	for i := range ids {
		ids[i] = fmt.Sprintf("12АБ345678-01-%04d", i)
	}
	msgs, err := builderB(t).WithdrawPaymentDocuments(ids)
	require.NoError(t, err)
	require.Len(t, msgs, 2)
	assert.Len(t, msgs[0].Items, 1000)
	assert.Len(t, msgs[1].Items, 1)
	schematest.Validate(t, msgs[0])
	schematest.Validate(t, msgs[1])
	wire, _ := wireB(t, msgs[1])
	assert.Contains(t, wire, "<bills:WithdrawPaymentDocument><base:TransportGUID>")
	assert.Contains(t, wire, "<bills-base:PaymentDocumentID>12АБ345678-01-1000</bills-base:PaymentDocumentID>")
	for _, idx := range msgs[1].Items {
		assert.Equal(t, 1000, idx)
	}

	_, err = builderB(t).WithdrawPaymentDocuments([]string{"короткий", ids[0], ids[0]})
	assert.Equal(t, []string{"documentIds[0] format", "documentIds[2] duplicate"}, violationsB(t, err))
	_, err = builderB(t).WithdrawPaymentDocuments(nil)
	assert.Equal(t, []string{"documentIds required"}, violationsB(t, err))
}

func TestReadImportPaymentDocumentData(t *testing.T) {
	t.Parallel()
	msgs, err := builderB(t).ImportPaymentDocumentData(manyDocuments(2))
	require.NoError(t, err)
	m := msgs[0]
	tgs := make([]uuid.UUID, 2)
	for tg, i := range m.Items {
		tgs[i] = tg
	}
	resp := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/" xmlns:bills="http://dom.gosuslugi.ru/schema/integration/bills/">%s
<soapenv:Body><bills:getStateResult base:version="10.0.1.1"><base:RequestState>3</base:RequestState><base:MessageGUID>9a0b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d</base:MessageGUID>
<bills:ImportResult><base:GUID>d1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f</base:GUID><base:TransportGUID>%s</base:TransportGUID><base:UniqueNumber>12АБ345678-01-6021</base:UniqueNumber><base:UpdateDate>2026-03-02T12:00:00+03:00</base:UpdateDate></bills:ImportResult>
<bills:ImportResult><base:TransportGUID>%s</base:TransportGUID><base:Error><base:ErrorCode>INT002000</base:ErrorCode><base:Description>Платежные реквизиты не найдены</base:Description></base:Error></bills:ImportResult>
</bills:getStateResult></soapenv:Body></soapenv:Envelope>`, resultHeaderB, tgs[0], tgs[1])
	schematest.ValidateBytes(t, []byte(resp), "bills")
	r, err := gis.ParseStateResult([]byte(resp))
	require.NoError(t, err)
	res, err := gis.ReadImportPaymentDocumentData(m, r)
	require.NoError(t, err)
	require.Len(t, res, 2)
	assert.True(t, res[0].OK())
	assert.Equal(t, "12АБ345678-01-6021", res[0].DocumentID)
	assert.Equal(t, uuid.MustParse("d1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"), res[0].GUID)
	assert.Equal(t, 1, res[1].Index)
	assert.False(t, res[1].OK())
	assert.Equal(t, "INT002000", res[1].Errors[0].Code)
}

func TestExportPaymentDocumentData(t *testing.T) {
	t.Parallel()
	ids := make([]string, 1001)
	for i := range ids {
		ids[i] = fmt.Sprintf("12АБ345678-01-%04d", i)
	}
	for _, tc := range []struct {
		name  string
		q     gis.PaymentDocumentQuery
		sizes int
		want  []string
	}{
		{"ids above the limit", gis.PaymentDocumentQuery{DocumentIDs: ids}, 2, []string{"<bills-base:PaymentDocumentID>12АБ345678-01-0000</bills-base:PaymentDocumentID>"}},
		{"unified numbers", gis.PaymentDocumentQuery{Year: 2026, Month: 2, UnifiedAccountNumbers: []string{"77АБ000001"}, Version: "12.2.0.1"}, 1, []string{"<base:Year>2026</base:Year><base:Month>2</base:Month><account-base:UnifiedAccountNumber>77АБ000001<", `base:version="12.2.0.1"`}},
		{"house and account numbers", gis.PaymentDocumentQuery{Year: 2026, Month: 2, FIASHouseGUID: bHouse, AccountNumbers: []string{`ЛС & <1>`}}, 1, []string{"<bills:FIASHouseGuid>" + bHouse.String(), "<account-base:AccountNumber>ЛС &amp; &lt;1&gt;<"}},
		{"house and document numbers", gis.PaymentDocumentQuery{Year: 2026, Month: 2, FIASHouseGUID: bHouse, DocumentNumbers: []string{"ПД-1"}, Version: "11.2.0.10"}, 1, []string{"<bills-base:PaymentDocumentNumber>ПД-1<"}},
		{"service ids", gis.PaymentDocumentQuery{Year: 2026, Month: 2, ServiceIDs: []string{"77АБ000001-01"}}, 1, []string{"<account-base:ServiceID>77АБ000001-01<"}},
		{"account guids", gis.PaymentDocumentQuery{Year: 2026, Month: 12, AccountGUIDs: []uuid.UUID{bAccount, bAccount2}}, 1, []string{"<bills:AccountGUID>" + bAccount2.String()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			msgs, err := builderB(t).ExportPaymentDocumentData(tc.q)
			require.NoError(t, err)
			require.Len(t, msgs, tc.sizes)
			for _, m := range msgs {
				schematest.Validate(t, m)
			}
			wire, _ := wireB(t, msgs[0])
			for _, w := range tc.want {
				assert.Contains(t, wire, w)
			}
		})
	}
}

func TestExportPaymentDocumentDataViolations(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		q    gis.PaymentDocumentQuery
		want []string
	}{
		{"nothing", gis.PaymentDocumentQuery{}, []string{"year required", "accountGuids required"}},
		{"ids with period", gis.PaymentDocumentQuery{DocumentIDs: []string{"1"}, Year: 2026, Month: 1}, []string{"documentIds not_allowed", "documentIds[0] format"}},
		{"two criteria", gis.PaymentDocumentQuery{Year: 2026, Month: 1, ServiceIDs: []string{"1234567890123"}, AccountGUIDs: []uuid.UUID{uuid.Nil}}, []string{"accountGuids not_allowed", "accountGuids[0] required"}},
		{"house without numbers", gis.PaymentDocumentQuery{Year: 2026, Month: 0, FIASHouseGUID: bHouse}, []string{"accountNumbers required", "month range"}},
		{"numbers without house", gis.PaymentDocumentQuery{Year: 2026, Month: 1, AccountNumbers: []string{"1", "1"}, UnifiedAccountNumbers: []string{"short"}}, []string{"fiasHouseGuid required", "unifiedAccountNumbers[0] format", "accountNumbers[1] duplicate"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := builderB(t).ExportPaymentDocumentData(tc.q)
			assert.Equal(t, tc.want, violationsB(t, err))
		})
	}
}

func TestReadExportPaymentDocumentData(t *testing.T) {
	t.Parallel()
	data := testdataB(t, "paymentdoc_export_result.xml")
	schematest.ValidateBytes(t, data, "bills")
	r, err := gis.ParseStateResult(data)
	require.NoError(t, err)
	docs, err := gis.ReadExportPaymentDocumentData(r)
	require.NoError(t, err)
	require.Len(t, docs, 2)
	d := docs[0]
	assert.Nil(t, d.Error)
	assert.Equal(t, "12АБ345678-01-6021", d.DocumentID)
	assert.Equal(t, bAccount, d.Document.AccountGUID)
	assert.Equal(t, "ПД & <1>", d.Document.Number)
	assert.Equal(t, 2026, d.Document.Year)
	assert.Equal(t, 2, d.Document.Month)
	assert.Equal(t, bankB, d.Document.BankDetails)
	assert.Equal(t, "ЛС-001", d.Document.AccountNumber)
	assert.True(t, d.Document.Expose)
	require.Len(t, d.Document.Charges, 3)
	assert.Equal(t, gis.ChargeHousing, d.Document.Charges[0].Kind)
	assert.Equal(t, "1", d.Document.Charges[0].Service.Code)
	assert.True(t, decimal.RequireFromString("25.5").Equal(d.Document.Charges[0].Rate))
	assert.True(t, decimal.RequireFromString("1275").Equal(d.Document.Charges[0].TotalPayable))
	assert.Equal(t, gis.ChargeMunicipal, d.Document.Charges[1].Kind)
	assert.Equal(t, gis.ChargeMunicipal, d.Document.Charges[2].Kind)
	assert.Equal(t, "3.2", d.Document.Charges[2].Service.Code)
	assert.True(t, decimal.RequireFromString("1300.75").Equal(*d.Document.TotalPayable))
	assert.True(t, decimal.RequireFromString("-50").Equal(*d.Document.DebtPreviousPeriods))

	assert.Equal(t, &gis.Error{Code: "INT002000", Text: "Платежный документ не найден"}, docs[1].Error)

	broken := strings.Replace(string(data), "<bills:Rate>25.5</bills:Rate>", "<bills:Rate>много</bills:Rate>", 1)
	r, err = gis.ParseStateResult([]byte(broken))
	require.NoError(t, err)
	_, err = gis.ReadExportPaymentDocumentData(r)
	require.ErrorIs(t, err, gis.ErrInvalid)
	_, err = gis.ReadExportPaymentDocumentData(&gis.StateResult{State: gis.StateDone, Error: &gis.Error{Code: "INT002012"}})
	require.NoError(t, err)
	_, err = gis.ReadExportPaymentDocumentData(&gis.StateResult{State: gis.StateReceived})
	require.ErrorIs(t, err, gis.ErrInvalid)
}
