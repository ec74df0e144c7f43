package document

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/go-playground/validator/v10"
)

// RegisterValidations registers the identifier checks of this package as
// tags of v, for integrators who validate their own structs with
// go-playground/validator: inn, inn10, inn12, kpp, ogrn, ogrnip, snils,
// bik, passport_rf, birth_cert, cadastral, oktmo, okato, postal_code and
// fias_guid, each the check LookupCheck returns under that name.
//
// A tag applies to string fields (and pointers to them, and types whose
// underlying type is string); on a field of another kind it fails. Like
// the tags of validator itself, a tag alone fails on an empty string:
// write `validate:"omitempty,snils"` for an optional field. The tags only
// report valid or not; to show the Russian message, call the check
// (LookupCheck) on the field's value.
func RegisterValidations(v *validator.Validate) error {
	if v == nil {
		return errors.New("document: RegisterValidations: nil *validator.Validate")
	}
	for _, name := range checkNames {
		check, _ := LookupCheck(name)
		err := v.RegisterValidation(name, func(fl validator.FieldLevel) bool {
			f := fl.Field()
			return f.Kind() == reflect.String && check(f.String()) == nil
		})
		if err != nil {
			return fmt.Errorf("document: registering validation %q: %w", name, err)
		}
	}
	return nil
}
