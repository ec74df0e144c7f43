package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/application"
)

// benchClients is the number of concurrent clients of the transition
// benchmark.
const benchClients = 16

// benchPool returns a pool of conns connections to a fresh database.
func benchPool(b *testing.B, conns int32) *pgxpool.Pool {
	b.Helper()
	cfg, err := pgxpool.ParseConfig(pgtest.NewDatabase(b))
	require.NoError(b, err)
	cfg.MaxConns, cfg.MinConns = conns, conns
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	require.NoError(b, err)
	b.Cleanup(pool.Close)
	return pool
}

// transitionFor returns the transition that moves an application in state
// s on along Send → Process → Issue, at the time at.
func transitionFor(s application.State, at time.Time, n int) application.Transition {
	user := application.Actor{Kind: application.ActorUser, ID: reliabilityUser}
	switch s {
	case application.StateDraft:
		return application.Transition{Action: application.ActionSend, Actor: user, At: at,
			RegNumber: fmt.Sprintf("MFC01-2026-%06d", n%application.MaxRegSeq+1)}
	case application.StateSent:
		return application.Transition{Action: application.ActionProcess,
			Actor: application.Actor{Kind: application.ActorSystem, ID: reliabilityUser}, At: at, AccountNumber: "ЛС-1"}
	default:
		return application.Transition{Action: application.ActionIssue, Actor: user, At: at}
	}
}

// BenchmarkApplicationTransitions runs b.N application transitions
// (Repository.Update applying Send, Process or Issue, as the Service does)
// from benchClients concurrent clients, each on applications of its own,
// and reports the rate and the 99th percentile of the latency.
func BenchmarkApplicationTransitions(b *testing.B) {
	for _, conns := range []int32{8, 16} {
		b.Run(fmt.Sprintf("conns=%d", conns), func(b *testing.B) {
			benchTransitions(b, conns)
		})
	}
}

func benchTransitions(b *testing.B, conns int32) {
	ctx := context.Background()
	pool := benchPool(b, conns)
	repo := postgres.NewApplicationRepository(pool)

	// Three transitions per application: Draft → Sent → Processed → Issued.
	perClient := (b.N + benchClients - 1) / benchClients
	apps := make([][]uuid.UUID, benchClients)
	var wg sync.WaitGroup
	for c := range benchClients {
		wg.Go(func() {
			for i := range (perClient + 2) / 3 {
				a := reliabilityDraft(0)
				a.ID = uuid.UUID{0x01, 0x90, byte(c), byte(i >> 16), byte(i >> 8), byte(i), 0x70, 0, 0x80}
				a.Provider = uuid.UUID{0x0c, byte(c)}
				if err := repo.Create(ctx, a); err != nil {
					b.Error(err)
					return
				}
				apps[c] = append(apps[c], a.ID)
			}
		})
	}
	wg.Wait()
	if b.Failed() {
		return
	}

	latencies := make([][]time.Duration, benchClients)
	at := reliabilityT0.Add(time.Hour)
	b.ReportAllocs()
	b.ResetTimer()
	began := time.Now()
	for c := range benchClients {
		wg.Go(func() {
			lat := make([]time.Duration, 0, perClient)
			for i := range perClient {
				id := apps[c][i/3]
				start := time.Now()
				_, err := repo.Update(ctx, id, func(a *application.Application) error {
					return a.Apply(transitionFor(a.State(), at, i))
				})
				lat = append(lat, time.Since(start))
				if err != nil {
					b.Error(err)
					return
				}
			}
			latencies[c] = lat
		})
	}
	wg.Wait()
	elapsed := time.Since(began)
	b.StopTimer()

	all := slices.Concat(latencies...)
	slices.Sort(all)
	if len(all) == 0 {
		return
	}
	p99 := all[min(len(all)-1, len(all)*99/100)]
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "transitions/s")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(all[len(all)/2].Microseconds())/1000, "p50-ms")
}

// incomingSeedRows is the number of applications of the listing benchmark.
const incomingSeedRows = 1_000_000

// incomingProviders is the number of providers they are spread over; the
// benchmark lists the incoming applications of one of them.
const incomingProviders = 100

// BenchmarkIncoming lists a page of 100 incoming applications of one
// provider among 1,000,000 stored (spread over incomingProviders
// providers): the first page, and a page deep in the list by cursor. The
// data is seeded once into a kept database (pgtest.KeptDatabase) with
// INSERT … SELECT generate_series, and reused by later runs.
func BenchmarkIncoming(b *testing.B) {
	ctx := context.Background()
	url, created := pgtest.KeptDatabase(b, "zhkh_bench_incoming")
	pool := pgtest.Connect(b, url)
	var stored int
	require.NoError(b, pool.QueryRow(ctx, `SELECT count(*) FROM application`).Scan(&stored))
	if created || stored != incomingSeedRows {
		seedIncoming(b, pool)
	}
	repo := postgres.NewApplicationRepository(pool)
	provider := uuid.UUID{0x0c, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, 7}

	// A cursor half-way through the provider's 10,000 applications.
	page, next, err := repo.Incoming(ctx, application.IncomingQuery{Provider: provider, Limit: 1000})
	require.NoError(b, err)
	require.Len(b, page, 1000)
	for range 4 {
		page, next, err = repo.Incoming(ctx, application.IncomingQuery{Provider: provider, Cursor: next, Limit: 1000})
		require.NoError(b, err)
	}
	cursor := next
	require.NotEmpty(b, cursor)

	for _, bc := range []struct {
		name   string
		cursor string
	}{{"first", ""}, {"deep", cursor}} {
		b.Run(bc.name, func(b *testing.B) {
			q := application.IncomingQuery{Provider: provider, Cursor: bc.cursor, Limit: 100}
			b.ReportAllocs()
			for b.Loop() {
				page, _, err := repo.Incoming(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				if len(page) != 100 {
					b.Fatalf("a page of %d", len(page))
				}
			}
		})
	}
}

// seedIncoming fills the database with incomingSeedRows sent applications
// and their history, spread over incomingProviders providers.
func seedIncoming(b *testing.B, pool *pgxpool.Pool) {
	b.Helper()
	ctx := context.Background()
	began := time.Now()
	draft := reliabilityDraft(0)
	body, err := json.Marshal(draft)
	require.NoError(b, err)
	_, err = pool.Exec(ctx, `TRUNCATE application CASCADE`)
	require.NoError(b, err)
	// IDs and providers are made in SQL: the provider of row i is
	// 0c000000-0000-4000-8000-0000000000XX with XX = i mod providers.
	_, err = pool.Exec(ctx, `
		INSERT INTO application (id, provider, state, version, history_len, sent_ns, sent_at, body)
		SELECT s.id, s.provider, 'sent', 2, 1, s.ns, to_timestamp(s.ns / 1e9), jsonb_set(jsonb_set($1::jsonb,
				'{id}', to_jsonb(s.id::text)), '{provider}', to_jsonb(s.provider::text))
		FROM (
			SELECT lpad(to_hex(i), 8, '0')::text || '-0000-7000-8000-000000000000' AS sid,
				('0c000000-0000-4000-8000-' || lpad(to_hex(i % $2), 12, '0'))::uuid AS provider,
				1772442000000000000::bigint + i::bigint * 1000000000 AS ns,
				i
			FROM generate_series(1, $3::int) AS i
		) AS t, LATERAL (SELECT t.sid::uuid AS id, t.provider, t.ns) AS s`, body, incomingProviders, incomingSeedRows)
	require.NoError(b, err)
	_, err = pool.Exec(ctx, `
		INSERT INTO application_history (application_id, seq, action, from_state, to_state, at, entry)
		SELECT a.id, 0, 'send', 'draft', 'sent', a.sent_at, jsonb_build_object(
			'from', 'draft', 'to', 'sent', 'action', 'send',
			'actor', jsonb_build_object('kind', 'user', 'id', $1::text),
			'at', to_char(a.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
			'reg_number', 'MFC01-2026-000001')
		FROM application a`, reliabilityUser)
	require.NoError(b, err)
	_, err = pool.Exec(ctx, `VACUUM ANALYZE application`)
	require.NoError(b, err)
	_, err = pool.Exec(ctx, `VACUUM ANALYZE application_history`)
	require.NoError(b, err)
	b.Logf("seeded %d applications in %s", incomingSeedRows, time.Since(began).Round(time.Millisecond))
}
