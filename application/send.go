package application

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/internal/civil"
	"github.com/openzhkh/zhkh/subject"
)

// SendFacts are what CheckSend needs besides the application itself; the
// service loads them through its ports before sending.
type SendFacts struct {
	// Documents are the documents of the registry whose IDs the
	// application lists, in any order; the check finds each by ID.
	Documents []document.Document
	// Types looks up the validator of a document type by its code, such
	// as document.ValidatorsAt over a catalogue's lookup.
	Types func(code string) (document.Validator, bool)
	// Package is the document package of the provider; nil means the
	// provider requires no documents (the documents are still validated).
	Package *document.Package
	// Premise is the address object the application's premise refers to.
	Premise address.Object
	// Today is the day of the check: rights in force and readings are
	// judged as of it.
	Today Date
	// RequiredForms are the kinds of the generated forms whose signed
	// scans must be attached, such as "account_opening_application". A
	// signed scan is a document in use among the application's documents
	// whose type code is the form kind and which has at least one scan;
	// form kinds are therefore document types Types knows, like any other
	// attached document.
	RequiredForms []string
}

// errNoToday is returned by CheckSend when facts.Today is not a real day.
var errNoToday = errors.New("application: CheckSend: facts.Today is not set")

// CheckSend tells whether the application is complete and correct enough
// to be sent to the provider. It is a pure function of a and facts, so the
// service can report every problem before it takes a registration number.
// It returns nil, or a *ValidationError matching ErrInvalid with every
// violation at once, by field path:
//
//   - the violations of Validate;
//   - "applicant": no applicant (CodeApplicantRequired);
//   - "premise": no premise, the loaded object is another one
//     (CodePremiseRequired) or it is not at premise or room level
//     (CodePremiseLevel); "premise.area" not positive, "premise.purpose"
//     empty;
//   - "provider": no provider; "office": no MFC office; "contacts": no
//     way to reach the applicant;
//   - "rights": no right in force on facts.Today (CodeRightsRequired), and
//     the violations of subject.CheckPremise over a.Rights ("rights[1].owners[0].share");
//   - "meters[i]...": serial number, resource, verification date and
//     interval present; at least one reading, each with a date not after
//     today, a non-negative value and taken before the verification
//     expired (VerifiedOn + VerificationIntervalYears after the reading
//     date, CodeMeterExpired); seals with both number and date
//     ("meters[1].seals[0].set_on");
//   - "documents[i]": a listed document not among facts.Documents
//     (CodeDocumentNotLoaded); the violations of facts.Package.Check under
//     the application's indices ("documents[2].series",
//     "documents[passport_rf]");
//   - "representative.document": the representative's document is not
//     among the documents;
//   - "documents[<form kind>]": a required form has no signed scan
//     (CodeFormMissing).
//
// A non-validation error of a document Validator, or a facts.Today that is
// not a real day, is returned as it is.
func CheckSend(a *Application, facts SendFacts) error {
	if !facts.Today.Valid() {
		return errNoToday
	}
	vs := a.violations()
	add := func(field, code, msg string) {
		vs = append(vs, Violation{Field: field, Code: code, Message: msg})
	}
	if a.Applicant == uuid.Nil {
		add("applicant", CodeApplicantRequired, "Не указан заявитель")
	}
	switch {
	case a.Premise.Object == uuid.Nil:
		add("premise", CodePremiseRequired, "Не указано помещение")
	case facts.Premise.ID != a.Premise.Object:
		add("premise", CodePremiseRequired, "Адресный объект помещения не найден")
	case facts.Premise.Level != address.LevelPremise && facts.Premise.Level != address.LevelRoom:
		add("premise", CodePremiseLevel, "Заявление подается на помещение или комнату, а указан объект уровня «"+facts.Premise.Level.String()+"»")
	}
	if !a.Premise.Area.IsPositive() && !a.Premise.Area.IsNegative() {
		add("premise.area", CodePremiseArea, "Не указана площадь помещения")
	}
	if strings.TrimSpace(a.Premise.Purpose) == "" {
		add("premise.purpose", CodePremisePurpose, "Не указана цель использования помещения")
	}
	if a.Provider == uuid.Nil {
		add("provider", CodeProviderRequired, "Не выбран исполнитель ЖКУ")
	}
	if strings.TrimSpace(a.Office) == "" {
		add("office", CodeOfficeRequired, "Не указан офис МФЦ")
	}
	if len(a.Contacts) == 0 {
		add("contacts", CodeContactsRequired, "Укажите телефон или адрес электронной почты для связи")
	}
	vs = append(vs, checkRights(a.Rights, facts.Today)...)
	for i, m := range a.Meters {
		vs = append(vs, checkMeter(m, "meters["+strconv.Itoa(i)+"]", facts.Today)...)
	}
	more, err := checkDocuments(a, facts)
	if err != nil {
		return err
	}
	vs = append(vs, more...)
	return validation(vs)
}

func checkRights(rights []subject.Right, today Date) []Violation {
	var vs []Violation
	inForce := false
	for _, r := range rights {
		inForce = inForce || r.ActiveAt(today)
	}
	if !inForce {
		vs = append(vs, Violation{Field: "rights", Code: CodeRightsRequired,
			Message: "Не указано ни одного действующего права собственности на помещение"})
	}
	var ve *ValidationError
	if err := subject.CheckPremise(rights, today); errors.As(err, &ve) {
		vs = append(vs, ve.Violations...)
	}
	return vs
}

func checkMeter(m Meter, p string, today Date) []Violation {
	var vs []Violation
	add := func(field, code, msg string) {
		vs = append(vs, Violation{Field: p + field, Code: code, Message: msg})
	}
	if strings.TrimSpace(m.SerialNumber) == "" {
		add(".serial_number", CodeMeterSerial, "Не указан заводской номер прибора учета")
	}
	if strings.TrimSpace(m.Resource) == "" {
		add(".resource", CodeMeterResource, "Не указан коммунальный ресурс прибора учета")
	}
	if !m.VerifiedOn.Valid() {
		add(".verified_on", CodeMeterVerifiedOn, "Не указана дата поверки прибора учета")
	}
	if m.VerificationIntervalYears <= 0 {
		add(".verification_interval_years", CodeMeterInterval, "Не указан межповерочный интервал прибора учета")
	}
	var expires Date
	if m.VerifiedOn.Valid() && m.VerificationIntervalYears > 0 {
		expires = civil.Of(m.VerifiedOn.Time(time.UTC).AddDate(m.VerificationIntervalYears, 0, 0))
	}
	if len(m.Readings) == 0 {
		add(".readings", CodeMeterReadings, "Не указаны показания прибора учета")
	}
	for j, r := range m.Readings {
		rp := ".readings[" + strconv.Itoa(j) + "]"
		switch {
		case !r.TakenOn.Valid():
			add(rp+".taken_on", CodeReadingDate, "Не указана дата снятия показания")
		case r.TakenOn.After(today):
			add(rp+".taken_on", CodeReadingDate, "Дата снятия показания не может быть позже сегодняшнего дня")
		case !expires.IsZero() && !expires.After(r.TakenOn):
			add(rp+".taken_on", CodeMeterExpired, "Срок поверки прибора учета истек "+expires.String()+
				", показание снято "+r.TakenOn.String())
		}
		if r.Value.IsNegative() {
			add(rp+".value", CodeReadingValue, "Показание не может быть отрицательным")
		}
	}
	for j, s := range m.Seals {
		sp := ".seals[" + strconv.Itoa(j) + "]"
		if strings.TrimSpace(s.Number) == "" {
			add(sp+".number", CodeSealNumber, "Не указан номер пломбы")
		}
		if !s.SetOn.Valid() {
			add(sp+".set_on", CodeSealDate, "Не указана дата установки пломбы")
		}
	}
	return vs
}

func checkDocuments(a *Application, facts SendFacts) ([]Violation, error) {
	var vs []Violation
	byID := make(map[uuid.UUID]document.Document, len(facts.Documents))
	for _, d := range facts.Documents {
		byID[d.ID] = d
	}
	// docs are the loaded documents in the application's order; index
	// maps their positions back to the application's.
	var (
		docs  []document.Document
		index []int
	)
	for i, id := range a.Documents {
		if id == uuid.Nil {
			continue // Validate reported it
		}
		d, ok := byID[id]
		if !ok {
			vs = append(vs, Violation{Field: "documents[" + strconv.Itoa(i) + "]", Code: CodeDocumentNotLoaded,
				Message: "Документ не найден в реестре документов"})
			continue
		}
		docs = append(docs, d)
		index = append(index, i)
	}
	pkg := document.Package{}
	if facts.Package != nil {
		pkg = *facts.Package
	}
	shared := false
	for _, r := range a.Rights {
		shared = shared || (r.Kind == subject.RightShared && r.ActiveAt(facts.Today))
	}
	err := pkg.Check(docs, document.Facts{
		Representative:  a.Representative != nil,
		SharedOwnership: shared,
		Meters:          len(a.Meters) > 0,
	}, facts.Types)
	var ve *ValidationError
	switch {
	case errors.As(err, &ve):
		for _, v := range ve.Violations {
			v.Field = reindex(v.Field, index)
			vs = append(vs, v)
		}
	case err != nil:
		return nil, err
	}
	if r := a.Representative; r != nil && r.Document != uuid.Nil && !hasDocument(a.Documents, r.Document) {
		vs = append(vs, Violation{Field: "representative.document", Code: CodeRepresentativeDocument,
			Message: "Документ, подтверждающий полномочия представителя, не приложен к заявлению"})
	}
	for _, form := range facts.RequiredForms {
		signed := false
		for _, d := range docs {
			signed = signed || (d.Type == form && !d.Retired() && len(d.Scans) > 0)
		}
		if !signed {
			vs = append(vs, Violation{Field: "documents[" + form + "]", Code: CodeFormMissing,
				Message: "Не приложен скан подписанной формы «" + form + "»"})
		}
	}
	return vs, nil
}

func hasDocument(ids []uuid.UUID, id uuid.UUID) bool {
	for _, d := range ids {
		if d == id {
			return true
		}
	}
	return false
}

// reindex rewrites a path "documents[k]..." with k a position among the
// loaded documents into the position among the application's documents;
// other paths are returned as they are.
func reindex(field string, index []int) string {
	const prefix = "documents["
	rest, ok := strings.CutPrefix(field, prefix)
	if !ok {
		return field
	}
	num, tail, ok := strings.Cut(rest, "]")
	if !ok {
		return field
	}
	k, err := strconv.Atoi(num)
	if err != nil || k < 0 || k >= len(index) {
		return field
	}
	return prefix + strconv.Itoa(index[k]) + "]" + tail
}
