package document_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/document"
)

var testToday = document.Date{Year: 2026, Month: time.March, Day: 15}

func i64(n int64) *int64 { return &n }

// testType exercises every field constraint and rule kind.
func testType(t *testing.T) *document.Type {
	t.Helper()
	typ, err := document.NewType(document.TypeDef{
		Code: "test_doc", Name: "Тестовый документ",
		Fields: []document.Field{
			{Code: "series", Label: "Серия", Kind: document.KindString, Required: true,
				Normalize: []document.Normalization{document.NormDigits}, Mask: "99 99", Pattern: `\d{4}`, PatternHint: "четыре цифры"},
			{Code: "name", Label: "Имя", Kind: document.KindString, MinLength: 2, MaxLength: 5,
				Normalize: []document.Normalization{document.NormCollapseSpaces, document.NormUpper}},
			{Code: "count", Label: "Количество", Kind: document.KindNumber, Min: i64(1), Max: i64(10)},
			{Code: "color", Label: "Цвет", Kind: document.KindEnum, Values: []string{"Красный", "Зелёный"}},
			{Code: "flag", Label: "Признак", Kind: document.KindBool},
			{Code: "issued_on", Label: "Дата выдачи", Kind: document.KindDate, NotFuture: true,
				NotBefore: document.Date{Year: 2000, Month: time.January, Day: 1}},
			{Code: "until", Label: "Действует до", Kind: document.KindDate, NotBeforeField: "issued_on",
				NotAfter: document.Date{Year: 2100, Month: time.January, Day: 1}},
			{Code: "checked_on", Label: "Дата проверки", Kind: document.KindDate},
			{Code: "snils", Label: "СНИЛС", Kind: document.KindString, Mask: "999-999-999 99", Check: "snils"},
			{Code: "phone", Label: "Телефон", Kind: document.KindString},
			{Code: "email", Label: "Почта", Kind: document.KindString},
			{Code: "reason", Label: "Причина", Kind: document.KindString},
		},
		Rules: []document.Rule{
			{Kind: document.RuleDateOrder, Field: "checked_on", Fields: []string{"issued_on"}},
			{Kind: document.RuleRequiredWith, Field: "reason", Fields: []string{"flag"}},
			{Kind: document.RuleOneOf, Fields: []string{"phone", "email"}},
		},
	})
	require.NoError(t, err)
	return typ
}

func validValues() document.Values {
	return document.Values{"series": "45 10", "phone": "+7 900", "issued_on": "2015-03-01"}
}

func violationsOf(t *testing.T, err error) []document.Violation {
	t.Helper()
	if err == nil {
		return nil
	}
	require.ErrorIs(t, err, document.ErrInvalid)
	var ve *document.ValidationError
	require.True(t, errors.As(err, &ve), "%T", err)
	return ve.Violations
}

func TestValidateConstraints(t *testing.T) {
	t.Parallel()
	typ := testType(t)
	tests := []struct {
		name  string
		set   document.Values
		field string
		code  string
	}{
		{"valid", nil, "", ""},
		{"required", document.Values{"series": "  "}, "series", document.CodeRequired},
		{"normalised before pattern", document.Values{"series": "4-5-1-0"}, "", ""},
		{"pattern", document.Values{"series": "451"}, "series", document.CodePattern},
		{"too short", document.Values{"name": " a "}, "name", document.CodeLength},
		{"too long", document.Values{"name": "abcdef"}, "name", document.CodeLength},
		{"length after collapsing", document.Values{"name": "a    b"}, "", ""},
		{"number", document.Values{"count": "5"}, "", ""},
		{"decimal comma", document.Values{"count": "5,5"}, "", ""},
		{"not a number", document.Values{"count": "5a"}, "count", document.CodeNumber},
		{"two separators", document.Values{"count": "1.2.3"}, "count", document.CodeNumber},
		{"below min", document.Values{"count": "0.5"}, "count", document.CodeRange},
		{"above max", document.Values{"count": "10.01"}, "count", document.CodeRange},
		{"enum", document.Values{"color": "Красный"}, "", ""},
		{"enum folded", document.Values{"color": "зеленый"}, "", ""},
		{"enum bad", document.Values{"color": "Синий"}, "color", document.CodeEnum},
		{"bool", document.Values{"flag": "нет"}, "", ""},
		{"bool bad", document.Values{"flag": "может быть"}, "flag", document.CodeBool},
		{"date dotted", document.Values{"issued_on": "01.03.2015"}, "", ""},
		{"date bad", document.Values{"issued_on": "2015-02-30"}, "issued_on", document.CodeDate},
		{"date today", document.Values{"issued_on": "2026-03-15"}, "", ""},
		{"date future", document.Values{"issued_on": "2026-03-16"}, "issued_on", document.CodeDateFuture},
		{"date before", document.Values{"issued_on": "1999-12-31"}, "issued_on", document.CodeDateBefore},
		{"date after", document.Values{"until": "2100-01-02"}, "until", document.CodeDateAfter},
		{"relative to field", document.Values{"until": "2015-02-28"}, "until", document.CodeDateOrder},
		{"relative equal", document.Values{"until": "2015-03-01"}, "", ""},
		{"check", document.Values{"snils": "112-233-445 95"}, "", ""},
		{"check fails", document.Values{"snils": "112-233-445 96"}, "snils", document.CodeSNILSChecksum},
		{"rule date order", document.Values{"checked_on": "2015-02-01"}, "checked_on", document.CodeDateOrder},
		{"rule required with", document.Values{"flag": "да"}, "reason", document.CodeRequiredWith},
		{"required with false flag", document.Values{"flag": "false"}, "", ""},
		{"required with given", document.Values{"flag": "true", "reason": "так надо"}, "", ""},
		{"rule one of", document.Values{"phone": ""}, "phone", document.CodeOneOf},
		{"one of second", document.Values{"phone": "", "email": "a@b.ru"}, "", ""},
		{"unknown field", document.Values{"colour": "x"}, "colour", document.CodeUnknownField},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := validValues()
			for k, s := range tt.set {
				v[k] = s
			}
			vs := violationsOf(t, typ.Validate(v, testToday))
			if tt.code == "" {
				assert.Empty(t, vs)
				return
			}
			require.Len(t, vs, 1, "%v", vs)
			assert.Equal(t, tt.field, vs[0].Field)
			assert.Equal(t, tt.code, vs[0].Code)
			assert.NotEmpty(t, vs[0].Message)
			assert.NotContains(t, vs[0].Message, "112-233-445", "no personal data in messages")
		})
	}
}

func TestValidateAllAtOnce(t *testing.T) {
	t.Parallel()
	typ := testType(t)
	err := typ.ValidateAt("documents[2]", document.Values{
		"series": "1", "name": "a", "count": "x", "color": "синий", "flag": "да",
		"issued_on": "2020-01-01", "until": "2019-12-31", "checked_on": "2019-01-01", "zzz": "1", "aaa": "2",
	}, testToday)
	vs := violationsOf(t, err)
	got := make([][2]string, len(vs))
	for i, v := range vs {
		got[i] = [2]string{v.Field, v.Code}
	}
	assert.Equal(t, [][2]string{
		{"documents[2].series", document.CodePattern},
		{"documents[2].name", document.CodeLength},
		{"documents[2].count", document.CodeNumber},
		{"documents[2].color", document.CodeEnum},
		{"documents[2].until", document.CodeDateOrder},
		{"documents[2].checked_on", document.CodeDateOrder},
		{"documents[2].reason", document.CodeRequiredWith},
		{"documents[2].phone", document.CodeOneOf},
		{"documents[2].aaa", document.CodeUnknownField},
		{"documents[2].zzz", document.CodeUnknownField},
	}, got)
	assert.True(t, document.HasCode(err, document.CodeOneOf))
	assert.Contains(t, err.Error(), "documents[2].phone: Заполните хотя бы одно из полей: «Телефон», «Почта»")
}

func TestValidateZeroTodaySkipsFuture(t *testing.T) {
	t.Parallel()
	typ := testType(t)
	v := validValues()
	v["issued_on"] = "2999-01-01"
	assert.NoError(t, typ.Validate(v, document.Date{}))
	assert.True(t, document.HasCode(typ.Validate(v, testToday), document.CodeDateFuture))
}

func TestValidateZeroType(t *testing.T) {
	t.Parallel()
	var typ document.Type
	assert.NoError(t, typ.Validate(nil, testToday))
	assert.True(t, document.HasCode(typ.Validate(document.Values{"a": "b"}, testToday), document.CodeUnknownField))
}

func TestFormatAndNormalize(t *testing.T) {
	t.Parallel()
	typ := testType(t)
	in := document.Values{
		"series": "4510", "name": " ab   c ", "count": "2,5", "color": "зеленый", "flag": "1",
		"issued_on": "2015-03-01", "until": "01.03.2016", "snils": "11223344595",
		"phone": "", "email": "a@b.ru", "unknown": "x",
	}
	assert.Equal(t, document.Values{
		"series": "45 10", "name": "AB C", "count": "2.5", "color": "Зелёный", "flag": "да",
		"issued_on": "01.03.2015", "until": "01.03.2016", "snils": "112-233-445 95", "email": "a@b.ru",
	}, typ.Format(in))
	assert.Equal(t, document.Values{
		"series": "4510", "name": "AB C", "count": "2.5", "color": "Зелёный", "flag": "true",
		"issued_on": "2015-03-01", "until": "2016-03-01", "snils": "11223344595", "email": "a@b.ru",
	}, typ.Normalize(in))
	// A value that does not fit its mask is shown normalised.
	assert.Equal(t, "451", typ.Format(document.Values{"series": "451"})["series"])
	assert.Equal(t, "12345", typ.Format(document.Values{"series": "12345"})["series"])
}

func TestFormatMasks(t *testing.T) {
	t.Parallel()
	tests := []struct{ mask, in, want string }{
		{"99 99 999999", "4510123456", "45 10 123456"},
		{"99 99 999999", "45-10 123456", "45 10 123456"},
		{"999-999", "770001", "770-001"},
		{"999-999-999 99", "112 233 445 95", "112-233-445 95"},
		{"AA-999", "ав123", "ав-123"},
		{"**/9", "x17", "x1/7"},
		{"AA-999", "12345", "12345"},
		{"999", "1234", "1234"},
	}
	for _, tt := range tests {
		t.Run(tt.mask+"/"+tt.in, func(t *testing.T) {
			t.Parallel()
			typ, err := document.NewType(document.TypeDef{Code: "m", Name: "Маска", Fields: []document.Field{
				{Code: "v", Label: "Значение", Kind: document.KindString, Mask: tt.mask},
			}})
			require.NoError(t, err)
			assert.Equal(t, tt.want, typ.Format(document.Values{"v": tt.in})["v"])
		})
	}
}

func TestRuleCheckJoinsFields(t *testing.T) {
	t.Parallel()
	typ, ok := document.BuiltinType(document.TypePassportRF)
	require.True(t, ok)
	v := document.Values{"series": "00 00", "number": "000000", "issued_on": "2015-03-01",
		"issued_by": "ОВД района", "division_code": "770-001"}
	vs := violationsOf(t, typ.Validate(v, testToday))
	require.Len(t, vs, 1)
	assert.Equal(t, "series", vs[0].Field)
	assert.Equal(t, document.CodePassportRFZero, vs[0].Code)
	// The rule is not evaluated while a field of it is wrong on its own.
	v["number"] = "12"
	vs = violationsOf(t, typ.Validate(v, testToday))
	require.Len(t, vs, 1)
	assert.Equal(t, document.CodePattern, vs[0].Code)
}

func TestRuleMessageOverride(t *testing.T) {
	t.Parallel()
	typ, err := document.NewType(document.TypeDef{Code: "r", Name: "Правило", Fields: []document.Field{
		{Code: "a", Label: "А", Kind: document.KindString},
		{Code: "b", Label: "Б", Kind: document.KindString},
	}, Rules: []document.Rule{{Kind: document.RuleOneOf, Field: "b", Fields: []string{"a", "b"}, Message: "Укажите А или Б"}}})
	require.NoError(t, err)
	vs := violationsOf(t, typ.Validate(nil, testToday))
	require.Len(t, vs, 1)
	assert.Equal(t, document.Violation{Field: "b", Code: document.CodeOneOf, Message: "Укажите А или Б"}, vs[0])
}
