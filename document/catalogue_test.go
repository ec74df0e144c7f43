package document_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/document"
)

// validSamples are valid values of every built-in type.
func validSamples() map[string]document.Values {
	return map[string]document.Values{
		document.TypePassportRF: {"series": "45 10", "number": "123456", "issued_on": "01.03.2015",
			"issued_by": "ОУФМС России по гор. Москве", "division_code": "770-001"},
		document.TypeBirthCertificate: {"series": "iv-ан", "number": "123456", "issued_on": "2015-03-01",
			"issued_by": "Отдел ЗАГС", "birth_date": "2015-02-20"},
		document.TypeINN:   {"number": "7707083893"},
		document.TypeSNILS: {"number": "112-233-445 95"},
		document.TypeSaleContract: {"concluded_on": "2020-05-01", "seller": "Иванов И. И.", "buyer": "Петров П. П.",
			"object_address": "г. Москва, ул. Ленина, д. 1, кв. 2", "price": "5000000.00", "cadastral_number": "77:01:0001001:1234",
			"registered_on": "2020-05-20", "registration_number": "77:01:0001001:1234-77/011/2020-3"},
		document.TypeGiftContract: {"concluded_on": "2020-05-01", "donor": "Иванов И. И.", "donee": "Иванова А. И.",
			"object_address": "г. Москва, ул. Ленина, д. 1, кв. 2"},
		document.TypeExchangeContract: {"concluded_on": "2020-05-01", "first_party": "Иванов И. И.", "second_party": "Петров П. П.",
			"object_address": "г. Москва, ул. Ленина, д. 1, кв. 2"},
		document.TypeInheritanceCertificate: {"basis": "По закону", "register_number": "77/1-н/77-2021-1-123",
			"issued_on": "2021-06-01", "notary": "Сидорова С. С.", "heir": "Иванов И. И.", "testator": "Иванов И. П.", "opened_on": "2020-12-01"},
		document.TypeEGRNExtract: {"cadastral_number": "77:01:0001001:1234", "issued_on": "2024-01-10",
			"right_registration_number": "77:01:0001001:1234-77/011/2020-3", "right_registered_on": "2020-05-20",
			"right_kind": "общая долевая собственность", "share": "1/3"},
		document.TypeMeterPassport: {"serial_number": "ab 123456", "model": "СГВ-15", "verified_on": "2024-01-10",
			"manufactured_on": "2023-11-01", "verification_interval": "6", "resource": "горячая вода"},
		document.TypeMeterCommissioningAct: {"number": "15/2024", "drawn_on": "2024-02-01", "meter_serial_number": "AB123456",
			"initial_reading": "12,345", "next_verification_on": "2030-01-10"},
		document.TypeAccountOpeningApplication: {"submitted_on": "2026-03-01", "applicant_name": "Иванов И. И.",
			"premises_address": "г. Москва, ул. Ленина, д. 1, кв. 2", "provider": "ООО «УК»", "phone": "+7 (900) 123-45-67",
			"by_representative": "да", "representative_name": "Петров П. П."},
		document.TypeQuestionnaire: {"full_name": "Иванов Иван Иванович", "birth_date": "1980-01-01",
			"registration_address": "г. Москва, ул. Ленина, д. 1, кв. 2", "email": "ivanov@example.ru",
			"snils": "11223344595", "inn": "500100732259", "residents": "3", "personal_data_consent": "да"},
		document.TypePowerOfAttorney: {"register_number": "77/1-н/77-2024-1-5", "issued_on": "2024-01-10", "valid_until": "2027-01-10",
			"certified_by": "Нотариус г. Москвы Сидорова С. С.", "principal": "Иванов И. И.", "attorney": "Петров П. П."},
	}
}

func TestCatalogueCodes(t *testing.T) {
	t.Parallel()
	var codes []string
	for _, typ := range document.Catalogue() {
		codes = append(codes, typ.Code())
		assert.NotEmpty(t, typ.Name())
		for _, f := range typ.Fields() {
			assert.Regexp(t, `^[a-z][a-z0-9_]*$`, f.Code)
			assert.Regexp(t, `\p{Cyrillic}`, f.Label, "%s.%s", typ.Code(), f.Code)
		}
	}
	assert.Equal(t, []string{
		"passport_rf", "birth_certificate", "inn", "snils", "sale_contract", "gift_contract", "exchange_contract",
		"inheritance_certificate", "egrn_extract", "meter_passport", "meter_commissioning_act",
		"account_opening_application", "questionnaire", "power_of_attorney",
	}, codes)
	_, ok := document.BuiltinType("nope")
	assert.False(t, ok)
}

func TestCatalogueValidSamples(t *testing.T) {
	t.Parallel()
	samples := validSamples()
	for _, typ := range document.Catalogue() {
		t.Run(typ.Code(), func(t *testing.T) {
			t.Parallel()
			v, ok := samples[typ.Code()]
			require.True(t, ok, "no sample")
			assert.NoError(t, typ.Validate(v, testToday))
			// Every required field, when emptied, is reported.
			for _, f := range typ.Fields() {
				if !f.Required {
					continue
				}
				w := maps(v)
				delete(w, f.Code)
				assert.True(t, document.HasCode(typ.Validate(w, testToday), document.CodeRequired), f.Code)
			}
		})
	}
}

func maps(v document.Values) document.Values {
	w := make(document.Values, len(v))
	for k, s := range v {
		w[k] = s
	}
	return w
}

func TestCatalogueJSONRoundTrip(t *testing.T) {
	t.Parallel()
	for _, typ := range document.Catalogue() {
		b, err := json.Marshal(typ)
		require.NoError(t, err)
		back, err := document.ParseType(b)
		require.NoError(t, err, typ.Code())
		assert.Equal(t, typ.Def(), back.Def(), typ.Code())
		sample := validSamples()[typ.Code()]
		assert.Equal(t, typ.Format(sample), back.Format(sample))
	}
}

func TestCatalogueFreshValues(t *testing.T) {
	t.Parallel()
	a := document.CatalogueDefs()
	a[0].Fields[0].Label = "испорчено"
	a[0].Fields = a[0].Fields[:1]
	b := document.CatalogueDefs()
	assert.Equal(t, "Серия", b[0].Fields[0].Label)
	assert.Greater(t, len(b[0].Fields), 1)
	x, y := document.Catalogue(), document.Catalogue()
	assert.NotSame(t, x[0], y[0])
}

func TestCataloguePassport(t *testing.T) {
	t.Parallel()
	typ, ok := document.BuiltinType(document.TypePassportRF)
	require.True(t, ok)
	base := validSamples()[document.TypePassportRF]
	tests := []struct {
		name, field, value, code string
	}{
		{"before 1997 passports", "issued_on", "30.09.1997", document.CodeDateBefore},
		{"first day", "issued_on", "1997-10-01", ""},
		{"future", "issued_on", "2026-03-16", document.CodeDateFuture},
		{"division code", "division_code", "77-001", document.CodePattern},
		{"series short", "series", "451", document.CodePattern},
		{"zero number, reported at the series", "number", "000000", document.CodePassportRFZero},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := maps(base)
			v[tt.field] = tt.value
			err := typ.Validate(v, testToday)
			if tt.code == "" {
				assert.NoError(t, err)
				return
			}
			vs := violationsOf(t, err)
			require.Len(t, vs, 1)
			at := tt.field
			if tt.code == document.CodePassportRFZero {
				at = "series" // the rule over series and number reports at its first field
			}
			assert.Equal(t, at, vs[0].Field)
			assert.Equal(t, tt.code, vs[0].Code)
		})
	}
	assert.Equal(t, document.Values{"series": "45 10", "number": "123456", "issued_on": "01.03.2015",
		"issued_by": "ОУФМС России по гор. Москве", "division_code": "770-001"}, typ.Format(base))
}

func TestCatalogueRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		typ, name string
		set       document.Values
		field     string
		codes     []string
	}{
		{document.TypeSNILS, "snils checksum", document.Values{"number": "112-233-445 96"}, "number", []string{document.CodeSNILSChecksum}},
		{document.TypeINN, "inn checksum", document.Values{"number": "7707083894"}, "number", []string{document.CodeINNChecksum}},
		{document.TypeBirthCertificate, "birth cert series", document.Values{"series": "IV-A"}, "series", []string{document.CodeBirthCertFormat}},
		{document.TypeBirthCertificate, "issued before birth", document.Values{"birth_date": "2015-03-02"}, "issued_on", []string{document.CodeDateOrder}},
		{document.TypeEGRNExtract, "cadastral", document.Values{"cadastral_number": "77-01"}, "cadastral_number", []string{document.CodeCadastralFormat}},
		{document.TypeEGRNExtract, "before egrn", document.Values{"issued_on": "2016-12-31"}, "issued_on", []string{document.CodeDateBefore}},
		{document.TypeEGRNExtract, "share with shared ownership", document.Values{"share": ""}, "share", []string{document.CodeRequiredWith}},
		{document.TypeMeterPassport, "interval", document.Values{"verification_interval": "0"}, "verification_interval", []string{document.CodeRange}},
		{document.TypeMeterPassport, "interval fraction", document.Values{"verification_interval": "4.5"}, "verification_interval", []string{document.CodePattern}},
		{document.TypeMeterPassport, "verified before made", document.Values{"manufactured_on": "2024-02-01"}, "verified_on", []string{document.CodeDateOrder}},
		{document.TypeSaleContract, "registration number", document.Values{"registration_number": ""}, "registration_number", []string{document.CodeRequiredWith}},
		{document.TypeSaleContract, "negative price", document.Values{"price": "-1"}, "price", []string{document.CodeRange}},
		{document.TypeAccountOpeningApplication, "no contacts", document.Values{"phone": ""}, "phone", []string{document.CodeOneOf}},
		{document.TypeAccountOpeningApplication, "representative", document.Values{"representative_name": ""}, "representative_name", []string{document.CodeRequiredWith}},
		{document.TypeQuestionnaire, "inn of a company", document.Values{"inn": "7707083893"}, "inn", nil},
		{document.TypePowerOfAttorney, "valid until before issue", document.Values{"valid_until": "2024-01-09"}, "valid_until", []string{document.CodeDateOrder}},
		{document.TypePowerOfAttorney, "no number at all", document.Values{"register_number": ""}, "number", []string{document.CodeOneOf}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			typ, ok := document.BuiltinType(tt.typ)
			require.True(t, ok)
			v := maps(validSamples()[tt.typ])
			for k, s := range tt.set {
				v[k] = s
			}
			vs := violationsOf(t, typ.Validate(v, testToday))
			require.NotEmpty(t, vs)
			for _, x := range vs {
				assert.Equal(t, tt.field, x.Field)
			}
			if tt.codes != nil {
				var got []string
				for _, x := range vs {
					got = append(got, x.Code)
				}
				assert.True(t, slices.Equal(tt.codes, got), "%v", vs)
			}
		})
	}
}
