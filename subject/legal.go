package subject

import (
	"bytes"
	"cmp"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/internal/fault"
)

// Stable codes of the violations and errors about legal entities. The
// violations of identifiers carry the codes of package document
// (document.CodeINNChecksum, document.CodeAccountChecksum, ...) and of the
// OKPO and OKVED checks below.
const (
	// CodeLegalFullNameRequired: the full name is missing.
	CodeLegalFullNameRequired = "legal_entity.full_name.required"
	// CodeLegalAddressRequired: the legal address has neither an address
	// object nor a text.
	CodeLegalAddressRequired = "legal_entity.legal_address.required"
	// CodeLegalBankNameRequired: bank details are given without the name
	// of the bank.
	CodeLegalBankNameRequired = "legal_entity.bank.name.required"
	// CodeLegalHeadNameRequired: the position of the head is given without
	// the name.
	CodeLegalHeadNameRequired = "legal_entity.head.name.required"
	// CodeLegalDuplicateOGRN: another legal entity has the same OGRN.
	CodeLegalDuplicateOGRN = "legal_entity.duplicate_ogrn"
	// CodeLegalDuplicateINNKPP: another legal entity has the same INN and
	// KPP.
	CodeLegalDuplicateINNKPP = "legal_entity.duplicate_inn_kpp"
	// CodeLegalExists: a legal entity with the ID is stored already.
	CodeLegalExists = "legal_entity.exists"
	// CodeLegalNotFound: no legal entity has the ID.
	CodeLegalNotFound = "legal_entity.not_found"

	// CodeOKPOEmpty: no OKPO code given.
	CodeOKPOEmpty = "okpo.empty"
	// CodeOKPOFormat: a character other than a digit in an OKPO code.
	CodeOKPOFormat = "okpo.format"
	// CodeOKPOLength: an OKPO code of other than 8 or 10 digits.
	CodeOKPOLength = "okpo.length"
	// CodeOKVEDEmpty: no OKVED code given.
	CodeOKVEDEmpty = "okved.empty"
	// CodeOKVEDFormat: an OKVED code not of the form 68, 68.3, 68.32,
	// 68.32.1 or 68.32.11.
	CodeOKVEDFormat = "okved.format"
)

// Address is an address of a legal entity: a reference to an object of the
// address graph (package address), a free text as written in the
// documents, or both. Text is kept with runs of white space collapsed.
type Address struct {
	// Object is the ID of the address object, or uuid.Nil.
	Object uuid.UUID `json:"object,omitzero"`
	// Text is the address as written: «364000, ЧР, г. Грозный, ул. Улица, д. 1».
	Text string `json:"text,omitempty"`
}

// IsZero reports whether the address has neither an object nor a text.
func (a Address) IsZero() bool { return a.Object == uuid.Nil && strings.TrimSpace(a.Text) == "" }

// BankDetails are the bank requisites of a legal entity. Accounts are kept
// as 20 digits, the BIK as 9.
type BankDetails struct {
	// BIK is the bank identification code (БИК).
	BIK string `json:"bik,omitempty"`
	// SettlementAccount is the settlement account (расчетный счет), checked
	// against the BIK.
	SettlementAccount string `json:"settlement_account,omitempty"`
	// CorrespondentAccount is the bank's correspondent account
	// (корреспондентский счет), checked against the BIK; it may be empty
	// (treasury accounts, accounts in the Bank of Russia).
	CorrespondentAccount string `json:"correspondent_account,omitempty"`
	// Name is the name of the bank.
	Name string `json:"name,omitempty"`
}

// IsZero reports whether no bank detail is given.
func (b BankDetails) IsZero() bool {
	return strings.TrimSpace(b.BIK) == "" && strings.TrimSpace(b.SettlementAccount) == "" &&
		strings.TrimSpace(b.CorrespondentAccount) == "" && strings.TrimSpace(b.Name) == ""
}

// Head is the head of a legal entity (руководитель): the person's full
// name and position.
type Head struct {
	// Name is the full name: «Иванов Иван Иванович».
	Name string `json:"name,omitempty"`
	// Position is the position: «Генеральный директор».
	Position string `json:"position,omitempty"`
}

// LegalEntity is an organisation (юридическое лицо) as the register of
// legal entities keeps it: the fields of a partner card. Identifiers are
// kept in their normalised form (digits only; a KPP in capitals as
// issued); NormalizeLegalEntity produces it.
type LegalEntity struct {
	// ID identifies the record; the register assigns it.
	ID uuid.UUID `json:"id"`
	// Version grows by one with every stored change.
	Version int64 `json:"version"`
	// FullName is the full name by the founding documents: «Публичное
	// акционерное общество «Сбербанк России»». It is required.
	FullName string `json:"full_name"`
	// ShortName is the short name: «ПАО Сбербанк».
	ShortName string `json:"short_name,omitempty"`
	// INN is the taxpayer number, 10 digits. It is required.
	INN string `json:"inn"`
	// KPP is the tax registration reason code, 9 characters. It is required.
	KPP string `json:"kpp"`
	// OGRN is the main state registration number, 13 digits. It is required.
	OGRN string `json:"ogrn"`
	// LegalAddress is the address in the register (юридический адрес). It
	// is required: an object, a text or both.
	LegalAddress Address `json:"legal_address"`
	// PostalAddress is the address for letters (почтовый адрес).
	PostalAddress Address `json:"postal_address,omitzero"`
	// Bank holds the bank details, when known.
	Bank BankDetails `json:"bank,omitzero"`
	// Head is the head of the organisation, when known.
	Head Head `json:"head,omitzero"`
	// Contacts are the phones and e-mails of the organisation.
	Contacts []Contact `json:"contacts,omitempty"`
	// OKTMO is the municipal territory code, 8 or 11 digits, when known.
	OKTMO string `json:"oktmo,omitempty"`
	// OKPO is the statistics register code, 8 or 10 digits, when known.
	OKPO string `json:"okpo,omitempty"`
	// OKVED is the code of the main activity (68.32.1), when known.
	OKVED string `json:"okved,omitempty"`
	// CreatedAt is when the record was registered; the register sets it.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the record last changed; the register sets it.
	UpdatedAt time.Time `json:"updated_at"`
}

// Clone returns a copy of e that shares no memory with it.
func (e LegalEntity) Clone() LegalEntity {
	e.Contacts = slices.Clone(e.Contacts)
	return e
}

// Name returns the short name, or the full name when there is no short one.
func (e LegalEntity) Name() string {
	if e.ShortName != "" {
		return e.ShortName
	}
	return e.FullName
}

// NormalizeLegalEntity returns e with its text trimmed (runs of white
// space collapsed) and its identifiers and contacts in the stored form, or
// a *ValidationError (matching ErrInvalid) with every violation at once,
// each with the path of its field ("inn", "bank.settlement_account",
// "contacts[1].value"). ID, Version and the time stamps are returned as
// they are.
func NormalizeLegalEntity(e LegalEntity) (LegalEntity, error) {
	var vs []Violation
	add := func(field string, err error) {
		var ve *ValidationError
		if errors.As(err, &ve) {
			for _, v := range ve.Violations {
				v.Field = field
				vs = append(vs, v)
			}
		}
	}
	norm := func(field string, s *string, fn func(string) (string, error)) bool {
		n, err := fn(*s)
		if err != nil {
			add(field, err)
			return false
		}
		*s = n
		return true
	}

	e.FullName, e.ShortName = collapse(e.FullName), collapse(e.ShortName)
	if e.FullName == "" {
		vs = append(vs, Violation{Field: "full_name", Code: CodeLegalFullNameRequired,
			Message: "Не указано полное наименование организации"})
	}
	if err := document.CheckINN10(e.INN); err != nil {
		add("inn", err)
	} else {
		norm("inn", &e.INN, document.NormalizeINN)
	}
	norm("kpp", &e.KPP, document.NormalizeKPP)
	norm("ogrn", &e.OGRN, document.NormalizeOGRN)

	e.LegalAddress.Text, e.PostalAddress.Text = collapse(e.LegalAddress.Text), collapse(e.PostalAddress.Text)
	if e.LegalAddress.IsZero() {
		vs = append(vs, Violation{Field: "legal_address", Code: CodeLegalAddressRequired,
			Message: "Не указан юридический адрес организации"})
	}

	if b := &e.Bank; !b.IsZero() {
		b.Name = collapse(b.Name)
		if b.Name == "" {
			vs = append(vs, Violation{Field: "bank.name", Code: CodeLegalBankNameRequired,
				Message: "Не указано наименование банка"})
		}
		bikOK := norm("bank.bik", &b.BIK, document.NormalizeBIK)
		account := func(field string, s *string, check func(account, bik string) error) {
			if bikOK {
				if err := check(*s, b.BIK); err != nil {
					add(field, err)
					return
				}
			}
			norm(field, s, document.NormalizeAccount)
		}
		account("bank.settlement_account", &b.SettlementAccount, document.CheckSettlementAccount)
		if strings.TrimSpace(b.CorrespondentAccount) == "" {
			b.CorrespondentAccount = ""
		} else {
			account("bank.correspondent_account", &b.CorrespondentAccount, document.CheckCorrespondentAccount)
		}
	} else {
		e.Bank = BankDetails{}
	}

	e.Head.Name, e.Head.Position = collapse(e.Head.Name), collapse(e.Head.Position)
	if e.Head.Name == "" && e.Head.Position != "" {
		vs = append(vs, Violation{Field: "head.name", Code: CodeLegalHeadNameRequired,
			Message: "Указана должность руководителя, но не указаны его фамилия, имя и отчество"})
	}

	if len(e.Contacts) == 0 {
		e.Contacts = nil
	} else {
		var cvs []Violation
		e.Contacts, cvs = NormalizeContacts(e.Contacts, "contacts")
		vs = append(vs, cvs...)
	}

	optional := func(field string, s *string, fn func(string) (string, error)) {
		if strings.TrimSpace(*s) == "" {
			*s = ""
			return
		}
		norm(field, s, fn)
	}
	optional("oktmo", &e.OKTMO, document.NormalizeOKTMO)
	optional("okpo", &e.OKPO, NormalizeOKPO)
	optional("okved", &e.OKVED, NormalizeOKVED)

	if len(vs) > 0 {
		return e, &ValidationError{Violations: vs}
	}
	return e, nil
}

// collapse trims s and collapses its runs of white space to one space.
func collapse(s string) string {
	if s == "" {
		return ""
	}
	return strings.Join(strings.Fields(s), " ")
}

func invalidCode(code, message string) error {
	return &ValidationError{Violations: []Violation{{Code: code, Message: message}}}
}

// CheckOKPO checks the format of an OKPO code (код ОКПО): 8 digits for a
// legal entity, 10 for an individual entrepreneur, with no separators;
// white space at the ends is ignored. The check digit is not verified. On
// failure the *ValidationError has one violation with CodeOKPOEmpty,
// CodeOKPOFormat or CodeOKPOLength.
func CheckOKPO(s string) error {
	_, err := NormalizeOKPO(s)
	return err
}

// NormalizeOKPO returns the digits of an OKPO code without the surrounding
// white space. It fails as CheckOKPO does.
func NormalizeOKPO(s string) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", invalidCode(CodeOKPOEmpty, "Не указан код ОКПО")
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return "", invalidCode(CodeOKPOFormat, "Код ОКПО должен состоять только из цифр")
		}
	}
	if len(t) != 8 && len(t) != 10 {
		return "", invalidCode(CodeOKPOLength, "Код ОКПО должен содержать 8 или 10 цифр")
	}
	return t, nil
}

// CheckOKVED checks the format of an OKVED code (код ОКВЭД 2): a class of
// two digits, optionally followed by a subclass digit, a group digit, and a
// subgroup and type digit after a second dot: 68, 68.3, 68.32, 68.32.1,
// 68.32.11. White space at the ends is ignored. Whether the code exists in
// the classifier is not checked. On failure the *ValidationError has one
// violation with CodeOKVEDEmpty or CodeOKVEDFormat.
func CheckOKVED(s string) error {
	_, err := NormalizeOKVED(s)
	return err
}

// NormalizeOKVED returns an OKVED code without the surrounding white space.
// It fails as CheckOKVED does.
func NormalizeOKVED(s string) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", invalidCode(CodeOKVEDEmpty, "Не указан код ОКВЭД")
	}
	digit := func(i int) bool { return i < len(t) && t[i] >= '0' && t[i] <= '9' }
	ok := digit(0) && digit(1)
	switch {
	case !ok:
	case len(t) == 2:
	case t[2] != '.' || !digit(3):
		ok = false
	case len(t) == 4:
	case !digit(4):
		ok = false
	case len(t) == 5:
	case t[5] != '.' || !digit(6):
		ok = false
	case len(t) == 7:
	default:
		ok = digit(7) && len(t) == 8
	}
	if !ok {
		return "", invalidCode(CodeOKVEDFormat, "Код ОКВЭД должен иметь вид 68, 68.3, 68.32, 68.32.1 или 68.32.11")
	}
	return t, nil
}

// LegalEntityQuery selects legal entities for LegalEntityRepository.Find.
// Zero fields select everything. Identifiers are compared with the stored,
// normalised form: pass them through Normalize (the register does).
type LegalEntityQuery struct {
	// INN, when not empty, keeps the entities with this INN.
	INN string
	// KPP, when not empty, keeps the entities with this KPP.
	KPP string
	// OGRN, when not empty, keeps the entity with this OGRN.
	OGRN string
	// Name, when not empty, keeps the entities whose short or full name
	// has, for every word of Name, a word that starts with it; case and
	// ё/е do not matter, and punctuation (quotes, dots) separates words:
	// «сбер» and «пао сбербанк» find «ПАО Сбербанк».
	Name string
	// Offset skips that many entities of the ordered result.
	Offset int
	// Limit caps the number of entities returned; zero or less means no cap.
	Limit int
}

// Normalize returns q with its identifiers trimmed and, where they are
// valid, in the stored form, so that « 7707083893 » finds the entity with
// INN 7707083893. An invalid identifier is kept trimmed and finds nothing.
func (q LegalEntityQuery) Normalize() LegalEntityQuery {
	n := func(s string, fn func(string) (string, error)) string {
		if v, err := fn(s); err == nil {
			return v
		}
		return strings.TrimSpace(s)
	}
	q.INN = n(q.INN, document.NormalizeINN)
	q.KPP = n(q.KPP, document.NormalizeKPP)
	q.OGRN = n(q.OGRN, document.NormalizeOGRN)
	q.Name = collapse(q.Name)
	q.Offset = max(q.Offset, 0)
	return q
}

// Matches reports whether e passes the filters of q (paging aside).
// Adapters that cannot filter in storage use it, so that every adapter
// finds the same entities.
func (q LegalEntityQuery) Matches(e LegalEntity) bool {
	if q.INN != "" && e.INN != q.INN || q.KPP != "" && e.KPP != q.KPP || q.OGRN != "" && e.OGRN != q.OGRN {
		return false
	}
	if q.Name == "" {
		return true
	}
	words := append(nameWords(e.ShortName), nameWords(e.FullName)...)
	for _, w := range nameWords(q.Name) {
		if !slices.ContainsFunc(words, func(n string) bool { return strings.HasPrefix(n, w) }) {
			return false
		}
	}
	return true
}

// Page returns the part of the ordered result that Offset and Limit select.
func (q LegalEntityQuery) Page(sorted []LegalEntity) []LegalEntity {
	if q.Offset >= len(sorted) {
		return nil
	}
	sorted = sorted[max(q.Offset, 0):]
	if q.Limit > 0 && len(sorted) > q.Limit {
		sorted = sorted[:q.Limit]
	}
	return sorted
}

// nameWords folds a name (lower case, ё as е) and splits it into words at
// everything that is not a letter or a digit.
func nameWords(s string) []string {
	return strings.FieldsFunc(address.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// CompareLegalEntities orders legal entities as Find returns them: by Name
// folded (case and ё/е ignored), then by full name folded, then by the
// bytes of the ID. Every adapter sorts with it, so the order and the pages
// are the same everywhere.
func CompareLegalEntities(a, b LegalEntity) int {
	return cmp.Or(
		strings.Compare(address.Fold(a.Name()), address.Fold(b.Name())),
		strings.Compare(address.Fold(a.FullName), address.Fold(b.FullName)),
		bytes.Compare(a.ID[:], b.ID[:]),
	)
}

// DuplicateOGRNError returns the conflict an adapter reports when a legal
// entity would get the OGRN of the existing one: an *Error matching
// ErrConflict with the code CodeLegalDuplicateOGRN and a Russian message
// that names the existing record.
func DuplicateOGRNError(existing LegalEntity) *Error {
	return fault.New(fault.Conflict, CodeLegalDuplicateOGRN,
		"Организация с ОГРН "+existing.OGRN+" уже зарегистрирована: "+existing.Name()+" (ID "+existing.ID.String()+")")
}

// DuplicateINNKPPError returns the conflict an adapter reports when a legal
// entity would get the INN and KPP of the existing one: an *Error matching
// ErrConflict with the code CodeLegalDuplicateINNKPP and a Russian message
// that names the existing record.
func DuplicateINNKPPError(existing LegalEntity) *Error {
	return fault.New(fault.Conflict, CodeLegalDuplicateINNKPP,
		"Организация с ИНН "+existing.INN+" и КПП "+existing.KPP+" уже зарегистрирована: "+existing.Name()+" (ID "+existing.ID.String()+")")
}

// LegalEntityExistsError returns the conflict an adapter reports when a
// legal entity with the ID is stored already: an *Error matching
// ErrConflict with the code CodeLegalExists.
func LegalEntityExistsError(id uuid.UUID) *Error {
	return fault.New(fault.Conflict, CodeLegalExists, "Организация с ID "+id.String()+" уже существует")
}

// LegalEntityNotFoundError returns the error an adapter reports when no
// legal entity has the ID: an *Error matching ErrNotFound with the code
// CodeLegalNotFound.
func LegalEntityNotFoundError(id uuid.UUID) *Error {
	return fault.New(fault.NotFound, CodeLegalNotFound, "Организация с ID "+id.String()+" не найдена")
}
