package application

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/internal/fault"
)

// State is a stage of the processing of an application (этап обработки
// заявления).
type State string

// The states of an application. Draft is where every application starts;
// Issued, Rejected and Deleted are terminal.
const (
	// StateDraft is an application being prepared at the MFC (черновик).
	StateDraft State = "draft"
	// StateSent is an application sent to the provider (отправлено
	// исполнителю ЖКУ).
	StateSent State = "sent"
	// StateProcessed is an application the provider has processed by
	// opening an account (обработано исполнителем ЖКУ).
	StateProcessed State = "processed"
	// StateIssued is an application whose result the MFC has handed to the
	// applicant (выданы документы).
	StateIssued State = "issued"
	// StateRejected is an application the provider refused (получен отказ).
	StateRejected State = "rejected"
	// StateDeleted is a draft the MFC deleted (черновик удален). It stays
	// stored with its history, like every other application.
	StateDeleted State = "deleted"
)

var stateNames = map[State]string{
	StateDraft:     "черновик",
	StateSent:      "отправлено исполнителю ЖКУ",
	StateProcessed: "обработано исполнителем ЖКУ",
	StateIssued:    "выданы документы",
	StateRejected:  "получен отказ",
	StateDeleted:   "удалено",
}

// States returns every state, Draft first.
func States() []State {
	return []State{StateDraft, StateSent, StateProcessed, StateIssued, StateRejected, StateDeleted}
}

// Valid reports whether s is one of the states.
func (s State) Valid() bool { _, ok := stateNames[s]; return ok }

// Terminal reports whether no transition leaves s.
func (s State) Terminal() bool {
	return s == StateIssued || s == StateRejected || s == StateDeleted
}

// Russian returns the Russian name of the state for people, such as
// «отправлено исполнителю ЖКУ».
func (s State) Russian() string {
	if n, ok := stateNames[s]; ok {
		return n
	}
	return "неизвестное состояние «" + string(s) + "»"
}

// Action is what a transition does to an application.
type Action string

// The actions of the state machine.
const (
	// ActionSend sends a complete draft to the provider; an MFC user does
	// it, and it assigns the registration number.
	ActionSend Action = "send"
	// ActionProcess marks a sent application processed; the provider's
	// external system does it, with the number of the opened account.
	ActionProcess Action = "process"
	// ActionReject refuses a sent application; the provider's external
	// system does it, with a reason.
	ActionReject Action = "reject"
	// ActionIssue records that the MFC handed the result to the applicant;
	// an MFC user does it.
	ActionIssue Action = "issue"
	// ActionDelete deletes a draft; an MFC user does it.
	ActionDelete Action = "delete"
)

var actionNames = map[Action]string{
	ActionSend:    "отправить исполнителю ЖКУ",
	ActionProcess: "отметить исполнение",
	ActionReject:  "отказать",
	ActionIssue:   "выдать документы",
	ActionDelete:  "удалить",
}

// Actions returns every action in the order of the flow.
func Actions() []Action {
	return []Action{ActionSend, ActionProcess, ActionReject, ActionIssue, ActionDelete}
}

// Russian returns the Russian name of the action, such as «отказать».
func (a Action) Russian() string {
	if n, ok := actionNames[a]; ok {
		return n
	}
	return "неизвестное действие «" + string(a) + "»"
}

// ActorKind says who performs a transition.
type ActorKind string

// The kinds of actor.
const (
	// ActorUser is a user of the MFC cabinet (специалист МФЦ).
	ActorUser ActorKind = "user"
	// ActorSystem is a provider's external system calling the REST API.
	ActorSystem ActorKind = "system"
)

// Russian returns the Russian name of the kind of actor.
func (k ActorKind) Russian() string {
	switch k {
	case ActorUser:
		return "специалист МФЦ"
	case ActorSystem:
		return "внешняя информационная система"
	}
	return "неизвестный участник «" + string(k) + "»"
}

// Actor is who performed a transition: a user or an external system, by
// ID.
type Actor struct {
	// Kind is user or system.
	Kind ActorKind `json:"kind"`
	// ID is the ID of the user or of the external system.
	ID uuid.UUID `json:"id"`
}

// Rule is one line of the transition table: Action by an actor of kind
// Actor takes an application from From to To.
type Rule struct {
	// From is the state the action applies to.
	From State
	// Action is the action.
	Action Action
	// To is the state the action leads to.
	To State
	// Actor is the only kind of actor allowed to perform it.
	Actor ActorKind
}

// transitions is the one transition table of the state machine.
var transitions = [...]Rule{
	{StateDraft, ActionSend, StateSent, ActorUser},
	{StateDraft, ActionDelete, StateDeleted, ActorUser},
	{StateSent, ActionProcess, StateProcessed, ActorSystem},
	{StateSent, ActionReject, StateRejected, ActorSystem},
	{StateProcessed, ActionIssue, StateIssued, ActorUser},
}

// Transitions returns a copy of the transition table, for documentation
// and for user interfaces that show the allowed actions.
func Transitions() []Rule { return slices.Clone(transitions[:]) }

// Allowed returns the actions an actor of the kind may perform on an
// application in the state, in the order of the table.
func Allowed(s State, k ActorKind) []Action {
	var out []Action
	for _, r := range transitions {
		if r.From == s && r.Actor == k {
			out = append(out, r.Action)
		}
	}
	return out
}

// lookupRule returns the rule for the action from the state, and whether the
// action exists from the state for some actor.
func lookupRule(s State, a Action) (Rule, bool) {
	for _, r := range transitions {
		if r.From == s && r.Action == a {
			return r, true
		}
	}
	return Rule{}, false
}

// Codes of the errors of transitions.
const (
	// CodeTransition: the action is not allowed in the application's
	// state, or not to this kind of actor. The error matches
	// ErrInvalidTransition.
	CodeTransition = "application.transition"
	// CodeTransitionData: the transition lacks the data its action needs
	// (registration number, account number, reason, time, actor). The error
	// is a *ValidationError matching ErrInvalid.
	CodeTransitionData = "application.transition.data"
)

// Transition is one request to change the state of an application, with
// the data its action carries. Fields an action does not use must be
// empty.
type Transition struct {
	// Action is what to do.
	Action Action `json:"action"`
	// Actor is who does it.
	Actor Actor `json:"actor"`
	// At is when it is done; the service takes it from its clock.
	At time.Time `json:"at"`
	// Comment is a free remark of the actor.
	Comment string `json:"comment,omitempty"`
	// RegNumber is the registration number Send assigns; required for
	// Send only.
	RegNumber string `json:"reg_number,omitempty"`
	// AccountNumber is the number of the account the provider opened;
	// required for Process only.
	AccountNumber string `json:"account_number,omitempty"`
	// UnifiedAccountID is the unified account number in GIS ZhKKh (ЕЛС)
	// of the opened account; optional, for Process only.
	UnifiedAccountID string `json:"unified_account_id,omitempty"`
	// ServiceID is the identifier of housing and communal services in GIS
	// ZhKKh (идентификатор ЖКУ) of the opened account; optional, for
	// Process only.
	ServiceID string `json:"service_id,omitempty"`
	// Reason is why the provider refused; required for Reject only.
	Reason string `json:"reason,omitempty"`
}

// Entry is one recorded transition of the history of an application: the
// transition as performed, with the states it connected.
type Entry struct {
	// From is the state before the transition.
	From State `json:"from"`
	// To is the state after it.
	To State `json:"to"`
	// Transition is the action, actor, time, comment and data.
	Transition
}

// transitionError is the error of an action not allowed in a state.
func transitionError(s State, t Transition) error {
	msg := fmt.Sprintf("Действие «%s» недопустимо: заявление в состоянии «%s»", t.Action.Russian(), s.Russian())
	if r, ok := lookupRule(s, t.Action); ok && r.Actor != t.Actor.Kind {
		msg = fmt.Sprintf("Действие «%s» в состоянии «%s» выполняет %s, а не %s",
			t.Action.Russian(), s.Russian(), r.Actor.Russian(), t.Actor.Kind.Russian())
	}
	return &Error{Kind: fault.InvalidTransition, Code: CodeTransition, Message: msg}
}

// transitionData returns the violations of the data t carries for its action.
func transitionData(t Transition) []Violation {
	var vs []Violation
	add := func(field, msg string) {
		vs = append(vs, Violation{Field: field, Code: CodeTransitionData, Message: msg})
	}
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	if t.Actor.ID == uuid.Nil {
		add("actor.id", "Не указан участник, выполняющий действие")
	}
	if t.At.IsZero() {
		add("at", "Не указано время действия")
	}
	if t.Action == ActionSend {
		if blank(t.RegNumber) {
			add("reg_number", "Не присвоен регистрационный номер заявления")
		}
	} else if t.RegNumber != "" {
		add("reg_number", "Регистрационный номер присваивается только при отправке")
	}
	if t.Action == ActionProcess {
		if blank(t.AccountNumber) {
			add("account_number", "Не указан номер открытого лицевого счета")
		}
	} else {
		for _, f := range []struct{ field, v string }{
			{"account_number", t.AccountNumber}, {"unified_account_id", t.UnifiedAccountID}, {"service_id", t.ServiceID},
		} {
			if f.v != "" {
				add(f.field, "Сведения о лицевом счете передаются только при отметке исполнения")
			}
		}
	}
	if t.Action == ActionReject {
		if blank(t.Reason) {
			add("reason", "Не указана причина отказа")
		}
	} else if t.Reason != "" {
		add("reason", "Причина указывается только при отказе")
	}
	return vs
}

// Apply performs the transition on a, consulting the transition table: it
// moves a to the rule's target state, appends an Entry to the history and,
// for Send, sets the registration number. It returns an *Error of kind
// ErrInvalidTransition with CodeTransition when the table has no line for
// the action from a's state by that kind of actor, and a *ValidationError
// (ErrInvalid, CodeTransitionData) when the action's data are missing or
// out of place. On any error a is left exactly as it was.
//
// Send must follow a successful CheckSend: Apply does not look at the
// application's contents.
func (a *Application) Apply(t Transition) error {
	s := a.State()
	r, ok := lookupRule(s, t.Action)
	if !ok || r.Actor != t.Actor.Kind {
		return transitionError(s, t)
	}
	if vs := transitionData(t); len(vs) > 0 {
		return &ValidationError{Violations: vs}
	}
	t.RegNumber = strings.TrimSpace(t.RegNumber)
	a.history = append(a.history, Entry{From: s, To: r.To, Transition: t})
	return nil
}

// State returns the current state of the application: the target of the
// last transition of its history, or Draft when there is none.
func (a *Application) State() State {
	if n := len(a.history); n > 0 {
		return a.history[n-1].To
	}
	return StateDraft
}

// History returns a copy of the recorded transitions, oldest first.
// Changing the copy does not change the application.
func (a *Application) History() []Entry { return slices.Clone(a.history) }

// RegNumber returns the registration number assigned at Send, or "" while
// the application is a draft.
func (a *Application) RegNumber() string {
	if e, ok := a.last(ActionSend); ok {
		return e.RegNumber
	}
	return ""
}

// OpenedAccount is the account the provider opened for a processed
// application.
type OpenedAccount struct {
	// Number is the account number.
	Number string `json:"number"`
	// UnifiedAccountID is the unified account number in GIS ZhKKh (ЕЛС),
	// when the provider gave it.
	UnifiedAccountID string `json:"unified_account_id,omitempty"`
	// ServiceID is the identifier of housing and communal services in GIS
	// ZhKKh (идентификатор ЖКУ), when the provider gave it.
	ServiceID string `json:"service_id,omitempty"`
}

// Account returns the account the provider opened, and false when the
// application has not been processed.
func (a *Application) Account() (OpenedAccount, bool) {
	e, ok := a.last(ActionProcess)
	if !ok {
		return OpenedAccount{}, false
	}
	return OpenedAccount{Number: e.AccountNumber, UnifiedAccountID: e.UnifiedAccountID, ServiceID: e.ServiceID}, true
}

// RejectionReason returns the reason of the provider's refusal, and false
// when the application has not been rejected.
func (a *Application) RejectionReason() (string, bool) {
	e, ok := a.last(ActionReject)
	return e.Reason, ok
}

func (a *Application) last(act Action) (Entry, bool) {
	for i := len(a.history) - 1; i >= 0; i-- {
		if a.history[i].Action == act {
			return a.history[i], true
		}
	}
	return Entry{}, false
}

// replayHistory rebuilds a history from stored entries by applying each through
// the table, so that a stored history that the state machine could not
// have produced is refused.
func replayHistory(entries []Entry) ([]Entry, error) {
	var b Application
	for i, e := range entries {
		if e.From != b.State() {
			return nil, fmt.Errorf("application: history[%d]: from %q, want %q: %w", i, e.From, b.State(), ErrInvalidTransition)
		}
		if err := b.Apply(e.Transition); err != nil {
			return nil, fmt.Errorf("application: history[%d]: %w", i, err)
		}
		if b.State() != e.To {
			return nil, fmt.Errorf("application: history[%d]: to %q, want %q: %w", i, e.To, b.State(), ErrInvalidTransition)
		}
	}
	return b.history, nil
}
