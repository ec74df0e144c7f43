package application_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/application"
)

func violationCodes(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *application.ValidationError
	require.ErrorAs(t, err, &ve)
	require.ErrorIs(t, err, application.ErrInvalid)
	out := make([]string, len(ve.Violations))
	for i, v := range ve.Violations {
		out[i] = v.Field + " " + v.Code
		assert.NotEmpty(t, v.Message)
	}
	return out
}

func TestReferenceEntryValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		entry application.ReferenceEntry
		want  []string
	}{
		{"unit", application.ReferenceEntry{Book: application.BookUnits, Code: "cubic_metre", Name: "Кубический метр", OKEI: "113"}, nil},
		{"unit with leading zero", application.ReferenceEntry{Book: application.BookUnits, Code: "square_metre", Name: "Квадратный метр", OKEI: "055"}, nil},
		{"resource", application.ReferenceEntry{Book: application.BookResources, Code: "gas", Name: "Газ", Unit: "cubic_metre"}, nil},
		{"service without resources", application.ReferenceEntry{Book: application.BookServices, Code: "solid_waste_management", Name: "ТКО"}, nil},
		{"purpose", application.ReferenceEntry{Book: application.BookPurposes, Code: "cooking", Name: "Приготовление пищи", NSICode: "1"}, nil},
		{"empty", application.ReferenceEntry{}, []string{
			"book reference.book", "code reference.code", "name reference.name"}},
		{"OKEI too long", application.ReferenceEntry{Book: application.BookUnits, Code: "x", Name: "X", OKEI: "1130"},
			[]string{"okei reference.okei"}},
		{"OKEI not digits", application.ReferenceEntry{Book: application.BookUnits, Code: "x", Name: "X", OKEI: "1a3"},
			[]string{"okei reference.okei"}},
		{"OKEI missing", application.ReferenceEntry{Book: application.BookUnits, Code: "x", Name: "X"},
			[]string{"okei reference.okei"}},
		{"blank name", application.ReferenceEntry{Book: application.BookPurposes, Code: "x", Name: "  "},
			[]string{"name reference.name"}},
		{"fields of other books", application.ReferenceEntry{Book: application.BookPurposes, Code: "x", Name: "X",
			OKEI: "113", Symbol: "м³", Unit: "litre", Resources: []string{"gas"}},
			[]string{"okei reference.not_applicable", "symbol reference.not_applicable",
				"unit reference.not_applicable", "resources reference.not_applicable"}},
		{"resource without unit", application.ReferenceEntry{Book: application.BookResources, Code: "gas", Name: "Газ"},
			[]string{"unit reference.unit"}},
		{"service lists a resource twice", application.ReferenceEntry{Book: application.BookServices, Code: "x", Name: "X",
			Resources: []string{"gas", "heat", "gas"}}, []string{"resources[2] reference.duplicate"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, violationCodes(t, tc.entry.Validate()))
		})
	}
}

func TestReferenceCodeFormat(t *testing.T) {
	t.Parallel()
	for code, ok := range map[string]bool{
		"cold_water": true, "x": true, "unit_01": true, "a1_b2": true,
		"": false, "_x": false, "x_": false, "a__b": false, "Cold": false, "1st": false,
		"cold-water": false, "холодная": false, "a b": false,
	} {
		err := application.ReferenceEntry{Book: application.BookPurposes, Code: code, Name: "X"}.Validate()
		assert.Equal(t, ok, err == nil, "%q: %v", code, err)
	}
}

func TestValidateBooks(t *testing.T) {
	t.Parallel()
	retired := application.ReferenceEntry{Book: application.BookUnits, Code: "litre", Name: "Литр", OKEI: "112",
		Retired: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	entries := []application.ReferenceEntry{
		{Book: application.BookUnits, Code: "cubic_metre", Name: "Кубический метр", OKEI: "113"},
		{Book: application.BookUnits, Code: "cubic_metre", Name: "Куб", OKEI: "114"},    // [1] duplicate code
		{Book: application.BookUnits, Code: "cubic_meter", Name: "Куб. м", OKEI: "113"}, // [2] duplicate OKEI
		retired, // [3]
		{Book: application.BookResources, Code: "cubic_metre", Name: "Не единица", Unit: "cubic_metre"}, // [4] same code, other book: fine
		{Book: application.BookResources, Code: "steam", Name: "Пар", Unit: "tonne"},                    // [5] unknown unit
		{Book: application.BookResources, Code: "milk", Name: "Молоко", Unit: "litre"},                  // [6] retired unit
		{Book: application.BookServices, Code: "steam_supply", Name: "Пароснабжение",
			Resources: []string{"steam", "coal", "cubic_metre"}}, // [7] coal unknown
		{Book: application.BookServices, Code: "bad", Name: ""}, // [8] no name
	}
	assert.Equal(t, []string{
		"[1].code reference.duplicate",
		"[2].okei reference.duplicate",
		"[8].name reference.name",
		"[5].unit reference.unit_unknown",
		"[6].unit reference.unit_unknown",
		"[7].resources[1] reference.resource_unknown",
	}, violationCodes(t, application.ValidateBooks(entries)))
	assert.NoError(t, application.ValidateBooks(nil))
}

func TestDefaults(t *testing.T) {
	t.Parallel()
	d := application.Defaults()
	require.NoError(t, application.ValidateBooks(d))
	okei := map[string]string{}
	count := map[application.Book]int{}
	for _, e := range d {
		count[e.Book]++
		if e.Book == application.BookUnits {
			okei[e.Symbol] = e.OKEI
		}
	}
	assert.Equal(t, map[string]string{"м³": "113", "кВт·ч": "245", "Гкал": "233", "кг": "166", "т": "168",
		"л": "112", "м²": "055", "чел": "792", "шт": "796"}, okei)
	assert.Equal(t, map[application.Book]int{application.BookUnits: 9, application.BookResources: 8,
		application.BookPurposes: 5, application.BookServices: 7}, count)
	i := slices.IndexFunc(d, func(e application.ReferenceEntry) bool { return e.Code == "gas_supply" })
	require.GreaterOrEqual(t, i, 0)
	d[i].Resources[0] = "changed"
	d[0].Name = "changed"
	fresh := application.Defaults()
	assert.Equal(t, "gas", fresh[i].Resources[0], "Defaults returns fresh values")
	assert.NotEqual(t, "changed", fresh[0].Name)
}

func TestReferenceEntryActive(t *testing.T) {
	t.Parallel()
	at := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	e := application.ReferenceEntry{}
	assert.True(t, e.Active(at))
	e.Retired = at
	assert.False(t, e.Active(at))
	assert.True(t, e.Active(at.Add(-time.Nanosecond)))
}

func TestBooks(t *testing.T) {
	t.Parallel()
	for _, b := range application.Books() {
		assert.True(t, b.Valid(), b)
	}
	assert.False(t, application.Book("").Valid())
	assert.ErrorIs(t, application.BookError("x"), application.ErrInvalid)
	assert.ErrorIs(t, application.RetiredAtError(), application.ErrInvalid)
}

func FuzzReferenceEntryValidate(f *testing.F) {
	f.Add("units", "cubic_metre", "Кубический метр", "113", "", "")
	f.Add("resources", "gas", "Газ", "", "cubic_metre", "")
	f.Add("services", "a__b", " ", "1a", "x", "gas")
	f.Fuzz(func(t *testing.T, book, code, name, okei, unit, res string) {
		e := application.ReferenceEntry{Book: application.Book(book), Code: code, Name: name, OKEI: okei, Unit: unit}
		if res != "" {
			e.Resources = []string{res, res}
		}
		err := e.Validate()
		if err != nil {
			var ve *application.ValidationError
			if !errors.As(err, &ve) || len(ve.Violations) == 0 {
				t.Fatalf("Validate returned %v, not a *ValidationError with violations", err)
			}
		}
		_ = application.ValidateBooks([]application.ReferenceEntry{e, e})
	})
}
