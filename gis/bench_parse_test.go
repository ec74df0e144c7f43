package gis_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/openzhkh/zhkh/gis"
)

// stateResultWith returns a house-management getStateResult with n
// CommonResults, alternating successes (with an ImportAccount block) and
// failures.
func stateResultWith(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns4="http://dom.gosuslugi.ru/schema/integration/base/" xmlns:ns6="http://dom.gosuslugi.ru/schema/integration/account-base/"><soap:Header><ns4:ResultHeader><ns4:Date>2025-01-31T12:05:00.000+03:00</ns4:Date><ns4:MessageGUID>9e8d7c6b-5a49-4382-9716-0f1e2d3c4b5a</ns4:MessageGUID></ns4:ResultHeader></soap:Header><soap:Body>`)
	b.WriteString(`<ns13:getStateResult xmlns:ns13="http://dom.gosuslugi.ru/schema/integration/house-management/" Id="signed-data-container" ns4:version="13.2.3.2"><ns4:RequestState>3</ns4:RequestState><ns4:MessageGUID>7d2e1f3a-4b5c-4d6e-8f70-8192a3b4c5d6</ns4:MessageGUID><ns13:ImportResult ns4:version="10.0.1.1">`)
	for i := range n {
		if i%2 == 0 {
			fmt.Fprintf(&b, `<ns13:CommonResult><ns4:GUID>c1d2e3f4-a5b6-4c7d-8e9f-%012x</ns4:GUID><ns4:TransportGUID>11111111-1111-4111-8111-%012x</ns4:TransportGUID><ns4:UniqueNumber>77АБ%06d</ns4:UniqueNumber><ns4:UpdateDate>2025-01-31T12:04:59.123+03:00</ns4:UpdateDate><ns13:ImportAccount><ns6:UnifiedAccountNumber>77АБ%06d</ns6:UnifiedAccountNumber><ns6:ServiceID>77АБ%06d-01</ns6:ServiceID></ns13:ImportAccount></ns13:CommonResult>`, i, i, i, i, i)
		} else {
			fmt.Fprintf(&b, `<ns13:CommonResult><ns4:TransportGUID>11111111-1111-4111-8111-%012x</ns4:TransportGUID><ns4:Error><ns4:ErrorCode>INT002000</ns4:ErrorCode><ns4:Description>Значение в поле "Номер ЛС" отсутствует в реестре</ns4:Description></ns4:Error></ns13:CommonResult>`, i)
		}
	}
	b.WriteString(`</ns13:ImportResult></ns13:getStateResult></soap:Body></soap:Envelope>`)
	return []byte(b.String())
}

func TestStateResultWith1000(t *testing.T) {
	t.Parallel()
	r, err := gis.ParseStateResult(stateResultWith(1000))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Results) != 1000 || !r.Results[0].OK() || r.Results[1].OK() {
		t.Fatalf("got %d results", len(r.Results))
	}
}

// BenchmarkParseStateResult1000 parses a getStateResult with 1000
// CommonResults; the target is at most 10 ms per operation.
func BenchmarkParseStateResult1000(b *testing.B) {
	data := stateResultWith(1000)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r, err := gis.ParseStateResult(data)
		if err != nil || len(r.Results) != 1000 {
			b.Fatalf("%v, %d results", err, len(r.Results))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/result")
}
