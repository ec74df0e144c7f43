package gis

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// BankDetails are the payment details of the payee (платежные
// реквизиты): the BIK of the bank and the operating account number, the
// key by which GIS ZhKKh finds details the organisation has placed.
type BankDetails struct {
	// BIK is the bank identification code, 9 digits.
	BIK string `json:"bik"`
	// AccountNumber is the operating (settlement) account, 20 digits.
	AccountNumber string `json:"accountNumber"`
}

// ChargeKind is the kind of service a charge is for; it selects the NSI
// reference book of the service.
type ChargeKind string

// The kinds of charges of a payment document.
const (
	// ChargeHousing is a housing service (NSI 50); the default.
	ChargeHousing ChargeKind = "housing"
	// ChargeMunicipal is a municipal (communal) service (NSI 3).
	ChargeMunicipal ChargeKind = "municipal"
	// ChargeAdditional is an additional service (NSI 1).
	ChargeAdditional ChargeKind = "additional"
)

// ServiceCharge is the charge for one service in a payment document.
type ServiceCharge struct {
	// Kind is the kind of service; ChargeHousing when empty.
	Kind ChargeKind `json:"kind,omitempty"`
	// Service is the service, an entry of the reference book of Kind;
	// required.
	Service NsiRef `json:"service"`
	// Rate is the tariff (rate per square metre), at most 6 digits after
	// the point.
	Rate decimal.Decimal `json:"rate"`
	// TotalPayable is the amount due for the period, in roubles with two
	// digits after the point.
	TotalPayable decimal.Decimal `json:"totalPayable"`
	// AccountingPeriodTotal is what was charged for the period before
	// recalculations and privileges; optional.
	AccountingPeriodTotal *decimal.Decimal `json:"accountingPeriodTotal,omitempty"`
	// CalcExplanation explains the calculation, at most 4000 characters;
	// optional.
	CalcExplanation string `json:"calcExplanation,omitempty"`
}

// PaymentDocument is a payment document (платежный документ) for one
// account and one billing period, as importPaymentDocumentData places it.
type PaymentDocument struct {
	// Year and Month are the billing period; required. The builder puts
	// documents of one period in one message.
	Year  int `json:"year"`
	Month int `json:"month"`
	// AccountGUID is the GIS identifier of the account; required.
	AccountGUID uuid.UUID `json:"accountGuid"`
	// AccountNumber is the account number as the caller knows it, for the
	// exchange log and data-quality checks; at most 30 characters.
	AccountNumber string `json:"accountNumber,omitempty"`
	// Number is the number the provider gave the document, at most 30
	// characters; optional.
	Number string `json:"number,omitempty"`
	// DocumentID is the GIS identifier of the document (18 characters),
	// to change a document already placed; optional.
	DocumentID string `json:"documentId,omitempty"`
	// BankDetails are the payee's payment details; required.
	BankDetails BankDetails `json:"bankDetails"`
	// Charges are the charges by service.
	Charges []ServiceCharge `json:"charges,omitempty"`
	// Expose places the document for payment at once (Expose=true).
	Expose bool `json:"expose,omitempty"`
	// DebtPreviousPeriods is the debt of earlier periods; optional.
	DebtPreviousPeriods *decimal.Decimal `json:"debtPreviousPeriods,omitempty"`
	// AdvanceBillingPeriod is the advance at the start of the period;
	// optional.
	AdvanceBillingPeriod *decimal.Decimal `json:"advanceBillingPeriod,omitempty"`
	// TotalPayable is the amount due for the period by the whole
	// document; optional.
	TotalPayable *decimal.Decimal `json:"totalPayable,omitempty"`
	// AdditionalInformation is free text, at most 1000 characters.
	AdditionalInformation string `json:"additionalInformation,omitempty"`
}

// PaymentDocumentLimit is the number of payment documents one
// importPaymentDocumentData message carries at most.
const PaymentDocumentLimit = 500

// WithdrawLimit is the number of payment documents one withdrawal message
// carries at most.
const WithdrawLimit = 1000

// PaymentDocumentQueryLimit is the number of identifiers or numbers one
// exportPaymentDocumentData request names at most; longer lists are split.
const PaymentDocumentQueryLimit = 1000

// documentNumberLetter is what a payment document number must contain at
// least one of: a digit, a Cyrillic or a Latin letter.
var documentNumberLetter = regexp.MustCompile(`[0-9а-яА-Яa-zA-Z]`)

// validate records the violations of the bank details at field.
func (d BankDetails) validate(v *violations, field string) {
	switch {
	case d.BIK == "":
		v.add(field+".bik", "required", "укажите БИК банка")
	case len(d.BIK) != 9 || !allDigits(d.BIK):
		v.add(field+".bik", "format", "БИК состоит из 9 цифр")
	}
	switch {
	case d.AccountNumber == "":
		v.add(field+".accountNumber", "required", "укажите расчетный счет")
	case len(d.AccountNumber) != 20 || !allDigits(d.AccountNumber):
		v.add(field+".accountNumber", "format", "расчетный счет состоит из 20 цифр")
	}
}

// kind returns the kind, ChargeHousing for "".
func (c ServiceCharge) kind() ChargeKind {
	if c.Kind == "" {
		return ChargeHousing
	}
	return c.Kind
}

// money records the violations of an amount in roubles: at most 11 digits
// before the point and 2 after (xs:decimal totalDigits 13,
// fractionDigits 2).
func (v *violations) money(field string, d decimal.Decimal) {
	v.fitsDecimal(field, d, 11, 2, true)
}

// optMoney records the violations of an optional amount.
func (v *violations) optMoney(field string, d *decimal.Decimal) {
	if d != nil {
		v.money(field, *d)
	}
}

// balance records the violations of a debt or advance: from
// -99999999.99 to 99999999.99.
func (v *violations) balance(field string, d *decimal.Decimal) {
	if d != nil {
		v.fitsDecimal(field, *d, 8, 2, true)
	}
}

// validate records the violations of the charge at field.
func (c ServiceCharge) validate(v *violations, field string) {
	switch c.kind() {
	case ChargeHousing, ChargeMunicipal, ChargeAdditional:
	default:
		v.add(field+".kind", "format", "вид услуги должен быть housing, municipal или additional")
	}
	if c.Service.IsZero() {
		v.add(field+".service", "required", "укажите услугу из справочника")
	} else {
		v.nsiRef(field+".service", c.Service)
	}
	v.fitsDecimal(field+".rate", c.Rate, 8, 6, true)
	v.money(field+".totalPayable", c.TotalPayable)
	v.optMoney(field+".accountingPeriodTotal", c.AccountingPeriodTotal)
	v.maxLen(field+".calcExplanation", c.CalcExplanation, 4000)
}

// validate records the violations of the document at field.
func (d PaymentDocument) validate(v *violations, field string) {
	f := func(name string) string { return field + "." + name }
	v.period(f("year"), f("month"), d.Year, d.Month)
	if d.Year == 0 && d.Month == 0 {
		v.add(f("year"), "required", "укажите расчетный период (год и месяц)")
	}
	v.requiredGUID(f("accountGuid"), d.AccountGUID)
	v.maxLen(f("accountNumber"), d.AccountNumber, 30)
	if d.Number != "" && !documentNumberLetter.MatchString(d.Number) {
		v.add(f("number"), "format", "номер документа должен содержать букву или цифру")
	}
	v.maxLen(f("number"), d.Number, 30)
	if d.DocumentID != "" && len([]rune(d.DocumentID)) != 18 {
		v.add(f("documentId"), "format", "идентификатор платежного документа состоит из 18 символов")
	}
	d.BankDetails.validate(v, f("bankDetails"))
	for i, c := range d.Charges {
		c.validate(v, path(f("charges"), i))
	}
	v.balance(f("debtPreviousPeriods"), d.DebtPreviousPeriods)
	v.balance(f("advanceBillingPeriod"), d.AdvanceBillingPeriod)
	v.optMoney(f("totalPayable"), d.TotalPayable)
	v.maxLen(f("additionalInformation"), d.AdditionalInformation, 1000)
}

// ValidatePaymentDocuments checks payment documents as
// ImportPaymentDocumentData does, returning a *ValidationError with every
// violation, or nil.
func ValidatePaymentDocuments(docs []PaymentDocument) error {
	return validateList(docs, "documents", "нет ни одного платежного документа")
}

// ImportPaymentDocumentData builds importPaymentDocumentData
// (bills:importPaymentDocumentRequest, version 11.2.0.16): it places
// payment documents. Documents are grouped by billing period (in the order
// the periods first appear) and every group is split into messages of at
// most PaymentDocumentLimit documents. Every message lists the distinct
// bank details of its documents as PaymentInformation, each with its own
// TransportGUID, which the documents reference by PaymentInformationKey.
// Every document gets a fresh TransportGUID; Message.Items maps it to the
// document's index in docs (the bank details' TransportGUIDs are not
// items). Amounts are written with two digits after the point.
func (b *Builder) ImportPaymentDocumentData(docs []PaymentDocument) ([]*Message, error) {
	if err := ValidatePaymentDocuments(docs); err != nil {
		return nil, err
	}
	op, err := requireOperation("importPaymentDocumentData")
	if err != nil {
		return nil, err
	}
	type period struct{ year, month int }
	var periods []period
	byPeriod := make(map[period][]int)
	for i, d := range docs {
		p := period{d.Year, d.Month}
		if _, ok := byPeriod[p]; !ok {
			periods = append(periods, p)
		}
		byPeriod[p] = append(byPeriod[p], i)
	}
	var out []*Message
	for _, p := range periods {
		idx := byPeriod[p]
		for _, r := range batches(len(idx), PaymentDocumentLimit) {
			msg, err := b.paymentDocumentMessage(op, p.year, p.month, docs, idx[r[0]:r[1]])
			if err != nil {
				return nil, err
			}
			out = append(out, msg)
		}
	}
	return out, nil
}

// paymentDocumentMessage builds one message of the documents at idx, all
// of one period.
func (b *Builder) paymentDocumentMessage(op Operation, year, month int, docs []PaymentDocument, idx []int) (*Message, error) {
	keys := make(map[BankDetails]uuid.UUID)
	head := func(body *etree.Element) error {
		addText(body, "base:Month", strconv.Itoa(month))
		addText(body, "base:Year", strconv.Itoa(year))
		for _, i := range idx {
			bd := docs[i].BankDetails
			if _, ok := keys[bd]; ok {
				continue
			}
			tg, err := b.newID()
			if err != nil {
				return err
			}
			keys[bd] = tg
			pi := add(body, "bills:PaymentInformation")
			addText(pi, "payments-base:BankBIK", bd.BIK)
			addText(pi, "payments-base:operatingAccountNumber", bd.AccountNumber)
			addGUID(pi, "base:TransportGUID", tg)
		}
		return nil
	}
	return b.importMessage(op, idx, head, func(body *etree.Element, i int, tg uuid.UUID) ObjectRef {
		d := docs[i]
		writePaymentDocument(body, tg, keys[d.BankDetails], d)
		key := d.AccountNumber
		if key == "" {
			key = d.AccountGUID.String()
		}
		return ObjectRef{Kind: "payment_document", Key: fmt.Sprintf("%s/%04d-%02d", key, year, month)}
	})
}

// chargeTags are the elements of the kinds of charges.
var chargeTags = map[ChargeKind]string{
	ChargeHousing:    "bills:HousingService",
	ChargeMunicipal:  "bills:MunicipalService",
	ChargeAdditional: "bills:AdditionalService",
}

// writePaymentDocument appends one bills:PaymentDocument in the schema's
// order.
func writePaymentDocument(body *etree.Element, tg, infoKey uuid.UUID, d PaymentDocument) {
	pd := add(body, "bills:PaymentDocument")
	addGUID(pd, "account-base:AccountGuid", d.AccountGUID)
	addOptText(pd, "bills-base:PaymentDocumentNumber", d.Number)
	for _, c := range d.Charges {
		svc := add(add(pd, "bills:ChargeInfo"), chargeTags[c.kind()])
		addNsiRef(svc, "bills:ServiceType", c.Service)
		addText(svc, "bills:Rate", c.Rate.String())
		addMoney(svc, "bills:TotalPayable", c.TotalPayable)
		addOptMoney(svc, "bills:AccountingPeriodTotal", c.AccountingPeriodTotal)
		addOptText(svc, "bills:CalcExplanation", c.CalcExplanation)
	}
	if d.Expose {
		addBool(pd, "bills:Expose", true)
	}
	addOptMoney(pd, "bills:DebtPreviousPeriods", d.DebtPreviousPeriods)
	addOptMoney(pd, "bills:AdvanceBllingPeriod", d.AdvanceBillingPeriod)
	addOptText(pd, "bills:AdditionalInformation", d.AdditionalInformation)
	addOptMoney(pd, "bills:TotalPayableByPD", d.TotalPayable)
	addGUID(pd, "base:TransportGUID", tg)
	addOptText(pd, "bills-base:PaymentDocumentID", d.DocumentID)
	addGUID(pd, "bills:PaymentInformationKey", infoKey)
}

// WithdrawPaymentDocuments builds importPaymentDocumentData messages that
// withdraw placed payment documents (WithdrawPaymentDocument), named by
// their 18-character identifiers, at most WithdrawLimit a message.
// Message.Items maps each TransportGUID to the identifier's index in ids.
func (b *Builder) WithdrawPaymentDocuments(ids []string) ([]*Message, error) {
	var v violations
	if len(ids) == 0 {
		v.add("documentIds", "required", "нет ни одного платежного документа")
	}
	seen := make(map[string]bool, len(ids))
	for i, id := range ids {
		switch {
		case len([]rune(id)) != 18:
			v.add(path("documentIds", i), "format", "идентификатор платежного документа состоит из 18 символов")
		case seen[id]:
			v.add(path("documentIds", i), "duplicate", "платежный документ указан повторно")
		}
		seen[id] = true
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	op, err := requireOperation("importPaymentDocumentData")
	if err != nil {
		return nil, err
	}
	var out []*Message
	for _, r := range batches(len(ids), WithdrawLimit) {
		msg, err := b.importMessage(op, span(r), nil, func(body *etree.Element, i int, tg uuid.UUID) ObjectRef {
			w := add(body, "bills:WithdrawPaymentDocument")
			addGUID(w, "base:TransportGUID", tg)
			addText(w, "bills-base:PaymentDocumentID", ids[i])
			return ObjectRef{Kind: "payment_document", Key: ids[i]}
		})
		if err != nil {
			return nil, err
		}
		out = append(out, msg)
	}
	return out, nil
}

// PaymentDocumentImportResult is the outcome of one payment document of
// importPaymentDocumentData (or of one withdrawal).
type PaymentDocumentImportResult struct {
	// Index is the document's index in the caller's input.
	Index int `json:"index"`
	// GUID is the GUID GIS gave the document.
	GUID uuid.UUID `json:"guid,omitzero"`
	// DocumentID is what GIS sent as the unique number: the identifier of
	// the payment document.
	DocumentID string `json:"documentId,omitempty"`
	// UpdateDate is when GIS stored the document.
	UpdateDate time.Time `json:"updateDate,omitzero"`
	// Errors are the document's errors; empty on success.
	Errors []*Error `json:"errors,omitempty"`
}

// OK reports whether the document was stored.
func (r PaymentDocumentImportResult) OK() bool { return len(r.Errors) == 0 }

// ReadImportPaymentDocumentData reads the per-document outcome of an
// importPaymentDocumentData message m from its result r, in the order of
// r. A whole-message error is returned as the *Error; a result that is not
// done, or an answer about a TransportGUID m did not send, as an error
// matching ErrInvalid.
func ReadImportPaymentDocumentData(m *Message, r *StateResult) ([]PaymentDocumentImportResult, error) {
	items, err := correlateDone(m, r)
	if err != nil {
		return nil, err
	}
	out := make([]PaymentDocumentImportResult, len(items))
	for i, it := range items {
		out[i] = PaymentDocumentImportResult{
			Index: it.Index, GUID: it.GUID, DocumentID: it.UniqueNumber,
			UpdateDate: it.UpdateDate, Errors: it.Errors,
		}
	}
	return out, nil
}

// PaymentDocumentQuery selects payment documents for
// exportPaymentDocumentData: either DocumentIDs, or a period (Year and
// Month) with exactly one of UnifiedAccountNumbers, FIASHouseGUID with
// AccountNumbers or DocumentNumbers, ServiceIDs or AccountGUIDs. Lists
// longer than PaymentDocumentQueryLimit are split over several messages.
type PaymentDocumentQuery struct {
	// Version is the base:version to write (11.2.0.10, 12.2.0.1 or
	// 13.1.0.1); the operation's default when empty.
	Version string `json:"version,omitempty"`
	// DocumentIDs select documents by their 18-character identifiers.
	DocumentIDs []string `json:"documentIds,omitempty"`
	// Year and Month are the billing period.
	Year  int `json:"year,omitempty"`
	Month int `json:"month,omitempty"`
	// UnifiedAccountNumbers select by unified account number (10
	// characters).
	UnifiedAccountNumbers []string `json:"unifiedAccountNumbers,omitempty"`
	// FIASHouseGUID with AccountNumbers or DocumentNumbers selects by
	// account or document number within a house.
	FIASHouseGUID   uuid.UUID `json:"fiasHouseGuid,omitzero"`
	AccountNumbers  []string  `json:"accountNumbers,omitempty"`
	DocumentNumbers []string  `json:"documentNumbers,omitempty"`
	// ServiceIDs select by service identifier (13 characters).
	ServiceIDs []string `json:"serviceIds,omitempty"`
	// AccountGUIDs select by account GUID.
	AccountGUIDs []uuid.UUID `json:"accountGuids,omitempty"`
}

// stringList records a violation for every empty string, string of the
// wrong length (when exact > 0) or longer than max, and repeated string of
// a list.
func (v *violations) stringList(field string, list []string, exact, max int) {
	seen := make(map[string]bool, len(list))
	for i, s := range list {
		n := len([]rune(s))
		switch {
		case s == "":
			v.add(path(field, i), "required", "обязательное поле не заполнено")
		case exact > 0 && n != exact:
			v.add(path(field, i), "format", fmt.Sprintf("значение состоит из %d символов", exact))
		case n > max:
			v.add(path(field, i), "too_long", fmt.Sprintf("не более %d символов", max))
		case seen[s]:
			v.add(path(field, i), "duplicate", "значение указано повторно")
		}
		seen[s] = true
	}
}

// validate records the violations of the query.
func (q PaymentDocumentQuery) validate(v *violations) {
	criteria := 0
	for _, n := range []int{len(q.UnifiedAccountNumbers), len(q.ServiceIDs), len(q.AccountGUIDs)} {
		if n > 0 {
			criteria++
		}
	}
	if q.FIASHouseGUID != uuid.Nil {
		criteria++
		switch {
		case len(q.AccountNumbers) == 0 && len(q.DocumentNumbers) == 0:
			v.add("accountNumbers", "required", "для дома укажите номера лицевых счетов или платежных документов")
		case len(q.AccountNumbers) > 0 && len(q.DocumentNumbers) > 0:
			v.add("documentNumbers", "not_allowed", "укажите либо номера лицевых счетов, либо номера платежных документов")
		}
	} else if len(q.AccountNumbers) > 0 || len(q.DocumentNumbers) > 0 {
		v.add("fiasHouseGuid", "required", "номера лицевых счетов и документов указываются вместе с домом")
	}
	if len(q.DocumentIDs) > 0 {
		if criteria > 0 || q.Year != 0 || q.Month != 0 {
			v.add("documentIds", "not_allowed", "идентификаторы документов указываются без периода и других условий")
		}
	} else {
		if q.Year == 0 && q.Month == 0 {
			v.add("year", "required", "укажите расчетный период (год и месяц)")
		}
		v.period("year", "month", q.Year, q.Month)
		switch {
		case criteria == 0:
			v.add("accountGuids", "required", "укажите лицевые счета, дом или платежные документы")
		case criteria > 1:
			v.add("accountGuids", "not_allowed", "укажите только одно условие отбора")
		}
	}
	v.stringList("documentIds", q.DocumentIDs, 18, 18)
	v.stringList("unifiedAccountNumbers", q.UnifiedAccountNumbers, 10, 10)
	v.stringList("accountNumbers", q.AccountNumbers, 0, 30)
	v.stringList("documentNumbers", q.DocumentNumbers, 0, 30)
	v.stringList("serviceIds", q.ServiceIDs, 13, 13)
	v.guids("accountGuids", q.AccountGUIDs)
}

// ExportPaymentDocumentData builds exportPaymentDocumentData
// (bills:exportPaymentDocumentRequest): one message, or several when the
// query's list is longer than PaymentDocumentQueryLimit. Read each result
// with ReadExportPaymentDocumentData.
func (b *Builder) ExportPaymentDocumentData(q PaymentDocumentQuery) ([]*Message, error) {
	var v violations
	q.validate(&v)
	if err := v.err(); err != nil {
		return nil, err
	}
	var n int
	var write func(body *etree.Element, from, to int)
	strs := func(list []string, tag string) func(*etree.Element, int, int) {
		return func(body *etree.Element, from, to int) {
			for _, s := range list[from:to] {
				addText(body, tag, s)
			}
		}
	}
	switch {
	case len(q.DocumentIDs) > 0:
		n, write = len(q.DocumentIDs), strs(q.DocumentIDs, "bills-base:PaymentDocumentID")
	case len(q.UnifiedAccountNumbers) > 0:
		n, write = len(q.UnifiedAccountNumbers), strs(q.UnifiedAccountNumbers, "account-base:UnifiedAccountNumber")
	case len(q.AccountNumbers) > 0:
		n, write = len(q.AccountNumbers), strs(q.AccountNumbers, "account-base:AccountNumber")
	case len(q.DocumentNumbers) > 0:
		n, write = len(q.DocumentNumbers), strs(q.DocumentNumbers, "bills-base:PaymentDocumentNumber")
	case len(q.ServiceIDs) > 0:
		n, write = len(q.ServiceIDs), strs(q.ServiceIDs, "account-base:ServiceID")
	default:
		n = len(q.AccountGUIDs)
		write = func(body *etree.Element, from, to int) {
			addGUIDs(body, "bills:AccountGUID", q.AccountGUIDs[from:to])
		}
	}
	var out []*Message
	for _, r := range batches(n, PaymentDocumentQueryLimit) {
		msg, err := b.exportMessage("exportPaymentDocumentData", q.Version, func(body *etree.Element) []ObjectRef {
			if len(q.DocumentIDs) == 0 {
				addText(body, "base:Year", strconv.Itoa(q.Year))
				addText(body, "base:Month", strconv.Itoa(q.Month))
				addOptGUID(body, "bills:FIASHouseGuid", q.FIASHouseGUID)
			}
			write(body, r[0], r[1])
			if q.FIASHouseGUID != uuid.Nil {
				return []ObjectRef{{Kind: "house", Key: q.FIASHouseGUID.String()}}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		out = append(out, msg)
	}
	return out, nil
}

// ExportedPaymentDocument is one entry of an exportPaymentDocumentData
// result: a payment document, or the error GIS gave for one of the
// requested documents.
type ExportedPaymentDocument struct {
	// DocumentID is the identifier of the document in GIS.
	DocumentID string `json:"documentId,omitempty"`
	// Document holds what the result says of the document: account,
	// number, period, the first bank details, charges of housing,
	// municipal and additional services, totals.
	Document PaymentDocument `json:"document"`
	// Withdrawn is true when the document was withdrawn.
	Withdrawn bool `json:"withdrawn,omitempty"`
	// Error is set instead of the document when GIS reported an error for
	// this entry.
	Error *Error `json:"error,omitempty"`
}

// ReadExportPaymentDocumentData reads the documents of an
// exportPaymentDocumentData result. "Nothing to export" gives no documents
// and no error; another whole-message error is returned as the *Error; a
// payload off the schema as an error matching ErrInvalid. Charges grouped
// under GroupMunicipalService are read as municipal charges; capital
// repair, insurance, penalties and debts are left out.
func ReadExportPaymentDocumentData(r *StateResult) ([]ExportedPaymentDocument, error) {
	return readPayloadList(r, "exportPaymentDocResult", readExportedPaymentDocument)
}

// readExportedPaymentDocument reads one exportPaymentDocResult.
func readExportedPaymentDocument(e *etree.Element) (ExportedPaymentDocument, error) {
	var x ExportedPaymentDocument
	if em := firstChild(e, "ErrorMessage"); em != nil {
		x.Error = &Error{Code: strings.TrimSpace(childText(em, "ErrorCode")), Text: childText(em, "Description"), StackTrace: childText(em, "StackTrace")}
		return x, nil
	}
	pd := firstChild(e, "PaymentDocument")
	if pd == nil {
		return x, payloadErrorf("%s: нет PaymentDocument или ErrorMessage", e.Tag)
	}
	x.DocumentID = strings.TrimSpace(childText(pd, "PaymentDocumentID"))
	d := &x.Document
	d.DocumentID = x.DocumentID
	var pr payloadReader
	d.AccountGUID = pr.guid(pd, "AccountGuid")
	d.Number = childText(pd, "PaymentDocumentNumber")
	d.Year = pr.integer(pd, "Year")
	d.Month = pr.integer(pd, "Month")
	if pi := firstChild(pd, "PaymentInformation"); pi != nil {
		d.BankDetails = BankDetails{
			BIK:           strings.TrimSpace(childText(pi, "BankBIK")),
			AccountNumber: strings.TrimSpace(childText(pi, "operatingAccountNumber")),
		}
		if an := strings.TrimSpace(childText(pi, "AccountNumber")); an != "" {
			d.AccountNumber = an
		}
	}
	for _, ci := range children(pd, "ChargeInfo") {
		for _, svc := range ci.ChildElements() {
			var list []*etree.Element
			kind := ChargeKind("")
			switch svc.Tag {
			case "HousingService":
				kind, list = ChargeHousing, []*etree.Element{svc}
			case "MunicipalService":
				kind, list = ChargeMunicipal, []*etree.Element{svc}
			case "AdditionalService":
				kind, list = ChargeAdditional, []*etree.Element{svc}
			case "GroupMunicipalService":
				kind, list = ChargeMunicipal, children(svc, "MunicipalService")
			}
			for _, s := range list {
				d.Charges = append(d.Charges, readServiceCharge(&pr, s, kind))
			}
		}
	}
	d.Expose = pr.boolean(pd, "Expose")
	x.Withdrawn = pr.boolean(pd, "Withdraw")
	d.DebtPreviousPeriods = pr.decimal(pd, "DebtPreviousPeriods")
	d.AdvanceBillingPeriod = pr.decimal(pd, "AdvanceBllingPeriod")
	d.TotalPayable = pr.decimal(pd, "TotalPayableByPD")
	d.AdditionalInformation = childText(pd, "AdditionalInformation")
	return x, pr.err
}

// readServiceCharge reads a ServicePDType element; an absent Rate or
// TotalPayable is zero.
func readServiceCharge(pr *payloadReader, e *etree.Element, kind ChargeKind) ServiceCharge {
	c := ServiceCharge{
		Kind:            kind,
		CalcExplanation: childText(e, "CalcExplanation"),
		Service:         pr.nsiRef(e, "ServiceType"),
	}
	if d := pr.decimal(e, "Rate"); d != nil {
		c.Rate = *d
	}
	if d := pr.decimal(e, "TotalPayable"); d != nil {
		c.TotalPayable = *d
	}
	c.AccountingPeriodTotal = pr.decimal(e, "AccountingPeriodTotal")
	return c
}
