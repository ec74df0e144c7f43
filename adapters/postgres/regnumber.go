package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/application"
)

// RegNumbers is the application.RegNumbers in PostgreSQL: the last number
// of each office and year is a row of the table reg_counter, and Next
// takes the next one with a single INSERT … ON CONFLICT DO UPDATE …
// RETURNING. The statement is its own transaction, so concurrent calls
// queue on the row lock and each number is issued once; a call that fails
// commits nothing and uses up no number, so numbers have no gaps.
type RegNumbers struct {
	pool *pgxpool.Pool
}

var _ application.RegNumbers = (*RegNumbers)(nil)

// NewRegNumbers returns the registration numbers kept in the database of
// the pool, whose schema Migrate has brought up to date.
func NewRegNumbers(pool *pgxpool.Pool) *RegNumbers { return &RegNumbers{pool: pool} }

const whatRegNumber = "регистрационный номер"

// nextRegSQL takes the next number of the office ($1) and year ($2); it
// returns no row when the last one, $3, is used.
const nextRegSQL = `INSERT INTO reg_counter AS c (office, year, last) VALUES ($1, $2, 1)
	ON CONFLICT ON CONSTRAINT reg_counter_pkey DO UPDATE SET last = c.last + 1 WHERE c.last < $3
	RETURNING c.last`

// Next returns the next registration number of the office in the year,
// "MFC01-2026-000001". It returns the *ValidationError of
// application.CheckRegNumber for a bad office or year,
// application.RegExhaustedError after application.MaxRegSeq, ctx.Err()
// when ctx is done, and an error matching ErrUnavailable when the database
// cannot be reached.
func (r *RegNumbers) Next(ctx context.Context, office string, year int) (string, error) {
	return nextRegNumber(ctx, r.pool, office, year)
}

// NextTx is Next inside the caller's transaction: the number is used only
// when tx commits, so a caller that takes a number and stores what
// carries it in one transaction never leaves a gap, even when it fails
// between the two.
func (r *RegNumbers) NextTx(ctx context.Context, tx pgx.Tx, office string, year int) (string, error) {
	return nextRegNumber(ctx, tx, office, year)
}

// nextRegNumber takes the next number with nextRegSQL on q, a pool (the
// statement is its own transaction) or the caller's transaction.
func nextRegNumber(ctx context.Context, q querier, office string, year int) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if err := application.CheckRegNumber(office, year); err != nil {
		return "", err
	}
	var seq int
	err := q.QueryRow(ctx, nextRegSQL, office, year, application.MaxRegSeq).Scan(&seq)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", application.RegExhaustedError(office, year)
	}
	if err != nil {
		return "", translate(err, whatRegNumber)
	}
	return application.FormatRegNumber(office, year, seq)
}
