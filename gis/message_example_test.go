package gis_test

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/gis"
)

// ExampleBuilder_Wrap builds a request of any operation of the package by
// hand: an empty body from NewBody, the children in schema order, then
// Wrap for the envelope and header.
func ExampleBuilder_Wrap() {
	b := gis.NewBuilder(gis.BuilderConfig{
		OrgPPAGUID: uuid.MustParse("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"),
		Now:        func() time.Time { return time.Date(2025, 1, 31, 9, 0, 0, 0, time.UTC) },
		NewID:      func() (uuid.UUID, error) { return uuid.MustParse("0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d"), nil },
	})
	op, _ := gis.LookupOperation("exportAccountData")
	body, err := b.NewBody(op, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	body.CreateElement("hm:FIASHouseGuid").SetText("b502ae45-897e-4b6f-9776-6ff49740b537")
	msg, err := b.Wrap(op, body)
	if err != nil {
		fmt.Println(err)
		return
	}
	data, err := msg.Bytes()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(op.SOAPAction, op.Path)
	fmt.Println(string(data))
	// Output:
	// urn:exportAccountData /ext-bus-home-management-service/services/HomeManagementAsync
	// <?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><base:RequestHeader xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/"><base:Date>2025-01-31T12:00:00.000+03:00</base:Date><base:MessageGUID>0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d</base:MessageGUID><base:orgPPAGUID>5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b</base:orgPPAGUID></base:RequestHeader></soapenv:Header><soapenv:Body><hm:exportAccountRequest xmlns:hm="http://dom.gosuslugi.ru/schema/integration/house-management/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/" Id="signed-data-container" base:version="10.0.1.1"><hm:FIASHouseGuid>b502ae45-897e-4b6f-9776-6ff49740b537</hm:FIASHouseGuid></hm:exportAccountRequest></soapenv:Body></soapenv:Envelope>
}

// ExampleParseStateResult reads the answer to getState: the state, a
// whole-message error, or the per-item results of an import.
func ExampleParseStateResult() {
	response := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns4="http://dom.gosuslugi.ru/schema/integration/base/">
 <soap:Body>
  <ns13:getStateResult xmlns:ns13="http://dom.gosuslugi.ru/schema/integration/house-management/" ns4:version="13.2.3.2">
   <ns4:RequestState>3</ns4:RequestState>
   <ns4:MessageGUID>7d2e1f3a-4b5c-4d6e-8f70-8192a3b4c5d6</ns4:MessageGUID>
   <ns13:ImportResult>
    <ns13:CommonResult>
     <ns4:GUID>c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f</ns4:GUID>
     <ns4:TransportGUID>11111111-1111-4111-8111-111111111111</ns4:TransportGUID>
     <ns4:UniqueNumber>77АБ000001</ns4:UniqueNumber>
     <ns4:UpdateDate>2025-01-31T12:04:59+03:00</ns4:UpdateDate>
    </ns13:CommonResult>
    <ns13:CommonResult>
     <ns4:TransportGUID>22222222-2222-4222-8222-222222222222</ns4:TransportGUID>
     <ns4:Error><ns4:ErrorCode>INT002000</ns4:ErrorCode><ns4:Description>Значение в поле отсутствует в реестре</ns4:Description></ns4:Error>
    </ns13:CommonResult>
   </ns13:ImportResult>
  </ns13:getStateResult>
 </soap:Body>
</soap:Envelope>`)
	r, err := gis.ParseStateResult(response)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Service, r.State, r.Done())
	for _, c := range r.Results {
		if c.OK() {
			fmt.Println(c.TransportGUID, "ok", c.UniqueNumber)
			continue
		}
		for _, e := range c.Errors {
			fmt.Println(c.TransportGUID, e.Code, e.Class())
		}
	}
	// Output:
	// house-management 3 true
	// 11111111-1111-4111-8111-111111111111 ok 77АБ000001
	// 22222222-2222-4222-8222-222222222222 INT002000 unknown
}
