package document_test

import (
	"errors"
	"fmt"

	"github.com/openzhkh/zhkh/document"
)

// ExamplePackage_Check shows how the application flow refuses to send an
// incomplete application: the package of the provider lists what is
// needed, and Check reports everything missing or invalid at once.
func ExamplePackage_Check() {
	pkg := document.Package{
		Name: "Открытие лицевого счета",
		Items: []document.Item{
			{Type: "passport_rf", Name: "паспорт гражданина РФ", Required: true},
			{Type: "egrn_extract", Name: "выписка из ЕГРН", Required: true},
			{Type: "power_of_attorney", Name: "доверенность представителя", Required: true, When: document.WhenRepresentative},
			{Type: "meter_passport", Name: "паспорт прибора учета", Required: true, When: document.WhenMeters},
		},
	}
	// The document types; in the library they come from the type catalogue.
	types := func(code string) (document.Validator, bool) {
		return document.ValidatorFunc(func(v document.Values) error {
			if code == "egrn_extract" && v["number"] == "" {
				return &document.ValidationError{Violations: []document.Violation{
					{Field: "number", Code: "document.required", Message: "Не заполнено поле «Номер выписки»"},
				}}
			}
			return nil
		}), true
	}
	attached := []document.Document{
		{Type: "egrn_extract", Values: document.Values{}},
		{Type: "meter_passport", Values: document.Values{"number": "12345"}},
	}
	err := pkg.Check(attached, document.Facts{Representative: true, Meters: true}, types)
	var ve *document.ValidationError
	if errors.As(err, &ve) {
		for _, v := range ve.Violations {
			fmt.Printf("%s: %s\n", v.Field, v.Message)
		}
	}
	// Output:
	// documents[0].number: Не заполнено поле «Номер выписки»
	// documents[passport_rf]: Не приложен документ: паспорт гражданина РФ
	// documents[power_of_attorney]: Не приложен документ: доверенность представителя
}
