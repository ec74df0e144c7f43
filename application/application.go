package application

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/openzhkh/zhkh/subject"
)

// Stable codes of the violations of an application's fields (Validate)
// and of its completeness (CheckSend).
const (
	CodeApplicantRequired      = "application.applicant.required"
	CodePremiseRequired        = "application.premise.required"
	CodePremiseLevel           = "application.premise.level"
	CodePremiseArea            = "application.premise.area"
	CodePremiseRooms           = "application.premise.rooms"
	CodePremisePurpose         = "application.premise.purpose"
	CodeRepresentativePerson   = "application.representative.person"
	CodeRepresentativeSelf     = "application.representative.self"
	CodeRepresentativeGround   = "application.representative.ground"
	CodeRepresentativeDocument = "application.representative.document"
	CodeContactsRequired       = "application.contacts.required"
	CodeAccountProvider        = "application.account.provider"
	CodeAccountNumber          = "application.account.number"
	CodeProviderRequired       = "application.provider.required"
	CodeOfficeRequired         = "application.office.required"
	CodeRightPremise           = "application.right.premise"
	CodeRightsRequired         = "application.rights.required"
	CodeDocumentID             = "application.document.id"
	CodeDocumentDuplicate      = "application.document.duplicate"
	CodeDocumentNotLoaded      = "application.document.not_loaded"
	CodeFormMissing            = "application.form.missing"
	CodeMeterKind              = "application.meter.kind"
	CodeMeterSerial            = "application.meter.serial"
	CodeMeterResource          = "application.meter.resource"
	CodeMeterVerifiedOn        = "application.meter.verified_on"
	CodeMeterInterval          = "application.meter.interval"
	CodeMeterExpired           = "application.meter.verification_expired"
	CodeMeterReadings          = "application.meter.readings"
	CodeReadingDate            = "application.meter.reading.date"
	CodeReadingValue           = "application.meter.reading.value"
	CodeSealNumber             = "application.meter.seal.number"
	CodeSealDate               = "application.meter.seal.set_on"
)

// Application is an application to open a personal account (заявление на
// открытие лицевого счета) with a provider, as the MFC specialist fills it
// in: every item of the register of applications.
//
// The contents are plain fields the MFC edits while the application is a
// draft. The state, the registration number, the opened account and the
// rejection reason are not fields: they follow from the append-only
// history, which only Apply extends (see State, RegNumber, Account,
// RejectionReason, History). JSON carries the history and derives the rest
// from it. An Application is a value the repository hands out one copy of
// at a time; it is not safe for concurrent use.
type Application struct {
	// ID identifies the application (идентификатор заявления).
	ID uuid.UUID `json:"id"`
	// Premise is the dwelling the account is for (сведения о жилом
	// помещении).
	Premise Premise `json:"premise"`
	// Applicant is the ID of the applicant, a subject.Person (заявитель).
	Applicant uuid.UUID `json:"applicant"`
	// Representative is the legal representative acting for the applicant
	// (законный представитель), or nil when the applicant acts alone.
	Representative *Representative `json:"representative,omitempty"`
	// Contacts are the phones and e-mails to reach the applicant (or the
	// representative) about this application.
	Contacts []subject.Contact `json:"contacts,omitempty"`
	// Accounts are the personal accounts the applicant already has
	// (перечень лицевых счетов заявителя).
	Accounts []ExistingAccount `json:"accounts,omitempty"`
	// Provider is the ID of the provider the application is addressed to
	// (исполнитель ЖКУ).
	Provider uuid.UUID `json:"provider"`
	// Rights are the ownership rights to the premise with their owners
	// (права собственности и перечень собственников), as a snapshot taken
	// from the register of rights when the application was filled in: the
	// provider reads what was declared, and CheckSend checks it without a
	// port.
	Rights []subject.Right `json:"rights,omitempty"`
	// Meters are the meters of the premise with their readings (сведения о
	// показаниях приборов учета).
	Meters []Meter `json:"meters,omitempty"`
	// Documents are the IDs of the supporting documents in the document
	// registry (перечень подтверждающих документов), scans included. The
	// signed scans of the generated forms are documents here too: a
	// document whose type code is the form kind, with at least one scan.
	Documents []uuid.UUID `json:"documents,omitempty"`
	// CreatedBy is the ID of the MFC user who created the application.
	CreatedBy uuid.UUID `json:"created_by"`
	// Office is the code of the MFC office where it was created.
	Office string `json:"office"`
	// CreatedAt is when it was created.
	CreatedAt time.Time `json:"created_at"`
	// DeliveredAt is when the provider's external system first fetched the
	// application in full (Service.Fetch); zero until then.
	DeliveredAt time.Time `json:"delivered_at,omitzero"`
	// Version counts the stored changes, from 1; the repository bumps it on
	// every update, for optimistic locking.
	Version int64 `json:"version"`

	history []Entry
}

// Premise is the dwelling an application is about.
type Premise struct {
	// Object is the ID of the address object of the premise or room.
	Object uuid.UUID `json:"object"`
	// Area is the total area in square metres.
	Area decimal.Decimal `json:"area"`
	// Rooms is the number of rooms; zero when not given.
	Rooms int `json:"rooms,omitempty"`
	// Purpose is the code of the purpose of use in BookPurposes.
	Purpose string `json:"purpose"`
}

// Representative is the legal representative of the applicant and the
// ground of the representation.
type Representative struct {
	// Person is the ID of the representative, a subject.Person.
	Person uuid.UUID `json:"person"`
	// Ground is parent, guardian or power of attorney.
	Ground subject.Ground `json:"ground"`
	// Document is the ID of the document proving the ground (birth
	// certificate, guardianship decision, power of attorney); it must be
	// among the application's documents.
	Document uuid.UUID `json:"document"`
}

// ExistingAccount is a personal account the applicant already has with
// some provider.
type ExistingAccount struct {
	// Provider is the ID of the provider keeping the account.
	Provider uuid.UUID `json:"provider"`
	// Number is the account number.
	Number string `json:"number"`
}

// Clone returns a deep copy of a, history included, that shares no memory
// with it.
func (a *Application) Clone() *Application {
	c := *a
	if a.Representative != nil {
		r := *a.Representative
		c.Representative = &r
	}
	c.Contacts = slices.Clone(a.Contacts)
	c.Accounts = slices.Clone(a.Accounts)
	c.Rights = nil
	for _, r := range a.Rights {
		c.Rights = append(c.Rights, r.Clone())
	}
	c.Meters = nil
	for _, m := range a.Meters {
		c.Meters = append(c.Meters, m.Clone())
	}
	c.Documents = slices.Clone(a.Documents)
	c.history = slices.Clone(a.history)
	return &c
}

// Restore returns a with its history set to the stored entries, for
// repositories reading an application back. It replays the entries
// through the transition table and returns an error matching
// ErrInvalidTransition or ErrInvalid, leaving a unchanged, when the state
// machine could not have produced them.
func (a *Application) Restore(history []Entry) error {
	h, err := replayHistory(history)
	if err != nil {
		return err
	}
	a.history = h
	return nil
}

type applicationWire struct {
	applicationAlias
	State     State   `json:"state"`
	RegNumber string  `json:"reg_number,omitempty"`
	History   []Entry `json:"history"`
}

type applicationAlias Application

// MarshalJSON encodes the application with its state, registration number
// and history.
func (a *Application) MarshalJSON() ([]byte, error) {
	h := a.history
	if h == nil {
		h = []Entry{}
	}
	return json.Marshal(applicationWire{applicationAlias: applicationAlias(*a), State: a.State(), RegNumber: a.RegNumber(), History: h})
}

// UnmarshalJSON decodes an application encoded by MarshalJSON. The state
// and registration number are derived from the history, which is replayed
// through the transition table; a history the state machine could not
// have produced is an error.
func (a *Application) UnmarshalJSON(b []byte) error {
	var w applicationWire
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	h, err := replayHistory(w.History)
	if err != nil {
		return err
	}
	*a = Application(w.applicationAlias)
	a.history = h
	return nil
}

// Validate returns nil or a *ValidationError with every violation of the
// fields at once: the rules that hold even for a draft (a draft may be
// incomplete, CheckSend asks for completeness). Premise area and rooms
// are not negative; a representative is set, is not the applicant, has a
// known ground and a proving document; contacts are well-formed
// (subject.NormalizeContacts); existing accounts have a provider and a
// number; every right is to the application's premise; meters have a
// known kind; documents are set and not repeated.
func (a *Application) Validate() error {
	return validation(a.violations())
}

func (a *Application) violations() []Violation {
	var vs []Violation
	add := func(field, code, msg string) {
		vs = append(vs, Violation{Field: field, Code: code, Message: msg})
	}
	if a.Premise.Area.IsNegative() {
		add("premise.area", CodePremiseArea, "Площадь помещения не может быть отрицательной")
	}
	if a.Premise.Rooms < 0 {
		add("premise.rooms", CodePremiseRooms, "Количество комнат не может быть отрицательным")
	}
	if r := a.Representative; r != nil {
		if r.Person == uuid.Nil {
			add("representative.person", CodeRepresentativePerson, "Не указан законный представитель")
		} else if r.Person == a.Applicant {
			add("representative.person", CodeRepresentativeSelf, "Заявитель не может быть своим представителем")
		}
		switch r.Ground {
		case subject.GroundParent, subject.GroundGuardian, subject.GroundPowerOfAttorney:
		default:
			add("representative.ground", CodeRepresentativeGround,
				"Основание представительства: родитель, опекун (попечитель) или доверенность")
		}
		if r.Document == uuid.Nil {
			add("representative.document", CodeRepresentativeDocument, "Не указан документ, подтверждающий полномочия представителя")
		}
	}
	_, cvs := subject.NormalizeContacts(a.Contacts, "contacts")
	vs = append(vs, cvs...)
	for i, acc := range a.Accounts {
		p := "accounts[" + strconv.Itoa(i) + "]"
		if acc.Provider == uuid.Nil {
			add(p+".provider", CodeAccountProvider, "Не указан исполнитель, у которого открыт лицевой счет")
		}
		if strings.TrimSpace(acc.Number) == "" {
			add(p+".number", CodeAccountNumber, "Не указан номер лицевого счета")
		}
	}
	for i, r := range a.Rights {
		if r.Premise != a.Premise.Object {
			add("rights["+strconv.Itoa(i)+"].premise", CodeRightPremise, "Право собственности относится к другому помещению")
		}
	}
	for i, m := range a.Meters {
		switch m.Kind {
		case MeterIndividual, MeterApartment, MeterCommonHouse:
		default:
			add("meters["+strconv.Itoa(i)+"].kind", CodeMeterKind,
				"Вид прибора учета: индивидуальный, общий квартирный или общедомовой")
		}
	}
	seen := map[uuid.UUID]bool{}
	for i, d := range a.Documents {
		p := "documents[" + strconv.Itoa(i) + "]"
		switch {
		case d == uuid.Nil:
			add(p, CodeDocumentID, "Не указан документ")
		case seen[d]:
			add(p, CodeDocumentDuplicate, "Документ приложен к заявлению дважды")
		}
		seen[d] = true
	}
	return vs
}
