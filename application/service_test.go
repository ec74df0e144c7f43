package application_test

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/subject"
	"github.com/openzhkh/zhkh/subject/subjecttest"
)

// svcEnv is a Service over the memory adapters,
// with a provider whose package needs a passport and another provider
// with its own system.
type svcEnv struct {
	svc       *application.Service
	cfg       application.ServiceConfig
	repo      *memory.ApplicationRepository
	notifier  *memory.Notifier
	regs      *memory.RegNumbers
	docs      *memory.DocumentRepository
	provider  application.Provider
	other     application.Provider
	system    uuid.UUID
	otherSys  uuid.UUID
	premise   uuid.UUID
	passport  uuid.UUID
	applicant uuid.UUID
	user      uuid.UUID
	now       atomic.Int64 // seconds after svcStart
	ids       atomic.Uint64
}

var svcStart = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)

func (e *svcEnv) clock() time.Time { return svcStart.Add(time.Duration(e.now.Add(1)) * time.Second) }

func (e *svcEnv) newID() (uuid.UUID, error) {
	var u uuid.UUID
	binary.BigEndian.PutUint64(u[8:], e.ids.Add(1))
	u[0], u[6], u[8] = 0x5e, 0x70|u[6]&0x0f, 0x80|u[8]&0x3f
	return u, nil
}

func mustID(t testing.TB, e *svcEnv) uuid.UUID {
	id, err := e.newID()
	require.NoError(t, err)
	return id
}

func anyType(string) (document.Validator, bool) {
	return document.ValidatorFunc(func(document.Values) error { return nil }), true
}

// newSvcEnv builds the environment; pkg is the package of the main
// provider.
func newSvcEnv(t testing.TB, pkg []document.Item) *svcEnv {
	ctx := context.Background()
	e := &svcEnv{repo: memory.NewApplicationRepository(), notifier: memory.NewNotifier(), regs: memory.NewRegNumbers(), docs: memory.NewDocumentRepository()}
	providers := memory.NewProviderRepository()
	addresses := memory.NewAddressRepository()
	o, err := address.NewGraph(addresses, e.newID).AddObject(ctx, address.Object{Level: address.LevelPremise, Type: "кв.", Name: "12"})
	require.NoError(t, err)
	e.premise = o.ID
	e.system, e.otherSys, e.applicant, e.user = mustID(t, e), mustID(t, e), mustID(t, e), mustID(t, e)
	e.provider = application.Provider{ID: mustID(t, e), LegalEntity: mustID(t, e), Kind: application.ProviderManagingOrganisation,
		Documents: document.Package{Name: "Пакет УО", Items: pkg},
		System:    application.ExternalSystem{ID: e.system, Name: "Система УО", BaseURL: "https://uo.example.ru/api"}}
	e.other = application.Provider{ID: mustID(t, e), LegalEntity: mustID(t, e), Kind: application.ProviderResourceSupplier,
		System: application.ExternalSystem{ID: e.otherSys, Name: "Система РСО", BaseURL: "https://rso.example.ru/api"}}
	require.NoError(t, providers.Create(ctx, e.provider))
	require.NoError(t, providers.Create(ctx, e.other))
	e.passport = mustID(t, e)
	require.NoError(t, e.docs.Create(ctx, document.Document{ID: e.passport, Type: "passport_rf",
		Values: document.Values{"series": "4510"}, Subjects: []uuid.UUID{e.applicant}, Version: 1}))
	e.cfg = application.ServiceConfig{
		Applications: e.repo, Providers: providers, Documents: e.docs, Types: anyType, Addresses: addresses,
		RegNumbers: e.regs, Notifier: e.notifier, Now: e.clock, NewID: e.newID, Location: time.UTC,
	}
	e.svc = application.NewService(e.cfg)
	return e
}

// draft is a complete application to the main provider.
func (e *svcEnv) draft() application.Application {
	return application.Application{
		Premise:   application.Premise{Object: e.premise, Area: decimal.RequireFromString("42.5"), Rooms: 2, Purpose: "residential"},
		Applicant: e.applicant,
		Contacts: []subject.Contact{{Channel: subject.ChannelPhone, Value: "+79123456789"},
			{Channel: subject.ChannelEmail, Value: "ivanov@example.ru", Preferred: true}},
		Provider: e.provider.ID,
		Rights: []subject.Right{{ID: uuid.MustParse("0190a0a0-0000-7000-8000-000000000001"), Premise: e.premise, Kind: subject.RightSole,
			Registered: application.Date{Year: 2020, Month: time.June, Day: 1},
			Owners:     []subject.Owner{{Subject: e.applicant, Kind: subject.OwnerPerson}}}},
		Documents: []uuid.UUID{e.passport},
	}
}

var passportItem = []document.Item{{Type: "passport_rf", Name: "Паспорт гражданина РФ", Required: true}}

func TestServiceFullCycle(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	e := newSvcEnv(t, passportItem)

	a, err := e.svc.CreateDraft(ctx, e.user, "MFC01", e.draft())
	require.NoError(t, err)
	assert.Equal(t, application.StateDraft, a.State())
	assert.Equal(t, e.user, a.CreatedBy)
	assert.Equal(t, "MFC01", a.Office)
	assert.False(t, a.CreatedAt.IsZero())
	assert.NotEqual(t, uuid.Nil, a.ID)

	a, err = e.svc.UpdateDraft(ctx, e.user, a.ID, func(d *application.Application) error {
		d.Premise.Rooms = 3
		d.Office = "OTHER" // ignored: the office is fixed at creation
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 3, a.Premise.Rooms)
	assert.Equal(t, "MFC01", a.Office)

	// Not sent yet: invisible to the provider's system.
	_, err = e.svc.Fetch(ctx, e.system, a.ID)
	require.ErrorIs(t, err, application.ErrNotFound)

	a, err = e.svc.Send(ctx, e.user, a.ID, "Отправлено")
	require.NoError(t, err)
	assert.Equal(t, application.StateSent, a.State())
	assert.Equal(t, "MFC01-2026-000001", a.RegNumber())

	list, next, err := e.svc.Incoming(ctx, e.system, application.IncomingQuery{Provider: e.provider.ID})
	require.NoError(t, err)
	assert.Empty(t, next)
	require.Len(t, list, 1)
	assert.Equal(t, a.ID, list[0].ID)

	got, err := e.svc.Fetch(ctx, e.system, a.ID)
	require.NoError(t, err)
	assert.Equal(t, a.RegNumber(), got.RegNumber())
	assert.Equal(t, a.Documents, got.Documents)

	a, err = e.svc.Process(ctx, e.system, a.ID, application.ProcessInput{
		Account: application.OpenedAccount{Number: " 7700123 ", UnifiedAccountID: "12АБ345678"}, Comment: "Открыт"})
	require.NoError(t, err)
	assert.Equal(t, application.StateProcessed, a.State())
	acc, ok := a.Account()
	require.True(t, ok)
	assert.Equal(t, "7700123", acc.Number)

	sent := e.notifier.Sent()
	require.Len(t, sent, 1)
	assert.Equal(t, application.NotificationProcessed, sent[0].Kind)
	assert.Equal(t, a.ID, sent[0].Application)
	assert.Equal(t, "ivanov@example.ru", sent[0].To.Value)
	assert.Contains(t, sent[0].Body, "MFC01-2026-000001")
	assert.Contains(t, sent[0].Body, "7700123")

	a, err = e.svc.Issue(ctx, e.user, a.ID, "Выдано лично")
	require.NoError(t, err)
	assert.Equal(t, application.StateIssued, a.State())

	h := a.History()
	require.Len(t, h, 3)
	assert.Equal(t, application.ActorSystem, h[1].Actor.Kind)
	assert.Equal(t, e.system, h[1].Actor.ID)
	assert.Equal(t, e.user, h[2].Actor.ID)

	stored, err := e.svc.Get(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, application.StateIssued, stored.State())
}

func TestServiceRejectNotifies(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	e := newSvcEnv(t, passportItem)
	a, err := e.svc.CreateDraft(ctx, e.user, "MFC01", e.draft())
	require.NoError(t, err)
	_, err = e.svc.Send(ctx, e.user, a.ID, "")
	require.NoError(t, err)

	_, err = e.svc.Reject(ctx, e.system, a.ID, " ", "")
	require.ErrorIs(t, err, application.ErrInvalid)

	a, err = e.svc.Reject(ctx, e.system, a.ID, "Помещение не обслуживается", "")
	require.NoError(t, err)
	assert.Equal(t, application.StateRejected, a.State())
	sent := e.notifier.Sent()
	require.Len(t, sent, 1)
	assert.Equal(t, application.NotificationRejected, sent[0].Kind)
	assert.Contains(t, sent[0].Body, "Помещение не обслуживается.")

	// Terminal: neither side may act any more.
	_, err = e.svc.Process(ctx, e.system, a.ID, application.ProcessInput{Account: application.OpenedAccount{Number: "1"}})
	assertTransition(t, err)
	_, err = e.svc.Issue(ctx, e.user, a.ID, "")
	assertTransition(t, err)
}

func assertTransition(t *testing.T, err error) {
	t.Helper()
	require.ErrorIs(t, err, application.ErrInvalidTransition)
	var fe *application.Error
	require.ErrorAs(t, err, &fe)
	assert.NotEmpty(t, fe.Code)
	assert.NotEmpty(t, fe.Message)
}

func TestServiceRefusedSendTakesNoNumber(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	e := newSvcEnv(t, passportItem)
	d := e.draft()
	d.Documents = nil
	d.Contacts = nil
	d.Premise.Purpose = ""
	d.Rights = nil
	a, err := e.svc.CreateDraft(ctx, e.user, "MFC01", d)
	require.NoError(t, err)

	_, err = e.svc.Send(ctx, e.user, a.ID, "")
	require.ErrorIs(t, err, application.ErrInvalid)
	var ve *application.ValidationError
	require.ErrorAs(t, err, &ve)
	fields := map[string]string{}
	for _, v := range ve.Violations {
		fields[v.Field] = v.Code
		assert.NotEmpty(t, v.Message)
	}
	assert.Equal(t, application.CodeContactsRequired, fields["contacts"])
	assert.Equal(t, application.CodePremisePurpose, fields["premise.purpose"])
	assert.Equal(t, application.CodeRightsRequired, fields["rights"])
	assert.Len(t, ve.Violations, 4, "every violation at once: %v", ve.Violations) // and the missing passport
	stored, err := e.svc.Get(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, application.StateDraft, stored.State())
	assert.Equal(t, a.Version, stored.Version, "a refused send changes nothing")

	// Completed, it gets the first number: the refused send took none.
	full := e.draft()
	_, err = e.svc.UpdateDraft(ctx, e.user, a.ID, func(x *application.Application) error {
		x.Documents, x.Contacts, x.Premise, x.Rights = full.Documents, full.Contacts, full.Premise, full.Rights
		return nil
	})
	require.NoError(t, err)
	a, err = e.svc.Send(ctx, e.user, a.ID, "")
	require.NoError(t, err)
	assert.Equal(t, "MFC01-2026-000001", a.RegNumber())
}

func TestServiceSendLoadsFacts(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	e := newSvcEnv(t, passportItem)
	d := e.draft()
	d.Provider = uuid.MustParse("0190a0a0-0000-7000-8000-0000000000ff")
	missing := uuid.MustParse("0190a0a0-0000-7000-8000-0000000000fe")
	d.Documents = append(d.Documents, missing)
	a, err := e.svc.CreateDraft(ctx, e.user, "MFC01", d)
	require.NoError(t, err)
	_, err = e.svc.Send(ctx, e.user, a.ID, "")
	var ve *application.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has(application.CodeProviderMissing))
	assert.True(t, ve.Has(application.CodeDocumentNotLoaded))
}

func TestServiceDraftRules(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	e := newSvcEnv(t, nil)

	_, err := e.svc.CreateDraft(ctx, e.user, "мфц", e.draft())
	var ve *application.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has(application.CodeRegOffice))
	_, err = e.svc.CreateDraft(ctx, uuid.Nil, "MFC01", e.draft())
	require.ErrorIs(t, err, application.ErrInvalid)
	bad := e.draft()
	bad.Premise.Rooms = -1
	_, err = e.svc.CreateDraft(ctx, e.user, "MFC01", bad)
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has(application.CodePremiseRooms))

	a, err := e.svc.CreateDraft(ctx, e.user, "MFC01", e.draft())
	require.NoError(t, err)
	_, err = e.svc.UpdateDraft(ctx, e.user, a.ID, func(x *application.Application) error { x.Premise.Rooms = -2; return nil })
	require.ErrorIs(t, err, application.ErrInvalid)
	boom := errors.New("boom")
	_, err = e.svc.UpdateDraft(ctx, e.user, a.ID, func(*application.Application) error { return boom })
	require.ErrorIs(t, err, boom)
	_, err = e.svc.UpdateDraft(ctx, e.user, uuid.Nil, func(*application.Application) error { return nil })
	require.ErrorIs(t, err, application.ErrNotFound)

	// Issue before processing, a second send, edits and deletion after sending.
	_, err = e.svc.Issue(ctx, e.user, a.ID, "")
	assertTransition(t, err)
	_, err = e.svc.Send(ctx, e.user, a.ID, "")
	require.NoError(t, err)
	_, err = e.svc.Send(ctx, e.user, a.ID, "")
	assertTransition(t, err)
	_, err = e.svc.UpdateDraft(ctx, e.user, a.ID, func(*application.Application) error { return nil })
	assertTransition(t, err)
	assert.True(t, errorHasCode(err, application.CodeDraftOnly))
	_, err = e.svc.Delete(ctx, e.user, a.ID)
	assertTransition(t, err)

	b, err := e.svc.CreateDraft(ctx, e.user, "MFC01", e.draft())
	require.NoError(t, err)
	b, err = e.svc.Delete(ctx, e.user, b.ID)
	require.NoError(t, err)
	assert.Equal(t, application.StateDeleted, b.State())
	_, err = e.svc.Send(ctx, e.user, b.ID, "")
	assertTransition(t, err)
	n, err := e.regs.Next(ctx, "MFC01", 2026)
	require.NoError(t, err)
	assert.Equal(t, "MFC01-2026-000002", n, "only the one send took a number")
}

func errorHasCode(err error, code string) bool {
	var fe *application.Error
	return errors.As(err, &fe) && fe.Code == code
}

func TestServiceScopedToProvider(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	e := newSvcEnv(t, nil)
	a, err := e.svc.CreateDraft(ctx, e.user, "MFC01", e.draft())
	require.NoError(t, err)
	_, err = e.svc.Send(ctx, e.user, a.ID, "")
	require.NoError(t, err)

	// The other provider's system sees nothing, as if it did not exist.
	_, err = e.svc.Fetch(ctx, e.otherSys, a.ID)
	require.ErrorIs(t, err, application.ErrNotFound)
	_, missing := e.svc.Fetch(ctx, e.otherSys, uuid.MustParse("0190a0a0-0000-7000-8000-0000000000aa"))
	assert.True(t, errorHasCode(err, application.CodeNotFound))
	assert.True(t, errorHasCode(missing, application.CodeNotFound), "the same error as for a missing one")
	_, err = e.svc.Process(ctx, e.otherSys, a.ID, application.ProcessInput{Account: application.OpenedAccount{Number: "1"}})
	require.ErrorIs(t, err, application.ErrNotFound)
	_, err = e.svc.Reject(ctx, e.otherSys, a.ID, "Нет", "")
	require.ErrorIs(t, err, application.ErrNotFound)

	// Listing another provider is forbidden; its own list is empty.
	_, _, err = e.svc.Incoming(ctx, e.otherSys, application.IncomingQuery{Provider: e.provider.ID})
	require.ErrorIs(t, err, application.ErrForbidden)
	list, _, err := e.svc.Incoming(ctx, e.otherSys, application.IncomingQuery{})
	require.NoError(t, err)
	assert.Empty(t, list)

	// An unknown system represents nobody.
	unknown := uuid.MustParse("0190a0a0-0000-7000-8000-0000000000bb")
	_, err = e.svc.Fetch(ctx, unknown, a.ID)
	require.ErrorIs(t, err, application.ErrForbidden)

	stored, err := e.svc.Get(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, application.StateSent, stored.State())
	assert.Empty(t, e.notifier.Sent())
}

// failingNotifier fails every notification.
type failingNotifier struct{}

func (failingNotifier) Notify(context.Context, application.Notification) error {
	return errors.New("smtp: connection refused")
}

func TestServiceDeliveryAndNotifyFailure(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	e := newSvcEnv(t, nil)
	providers := memory.NewProviderRepository()
	require.NoError(t, providers.Create(ctx, e.provider))
	addresses := memory.NewAddressRepository()
	o, err := address.NewGraph(addresses, e.newID).AddObject(ctx, address.Object{ID: e.premise, Level: address.LevelPremise, Name: "12"})
	require.NoError(t, err)
	svc := application.NewService(application.ServiceConfig{
		Applications: e.repo, Providers: providers, Documents: e.docs, Types: anyType, Addresses: addresses,
		RegNumbers: e.regs, Notifier: failingNotifier{}, Now: e.clock, NewID: e.newID,
		RequiredForms: func(application.Provider) []string { return nil },
	})
	require.Equal(t, e.premise, o.ID)
	a, err := svc.CreateDraft(ctx, e.user, "MFC01", e.draft())
	require.NoError(t, err)
	_, err = svc.Send(ctx, e.user, a.ID, "")
	require.NoError(t, err)

	fetched, err := svc.Fetch(ctx, e.system, a.ID)
	require.NoError(t, err)
	first := fetched.DeliveredAt
	assert.False(t, first.IsZero(), "the first fetch records the delivery")
	again, err := svc.Fetch(ctx, e.system, a.ID)
	require.NoError(t, err)
	assert.Equal(t, first, again.DeliveredAt, "only the first fetch counts")
	assert.Equal(t, fetched.Version, again.Version, "a later fetch writes nothing")

	got, err := svc.Process(ctx, e.system, a.ID, application.ProcessInput{Account: application.OpenedAccount{Number: "42"}})
	var ne *application.NotifyError
	require.ErrorAs(t, err, &ne)
	assert.Equal(t, a.ID, ne.Application)
	assert.Contains(t, err.Error(), "уведомление заявителю не отправлено")
	require.NotNil(t, got, "the transition stands")
	assert.Equal(t, application.StateProcessed, got.State())
	stored, err := svc.Get(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, application.StateProcessed, stored.State())
}

func TestServiceNoEmailNoNotification(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	e := newSvcEnv(t, nil)
	d := e.draft()
	d.Contacts = d.Contacts[:1] // phone only
	a, err := e.svc.CreateDraft(ctx, e.user, "MFC01", d)
	require.NoError(t, err)
	_, err = e.svc.Send(ctx, e.user, a.ID, "")
	require.NoError(t, err)
	_, err = e.svc.Process(ctx, e.system, a.ID, application.ProcessInput{Account: application.OpenedAccount{Number: "42"}})
	require.NoError(t, err)
	assert.Empty(t, e.notifier.Sent())
}

func TestServiceConcurrentSends(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	e := newSvcEnv(t, nil)
	const n = 20
	ids := make([]uuid.UUID, n)
	for i := range ids {
		a, err := e.svc.CreateDraft(ctx, e.user, "MFC01", e.draft())
		require.NoError(t, err)
		ids[i] = a.ID
	}
	var wg sync.WaitGroup
	nums := make([]string, n)
	for i := range n {
		wg.Go(func() {
			a, err := e.svc.Send(ctx, e.user, ids[i], "")
			if assert.NoError(t, err) {
				nums[i] = a.RegNumber()
			}
		})
	}
	wg.Wait()
	slices.Sort(nums)
	for i, num := range nums {
		assert.Equal(t, "MFC01-2026-"+fmt.Sprintf("%06d", i+1), num)
	}
}

// BenchmarkFullCycle measures one application through create, send,
// process (with the e-mail recorded by the memory notifier) and issue, on
// the fake repository and the memory adapters, with a provider package
// that requires nothing.
func BenchmarkFullCycle(b *testing.B) {
	ctx := context.Background()
	e := newSvcEnv(b, nil)
	d := e.draft()
	d.Documents = nil
	account := application.ProcessInput{Account: application.OpenedAccount{Number: "7700123"}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		office := "B" + strconv.Itoa(i/900000) // a year of an office has 999999 numbers
		a, err := e.svc.CreateDraft(ctx, e.user, office, d)
		if err != nil {
			b.Fatal(err)
		}
		if _, err = e.svc.Send(ctx, e.user, a.ID, ""); err != nil {
			b.Fatal(err)
		}
		if _, err = e.svc.Process(ctx, e.system, a.ID, account); err != nil {
			b.Fatal(err)
		}
		if _, err = e.svc.Issue(ctx, e.user, a.ID, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "applications/s")
}

func TestServiceSendChecksPersonsInTheRegister(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	e := newSvcEnv(t, nil)
	persons := memory.NewPersonRepository()
	cfg := e.cfg
	cfg.Persons = persons
	svc := application.NewService(cfg)
	a, err := svc.CreateDraft(ctx, e.user, "MFC01", e.draft())
	require.NoError(t, err)

	_, err = svc.Send(ctx, e.user, a.ID, "")
	var ve *application.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has(application.CodePersonMissing), "%v", err)
	assert.Equal(t, "applicant", ve.Violations[len(ve.Violations)-1].Field)

	p := subjecttest.Person(7)
	p.ID, p.Version = e.applicant, 1
	require.NoError(t, persons.Create(ctx, p))
	sent, err := svc.Send(ctx, e.user, a.ID, "")
	require.NoError(t, err, "the applicant is in the register now")
	assert.Equal(t, application.StateSent, sent.State())
}

// editingRepo edits the draft once, right before the Update of a Send, as
// another specialist saving the same draft at that moment would.
type editingRepo struct {
	*memory.ApplicationRepository
	once sync.Once
}

func (r *editingRepo) Update(ctx context.Context, id uuid.UUID, fn func(*application.Application) error) (*application.Application, error) {
	var err error
	r.once.Do(func() {
		_, err = r.ApplicationRepository.Update(ctx, id, func(a *application.Application) error {
			a.Premise.Rooms++
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return r.ApplicationRepository.Update(ctx, id, fn)
}

func TestServiceSendRefusesADraftChangedAfterTheCheck(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	e := newSvcEnv(t, nil)
	a, err := e.svc.CreateDraft(ctx, e.user, "MFC01", e.draft())
	require.NoError(t, err)
	cfg := e.cfg
	cfg.Applications = &editingRepo{ApplicationRepository: e.repo}
	svc := application.NewService(cfg)

	_, err = svc.Send(ctx, e.user, a.ID, "")
	require.ErrorIs(t, err, application.ErrConflict)
	var ae *application.Error
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, application.CodeStale, ae.Code)
	stored, err := e.svc.Get(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, application.StateDraft, stored.State(), "nothing was sent")
	assert.Equal(t, a.Premise.Rooms+1, stored.Premise.Rooms)

	sent, err := svc.Send(ctx, e.user, a.ID, "")
	require.NoError(t, err, "sending again checks the edited draft and succeeds")
	assert.Equal(t, "MFC01-2026-000002", sent.RegNumber(), "the number the stale Send took is a gap")
}
