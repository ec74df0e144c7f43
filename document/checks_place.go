package document

// Identifiers of places: cadastral numbers, OKTMO and OKATO codes, postal
// codes, FIAS GUIDs.

// cadastralMaxObject is the most digits the last part of a cadastral
// number (the number of the object in its quarter) may have.
const cadastralMaxObject = 10

// CheckCadastralNumber checks a cadastral number of a real estate object
// (кадастровый номер) in the EGRN form NN:NN:NNNNNN[N]:N…: two digits of
// the cadastral district, two of the area, six or seven of the quarter and
// one to ten of the object, joined by colons, with no other separators.
// On failure the code is one of CodeCadastralEmpty and CodeCadastralFormat.
func CheckCadastralNumber(s string) error {
	_, err := cadastral(s)
	return err
}

// NormalizeCadastralNumber returns a valid cadastral number without the
// surrounding white space, which is also its official form. It fails as
// CheckCadastralNumber does.
func NormalizeCadastralNumber(s string) (string, error) { return cadastral(s) }

func cadastral(s string) (string, error) {
	t := trimSpace(s)
	if t == "" {
		return "", invalid(CodeCadastralEmpty, "Не указан кадастровый номер")
	}
	i := 0
	for part, limits := range [4][2]int{{2, 2}, {2, 2}, {6, 7}, {1, cadastralMaxObject}} {
		if part > 0 {
			if i >= len(t) || t[i] != ':' {
				return "", cadastralFormat()
			}
			i++
		}
		start := i
		for i < len(t) && isDigit(t[i]) {
			i++
		}
		if n := i - start; n < limits[0] || n > limits[1] {
			return "", cadastralFormat()
		}
	}
	if i != len(t) {
		return "", cadastralFormat()
	}
	return t, nil
}

func cadastralFormat() error {
	return invalid(CodeCadastralFormat, "Кадастровый номер записывается цифрами через двоеточие, например 77:01:0001001:1234")
}

// okSeparators are the bits of scanDigits' at for OKTMO and OKATO codes:
// a space after the 2nd, 5th and 8th digit, as in "45 382 000 001".
const okSeparators = 1<<2 | 1<<5 | 1<<8

// CheckOKTMO checks a code of the all-Russian classifier of municipal
// territories (ОКТМО): 8 digits for a municipality, 11 for a settlement.
// A space is accepted between the groups of the classifier's printed form
// (45 382 000 001), after the 2nd, 5th and 8th digit. On failure the code
// is one of CodeOKTMOEmpty, CodeOKTMOFormat and CodeOKTMOLength.
func CheckOKTMO(s string) error {
	var d [11]byte
	_, _, err := oktmo(s, &d)
	return err
}

// NormalizeOKTMO returns the 8 or 11 digits of a valid OKTMO code, the form
// to store and the one payment documents use: "45 382 000" gives
// "45382000". It fails as CheckOKTMO does.
func NormalizeOKTMO(s string) (string, error) {
	var d [11]byte
	t, n, err := oktmo(s, &d)
	if err != nil {
		return "", err
	}
	return digitsString(t, d[:], n), nil
}

func oktmo(s string, d *[11]byte) (string, int, error) {
	t, n, r := scanDigits(s, d[:], okSeparators, " ", 8, 11)
	switch r {
	case scanEmpty:
		return "", 0, invalid(CodeOKTMOEmpty, "Не указан код ОКТМО")
	case scanFormat:
		return "", 0, invalid(CodeOKTMOFormat, "Код ОКТМО должен состоять только из цифр")
	case scanLength:
		return "", 0, invalid(CodeOKTMOLength, "Код ОКТМО должен содержать 8 или 11 цифр")
	}
	return t, n, nil
}

// CheckOKATO checks a code of the all-Russian classifier of administrative
// and territorial objects (ОКАТО): 11 digits, with a space accepted between
// the groups of the classifier's printed form (45 286 580 000), after the
// 2nd, 5th and 8th digit. On failure the code is one of CodeOKATOEmpty,
// CodeOKATOFormat and CodeOKATOLength.
func CheckOKATO(s string) error {
	var d [11]byte
	_, _, err := okato(s, &d)
	return err
}

// NormalizeOKATO returns the 11 digits of a valid OKATO code, the form to
// store: "45 286 580 000" gives "45286580000". It fails as CheckOKATO does.
func NormalizeOKATO(s string) (string, error) {
	var d [11]byte
	t, n, err := okato(s, &d)
	if err != nil {
		return "", err
	}
	return digitsString(t, d[:], n), nil
}

func okato(s string, d *[11]byte) (string, int, error) {
	t, n, r := scanDigits(s, d[:], okSeparators, " ", 11, 0)
	switch r {
	case scanEmpty:
		return "", 0, invalid(CodeOKATOEmpty, "Не указан код ОКАТО")
	case scanFormat:
		return "", 0, invalid(CodeOKATOFormat, "Код ОКАТО должен состоять только из цифр")
	case scanLength:
		return "", 0, invalid(CodeOKATOLength, "Код ОКАТО должен содержать 11 цифр")
	}
	return t, n, nil
}

// CheckPostalCode checks a Russian postal code (почтовый индекс): 6 digits
// with no separators. On failure the code is one of CodePostalCodeEmpty,
// CodePostalCodeFormat and CodePostalCodeLength.
func CheckPostalCode(s string) error {
	_, err := postalCode(s)
	return err
}

// NormalizePostalCode returns a valid postal code without the surrounding
// white space, which is also its official form. It fails as
// CheckPostalCode does.
func NormalizePostalCode(s string) (string, error) { return postalCode(s) }

func postalCode(s string) (string, error) {
	var d [6]byte
	t, _, r := scanDigits(s, d[:], 0, "", 6, 0)
	switch r {
	case scanEmpty:
		return "", invalid(CodePostalCodeEmpty, "Не указан почтовый индекс")
	case scanFormat:
		return "", invalid(CodePostalCodeFormat, "Почтовый индекс должен состоять только из цифр")
	case scanLength:
		return "", invalid(CodePostalCodeLength, "Почтовый индекс должен содержать 6 цифр")
	}
	return t, nil
}

// CheckFIASGUID checks a FIAS GUID (ФИАС ГУИД, the OBJECTGUID of GAR): 32
// hexadecimal digits of either case, officially written in the groups
// 8-4-4-4-12 separated by hyphens (the hyphens may be left out all
// together, but not one by one). The nil GUID is refused. On failure the
// code is one of CodeFIASGUIDEmpty, CodeFIASGUIDFormat and
// CodeFIASGUIDZero.
func CheckFIASGUID(s string) error {
	var d [32]byte
	_, err := fiasGUID(s, &d)
	return err
}

// NormalizeFIASGUID returns a valid FIAS GUID in its official form, which
// is also the form to store: lower case, hyphenated 8-4-4-4-12. It fails as
// CheckFIASGUID does.
func NormalizeFIASGUID(s string) (string, error) {
	var d [32]byte
	t, err := fiasGUID(s, &d)
	if err != nil {
		return "", err
	}
	if len(t) == 36 {
		lower := true
		for i := 0; i < len(t); i++ {
			if 'A' <= t[i] && t[i] <= 'F' {
				lower = false
				break
			}
		}
		if lower {
			return t, nil
		}
	}
	var b [36]byte
	j := 0
	for i, c := range d {
		if i == 8 || i == 12 || i == 16 || i == 20 {
			b[j] = '-'
			j++
		}
		b[j] = c
		j++
	}
	return string(b[:]), nil
}

// fiasGUID checks s and reads its hexadecimal digits, in lower case, into d.
func fiasGUID(s string, d *[32]byte) (string, error) {
	t := trimSpace(s)
	if t == "" {
		return "", invalid(CodeFIASGUIDEmpty, "Не указан идентификатор ФИАС")
	}
	hyphens := len(t) == 36
	if !hyphens && len(t) != 32 {
		return "", fiasGUIDFormat()
	}
	n := 0
	zero := true
	for i := 0; i < len(t); i++ {
		c := t[i]
		if hyphens && (i == 8 || i == 13 || i == 18 || i == 23) {
			if c != '-' {
				return "", fiasGUIDFormat()
			}
			continue
		}
		switch {
		case isDigit(c), 'a' <= c && c <= 'f':
		case 'A' <= c && c <= 'F':
			c += 'a' - 'A'
		default:
			return "", fiasGUIDFormat()
		}
		zero = zero && c == '0'
		d[n] = c
		n++
	}
	if zero {
		return "", invalid(CodeFIASGUIDZero, "Идентификатор ФИАС не может состоять из одних нулей")
	}
	return t, nil
}

func fiasGUIDFormat() error {
	return invalid(CodeFIASGUIDFormat, "Идентификатор ФИАС записывается 32 шестнадцатеричными цифрами в группах 8-4-4-4-12 через дефис")
}
