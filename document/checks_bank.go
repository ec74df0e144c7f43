package document

// Bank identifiers: BIK and account numbers.

// CheckBIK checks a bank identification code (БИК): 9 digits, with no
// separators. The code carries no check digit, and no digit of it is
// restricted, so real codes such as those of Bank of Russia divisions
// (ending in 000) or of Federal Treasury offices pass. On failure the code
// is one of CodeBIKEmpty, CodeBIKFormat and CodeBIKLength.
func CheckBIK(s string) error {
	var d [9]byte
	_, _, err := bik(s, &d)
	return err
}

// NormalizeBIK returns the digits of a valid BIK without the surrounding
// white space, which is also its official form. It fails as CheckBIK does.
func NormalizeBIK(s string) (string, error) {
	var d [9]byte
	t, n, err := bik(s, &d)
	if err != nil {
		return "", err
	}
	return digitsString(t, d[:], n), nil
}

func bik(s string, d *[9]byte) (string, int, error) {
	t, n, r := scanDigits(s, d[:], 0, "", 9, 0)
	switch r {
	case scanEmpty:
		return "", 0, invalid(CodeBIKEmpty, "Не указан БИК")
	case scanFormat:
		return "", 0, invalid(CodeBIKFormat, "БИК должен состоять только из цифр")
	case scanLength:
		return "", 0, invalid(CodeBIKLength, "БИК должен содержать 9 цифр")
	}
	return t, n, nil
}

// CheckSettlementAccount checks the number of a settlement (or any other
// client) account against the BIK of the bank that keeps it: 20 digits
// with no separators, and the control key (the 9th digit) as the Bank of
// Russia defines it. The key is computed over 23 digits, the bank's
// conditional number followed by the account, with the weights 7, 1, 3
// repeated: the sum of the products must end in 0. The conditional number
// is the last three digits of the BIK, or, for an account kept by a Bank of
// Russia division (a BIK ending in 000, 001 or 002), 0 and the 5th and 6th
// digits of the BIK. Treasury accounts (starting with 03) carry no control
// key of this kind and are checked for their digits only.
//
// The BIK is checked first; when it is wrong the violation is the BIK's
// (CodeBIKEmpty, CodeBIKFormat, CodeBIKLength). Otherwise the code is one
// of CodeAccountEmpty, CodeAccountFormat, CodeAccountLength and
// CodeAccountChecksum.
func CheckSettlementAccount(account, bik string) error {
	return checkAccount(account, bik, false)
}

// CheckCorrespondentAccount checks the number of a bank's correspondent
// account against its BIK: 20 digits with no separators, and the control
// key computed as for CheckSettlementAccount, with 0 and the 5th and 6th
// digits of the BIK (the conditional number of the Bank of Russia division
// that keeps the account) in front of the account. It fails as
// CheckSettlementAccount does.
func CheckCorrespondentAccount(account, bik string) error {
	return checkAccount(account, bik, true)
}

// NormalizeAccount returns the 20 digits of an account number without the
// surrounding white space, which is also its official form. It checks the
// digits only, not the control key, which needs the BIK: use
// CheckSettlementAccount or CheckCorrespondentAccount for that. On failure
// the code is one of CodeAccountEmpty, CodeAccountFormat and
// CodeAccountLength.
func NormalizeAccount(s string) (string, error) {
	var a [23]byte
	t, n, err := account(s, &a)
	if err != nil {
		return "", err
	}
	return digitsString(t, a[3:], n), nil
}

// account reads the 20 digits of an account number into a[3:].
func account(s string, a *[23]byte) (string, int, error) {
	t, n, r := scanDigits(s, a[3:], 0, "", 20, 0)
	switch r {
	case scanEmpty:
		return "", 0, invalid(CodeAccountEmpty, "Не указан номер счета")
	case scanFormat:
		return "", 0, invalid(CodeAccountFormat, "Номер счета должен состоять только из цифр")
	case scanLength:
		return "", 0, invalid(CodeAccountLength, "Номер счета должен содержать 20 цифр")
	}
	return t, n, nil
}

func checkAccount(acc, bikCode string, correspondent bool) error {
	var b [9]byte
	if _, _, err := bik(bikCode, &b); err != nil {
		return err
	}
	var a [23]byte // the conditional number of the bank, then the account
	if _, _, err := account(acc, &a); err != nil {
		return err
	}
	if !correspondent && a[3] == '0' && a[4] == '3' {
		return nil // a treasury account: no control key
	}
	if correspondent || b[6] == '0' && b[7] == '0' && b[8] <= '2' {
		a[0], a[1], a[2] = '0', b[4], b[5]
	} else {
		a[0], a[1], a[2] = b[6], b[7], b[8]
	}
	sum := 0
	for i, c := range a {
		sum += int(c-'0') * int([3]byte{7, 1, 3}[i%3])
	}
	if sum%10 == 0 {
		return nil
	}
	if correspondent {
		return invalid(CodeAccountChecksum, "Неверный контрольный ключ корреспондентского счета: номер счета не соответствует БИК")
	}
	return invalid(CodeAccountChecksum, "Неверный контрольный ключ расчетного счета: номер счета не соответствует БИК")
}
