package gis

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/beevik/etree"
	"github.com/google/uuid"
	"github.com/openzhkh/zhkh/internal/civil"
	"github.com/shopspring/decimal"
)

// The per-message limits of the account operations (house-management
// 16.3.0.0): Account 1..100 in importAccountRequest; AccountGUID,
// UnifiedAccountNumber and ServiceID 1..1000 in exportAccountRequest.
const (
	// AccountsPerImport is the most accounts one importAccountData
	// message may carry.
	AccountsPerImport = 100
	// AccountKeysPerExport is the most identifiers one exportAccountData
	// message may carry.
	AccountKeysPerExport = 1000
)

// AccountKind is the kind of a personal account: the choice of the
// schema's isUOAccount, isRSOAccount, isCRAccount, isRCAccount,
// isOGVorOMSAccount and isTKOAccount.
type AccountKind string

// The kinds of personal accounts.
const (
	// AccountUO pays for the dwelling and utilities to a management
	// organisation (isUOAccount).
	AccountUO AccountKind = "uo"
	// AccountRSO pays for utilities to a resource supplier (isRSOAccount).
	AccountRSO AccountKind = "rso"
	// AccountCR pays for capital repair (isCRAccount).
	AccountCR AccountKind = "cr"
	// AccountRC is an account of a settlement centre (isRCAccount).
	AccountRC AccountKind = "rc"
	// AccountOGVorOMS is an account of a state or municipal body
	// (isOGVorOMSAccount).
	AccountOGVorOMS AccountKind = "ogv_oms"
	// AccountTKO pays for municipal solid waste handling (isTKOAccount).
	AccountTKO AccountKind = "tko"
)

// accountKindTags maps each kind to its element.
var accountKindTags = map[AccountKind]string{
	AccountUO:       "isUOAccount",
	AccountRSO:      "isRSOAccount",
	AccountCR:       "isCRAccount",
	AccountRC:       "isRCAccount",
	AccountOGVorOMS: "isOGVorOMSAccount",
	AccountTKO:      "isTKOAccount",
}

// accountKindElements maps each kind to its qualified element.
var accountKindElements = map[AccountKind]string{
	AccountUO:       "hm:isUOAccount",
	AccountRSO:      "hm:isRSOAccount",
	AccountCR:       "hm:isCRAccount",
	AccountRC:       "hm:isRCAccount",
	AccountOGVorOMS: "hm:isOGVorOMSAccount",
	AccountTKO:      "hm:isTKOAccount",
}

// Account is a personal account as importAccountData takes it
// (hm:importAccountRequest/Account).
type Account struct {
	// Kind is the kind of the account; required.
	Kind AccountKind `json:"kind"`
	// AccountNumber is the provider's number of the account, 1..30
	// characters with at least one letter or digit; required unless
	// AccountGUID is set.
	AccountNumber string `json:"accountNumber,omitempty"`
	// AccountGUID identifies an account GIS already has; set it to update
	// that account.
	AccountGUID uuid.UUID `json:"accountGuid,omitzero"`
	// CreationDate is kept by the schema for compatibility; GIS ignores it
	// on import.
	CreationDate Date `json:"creationDate,omitzero"`
	// LivingPersonsNumber is the number of residents, 0..9999; nil when
	// unknown.
	LivingPersonsNumber *int `json:"livingPersonsNumber,omitempty"`
	// TotalSquare, ResidentialSquare and HeatedArea are areas in square
	// metres, at most four digits after the point; nil when unknown.
	TotalSquare       *decimal.Decimal `json:"totalSquare,omitempty"`
	ResidentialSquare *decimal.Decimal `json:"residentialSquare,omitempty"`
	HeatedArea        *decimal.Decimal `json:"heatedArea,omitempty"`
	// Closed closes the account; Accommodations are then ignored by GIS.
	Closed *AccountClosure `json:"closed,omitempty"`
	// Accommodations are the premises the account is for; at least one
	// unless the account is closed.
	Accommodations []Accommodation `json:"accommodations,omitempty"`
	// Payer is who pays.
	Payer Payer `json:"payer"`
	// Reasons are the contracts the account is based on (optional in the
	// 16.3.0.0 schema).
	Reasons *AccountReasons `json:"reasons,omitempty"`
}

// AccountClosure is the closing of an account.
type AccountClosure struct {
	// Reason is the reason from NSI 22; required.
	Reason NsiRef `json:"reason"`
	// Date is the closing date; required.
	Date Date `json:"date"`
	// Description is a note of at most 250 characters.
	Description string `json:"description,omitempty"`
}

// Accommodation is one premises of an account: exactly one of the house
// (FIAS GUID), the premises or the living room, with the share of the
// payment.
type Accommodation struct {
	// FIASHouseGUID names a house (a living house without premises).
	FIASHouseGUID uuid.UUID `json:"fiasHouseGuid,omitzero"`
	// PremisesGUID names a premises in GIS.
	PremisesGUID uuid.UUID `json:"premisesGuid,omitzero"`
	// LivingRoomGUID names a room in GIS.
	LivingRoomGUID uuid.UUID `json:"livingRoomGuid,omitzero"`
	// SharePercent is the share of the payment, 0..100 with at most two
	// digits after the point; nil when not given.
	SharePercent *decimal.Decimal `json:"sharePercent,omitempty"`
}

// Payer is the payer of an account: an individual, an organisation from
// the organisation registry, or nobody named (then GIS does not attach the
// account to a citizen's cabinet).
type Payer struct {
	// IsRenter marks the payer as a tenant.
	IsRenter bool `json:"isRenter,omitempty"`
	// AccountsDivided marks the premises' accounts as divided.
	AccountsDivided bool `json:"accountsDivided,omitempty"`
	// Individual is the payer when a person pays.
	Individual *PayerIndividual `json:"individual,omitempty"`
	// OrgVersionGUID is the payer's version in the organisation registry
	// when an organisation pays.
	OrgVersionGUID uuid.UUID `json:"orgVersionGuid,omitzero"`
}

// PayerIndividual is a person paying an account.
type PayerIndividual struct {
	// Surname and FirstName are required, at most 256 characters each.
	Surname   string `json:"surname"`
	FirstName string `json:"firstName"`
	// Patronymic is optional.
	Patronymic string `json:"patronymic,omitempty"`
	// Sex is "M", "F" or "".
	Sex string `json:"sex,omitempty"`
	// DateOfBirth is optional.
	DateOfBirth Date `json:"dateOfBirth,omitzero"`
	// SNILS is 11 digits; give SNILS or ID, not both.
	SNILS string `json:"snils,omitempty"`
	// ID is an identity document.
	ID *IdentityDocument `json:"id,omitempty"`
}

// String describes the payer with the SNILS and the document number
// masked, so that the value can go into logs.
func (p PayerIndividual) String() string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(p.Surname + " " + p.FirstName + " " + p.Patronymic))
	if p.SNILS != "" {
		b.WriteString(", СНИЛС ")
		b.WriteString(maskTail(p.SNILS))
	}
	if p.ID != nil {
		b.WriteString(", документ ")
		b.WriteString(p.ID.String())
	}
	return b.String()
}

// IdentityDocument is a person's identity document.
type IdentityDocument struct {
	// Type is the kind of document from NSI 95; required.
	Type NsiRef `json:"type"`
	// Series is optional, at most 45 characters.
	Series string `json:"series,omitempty"`
	// Number is required, at most 45 characters.
	Number string `json:"number"`
	// IssueDate is required.
	IssueDate Date `json:"issueDate"`
}

// String describes the document with its series and number masked.
func (d IdentityDocument) String() string {
	out := d.Type.Name
	if out == "" {
		out = d.Type.Code
	}
	return strings.TrimSpace(out + " " + maskTail(d.Series+d.Number))
}

// AccountReasons are the contracts an account is based on.
type AccountReasons struct {
	// SupplyResourceContracts are resource supply contracts.
	SupplyResourceContracts []SupplyContractReason `json:"supplyResourceContracts,omitempty"`
	// SocialHireContract is a social hire contract.
	SocialHireContract *SocialHireReason `json:"socialHireContract,omitempty"`
	// TKOContracts are contracts of solid waste handling.
	TKOContracts []TKOContractReason `json:"tkoContracts,omitempty"`
}

// SupplyContractReason names a resource supply contract: by its GUID in
// GIS, or by number, signing date and IsContract.
type SupplyContractReason struct {
	// ContractGUID is the contract's root GUID in GIS.
	ContractGUID uuid.UUID `json:"contractGuid,omitzero"`
	// Number is at most 100 characters.
	Number string `json:"number,omitempty"`
	// SigningDate is when the contract was signed.
	SigningDate Date `json:"signingDate,omitzero"`
	// IsContract is true when the contract is not public or there is a
	// signed paper contract.
	IsContract bool `json:"isContract,omitempty"`
}

// SocialHireReason names a social hire contract: by its GUID in GIS, or
// by number, signing date and type.
type SocialHireReason struct {
	// ContractGUID is the contract's root GUID in GIS.
	ContractGUID uuid.UUID `json:"contractGuid,omitzero"`
	// Number is at most 255 characters.
	Number string `json:"number,omitempty"`
	// SigningDate is when the contract was signed.
	SigningDate Date `json:"signingDate,omitzero"`
	// Type is "D" (social hire of a dwelling), "M" (state or municipal
	// fund) or "S" (specialised fund).
	Type string `json:"type,omitempty"`
}

// TKOContractReason names a contract of solid waste handling: by its GUID
// in GIS, or by number, signing date and the date it takes effect.
type TKOContractReason struct {
	// ContractGUID is the contract's root GUID in GIS.
	ContractGUID uuid.UUID `json:"contractGuid,omitzero"`
	// Number is at most 30 characters.
	Number string `json:"number,omitempty"`
	// SigningDate is when the contract was signed.
	SigningDate Date `json:"signingDate,omitzero"`
	// DateEntry is when the contract takes effect.
	DateEntry Date `json:"dateEntry,omitzero"`
}

// Validation builds a field path only when it reports a violation: the
// checks take the parent path p and the literal suffix of the field, so
// that valid input (the common case) costs no string concatenation.

// dateValue records a violation of the date at p+suffix when it is
// required and missing, or set and not a real day.
func (v *violations) dateValue(p, suffix string, d Date, required bool) {
	switch {
	case d.IsZero() && required:
		v.add(p+suffix, "required", "обязательное поле не заполнено")
	case !d.IsZero() && !d.Valid():
		v.add(p+suffix, "format", "неверная дата")
	}
}

// hundred is 100, the upper bound of a share in percent.
var hundred = decimal.NewFromInt(100)

// fracDigitsAtMost reports whether d has at most n digits after the point.
func fracDigitsAtMost(d decimal.Decimal, n int) bool {
	_, f := decimalDigits(d)
	return f <= n
}

// areaValue records the violations of an area at p+suffix
// (premises-base:PremisesAreaType: not negative, at most four digits after
// the point, 25 digits in all). The total is capped at 24 digits: libxml2,
// and so xmllint, cannot hold a 25-digit decimal.
func (v *violations) areaValue(p, suffix string, d *decimal.Decimal) {
	if d == nil {
		return
	}
	intDigits, fracDigits := decimalDigits(*d)
	switch {
	case d.Sign() < 0:
		v.add(p+suffix, "range", "площадь не может быть отрицательной")
	case fracDigits > 4:
		v.add(p+suffix, "format", "площадь указывается не более чем с четырьмя знаками после запятой")
	case intDigits+fracDigits > 24:
		v.add(p+suffix, "range", "площадь слишком велика: не более 24 цифр")
	}
}

// textValue records the violations of a required or optional string at
// p+suffix limited to n characters that must be representable in XML.
func (v *violations) textValue(p, suffix, s string, n int, required bool) {
	switch {
	case s == "":
		if required {
			v.add(p+suffix, "required", "обязательное поле не заполнено")
		}
	case len(s) > n && utf8.RuneCountInString(s) > n:
		v.add(p+suffix, "too_long", "не более "+strconv.Itoa(n)+" символов")
	case !xmlText(s):
		v.add(p+suffix, "format", "недопустимые символы в тексте")
	}
}

// xmlText reports whether s is valid UTF-8 made of characters XML 1.0
// allows.
func xmlText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r == 0x9 || r == 0xA || r == 0xD:
		case r >= 0x20 && r <= 0xD7FF:
		case r >= 0xE000 && r <= 0xFFFD:
		case r >= 0x10000 && r <= 0x10FFFF:
		default:
			return false
		}
	}
	return true
}

// accountNumberOK reports whether s matches account-base:AccountNumber:
// XML text without line breaks with at least one Latin or Cyrillic letter
// or digit.
func accountNumberOK(s string) bool {
	if !xmlText(s) {
		return false
	}
	alnum := false
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
			return false
		case r >= '0' && r <= '9', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= 'а' && r <= 'я', r >= 'А' && r <= 'Я':
			alnum = true
		}
	}
	return alnum
}

// validate records the violations of one account, with field paths under
// p ("" gives ".kind", ".payer.individual.snils").
func (a *Account) validate(v *violations, p string) {
	if _, ok := accountKindTags[a.Kind]; !ok {
		if a.Kind == "" {
			v.add(p+".kind", "required", "не указан вид лицевого счета")
		} else {
			v.add(p+".kind", "format", "неизвестный вид лицевого счета")
		}
	}
	switch {
	case a.AccountNumber == "" && a.AccountGUID == uuid.Nil:
		v.add(p+".accountNumber", "required", "не указан номер лицевого счета")
	case a.AccountNumber != "" && utf8.RuneCountInString(a.AccountNumber) > 30:
		v.add(p+".accountNumber", "too_long", "не более 30 символов")
	case a.AccountNumber != "" && !accountNumberOK(a.AccountNumber):
		v.add(p+".accountNumber", "format", "номер лицевого счета должен содержать буквы или цифры и не содержать переводов строки")
	}
	v.dateValue(p, ".creationDate", a.CreationDate, false)
	if n := a.LivingPersonsNumber; n != nil && (*n < 0 || *n > 9999) {
		v.add(p+".livingPersonsNumber", "range", "количество проживающих должно быть от 0 до 9999")
	}
	v.areaValue(p, ".totalSquare", a.TotalSquare)
	v.areaValue(p, ".residentialSquare", a.ResidentialSquare)
	v.areaValue(p, ".heatedArea", a.HeatedArea)
	if c := a.Closed; c != nil {
		v.nsiRef(p+".closed.reason", c.Reason)
		v.dateValue(p, ".closed.date", c.Date, true)
		v.textValue(p, ".closed.description", c.Description, 250, false)
	} else if len(a.Accommodations) == 0 {
		v.add(p+".accommodations", "required", "не указано ни одного помещения")
	}
	for j := range a.Accommodations {
		a.Accommodations[j].validate(v, p, j)
	}
	a.Payer.validate(v, p)
	if r := a.Reasons; r != nil {
		r.validate(v, p)
	}
}

// validate records the violations of the accommodation j of the account
// at p.
func (a *Accommodation) validate(v *violations, p string, j int) {
	at := func(suffix string) string { return p + ".accommodations[" + strconv.Itoa(j) + "]" + suffix }
	n := 0
	for _, set := range [...]bool{a.FIASHouseGUID != uuid.Nil, a.PremisesGUID != uuid.Nil, a.LivingRoomGUID != uuid.Nil} {
		if set {
			n++
		}
	}
	switch {
	case n == 0:
		v.add(at(""), "required", "укажите дом по ФИАС, помещение или комнату")
	case n > 1:
		v.add(at(""), "choice", "укажите только одно: дом по ФИАС, помещение или комнату")
	}
	if s := a.SharePercent; s != nil {
		switch {
		case s.Sign() < 0 || s.GreaterThan(hundred):
			v.add(at(".sharePercent"), "range", "доля должна быть от 0 до 100 %")
		case !fracDigitsAtMost(*s, 2):
			v.add(at(".sharePercent"), "format", "доля указывается не более чем с двумя знаками после запятой")
		}
	}
}

// validate records the violations of the payer of the account at p.
func (py *Payer) validate(v *violations, p string) {
	if py.Individual != nil && py.OrgVersionGUID != uuid.Nil {
		v.add(p+".payer", "choice", "плательщик — либо физическое лицо, либо организация")
	}
	ind := py.Individual
	if ind == nil {
		return
	}
	v.textValue(p, ".payer.individual.surname", ind.Surname, 256, true)
	v.textValue(p, ".payer.individual.firstName", ind.FirstName, 256, true)
	v.textValue(p, ".payer.individual.patronymic", ind.Patronymic, 256, false)
	if ind.Sex != "" && ind.Sex != "M" && ind.Sex != "F" {
		v.add(p+".payer.individual.sex", "format", "пол указывается как M или F")
	}
	v.dateValue(p, ".payer.individual.dateOfBirth", ind.DateOfBirth, false)
	if ind.SNILS != "" && (len(ind.SNILS) != 11 || !allDigits(ind.SNILS)) {
		v.add(p+".payer.individual.snils", "format", "СНИЛС должен состоять из 11 цифр")
	}
	if id := ind.ID; id != nil {
		if ind.SNILS != "" {
			v.add(p+".payer.individual.id", "choice", "укажите либо СНИЛС, либо документ, удостоверяющий личность")
		}
		v.nsiRef(p+".payer.individual.id.type", id.Type)
		v.textValue(p, ".payer.individual.id.series", id.Series, 45, false)
		v.textValue(p, ".payer.individual.id.number", id.Number, 45, true)
		v.dateValue(p, ".payer.individual.id.issueDate", id.IssueDate, true)
	}
}

// contractReasonValue records the violations of a contract at the path
// at() names, given by GUID or by number and signing date; it reports
// whether the contract is given by number.
func (v *violations) contractReasonValue(at func(string) string, id uuid.UUID, number string, signed Date, n int) bool {
	if id != uuid.Nil {
		if number != "" || !signed.IsZero() {
			v.add(at(""), "choice", "укажите либо идентификатор договора, либо его номер и дату")
		}
		return false
	}
	var sub violations
	sub.textValue("", ".number", number, n, true)
	sub.dateValue("", ".signingDate", signed, true)
	for _, x := range sub.list {
		v.add(at(x.Field), x.Code, x.Message)
	}
	return true
}

// validate records the violations of the reasons of the account at p.
func (r *AccountReasons) validate(v *violations, p string) {
	for i, c := range r.SupplyResourceContracts {
		at := func(suffix string) string {
			return p + ".reasons.supplyResourceContracts[" + strconv.Itoa(i) + "]" + suffix
		}
		v.contractReasonValue(at, c.ContractGUID, c.Number, c.SigningDate, 100)
	}
	if c := r.SocialHireContract; c != nil {
		at := func(suffix string) string { return p + ".reasons.socialHireContract" + suffix }
		if v.contractReasonValue(at, c.ContractGUID, c.Number, c.SigningDate, 255) {
			switch c.Type {
			case "D", "M", "S":
			case "":
				v.add(at(".type"), "required", "обязательное поле не заполнено")
			default:
				v.add(at(".type"), "format", "тип договора найма: D, M или S")
			}
		}
	}
	for i, c := range r.TKOContracts {
		at := func(suffix string) string {
			return p + ".reasons.tkoContracts[" + strconv.Itoa(i) + "]" + suffix
		}
		if v.contractReasonValue(at, c.ContractGUID, c.Number, c.SigningDate, 30) && c.DateEntry.IsZero() {
			v.add(at(".dateEntry"), "required", "обязательное поле не заполнено")
		} else if !c.DateEntry.IsZero() && !c.DateEntry.Valid() {
			v.add(at(".dateEntry"), "format", "неверная дата")
		}
	}
}

// ValidateAccounts checks accounts for importAccountData and returns a
// *ValidationError listing every violation, with paths such as
// "accounts[2].payer.individual.snils", or nil.
func ValidateAccounts(accounts []Account) error {
	var v violations
	if len(accounts) == 0 {
		v.add("accounts", "required", "не передано ни одного лицевого счета")
	}
	seen := make(map[uuid.UUID]int)
	var one violations
	for i := range accounts {
		one.list = one.list[:0]
		accounts[i].validate(&one, "")
		if id := accounts[i].AccountGUID; id != uuid.Nil {
			if j, dup := seen[id]; dup {
				one.add(".accountGuid", "duplicate", "идентификатор лицевого счета повторяет "+path("accounts", j))
			} else {
				seen[id] = i
			}
		}
		if len(one.list) > 0 {
			p := path("accounts", i)
			for _, x := range one.list {
				v.add(p+x.Field, x.Code, x.Message)
			}
		}
	}
	return v.err()
}

// ImportAccountData builds importAccountData (hm:importAccountRequest):
// one message per 100 accounts, every account with a fresh TransportGUID.
// Message.Items maps the TransportGUIDs to the indexes in accounts;
// Message.Objects names the accounts ("account" by number, or by GUID when
// the number is empty). Invalid input gives one *ValidationError listing
// every violation and no messages.
func (b *Builder) ImportAccountData(accounts []Account) ([]*Message, error) {
	if err := ValidateAccounts(accounts); err != nil {
		return nil, err
	}
	op, err := requireOperation("importAccountData")
	if err != nil {
		return nil, err
	}
	var out []*Message
	for _, r := range batches(len(accounts), AccountsPerImport) {
		m, err := b.importMessage(op, span(r), func(body *etree.Element) error {
			body.Child = slices.Grow(body.Child, r[1]-r[0])
			return nil
		}, func(body *etree.Element, i int, tg uuid.UUID) ObjectRef {
			a := &accounts[i]
			ae := add(body, "hm:Account")
			// An account has up to a score of children; growing the slice
			// once saves the repeated reallocation.
			ae.Child = make([]etree.Token, 0, 16)
			writeAccount(ae, a, tg)
			key := a.AccountNumber
			if key == "" {
				key = a.AccountGUID.String()
			}
			return ObjectRef{Kind: "account", Key: key}
		})
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// writeAccount writes the children of hm:Account in the order of the
// schema: AccountType's sequence, then TransportGUID, AccountNumber,
// AccountGUID and AccountReasons.
func writeAccount(e *etree.Element, a *Account, transport uuid.UUID) {
	addText(e, accountKindElements[a.Kind], "true")
	if !a.CreationDate.IsZero() {
		var buf [19]byte
		addText(e, "hm:CreationDate", string(append(a.CreationDate.AppendText(buf[:0]), "T00:00:00"...)))
	}
	if a.LivingPersonsNumber != nil {
		addText(e, "hm:LivingPersonsNumber", strconv.Itoa(*a.LivingPersonsNumber))
	}
	addOptDecimal(e, "hm:TotalSquare", a.TotalSquare)
	addOptDecimal(e, "hm:ResidentialSquare", a.ResidentialSquare)
	addOptDecimal(e, "hm:HeatedArea", a.HeatedArea)
	if c := a.Closed; c != nil {
		ce := add(e, "hm:Closed")
		addNsiRef(ce, "hm:CloseReason", c.Reason)
		addDate(ce, "hm:CloseDate", c.Date)
		addOptText(ce, "hm:Description", c.Description)
	}
	for _, acc := range a.Accommodations {
		ae := add(e, "hm:Accommodation")
		switch {
		case acc.PremisesGUID != uuid.Nil:
			addGUID(ae, "hm:PremisesGUID", acc.PremisesGUID)
		case acc.FIASHouseGUID != uuid.Nil:
			addGUID(ae, "hm:FIASHouseGuid", acc.FIASHouseGUID)
		default:
			addGUID(ae, "hm:LivingRoomGUID", acc.LivingRoomGUID)
		}
		if acc.SharePercent != nil {
			addText(ae, "hm:SharePercent", decimalText(*acc.SharePercent))
		}
	}
	pe := add(e, "hm:PayerInfo")
	if a.Payer.IsRenter {
		addText(pe, "hm:IsRenter", "true")
	}
	if a.Payer.AccountsDivided {
		addText(pe, "hm:isAccountsDivided", "true")
	}
	switch {
	case a.Payer.Individual != nil:
		ind := a.Payer.Individual
		ie := add(pe, "hm:Ind")
		addText(ie, "individual-registry-base:Surname", ind.Surname)
		addText(ie, "individual-registry-base:FirstName", ind.FirstName)
		addOptText(ie, "individual-registry-base:Patronymic", ind.Patronymic)
		addOptText(ie, "hm:Sex", ind.Sex)
		addOptDate(ie, "hm:DateOfBirth", ind.DateOfBirth)
		switch {
		case ind.SNILS != "":
			addText(ie, "individual-registry-base:SNILS", ind.SNILS)
		case ind.ID != nil:
			de := add(ie, "individual-registry-base:ID")
			addNsiRef(de, "individual-registry-base:Type", ind.ID.Type)
			addOptText(de, "individual-registry-base:Series", ind.ID.Series)
			addText(de, "individual-registry-base:Number", ind.ID.Number)
			addDate(de, "individual-registry-base:IssueDate", ind.ID.IssueDate)
		}
	case a.Payer.OrgVersionGUID != uuid.Nil:
		addGUID(add(pe, "hm:Org"), "organizations-registry-base:orgVersionGUID", a.Payer.OrgVersionGUID)
	}
	addGUID(e, "base:TransportGUID", transport)
	addOptText(e, "account-base:AccountNumber", a.AccountNumber)
	addOptGUID(e, "hm:AccountGUID", a.AccountGUID)
	if r := a.Reasons; r != nil {
		re := add(e, "hm:AccountReasons")
		for _, c := range r.SupplyResourceContracts {
			ce := add(re, "hm:SupplyResourceContract")
			if c.ContractGUID != uuid.Nil {
				addGUID(ce, "hm:ContractGUID", c.ContractGUID)
				continue
			}
			addText(ce, "hm:ContractNumber", c.Number)
			addDate(ce, "hm:SigningDate", c.SigningDate)
			addBool(ce, "hm:IsContract", c.IsContract)
		}
		if c := r.SocialHireContract; c != nil {
			ce := add(re, "hm:SocialHireContract")
			if c.ContractGUID != uuid.Nil {
				addGUID(ce, "hm:ContractGUID", c.ContractGUID)
			} else {
				addText(ce, "hm:ContractNumber", c.Number)
				addDate(ce, "hm:SigningDate", c.SigningDate)
				addText(ce, "hm:Type", c.Type)
			}
		}
		for _, c := range r.TKOContracts {
			ce := add(re, "hm:TKOContract")
			if c.ContractGUID != uuid.Nil {
				addGUID(ce, "hm:ContractGUID", c.ContractGUID)
				continue
			}
			addText(ce, "hm:ContractNumber", c.Number)
			addDate(ce, "hm:SigningDate", c.SigningDate)
			addDate(ce, "hm:DateEntry", c.DateEntry)
		}
	}
}

// AccountImportResult is the outcome of one account of importAccountData.
type AccountImportResult struct {
	// Index is the account's index in the caller's input.
	Index int `json:"index"`
	// AccountGUID is the account's GUID in GIS.
	AccountGUID uuid.UUID `json:"accountGuid,omitzero"`
	// UnifiedAccountNumber is the unified account number GIS assigned
	// (10 characters).
	UnifiedAccountNumber string `json:"unifiedAccountNumber,omitempty"`
	// ServiceID is the housing and utility service identifier GIS
	// assigned (13 characters).
	ServiceID string `json:"serviceId,omitempty"`
	// UniqueNumber is the unique number of the account in GIS.
	UniqueNumber string `json:"uniqueNumber,omitempty"`
	// UpdateDate is when GIS stored the account.
	UpdateDate time.Time `json:"updateDate,omitzero"`
	// Errors are the account's errors; empty on success.
	Errors []*Error `json:"errors,omitempty"`
}

// OK reports whether the account was stored.
func (r AccountImportResult) OK() bool { return len(r.Errors) == 0 }

// ReadImportAccountData reads the per-account outcome of an
// importAccountData message m from its result r, in the order of r. A
// whole-message error is returned as the *Error; a result whose
// TransportGUID m did not send matches ErrInvalid.
func ReadImportAccountData(m *Message, r *StateResult) ([]AccountImportResult, error) {
	items, err := correlateDone(m, r)
	if err != nil {
		return nil, err
	}
	out := make([]AccountImportResult, 0, len(items))
	for _, it := range items {
		res := AccountImportResult{
			Index:        it.Index,
			AccountGUID:  it.GUID,
			UniqueNumber: it.UniqueNumber,
			UpdateDate:   it.UpdateDate,
			Errors:       it.Errors,
		}
		for _, x := range it.Extra {
			if x != nil && x.Tag == "ImportAccount" {
				res.UnifiedAccountNumber = strings.TrimSpace(childText(x, "UnifiedAccountNumber"))
				res.ServiceID = strings.TrimSpace(childText(x, "ServiceID"))
			}
		}
		out = append(out, res)
	}
	return out, nil
}

// AccountQuery selects accounts for exportAccountData: exactly one of a
// house, account GUIDs, unified account numbers or service identifiers.
// Lists longer than 1000 are split over several messages.
type AccountQuery struct {
	// FIASHouseGUID selects every account of a house.
	FIASHouseGUID uuid.UUID `json:"fiasHouseGuid,omitzero"`
	// AccountGUIDs select accounts by their GUIDs in GIS.
	AccountGUIDs []uuid.UUID `json:"accountGuids,omitempty"`
	// UnifiedAccountNumbers select accounts by unified number (10
	// characters).
	UnifiedAccountNumbers []string `json:"unifiedAccountNumbers,omitempty"`
	// ServiceIDs select accounts by service identifier (13 characters).
	ServiceIDs []string `json:"serviceIds,omitempty"`
}

// validate returns the violations of q.
func (q AccountQuery) validate() error {
	var v violations
	n := 0
	if q.FIASHouseGUID != uuid.Nil {
		n++
	}
	for _, l := range []int{len(q.AccountGUIDs), len(q.UnifiedAccountNumbers), len(q.ServiceIDs)} {
		if l > 0 {
			n++
		}
	}
	switch {
	case n == 0:
		v.add("", "required", "укажите дом, идентификаторы, ЕЛС или идентификаторы ЖКУ")
	case n > 1:
		v.add("", "choice", "укажите только один критерий: дом, идентификаторы, ЕЛС или идентификаторы ЖКУ")
	}
	for i, id := range q.AccountGUIDs {
		v.requiredGUID(path("accountGuids", i), id)
	}
	for i, s := range q.UnifiedAccountNumbers {
		if len([]rune(s)) != 10 {
			v.add(path("unifiedAccountNumbers", i), "format", "ЕЛС состоит из 10 символов")
		}
	}
	for i, s := range q.ServiceIDs {
		if len([]rune(s)) != 13 {
			v.add(path("serviceIds", i), "format", "идентификатор ЖКУ состоит из 13 символов")
		}
	}
	return v.err()
}

// ExportAccountData builds exportAccountData (hm:exportAccountRequest):
// one message for a house, or one per 1000 identifiers of a list.
func (b *Builder) ExportAccountData(q AccountQuery) ([]*Message, error) {
	if err := q.validate(); err != nil {
		return nil, err
	}
	var keys []string
	var tag string
	switch {
	case q.FIASHouseGUID != uuid.Nil:
		keys, tag = []string{q.FIASHouseGUID.String()}, "hm:FIASHouseGuid"
	case len(q.AccountGUIDs) > 0:
		tag = "hm:AccountGUID"
		for _, id := range q.AccountGUIDs {
			keys = append(keys, id.String())
		}
	case len(q.UnifiedAccountNumbers) > 0:
		keys, tag = q.UnifiedAccountNumbers, "account-base:UnifiedAccountNumber"
	default:
		keys, tag = q.ServiceIDs, "account-base:ServiceID"
	}
	kind := "account"
	if q.FIASHouseGUID != uuid.Nil {
		kind = "house"
	}
	var out []*Message
	for _, r := range batches(len(keys), AccountKeysPerExport) {
		m, err := b.exportMessage("exportAccountData", "", func(body *etree.Element) []ObjectRef {
			objects := make([]ObjectRef, 0, r[1]-r[0])
			for _, k := range keys[r[0]:r[1]] {
				addText(body, tag, k)
				objects = append(objects, ObjectRef{Kind: kind, Key: k})
			}
			return objects
		})
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// ExportedAccount is an account as exportAccountData returns it. The
// embedded Account holds what the account has in common with the import
// (the payer's identity document may come without type, number or date).
type ExportedAccount struct {
	Account
	// Created is when GIS created the account.
	Created time.Time `json:"created,omitzero"`
	// UnifiedAccountNumber is the unified account number.
	UnifiedAccountNumber string `json:"unifiedAccountNumber"`
	// ServiceID is the housing and utility service identifier.
	ServiceID string `json:"serviceId,omitempty"`
	// ContractGUID and CharterGUID are the management contract or the
	// charter the account is based on.
	ContractGUID uuid.UUID `json:"contractGuid,omitzero"`
	CharterGUID  uuid.UUID `json:"charterGuid,omitzero"`
}

// ReadExportAccountData reads the accounts of an exportAccountData result.
// A "nothing to export" result gives no accounts and no error.
func ReadExportAccountData(r *StateResult) ([]ExportedAccount, error) {
	return readPayloadList(r, "exportAccountResult", readExportedAccount)
}

// readExportedAccount reads one hm:exportAccountResult.
func readExportedAccount(e *etree.Element) (ExportedAccount, error) {
	var pr payloadReader
	var out ExportedAccount
	for kind, tag := range accountKindTags {
		if firstChild(e, tag) != nil {
			out.Kind = kind
		}
	}
	out.Created = pr.dateTime(e, "CreationDate")
	if !out.Created.IsZero() {
		out.CreationDate = civil.Of(out.Created)
	}
	if firstChild(e, "LivingPersonsNumber") != nil {
		n := pr.integer(e, "LivingPersonsNumber")
		out.LivingPersonsNumber = &n
	}
	out.TotalSquare = pr.decimal(e, "TotalSquare")
	out.ResidentialSquare = pr.decimal(e, "ResidentialSquare")
	out.HeatedArea = pr.decimal(e, "HeatedArea")
	if c := firstChild(e, "Closed"); c != nil {
		out.Closed = &AccountClosure{
			Description: childText(c, "Description"),
			Reason:      pr.nsiRef(c, "CloseReason"),
			Date:        pr.date(c, "CloseDate"),
		}
	}
	for _, ae := range children(e, "Accommodation") {
		out.Accommodations = append(out.Accommodations, Accommodation{
			PremisesGUID:   pr.guid(ae, "PremisesGUID"),
			FIASHouseGUID:  pr.guid(ae, "FIASHouseGuid"),
			LivingRoomGUID: pr.guid(ae, "LivingRoomGUID"),
			SharePercent:   pr.decimal(ae, "SharePercent"),
		})
	}
	if pe := firstChild(e, "PayerInfo"); pe != nil {
		out.Payer.IsRenter = pr.boolean(pe, "IsRenter")
		out.Payer.AccountsDivided = pr.boolean(pe, "isAccountsDivided")
		if ie := firstChild(pe, "Ind"); ie != nil {
			ind := &PayerIndividual{
				Surname:     childText(ie, "Surname"),
				FirstName:   childText(ie, "FirstName"),
				Patronymic:  childText(ie, "Patronymic"),
				Sex:         strings.TrimSpace(childText(ie, "Sex")),
				SNILS:       strings.TrimSpace(childText(ie, "SNILS")),
				DateOfBirth: pr.date(ie, "DateOfBirth"),
			}
			if de := firstChild(ie, "ID"); de != nil {
				ind.ID = &IdentityDocument{
					Series:    childText(de, "Series"),
					Number:    childText(de, "Number"),
					Type:      pr.nsiRef(de, "Type"),
					IssueDate: pr.date(de, "IssueDate"),
				}
			}
			out.Payer.Individual = ind
		}
		if oe := firstChild(pe, "Org"); oe != nil {
			out.Payer.OrgVersionGUID = pr.guid(oe, "orgVersionGUID")
		}
	}
	if re := firstChild(e, "AccountReasons"); re != nil {
		out.Reasons = readAccountReasons(&pr, re)
		if c := firstChild(re, "Contract"); c != nil {
			out.ContractGUID = pr.guid(c, "ContractGUID")
		}
		if c := firstChild(re, "Charter"); c != nil {
			out.CharterGUID = pr.guid(c, "CharterGUID")
		}
	}
	out.AccountNumber = childText(e, "AccountNumber")
	out.AccountGUID = pr.guid(e, "AccountGUID")
	out.UnifiedAccountNumber = strings.TrimSpace(childText(e, "UnifiedAccountNumber"))
	out.ServiceID = strings.TrimSpace(childText(e, "ServiceID"))
	return out, pr.err
}

// readAccountReasons reads the contracts of AccountReasons.
func readAccountReasons(pr *payloadReader, re *etree.Element) *AccountReasons {
	r := &AccountReasons{}
	for _, c := range children(re, "SupplyResourceContract") {
		r.SupplyResourceContracts = append(r.SupplyResourceContracts, SupplyContractReason{
			ContractGUID: pr.guid(c, "ContractGUID"),
			Number:       childText(c, "ContractNumber"),
			SigningDate:  pr.date(c, "SigningDate"),
			IsContract:   pr.boolean(c, "IsContract"),
		})
	}
	if c := firstChild(re, "SocialHireContract"); c != nil {
		r.SocialHireContract = &SocialHireReason{
			Number:       childText(c, "ContractNumber"),
			Type:         strings.TrimSpace(childText(c, "Type")),
			ContractGUID: pr.guid(c, "ContractGUID"),
			SigningDate:  pr.date(c, "SigningDate"),
		}
	}
	for _, c := range children(re, "TKOContract") {
		r.TKOContracts = append(r.TKOContracts, TKOContractReason{
			ContractGUID: pr.guid(c, "ContractGUID"),
			Number:       childText(c, "ContractNumber"),
			SigningDate:  pr.date(c, "SigningDate"),
			DateEntry:    pr.date(c, "DateEntry"),
		})
	}
	return r
}
