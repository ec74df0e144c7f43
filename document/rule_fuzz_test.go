package document_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/document"
)

// FuzzValidateBuiltin validates arbitrary values against every built-in
// type: it never panics, and every violation has a path, a code and a message.
func FuzzValidateBuiltin(f *testing.F) {
	for code, v := range validSamples() {
		for k, s := range v {
			f.Add(code, k, s, "issued_on", "2015-03-01", "valid_until", "2999-12-31")
		}
	}
	f.Add("passport_rf", "series", "00 00", "number", "000000", "division_code", "")
	f.Add("power_of_attorney", "valid_until", "31.02.2020", "issued_on", "9999-12-31", "x", "\xff")
	f.Add("meter_passport", "verification_interval", "-0,0", "manufactured_on", "0001-01-01", "resource", "ГАЗ")
	f.Add("", "", "0", "", "0", "", "0")
	types := document.Catalogue()
	f.Fuzz(func(t *testing.T, code, k1, v1, k2, v2, k3, v3 string) {
		for _, typ := range types {
			if typ.Code() != code && len(code) > 0 && code[0] != '*' {
				continue
			}
			values := document.Values{k1: v1, k2: v2, k3: v3}
			for _, path := range []string{"", "documents[0]"} {
				err := typ.ValidateAt(path, values, testToday)
				if err == nil {
					continue
				}
				var ve *document.ValidationError
				require.True(t, errors.As(err, &ve), "%T", err)
				require.NotEmpty(t, ve.Violations)
				for _, v := range ve.Violations {
					if v.Code != document.CodeUnknownField || k1 != "" && k2 != "" && k3 != "" {
						require.NotEmpty(t, v.Field)
					}
					require.NotEmpty(t, v.Code)
					require.NotEmpty(t, v.Message)
				}
			}
			_ = typ.Format(values)
			n := typ.Normalize(values)
			// Normalising is idempotent.
			require.Equal(t, n, typ.Normalize(n))
		}
	})
}

// FuzzParseType reads arbitrary JSON as a type definition: it never
// panics, and a definition that compiles round-trips through JSON to an
// equal definition.
func FuzzParseType(f *testing.F) {
	f.Add([]byte(customTypeJSON))
	for _, typ := range document.Catalogue() {
		b, err := json.Marshal(typ)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"code":"x","name":"Х","fields":[{"code":"a","label":"А","kind":"string","pattern":"(a"}]}`))
	f.Add([]byte(`{"code":"x","name":"Х","fields":[{"code":"a","label":"А","kind":"number","min":5,"max":1}],"rules":[{"kind":"one_of","fields":["a","a"]}]}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"code":"x","name":"Х","fields":null,"scans":{"required":true,"min_pages":-1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		typ, err := document.ParseType(data)
		if err != nil {
			require.ErrorIs(t, err, document.ErrInvalid)
			require.Nil(t, typ)
			return
		}
		b, err := json.Marshal(typ)
		require.NoError(t, err)
		back, err := document.ParseType(b)
		require.NoError(t, err, "%s", b)
		require.Equal(t, typ.Def(), back.Def())
		values := document.Values{}
		for _, f := range typ.Fields() {
			values[f.Code] = string(data[:min(len(data), 12)])
		}
		_ = typ.Validate(values, testToday)
		_ = typ.Format(values)
	})
}
