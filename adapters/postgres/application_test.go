package postgres_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/application/applicationtest"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/subject"
)

func TestApplicationRepository(t *testing.T) {
	t.Parallel()
	applicationtest.RunRepository(t, func(t *testing.T) application.Repository {
		return postgres.NewApplicationRepository(pgtest.NewPool(t))
	})
}

// FuzzIncomingCursor feeds arbitrary cursors to Incoming: a cursor it did
// not make is a validation error (application.CodeIncomingCursor), never a panic or a
// database error.
func FuzzIncomingCursor(f *testing.F) {
	repo := postgres.NewApplicationRepository(pgtest.NewPool(f))
	for _, seed := range []string{
		"",
		"MjAyNS0wMy0wMVQxMDowMDowMFogMTEwMDAwMDAtMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAx",
		"not base64!",
		"MjAyNS0wMy0wMVQxMDowMDowMFo",
		"OTk5OTktMDEtMDFUMDA6MDA6MDBaIDExMDAwMDAwLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMQ",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, cursor string) {
		page, _, err := repo.Incoming(t.Context(), application.IncomingQuery{Cursor: cursor})
		if err != nil {
			var ve *application.ValidationError
			require.ErrorAs(t, err, &ve, "%v", err)
			assert.True(t, ve.Has(application.CodeIncomingCursor), "%v", err)
			return
		}
		assert.Empty(t, page)
	})
}

// TestServiceFullCycle runs the whole life of an application through
// application.Service wired with the PostgreSQL adapters: the MFC creates
// and sends a draft, the provider's system lists, fetches and processes
// it, and the MFC issues the result.
func TestServiceFullCycle(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	pool := pgtest.NewPool(t)
	var seq uint64
	newID := func() (uuid.UUID, error) {
		seq++
		var u uuid.UUID
		u[15], u[14], u[6], u[8] = byte(seq), byte(seq>>8), 0x70, 0x80
		return u, nil
	}
	id := func() uuid.UUID {
		u, err := newID()
		require.NoError(t, err)
		return u
	}
	moscow := time.FixedZone("MSK", 3*60*60)
	now := time.Date(2026, time.March, 2, 10, 0, 0, 0, moscow)
	clock := func() time.Time { now = now.Add(time.Minute); return now }

	addresses := postgres.NewAddressRepository(pool)
	premise, err := address.NewGraph(addresses, newID).AddObject(ctx, address.Object{Level: address.LevelPremise, Type: "кв.", Name: "12"})
	require.NoError(t, err)
	providers := postgres.NewProviderRepository(pool)
	system := id()
	provider := application.Provider{ID: id(), LegalEntity: id(), Kind: application.ProviderManagingOrganisation,
		System: application.ExternalSystem{ID: system, Name: "Система УО", BaseURL: "https://uo.example.ru/api"}}
	require.NoError(t, providers.Create(ctx, provider))
	apps := postgres.NewApplicationRepository(pool)
	svc := application.NewService(application.ServiceConfig{
		Applications: apps,
		Providers:    providers,
		Documents:    postgres.NewDocumentRepository(pool),
		Types:        func(string) (document.Validator, bool) { return nil, false },
		Addresses:    addresses,
		RegNumbers:   postgres.NewRegNumbers(pool),
		Now:          clock,
		NewID:        newID,
		Location:     moscow,
	})

	user, applicant := id(), id()
	a, err := svc.CreateDraft(ctx, user, "MFC01", application.Application{
		Premise:   application.Premise{Object: premise.ID, Area: decimal.RequireFromString("42.5"), Purpose: "residential"},
		Applicant: applicant,
		Contacts:  []subject.Contact{{Channel: subject.ChannelEmail, Value: "ivanov@example.ru"}},
		Provider:  provider.ID,
		Rights: []subject.Right{{ID: id(), Premise: premise.ID, Kind: subject.RightSole,
			Registered: application.Date{Year: 2020, Month: time.June, Day: 1},
			Owners:     []subject.Owner{{Subject: applicant, Kind: subject.OwnerPerson}}}},
	})
	require.NoError(t, err)
	a, err = svc.Send(ctx, user, a.ID, "")
	require.NoError(t, err)
	assert.Equal(t, application.StateSent, a.State())
	assert.Equal(t, "MFC01-2026-000001", a.RegNumber())

	list, next, err := svc.Incoming(ctx, system, application.IncomingQuery{Provider: provider.ID})
	require.NoError(t, err)
	assert.Empty(t, next)
	require.Len(t, list, 1)
	assert.Equal(t, a.ID, list[0].ID)
	fetched, err := svc.Fetch(ctx, system, a.ID)
	require.NoError(t, err)
	assert.False(t, fetched.DeliveredAt.IsZero(), "Fetch marks the application delivered")
	a, err = svc.Process(ctx, system, a.ID, application.ProcessInput{Account: application.OpenedAccount{Number: "7700123"}})
	require.NoError(t, err)
	assert.Equal(t, application.StateProcessed, a.State())
	a, err = svc.Issue(ctx, user, a.ID, "")
	require.NoError(t, err)
	assert.Equal(t, application.StateIssued, a.State())

	stored, err := apps.Get(ctx, a.ID)
	require.NoError(t, err)
	// The times come back as the same instants with the same offsets; the
	// name of a zone is not stored.
	utc := func(h []application.Entry) []application.Entry {
		for i := range h {
			h[i].At = h[i].At.UTC()
		}
		return h
	}
	assert.Equal(t, utc(a.History()), utc(stored.History()))
	assert.Equal(t, a.Version, stored.Version)
	var rows int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM application_history WHERE application_id = $1`, a.ID).Scan(&rows))
	assert.Equal(t, 3, rows, "one history row per transition")
	done, err := apps.ProcessedBetween(ctx, now.Add(-time.Hour), now.Add(time.Hour))
	require.NoError(t, err)
	require.Len(t, done, 1)
	account, ok := done[0].Account()
	require.True(t, ok)
	assert.Equal(t, "7700123", account.Number)
}
