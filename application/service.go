package application

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/internal/civil"
	"github.com/openzhkh/zhkh/internal/fault"
	"github.com/openzhkh/zhkh/subject"
)

// Codes of the errors the Service returns besides those of the aggregate.
const (
	// CodeDraftOnly: the application can be changed only while it is a
	// draft. The error matches ErrInvalidTransition.
	CodeDraftOnly = "application.draft_only"
	// CodeStale: the draft changed between the completeness check and the
	// send; send again. The error matches ErrConflict.
	CodeStale = "application.stale"
	// CodeNotFound: no application with the ID, or none the calling
	// external system may see. The error matches ErrNotFound.
	CodeNotFound = "application.not_found"
	// CodeSystemForbidden: the external system does not represent the
	// provider it asks about, or no provider at all. The error matches
	// ErrForbidden.
	CodeSystemForbidden = "application.system.forbidden"
	// CodeProviderMissing: the application's provider is not in the
	// directory of providers; reported by Send as a violation at
	// "provider".
	CodeProviderMissing = "application.provider.missing"
	// CodePersonMissing: the applicant or the representative is not in the
	// register of persons.
	CodePersonMissing = "application.person.missing"
	// CodeUserRequired: the MFC user is not given.
	CodeUserRequired = "application.user.required"
)

// DocumentGetter reads documents of the registry by ID; document.Repository
// and *document.Registry fit.
type DocumentGetter interface {
	// Get returns the document with the ID, or an error matching
	// ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (document.Document, error)
}

// ObjectGetter reads address objects by ID; address.Reader fits.
type ObjectGetter interface {
	// Object returns the object with the ID, or an error matching
	// ErrNotFound.
	Object(ctx context.Context, id uuid.UUID) (address.Object, error)
}

// PersonGetter reads persons by ID; subject.PersonRepository and
// subject.PersonRegister fit.
type PersonGetter interface {
	// Get returns the person with the ID, or an error matching ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (subject.Person, error)
}

// ServiceConfig holds the ports and settings of a Service. Every field
// but RequiredForms, Notifier and Persons is required.
type ServiceConfig struct {
	// Applications stores the applications.
	Applications Repository
	// Providers is the directory of providers.
	Providers ProviderRepository
	// Documents reads the supporting documents the applications list.
	Documents DocumentGetter
	// Types looks up the validator of a document type by its code, such
	// as document.ValidatorsAt over a catalogue's lookup.
	Types func(code string) (document.Validator, bool)
	// Addresses reads the address objects of the premises.
	Addresses ObjectGetter
	// RegNumbers issues the registration numbers.
	RegNumbers RegNumbers
	// Notifier sends the e-mails to applicants; nil sends none.
	Notifier Notifier
	// Persons reads the applicant and the representative, so that Send
	// checks their data in the register; nil leaves them unchecked.
	Persons PersonGetter
	// Now is the clock (time.Now in production).
	Now func() time.Time
	// NewID makes application IDs (uuid.NewV7 in production).
	NewID func() (uuid.UUID, error)
	// Location is the time zone of the MFC: it gives "today" for the
	// completeness check and the year of registration numbers. Nil means
	// UTC.
	Location *time.Location
	// RequiredForms returns the kinds of the generated forms whose signed
	// scans an application to the provider must carry; nil requires none.
	RequiredForms func(p Provider) []string
}

// Service runs the flow of applications: the MFC side (drafts, sending,
// issuing) and the side of the providers' external systems (listing,
// fetching, processing, rejecting). The rules of the states are the
// aggregate's (Apply, CheckSend); the Service loads what they need through
// its ports and stores the result through Repository.Update. It is safe for
// concurrent use when its ports are.
type Service struct {
	cfg ServiceConfig
}

// NewService returns a Service over the ports of cfg.
func NewService(cfg ServiceConfig) *Service {
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	return &Service{cfg: cfg}
}

func (s *Service) now() time.Time { return s.cfg.Now() }

func userActor(user uuid.UUID) Actor { return Actor{Kind: ActorUser, ID: user} }

func systemActor(system uuid.UUID) Actor { return Actor{Kind: ActorSystem, ID: system} }

func userRequired(user uuid.UUID) error {
	if user == uuid.Nil {
		return fault.New(fault.Invalid, CodeUserRequired, "Не указан специалист МФЦ")
	}
	return nil
}

// notFound is the error of an application that does not exist or that the
// caller may not see: the two are not told apart.
func notFound(id uuid.UUID) error {
	return &Error{Kind: fault.NotFound, Code: CodeNotFound, Message: "Заявление " + id.String() + " не найдено"}
}

// CreateDraft stores a new draft made of a on behalf of the MFC user at
// the office. It assigns the ID, CreatedBy, Office and CreatedAt, clears
// any history (a new application is a draft) and returns the stored
// application. It returns a *ValidationError (ErrInvalid) with the
// violations of Validate and of the office code, or the errors of the
// ports.
func (s *Service) CreateDraft(ctx context.Context, user uuid.UUID, office string, a Application) (*Application, error) {
	if err := userRequired(user); err != nil {
		return nil, err
	}
	d := a.Clone()
	d.history = nil
	d.CreatedBy = user
	d.Office = strings.TrimSpace(office)
	d.CreatedAt = s.now()
	d.DeliveredAt = time.Time{}
	d.Version = 1
	vs := d.violations()
	if !validOffice(d.Office) {
		vs = append(vs, Violation{Field: "office", Code: CodeRegOffice,
			Message: fmt.Sprintf("Код офиса МФЦ обязателен: до %d заглавных латинских букв, цифр и дефисов, не в начале и не в конце", MaxOfficeLen)})
	}
	if err := validation(vs); err != nil {
		return nil, err
	}
	id, err := s.cfg.NewID()
	if err != nil {
		return nil, fmt.Errorf("application: making an ID: %w", err)
	}
	d.ID = id
	if err := s.cfg.Applications.Create(ctx, d); err != nil {
		return nil, err
	}
	return d.Clone(), nil
}

// UpdateDraft changes the draft with the ID on behalf of the MFC user: fn
// edits a copy, whose ID, CreatedBy, Office, CreatedAt and Version are
// then restored, and the result is validated and stored. It returns the
// stored application; an *Error matching ErrInvalidTransition with
// CodeDraftOnly when the application is no longer a draft; a
// *ValidationError (ErrInvalid); fn's error as it is; or an error matching
// ErrNotFound. Nothing is stored when it fails.
func (s *Service) UpdateDraft(ctx context.Context, user, id uuid.UUID, fn func(*Application) error) (*Application, error) {
	if err := userRequired(user); err != nil {
		return nil, err
	}
	return s.cfg.Applications.Update(ctx, id, func(a *Application) error {
		if st := a.State(); st != StateDraft {
			return &Error{Kind: fault.InvalidTransition, Code: CodeDraftOnly,
				Message: "Изменять можно только черновик, а заявление в состоянии «" + st.Russian() + "»"}
		}
		keep := *a
		keep.history = a.History()
		if err := fn(a); err != nil {
			return err
		}
		a.ID, a.CreatedBy, a.Office, a.CreatedAt, a.Version = keep.ID, keep.CreatedBy, keep.Office, keep.CreatedAt, keep.Version
		a.DeliveredAt = keep.DeliveredAt
		a.history = keep.history
		return a.Validate()
	})
}

// Send checks the draft with the ID for completeness and sends it to the
// provider on behalf of the MFC user. It loads what CheckSend needs — the
// documents the application lists, the provider and its document package,
// the premise's address object, today in the office's time zone and the
// required forms — and, when the check fails, returns its
// *ValidationError (ErrInvalid) with every violation at once, having
// changed nothing and taken no registration number. An unknown provider
// is a violation at "provider" (CodeProviderMissing).
//
// When the check passes, Send takes the next registration number of the
// office for the current year and applies ActionSend inside
// Repository.Update. If the draft changed since it was checked (an error
// of ErrConflict with CodeStale) or is no longer a draft (ErrInvalidTransition),
// the number already taken is not used: RegNumbers gives each number once
// and cannot take one back, so the sequence of the office then has a gap.
// Gaps appear only on such races or on a storage failure between the
// number and the update; the numbers that are used stay unique and
// increasing.
func (s *Service) Send(ctx context.Context, user, id uuid.UUID, comment string) (*Application, error) {
	if err := userRequired(user); err != nil {
		return nil, err
	}
	a, err := s.cfg.Applications.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	now := s.now()
	t := Transition{Action: ActionSend, Actor: userActor(user), At: now, Comment: comment}
	if st := a.State(); st != StateDraft {
		return nil, transitionError(st, t)
	}
	if err := s.checkSend(ctx, a, now); err != nil {
		return nil, err
	}
	t.RegNumber, err = s.cfg.RegNumbers.Next(ctx, a.Office, now.In(s.cfg.Location).Year())
	if err != nil {
		return nil, err
	}
	return s.cfg.Applications.Update(ctx, id, func(c *Application) error {
		if c.Version != a.Version && c.State() == StateDraft {
			return &Error{Kind: fault.Conflict, Code: CodeStale,
				Message: "Черновик изменен после проверки; проверьте и отправьте его снова"}
		}
		return c.Apply(t)
	})
}

// checkSend loads the facts of CheckSend through the ports and runs it.
func (s *Service) checkSend(ctx context.Context, a *Application, now time.Time) error {
	facts := SendFacts{Types: s.cfg.Types, Today: civil.Of(now.In(s.cfg.Location))}
	var extra []Violation
	for _, docID := range a.Documents {
		if docID == uuid.Nil {
			continue
		}
		d, err := s.cfg.Documents.Get(ctx, docID)
		switch {
		case isNotFound(err):
			continue // CheckSend reports it
		case err != nil:
			return err
		}
		facts.Documents = append(facts.Documents, d)
	}
	if a.Provider != uuid.Nil {
		p, err := s.cfg.Providers.Get(ctx, a.Provider)
		switch {
		case isNotFound(err):
			extra = append(extra, Violation{Field: "provider", Code: CodeProviderMissing,
				Message: "Исполнитель ЖКУ не найден в справочнике"})
		case err != nil:
			return err
		default:
			facts.Package = &p.Documents
			if s.cfg.RequiredForms != nil {
				facts.RequiredForms = s.cfg.RequiredForms(p)
			}
		}
	}
	if a.Premise.Object != uuid.Nil {
		o, err := s.cfg.Addresses.Object(ctx, a.Premise.Object)
		switch {
		case isNotFound(err): // CheckSend reports it
		case err != nil:
			return err
		default:
			facts.Premise = o
		}
	}
	if s.cfg.Persons != nil {
		people := []struct {
			field string
			id    uuid.UUID
		}{{"applicant", a.Applicant}}
		if a.Representative != nil {
			people = append(people, struct {
				field string
				id    uuid.UUID
			}{"representative.person", a.Representative.Person})
		}
		for _, who := range people {
			if who.id == uuid.Nil {
				continue // CheckSend reports a missing applicant
			}
			p, err := s.cfg.Persons.Get(ctx, who.id)
			switch {
			case isNotFound(err):
				extra = append(extra, Violation{Field: who.field, Code: CodePersonMissing,
					Message: "Лицо не найдено в реестре физических лиц"})
				continue
			case err != nil:
				return err
			}
			if _, err := p.Normalize(facts.Today); err != nil {
				var ve *ValidationError
				if !errors.As(err, &ve) {
					return err
				}
				for _, v := range ve.Violations {
					v.Field = who.field + "." + v.Field
					extra = append(extra, v)
				}
			}
		}
	}
	err := CheckSend(a, facts)
	var ve *ValidationError
	switch {
	case errors.As(err, &ve):
		return &ValidationError{Violations: append(slices.Clone(ve.Violations), extra...)}
	case err != nil:
		return err
	}
	return validation(extra)
}

// Issue records on behalf of the MFC user that the result of the processed
// application was handed to the applicant. It returns the stored
// application, an *Error matching ErrInvalidTransition when the
// application is not processed, or an error matching ErrNotFound.
func (s *Service) Issue(ctx context.Context, user, id uuid.UUID, comment string) (*Application, error) {
	if err := userRequired(user); err != nil {
		return nil, err
	}
	t := Transition{Action: ActionIssue, Actor: userActor(user), At: s.now(), Comment: comment}
	return s.cfg.Applications.Update(ctx, id, func(a *Application) error { return a.Apply(t) })
}

// Delete deletes the draft with the ID on behalf of the MFC user; it stays
// stored in StateDeleted with its history. It returns the stored
// application, an *Error matching ErrInvalidTransition when the
// application is not a draft, or an error matching ErrNotFound.
func (s *Service) Delete(ctx context.Context, user, id uuid.UUID) (*Application, error) {
	if err := userRequired(user); err != nil {
		return nil, err
	}
	t := Transition{Action: ActionDelete, Actor: userActor(user), At: s.now()}
	return s.cfg.Applications.Update(ctx, id, func(a *Application) error { return a.Apply(t) })
}

// Get returns the application with the ID for the MFC, or an error
// matching ErrNotFound.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (*Application, error) {
	return s.cfg.Applications.Get(ctx, id)
}

// represented returns the IDs of the providers the external system
// represents, or an error matching ErrForbidden when it represents none.
func (s *Service) represented(ctx context.Context, systemID uuid.UUID) ([]uuid.UUID, error) {
	ps, err := s.cfg.Providers.ByExternalSystem(ctx, systemID)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 || systemID == uuid.Nil {
		return nil, &Error{Kind: fault.Forbidden, Code: CodeSystemForbidden,
			Message: "Внешняя система не представляет ни одного исполнителя ЖКУ"}
	}
	ids := make([]uuid.UUID, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids, nil
}

// visible reports whether the external system representing the providers
// may see a: it is addressed to one of them and has been sent.
func visible(a *Application, providers []uuid.UUID) bool {
	return slices.Contains(providers, a.Provider) && a.RegNumber() != ""
}

// Incoming returns a page of the applications sent to a provider, for the
// external system with the ID, and the cursor of the next page ("" at the
// end); see IncomingQuery. A zero q.Provider means the only provider the
// system represents. It returns an *Error matching ErrForbidden with
// CodeSystemForbidden when the system does not represent q.Provider (or
// represents several and q.Provider is zero), and the errors of the
// repository.
func (s *Service) Incoming(ctx context.Context, systemID uuid.UUID, q IncomingQuery) ([]*Application, string, error) {
	ids, err := s.represented(ctx, systemID)
	if err != nil {
		return nil, "", err
	}
	if q.Provider == uuid.Nil && len(ids) == 1 {
		q.Provider = ids[0]
	}
	if !slices.Contains(ids, q.Provider) {
		return nil, "", &Error{Kind: fault.Forbidden, Code: CodeSystemForbidden,
			Message: "Внешняя система не представляет исполнителя ЖКУ " + q.Provider.String()}
	}
	return s.cfg.Applications.Incoming(ctx, q)
}

// Fetch returns the application with the ID in full to the external system
// of its provider and, when a DeliveryRecorder is configured, records the
// time of delivery (only the first fetch counts). An application of a
// provider the system does not represent, or one never sent, is reported
// exactly like a missing one — an *Error matching ErrNotFound with
// CodeNotFound — so that a system cannot learn that it exists. A system
// that represents no provider gets ErrForbidden.
func (s *Service) Fetch(ctx context.Context, systemID, id uuid.UUID) (*Application, error) {
	ids, err := s.represented(ctx, systemID)
	if err != nil {
		return nil, err
	}
	a, err := s.cfg.Applications.Get(ctx, id)
	if isNotFound(err) || (err == nil && !visible(a, ids)) {
		return nil, notFound(id)
	}
	if err != nil {
		return nil, err
	}
	if !a.DeliveredAt.IsZero() {
		return a, nil
	}
	now := s.now()
	return s.cfg.Applications.Update(ctx, id, func(c *Application) error {
		if c.DeliveredAt.IsZero() {
			c.DeliveredAt = now
		}
		return nil
	})
}

// ProcessInput is what a provider's system reports when it has processed
// an application: the account it opened and a remark.
type ProcessInput struct {
	// Account is the opened account; its Number is required.
	Account OpenedAccount
	// Comment is a free remark of the provider.
	Comment string
}

// NotifyError reports that a transition was stored but the e-mail to the
// applicant about it could not be sent. The transition stands: the caller
// gets the stored application together with this error and may send the
// notification again later (the print package builds it too).
type NotifyError struct {
	// Application is the ID of the application.
	Application uuid.UUID
	// Err is the error of the Notifier.
	Err error
}

// Error returns the Russian message with the cause.
func (e *NotifyError) Error() string {
	return "Изменение заявления сохранено, но уведомление заявителю не отправлено: " + e.Err.Error()
}

// Unwrap returns the error of the Notifier.
func (e *NotifyError) Unwrap() error { return e.Err }

// Process marks the sent application with the ID processed on behalf of
// the provider's external system, with the opened account, and then
// e-mails the applicant a ProcessedNotification when the application has
// an e-mail contact (the preferred one first). It returns the stored
// application; an *Error matching ErrNotFound when the application does
// not exist or the system may not see it (as Fetch); ErrInvalidTransition
// when it is not in StateSent; a *ValidationError (ErrInvalid) without an
// account number. When the transition is stored but the notification
// fails, Process returns the stored application together with a
// *NotifyError: the transition is not undone.
func (s *Service) Process(ctx context.Context, systemID, id uuid.UUID, in ProcessInput) (*Application, error) {
	t := Transition{Action: ActionProcess, Actor: systemActor(systemID), At: s.now(), Comment: in.Comment,
		AccountNumber: strings.TrimSpace(in.Account.Number), UnifiedAccountID: strings.TrimSpace(in.Account.UnifiedAccountID),
		ServiceID: strings.TrimSpace(in.Account.ServiceID)}
	a, err := s.systemTransition(ctx, systemID, id, t)
	if err != nil {
		return nil, err
	}
	return s.notify(ctx, a, func(to subject.Contact) Notification {
		return ProcessedNotification(a.RegNumber(), t.AccountNumber, to)
	})
}

// Reject refuses the sent application with the ID on behalf of the
// provider's external system for the reason, and then e-mails the
// applicant a RejectedNotification, with the same errors and the same
// handling of a failed notification as Process. The reason is required
// (a *ValidationError otherwise).
func (s *Service) Reject(ctx context.Context, systemID, id uuid.UUID, reason, comment string) (*Application, error) {
	t := Transition{Action: ActionReject, Actor: systemActor(systemID), At: s.now(), Comment: comment, Reason: reason}
	a, err := s.systemTransition(ctx, systemID, id, t)
	if err != nil {
		return nil, err
	}
	return s.notify(ctx, a, func(to subject.Contact) Notification {
		return RejectedNotification(a.RegNumber(), reason, to)
	})
}

// systemTransition applies t for the external system inside
// Repository.Update, after checking that the system may see the
// application.
func (s *Service) systemTransition(ctx context.Context, systemID, id uuid.UUID, t Transition) (*Application, error) {
	ids, err := s.represented(ctx, systemID)
	if err != nil {
		return nil, err
	}
	a, err := s.cfg.Applications.Update(ctx, id, func(a *Application) error {
		if !visible(a, ids) {
			return notFound(id)
		}
		return a.Apply(t)
	})
	if isNotFound(err) {
		return nil, notFound(id)
	}
	return a, err
}

// notify sends the notification build makes to the applicant's e-mail,
// when there is a Notifier and an e-mail contact.
func (s *Service) notify(ctx context.Context, a *Application, build func(subject.Contact) Notification) (*Application, error) {
	to, ok := emailContact(a.Contacts)
	if s.cfg.Notifier == nil || !ok {
		return a, nil
	}
	n := build(to)
	n.Application = a.ID
	if err := s.cfg.Notifier.Notify(ctx, n); err != nil {
		return a, &NotifyError{Application: a.ID, Err: err}
	}
	return a, nil
}

// emailContact returns the preferred e-mail contact, or the first one.
func emailContact(cs []subject.Contact) (subject.Contact, bool) {
	var first *subject.Contact
	for i := range cs {
		if cs[i].Channel != subject.ChannelEmail {
			continue
		}
		if cs[i].Preferred {
			return cs[i], true
		}
		if first == nil {
			first = &cs[i]
		}
	}
	if first == nil {
		return subject.Contact{}, false
	}
	return *first, true
}
