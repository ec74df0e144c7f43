package document

// Identifiers of persons: SNILS, passport RF, birth certificate. They are
// personal data: no message here ever repeats the value.

// snilsSeparators are the bits of scanDigits' at for SNILS: after the 3rd,
// 6th and 9th digit.
const snilsSeparators = 1<<3 | 1<<6 | 1<<9

// snilsUnchecked is the greatest SNILS number (its first nine digits)
// issued before check numbers were introduced; it is not checksum-checked.
const snilsUnchecked = 1001998

// CheckSNILS checks an insurance number of an individual personal account
// (СНИЛС): 11 digits, officially written 123-456-789 01. A hyphen or a space
// is accepted after the 3rd, the 6th and the 9th digit, and nowhere else.
// The last two digits are the check number: the sum of the first nine
// digits weighted 9 down to 1; a sum under 100 is the check number itself,
// 100 and 101 give 00, a greater sum is taken mod 101 (with 100 giving 00).
// Numbers up to 001-001-998 predate check numbers and are not
// checksum-checked. On failure the code is one of CodeSNILSEmpty,
// CodeSNILSFormat, CodeSNILSLength and CodeSNILSChecksum.
func CheckSNILS(s string) error {
	var d [11]byte
	_, _, err := snils(s, &d)
	return err
}

// NormalizeSNILS returns the 11 digits of a valid SNILS, the form to store:
// "112-233-445 95" gives "11223344595". It fails as CheckSNILS does.
func NormalizeSNILS(s string) (string, error) {
	var d [11]byte
	t, n, err := snils(s, &d)
	if err != nil {
		return "", err
	}
	return digitsString(t, d[:], n), nil
}

// FormatSNILS returns a valid SNILS in its official form: "11223344595"
// gives "112-233-445 95". It fails as CheckSNILS does.
func FormatSNILS(s string) (string, error) {
	var d [11]byte
	if _, _, err := snils(s, &d); err != nil {
		return "", err
	}
	b := [14]byte{
		d[0], d[1], d[2], '-', d[3], d[4], d[5], '-', d[6], d[7], d[8], ' ', d[9], d[10],
	}
	return string(b[:]), nil
}

func snils(s string, d *[11]byte) (string, int, error) {
	t, n, r := scanDigits(s, d[:], snilsSeparators, "- ", 11, 0)
	switch r {
	case scanEmpty:
		return "", 0, invalid(CodeSNILSEmpty, "Не указан СНИЛС")
	case scanFormat:
		return "", 0, invalid(CodeSNILSFormat, "СНИЛС записывается 11 цифрами, например 123-456-789 01: разделители допустимы только между группами цифр")
	case scanLength:
		return "", 0, invalid(CodeSNILSLength, "СНИЛС должен содержать 11 цифр")
	}
	if number(d[:9]) <= snilsUnchecked {
		return t, n, nil
	}
	w := [...]byte{9, 8, 7, 6, 5, 4, 3, 2, 1}
	sum := weighted(d[:], w[:])
	if sum > 101 {
		sum %= 101
	}
	if sum >= 100 {
		sum = 0
	}
	if number(d[9:11]) != uint64(sum) {
		return "", 0, invalid(CodeSNILSChecksum, "Неверная контрольная сумма СНИЛС")
	}
	return t, n, nil
}

// CheckPassportRF checks the series and number of a passport of a citizen
// of the Russian Federation: 10 digits, officially written 12 34 567890
// (the series of two two-digit groups, then the six-digit number). A single
// space is accepted after the 2nd and the 4th digit, so "1234 567890" and
// "1234567890" are accepted too. A series of 0000 or a number of 000000 is
// never issued and is refused. On failure the code is one of
// CodePassportRFEmpty, CodePassportRFFormat, CodePassportRFLength and
// CodePassportRFZero.
func CheckPassportRF(s string) error {
	var d [10]byte
	_, _, err := passportRF(s, &d)
	return err
}

// NormalizePassportRF returns the 10 digits of a valid passport series and
// number, the form to store: "12 34 567890" gives "1234567890". It fails as
// CheckPassportRF does.
func NormalizePassportRF(s string) (string, error) {
	var d [10]byte
	t, n, err := passportRF(s, &d)
	if err != nil {
		return "", err
	}
	return digitsString(t, d[:], n), nil
}

// FormatPassportRF returns a valid passport series and number in the
// official form: "1234 567890" gives "12 34 567890". It fails as
// CheckPassportRF does.
func FormatPassportRF(s string) (string, error) {
	var d [10]byte
	if _, _, err := passportRF(s, &d); err != nil {
		return "", err
	}
	b := [12]byte{d[0], d[1], ' ', d[2], d[3], ' ', d[4], d[5], d[6], d[7], d[8], d[9]}
	return string(b[:]), nil
}

func passportRF(s string, d *[10]byte) (string, int, error) {
	t, n, r := scanDigits(s, d[:], 1<<2|1<<4, " ", 10, 0)
	switch r {
	case scanEmpty:
		return "", 0, invalid(CodePassportRFEmpty, "Не указаны серия и номер паспорта")
	case scanFormat:
		return "", 0, invalid(CodePassportRFFormat, "Серия и номер паспорта записываются цифрами, например 12 34 567890")
	case scanLength:
		return "", 0, invalid(CodePassportRFLength, "Серия и номер паспорта должны содержать 10 цифр")
	}
	if allZero(d[:4]) || allZero(d[4:]) {
		return "", 0, invalid(CodePassportRFZero, "Серия и номер паспорта не могут состоять из одних нулей")
	}
	return t, n, nil
}

// birthCertMax is the longest official form of a birth certificate
// series and number: "CCCLXXXVIII-АБ 123456" in bytes.
const birthCertMax = 11 + 1 + 4 + 1 + 6

// CheckBirthCertificate checks the series and number of a birth
// certificate issued in the Russian Federation, officially written
// II-АБ 123456: a Roman numeral made of the Latin capitals I, V, X, L and C
// (well-formed, such as IV or XIX, not IIII or VX), a hyphen, two Cyrillic
// capitals, a space, six digits. The hyphen and the space may be left out;
// no other separator is accepted, and the letters are not case-folded. On
// failure the code is one of CodeBirthCertEmpty and CodeBirthCertFormat.
func CheckBirthCertificate(s string) error {
	_, _, err := birthCert(s)
	return err
}

// NormalizeBirthCertificate returns a valid birth certificate series and
// number in its official form, which is also the form to store:
// "IIАБ123456" gives "II-АБ 123456". It fails as CheckBirthCertificate does.
func NormalizeBirthCertificate(s string) (string, error) {
	t, parts, err := birthCert(s)
	if err != nil {
		return "", err
	}
	roman, letters, digits := t[:parts[0]], t[parts[1]:parts[1]+4], t[len(t)-6:]
	if len(t) == len(roman)+1+4+1+6 && t[len(roman)] == '-' && t[len(roman)+5] == ' ' {
		return t, nil
	}
	var buf [birthCertMax]byte
	b := append(buf[:0], roman...)
	b = append(b, '-')
	b = append(b, letters...)
	b = append(b, ' ')
	b = append(b, digits...)
	return string(b), nil
}

// birthCert checks s and returns it trimmed, with the byte offsets of the
// end of the Roman numeral and of the start of the letters.
func birthCert(s string) (string, [2]int, error) {
	t := trimSpace(s)
	if t == "" {
		return "", [2]int{}, invalid(CodeBirthCertEmpty, "Не указаны серия и номер свидетельства о рождении")
	}
	i := romanLen(t)
	if i == 0 {
		return "", [2]int{}, birthCertFormat()
	}
	j := i
	if j < len(t) && t[j] == '-' {
		j++
	}
	letters := j
	for range 2 {
		if !isCyrillicCapital(t, j) {
			return "", [2]int{}, birthCertFormat()
		}
		j += 2
	}
	if j < len(t) && t[j] == ' ' {
		j++
	}
	if len(t)-j != 6 {
		return "", [2]int{}, birthCertFormat()
	}
	for ; j < len(t); j++ {
		if !isDigit(t[j]) {
			return "", [2]int{}, birthCertFormat()
		}
	}
	return t, [2]int{i, letters}, nil
}

func birthCertFormat() error {
	return invalid(CodeBirthCertFormat, "Серия и номер свидетельства о рождении записываются как II-АБ 123456: "+
		"римское число латинскими буквами I, V, X, L, C, дефис, две заглавные русские буквы и шесть цифр")
}

// romanLen returns the length of the well-formed Roman numeral from 1 to
// 399 (C{0,3} (XC|XL|L?X{0,3}) (IX|IV|V?I{0,3})) at the start of s, or 0.
func romanLen(s string) int {
	i := 0
	for k := 0; k < 3 && i < len(s) && s[i] == 'C'; k++ {
		i++
	}
	i = romanDigit(s, i, 'X', 'L', 'C')
	return romanDigit(s, i, 'I', 'V', 'X')
}

// romanDigit reads one decimal digit of a Roman numeral written with the
// letters one, five and ten from s[i:], and returns the index after it.
func romanDigit(s string, i int, one, five, ten byte) int {
	if i+1 < len(s) && s[i] == one && (s[i+1] == ten || s[i+1] == five) {
		return i + 2
	}
	if i < len(s) && s[i] == five {
		i++
	}
	for k := 0; k < 3 && i < len(s) && s[i] == one; k++ {
		i++
	}
	return i
}

// isCyrillicCapital reports whether s[i:] starts with a capital Cyrillic
// letter of the Russian alphabet, А to Я or Ё, in UTF-8.
func isCyrillicCapital(s string, i int) bool {
	if i+1 >= len(s) || s[i] != 0xD0 {
		return false
	}
	c := s[i+1]
	return 0x90 <= c && c <= 0xAF || c == 0x81
}
