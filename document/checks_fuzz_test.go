package document_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/document"
)

// The reference implementation: written independently of the package, with
// regular expressions and strconv over the trimmed input, so that the
// fuzzers can compare the hand-written byte scanners with it.

// refTrim is the white space the checks ignore at both ends.
const refTrim = " \t\n\r\v\f\u00a0"

// refPatterns are the accepted layouts, before checksums.
var refPatterns = map[string]*regexp.Regexp{
	"inn":         regexp.MustCompile(`^(\d{10}|\d{12})$`),
	"inn10":       regexp.MustCompile(`^\d{10}$`),
	"inn12":       regexp.MustCompile(`^\d{12}$`),
	"kpp":         regexp.MustCompile(`^\d{4}[0-9A-Z]{2}\d{3}$`),
	"ogrn":        regexp.MustCompile(`^[15]\d{12}$`),
	"ogrnip":      regexp.MustCompile(`^3\d{14}$`),
	"snils":       regexp.MustCompile(`^(\d{3})[- ]?(\d{3})[- ]?(\d{3})[- ]?(\d{2})$`),
	"bik":         regexp.MustCompile(`^\d{9}$`),
	"passport_rf": regexp.MustCompile(`^(\d{2}) ?(\d{2}) ?(\d{6})$`),
	"birth_cert":  regexp.MustCompile(`^(C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))-?([А-ЯЁ]{2}) ?(\d{6})$`),
	"cadastral":   regexp.MustCompile(`^\d{2}:\d{2}:\d{6,7}:\d{1,10}$`),
	"oktmo":       regexp.MustCompile(`^\d{2} ?\d{3} ?\d{3}( ?\d{3})?$`),
	"okato":       regexp.MustCompile(`^\d{2} ?\d{3} ?\d{3} ?\d{3}$`),
	"postal_code": regexp.MustCompile(`^\d{6}$`),
	"fias_guid":   regexp.MustCompile(`^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32})$`),
	"account":     regexp.MustCompile(`^\d{20}$`),
}

// refDigits returns the digits of s as numbers.
func refDigits(s string) []int {
	var ds []int
	for _, r := range s {
		if d, err := strconv.Atoi(string(r)); err == nil && r < 128 {
			ds = append(ds, d)
		}
	}
	return ds
}

// refINNDigit is the check digit of the digits ds under the weights w.
func refINNDigit(ds []int, w ...int) int {
	sum := 0
	for i, k := range w {
		sum += ds[i] * k
	}
	return sum % 11 % 10
}

// refValid reports whether s is a valid identifier of the kind name.
func refValid(name, s string) bool {
	s = strings.Trim(s, refTrim)
	m := refPatterns[name].FindStringSubmatch(s)
	if m == nil {
		return false
	}
	ds := refDigits(s)
	switch name {
	case "inn", "inn10", "inn12":
		if len(ds) == 10 {
			return refINNDigit(ds, 2, 4, 10, 3, 5, 9, 4, 6, 8) == ds[9]
		}
		return refINNDigit(ds, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8) == ds[10] &&
			refINNDigit(ds, 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8) == ds[11]
	case "ogrn":
		n, _ := strconv.ParseUint(s[:12], 10, 64)
		return int(n%11%10) == ds[12]
	case "ogrnip":
		n, _ := strconv.ParseUint(s[:14], 10, 64)
		return int(n%13%10) == ds[14]
	case "snils":
		num, _ := strconv.Atoi(m[1] + m[2] + m[3])
		control, _ := strconv.Atoi(m[4])
		if num <= 1001998 {
			return true
		}
		return refSNILSControl(m[1]+m[2]+m[3]) == control
	case "passport_rf":
		return m[1]+m[2] != "0000" && m[3] != "000000"
	case "birth_cert":
		return m[1] != ""
	case "fias_guid":
		return strings.Trim(s, "0-") != ""
	}
	return true
}

// refSNILSControl is the check number of the nine digits of a SNILS.
func refSNILSControl(nine string) int {
	sum := 0
	for i, r := range nine {
		sum += int(r-'0') * (9 - i)
	}
	switch {
	case sum < 100:
		return sum
	case sum <= 101:
		return 0
	}
	if sum%101 == 100 {
		return 0
	}
	return sum % 101
}

// refAccountValid reports whether account is valid for the BIK.
func refAccountValid(account, bik string, correspondent bool) bool {
	account, bik = strings.Trim(account, refTrim), strings.Trim(bik, refTrim)
	if !refPatterns["bik"].MatchString(bik) || !refPatterns["account"].MatchString(account) {
		return false
	}
	if !correspondent && strings.HasPrefix(account, "03") {
		return true
	}
	prefix := bik[6:]
	if correspondent || prefix == "000" || prefix == "001" || prefix == "002" {
		prefix = "0" + bik[4:6]
	}
	weights := strings.Repeat("713", 8)
	sum := 0
	for i, d := range refDigits(prefix + account) {
		sum += d * int(weights[i]-'0')
	}
	return sum%10 == 0
}

// formatters returns the Normalize… and Format… functions of a check; the
// format is the normalize one where the package has no Format….
func formatters(name string) (normalize, format func(string) (string, error)) {
	switch name {
	case "inn", "inn10", "inn12":
		return document.NormalizeINN, document.NormalizeINN
	case "kpp":
		return document.NormalizeKPP, document.NormalizeKPP
	case "ogrn":
		return document.NormalizeOGRN, document.NormalizeOGRN
	case "ogrnip":
		return document.NormalizeOGRNIP, document.NormalizeOGRNIP
	case "snils":
		return document.NormalizeSNILS, document.FormatSNILS
	case "bik":
		return document.NormalizeBIK, document.NormalizeBIK
	case "passport_rf":
		return document.NormalizePassportRF, document.FormatPassportRF
	case "birth_cert":
		return document.NormalizeBirthCertificate, document.NormalizeBirthCertificate
	case "cadastral":
		return document.NormalizeCadastralNumber, document.NormalizeCadastralNumber
	case "oktmo":
		return document.NormalizeOKTMO, document.NormalizeOKTMO
	case "okato":
		return document.NormalizeOKATO, document.NormalizeOKATO
	case "postal_code":
		return document.NormalizePostalCode, document.NormalizePostalCode
	case "fias_guid":
		return document.NormalizeFIASGUID, document.NormalizeFIASGUID
	}
	panic("no formatters for " + name)
}

// checkNames are the names of LookupCheck.
var checkNames = []string{
	"inn", "inn10", "inn12", "kpp", "ogrn", "ogrnip", "snils", "bik",
	"passport_rf", "birth_cert", "cadastral", "oktmo", "okato", "postal_code", "fias_guid",
}

// assertOneViolation asserts that err is a *ValidationError with a single
// violation whose code starts with the prefix, an empty field and a
// Russian message.
func assertOneViolation(t testing.TB, err error, prefix string) {
	var ve *document.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Violations, 1)
	v := ve.Violations[0]
	assert.Empty(t, v.Field)
	assert.True(t, strings.HasPrefix(v.Code, prefix+"."), "code %q, want prefix %q", v.Code, prefix)
	assert.Regexp(t, `\p{Cyrillic}`, v.Message)
	assert.ErrorIs(t, err, document.ErrInvalid)
}

// codePrefix is the code prefix of the check name.
func codePrefix(name string) string {
	if strings.HasPrefix(name, "inn") {
		return "inn"
	}
	return name
}

// fuzzOne runs the check name on s and compares it with the reference.
func fuzzOne(t *testing.T, name, s string) {
	check, ok := document.LookupCheck(name)
	require.True(t, ok)
	err := check(s)
	want := refValid(name, s)
	require.Equal(t, want, err == nil, "%s(%q): reference says %v, check says %v", name, s, want, err)
	normalize, format := formatters(name)
	n, nerr := normalize(s)
	if err != nil {
		assertOneViolation(t, err, codePrefix(name))
		if name == "inn10" || name == "inn12" {
			return // NormalizeINN takes both kinds
		}
		require.Error(t, nerr)
		assert.Equal(t, err.Error(), nerr.Error(), "Normalize fails as Check does")
		assert.Empty(t, n)
		return
	}
	require.NoError(t, nerr)
	require.NoError(t, check(n), "%s: Normalize(%q) = %q", name, s, n)
	f, ferr := format(n)
	require.NoError(t, ferr)
	require.NoError(t, check(f), "%s: Format(%q) = %q", name, n, f)
	n2, err := normalize(f)
	require.NoError(t, err)
	require.Equal(t, n, n2, "%s: Normalize(Format(%q))", name, n)
	f2, err := format(s)
	require.NoError(t, err)
	require.Equal(t, f, f2, "%s: Format(%q)", name, s)
}

// fuzzSeeds are inputs worth starting from: valid values in every accepted
// layout and near misses.
var fuzzSeeds = []string{
	"", " ", "0", "7707083893", "500100732259", " 7707083893\u00a0", "7707083894",
	"773601001", "7736AB001", "1027700132195", "5077746887312", "304500116000157",
	"112-233-445 95", "11223344595", "112 233 445 95", "112-233?445 95", "001-001-998 12",
	"544-544-369 00", "044525225", "45 06 123456", "4506 123456", "00 00 123456",
	"II-АГ 123456", "IIАГ123456", "CCCLXXXVIII-ЯЁ 999999", "IIII-АГ 123456",
	"77:01:0001001:1017", "47:14:120300:814", "45 382 000 001", "45382000",
	"45286580000", "101000", "0c5b2444-70a0-4932-980c-b4dc0d3f02b5",
	"0C5B244470A04932980CB4DC0D3F02B5", "00000000-0000-0000-0000-000000000000",
	"\xc2", "\xa0", "\xd0", "\xd0\x90",
}

// FuzzChecks runs every check on the same input: none panics, each agrees
// with the reference implementation, and a valid value survives
// Normalize → Format → Check.
func FuzzChecks(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, name := range checkNames {
			fuzzOne(t, name, s)
		}
	})
}

// FuzzAccounts checks settlement and correspondent accounts against the
// reference on any pair of account and BIK.
func FuzzAccounts(f *testing.F) {
	f.Add("30101810400000000225", "044525225")
	f.Add("40702810638000000000", "044525225")
	f.Add("40101810800000010001", "049805000")
	f.Add("03100643000000017300", "004525988")
	f.Add("40102810545370000003", "004525988")
	f.Add(" 40702810638000000000", "04452522")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, account, bik string) {
		for _, correspondent := range []bool{false, true} {
			check := document.CheckSettlementAccount
			if correspondent {
				check = document.CheckCorrespondentAccount
			}
			err := check(account, bik)
			want := refAccountValid(account, bik, correspondent)
			require.Equal(t, want, err == nil, "account %q, BIK %q, correspondent %v: %v", account, bik, correspondent, err)
			if err != nil {
				var ve *document.ValidationError
				require.ErrorAs(t, err, &ve)
				require.Len(t, ve.Violations, 1)
				code := ve.Violations[0].Code
				assert.True(t, strings.HasPrefix(code, "account.") || strings.HasPrefix(code, "bik."), code)
				continue
			}
			n, err := document.NormalizeAccount(account)
			require.NoError(t, err)
			b, err := document.NormalizeBIK(bik)
			require.NoError(t, err)
			require.NoError(t, check(n, b))
		}
	})
}
