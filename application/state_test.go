package application_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/application"
)

// legal is the expected transition table, written out independently of
// the package's.
var legal = map[[3]string]application.State{
	{"draft", "send", "user"}:      application.StateSent,
	{"draft", "delete", "user"}:    application.StateDeleted,
	{"sent", "process", "system"}:  application.StateProcessed,
	{"sent", "reject", "system"}:   application.StateRejected,
	{"processed", "issue", "user"}: application.StateIssued,
}

func TestApplyEveryStateActionActor(t *testing.T) {
	t.Parallel()
	actors := []application.Actor{user, system}
	for _, s := range application.States() {
		for _, act := range application.Actions() {
			for _, who := range actors {
				name := fmt.Sprintf("%s/%s/%s", s, act, who.Kind)
				to, ok := legal[[3]string{string(s), string(act), string(who.Kind)}]
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					a := inState(t, s)
					before := a.Clone()
					tt := tr(act, who)
					err := a.Apply(tt)
					if ok {
						require.NoError(t, err)
						assert.Equal(t, to, a.State())
						h := a.History()
						require.Len(t, h, len(before.History())+1)
						assert.Equal(t, application.Entry{From: s, To: to, Transition: tt}, h[len(h)-1])
						return
					}
					require.ErrorIs(t, err, application.ErrInvalidTransition)
					require.False(t, errors.Is(err, application.ErrInvalid))
					var e *application.Error
					require.ErrorAs(t, err, &e)
					assert.Equal(t, application.CodeTransition, e.Code)
					assert.Contains(t, e.Message, s.Russian())
					assert.Contains(t, e.Message, act.Russian())
					assert.Equal(t, before, a, "a refused transition changes nothing")
				})
			}
		}
	}
}

func TestTransitionsMatchTable(t *testing.T) {
	t.Parallel()
	rules := application.Transitions()
	require.Len(t, rules, len(legal))
	for _, r := range rules {
		assert.Equal(t, r.To, legal[[3]string{string(r.From), string(r.Action), string(r.Actor)}], r)
		assert.False(t, r.From.Terminal())
	}
	rules[0].To = application.StateIssued
	assert.Equal(t, application.StateSent, application.Transitions()[0].To, "Transitions returns a copy")

	assert.Equal(t, []application.Action{application.ActionSend, application.ActionDelete}, application.Allowed(application.StateDraft, application.ActorUser))
	assert.Empty(t, application.Allowed(application.StateDraft, application.ActorSystem))
	assert.Equal(t, []application.Action{application.ActionProcess, application.ActionReject}, application.Allowed(application.StateSent, application.ActorSystem))
	for _, s := range application.States() {
		assert.True(t, s.Valid())
		if s.Terminal() {
			assert.Empty(t, append(application.Allowed(s, application.ActorUser), application.Allowed(s, application.ActorSystem)...))
		}
	}
	assert.False(t, application.State("archived").Valid())
	assert.Contains(t, application.State("archived").Russian(), "неизвестное")
}

func TestApplyWrongActorMessage(t *testing.T) {
	t.Parallel()
	a := inState(t, application.StateSent)
	err := a.Apply(tr(application.ActionProcess, user))
	var e *application.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "Действие «отметить исполнение» в состоянии «отправлено исполнителю ЖКУ» выполняет внешняя информационная система, а не специалист МФЦ", e.Message)

	err = validApp().Apply(tr(application.ActionIssue, user))
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "Действие «выдать документы» недопустимо: заявление в состоянии «черновик»", e.Message)

	err = validApp().Apply(application.Transition{Action: "archive", Actor: user, At: createdAt})
	require.ErrorIs(t, err, application.ErrInvalidTransition)
}

func TestApplyData(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		state application.State
		t     func() application.Transition
		field string
	}{
		{"send without number", application.StateDraft, func() application.Transition {
			x := tr(application.ActionSend, user)
			x.RegNumber = "  "
			return x
		}, "reg_number"},
		{"process without account", application.StateSent, func() application.Transition {
			x := tr(application.ActionProcess, system)
			x.AccountNumber = ""
			return x
		}, "account_number"},
		{"reject without reason", application.StateSent, func() application.Transition {
			x := tr(application.ActionReject, system)
			x.Reason = ""
			return x
		}, "reason"},
		{"no actor id", application.StateDraft, func() application.Transition {
			x := tr(application.ActionDelete, user)
			x.Actor.ID = uuid.Nil
			return x
		}, "actor.id"},
		{"no time", application.StateProcessed, func() application.Transition {
			x := tr(application.ActionIssue, user)
			x.At = time.Time{}
			return x
		}, "at"},
		{"reason on process", application.StateSent, func() application.Transition {
			x := tr(application.ActionProcess, system)
			x.Reason = "нет"
			return x
		}, "reason"},
		{"account on reject", application.StateSent, func() application.Transition {
			x := tr(application.ActionReject, system)
			x.ServiceID = "1"
			return x
		}, "service_id"},
		{"number on issue", application.StateProcessed, func() application.Transition {
			x := tr(application.ActionIssue, user)
			x.RegNumber = "R"
			return x
		}, "reg_number"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a := inState(t, c.state)
			before := a.Clone()
			err := a.Apply(c.t())
			got := violations(t, err)
			assert.Equal(t, map[string]string{c.field: application.CodeTransitionData}, got)
			assert.Equal(t, before, a)
		})
	}
}

func TestHistoryIsAppendOnlyCopy(t *testing.T) {
	t.Parallel()
	a := inState(t, application.StateIssued)
	h := a.History()
	require.Len(t, h, 3)
	want := a.Clone()
	h[0].RegNumber = "forged"
	h[1].To = application.StateRejected
	_ = append(h[:1], application.Entry{})
	assert.Equal(t, want, a)
	assert.Equal(t, "MFC01-2024-000001", a.RegNumber())
	assert.Equal(t, []application.State{application.StateDraft, application.StateSent, application.StateProcessed},
		[]application.State{a.History()[0].From, a.History()[1].From, a.History()[2].From})
}

func TestOutcomeAccessors(t *testing.T) {
	t.Parallel()
	d := validApp()
	assert.Empty(t, d.RegNumber())
	_, ok := d.Account()
	assert.False(t, ok)
	_, ok = d.RejectionReason()
	assert.False(t, ok)

	p := inState(t, application.StateIssued)
	acc, ok := p.Account()
	require.True(t, ok)
	assert.Equal(t, application.OpenedAccount{Number: "7700112233", UnifiedAccountID: "00АА000001", ServiceID: "00АА000001-01"}, acc)

	r := inState(t, application.StateRejected)
	reason, ok := r.RejectionReason()
	require.True(t, ok)
	assert.Equal(t, "Помещение не обслуживается", reason)
	assert.Equal(t, "MFC01-2024-000001", r.RegNumber())
}
