package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/internal/fault"
)

// ExchangeLog is the gis.ExchangeLog in PostgreSQL: one row of the table
// gis_exchange per exchange, the XML in bytea columns byte for byte, the
// objects as a JSON array with a GIN index for the Object filter, and
// indexes for the period, the operation and the error code. Times are
// stored to the microsecond, as PostgreSQL keeps them. Update locks the
// row with SELECT … FOR UPDATE and raises the version column.
type ExchangeLog struct {
	pool *pgxpool.Pool
}

var _ gis.ExchangeLog = (*ExchangeLog)(nil)

// NewExchangeLog returns the exchange log in the database of the pool,
// whose schema Migrate has brought up to date.
func NewExchangeLog(pool *pgxpool.Pool) *ExchangeLog { return &ExchangeLog{pool: pool} }

const whatExchange = "запись обмена с ГИС ЖКХ"

func exchangeNotFound(id uuid.UUID) error {
	return fault.New(fault.NotFound, gis.CodeExchangeNotFound, "Запись обмена с ГИС ЖКХ с ID "+id.String()+" не найдена")
}

func exchangeExists(id uuid.UUID) error {
	return fault.New(fault.Conflict, gis.CodeExchangeExists, "Запись обмена с ГИС ЖКХ с ID "+id.String()+" уже есть")
}

const exchangeColumns = `id, version, service, operation, message_guid, ack_guid, request, ack, response,
	sent_at, acked_at, done_at, state, error_code, error_text, objects`

// exchangeArgs returns the values of exchangeColumns for e.
func exchangeArgs(e *gis.Exchange) ([]any, error) {
	objects := e.Objects
	if objects == nil {
		objects = []gis.ObjectRef{}
	}
	js, err := json.Marshal(objects)
	if err != nil {
		return nil, fmt.Errorf("postgres: encoding the objects of exchange %s: %w", e.ID, err)
	}
	return []any{e.ID, e.Version, e.Service, e.Operation, e.MessageGUID, e.AckGUID,
		e.Request, e.Ack, e.Response, nullTime(e.SentAt), nullTime(e.AckedAt), nullTime(e.DoneAt),
		string(e.State), e.ErrorCode, e.ErrorText, js}, nil
}

// nullTime returns nil for the zero time, t otherwise.
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// scanExchange reads a row of exchangeColumns.
func scanExchange(row pgx.Row) (gis.Exchange, error) {
	var e gis.Exchange
	var sent, acked, done *time.Time
	var state string
	var objects []byte
	err := row.Scan(&e.ID, &e.Version, &e.Service, &e.Operation, &e.MessageGUID, &e.AckGUID,
		&e.Request, &e.Ack, &e.Response, &sent, &acked, &done, &state, &e.ErrorCode, &e.ErrorText, &objects)
	if err != nil {
		return e, err
	}
	e.State = gis.ExchangeState(state)
	e.SentAt, e.AckedAt, e.DoneAt = utcTime(sent), utcTime(acked), utcTime(done)
	if err := json.Unmarshal(objects, &e.Objects); err != nil {
		return e, fmt.Errorf("postgres: decoding the objects of exchange %s: %w", e.ID, err)
	}
	if len(e.Objects) == 0 {
		e.Objects = nil
	}
	return e, nil
}

// utcTime returns *t in UTC, or the zero time for nil.
func utcTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// Record stores a new exchange with Version 1. It returns an error
// matching gis.ErrConflict when the ID is taken and a *ValidationError
// (gis.ErrInvalid) when the ID is zero.
func (l *ExchangeLog) Record(ctx context.Context, e gis.Exchange) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if e.ID == uuid.Nil {
		return fault.Validation(fault.Violation{Field: "id", Code: gis.CodeExchangeID,
			Message: "Не заполнен идентификатор записи обмена"})
	}
	e.Version = 1
	args, err := exchangeArgs(&e)
	if err != nil {
		return err
	}
	_, err = l.pool.Exec(ctx, `INSERT INTO gis_exchange (`+exchangeColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`, args...)
	return translate(err, whatExchange, Constraint{Name: "gis_exchange_pkey", Err: exchangeExists(e.ID)})
}

// Get returns the exchange with the ID, or an error matching
// gis.ErrNotFound.
func (l *ExchangeLog) Get(ctx context.Context, id uuid.UUID) (gis.Exchange, error) {
	if err := ctx.Err(); err != nil {
		return gis.Exchange{}, err
	}
	e, err := scanExchange(l.pool.QueryRow(ctx, `SELECT `+exchangeColumns+` FROM gis_exchange WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return gis.Exchange{}, exchangeNotFound(id)
	}
	if err != nil {
		return gis.Exchange{}, translate(err, whatExchange)
	}
	return e, nil
}

// Update applies fn to the stored exchange, read and locked with SELECT …
// FOR UPDATE in a transaction, and stores the result with its ID kept and
// its version raised. It returns an error matching gis.ErrNotFound when
// there is no such exchange (fn is not called), and fn's error unchanged
// with nothing stored. fn may run twice when the database asks for a
// retry.
func (l *ExchangeLog) Update(ctx context.Context, id uuid.UUID, fn func(*gis.Exchange) error) (gis.Exchange, error) {
	if err := ctx.Err(); err != nil {
		return gis.Exchange{}, err
	}
	var out gis.Exchange
	err := withTx(ctx, l.pool, func(tx pgx.Tx) error {
		e, err := scanExchange(tx.QueryRow(ctx, `SELECT `+exchangeColumns+` FROM gis_exchange WHERE id = $1 FOR UPDATE`, id))
		if errors.Is(err, pgx.ErrNoRows) {
			return exchangeNotFound(id)
		}
		if err != nil {
			return err
		}
		version := e.Version
		if err := fn(&e); err != nil {
			return err
		}
		e.ID, e.Version = id, version+1
		args, err := exchangeArgs(&e)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE gis_exchange SET (`+exchangeColumns+`) =
			($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) WHERE id = $1`, args...)
		if err != nil {
			return err
		}
		// The stored record is the database's own: e, which fn saw, is
		// handed out as it is, with its times as the columns keep them.
		out = e
		out.SentAt, out.AckedAt, out.DoneAt = e.SentAt.Truncate(time.Microsecond), e.AckedAt.Truncate(time.Microsecond), e.DoneAt.Truncate(time.Microsecond)
		return nil
	})
	if err != nil {
		return gis.Exchange{}, translate(err, whatExchange)
	}
	return out, nil
}

// Find returns the exchanges the filter selects, ordered by SentAt and
// then ID, at most f.Limit of them when it is positive. It returns a
// *ValidationError (gis.ErrInvalid) for a negative limit.
func (l *ExchangeLog) Find(ctx context.Context, f gis.ExchangeFilter) ([]gis.Exchange, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.Limit < 0 {
		return nil, fault.Validation(fault.Violation{Field: "limit", Code: gis.CodeExchangeLimit,
			Message: "Предел числа записей не может быть отрицательным"})
	}
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if !f.From.IsZero() {
		where = append(where, "sent_at >= "+arg(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "(sent_at IS NULL OR sent_at < "+arg(f.To)+")")
	}
	if f.Service != "" {
		where = append(where, "service = "+arg(f.Service))
	}
	if f.Operation != "" {
		where = append(where, "operation = "+arg(f.Operation))
	}
	if f.ErrorCode != "" {
		where = append(where, "error_code = "+arg(f.ErrorCode))
	}
	if f.OnlyErrors {
		where = append(where, "error_code <> ''")
	}
	if f.Object != nil {
		js, err := json.Marshal([]gis.ObjectRef{*f.Object})
		if err != nil {
			return nil, fmt.Errorf("postgres: encoding an object filter: %w", err)
		}
		where = append(where, "objects @> "+arg(js)+"::jsonb")
	}
	sql := `SELECT ` + exchangeColumns + ` FROM gis_exchange`
	if len(where) > 0 {
		sql += " WHERE " + strings.Join(where, " AND ")
	}
	sql += " ORDER BY sent_at NULLS FIRST, id"
	if f.Limit > 0 {
		sql += " LIMIT " + arg(f.Limit)
	}
	rows, err := l.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, translate(err, whatExchange)
	}
	out := []gis.Exchange{}
	err = forEachRow(rows, func(row pgx.Row) error {
		e, err := scanExchange(row)
		if err != nil {
			return err
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, translate(err, whatExchange)
	}
	return out, nil
}
