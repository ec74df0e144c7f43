package application_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/application"
)

func TestFormatRegNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		office string
		year   int
		seq    int
		want   string
		codes  []string
	}{
		{"MFC01", 2026, 1, "MFC01-2026-000001", nil},
		{"MFC-77-1", 2030, 999999, "MFC-77-1-2030-999999", nil},
		{"A", 2000, 42, "A-2000-000042", nil},
		{"ABCDEFGHIJKLMNOP", 9999, 1, "ABCDEFGHIJKLMNOP-9999-000001", nil},
		{"ABCDEFGHIJKLMNOPQ", 2026, 1, "", []string{application.CodeRegOffice}},
		{"mfc", 2026, 1, "", []string{application.CodeRegOffice}},
		{"MFC-", 2026, 1, "", []string{application.CodeRegOffice}},
		{"MFC01", 1999, 1, "", []string{application.CodeRegYear}},
		{"MFC01", 2026, 0, "", []string{application.CodeRegSeq}},
		{"MFC01", 2026, 1000000, "", []string{application.CodeRegSeq}},
		{"", 0, -1, "", []string{application.CodeRegOffice, application.CodeRegYear, application.CodeRegSeq}},
	}
	for _, tc := range tests {
		t.Run(tc.want+tc.office, func(t *testing.T) {
			t.Parallel()
			got, err := application.FormatRegNumber(tc.office, tc.year, tc.seq)
			if tc.codes == nil {
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
				return
			}
			require.ErrorIs(t, err, application.ErrInvalid)
			var ve *application.ValidationError
			require.ErrorAs(t, err, &ve)
			for _, c := range tc.codes {
				assert.True(t, ve.Has(c), c)
			}
			assert.Len(t, ve.Violations, len(tc.codes))
		})
	}
}

func TestParseRegNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want application.RegNumber
		code string
	}{
		{"MFC01-2026-000001", application.RegNumber{Office: "MFC01", Year: 2026, Seq: 1}, ""},
		{"MFC-77-1-2026-001000", application.RegNumber{Office: "MFC-77-1", Year: 2026, Seq: 1000}, ""},
		{"", application.RegNumber{}, application.CodeRegFormat},
		{"MFC01", application.RegNumber{}, application.CodeRegFormat},
		{"MFC01-2026", application.RegNumber{}, application.CodeRegFormat},
		{"MFC01-2026-1", application.RegNumber{}, application.CodeRegFormat},
		{"MFC01-26-000001", application.RegNumber{}, application.CodeRegFormat},
		{"MFC01-2026-00000a", application.RegNumber{}, application.CodeRegFormat},
		{"MFC01-2026-+00001", application.RegNumber{}, application.CodeRegFormat},
		{"-2026-000001", application.RegNumber{}, application.CodeRegOffice},
		{"mfc01-2026-000001", application.RegNumber{}, application.CodeRegOffice},
		{"MFC01-2026-000000", application.RegNumber{}, application.CodeRegSeq},
		{"MFC01-1999-000001", application.RegNumber{}, application.CodeRegYear},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			got, err := application.ParseRegNumber(tc.in)
			if tc.code == "" {
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
				assert.Equal(t, tc.in, got.String())
				return
			}
			var ve *application.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tc.code), "%v", ve)
		})
	}
}

func TestRegExhaustedError(t *testing.T) {
	t.Parallel()
	err := application.RegExhaustedError("MFC01", 2026)
	require.ErrorIs(t, err, application.ErrConflict)
	assert.Equal(t, application.CodeRegExhausted, err.Code)
	assert.Contains(t, err.Error(), "MFC01")
}

func FuzzParseRegNumber(f *testing.F) {
	for _, s := range []string{"MFC01-2026-000001", "A-B-2000-999999", "", "-", "--2026-000001", "MFC01-2026-00000Я"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := application.ParseRegNumber(s)
		if err != nil {
			if !errors.Is(err, application.ErrInvalid) {
				t.Fatalf("ParseRegNumber(%q): error %v is not ErrInvalid", s, err)
			}
			return
		}
		again, err := application.FormatRegNumber(n.Office, n.Year, n.Seq)
		if err != nil || again != s {
			t.Fatalf("ParseRegNumber(%q) = %+v, formats back as %q, %v", s, n, again, err)
		}
	})
}
