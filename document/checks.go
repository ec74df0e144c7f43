package document

// Check is an identifier check: it returns nil for a valid value, or a
// *ValidationError whose violations carry a stable code and a Russian
// message (and an empty Field, which the caller fills in).
//
// Every check of this package reads the value as people type or paste it:
// white space (ASCII spaces, tabs, line breaks and the no-break space
// U+00A0) at both ends is ignored, and inside the value a separator is
// accepted only where the official form of the identifier has one. So
// "112-233-445 95" and "11223344595" are both a SNILS, while
// "112-233?445 95" and "1122-33445 95" are not. Letters are not
// case-folded (a KPP or a birth certificate wants the capitals of its
// official form); only a FIAS GUID takes hexadecimal digits of either case.
//
// Every identifier has a Normalize… function that returns the form to
// store (digits only for the numeric identifiers) and fails exactly as the
// check does (NormalizeAccount, lacking the BIK, checks the digits only,
// and NormalizeINN takes both kinds of INN); where the official printed form differs from the stored one,
// a Format… function returns the printed form (FormatSNILS,
// FormatPassportRF). Normalize of a Format result gives the Normalize
// result back.
//
// A failed check returns a *ValidationError with exactly one Violation: an
// empty Field, one of the Code… constants and a Russian message. The
// message never repeats the value, so that personal data (SNILS, passport
// numbers, INN of persons) cannot leak into logs through it. Checks do not
// allocate on valid input.
type Check func(s string) error

// LookupCheck returns the check registered under name, and false when there
// is no such check. The names are those of the validator tags of
// RegisterValidations: "inn", "inn10", "inn12", "kpp", "ogrn", "ogrnip",
// "snils", "bik", "passport_rf", "birth_cert", "cadastral", "oktmo",
// "okato", "postal_code" and "fias_guid".
func LookupCheck(name string) (Check, bool) {
	switch name {
	case "inn":
		return CheckINN, true
	case "inn10":
		return CheckINN10, true
	case "inn12":
		return CheckINN12, true
	case "kpp":
		return CheckKPP, true
	case "ogrn":
		return CheckOGRN, true
	case "ogrnip":
		return CheckOGRNIP, true
	case "snils":
		return CheckSNILS, true
	case "bik":
		return CheckBIK, true
	case "passport_rf":
		return CheckPassportRF, true
	case "birth_cert":
		return CheckBirthCertificate, true
	case "cadastral":
		return CheckCadastralNumber, true
	case "oktmo":
		return CheckOKTMO, true
	case "okato":
		return CheckOKATO, true
	case "postal_code":
		return CheckPostalCode, true
	case "fias_guid":
		return CheckFIASGUID, true
	}
	return nil, false
}

// checkNames are the names LookupCheck knows, in the order of the issue.
var checkNames = [...]string{
	"inn", "inn10", "inn12", "kpp", "ogrn", "ogrnip", "snils", "bik",
	"passport_rf", "birth_cert", "cadastral", "oktmo", "okato", "postal_code", "fias_guid",
}

// The stable codes of the violations the identifier checks report. A code
// is "<identifier>.<what>": empty (nothing but white space was given),
// format (a character or a separator where the official form has none),
// length (the characters are right but there are too few or too many),
// checksum (the check digits or the control key do not match), zero (the
// value consists of zeros, which is never issued).
const (
	CodeINNEmpty    = "inn.empty"    // no INN given
	CodeINNFormat   = "inn.format"   // a character other than a digit
	CodeINNLength   = "inn.length"   // not 10 (or 12) digits
	CodeINNChecksum = "inn.checksum" // a check digit does not match

	CodeKPPEmpty  = "kpp.empty"  // no KPP given
	CodeKPPFormat = "kpp.format" // not 4 digits, 2 digits or capital Latin letters, 3 digits
	CodeKPPLength = "kpp.length" // digits and capital Latin letters, but not 9 of them

	CodeOGRNEmpty    = "ogrn.empty"    // no OGRN given
	CodeOGRNFormat   = "ogrn.format"   // a character other than a digit, or a first digit other than 1 or 5
	CodeOGRNLength   = "ogrn.length"   // not 13 digits
	CodeOGRNChecksum = "ogrn.checksum" // the check digit does not match

	CodeOGRNIPEmpty    = "ogrnip.empty"    // no OGRNIP given
	CodeOGRNIPFormat   = "ogrnip.format"   // a character other than a digit, or a first digit other than 3
	CodeOGRNIPLength   = "ogrnip.length"   // not 15 digits
	CodeOGRNIPChecksum = "ogrnip.checksum" // the check digit does not match

	CodeSNILSEmpty    = "snils.empty"    // no SNILS given
	CodeSNILSFormat   = "snils.format"   // a character or separator out of place
	CodeSNILSLength   = "snils.length"   // not 11 digits
	CodeSNILSChecksum = "snils.checksum" // the check number does not match

	CodeBIKEmpty  = "bik.empty"  // no BIK given
	CodeBIKFormat = "bik.format" // a character other than a digit
	CodeBIKLength = "bik.length" // not 9 digits

	CodeAccountEmpty    = "account.empty"    // no account number given
	CodeAccountFormat   = "account.format"   // a character other than a digit
	CodeAccountLength   = "account.length"   // not 20 digits
	CodeAccountChecksum = "account.checksum" // the control key does not match the BIK

	CodePassportRFEmpty  = "passport_rf.empty"  // no series and number given
	CodePassportRFFormat = "passport_rf.format" // a character or separator out of place
	CodePassportRFLength = "passport_rf.length" // not 10 digits
	CodePassportRFZero   = "passport_rf.zero"   // the series or the number is all zeros

	CodeBirthCertEmpty  = "birth_cert.empty"  // no series and number given
	CodeBirthCertFormat = "birth_cert.format" // not a Roman numeral, two Cyrillic capitals and six digits

	CodeCadastralEmpty  = "cadastral.empty"  // no cadastral number given
	CodeCadastralFormat = "cadastral.format" // not NN:NN:NNNNNN[N]:N…

	CodeOKTMOEmpty  = "oktmo.empty"  // no OKTMO code given
	CodeOKTMOFormat = "oktmo.format" // a character or separator out of place
	CodeOKTMOLength = "oktmo.length" // not 8 or 11 digits

	CodeOKATOEmpty  = "okato.empty"  // no OKATO code given
	CodeOKATOFormat = "okato.format" // a character or separator out of place
	CodeOKATOLength = "okato.length" // not 11 digits

	CodePostalCodeEmpty  = "postal_code.empty"  // no postal code given
	CodePostalCodeFormat = "postal_code.format" // a character other than a digit
	CodePostalCodeLength = "postal_code.length" // not 6 digits

	CodeFIASGUIDEmpty  = "fias_guid.empty"  // no FIAS GUID given
	CodeFIASGUIDFormat = "fias_guid.format" // not 32 hexadecimal digits in the 8-4-4-4-12 layout
	CodeFIASGUIDZero   = "fias_guid.zero"   // the nil GUID
)

// invalid returns a *ValidationError with one violation of the code.
func invalid(code, message string) error {
	return &ValidationError{Violations: []Violation{{Code: code, Message: message}}}
}

// trimSpace drops ASCII white space and no-break spaces (U+00A0) at both
// ends of s.
func trimSpace(s string) string {
	for len(s) > 0 {
		if isASCIISpace(s[0]) {
			s = s[1:]
		} else if len(s) > 1 && s[0] == 0xC2 && s[1] == 0xA0 {
			s = s[2:]
		} else {
			break
		}
	}
	for len(s) > 0 {
		if isASCIISpace(s[len(s)-1]) {
			s = s[:len(s)-1]
		} else if len(s) > 1 && s[len(s)-2] == 0xC2 && s[len(s)-1] == 0xA0 {
			s = s[:len(s)-2]
		} else {
			break
		}
	}
	return s
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// scanResult is the outcome of scanDigits.
type scanResult uint8

const (
	scanOK     scanResult = iota
	scanEmpty             // nothing but white space
	scanFormat            // a character or a separator out of place
	scanLength            // the right characters, the wrong number of digits
)

// scanDigits reads the digits of s, trimmed of white space, into d. A single
// separator, one of the bytes of seps, may follow the k-th digit when bit k
// of at is set; any other non-digit is a format error, and so is a separator
// at either end. The number of digits must be want or, when alt is not 0,
// alt. It returns the trimmed input and the number of digits read (which
// fit d whenever the result is scanOK).
func scanDigits(s string, d []byte, at uint64, seps string, want, alt int) (string, int, scanResult) {
	t := trimSpace(s)
	if t == "" {
		return t, 0, scanEmpty
	}
	n := 0
	sep := true // a separator may not come first
	for i := 0; i < len(t); i++ {
		c := t[i]
		if isDigit(c) {
			if n < len(d) {
				d[n] = c
			}
			n++
			sep = false
			continue
		}
		if sep || n >= 64 || at&(1<<uint(n)) == 0 || !isSep(c, seps) {
			return t, n, scanFormat
		}
		sep = true
	}
	if sep {
		return t, n, scanFormat // a trailing separator
	}
	if n != want && (alt == 0 || n != alt) {
		return t, n, scanLength
	}
	return t, n, scanOK
}

func isSep(c byte, seps string) bool {
	for i := 0; i < len(seps); i++ {
		if seps[i] == c {
			return true
		}
	}
	return false
}

// digitsString returns the n digits of d as a string, reusing t when it
// holds them and nothing else.
func digitsString(t string, d []byte, n int) string {
	if len(t) == n {
		return t
	}
	return string(d[:n])
}

// weighted returns the sum of the digits of d, each multiplied by the
// weight at the same position of w.
func weighted(d []byte, w []byte) int {
	sum := 0
	for i, k := range w {
		sum += int(d[i]-'0') * int(k)
	}
	return sum
}

// allZero reports whether d is all '0'.
func allZero(d []byte) bool {
	for _, c := range d {
		if c != '0' {
			return false
		}
	}
	return true
}
