package gis_test

import (
	"testing"

	"github.com/beevik/etree"
	"github.com/shopspring/decimal"

	"github.com/openzhkh/zhkh/gis"
)

// seedA adds the testdata files to a fuzz corpus.
func seedA(f *testing.F, names ...string) {
	f.Helper()
	for _, n := range names {
		f.Add(testdataA(f, n))
	}
	f.Add([]byte(`<?xml version="1.0"?><a/>`))
	f.Add([]byte{})
}

// allResponsesA are every response fixture of the typed readers.
var allResponsesA = []string{
	"account_export_result.xml", "account_state_error.xml", "account_state_empty.xml",
	"nsi_list_result.xml", "nsi_item_result.xml", "nsi_paging_result.xml",
	"orgregistry_result.xml", "house_apartment_result.xml", "house_living_result.xml",
}

// fuzzReaderA parses data and hands the result to read; neither may panic.
func fuzzReaderA(f *testing.F, read func(*gis.StateResult) error) {
	seedA(f, allResponsesA...)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := gis.ParseStateResult(data)
		if err != nil {
			return
		}
		_ = read(r)
	})
}

func FuzzReadExportAccountData(f *testing.F) {
	fuzzReaderA(f, func(r *gis.StateResult) error { _, err := gis.ReadExportAccountData(r); return err })
}

func FuzzReadExportNsiList(f *testing.F) {
	fuzzReaderA(f, func(r *gis.StateResult) error { _, err := gis.ReadExportNsiList(r); return err })
}

func FuzzReadExportNsiItem(f *testing.F) {
	fuzzReaderA(f, func(r *gis.StateResult) error { _, err := gis.ReadExportNsiItem(r); return err })
}

func FuzzReadExportOrgRegistry(f *testing.F) {
	fuzzReaderA(f, func(r *gis.StateResult) error { _, err := gis.ReadExportOrgRegistry(r); return err })
}

func FuzzReadExportHouseData(f *testing.F) {
	fuzzReaderA(f, func(r *gis.StateResult) error { _, err := gis.ReadExportHouseData(r); return err })
}

func FuzzReadImportAccountData(f *testing.F) {
	msgs, err := builderA(f).ImportAccountData(manyAccounts(3))
	if err != nil {
		f.Fatal(err)
	}
	m := msgs[0]
	f.Add(importAccountResponse(f, m))
	seedA(f, "account_state_error.xml", "account_state_empty.xml")
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := gis.ParseStateResult(data)
		if err != nil {
			return
		}
		res, err := gis.ReadImportAccountData(m, r)
		if err != nil {
			return
		}
		for _, x := range res {
			if x.Index < 0 || x.Index >= len(m.Items) {
				t.Fatalf("index %d is not an item of the message", x.Index)
			}
		}
	})
}

// FuzzImportAccountData builds accounts from arbitrary text: validation
// either refuses them with a *ValidationError or the builder makes
// messages; nothing panics.
func FuzzImportAccountData(f *testing.F) {
	f.Add("ЛС-1", "Иванова", "Алёна", "12345678901", "50.5", "54.1234", "1", 3)
	f.Add(`&<">`, "", "", "123", "100.001", "-1", "x1", 10000)
	f.Add("\n", "Ё", "ё", "", "", "", "", -1)
	f.Add("7", "А", "Б", "", "0.00", "-0.00010", "", 0)
	f.Add("8", "А", "Б", "", "1e2", "12345678901234567890123.4", "", 1)
	f.Add("9", "А", "Б", "", "", "1.5e-3", "", 1)
	f.Fuzz(func(t *testing.T, number, surname, first, snils, share, area, code string, persons int) {
		a := gis.Account{
			Kind:                gis.AccountUO,
			AccountNumber:       number,
			LivingPersonsNumber: &persons,
			Accommodations:      []gis.Accommodation{{PremisesGUID: aPremise}},
			Payer:               gis.Payer{Individual: &gis.PayerIndividual{Surname: surname, FirstName: first, SNILS: snils}},
		}
		if code != "" {
			a.Closed = &gis.AccountClosure{Reason: gis.NsiRef{Code: code, GUID: aNsi}, Date: gis.Date{Year: 2026, Month: 1, Day: 1}}
		}
		if d, err := decimal.NewFromString(share); err == nil {
			a.Accommodations[0].SharePercent = &d
		}
		if d, err := decimal.NewFromString(area); err == nil {
			a.TotalSquare = &d
		}
		msgs, err := builderA(t).ImportAccountData([]gis.Account{a})
		if err != nil {
			if _, ok := err.(*gis.ValidationError); !ok {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			return
		}
		if len(msgs) != 1 || len(msgs[0].Items) != 1 {
			t.Fatalf("one valid account gave %d messages", len(msgs))
		}
		data, err := msgs[0].Bytes()
		if err != nil {
			t.Fatal(err)
		}
		doc := etree.NewDocument()
		if err := doc.ReadFromBytes(data); err != nil {
			t.Fatalf("the message is not well-formed XML: %v", err)
		}
		if a.TotalSquare != nil {
			got := doc.FindElement("//TotalSquare")
			if got == nil {
				t.Fatal("TotalSquare is missing")
			}
			back, err := decimal.NewFromString(got.Text())
			if err != nil || !back.Equal(*a.TotalSquare) {
				t.Fatalf("TotalSquare %s was written as %q", a.TotalSquare, got.Text())
			}
		}
	})
}
