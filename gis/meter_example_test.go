package gis_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/openzhkh/zhkh/gis"
)

// ExampleBuilder_ImportMeteringDeviceData places a cold-water meter of a
// flat, reads GIS's answer back into the caller's items and shows how a
// validation failure lists every broken field.
func ExampleBuilder_ImportMeteringDeviceData() {
	// Deterministic GUIDs and clock for the example; use the defaults in
	// production.
	n := 0
	b := gis.NewBuilder(gis.BuilderConfig{
		OrgPPAGUID: uuid.MustParse("7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"),
		Now:        func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) },
		NewID: func() (uuid.UUID, error) {
			n++
			return uuid.MustParse(fmt.Sprintf("00000000-0000-4000-8000-%012d", n)), nil
		},
	})
	reading := decimal.RequireFromString("12.345")
	meter := gis.Meter{
		FIASHouseGUID:     uuid.MustParse("0c5b2444-70a0-4932-980c-b4dc0d3f02b5"),
		Kind:              gis.MeterResidentialPremise,
		SerialNumber:      "ХВС-001",
		Brand:             "Пульсар",
		Model:             "ВСКМ 90-15",
		CommissioningDate: gis.Date{Year: 2025, Month: time.March, Day: 1},
		Seal:              gis.Seal{Number: "П-1", Date: gis.Date{Year: 2025, Month: time.February, Day: 20}},
		AccountGUIDs:      []uuid.UUID{uuid.MustParse("b3111111-2222-4333-8444-555555555555")},
		Resources: []gis.MeterResource{{
			Resource: gis.NsiRef{Code: "1", GUID: uuid.MustParse("b4111111-2222-4333-8444-555555555555"), Name: "Холодная вода"},
			Unit:     "113",
			Reading:  &reading,
		}},
	}
	msgs, err := b.ImportMeteringDeviceData([]gis.Meter{meter})
	if err != nil {
		fmt.Println(err)
		return
	}
	m := msgs[0]
	fmt.Println(m.Operation.Name, m.Version, "meters:", len(m.Items), "objects:", m.Objects)

	// GIS answers through getState; here the answer is written by hand.
	var tg uuid.UUID
	for id := range m.Items {
		tg = id
	}
	answer := `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/" xmlns:hm="http://dom.gosuslugi.ru/schema/integration/house-management/"><soapenv:Body>` +
		`<hm:getStateResult base:version="11.0.0.1"><base:RequestState>3</base:RequestState><base:MessageGUID>9a0b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d</base:MessageGUID><hm:ImportResult>` +
		`<hm:CommonResult><base:GUID>e2000000-0000-4000-8000-000000000001</base:GUID><base:TransportGUID>` + tg.String() + `</base:TransportGUID><base:UniqueNumber>ПУ-000123</base:UniqueNumber><base:UpdateDate>2026-03-02T12:00:00+03:00</base:UpdateDate>` +
		`<hm:importMeteringDevice><hm:MeteringDeviceGUID>e1000000-0000-4000-8000-000000000001</hm:MeteringDeviceGUID></hm:importMeteringDevice></hm:CommonResult>` +
		`</hm:ImportResult></hm:getStateResult></soapenv:Body></soapenv:Envelope>`
	r, err := gis.ParseStateResult([]byte(answer))
	if err != nil {
		fmt.Println(err)
		return
	}
	results, err := gis.ReadImportMeteringDeviceData(m, r)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, res := range results {
		fmt.Println("meter", res.Index, "ok:", res.OK(), "number:", res.UniqueNumber, "GUID:", res.MeterGUID)
	}

	// Invalid input: every violation at once, with its path.
	meter.SerialNumber = ""
	meter.Seal.Date = gis.Date{}
	_, err = b.ImportMeteringDeviceData([]gis.Meter{meter})
	var ve *gis.ValidationError
	if errors.As(err, &ve) {
		for _, v := range ve.Violations {
			fmt.Println(v.Field, v.Code, v.Message)
		}
	}
	// Output:
	// importMeteringDeviceData 11.1.0.8 meters: 1 objects: [{meter ХВС-001}]
	// meter 0 ok: true number: ПУ-000123 GUID: e1000000-0000-4000-8000-000000000001
	// meters[0].serialNumber required обязательное поле не заполнено
	// meters[0].seal.date required обязательная дата не заполнена
}
