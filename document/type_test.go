package document_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/document"
)

func TestNewTypeReportsAllDefinitionErrors(t *testing.T) {
	t.Parallel()
	_, err := document.NewType(document.TypeDef{
		Code: "Bad Code",
		Fields: []document.Field{
			{Code: "a", Label: "А", Kind: "text"},
			{Code: "a", Label: "", Kind: document.KindString, Pattern: `([`, Normalize: []document.Normalization{"lower"}},
			{Code: "c", Label: "В", Kind: document.KindEnum},
			{Code: "d", Label: "Г", Kind: document.KindString, Values: []string{"x"}, NotFuture: true, Check: "nope", Mask: "--"},
			{Code: "e", Label: "Д", Kind: document.KindDate, Mask: "99", MinLength: 5, MaxLength: 2, NotBeforeField: "zz"},
			{Code: "f", Label: "Е", Kind: document.KindString, Min: i64(1)},
			{Code: "g", Label: "Ж", Kind: document.KindEnum, Values: []string{"Да", "да"}},
		},
		Rules: []document.Rule{
			{Kind: "sometimes"},
			{Kind: document.RuleDateOrder, Field: "a", Fields: []string{"missing"}},
			{Kind: document.RuleOneOf, Fields: []string{"a"}},
			{Kind: document.RuleCheck, Check: "unknown", Fields: []string{"a"}},
			{Kind: document.RuleRequiredWith, Fields: []string{"a"}, Check: "snils"},
		},
		Scans: document.ScanPolicy{MinPages: 3, MaxPages: 1},
	})
	require.ErrorIs(t, err, document.ErrInvalid)
	var ve *document.ValidationError
	require.True(t, errors.As(err, &ve))
	got := map[[2]string]bool{}
	for _, v := range ve.Violations {
		got[[2]string{v.Field, v.Code}] = true
		assert.NotEmpty(t, v.Message)
	}
	for _, want := range [][2]string{
		{"code", document.CodeDefTypeCode},
		{"name", document.CodeDefTypeName},
		{"scans", document.CodeDefTypeScans},
		{"fields[0].kind", document.CodeDefFieldKind},
		{"fields[1].code", document.CodeDefFieldCode},
		{"fields[1].label", document.CodeDefFieldLabel},
		{"fields[1].pattern", document.CodeDefFieldPattern},
		{"fields[1].normalize[0]", document.CodeDefFieldNormalize},
		{"fields[2].values", document.CodeDefFieldValues},
		{"fields[3].values", document.CodeDefFieldValues},
		{"fields[3].kind", document.CodeDefFieldDate},
		{"fields[3].check", document.CodeDefFieldCheck},
		{"fields[3].mask", document.CodeDefFieldMask},
		{"fields[4].mask", document.CodeDefFieldMask},
		{"fields[4].max_length", document.CodeDefFieldLength},
		{"fields[4].not_before_field", document.CodeDefFieldDate},
		{"fields[5].min", document.CodeDefFieldRange},
		{"fields[6].values[1]", document.CodeDefFieldValues},
		{"rules[0].kind", document.CodeDefRuleKind},
		{"rules[1].field", document.CodeDefRuleField},
		{"rules[1].fields[0]", document.CodeDefRuleField},
		{"rules[2].fields", document.CodeDefRuleField},
		{"rules[3].check", document.CodeDefRuleCheck},
		{"rules[4].field", document.CodeDefRuleField},
		{"rules[4].check", document.CodeDefRuleCheck},
	} {
		assert.True(t, got[want], "missing %v in %v", want, ve.Violations)
	}
}

func TestParseTypeErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, json, code string
	}{
		{"syntax", `{"code":`, document.CodeDefJSON},
		{"unknown key", `{"code":"x","name":"Х","fields":[{"code":"a","label":"А","kind":"string","requried":true}]}`, document.CodeDefJSON},
		{"trailing data", `{"code":"x","name":"Х","fields":[]} {}`, document.CodeDefJSON},
		{"bad date", `{"code":"x","name":"Х","fields":[{"code":"a","label":"А","kind":"date","not_before":"2024-02-30"}]}`, document.CodeDefJSON},
		{"unknown kind", `{"code":"x","name":"Х","fields":[{"code":"a","label":"А","kind":"money"}]}`, document.CodeDefFieldKind},
		{"bad pattern", `{"code":"x","name":"Х","fields":[{"code":"a","label":"А","kind":"string","pattern":"(a"}]}`, document.CodeDefFieldPattern},
		{"unknown rule", `{"code":"x","name":"Х","fields":[],"rules":[{"kind":"xor"}]}`, document.CodeDefRuleKind},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			typ, err := document.ParseType([]byte(tt.json))
			assert.Nil(t, typ)
			require.ErrorIs(t, err, document.ErrInvalid)
			assert.True(t, document.HasCode(err, tt.code), "%v", err)
		})
	}
}

const customTypeJSON = `{
  "code": "parking_permit",
  "name": "Разрешение на парковку",
  "fields": [
    {"code": "number", "label": "Номер", "kind": "string", "required": true,
     "normalize": ["digits"], "mask": "999-999", "pattern": "\\d{6}", "pattern_hint": "шесть цифр"},
    {"code": "issued_on", "label": "Дата выдачи", "kind": "date", "required": true,
     "normalize": ["trim"], "not_future": true, "not_before": "2020-01-01"},
    {"code": "valid_until", "label": "Действует до", "kind": "date", "not_before_field": "issued_on"},
    {"code": "zone", "label": "Зона", "kind": "enum", "values": ["А", "Б"]},
    {"code": "spaces", "label": "Число мест", "kind": "number", "min": 1, "max": 3},
    {"code": "electric", "label": "Электромобиль", "kind": "bool"},
    {"code": "plate", "label": "Госномер", "kind": "string", "normalize": ["collapse_spaces", "upper"], "min_length": 6, "max_length": 9},
    {"code": "owner_snils", "label": "СНИЛС владельца", "kind": "string", "check": "snils", "not_before_field": ""}
  ],
  "rules": [
    {"kind": "required_with", "field": "plate", "fields": ["electric"]},
    {"kind": "one_of", "fields": ["zone", "spaces"], "message": "Укажите зону или число мест"},
    {"kind": "date_order", "field": "valid_until", "fields": ["issued_on"]},
    {"kind": "check", "check": "snils", "fields": ["owner_snils"], "separator": ""}
  ],
  "scans": {"required": true, "min_pages": 1, "max_pages": 2}
}`

func TestTypeJSONRoundTrip(t *testing.T) {
	t.Parallel()
	typ, err := document.ParseType([]byte(customTypeJSON))
	require.NoError(t, err)
	assert.Equal(t, "parking_permit", typ.Code())
	assert.Equal(t, "Разрешение на парковку", typ.Name())
	assert.Equal(t, document.ScanPolicy{Required: true, MinPages: 1, MaxPages: 2}, typ.Scans())
	assert.Len(t, typ.Fields(), 8)
	f, ok := typ.Field("spaces")
	require.True(t, ok)
	assert.Equal(t, int64(3), *f.Max)
	_, ok = typ.Field("nope")
	assert.False(t, ok)

	b, err := json.Marshal(typ)
	require.NoError(t, err)
	var back document.Type
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, typ.Def(), back.Def())
	b2, err := json.Marshal(&back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(b2))

	// Enums and dates travel as strings.
	var raw map[string]any
	require.NoError(t, json.Unmarshal(b, &raw))
	field0 := raw["fields"].([]any)[1].(map[string]any)
	assert.Equal(t, "date", field0["kind"])
	assert.Equal(t, "2020-01-01", field0["not_before"])

	// Decoding into a Type compiles it, with every definition error.
	var bad struct{ T document.Type }
	err = json.Unmarshal([]byte(`{"T":{"code":"x","name":"","fields":[{"code":"a","label":"А","kind":"?"}]}}`), &bad)
	assert.True(t, document.HasCode(err, document.CodeDefTypeName))
	assert.True(t, document.HasCode(err, document.CodeDefFieldKind))
}

func TestTypeKeepsItsOwnCopy(t *testing.T) {
	t.Parallel()
	def := document.TypeDef{Code: "x", Name: "Х", Fields: []document.Field{
		{Code: "a", Label: "А", Kind: document.KindEnum, Values: []string{"один"}},
	}}
	typ, err := document.NewType(def)
	require.NoError(t, err)
	def.Fields[0].Values[0] = "два"
	assert.NoError(t, typ.Validate(document.Values{"a": "один"}, testToday))
	got := typ.Def()
	got.Fields[0].Values[0] = "три"
	assert.Equal(t, "один", typ.Def().Fields[0].Values[0])
}

func TestTypeValidator(t *testing.T) {
	t.Parallel()
	typ := testType(t)
	calls := 0
	v := typ.Validator(func() document.Date { calls++; return testToday })
	assert.NoError(t, v.Validate(validValues()))
	bad := validValues()
	bad["issued_on"] = "2026-03-16"
	assert.True(t, document.HasCode(v.Validate(bad), document.CodeDateFuture))
	assert.Equal(t, 2, calls)
}

func TestScanPolicy(t *testing.T) {
	t.Parallel()
	p := document.ScanPolicy{Required: true, MinPages: 2, MaxPages: 3}
	assert.True(t, document.HasCode(p.Check(0), document.CodePagesRequired))
	assert.True(t, document.HasCode(p.Check(1), document.CodePagesCount))
	assert.NoError(t, p.Check(2))
	assert.NoError(t, p.Check(3))
	assert.True(t, document.HasCode(p.Check(4), document.CodePagesCount))
	assert.NoError(t, document.ScanPolicy{}.Check(0))
	assert.ErrorIs(t, p.Check(0), document.ErrInvalid)
}

func TestEnumValuesMustBeNormalised(t *testing.T) {
	t.Parallel()
	_, err := document.NewType(document.TypeDef{Code: "x", Name: "Х", Fields: []document.Field{
		{Code: "a", Label: "А", Kind: document.KindEnum, Normalize: []document.Normalization{document.NormUpper}, Values: []string{"А", "б"}},
	}})
	var ve *document.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Violations, 1)
	assert.Equal(t, "fields[0].values[1]", ve.Violations[0].Field)
}

func TestTypeMarshalsAsValue(t *testing.T) {
	t.Parallel()
	typ := testType(t)
	b, err := json.Marshal(struct{ T document.Type }{*typ})
	require.NoError(t, err)
	assert.Contains(t, string(b), `"code":"test_doc"`)
}
