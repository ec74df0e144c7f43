package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/internal/fault"
)

// ApplicationRepository is the application.Repository in PostgreSQL. An
// application is one row of the table application, holding the aggregate
// as JSON and the columns its queries need (provider, state, the times of
// sending and processing), and one row per history entry in
// application_history, which is only ever appended to. Update locks the
// row with SELECT … FOR UPDATE and bumps the version column, so concurrent
// Updates of one application are applied one after the other and none is
// lost. Incoming and ProcessedBetween read partial indexes in the order
// they return, so a page costs the same among a million applications as
// among ten.
type ApplicationRepository struct {
	pool *pgxpool.Pool
}

var _ application.Repository = (*ApplicationRepository)(nil)

// NewApplicationRepository returns the repository of applications in the
// database of the pool, whose schema Migrate has brought up to date.
func NewApplicationRepository(pool *pgxpool.Pool) *ApplicationRepository {
	return &ApplicationRepository{pool: pool}
}

const whatApplication = "заявление"

func applicationNotFound(id uuid.UUID) error {
	return fault.New(fault.NotFound, application.CodeApplicationNotFound, "Заявление с ID "+id.String()+" не найдено")
}

func applicationExists(id uuid.UUID) error {
	return fault.New(fault.Conflict, application.CodeApplicationExists, "Заявление с ID "+id.String()+" уже существует")
}

// appRow is an application taken apart into the columns of its row.
type appRow struct {
	state             application.State
	sentNs, processNs *int64
	sentAt, processAt *time.Time
	body              []byte
	historyLen        int
	historyJSON       []byte // the entries of the history from offset on
}

// newAppRow takes a, whose history is history, apart; the history rows
// from offset on are the ones to insert.
func newAppRow(a *application.Application, history []application.Entry, offset int) (appRow, error) {
	r := appRow{state: a.State(), historyLen: len(history)}
	for _, e := range history {
		switch e.Action {
		case application.ActionSend:
			at, ns := e.At, nanos(e.At)
			r.sentAt, r.sentNs = &at, &ns
		case application.ActionProcess:
			at, ns := e.At, nanos(e.At)
			r.processAt, r.processNs = &at, &ns
		}
	}
	// The body goes without the history, which has rows of its own; a
	// shallow copy is enough to marshal it.
	bare := *a
	if err := bare.Restore(nil); err != nil {
		return appRow{}, err
	}
	var err error
	if r.body, err = json.Marshal(&bare); err != nil {
		return appRow{}, fmt.Errorf("postgres: encoding application %s: %w", a.ID, err)
	}
	tail := history[min(offset, len(history)):]
	if tail == nil {
		tail = []application.Entry{}
	}
	if r.historyJSON, err = json.Marshal(tail); err != nil {
		return appRow{}, fmt.Errorf("postgres: encoding the history of application %s: %w", a.ID, err)
	}
	return r, nil
}

// decodeApplication rebuilds an application from its body, version and
// history (a JSON array of entries, oldest first).
func decodeApplication(body []byte, version int64, history []byte) (*application.Application, error) {
	var a application.Application
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, fmt.Errorf("postgres: decoding an application: %w", err)
	}
	var entries []application.Entry
	if err := json.Unmarshal(history, &entries); err != nil {
		return nil, fmt.Errorf("postgres: decoding the history of application %s: %w", a.ID, err)
	}
	if err := a.Restore(entries); err != nil {
		return nil, fmt.Errorf("postgres: the stored history of application %s: %w", a.ID, err)
	}
	a.Version = version
	return &a, nil
}

// insertHistorySQL is the tail of the statements that write an
// application: it appends the entries of the JSON array $9 as history
// rows numbered from $10, for the application the CTE "a" returned.
const insertHistorySQL = `
INSERT INTO application_history (application_id, seq, action, from_state, to_state, at, entry)
SELECT a.id, $10::int + e.ord::int - 1, e.v->>'action', e.v->>'from', e.v->>'to', (e.v->>'at')::timestamptz, e.v
FROM a, jsonb_array_elements($9::jsonb) WITH ORDINALITY AS e(v, ord)`

const createApplicationSQL = `
WITH a AS (
	INSERT INTO application (id, provider, state, version, history_len, sent_ns, processed_ns, sent_at, processed_at, body)
	VALUES ($1, $2, $3, 1, $11, $4, $5, $6, $7, $8)
	RETURNING id
)` + insertHistorySQL

const updateApplicationSQL = `
WITH a AS (
	UPDATE application SET provider = $2, state = $3, version = version + 1, history_len = $11,
		sent_ns = $4, processed_ns = $5, sent_at = $6, processed_at = $7, body = $8
	WHERE id = $1 AND version = $12
	RETURNING id
)` + insertHistorySQL

// applicationColumns selects what decodeApplication needs of the row "a".
const applicationColumns = `a.body, a.version,
	(SELECT coalesce(jsonb_agg(h.entry ORDER BY h.seq), '[]'::jsonb) FROM application_history h WHERE h.application_id = a.id)`

// Create stores a copy of a with Version 1, with its history. It returns
// an error matching application.ErrConflict when an application with the
// ID is stored.
func (r *ApplicationRepository) Create(ctx context.Context, a *application.Application) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	row, err := newAppRow(a, a.History(), 0)
	if err != nil {
		return err
	}
	_, err = r.pool.Exec(ctx, createApplicationSQL, a.ID, a.Provider, string(row.state),
		row.sentNs, row.processNs, row.sentAt, row.processAt, row.body, row.historyJSON, 0, row.historyLen)
	return translate(err, whatApplication, Constraint{Name: "application_pkey", Err: applicationExists(a.ID)})
}

// Get returns the application with the ID, or an error matching
// application.ErrNotFound.
func (r *ApplicationRepository) Get(ctx context.Context, id uuid.UUID) (*application.Application, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var body, history []byte
	var version int64
	err := r.pool.QueryRow(ctx, `SELECT `+applicationColumns+` FROM application a WHERE a.id = $1`, id).
		Scan(&body, &version, &history)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, applicationNotFound(id)
	}
	if err != nil {
		return nil, translate(err, whatApplication)
	}
	return decodeApplication(body, version, history)
}

// Update runs fn on the stored application, read and locked with SELECT …
// FOR UPDATE in a transaction of two round trips (BEGIN with the locking
// read, then the write with the COMMIT), and, when fn returns nil, stores it with
// its ID kept and Version one more, appends its new history entries, and
// returns it. It returns an error matching application.ErrNotFound for an
// unknown ID, fn's error as it is, an error matching
// application.ErrConflict (application.CodeApplicationHistory) when fn removed or
// rewrote history entries, or ErrUnavailable; on any error nothing
// changes. fn may run twice when the database asks for a retry.
func (r *ApplicationRepository) Update(ctx context.Context, id uuid.UUID, fn func(*application.Application) error) (*application.Application, error) {
	var out *application.Application
	var read lockedApplication
	err := withPipelinedTx(ctx, r.pool, func(b *pgx.Batch) {
		out = nil
		read = lockedApplication{}
		read.queue(b, id)
	}, func(b *pgx.Batch) error {
		if !read.found() {
			return applicationNotFound(id)
		}
		c, err := decodeApplication(read.body, read.version, read.history)
		if err != nil {
			return err
		}
		old := c.History()
		if err := fn(c); err != nil {
			return err
		}
		c.ID, c.Version = id, read.version+1
		history := c.History()
		if err := application.CheckHistoryAppended(old, history); err != nil {
			return err
		}
		row, err := newAppRow(c, history, len(old))
		if err != nil {
			return err
		}
		// The row is locked, so the version check of the statement always
		// holds; it guards against a schema without the lock.
		b.Queue(updateApplicationSQL, id, c.Provider, string(row.state),
			row.sentNs, row.processNs, row.sentAt, row.processAt, row.body, row.historyJSON, len(old), row.historyLen, read.version)
		out = c
		return nil
	})
	if err != nil {
		return nil, translate(err, whatApplication)
	}
	return out, nil
}

// lockedApplication is what the first batch of Update reads: the row
// locked with SELECT … FOR UPDATE, then read with its history by a
// statement of its own, so that, in READ COMMITTED, its snapshot is taken
// after the lock is granted and it sees the history the previous holder
// of the lock committed.
type lockedApplication struct {
	locked  bool
	body    []byte
	version int64
	history []byte
}

func (l *lockedApplication) found() bool { return l.locked && l.body != nil }

// queue adds the two statements to b; their results land in l when the
// batch is closed.
func (l *lockedApplication) queue(b *pgx.Batch, id uuid.UUID) {
	noRows := func(err error) error {
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		return err
	}
	b.Queue(`SELECT true FROM application WHERE id = $1 FOR UPDATE`, id).QueryRow(func(row pgx.Row) error {
		return noRows(row.Scan(&l.locked))
	})
	b.Queue(`SELECT `+applicationColumns+` FROM application a WHERE a.id = $1`, id).QueryRow(func(row pgx.Row) error {
		return noRows(row.Scan(&l.body, &l.version, &l.history))
	})
}

// Incoming returns a page of the applications of q.Provider that were
// sent, in q.States (none: every state after Draft), sent in [q.Since,
// q.Until) (zero: unbounded), ordered by the time they were sent and then
// by ID, after q.Cursor, at most q.Limit (zero: application.DefaultIncomingLimit).
// The cursor of the next page is "" when no application follows the page.
// It returns a *ValidationError matching application.ErrInvalid for a
// negative Limit or one above application.MaxIncomingLimit, an unknown state, or a
// cursor it did not make.
func (r *ApplicationRepository) Incoming(ctx context.Context, q application.IncomingQuery) ([]*application.Application, string, error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	bounds, err := q.Bounds()
	if err != nil {
		return nil, "", err
	}
	limit := bounds.Limit
	var states []string
	for _, st := range q.States {
		states = append(states, string(st))
	}
	afterNs, afterID := int64(math.MinInt64), uuid.Nil
	if bounds.HasCursor {
		afterNs, afterID = nanos(bounds.After), bounds.AfterID
	}
	since, until := int64(math.MinInt64), int64(math.MaxInt64)
	if !q.Since.IsZero() {
		since = nanos(q.Since)
	}
	if !q.Until.IsZero() {
		until = nanos(q.Until)
	}
	rows, err := r.pool.Query(ctx, `SELECT `+applicationColumns+`, a.sent_ns FROM application a
		WHERE a.provider = $1 AND a.sent_ns IS NOT NULL AND a.sent_ns >= $2 AND a.sent_ns < $3
			AND (a.sent_ns, a.id) > ($4, $5)
			AND ($6::text[] IS NULL OR a.state = ANY($6::text[]))
		ORDER BY a.sent_ns, a.id
		LIMIT $7`, q.Provider, since, until, afterNs, afterID, states, limit+1)
	if err != nil {
		return nil, "", translate(err, whatApplication)
	}
	out := make([]*application.Application, 0, limit)
	var lastNs int64
	var more bool
	err = forEachRow(rows, func(row pgx.Row) error {
		var body, history []byte
		var version, sentNs int64
		if err := row.Scan(&body, &version, &history, &sentNs); err != nil {
			return err
		}
		if len(out) == limit {
			more = true
			return nil
		}
		a, err := decodeApplication(body, version, history)
		if err != nil {
			return err
		}
		out = append(out, a)
		lastNs = sentNs
		return nil
	})
	if err != nil {
		return nil, "", translate(err, whatApplication)
	}
	if !more {
		return out, "", nil
	}
	return out, application.IncomingCursor(time.Unix(0, lastNs), out[len(out)-1].ID), nil
}

// nanos returns t as Unix nanoseconds, the key of the time columns,
// clamped to the range of int64 (the years 1678 to 2262) so that order
// is kept for times outside it.
func nanos(t time.Time) int64 {
	switch {
	case t.Before(minNanosTime):
		return math.MinInt64
	case t.After(maxNanosTime):
		return math.MaxInt64
	}
	return t.UnixNano()
}

// The times nanos can represent exactly.
var (
	minNanosTime = time.Unix(0, math.MinInt64)
	maxNanosTime = time.Unix(0, math.MaxInt64)
)

// forEachRow calls fn for every row and closes rows.
func forEachRow(rows pgx.Rows, fn func(pgx.Row) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ProcessedBetween returns the applications whose Process entry is in
// [from, to), ordered by the time they were processed, then ID.
func (r *ApplicationRepository) ProcessedBetween(ctx context.Context, from, to time.Time) ([]*application.Application, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rows, err := r.pool.Query(ctx, `SELECT `+applicationColumns+` FROM application a
		WHERE a.processed_ns >= $1 AND a.processed_ns < $2
		ORDER BY a.processed_ns, a.id`, nanos(from), nanos(to))
	if err != nil {
		return nil, translate(err, whatApplication)
	}
	out := []*application.Application{}
	err = forEachRow(rows, func(row pgx.Row) error {
		var body, history []byte
		var version int64
		if err := row.Scan(&body, &version, &history); err != nil {
			return err
		}
		a, err := decodeApplication(body, version, history)
		if err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, translate(err, whatApplication)
	}
	return out, nil
}
