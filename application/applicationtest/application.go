package applicationtest

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/internal/conformance"
)

// RunRepository runs the conformance suite of the application.Repository
// port. An integrator who writes an adapter runs it from the adapter's
// own tests:
//
//	func TestRepository(t *testing.T) {
//		applicationtest.RunRepository(t, func(t *testing.T) application.Repository {
//			return myadapter.New(...)
//		})
//	}
//
// Every subtest calls newRepo for a fresh, empty repository of its own and
// runs in parallel with the others, so newRepo must return independent
// repositories. The suite checks Create, Get and their errors, Update
// (version bump, fn's error returned as it is and nothing changed),
// copies (no aliasing of what goes in or comes out), Incoming (filtering
// by provider, state and time, paging through every page by cursor in a
// stable order without duplicates, limit and cursor validation),
// ProcessedBetween, cancelled contexts, concurrent Updates of one
// application (none is lost), and 50 goroutines racing the same
// transition of one application (exactly one wins, the others get
// ErrInvalidTransition). Run it with -race.
func RunRepository(t *testing.T, newRepo func(t *testing.T) application.Repository) {
	conformance.Run(t, newRepo, []conformance.Case[application.Repository]{
		{Name: "CreateGet", Run: appCreateGet},
		{Name: "CreateExists", Run: appCreateExists},
		{Name: "NotFound", Run: appNotFound},
		{Name: "Update", Run: appUpdate},
		{Name: "UpdateError", Run: appUpdateError},
		{Name: "HistoryAppendOnly", Run: appHistoryAppendOnly},
		{Name: "Copies", Run: appCopies},
		{Name: "Incoming", Run: appIncoming},
		{Name: "IncomingPaging", Run: appIncomingPaging},
		{Name: "IncomingDefaultLimit", Run: appIncomingDefaultLimit},
		{Name: "IncomingInvalid", Run: appIncomingInvalid},
		{Name: "ProcessedBetween", Run: appProcessedBetween},
		{Name: "CanceledContext", Run: appCanceled},
		{Name: "ConcurrentUpdates", Run: appConcurrentUpdates},
		{Name: "RaceTransition", Run: appRaceTransition},
	})
}

const (
	kindApplication byte = 0x11
	kindAppProvider byte = 0x12
	kindPerson      byte = 0x13
	kindActor       byte = 0x14
	kindDocument    byte = 0x15
)

// appT0 is the time the suite's applications are created; they are sent
// and processed later.
var appT0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

var (
	mfcUser     = application.Actor{Kind: application.ActorUser, ID: provUUID(kindActor, 1)}
	systemActor = application.Actor{Kind: application.ActorSystem, ID: provUUID(kindActor, 2)}
)

// testApplication returns draft number n of provider p.
func testApplication(n, p int) *application.Application {
	return &application.Application{
		ID:        provUUID(kindApplication, n),
		Premise:   application.Premise{Object: provUUID(kindArea, n), Area: decimal.RequireFromString("54.3"), Rooms: 2, Purpose: "residential"},
		Applicant: provUUID(kindPerson, n),
		Provider:  provUUID(kindAppProvider, p),
		Documents: []uuid.UUID{provUUID(kindDocument, n)},
		CreatedBy: mfcUser.ID,
		Office:    "01",
		CreatedAt: appT0,
	}
}

func sendTransition(at time.Time) application.Transition {
	return application.Transition{Action: application.ActionSend, Actor: mfcUser, At: at, RegNumber: "01-2025-000001"}
}

func processTransition(at time.Time) application.Transition {
	return application.Transition{Action: application.ActionProcess, Actor: systemActor, At: at, AccountNumber: "ЛС-100"}
}

// appApply applies the transitions to the stored application through
// Update.
func appApply(t *testing.T, repo application.Repository, id uuid.UUID, ts ...application.Transition) *application.Application {
	t.Helper()
	var got *application.Application
	for _, tr := range ts {
		var err error
		got, err = repo.Update(t.Context(), id, func(a *application.Application) error { return a.Apply(tr) })
		require.NoError(t, err, "apply %s to %s", tr.Action, id)
	}
	return got
}

func appCreate(t *testing.T, repo application.Repository, as ...*application.Application) {
	t.Helper()
	for _, a := range as {
		require.NoError(t, repo.Create(t.Context(), a), "create %s", a.ID)
	}
}

func appIDs(as []*application.Application) []uuid.UUID {
	out := []uuid.UUID{}
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func appCreateGet(t *testing.T, repo application.Repository) {
	a := testApplication(1, 1)
	a.Version = 7
	appCreate(t, repo, a)
	got, err := repo.Get(t.Context(), a.ID)
	require.NoError(t, err)
	want := a.Clone()
	want.Version = 1
	assert.Equal(t, want, got)
	assert.Equal(t, application.StateDraft, got.State())

	// An application stored with a history keeps it.
	b := testApplication(2, 1)
	require.NoError(t, b.Apply(sendTransition(appT0.Add(time.Hour))))
	appCreate(t, repo, b)
	got, err = repo.Get(t.Context(), b.ID)
	require.NoError(t, err)
	assert.Equal(t, application.StateSent, got.State())
	assert.Equal(t, b.History(), got.History())
	assert.Equal(t, "01-2025-000001", got.RegNumber())
}

func appCreateExists(t *testing.T, repo application.Repository) {
	a := testApplication(1, 1)
	appCreate(t, repo, a)
	other := testApplication(2, 2)
	other.ID = a.ID
	err := repo.Create(t.Context(), other)
	require.ErrorIs(t, err, application.ErrConflict)
	got, err := repo.Get(t.Context(), a.ID)
	require.NoError(t, err)
	assert.Equal(t, a.Provider, got.Provider)
	assert.Equal(t, int64(1), got.Version)
}

func appNotFound(t *testing.T, repo application.Repository) {
	id := provUUID(kindApplication, 99)
	_, err := repo.Get(t.Context(), id)
	require.ErrorIs(t, err, application.ErrNotFound)
	called := false
	_, err = repo.Update(t.Context(), id, func(*application.Application) error { called = true; return nil })
	require.ErrorIs(t, err, application.ErrNotFound)
	assert.False(t, called, "fn called for a missing application")
}

func appUpdate(t *testing.T, repo application.Repository) {
	a := testApplication(1, 1)
	appCreate(t, repo, a)
	got, err := repo.Update(t.Context(), a.ID, func(a *application.Application) error {
		assert.Equal(t, int64(1), a.Version)
		a.Office = "02"
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, int64(2), got.Version)
	assert.Equal(t, "02", got.Office)
	stored, err := repo.Get(t.Context(), a.ID)
	require.NoError(t, err)
	assert.Equal(t, got, stored)

	got = appApply(t, repo, a.ID, sendTransition(appT0.Add(time.Hour)))
	assert.Equal(t, int64(3), got.Version)
	assert.Equal(t, application.StateSent, got.State())
	stored, err = repo.Get(t.Context(), a.ID)
	require.NoError(t, err)
	assert.Equal(t, got, stored)
}

func appUpdateError(t *testing.T, repo application.Repository) {
	a := testApplication(1, 1)
	appCreate(t, repo, a)
	before, err := repo.Get(t.Context(), a.ID)
	require.NoError(t, err)
	boom := errors.New("boom")
	_, err = repo.Update(t.Context(), a.ID, func(a *application.Application) error {
		a.Office = "99"
		a.Documents[0] = uuid.Nil
		require.NoError(t, a.Apply(sendTransition(appT0.Add(time.Hour))))
		return boom
	})
	require.Equal(t, boom, err, "fn's error as it is")
	after, err := repo.Get(t.Context(), a.ID)
	require.NoError(t, err)
	assert.Equal(t, before, after, "a failed Update changed the application")
	// A failed Send is not listed.
	page, _, err := repo.Incoming(t.Context(), application.IncomingQuery{Provider: a.Provider})
	require.NoError(t, err)
	assert.Empty(t, page)
}

// appHistoryAppendOnly: an Update that changes or removes stored history
// entries is refused, and nothing changes.
func appHistoryAppendOnly(t *testing.T, repo application.Repository) {
	a := testApplication(1, 1)
	appCreate(t, repo, a)
	sent := appApply(t, repo, a.ID, sendTransition(appT0.Add(time.Hour)))
	for name, rewrite := range map[string]func([]application.Entry) []application.Entry{
		"changed comment": func(h []application.Entry) []application.Entry { h[0].Comment = "переписано"; return h },
		"changed time":    func(h []application.Entry) []application.Entry { h[0].At = h[0].At.Add(time.Second); return h },
		"removed":         func(h []application.Entry) []application.Entry { return h[:0] },
	} {
		_, err := repo.Update(t.Context(), a.ID, func(a *application.Application) error {
			return a.Restore(rewrite(a.History()))
		})
		require.ErrorIs(t, err, application.ErrConflict, name)
		var ae *application.Error
		require.ErrorAs(t, err, &ae, name)
		assert.Equal(t, application.CodeApplicationHistory, ae.Code, name)
		after, err := repo.Get(t.Context(), a.ID)
		require.NoError(t, err)
		assert.Equal(t, sent, after, "%s: a refused Update changed the application", name)
	}
	// The same instant in another zone is the same entry.
	_, err := repo.Update(t.Context(), a.ID, func(a *application.Application) error {
		h := a.History()
		h[0].At = h[0].At.In(time.FixedZone("MSK", 3*3600))
		return a.Restore(h)
	})
	require.NoError(t, err)
}

func appCopies(t *testing.T, repo application.Repository) {
	a := testApplication(1, 1)
	appCreate(t, repo, a)
	want, err := repo.Get(t.Context(), a.ID)
	require.NoError(t, err)

	// What went into Create.
	a.Office = "99"
	a.Documents[0] = uuid.Nil
	require.NoError(t, a.Apply(sendTransition(appT0.Add(time.Hour))))
	// What Get returned.
	got, err := repo.Get(t.Context(), want.ID)
	require.NoError(t, err)
	got.Documents[0] = uuid.Nil
	got.Premise.Rooms = 9
	require.NoError(t, got.Apply(sendTransition(appT0.Add(time.Hour))))
	again, err := repo.Get(t.Context(), want.ID)
	require.NoError(t, err)
	assert.Equal(t, want, again)

	// The copy fn received, kept after Update, and what Update returned.
	var kept *application.Application
	updated, err := repo.Update(t.Context(), want.ID, func(a *application.Application) error { kept = a; return nil })
	require.NoError(t, err)
	stored, err := repo.Get(t.Context(), want.ID)
	require.NoError(t, err)
	kept.Documents[0] = uuid.Nil
	kept.Office = "98"
	updated.Documents[0] = uuid.Nil
	require.NoError(t, updated.Apply(sendTransition(appT0.Add(time.Hour))))
	again, err = repo.Get(t.Context(), want.ID)
	require.NoError(t, err)
	assert.Equal(t, stored, again)
	assert.Equal(t, application.StateDraft, again.State())

	// What Incoming and ProcessedBetween returned.
	appApply(t, repo, want.ID, sendTransition(appT0.Add(time.Hour)), processTransition(appT0.Add(2*time.Hour)))
	stored, err = repo.Get(t.Context(), want.ID)
	require.NoError(t, err)
	page, _, err := repo.Incoming(t.Context(), application.IncomingQuery{Provider: want.Provider})
	require.NoError(t, err)
	require.Len(t, page, 1)
	page[0].Documents[0] = uuid.Nil
	done, err := repo.ProcessedBetween(t.Context(), appT0, appT0.Add(24*time.Hour))
	require.NoError(t, err)
	require.Len(t, done, 1)
	done[0].Office = "97"
	again, err = repo.Get(t.Context(), want.ID)
	require.NoError(t, err)
	assert.Equal(t, stored, again)
}

// incomingFixture stores applications of providers 1 and 2 and returns
// the IDs of provider 1's sent applications in the order Incoming lists
// them, with their states. Applications 1..20 of provider 1 are sent at
// appT0 plus (20-n) minutes, so that ID order and time order disagree;
// 21 and 22 are sent at the same time as 5 (tie broken by ID); every
// third is processed and every fifth rejected. Drafts, deleted drafts
// and provider 2's applications are not listed.
func incomingFixture(t *testing.T, repo application.Repository) ([]uuid.UUID, map[uuid.UUID]application.State) {
	t.Helper()
	type sent struct {
		id    uuid.UUID
		at    time.Time
		state application.State
	}
	var all []sent
	add := func(n, p int, at time.Time, then *application.Transition) {
		a := testApplication(n, p)
		appCreate(t, repo, a)
		appApply(t, repo, a.ID, sendTransition(at))
		st := application.StateSent
		if then != nil {
			appApply(t, repo, a.ID, *then)
			st = map[application.Action]application.State{application.ActionProcess: application.StateProcessed,
				application.ActionReject: application.StateRejected}[then.Action]
		}
		if p == 1 {
			all = append(all, sent{a.ID, at, st})
		}
	}
	sendAt := func(n int) time.Time { return appT0.Add(time.Duration(20-n) * time.Minute) }
	for n := 1; n <= 22; n++ {
		at := sendAt(n)
		if n > 20 {
			at = sendAt(5)
		}
		var then *application.Transition
		switch {
		case n%3 == 0:
			tr := processTransition(at.Add(time.Hour))
			then = &tr
		case n%5 == 0:
			tr := application.Transition{Action: application.ActionReject, Actor: systemActor, At: at.Add(time.Hour), Reason: "Нет оснований"}
			then = &tr
		}
		add(n, 1, at, then)
	}
	// Applications of provider 2 sent at the same times.
	for n := 101; n <= 105; n++ {
		add(n, 2, sendAt(n-100), nil)
	}
	// A draft and a deleted draft of provider 1.
	appCreate(t, repo, testApplication(201, 1), testApplication(202, 1))
	appApply(t, repo, provUUID(kindApplication, 202),
		application.Transition{Action: application.ActionDelete, Actor: mfcUser, At: appT0.Add(time.Minute)})
	// An application stored already sent.
	pre := testApplication(203, 1)
	preAt := appT0.Add(90 * time.Second)
	require.NoError(t, pre.Apply(sendTransition(preAt)))
	appCreate(t, repo, pre)
	all = append(all, sent{pre.ID, preAt, application.StateSent})

	slices.SortFunc(all, func(a, b sent) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return slices.Compare(a.id[:], b.id[:])
	})
	ids := []uuid.UUID{}
	states := map[uuid.UUID]application.State{}
	for _, s := range all {
		ids = append(ids, s.id)
		states[s.id] = s.state
	}
	return ids, states
}

func appIncoming(t *testing.T, repo application.Repository) {
	ids, states := incomingFixture(t, repo)
	require.Len(t, ids, 23)
	p1 := provUUID(kindAppProvider, 1)
	sentAt := func(a *application.Application) time.Time {
		for _, e := range a.History() {
			if e.Action == application.ActionSend {
				return e.At
			}
		}
		t.Fatalf("%s was not sent", a.ID)
		return time.Time{}
	}
	filter := func(keep func(uuid.UUID) bool) []uuid.UUID {
		out := []uuid.UUID{}
		for _, id := range ids {
			if keep(id) {
				out = append(out, id)
			}
		}
		return out
	}

	page, cursor, err := repo.Incoming(t.Context(), application.IncomingQuery{Provider: p1, Limit: 1000})
	require.NoError(t, err)
	assert.Equal(t, ids, appIDs(page))
	assert.Empty(t, cursor)
	for _, a := range page {
		assert.Equal(t, p1, a.Provider)
		assert.Equal(t, states[a.ID], a.State())
	}

	for _, tc := range []struct {
		name   string
		states []application.State
	}{
		{"Sent", []application.State{application.StateSent}},
		{"ProcessedRejected", []application.State{application.StateProcessed, application.StateRejected}},
		{"Draft", []application.State{application.StateDraft, application.StateDeleted}},
	} {
		page, cursor, err := repo.Incoming(t.Context(), application.IncomingQuery{Provider: p1, States: tc.states})
		require.NoError(t, err, tc.name)
		assert.Equal(t, filter(func(id uuid.UUID) bool { return slices.Contains(tc.states, states[id]) }), appIDs(page), tc.name)
		assert.Empty(t, cursor, tc.name)
	}

	// [Since, Until): the bounds are those of applications 15 and 5.
	since, until := appT0.Add(5*time.Minute), appT0.Add(15*time.Minute)
	page, _, err = repo.Incoming(t.Context(), application.IncomingQuery{Provider: p1, Since: since, Until: until})
	require.NoError(t, err)
	byTime := func(since, until time.Time) []uuid.UUID {
		out := []uuid.UUID{}
		all, _, err := repo.Incoming(t.Context(), application.IncomingQuery{Provider: p1, Limit: 1000})
		require.NoError(t, err)
		for _, a := range all {
			at := sentAt(a)
			if (since.IsZero() || !at.Before(since)) && (until.IsZero() || at.Before(until)) {
				out = append(out, a.ID)
			}
		}
		return out
	}
	want := byTime(since, until)
	assert.Len(t, want, 10)
	assert.Contains(t, want, provUUID(kindApplication, 15))
	assert.NotContains(t, want, provUUID(kindApplication, 5))
	assert.Equal(t, want, appIDs(page))
	page, _, err = repo.Incoming(t.Context(), application.IncomingQuery{Provider: p1, Since: since})
	require.NoError(t, err)
	assert.Equal(t, byTime(since, time.Time{}), appIDs(page))
	page, _, err = repo.Incoming(t.Context(), application.IncomingQuery{Provider: p1, Until: until})
	require.NoError(t, err)
	assert.Equal(t, byTime(time.Time{}, until), appIDs(page))
	page, _, err = repo.Incoming(t.Context(), application.IncomingQuery{Provider: p1, Since: until, Until: since})
	require.NoError(t, err)
	assert.Empty(t, page)

	// Another provider, and one with nothing.
	page, _, err = repo.Incoming(t.Context(), application.IncomingQuery{Provider: provUUID(kindAppProvider, 2)})
	require.NoError(t, err)
	assert.Len(t, page, 5)
	page, cursor, err = repo.Incoming(t.Context(), application.IncomingQuery{Provider: provUUID(kindAppProvider, 3)})
	require.NoError(t, err)
	assert.Empty(t, page)
	assert.Empty(t, cursor)
}

// appPages lists every page of q and returns the IDs in order and the
// number of pages.
func appPages(t *testing.T, repo application.Repository, q application.IncomingQuery, between func(page int)) ([]uuid.UUID, int) {
	t.Helper()
	var got []uuid.UUID
	pages := 0
	for {
		page, cursor, err := repo.Incoming(t.Context(), q)
		require.NoError(t, err)
		pages++
		require.LessOrEqual(t, len(page), q.Limit)
		if cursor != "" {
			require.Len(t, page, q.Limit, "a page before the last is full")
		}
		got = append(got, appIDs(page)...)
		if cursor == "" {
			return got, pages
		}
		require.Less(t, pages, 100, "paging does not end")
		if between != nil {
			between(pages)
		}
		q.Cursor = cursor
	}
}

func appIncomingPaging(t *testing.T, repo application.Repository) {
	ids, states := incomingFixture(t, repo)
	p1 := provUUID(kindAppProvider, 1)
	for _, limit := range []int{1, 4, 7, 23, 24} {
		got, pages := appPages(t, repo, application.IncomingQuery{Provider: p1, Limit: limit}, nil)
		assert.Equal(t, ids, got, "limit %d", limit)
		assert.Equal(t, (len(ids)+limit-1)/limit, pages, "limit %d", limit)
	}
	var sent []uuid.UUID
	for _, id := range ids {
		if states[id] == application.StateSent {
			sent = append(sent, id)
		}
	}
	got, _ := appPages(t, repo, application.IncomingQuery{Provider: p1, States: []application.State{application.StateSent}, Limit: 3}, nil)
	assert.Equal(t, sent, got)

	// The state of a listed application changes between pages: without a
	// state filter it is listed once, in its place; with the filter Sent
	// it is not listed once processed.
	later := sent[len(sent)-1]
	got, _ = appPages(t, repo, application.IncomingQuery{Provider: p1, Limit: 5}, func(page int) {
		if page == 1 {
			appApply(t, repo, later, processTransition(appT0.Add(3*time.Hour)))
		}
	})
	assert.Equal(t, ids, got)
	got, _ = appPages(t, repo, application.IncomingQuery{Provider: p1, States: []application.State{application.StateSent}, Limit: 3}, nil)
	assert.Equal(t, sent[:len(sent)-1], got)
}

func appIncomingDefaultLimit(t *testing.T, repo application.Repository) {
	p := provUUID(kindAppProvider, 1)
	var want []uuid.UUID
	for n := 1; n <= 101; n++ {
		a := testApplication(n, 1)
		require.NoError(t, a.Apply(sendTransition(appT0.Add(time.Duration(n)*time.Second))))
		appCreate(t, repo, a)
		want = append(want, a.ID)
	}
	page, cursor, err := repo.Incoming(t.Context(), application.IncomingQuery{Provider: p})
	require.NoError(t, err)
	assert.Equal(t, want[:100], appIDs(page))
	require.NotEmpty(t, cursor)
	page, cursor, err = repo.Incoming(t.Context(), application.IncomingQuery{Provider: p, Cursor: cursor})
	require.NoError(t, err)
	assert.Equal(t, want[100:], appIDs(page))
	assert.Empty(t, cursor)
	page, _, err = repo.Incoming(t.Context(), application.IncomingQuery{Provider: p, Limit: 1000})
	require.NoError(t, err)
	assert.Len(t, page, 101)
}

func appIncomingInvalid(t *testing.T, repo application.Repository) {
	p := provUUID(kindAppProvider, 1)
	for _, c := range []struct {
		q    application.IncomingQuery
		code string
	}{
		{application.IncomingQuery{Provider: p, Limit: application.MaxIncomingLimit + 1}, application.CodeIncomingLimit},
		{application.IncomingQuery{Provider: p, Limit: -1}, application.CodeIncomingLimit},
		{application.IncomingQuery{Provider: p, Cursor: "not a cursor!"}, application.CodeIncomingCursor},
		{application.IncomingQuery{Provider: p, States: []application.State{"nonsense"}}, application.CodeIncomingState},
	} {
		_, _, err := repo.Incoming(t.Context(), c.q)
		require.ErrorIs(t, err, application.ErrInvalid, "%+v", c.q)
		var ve *application.ValidationError
		require.ErrorAs(t, err, &ve, "%+v", c.q)
		assert.True(t, ve.Has(c.code), "%+v: %v", c.q, err)
	}
}

func appProcessedBetween(t *testing.T, repo application.Repository) {
	// Applications 1..6 processed at appT0 plus (7-n) hours; 7 at the same
	// time as 3; 8 sent only; 9 processed and then issued.
	processedAt := func(n int) time.Time { return appT0.Add(time.Duration(7-n) * time.Hour) }
	for n := 1; n <= 9; n++ {
		a := testApplication(n, n%2+1)
		appCreate(t, repo, a)
		appApply(t, repo, a.ID, sendTransition(appT0.Add(time.Minute)))
		switch {
		case n == 7:
			appApply(t, repo, a.ID, processTransition(processedAt(3)))
		case n == 9:
			appApply(t, repo, a.ID, processTransition(appT0.Add(30*time.Minute)),
				application.Transition{Action: application.ActionIssue, Actor: mfcUser, At: appT0.Add(10 * time.Hour)})
		case n < 7:
			appApply(t, repo, a.ID, processTransition(processedAt(n)))
		}
	}
	id := func(n int) uuid.UUID { return provUUID(kindApplication, n) }
	got, err := repo.ProcessedBetween(t.Context(), appT0, appT0.Add(24*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{id(9), id(6), id(5), id(4), id(3), id(7), id(2), id(1)}, appIDs(got))
	for _, a := range got {
		_, ok := a.Account()
		assert.True(t, ok)
	}
	// [from, to): 4 is processed at from, 2 at to.
	got, err = repo.ProcessedBetween(t.Context(), processedAt(4), processedAt(2))
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{id(4), id(3), id(7)}, appIDs(got))
	got, err = repo.ProcessedBetween(t.Context(), appT0.Add(48*time.Hour), appT0.Add(72*time.Hour))
	require.NoError(t, err)
	assert.Empty(t, got)
}

func appCanceled(t *testing.T, repo application.Repository) {
	a := testApplication(1, 1)
	appCreate(t, repo, a)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	require.ErrorIs(t, repo.Create(ctx, testApplication(2, 1)), context.Canceled)
	_, err := repo.Get(ctx, a.ID)
	require.ErrorIs(t, err, context.Canceled)
	_, err = repo.Update(ctx, a.ID, func(a *application.Application) error { a.Office = "99"; return nil })
	require.ErrorIs(t, err, context.Canceled)
	_, _, err = repo.Incoming(ctx, application.IncomingQuery{Provider: a.Provider})
	require.ErrorIs(t, err, context.Canceled)
	_, err = repo.ProcessedBetween(ctx, appT0, appT0.Add(time.Hour))
	require.ErrorIs(t, err, context.Canceled)
	got, err := repo.Get(t.Context(), a.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(1), got.Version)
	_, err = repo.Get(t.Context(), provUUID(kindApplication, 2))
	require.ErrorIs(t, err, application.ErrNotFound)
}

func appConcurrentUpdates(t *testing.T, repo application.Repository) {
	a := testApplication(1, 1)
	a.Documents = nil
	appCreate(t, repo, a)
	const n = 50
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, err := repo.Update(t.Context(), a.ID, func(a *application.Application) error {
				a.Documents = append(a.Documents, provUUID(kindDocument, i))
				return nil
			})
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	got, err := repo.Get(t.Context(), a.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(1+n), got.Version)
	assert.Len(t, got.Documents, n, "an update was lost")
}

func appRaceTransition(t *testing.T, repo application.Repository) {
	// Several rounds, each on an application of its own, so that an
	// adapter that reads outside its lock loses at least once.
	const rounds = 20
	at := appT0.Add(2 * time.Hour)
	want := []uuid.UUID{}
	for r := range rounds {
		a := testApplication(r+1, 1)
		appCreate(t, repo, a)
		appApply(t, repo, a.ID, sendTransition(appT0.Add(time.Hour)))
		raceTransition(t, repo, a.ID, at)
		want = append(want, a.ID)
	}
	done, err := repo.ProcessedBetween(t.Context(), at, at.Add(time.Second))
	require.NoError(t, err)
	assert.Equal(t, want, appIDs(done))
}

// raceTransition races 50 goroutines to process the sent application id
// at the time at: exactly one wins, the others get ErrInvalidTransition.
func raceTransition(t *testing.T, repo application.Repository, id uuid.UUID, at time.Time) {
	t.Helper()
	before, err := repo.Get(t.Context(), id)
	require.NoError(t, err)
	const n = 50
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		winners []*application.Application
		errs    []error
	)
	start := make(chan struct{})
	for range n {
		wg.Go(func() {
			<-start
			got, err := repo.Update(t.Context(), id, func(a *application.Application) error {
				return a.Apply(processTransition(at))
			})
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				winners = append(winners, got)
				return
			}
			errs = append(errs, err)
		})
	}
	close(start)
	wg.Wait()
	require.Len(t, winners, 1, "exactly one transition wins")
	require.Len(t, errs, n-1)
	for _, err := range errs {
		assert.ErrorIs(t, err, application.ErrInvalidTransition)
	}
	got, err := repo.Get(t.Context(), id)
	require.NoError(t, err)
	assert.Equal(t, winners[0], got)
	assert.Equal(t, before.Version+1, got.Version)
	assert.Equal(t, application.StateProcessed, got.State())
	h := got.History()
	require.Len(t, h, len(before.History())+1, "exactly one new entry")
	assert.Equal(t, application.Entry{From: application.StateSent, To: application.StateProcessed, Transition: processTransition(at)}, h[len(h)-1])
}
