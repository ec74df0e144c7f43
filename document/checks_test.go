package document_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/document"
)

// checkCases are inputs of every check with the code they fail with, or
// "" when they are valid. Every case is also checked against the reference
// implementation, so the checksums of the valid ones are computed twice.
var checkCases = []struct {
	check, in, code string
}{
	// INN of either kind.
	{"inn", "7707083893", ""},   // Sberbank
	{"inn", "7736207543", ""},   // Yandex
	{"inn", "500100732259", ""}, // a person
	{"inn", " 7707083893\t", ""},
	{"inn", "\u00a07707083893\u00a0", ""},
	{"inn", "", document.CodeINNEmpty},
	{"inn", " \u00a0 ", document.CodeINNEmpty},
	{"inn", "7707083894", document.CodeINNChecksum},
	{"inn", "500100732250", document.CodeINNChecksum}, // 12th digit
	{"inn", "500100732269", document.CodeINNChecksum}, // 11th digit
	{"inn", "77070838931", document.CodeINNLength},
	{"inn", "770708389", document.CodeINNLength},
	{"inn", "7707 083893", document.CodeINNFormat},
	{"inn", "7707-083893", document.CodeINNFormat},
	{"inn", "77070838９3", document.CodeINNFormat}, // a full-width digit
	{"inn10", "7707083893", ""},
	{"inn10", "500100732259", document.CodeINNLength},
	{"inn10", "7707083890", document.CodeINNChecksum},
	{"inn12", "500100732259", ""},
	{"inn12", "7707083893", document.CodeINNLength},
	{"inn12", "50010073225x", document.CodeINNFormat},

	// KPP.
	{"kpp", "773601001", ""},
	{"kpp", "7736AB001", ""},
	{"kpp", "77360A001", ""},
	{"kpp", "", document.CodeKPPEmpty},
	{"kpp", "7736ab001", document.CodeKPPFormat},
	{"kpp", "7736 01001", document.CodeKPPFormat},
	{"kpp", "77A601001", document.CodeKPPFormat},
	{"kpp", "773601A01", document.CodeKPPFormat},
	{"kpp", "77360100", document.CodeKPPLength},
	{"kpp", "7736010011", document.CodeKPPLength},

	// OGRN and OGRNIP.
	{"ogrn", "1027700132195", ""}, // Sberbank
	{"ogrn", "5077746887312", ""},
	{"ogrn", "", document.CodeOGRNEmpty},
	{"ogrn", "1027700132194", document.CodeOGRNChecksum},
	{"ogrn", "2027700132195", document.CodeOGRNFormat},
	{"ogrn", "102770013219", document.CodeOGRNLength},
	{"ogrn", "1027700-132195", document.CodeOGRNFormat},
	{"ogrnip", "304500116000157", ""},
	{"ogrnip", "", document.CodeOGRNIPEmpty},
	{"ogrnip", "304500116000158", document.CodeOGRNIPChecksum},
	{"ogrnip", "104500116000157", document.CodeOGRNIPFormat},
	{"ogrnip", "1027700132195", document.CodeOGRNIPLength},
	{"ogrnip", "3045001160001S7", document.CodeOGRNIPFormat},

	// SNILS.
	{"snils", "112-233-445 95", ""}, // sum under 100
	{"snils", "11223344595", ""},
	{"snils", "112 233 445 95", ""},
	{"snils", "112-233-445-95", ""},
	{"snils", "112233445 95", ""},
	{"snils", "100-356-259 00", ""}, // sum 101
	{"snils", "206-130-059 00", ""}, // sum 100
	{"snils", "544-544-369 00", ""}, // sum 201, mod 101 gives 100
	{"snils", "087-654-303 00", ""}, // sum 202, mod 101 gives 0
	{"snils", "159-523-470 89", ""}, // sum over 101
	{"snils", "001-001-998 12", ""}, // not checksum-checked
	{"snils", "000-000-001 77", ""}, // not checksum-checked
	{"snils", "", document.CodeSNILSEmpty},
	{"snils", "112-233-445 96", document.CodeSNILSChecksum},
	{"snils", "001-001-999 12", document.CodeSNILSChecksum},
	{"snils", "100-356-259 01", document.CodeSNILSChecksum},
	{"snils", "112-233?445 95", document.CodeSNILSFormat},
	{"snils", "1122-33445 95", document.CodeSNILSFormat},
	{"snils", "112--233-445 95", document.CodeSNILSFormat},
	{"snils", "-112-233-445 95", document.CodeSNILSFormat},
	{"snils", "112-233-445 95-", document.CodeSNILSFormat},
	{"snils", "112-233-445 9", document.CodeSNILSLength},
	{"snils", "112-233-445 955", document.CodeSNILSLength},
	{"snils", "1122334459", document.CodeSNILSLength},

	// BIK.
	{"bik", "044525225", ""},
	{"bik", "049805000", ""}, // a Bank of Russia division
	{"bik", "044525002", ""},
	{"bik", "004525988", ""}, // a Treasury office
	{"bik", "", document.CodeBIKEmpty},
	{"bik", "04452522", document.CodeBIKLength},
	{"bik", "04 4525225", document.CodeBIKFormat},

	// Passport RF.
	{"passport_rf", "45 06 123456", ""},
	{"passport_rf", "4506 123456", ""},
	{"passport_rf", "4506123456", ""},
	{"passport_rf", "45 06123456", ""},
	{"passport_rf", "", document.CodePassportRFEmpty},
	{"passport_rf", "00 00 000000", document.CodePassportRFZero},
	{"passport_rf", "00 00 123456", document.CodePassportRFZero},
	{"passport_rf", "45 06 000000", document.CodePassportRFZero},
	{"passport_rf", "45-06 123456", document.CodePassportRFFormat},
	{"passport_rf", "450 6123456", document.CodePassportRFFormat},
	{"passport_rf", "45 06  123456", document.CodePassportRFFormat},
	{"passport_rf", "45 06 № 123456", document.CodePassportRFFormat},
	{"passport_rf", "45 06 12345", document.CodePassportRFLength},

	// Birth certificate.
	{"birth_cert", "II-АГ 123456", ""},
	{"birth_cert", "IIАГ123456", ""},
	{"birth_cert", "II-АГ123456", ""},
	{"birth_cert", "XIX-МЮ 000001", ""},
	{"birth_cert", "IV-ЁЯ 654321", ""},
	{"birth_cert", "CCCLXXXVIII-ЯЁ 999999", ""},
	{"birth_cert", "XC-АА 111111", ""},
	{"birth_cert", "", document.CodeBirthCertEmpty},
	{"birth_cert", "IIII-АГ 123456", document.CodeBirthCertFormat},
	{"birth_cert", "VX-АГ 123456", document.CodeBirthCertFormat},
	{"birth_cert", "IL-АГ 123456", document.CodeBirthCertFormat},
	{"birth_cert", "ii-АГ 123456", document.CodeBirthCertFormat},
	{"birth_cert", "II-аг 123456", document.CodeBirthCertFormat},
	{"birth_cert", "II-AG 123456", document.CodeBirthCertFormat},  // Latin letters
	{"birth_cert", "ІІ-АГ 123456", document.CodeBirthCertFormat},  // Cyrillic І for I
	{"birth_cert", "ХI-АГ 123456", document.CodeBirthCertFormat},  // Cyrillic Х for X
	{"birth_cert", "II--АГ 123456", document.CodeBirthCertFormat}, // two hyphens
	{"birth_cert", "II АГ 123456", document.CodeBirthCertFormat},
	{"birth_cert", "II-АГ  123456", document.CodeBirthCertFormat},
	{"birth_cert", "II-АГ 12345", document.CodeBirthCertFormat},
	{"birth_cert", "II-АГ 1234567", document.CodeBirthCertFormat},
	{"birth_cert", "-АГ 123456", document.CodeBirthCertFormat},
	{"birth_cert", "II-А 123456", document.CodeBirthCertFormat},

	// Cadastral number.
	{"cadastral", "77:01:0001001:1017", ""},
	{"cadastral", "47:14:120300:814", ""},
	{"cadastral", "50:21:0000000:55392", ""},
	{"cadastral", "", document.CodeCadastralEmpty},
	{"cadastral", "77:01:0001001", document.CodeCadastralFormat},
	{"cadastral", "77:01:0001001:", document.CodeCadastralFormat},
	{"cadastral", "77:1:0001001:1017", document.CodeCadastralFormat},
	{"cadastral", "77:01:00010011:1017", document.CodeCadastralFormat},
	{"cadastral", "77:01:00010:1017", document.CodeCadastralFormat},
	{"cadastral", "77:01:0001001:12345678901", document.CodeCadastralFormat},
	{"cadastral", "77 01 0001001 1017", document.CodeCadastralFormat},
	{"cadastral", "77:01:0001001:1017:1", document.CodeCadastralFormat},

	// OKTMO and OKATO.
	{"oktmo", "45382000", ""},
	{"oktmo", "45 382 000", ""},
	{"oktmo", "45382000001", ""},
	{"oktmo", "45 382 000 001", ""},
	{"oktmo", "", document.CodeOKTMOEmpty},
	{"oktmo", "4538200", document.CodeOKTMOLength},
	{"oktmo", "453820001", document.CodeOKTMOLength},
	{"oktmo", "45-382-000", document.CodeOKTMOFormat},
	{"oktmo", "453 82 000", document.CodeOKTMOFormat},
	{"oktmo", "45 382 000 ", ""}, // trailing white space is trimmed
	{"okato", "45286580000", ""},
	{"okato", "45 286 580 000", ""},
	{"okato", "", document.CodeOKATOEmpty},
	{"okato", "45286580", document.CodeOKATOLength},
	{"okato", "4528658000a", document.CodeOKATOFormat},

	// Postal code.
	{"postal_code", "101000", ""},
	{"postal_code", " 101000 ", ""},
	{"postal_code", "", document.CodePostalCodeEmpty},
	{"postal_code", "10100", document.CodePostalCodeLength},
	{"postal_code", "101 000", document.CodePostalCodeFormat},
	{"postal_code", "1010O0", document.CodePostalCodeFormat},

	// FIAS GUID.
	{"fias_guid", "0c5b2444-70a0-4932-980c-b4dc0d3f02b5", ""},
	{"fias_guid", "0C5B2444-70A0-4932-980C-B4DC0D3F02B5", ""},
	{"fias_guid", "0c5b244470a04932980cb4dc0d3f02b5", ""},
	{"fias_guid", "", document.CodeFIASGUIDEmpty},
	{"fias_guid", "00000000-0000-0000-0000-000000000000", document.CodeFIASGUIDZero},
	{"fias_guid", "0c5b2444-70a04932-980c-b4dc0d3f02b5", document.CodeFIASGUIDFormat},
	{"fias_guid", "{0c5b2444-70a0-4932-980c-b4dc0d3f02b5}", document.CodeFIASGUIDFormat},
	{"fias_guid", "0c5b2444-70a0-4932-980c-b4dc0d3f02bg", document.CodeFIASGUIDFormat},
	{"fias_guid", "0c5b2444+70a0-4932-980c-b4dc0d3f02b5", document.CodeFIASGUIDFormat},
}

func TestChecks(t *testing.T) {
	t.Parallel()
	for _, tc := range checkCases {
		t.Run(tc.check+"/"+tc.in, func(t *testing.T) {
			t.Parallel()
			check, ok := document.LookupCheck(tc.check)
			require.True(t, ok)
			require.Equal(t, tc.code == "", refValid(tc.check, tc.in), "the reference disagrees with the case")
			err := check(tc.in)
			if tc.code == "" {
				require.NoError(t, err)
				return
			}
			assertOneViolation(t, err, codePrefix(tc.check))
			assert.True(t, document.HasCode(err, tc.code), "got %v, want code %s", err, tc.code)
		})
	}
}

func TestLookupCheck(t *testing.T) {
	t.Parallel()
	for _, name := range checkNames {
		check, ok := document.LookupCheck(name)
		assert.True(t, ok, name)
		assert.NotNil(t, check, name)
	}
	for _, name := range []string{"", "INN", "account", "snils ", "passport"} {
		check, ok := document.LookupCheck(name)
		assert.False(t, ok, name)
		assert.Nil(t, check, name)
	}
}

func TestAccounts(t *testing.T) {
	t.Parallel()
	type accountCheck func(account, bik string) error
	settlement, correspondent := accountCheck(document.CheckSettlementAccount), accountCheck(document.CheckCorrespondentAccount)
	tests := []struct {
		name          string
		check         accountCheck
		account, bik  string
		correspondent bool
		code          string
	}{
		{"Sberbank correspondent", correspondent, "30101810400000000225", "044525225", true, ""},
		{"settlement at Sberbank", settlement, "40702810638000000000", "044525225", false, ""},
		{"the issue's example has a wrong key", settlement, "40702810938000000000", "044525225", false, document.CodeAccountChecksum},
		{"correspondent at a Bank of Russia division", correspondent, "30101810800000000746", "049805000", true, ""},
		{"settlement at a credit institution", settlement, "40602810700000000025", "049805746", false, ""},
		{"settlement at a Bank of Russia division", settlement, "40101810800000010001", "049805000", false, ""},
		{"unified treasury account", correspondent, "40102810545370000003", "004525988", true, ""},
		{"treasury account", settlement, "03100643000000017300", "004525988", false, ""},
		{"surrounding space", settlement, " 40702810638000000000 ", " 044525225", false, ""},
		{"correspondent as settlement", settlement, "30101810400000000225", "044525225", false, document.CodeAccountChecksum},
		{"settlement as correspondent", correspondent, "40702810638000000000", "044525225", true, document.CodeAccountChecksum},
		{"wrong bank", settlement, "40702810638000000000", "044525974", false, document.CodeAccountChecksum},
		{"empty account", settlement, "", "044525225", false, document.CodeAccountEmpty},
		{"short account", settlement, "4070281063800000000", "044525225", false, document.CodeAccountLength},
		{"grouped account", settlement, "40702 810 6 3800 0000000", "044525225", false, document.CodeAccountFormat},
		{"empty BIK", correspondent, "30101810400000000225", "", true, document.CodeBIKEmpty},
		{"short BIK", correspondent, "30101810400000000225", "04452522", true, document.CodeBIKLength},
		{"letter in BIK", correspondent, "30101810400000000225", "04452522S", true, document.CodeBIKFormat},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tc.code == "", refAccountValid(tc.account, tc.bik, tc.correspondent), "the reference disagrees with the case")
			err := tc.check(tc.account, tc.bik)
			if tc.code == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.True(t, document.HasCode(err, tc.code), "got %v, want code %s", err, tc.code)
		})
	}
	n, err := document.NormalizeAccount("\t40702810638000000000 ")
	require.NoError(t, err)
	assert.Equal(t, "40702810638000000000", n)
	_, err = document.NormalizeAccount("4070281063800000000x")
	assert.True(t, document.HasCode(err, document.CodeAccountFormat))
}

func TestNormalizeFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		check, in, normal, formatted string
	}{
		{"snils", "112-233-445 95", "11223344595", "112-233-445 95"},
		{"snils", "11223344595", "11223344595", "112-233-445 95"},
		{"snils", " 112 233 445 95 ", "11223344595", "112-233-445 95"},
		{"passport_rf", "4506 123456", "4506123456", "45 06 123456"},
		{"passport_rf", "4506123456", "4506123456", "45 06 123456"},
		{"passport_rf", "45 06 123456", "4506123456", "45 06 123456"},
		{"inn", " 7707083893 ", "7707083893", "7707083893"},
		{"inn12", "500100732259", "500100732259", "500100732259"},
		{"kpp", "7736AB001\n", "7736AB001", "7736AB001"},
		{"ogrn", "1027700132195", "1027700132195", "1027700132195"},
		{"ogrnip", " 304500116000157", "304500116000157", "304500116000157"},
		{"bik", "044525225 ", "044525225", "044525225"},
		{"birth_cert", "IIАГ123456", "II-АГ 123456", "II-АГ 123456"},
		{"birth_cert", " XIX-МЮ000001 ", "XIX-МЮ 000001", "XIX-МЮ 000001"},
		{"cadastral", " 77:01:0001001:1017 ", "77:01:0001001:1017", "77:01:0001001:1017"},
		{"oktmo", "45 382 000 001", "45382000001", "45382000001"},
		{"oktmo", "45 382 000", "45382000", "45382000"},
		{"okato", "45 286 580 000", "45286580000", "45286580000"},
		{"postal_code", " 101000", "101000", "101000"},
		{"fias_guid", "0C5B244470A04932980CB4DC0D3F02B5", "0c5b2444-70a0-4932-980c-b4dc0d3f02b5", "0c5b2444-70a0-4932-980c-b4dc0d3f02b5"},
		{"fias_guid", "0C5B2444-70A0-4932-980C-B4DC0D3F02B5", "0c5b2444-70a0-4932-980c-b4dc0d3f02b5", "0c5b2444-70a0-4932-980c-b4dc0d3f02b5"},
	}
	for _, tc := range tests {
		t.Run(tc.check+"/"+tc.in, func(t *testing.T) {
			t.Parallel()
			normalize, format := formatters(tc.check)
			n, err := normalize(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.normal, n)
			f, err := format(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.formatted, f)
		})
	}
	for _, name := range checkNames {
		normalize, format := formatters(name)
		check, _ := document.LookupCheck(name)
		for _, in := range []string{"", "x", "112-233?445 95"} {
			want := check(in)
			require.Error(t, want, name)
			n, err := normalize(in)
			assert.Empty(t, n, name)
			assert.Equal(t, want, err, "%s: Normalize fails as Check does", name)
			f, err := format(in)
			assert.Empty(t, f, name)
			assert.Equal(t, want, err, "%s: Format fails as Check does", name)
		}
	}
}

// TestMessagesHidePersonalData: the messages about SNILS, passports and
// INNs never repeat the value, nor a part of it.
func TestMessagesHidePersonalData(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ check, in string }{
		{"snils", "987-654-321 99"},
		{"snils", "987-654?321 99"},
		{"snils", "987-654-321 9"},
		{"passport_rf", "98 76 000000"},
		{"passport_rf", "98-76 543210"},
		{"passport_rf", "98 76 54321"},
		{"inn", "987654321099"},
		{"inn12", "98765432109"},
		{"inn", "98765432109x"},
		{"birth_cert", "VII-ЖЗ 98765"},
	} {
		check, _ := document.LookupCheck(tc.check)
		err := check(tc.in)
		require.Error(t, err, tc.in)
		msg := err.Error()
		digits := strings.Map(func(r rune) rune {
			if '0' <= r && r <= '9' {
				return r
			}
			return -1
		}, tc.in)
		assert.NotContains(t, msg, digits[:4], "%s: %q", tc.check, msg)
		assert.NotContains(t, msg, tc.in)
	}
}

// TestChecksDoNotAllocate asserts that no check allocates on valid input.
// It is not parallel: AllocsPerRun counts the allocations of the whole
// program.
func TestChecksDoNotAllocate(t *testing.T) {
	for _, tc := range checkCases {
		if tc.code != "" {
			continue
		}
		check, _ := document.LookupCheck(tc.check)
		allocs := testing.AllocsPerRun(100, func() { _ = check(tc.in) })
		assert.Zero(t, allocs, "%s(%q)", tc.check, tc.in)
	}
	for _, tc := range []struct {
		check        func(account, bik string) error
		account, bik string
	}{
		{document.CheckCorrespondentAccount, "30101810400000000225", "044525225"},
		{document.CheckSettlementAccount, "40702810638000000000", "044525225"},
	} {
		require.NoError(t, tc.check(tc.account, tc.bik))
		allocs := testing.AllocsPerRun(100, func() { _ = tc.check(tc.account, tc.bik) })
		assert.Zero(t, allocs, "%s", tc.account)
	}
}
