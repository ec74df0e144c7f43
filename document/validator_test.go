package document_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/document"
)

// tagged carries every tag of RegisterValidations.
type tagged struct {
	INN        string  `validate:"inn"`
	INN10      string  `validate:"inn10"`
	INN12      string  `validate:"inn12"`
	KPP        string  `validate:"kpp"`
	OGRN       string  `validate:"ogrn"`
	OGRNIP     string  `validate:"ogrnip"`
	SNILS      string  `validate:"snils"`
	BIK        string  `validate:"bik"`
	Passport   string  `validate:"passport_rf"`
	BirthCert  string  `validate:"birth_cert"`
	Cadastral  string  `validate:"cadastral"`
	OKTMO      string  `validate:"oktmo"`
	OKATO      string  `validate:"okato"`
	PostalCode string  `validate:"postal_code"`
	FIASGUID   string  `validate:"fias_guid"`
	Optional   string  `validate:"omitempty,snils"`
	Pointer    *string `validate:"omitempty,inn"`
	Named      snils   `validate:"snils"`
}

type snils string

func validTagged() tagged {
	inn := "500100732259"
	return tagged{
		INN: "7707083893", INN10: "7707083893", INN12: "500100732259", KPP: "773601001",
		OGRN: "1027700132195", OGRNIP: "304500116000157", SNILS: "112-233-445 95", BIK: "044525225",
		Passport: "45 06 123456", BirthCert: "II-АГ 123456", Cadastral: "77:01:0001001:1017",
		OKTMO: "45382000", OKATO: "45286580000", PostalCode: "101000",
		FIASGUID: "0c5b2444-70a0-4932-980c-b4dc0d3f02b5", Pointer: &inn, Named: "11223344595",
	}
}

func newValidate(t *testing.T) *validator.Validate {
	t.Helper()
	v := validator.New(validator.WithRequiredStructEnabled())
	require.NoError(t, document.RegisterValidations(v))
	return v
}

func TestRegisterValidations(t *testing.T) {
	t.Parallel()
	v := newValidate(t)
	require.NoError(t, v.StructCtx(t.Context(), validTagged()))

	// Every tag fails on a wrong value and on an empty one.
	wrong := tagged{
		INN: "7707083894", INN10: "500100732259", INN12: "7707083893", KPP: "7736ab001",
		OGRN: "1027700132194", OGRNIP: "304500116000158", SNILS: "112-233?445 95", BIK: "04452522",
		Passport: "00 00 000000", BirthCert: "IIII-АГ 123456", Cadastral: "77:01:0001001",
		OKTMO: "4538200", OKATO: "45286580", PostalCode: "10100",
		FIASGUID: "00000000-0000-0000-0000-000000000000", Optional: "112-233-445 96", Named: "1",
	}
	bad := "7707083894"
	wrong.Pointer = &bad
	for _, value := range []tagged{wrong, {}} {
		err := v.StructCtx(t.Context(), value)
		var verrs validator.ValidationErrors
		require.True(t, errors.As(err, &verrs), "%v", err)
		failed := map[string]string{}
		for _, fe := range verrs {
			failed[fe.Field()] = fe.Tag()
		}
		want := map[string]string{
			"INN": "inn", "INN10": "inn10", "INN12": "inn12", "KPP": "kpp", "OGRN": "ogrn",
			"OGRNIP": "ogrnip", "SNILS": "snils", "BIK": "bik", "Passport": "passport_rf",
			"BirthCert": "birth_cert", "Cadastral": "cadastral", "OKTMO": "oktmo", "OKATO": "okato",
			"PostalCode": "postal_code", "FIASGUID": "fias_guid", "Named": "snils",
		}
		if value.Optional != "" { // omitempty: checked only when set
			want["Optional"] = "snils"
			want["Pointer"] = "inn"
		}
		assert.Equal(t, want, failed)
	}

	// The tags on single variables, and on a value of another kind.
	assert.NoError(t, v.Var("112-233-445 95", "snils"))
	assert.Error(t, v.Var("", "snils"))
	assert.NoError(t, v.Var("", "omitempty,snils"))
	assert.Error(t, v.Var(7707083893, "inn"))
}

func TestRegisterValidationsNil(t *testing.T) {
	t.Parallel()
	assert.Error(t, document.RegisterValidations(nil))
}

func ExampleRegisterValidations() {
	type Applicant struct {
		SNILS string `validate:"snils"`
		INN   string `validate:"omitempty,inn12"`
	}
	v := validator.New(validator.WithRequiredStructEnabled())
	if err := document.RegisterValidations(v); err != nil {
		panic(err)
	}
	for _, a := range []Applicant{
		{SNILS: "112-233-445 95"},
		{SNILS: "112-233-445 95", INN: "500100732259"},
		{SNILS: "112-233-445 96", INN: "7707083893"},
	} {
		var verrs validator.ValidationErrors
		if err := v.Struct(a); errors.As(err, &verrs) {
			for _, fe := range verrs {
				// The tag names the check; its Russian message comes from it.
				check, _ := document.LookupCheck(fe.Tag())
				fmt.Printf("%s: %v\n", fe.Field(), check(fe.Value().(string)))
			}
			continue
		}
		fmt.Println("valid")
	}
	// Output:
	// valid
	// valid
	// SNILS: Неверная контрольная сумма СНИЛС
	// INN: ИНН физического лица должен содержать 12 цифр
}
