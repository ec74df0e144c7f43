package document_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/openzhkh/zhkh/document"
)

// An administrator describes a new document type in JSON; the library
// compiles it once and validates values against it.
func ExampleParseType() {
	typ, err := document.ParseType([]byte(`{
	  "code": "parking_permit",
	  "name": "Разрешение на парковку",
	  "fields": [
	    {"code": "number", "label": "Номер", "kind": "string", "required": true,
	     "normalize": ["digits"], "mask": "999-999", "pattern": "\\d{6}", "pattern_hint": "шесть цифр"},
	    {"code": "issued_on", "label": "Дата выдачи", "kind": "date", "required": true, "not_future": true},
	    {"code": "valid_until", "label": "Действует до", "kind": "date"},
	    {"code": "zone", "label": "Зона", "kind": "enum", "values": ["А", "Б"]}
	  ],
	  "rules": [{"kind": "date_order", "field": "valid_until", "fields": ["issued_on"]}],
	  "scans": {"required": true, "min_pages": 1, "max_pages": 2}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	today := document.Date{Year: 2026, Month: time.March, Day: 15}

	fmt.Println(typ.Validate(document.Values{"number": "123 456", "issued_on": "01.03.2026", "zone": "а"}, today))
	fmt.Println(typ.Format(document.Values{"number": "123456", "issued_on": "2026-03-01"}))

	err = typ.ValidateAt("documents[1]", document.Values{
		"number": "12345", "issued_on": "2026-03-01", "valid_until": "2026-02-01", "zone": "В", "color": "red",
	}, today)
	var ve *document.ValidationError
	if errors.As(err, &ve) {
		for _, v := range ve.Violations {
			fmt.Printf("%s %s: %s\n", v.Field, v.Code, v.Message)
		}
	}
	// Output:
	// <nil>
	// map[issued_on:01.03.2026 number:123-456]
	// documents[1].number document.pattern: Поле «Номер» заполнено в неверном формате: ожидается шесть цифр
	// documents[1].zone document.enum: Значение поля «Зона» не входит в список допустимых
	// documents[1].valid_until document.date_order: Дата в поле «Действует до» не может быть раньше даты в поле «Дата выдачи»
	// documents[1].color document.unknown_field: Поле «color» не предусмотрено для документа «Разрешение на парковку»
}

// Validating a passport of a citizen of the Russian Federation against
// the built-in type.
func ExampleType_Validate() {
	passport, _ := document.BuiltinType(document.TypePassportRF)
	today := document.Date{Year: 2026, Month: time.March, Day: 15}
	values := document.Values{
		"series":        "4510",
		"number":        "123456",
		"issued_on":     "1996-03-01",
		"issued_by":     "ОВД района Хамовники г. Москвы",
		"division_code": "7700",
	}
	err := passport.Validate(values, today)
	fmt.Println(errors.Is(err, document.ErrInvalid))
	var ve *document.ValidationError
	errors.As(err, &ve)
	for _, v := range ve.Violations {
		fmt.Printf("%s %s: %s\n", v.Field, v.Code, v.Message)
	}
	values["issued_on"], values["division_code"] = "2015-03-01", "770-001"
	fmt.Println(passport.Validate(values, today))
	fmt.Println(passport.Format(values)["series"], passport.Format(values)["division_code"])
	// Output:
	// true
	// issued_on document.date_before: Дата в поле «Дата выдачи» не может быть раньше 01.10.1997
	// division_code document.pattern: Поле «Код подразделения» заполнено в неверном формате: ожидается шесть цифр в виде 999-999
	// <nil>
	// 45 10 770-001
}
