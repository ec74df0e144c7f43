package document

// Taxpayer and state-register identifiers: INN, KPP, OGRN, OGRNIP.

// CheckINN checks a taxpayer number (ИНН) of either kind: 10 digits for a
// legal entity or 12 digits for a person, with the check digits of that
// kind. No separators are accepted inside. On failure the code is one of
// CodeINNEmpty, CodeINNFormat, CodeINNLength and CodeINNChecksum.
func CheckINN(s string) error {
	var d [12]byte
	_, n, r := scanDigits(s, d[:], 0, "", 10, 12)
	if err := innScanError(r, "ИНН должен содержать 10 или 12 цифр"); err != nil {
		return err
	}
	return innChecksum(d[:n])
}

// CheckINN10 checks the taxpayer number (ИНН) of a legal entity: 10 digits
// whose last is the check digit. On failure the code is one of
// CodeINNEmpty, CodeINNFormat, CodeINNLength and CodeINNChecksum.
func CheckINN10(s string) error {
	var d [10]byte
	_, n, r := scanDigits(s, d[:], 0, "", 10, 0)
	if err := innScanError(r, "ИНН юридического лица должен содержать 10 цифр"); err != nil {
		return err
	}
	return innChecksum(d[:n])
}

// CheckINN12 checks the taxpayer number (ИНН) of a person or an individual
// entrepreneur: 12 digits whose last two are the check digits. On failure
// the code is one of CodeINNEmpty, CodeINNFormat, CodeINNLength and
// CodeINNChecksum.
func CheckINN12(s string) error {
	var d [12]byte
	_, n, r := scanDigits(s, d[:], 0, "", 12, 0)
	if err := innScanError(r, "ИНН физического лица должен содержать 12 цифр"); err != nil {
		return err
	}
	return innChecksum(d[:n])
}

// NormalizeINN returns the digits of a valid INN of either kind without the
// surrounding white space, which is also its official form. It fails as
// CheckINN does.
func NormalizeINN(s string) (string, error) {
	var d [12]byte
	t, n, r := scanDigits(s, d[:], 0, "", 10, 12)
	if err := innScanError(r, "ИНН должен содержать 10 или 12 цифр"); err != nil {
		return "", err
	}
	if err := innChecksum(d[:n]); err != nil {
		return "", err
	}
	return digitsString(t, d[:], n), nil
}

func innScanError(r scanResult, length string) error {
	switch r {
	case scanEmpty:
		return invalid(CodeINNEmpty, "Не указан ИНН")
	case scanFormat:
		return invalid(CodeINNFormat, "ИНН должен состоять только из цифр")
	case scanLength:
		return invalid(CodeINNLength, length)
	}
	return nil
}

// innChecksum checks the check digits of a 10- or 12-digit INN: the
// weighted sum of the preceding digits mod 11 mod 10.
func innChecksum(d []byte) error {
	ok := false
	if len(d) == 10 {
		w := [...]byte{2, 4, 10, 3, 5, 9, 4, 6, 8}
		ok = byte(weighted(d, w[:])%11%10) == d[9]-'0'
	} else {
		w11 := [...]byte{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
		w12 := [...]byte{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
		ok = byte(weighted(d, w11[:])%11%10) == d[10]-'0' &&
			byte(weighted(d, w12[:])%11%10) == d[11]-'0'
	}
	if !ok {
		return invalid(CodeINNChecksum, "Неверная контрольная сумма ИНН")
	}
	return nil
}

// CheckKPP checks a tax registration reason code (КПП): 4 digits (the tax
// office), 2 digits or capital Latin letters (the reason), 3 digits (the
// serial number), with no separators. On failure the code is one of
// CodeKPPEmpty, CodeKPPFormat and CodeKPPLength.
func CheckKPP(s string) error {
	_, err := kpp(s)
	return err
}

// NormalizeKPP returns a valid KPP without the surrounding white space,
// which is also its official form. It fails as CheckKPP does.
func NormalizeKPP(s string) (string, error) { return kpp(s) }

func kpp(s string) (string, error) {
	t := trimSpace(s)
	if t == "" {
		return "", invalid(CodeKPPEmpty, "Не указан КПП")
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; !isDigit(c) && !('A' <= c && c <= 'Z') {
			return "", invalid(CodeKPPFormat, kppFormatMessage)
		}
	}
	if len(t) != 9 {
		return "", invalid(CodeKPPLength, "КПП должен содержать 9 знаков")
	}
	for i := 0; i < 9; i++ {
		if (i < 4 || i > 5) && !isDigit(t[i]) {
			return "", invalid(CodeKPPFormat, kppFormatMessage)
		}
	}
	return t, nil
}

const kppFormatMessage = "КПП должен состоять из 4 цифр, 2 цифр или заглавных латинских букв и 3 цифр"

// CheckOGRN checks a primary state registration number of a legal entity
// (ОГРН): 13 digits, the first 1 or 5, the last equal to the number of the
// first 12 mod 11 mod 10. On failure the code is one of CodeOGRNEmpty,
// CodeOGRNFormat, CodeOGRNLength and CodeOGRNChecksum.
func CheckOGRN(s string) error {
	_, err := ogrn(s)
	return err
}

// NormalizeOGRN returns the digits of a valid OGRN without the surrounding
// white space, which is also its official form. It fails as CheckOGRN does.
func NormalizeOGRN(s string) (string, error) { return ogrn(s) }

func ogrn(s string) (string, error) {
	var d [13]byte
	t, n, r := scanDigits(s, d[:], 0, "", 13, 0)
	switch r {
	case scanEmpty:
		return "", invalid(CodeOGRNEmpty, "Не указан ОГРН")
	case scanFormat:
		return "", invalid(CodeOGRNFormat, "ОГРН должен состоять только из цифр")
	case scanLength:
		return "", invalid(CodeOGRNLength, "ОГРН должен содержать 13 цифр")
	}
	if d[0] != '1' && d[0] != '5' {
		return "", invalid(CodeOGRNFormat, "ОГРН должен начинаться с цифры 1 или 5")
	}
	if byte(number(d[:12])%11%10) != d[12]-'0' {
		return "", invalid(CodeOGRNChecksum, "Неверная контрольная сумма ОГРН")
	}
	return digitsString(t, d[:], n), nil
}

// CheckOGRNIP checks a primary state registration number of an individual
// entrepreneur (ОГРНИП): 15 digits, the first 3, the last equal to the
// number of the first 14 mod 13 mod 10. On failure the code is one of
// CodeOGRNIPEmpty, CodeOGRNIPFormat, CodeOGRNIPLength and
// CodeOGRNIPChecksum.
func CheckOGRNIP(s string) error {
	_, err := ogrnip(s)
	return err
}

// NormalizeOGRNIP returns the digits of a valid OGRNIP without the
// surrounding white space, which is also its official form. It fails as
// CheckOGRNIP does.
func NormalizeOGRNIP(s string) (string, error) { return ogrnip(s) }

func ogrnip(s string) (string, error) {
	var d [15]byte
	t, n, r := scanDigits(s, d[:], 0, "", 15, 0)
	switch r {
	case scanEmpty:
		return "", invalid(CodeOGRNIPEmpty, "Не указан ОГРНИП")
	case scanFormat:
		return "", invalid(CodeOGRNIPFormat, "ОГРНИП должен состоять только из цифр")
	case scanLength:
		return "", invalid(CodeOGRNIPLength, "ОГРНИП должен содержать 15 цифр")
	}
	if d[0] != '3' {
		return "", invalid(CodeOGRNIPFormat, "ОГРНИП должен начинаться с цифры 3")
	}
	if byte(number(d[:14])%13%10) != d[14]-'0' {
		return "", invalid(CodeOGRNIPChecksum, "Неверная контрольная сумма ОГРНИП")
	}
	return digitsString(t, d[:], n), nil
}

// number returns the value of at most 19 decimal digits.
func number(d []byte) uint64 {
	var v uint64
	for _, c := range d {
		v = v*10 + uint64(c-'0')
	}
	return v
}
