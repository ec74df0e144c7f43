package document_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/internal/fault"
)

var provider = uuid.MustParse("0195f3a0-0000-7000-8000-0000000000e1")

// accountPackage is the package of a provider for opening a personal
// account.
func accountPackage() document.Package {
	return document.Package{
		Provider: provider,
		Name:     "Открытие лицевого счета",
		Items: []document.Item{
			{Type: "passport_rf", Name: "паспорт гражданина РФ", Required: true},
			{Type: "egrn_extract", Name: "выписка из ЕГРН", Required: true},
			{Type: "power_of_attorney", Name: "доверенность представителя", Required: true, When: document.WhenRepresentative},
			{Type: "owner_consent", Name: "согласие сособственника", Required: true, Min: 2, When: document.WhenSharedOwnership},
			{Type: "meter_passport", Name: "паспорт прибора учета", Required: true, When: document.WhenMeters},
			{Type: "questionnaire", Name: "анкета к заявлению"},
		},
	}
}

// anyTypes knows every type of accountPackage; it requires "number" of a
// passport and nothing of the others.
func anyTypes(code string) (document.Validator, bool) {
	switch code {
	case "passport_rf":
		return passportTypes(code)
	case "egrn_extract", "power_of_attorney", "owner_consent", "meter_passport", "questionnaire":
		return document.ValidatorFunc(func(document.Values) error { return nil }), true
	}
	return nil, false
}

func doc(typ string, values document.Values) document.Document {
	return document.Document{Type: typ, Values: values}
}

func goodPassport() document.Document {
	return doc("passport_rf", document.Values{"series": "65 04", "number": "123456"})
}

func TestPackageCheck(t *testing.T) {
	t.Parallel()
	retired := goodPassport()
	retired.RetiredAt = t0
	for _, tc := range []struct {
		name  string
		docs  []document.Document
		facts document.Facts
		want  []string
	}{
		{"Complete", []document.Document{goodPassport(), doc("egrn_extract", nil)}, document.Facts{}, nil},
		{"Nothing", nil, document.Facts{}, []string{
			"documents[passport_rf] package.missing",
			"documents[egrn_extract] package.missing",
		}},
		{"AllConditions", []document.Document{goodPassport(), doc("egrn_extract", nil)},
			document.Facts{Representative: true, SharedOwnership: true, Meters: true}, []string{
				"documents[power_of_attorney] package.missing",
				"documents[owner_consent] package.missing",
				"documents[meter_passport] package.missing",
			}},
		{"TooFew", []document.Document{goodPassport(), doc("egrn_extract", nil), doc("owner_consent", nil)},
			document.Facts{SharedOwnership: true}, []string{"documents[owner_consent] package.too_few"}},
		{"Enough", []document.Document{goodPassport(), doc("egrn_extract", nil), doc("owner_consent", nil), doc("owner_consent", nil)},
			document.Facts{SharedOwnership: true}, nil},
		{"InvalidDocument", []document.Document{doc("egrn_extract", nil), doc("passport_rf", document.Values{"series": "65 04"})}, document.Facts{}, []string{
			"documents[1].number document.required",
		}},
		{"UnknownType", []document.Document{goodPassport(), doc("egrn_extract", nil), doc("diploma", nil)}, document.Facts{}, []string{
			"documents[2].type document.type_unknown",
		}},
		{"Retired", []document.Document{retired, doc("egrn_extract", nil)}, document.Facts{}, []string{
			"documents[0] package.retired",
			"documents[passport_rf] package.missing",
		}},
		{"ExtraAndOptional", []document.Document{goodPassport(), doc("egrn_extract", nil), doc("questionnaire", nil), doc("meter_passport", nil)}, document.Facts{}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := accountPackage().Check(tc.docs, tc.facts, anyTypes)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.Equal(t, tc.want, violations(t, err))
		})
	}
}

func TestPackageCheckMessages(t *testing.T) {
	t.Parallel()
	err := accountPackage().Check([]document.Document{doc("owner_consent", nil)}, document.Facts{SharedOwnership: true}, anyTypes)
	var ve *document.ValidationError
	require.ErrorAs(t, err, &ve)
	msgs := map[string]string{}
	for _, v := range ve.Violations {
		msgs[v.Field] = v.Message
	}
	assert.Equal(t, "Не приложен документ: паспорт гражданина РФ", msgs["documents[passport_rf]"])
	assert.Equal(t, "Приложено документов «согласие сособственника»: 1, требуется не менее 2", msgs["documents[owner_consent]"])
}

func TestPackageCheckValidatorFails(t *testing.T) {
	t.Parallel()
	errBroken := errors.New("broken validator")
	types := func(string) (document.Validator, bool) {
		return document.ValidatorFunc(func(document.Values) error { return errBroken }), true
	}
	err := accountPackage().Check([]document.Document{goodPassport()}, document.Facts{}, types)
	require.ErrorIs(t, err, errBroken)
	require.NotErrorIs(t, err, document.ErrInvalid)

	err = accountPackage().Check([]document.Document{goodPassport()}, document.Facts{}, nil)
	require.Contains(t, violations(t, err), "documents[0].type document.type_unknown", "no type lookup knows no type")

	single := func(string) (document.Validator, bool) {
		return document.ValidatorFunc(func(document.Values) error {
			return &document.Error{Kind: fault.Invalid, Code: "passport.expired", Message: "Срок действия паспорта истек"}
		}), true
	}
	err = accountPackage().Check([]document.Document{goodPassport()}, document.Facts{}, single)
	require.Contains(t, violations(t, err), "documents[0] passport.expired", "a single *Error of kind invalid becomes a violation of the document")
}

func TestPackageValidate(t *testing.T) {
	t.Parallel()
	require.NoError(t, accountPackage().Validate())
	bad := document.Package{Items: []document.Item{
		{Type: "", Name: "x"},
		{Type: "a", Name: " ", Min: -1},
		{Type: "a", Name: "y", When: "never"},
		{Type: "a", Name: "z"},
	}}
	require.Equal(t, []string{
		"items[0].type package.item",
		"items[1].name package.item",
		"items[1].min package.item",
		"items[2].when package.item",
		"items[3].type package.item",
	}, violations(t, bad.Validate()))
}

func TestFactsHolds(t *testing.T) {
	t.Parallel()
	all := document.Facts{Representative: true, SharedOwnership: true, Meters: true}
	for _, c := range []document.Condition{document.Always, document.WhenRepresentative, document.WhenSharedOwnership, document.WhenMeters} {
		assert.True(t, c.Valid())
		assert.True(t, all.Holds(c), c)
		assert.Equal(t, c == document.Always, document.Facts{}.Holds(c), c)
	}
	assert.False(t, all.Holds("never"))
	assert.False(t, document.Condition("never").Valid())
}

func TestPackageMissing(t *testing.T) {
	t.Parallel()
	got := accountPackage().Missing([]document.Document{goodPassport()}, document.Facts{Meters: true})
	var types []string
	for _, it := range got {
		types = append(types, it.Type)
	}
	require.Equal(t, []string{"egrn_extract", "meter_passport"}, types)
	require.Len(t, accountPackage().Applicable(document.Facts{}), 3)
}

func TestPackageJSON(t *testing.T) {
	t.Parallel()
	p := accountPackage()
	b, err := json.MarshalIndent(p, "", "  ")
	require.NoError(t, err)
	require.JSONEq(t, packageJSON, string(b))
	var back document.Package
	require.NoError(t, json.Unmarshal([]byte(packageJSON), &back))
	require.Equal(t, p, back)
}

const packageJSON = `{
  "provider": "0195f3a0-0000-7000-8000-0000000000e1",
  "name": "Открытие лицевого счета",
  "items": [
    {"type": "passport_rf", "name": "паспорт гражданина РФ", "required": true},
    {"type": "egrn_extract", "name": "выписка из ЕГРН", "required": true},
    {"type": "power_of_attorney", "name": "доверенность представителя", "required": true, "when": "representative"},
    {"type": "owner_consent", "name": "согласие сособственника", "required": true, "min": 2, "when": "shared_ownership"},
    {"type": "meter_passport", "name": "паспорт прибора учета", "required": true, "when": "meters"},
    {"type": "questionnaire", "name": "анкета к заявлению", "required": false}
  ]
}`

// TestPackageCheckWithCatalogue plugs the built-in document types into
// Check through ValidatorsAt: the type's violations come under the
// document's path.
func TestPackageCheckWithCatalogue(t *testing.T) {
	t.Parallel()
	types := document.ValidatorsAt(document.BuiltinType, func() document.Date { return document.Date{Year: 2026, Month: 3, Day: 1} })
	pkg := document.Package{Items: []document.Item{{Type: document.TypePassportRF, Name: "паспорт гражданина РФ", Required: true}}}
	err := pkg.Check([]document.Document{{Type: document.TypePassportRF, Values: document.Values{}}}, document.Facts{}, types)
	got := violations(t, err)
	require.NotEmpty(t, got)
	for _, v := range got {
		require.Regexp(t, `^documents\[0\]\.`, v)
	}
	require.Contains(t, got, "documents[0].series "+document.CodeRequired)
}
