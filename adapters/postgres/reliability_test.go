package postgres_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
	"github.com/openzhkh/zhkh/application"
)

// Environment of the helper processes the SIGKILL tests start.
const (
	envHelper   = "ZHKH_PG_HELPER"    // which helper to run: "send" or "bulk"
	envHelperDB = "ZHKH_PG_HELPER_DB" // the connection string of the test database
	envHelperID = "ZHKH_PG_HELPER_ID" // the application to send
	pausedLine  = "ZHKH-HELPER-PAUSED"
)

var (
	reliabilityUser = uuid.MustParse("01900000-0000-7000-8000-0000000000aa")
	reliabilityT0   = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
)

// reliabilityDraft returns a draft application numbered n.
func reliabilityDraft(n byte) *application.Application {
	return &application.Application{
		ID:        uuid.UUID{0x01, 0x90, 0, 0, 0, 0, 0x70, 0, 0x80, 0, 0, 0, 0, 0, 0, n},
		Premise:   application.Premise{Object: uuid.UUID{0x0a, n}, Area: decimal.RequireFromString("41.5"), Rooms: 1, Purpose: "residential"},
		Applicant: uuid.UUID{0x0b, n},
		Provider:  uuid.UUID{0x0c, 1},
		CreatedBy: reliabilityUser,
		Office:    "MFC01",
		CreatedAt: reliabilityT0,
	}
}

func sendTransition(regNumber string) application.Transition {
	return application.Transition{Action: application.ActionSend,
		Actor: application.Actor{Kind: application.ActorUser, ID: reliabilityUser},
		At:    reliabilityT0.Add(time.Hour), RegNumber: regNumber}
}

// pauseTracer blocks the process for good before it sends a statement or
// a batch with a statement whose SQL contains match, having printed
// pausedLine, so that the parent can kill the process in the middle of a
// transaction.
type pauseTracer struct{ match string }

func (p pauseTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	if strings.Contains(data.SQL, p.match) {
		pauseForever()
	}
	return ctx
}

func (p pauseTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (p pauseTracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceBatchStartData) context.Context {
	for _, q := range data.Batch.QueuedQueries {
		if strings.Contains(q.SQL, p.match) {
			pauseForever()
		}
	}
	return ctx
}

func (p pauseTracer) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}

func (p pauseTracer) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

// pauseForever tells the parent and waits to be killed.
func pauseForever() {
	_, _ = os.Stdout.WriteString("\n" + pausedLine + "\n")
	_ = os.Stdout.Sync()
	select {}
}

// TestHelperProcess is not a test: it is the child process of the SIGKILL
// tests, and does nothing unless they start it.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(envHelper)
	if mode == "" {
		// Not started by a SIGKILL test: nothing to do. It returns rather
		// than skips, so that a run of the tests shows no skipped test.
		return
	}
	ctx := context.Background()
	cfg, err := pgxpool.ParseConfig(os.Getenv(envHelperDB))
	require.NoError(t, err)
	switch mode {
	case "send":
		// The registration number is taken and committed, the row of the
		// application is locked in an open transaction, and the process
		// stops before it sends the write and the commit.
		cfg.ConnConfig.Tracer = pauseTracer{match: "UPDATE application SET"}
		pool, err := pgxpool.NewWithConfig(ctx, cfg)
		require.NoError(t, err)
		id := uuid.MustParse(os.Getenv(envHelperID))
		num, err := postgres.NewRegNumbers(pool).Next(ctx, "MFC01", 2026)
		require.NoError(t, err)
		_, err = postgres.NewApplicationRepository(pool).Update(ctx, id, func(a *application.Application) error {
			return a.Apply(sendTransition(num))
		})
		t.Fatalf("the helper was not killed: %v", err)
	case "bulk":
		pool, err := pgxpool.NewWithConfig(ctx, cfg)
		require.NoError(t, err)
		d := addresstest.Generate(9, 3000)
		_, err = postgres.BulkImport(ctx, pool, func(ctx context.Context, g *address.Graph) error {
			return g.Apply(ctx, d.Batch())
		}, postgres.BulkOptions{EveryRows: 1000, AfterRows: func(_ context.Context, rows int64) error {
			if rows >= 2000 {
				pauseForever()
			}
			return nil
		}})
		t.Fatalf("the helper was not killed: %v", err)
	default:
		t.Fatalf("unknown helper %q", mode)
	}
}

// killMidway runs the helper in a child process, waits until it reports
// that it paused inside its transaction, calls paused (when not nil) and
// kills the child with SIGKILL.
func killMidway(t *testing.T, paused func(), env ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	pausedc := make(chan bool, 1)
	var tail strings.Builder
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == pausedLine {
				pausedc <- true
				_, _ = io.Copy(io.Discard, out)
				return
			}
			tail.WriteString(sc.Text() + "\n")
		}
		pausedc <- false
	}()
	select {
	case ok := <-pausedc:
		if !ok {
			_ = cmd.Wait()
			t.Fatalf("the helper ended without pausing:\n%s", tail.String())
		}
	case <-ctx.Done():
		t.Fatal("the helper did not pause in time")
	}
	if paused != nil {
		paused()
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	err = cmd.Wait()
	var exitErr *exec.ExitError
	require.ErrorAs(t, err, &exitErr)
	status, ok := exitErr.Sys().(syscall.WaitStatus)
	require.True(t, ok)
	require.True(t, status.Signaled(), "the helper was killed by a signal")
	assert.Equal(t, syscall.SIGKILL, status.Signal())
}

func TestSendKilledMidwayLeavesNoPartialState(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	url := pgtest.NewDatabase(t)
	pool := pgtest.Connect(t, url)
	repo := postgres.NewApplicationRepository(pool)
	draft := reliabilityDraft(1)
	require.NoError(t, repo.Create(ctx, draft))

	killMidway(t, func() {
		// The child is inside its transaction: it holds the row lock.
		_, err := pool.Exec(ctx, `SELECT 1 FROM application WHERE id = $1 FOR UPDATE NOWAIT`, draft.ID)
		var pgErr *pgconn.PgError
		require.ErrorAs(t, err, &pgErr)
		assert.Equal(t, "55P03", pgErr.Code, "lock_not_available")
	}, envHelper+"=send", envHelperDB+"="+url, envHelperID+"="+draft.ID.String())

	// The killed transaction is rolled back: the draft is as it was.
	got, err := repo.Get(ctx, draft.ID)
	require.NoError(t, err)
	assert.Equal(t, application.StateDraft, got.State())
	assert.Equal(t, int64(1), got.Version)
	assert.Empty(t, got.RegNumber())
	var rows int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM application_history WHERE application_id = $1`, draft.ID).Scan(&rows))
	assert.Zero(t, rows, "no orphan history rows")

	// The number taken before the write stays used, as application.Send
	// documents; the next Send gets the next one and nothing is blocked.
	waitCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	num, err := postgres.NewRegNumbers(pool).Next(waitCtx, "MFC01", 2026)
	require.NoError(t, err)
	assert.Equal(t, "MFC01-2026-000002", num)
	sent, err := repo.Update(waitCtx, draft.ID, func(a *application.Application) error { return a.Apply(sendTransition(num)) })
	require.NoError(t, err, "the row lock of the killed process is released")
	assert.Equal(t, application.StateSent, sent.State())
	assert.Equal(t, int64(2), sent.Version)
}

func TestBulkLoadKilledMidwayLeavesNothing(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDatabase(t)
	pool := pgtest.Connect(t, url)

	killMidway(t, nil, envHelper+"=bulk", envHelperDB+"="+url)

	repo := postgres.NewAddressRepository(pool)
	objects, rels := addresstest.Snapshot(t, repo)
	assert.Empty(t, objects)
	assert.Empty(t, rels)
	types, err := repo.Types(t.Context())
	require.NoError(t, err)
	assert.Empty(t, types)

	// The address write lock of the killed load is released.
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	d := addresstest.Generate(9, 50)
	_, err = postgres.BulkImport(ctx, pool, func(ctx context.Context, g *address.Graph) error {
		return g.Apply(ctx, d.Batch())
	}, postgres.BulkOptions{})
	require.NoError(t, err)
	objects, _ = addresstest.Snapshot(t, repo)
	assert.Len(t, objects, len(d.Objects))
}

// proxy is a TCP proxy between the pool and the server that a test can
// cut: it forwards, swallows what clients send (a hanging server), or
// refuses (a server that is down).
type proxy struct {
	ln      net.Listener
	network string
	target  string

	mu        sync.Mutex
	mode      string // "up", "hang" or "down"
	conns     map[net.Conn]bool
	swallowed int
}

func startProxy(t *testing.T, network, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	p := &proxy{ln: ln, network: network, target: target, mode: "up", conns: map[net.Conn]bool{}}
	t.Cleanup(func() {
		_ = ln.Close()
		p.cut()
	})
	go p.serve()
	return p
}

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		mode := p.mode
		p.mu.Unlock()
		if mode == "down" {
			_ = c.Close()
			continue
		}
		s, err := net.Dial(p.network, p.target)
		if err != nil {
			_ = c.Close()
			continue
		}
		p.mu.Lock()
		p.conns[c], p.conns[s] = true, true
		p.mu.Unlock()
		go p.pipe(s, c, true)
		go p.pipe(c, s, false)
	}
}

// pipe copies from src to dst; fromClient data is swallowed while the
// proxy hangs.
func (p *proxy) pipe(dst, src net.Conn, fromClient bool) {
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.mu.Lock()
			hang := p.mode == "hang" && fromClient
			if hang {
				p.swallowed += n
			}
			p.mu.Unlock()
			if !hang {
				if _, werr := dst.Write(buf[:n]); werr != nil {
					return
				}
			}
		}
		if err != nil {
			return
		}
	}
}

func (p *proxy) set(mode string) {
	p.mu.Lock()
	p.mode = mode
	p.mu.Unlock()
}

// cut closes every open connection, as a network failure would.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		_ = c.Close()
	}
	clear(p.conns)
}

func (p *proxy) swallowedBytes() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.swallowed
}

func TestConnectionLossIsUnavailableAndThePoolRecovers(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	cfg, err := pgxpool.ParseConfig(pgtest.NewDatabase(t))
	require.NoError(t, err)
	network, target := "tcp", net.JoinHostPort(cfg.ConnConfig.Host, strconv.Itoa(int(cfg.ConnConfig.Port)))
	if strings.HasPrefix(cfg.ConnConfig.Host, "/") { // a Unix socket directory
		network, target = "unix", fmt.Sprintf("%s/.s.PGSQL.%d", cfg.ConnConfig.Host, cfg.ConnConfig.Port)
	}
	p := startProxy(t, network, target)
	addr := p.ln.Addr().(*net.TCPAddr)
	cfg.ConnConfig.Host, cfg.ConnConfig.Port = addr.IP.String(), uint16(addr.Port)
	cfg.ConnConfig.Fallbacks = nil
	cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(pool.Close)

	repo := postgres.NewApplicationRepository(pool)
	draft := reliabilityDraft(2)
	require.NoError(t, repo.Create(ctx, draft))

	// The server stops answering in the middle of a request, then every
	// connection is cut.
	p.set("hang")
	errc := make(chan error, 1)
	go func() {
		_, err := repo.Update(ctx, draft.ID, func(a *application.Application) error { return a.Apply(sendTransition("MFC01-2026-000001")) })
		errc <- err
	}()
	require.Eventually(t, func() bool { return p.swallowedBytes() > 0 }, 10*time.Second, 5*time.Millisecond,
		"the request reaches the proxy")
	p.cut()
	select {
	case err = <-errc:
	case <-time.After(30 * time.Second):
		t.Fatal("the request did not end when its connection was cut")
	}
	require.Error(t, err)
	assert.ErrorIs(t, err, postgres.ErrUnavailable, "%v", err)
	assert.True(t, postgres.IsUnavailable(err))
	assert.NotErrorIs(t, err, application.ErrNotFound)

	// While the server is down, calls fail as unavailable.
	p.set("down")
	_, err = repo.Get(ctx, draft.ID)
	require.Error(t, err)
	assert.ErrorIs(t, err, postgres.ErrUnavailable, "%v", err)
	_, err = postgres.NewRegNumbers(pool).Next(ctx, "MFC01", 2026)
	assert.ErrorIs(t, err, postgres.ErrUnavailable, "%v", err)

	// When it is back, the pool reconnects by itself.
	p.set("up")
	got, err := repo.Get(ctx, draft.ID)
	require.NoError(t, err)
	assert.Equal(t, application.StateDraft, got.State(), "the cut update changed nothing")
	sent, err := repo.Update(ctx, draft.ID, func(a *application.Application) error { return a.Apply(sendTransition("MFC01-2026-000001")) })
	require.NoError(t, err)
	assert.Equal(t, application.StateSent, sent.State())
}

func TestUnavailableIsNotOtherErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"cancelled", context.Canceled, false},
		{"deadline", context.DeadlineExceeded, false},
		{"no rows", pgx.ErrNoRows, false},
		{"domain", application.ErrConflict, false},
		{"refused", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, true},
		{"reset", syscall.ECONNRESET, true},
		{"eof", io.ErrUnexpectedEOF, true},
		{"wrapped", errors.Join(errors.New("context"), postgres.ErrUnavailable), true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, postgres.IsUnavailable(tt.err), tt.name)
	}
}
