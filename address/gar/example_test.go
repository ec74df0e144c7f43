package gar_test

import (
	"fmt"
	"strings"

	"github.com/openzhkh/zhkh/address/gar"
)

// Example scans a small AS_HOUSES document and prints the typed houses.
func Example() {
	const doc = "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n" +
		"<HOUSES>\r\n" +
		`  <HOUSE ID="11" OBJECTID="101" OBJECTGUID="0c5b2444-70a0-4932-980c-b4dc0d3f02b5" CHANGEID="1"` +
		` HOUSENUM="5" ADDNUM1="2" HOUSETYPE="2" ADDTYPE1="1" OPERTYPEID="10" PREVID="0" NEXTID="0"` +
		` UPDATEDATE="2024-01-02" STARTDATE="2024-01-02" ENDDATE="2079-06-06" ISACTUAL="1" ISACTIVE="1" />` + "\r\n" +
		`  <HOUSE ID="12" OBJECTID="102" OBJECTGUID="7d4ae9b1-3f0e-4c61-9e22-1a5b6c7d8e9f" CHANGEID="2"` +
		` HOUSENUM="7&quot;А&quot;" HOUSETYPE="5" OPERTYPEID="30" PREVID="3" NEXTID="0"` +
		` UPDATEDATE="2024-03-04" STARTDATE="2024-03-04" ENDDATE="2079-06-06" ISACTUAL="1" ISACTIVE="0" />` + "\r\n" +
		"</HOUSES>\r\n"

	err := gar.Decode(strings.NewReader(doc), func(h *gar.House) error {
		fmt.Printf("%d %s type %d", h.ObjectID, h.HouseNum, h.HouseType)
		if h.AddNum1 != "" {
			fmt.Printf(" + %s type %d", h.AddNum1, h.AddType1)
		}
		fmt.Printf(", since %s, open end %t, active %t\n", h.StartDate, gar.IsOpenEnd(h.EndDate), h.IsActive)
		return nil
	}, gar.WithFile("AS_HOUSES_20240304_0c5b2444-70a0-4932-980c-b4dc0d3f02b5.XML"), gar.WithKind(gar.KindHouses))
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// 101 5 type 2 + 2 type 1, since 2024-01-02, open end true, active true
	// 102 7"А" type 5, since 2024-03-04, open end true, active false
}

// ExampleScanner reads records without typing them, and shows the
// position and the Russian message of an error.
func ExampleScanner() {
	const doc = `<PARAMS>
<PARAM ID="1" OBJECTID="101" TYPEID="5" VALUE="101000"/>
<PARAM ID="2" OBJECTID="abc" TYPEID="5" VALUE="101001"/>
</PARAMS>`
	sc := gar.NewScanner(strings.NewReader(doc), gar.WithFile("AS_HOUSES_PARAMS.XML"))
	var p gar.Param
	for sc.Next() {
		rec := sc.Record()
		value, _ := rec.Attr("VALUE")
		fmt.Printf("%s #%d line %d offset %d: VALUE=%s\n", rec.Name(), sc.Index(), sc.Line(), sc.Offset(), value)
		if err := p.DecodeRecord(rec); err != nil {
			fmt.Println(err)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// PARAM #1 line 2 offset 9: VALUE=101000
	// PARAM #2 line 3 offset 66: VALUE=101001
	// AS_HOUSES_PARAMS.XML, строка 3, смещение 66, запись 2: атрибут OBJECTID: ожидалось целое число, получено "abc"
}
