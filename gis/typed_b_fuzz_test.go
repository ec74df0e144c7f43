package gis_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/beevik/etree"

	"github.com/openzhkh/zhkh/gis"
)

// responsesB are the response fixtures of the part-B readers.
var responsesB = []string{
	"meter_export_result.xml", "reading_history_result.xml",
	"paymentdoc_export_result.xml", "debt_export_result.xml",
}

// typedErrB fails unless err is nil, a *gis.Error or matches ErrInvalid.
func typedErrB(t *testing.T, err error) {
	t.Helper()
	var ge *gis.Error
	if err != nil && !errors.As(err, &ge) && !errors.Is(err, gis.ErrInvalid) {
		t.Fatalf("untyped error %T: %v", err, err)
	}
}

// fuzzReaderB parses data and hands the result to read: neither may
// panic, and read's error must be typed.
func fuzzReaderB(f *testing.F, read func(*gis.StateResult) error) {
	f.Helper()
	for _, n := range responsesB {
		f.Add(testdataB(f, n))
	}
	f.Add([]byte(`<?xml version="1.0"?><a/>`))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := gis.ParseStateResult(data)
		if err != nil {
			return
		}
		typedErrB(t, read(r))
	})
}

func FuzzReadExportMeteringDeviceData(f *testing.F) {
	fuzzReaderB(f, func(r *gis.StateResult) error { _, err := gis.ReadExportMeteringDeviceData(r); return err })
}

func FuzzReadExportMeteringDeviceHistory(f *testing.F) {
	fuzzReaderB(f, func(r *gis.StateResult) error { _, err := gis.ReadExportMeteringDeviceHistory(r); return err })
}

func FuzzReadExportPaymentDocumentData(f *testing.F) {
	fuzzReaderB(f, func(r *gis.StateResult) error { _, err := gis.ReadExportPaymentDocumentData(r); return err })
}

func FuzzReadExportDebtSubrequests(f *testing.F) {
	fuzzReaderB(f, func(r *gis.StateResult) error { _, err := gis.ReadExportDebtSubrequests(r); return err })
}

// FuzzReadImportResultsB reads arbitrary answers as the results of the
// part-B imports of one message each: no panic, typed errors, indexes
// inside the message.
func FuzzReadImportResultsB(f *testing.F) {
	b := builderB(f)
	meters, err := b.ImportMeteringDeviceData(manyMeters(3, bHouse))
	if err != nil {
		f.Fatal(err)
	}
	readings, err := b.ImportMeteringDeviceValues(manyReadings(3))
	if err != nil {
		f.Fatal(err)
	}
	docs, err := b.ImportPaymentDocumentData(manyDocuments(3))
	if err != nil {
		f.Fatal(err)
	}
	responses, err := b.ImportResponses(manyResponses(3))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(meterImportResponse(meters[0]))
	for _, n := range responsesB {
		f.Add(testdataB(f, n))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := gis.ParseStateResult(data)
		if err != nil {
			return
		}
		check := func(n int, err error, index func(int) int) {
			typedErrB(t, err)
			for i := range n {
				if x := index(i); x < 0 || x >= 3 {
					t.Fatalf("index %d is not an item of the message", x)
				}
			}
		}
		mr, err := gis.ReadImportMeteringDeviceData(meters[0], r)
		check(len(mr), err, func(i int) int { return mr[i].Index })
		rr, err := gis.ReadImportMeteringDeviceValues(readings[0], r)
		check(len(rr), err, func(i int) int { return rr[i].Index })
		dr, err := gis.ReadImportPaymentDocumentData(docs[0], r)
		check(len(dr), err, func(i int) int { return dr[i].Index })
		sr, err := gis.ReadImportResponses(responses[0], r)
		check(len(sr), err, func(i int) int { return sr[i].Index })
	})
}

// buildsB decodes JSON into the input of one builder and builds: an
// error matching ErrInvalid or well-formed messages, never a panic.
func buildsB[T any](t *testing.T, data []byte, build func(*gis.Builder, T) ([]*gis.Message, error)) {
	var in T
	if json.Unmarshal(data, &in) != nil {
		return
	}
	msgs, err := build(builderB(t), in)
	if err != nil {
		// A *ValidationError, or an unknown version refused by the
		// message layer: both match ErrInvalid.
		if !errors.Is(err, gis.ErrInvalid) {
			t.Fatalf("unexpected error %T: %v", err, err)
		}
		return
	}
	for _, m := range msgs {
		out, err := m.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		if err := etree.NewDocument().ReadFromBytes(out); err != nil {
			t.Fatalf("the message is not well-formed XML: %v", err)
		}
	}
}

// one wraps a builder of one message.
func one[T any](build func(*gis.Builder, T) (*gis.Message, error)) func(*gis.Builder, T) ([]*gis.Message, error) {
	return func(b *gis.Builder, in T) ([]*gis.Message, error) {
		m, err := build(b, in)
		if err != nil {
			return nil, err
		}
		return []*gis.Message{m}, nil
	}
}

// FuzzBuildersB feeds arbitrary JSON to every part-B builder; the first
// byte of the input picks the builder.
func FuzzBuildersB(f *testing.F) {
	seed := func(kind byte, v any) {
		data, err := json.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(append([]byte{kind}, data...))
	}
	seed(0, []gis.Meter{residentialMeter("1"), collectiveMeter()})
	seed(1, manyReadings(2))
	seed(2, []gis.PaymentDocument{fullDocument()})
	seed(3, manyResponses(1))
	seed(4, gis.MeterQuery{FIASHouseGUID: bHouse, Resource: nsiB("1")})
	seed(5, gis.MeterHistoryQuery{MeterRootGUIDs: nil, Resources: []gis.NsiRef{nsiB("1")}})
	seed(6, gis.PaymentDocumentQuery{Year: 2026, Month: 1, ServiceIDs: []string{"1234567890123"}})
	seed(7, gis.DebtSubrequestQuery{PeriodFrom: dateB(2026, 1, 1), PeriodTo: dateB(2026, 2, 1)})
	seed(8, []string{"12АБ345678-01-0001"})
	f.Add([]byte{0, '[', '{', '"', 'e', 'l', 'e', 'c', 't', 'r', 'i', 'c', '"', ':', 't', 'r', 'u', 'e', '}', ']'})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		in := data[1:]
		switch data[0] % 9 {
		case 0:
			buildsB(t, in, (*gis.Builder).ImportMeteringDeviceData)
		case 1:
			buildsB(t, in, (*gis.Builder).ImportMeteringDeviceValues)
		case 2:
			buildsB(t, in, (*gis.Builder).ImportPaymentDocumentData)
		case 3:
			buildsB(t, in, (*gis.Builder).ImportResponses)
		case 4:
			buildsB(t, in, one((*gis.Builder).ExportMeteringDeviceData))
		case 5:
			buildsB(t, in, one((*gis.Builder).ExportMeteringDeviceHistory))
		case 6:
			buildsB(t, in, (*gis.Builder).ExportPaymentDocumentData)
		case 7:
			buildsB(t, in, one((*gis.Builder).ExportDebtSubrequests))
		case 8:
			buildsB(t, in, (*gis.Builder).WithdrawPaymentDocuments)
		}
	})
}
