package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/internal/fault"
)

// ReferenceRepository is the application.ReferenceRepository in
// PostgreSQL: one row of the table reference_entry per entry, keyed by
// book and code. The retirement time is a column of its own that Put
// never writes, so an edit never undoes a concurrent Retire.
type ReferenceRepository struct {
	pool *pgxpool.Pool
}

var _ application.ReferenceRepository = (*ReferenceRepository)(nil)

// NewReferenceRepository returns the reference books in the database of
// the pool, whose schema Migrate has brought up to date.
func NewReferenceRepository(pool *pgxpool.Pool) *ReferenceRepository {
	return &ReferenceRepository{pool: pool}
}

const whatReference = "запись справочника"

// referenceNotFound is the error of a code no entry of the book has.
func referenceNotFound(book application.Book, code string) error {
	return fault.New(fault.NotFound, application.CodeReferenceNotFound,
		"Запись «"+code+"» справочника «"+string(book)+"» не найдена")
}

// decodeReference rebuilds an entry from its body and exact retirement
// time (nil while in use).
func decodeReference(body []byte, retired *string) (application.ReferenceEntry, error) {
	var e application.ReferenceEntry
	if err := json.Unmarshal(body, &e); err != nil {
		return e, fmt.Errorf("postgres: decoding a reference entry: %w", err)
	}
	e.Retired = time.Time{}
	if retired != nil {
		at, err := time.Parse(time.RFC3339Nano, *retired)
		if err != nil {
			return e, fmt.Errorf("postgres: the retirement time of %s/%s: %w", e.Book, e.Code, err)
		}
		e.Retired = at
	}
	return e, nil
}

// List returns every entry of the book, retired ones included, ordered by
// Code (byte order). It returns application.BookError for an unknown
// book.
func (r *ReferenceRepository) List(ctx context.Context, book application.Book) ([]application.ReferenceEntry, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !book.Valid() {
		return nil, application.BookError(book)
	}
	rows, err := r.pool.Query(ctx, `SELECT body, retired FROM reference_entry
		WHERE book = $1 ORDER BY code COLLATE "C"`, string(book))
	if err != nil {
		return nil, translate(err, whatReference)
	}
	out := []application.ReferenceEntry{}
	err = forEachRow(rows, func(row pgx.Row) error {
		var body []byte
		var retired *string
		if err := row.Scan(&body, &retired); err != nil {
			return err
		}
		e, err := decodeReference(body, retired)
		if err != nil {
			return err
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, translate(err, whatReference)
	}
	return out, nil
}

// Get returns the entry of the book with the code, retired or not, or an
// error matching application.ErrNotFound.
func (r *ReferenceRepository) Get(ctx context.Context, book application.Book, code string) (application.ReferenceEntry, error) {
	if err := ctx.Err(); err != nil {
		return application.ReferenceEntry{}, err
	}
	var body []byte
	var retired *string
	err := r.pool.QueryRow(ctx, `SELECT body, retired FROM reference_entry WHERE book = $1 AND code = $2`,
		string(book), code).Scan(&body, &retired)
	if errors.Is(err, pgx.ErrNoRows) {
		return application.ReferenceEntry{}, referenceNotFound(book, code)
	}
	if err != nil {
		return application.ReferenceEntry{}, translate(err, whatReference)
	}
	return decodeReference(body, retired)
}

// Put stores the entry, replacing the one of the same book and code, and
// keeps the stored retirement time whatever e.Retired says. It returns
// the *ValidationError of e.Validate and stores nothing when e breaks its
// own rules.
func (r *ReferenceRepository) Put(ctx context.Context, e application.ReferenceEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := e.Validate(); err != nil {
		return err
	}
	e.Retired = time.Time{}
	body, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("postgres: encoding reference entry %s/%s: %w", e.Book, e.Code, err)
	}
	_, err = r.pool.Exec(ctx, `INSERT INTO reference_entry (book, code, body) VALUES ($1, $2, $3)
		ON CONFLICT ON CONSTRAINT reference_entry_pkey DO UPDATE SET body = excluded.body`,
		string(e.Book), e.Code, body)
	return translate(err, whatReference)
}

// Retire marks the entry retired at the time; retiring a retired entry
// keeps the first time. It returns an error matching
// application.ErrNotFound for a missing entry and
// application.RetiredAtError for the zero time.
func (r *ReferenceRepository) Retire(ctx context.Context, book application.Book, code string, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if at.IsZero() {
		return application.RetiredAtError()
	}
	var found bool
	err := r.pool.QueryRow(ctx, `WITH u AS (
			UPDATE reference_entry SET retired_at = $3, retired = $4
			WHERE book = $1 AND code = $2 AND retired IS NULL
		)
		SELECT EXISTS (SELECT 1 FROM reference_entry WHERE book = $1 AND code = $2)`,
		string(book), code, at, at.Format(time.RFC3339Nano)).Scan(&found)
	if err != nil {
		return translate(err, whatReference)
	}
	if !found {
		return referenceNotFound(book, code)
	}
	return nil
}
