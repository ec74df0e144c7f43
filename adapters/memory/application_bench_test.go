package memory_test

import (
	"context"
	"encoding/binary"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/application"
)

const (
	benchApplications = 1_000_000
	benchProviders    = 1_000
)

func benchUUID(kind byte, n int) uuid.UUID {
	var u uuid.UUID
	u[0], u[6], u[8] = kind, 0x70, 0x80
	binary.BigEndian.PutUint32(u[12:], uint32(n))
	return u
}

// benchRepo is a repository of 1,000,000 sent applications over 1,000
// providers, each sent at its own second, built once for every benchmark.
var benchRepo = sync.OnceValues(func() (*memory.ApplicationRepository, error) {
	ctx := context.Background()
	repo := memory.NewApplicationRepository()
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	user := application.Actor{Kind: application.ActorUser, ID: benchUUID(0x14, 1)}
	for n := range benchApplications {
		a := &application.Application{
			ID:        benchUUID(0x11, n),
			Provider:  benchUUID(0x12, n%benchProviders),
			Office:    "01",
			CreatedBy: user.ID,
			CreatedAt: t0,
		}
		if err := repo.Create(ctx, a); err != nil {
			return nil, err
		}
		send := application.Transition{Action: application.ActionSend, Actor: user,
			At: t0.Add(time.Duration(n) * time.Second), RegNumber: "01-2025-000001"}
		if _, err := repo.Update(ctx, a.ID, func(a *application.Application) error { return a.Apply(send) }); err != nil {
			return nil, err
		}
	}
	return repo, nil
})

// BenchmarkIncoming lists pages of 100 incoming applications of one
// provider among 1,000,000 stored, from the start and after a cursor in
// the middle of its 1,000.
func BenchmarkIncoming(b *testing.B) {
	repo, err := benchRepo()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	q := application.IncomingQuery{Provider: benchUUID(0x12, 417), Limit: 100}
	_, cursor := benchPage(b, repo, q)
	for range 3 {
		q.Cursor = cursor
		_, cursor = benchPage(b, repo, q)
	}
	for _, bc := range []struct {
		name   string
		cursor string
	}{{"First", ""}, {"Cursor", cursor}} {
		b.Run(bc.name, func(b *testing.B) {
			q := q
			q.Cursor = bc.cursor
			b.ReportAllocs()
			for b.Loop() {
				page, _, err := repo.Incoming(ctx, q)
				if err != nil || len(page) != 100 {
					b.Fatalf("page of %d, %v", len(page), err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/page")
		})
	}
}

func benchPage(b *testing.B, repo *memory.ApplicationRepository, q application.IncomingQuery) ([]*application.Application, string) {
	b.Helper()
	page, cursor, err := repo.Incoming(context.Background(), q)
	if err != nil || len(page) != 100 || cursor == "" {
		b.Fatalf("page of %d, cursor %q, %v", len(page), cursor, err)
	}
	return page, cursor
}
