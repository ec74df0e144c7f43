package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/internal/fault"
)

// DocumentRepository is a document.Repository over PostgreSQL: the table
// documents (migration 00020_document.sql). Update locks the row with
// SELECT ... FOR UPDATE and writes only when the version it read is still
// there, so concurrent Updates of a document are serialised and none is
// lost. It is safe for concurrent use.
type DocumentRepository struct {
	pool *pgxpool.Pool
}

var _ document.Repository = (*DocumentRepository)(nil)

// NewDocumentRepository returns a repository over the pool, whose database
// must be migrated (see Migrate).
func NewDocumentRepository(pool *pgxpool.Pool) *DocumentRepository {
	return &DocumentRepository{pool: pool}
}

// docWhat names documents in the messages of translated errors.
const docWhat = "документ"

// docColumns are the columns docScan reads, in its order.
const docColumns = `id, type, field_values, subjects, scans, created_by, created_at,
	updated_by, updated_at, retired_by, retired_at, version`

// docScanJSON is the stored form of a document.ScanInfo: the schema's
// own, so that a change of the domain's JSON tags does not change it.
type docScanJSON struct {
	Hash      string `json:"hash"`
	Size      int64  `json:"size"`
	MediaType string `json:"media_type"`
	Pages     int    `json:"pages"`
}

// Create stores a new document with Version 1. A document with the ID
// stored already gives an error matching document.ErrConflict with the
// code document.CodeDocumentExists.
func (r *DocumentRepository) Create(ctx context.Context, d document.Document) error {
	args, err := docArgs(d)
	if err != nil {
		return err
	}
	_, err = r.pool.Exec(ctx, `INSERT INTO documents (`+docColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1)`, args...)
	if err == nil {
		return nil
	}
	return translate(err, docWhat, Constraint{Name: "documents_pkey", Err: docExists(d.ID, err)})
}

// Get returns the document with the ID, retired or not, or an error
// matching document.ErrNotFound with the code document.CodeDocumentNotFound.
func (r *DocumentRepository) Get(ctx context.Context, id uuid.UUID) (document.Document, error) {
	d, err := docScan(r.pool.QueryRow(ctx, `SELECT `+docColumns+` FROM documents WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return document.Document{}, docNotFound(id)
	}
	if err != nil {
		return document.Document{}, translate(err, docWhat)
	}
	return d, nil
}

// Update runs fn on a copy of the document, locked with SELECT ... FOR
// UPDATE, and stores it with the Version bumped, in one transaction.
func (r *DocumentRepository) Update(ctx context.Context, id uuid.UUID, fn func(*document.Document) error) (document.Document, error) {
	var out document.Document
	var fnErr error
	err := withTx(ctx, r.pool, func(tx pgx.Tx) error {
		fnErr = nil
		old, err := docScan(tx.QueryRow(ctx, `SELECT `+docColumns+` FROM documents WHERE id = $1 FOR UPDATE`, id))
		if errors.Is(err, pgx.ErrNoRows) {
			fnErr = docNotFound(id)
			return fnErr
		}
		if err != nil {
			return err
		}
		d := old.Clone()
		if err := fn(&d); err != nil {
			fnErr = err
			return err
		}
		d = d.Clone() // fn may keep references to what it put in
		d.ID, d.Version = old.ID, old.Version+1
		args, err := docArgs(d)
		if err != nil {
			fnErr = err
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE documents SET type = $2, field_values = $3, subjects = $4, scans = $5,
			created_by = $6, created_at = $7, updated_by = $8, updated_at = $9, retired_by = $10, retired_at = $11,
			version = $12 WHERE id = $1 AND version = $13`, append(args, d.Version, old.Version)...)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return fmt.Errorf("postgres: document %s changed under its row lock: %w", id, document.ErrConflict)
		}
		out = d
		return nil
	})
	switch {
	case err == nil:
		return out, nil
	case fnErr != nil && errors.Is(err, fnErr):
		return document.Document{}, fnErr
	}
	return document.Document{}, translate(err, docWhat)
}

// List returns the documents the query selects, ordered by ID.
func (r *DocumentRepository) List(ctx context.Context, q document.Query) ([]document.Document, error) {
	var c sqlConds
	if !q.IncludeRetired {
		c.add("retired_at IS NULL")
	}
	if q.Subject != uuid.Nil {
		c.add("subjects @> ARRAY[" + c.arg(q.Subject) + "::uuid]")
	}
	if q.Type != "" {
		c.add("type = " + c.arg(q.Type))
	}
	if q.After != uuid.Nil {
		c.add("id > " + c.arg(q.After))
	}
	sql := `SELECT ` + docColumns + ` FROM documents` + c.where() + ` ORDER BY id`
	if q.Limit > 0 {
		sql += " LIMIT " + c.arg(q.Limit)
	}
	rows, err := r.pool.Query(ctx, sql, c.args...)
	if err != nil {
		return nil, translate(err, docWhat)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (document.Document, error) { return docScan(row) })
	if err != nil {
		return nil, translate(err, docWhat)
	}
	return out, nil
}

// docNotFound is the error of an ID no document has.
func docNotFound(id uuid.UUID) error {
	return &fault.Error{Kind: fault.NotFound, Code: document.CodeDocumentNotFound,
		Message: "Документ не найден", Err: errors.New("document " + id.String())}
}

// docExists is the error of a Create of an ID a document has already;
// cause is the violation of the primary key.
func docExists(id uuid.UUID, cause error) error {
	return &fault.Error{Kind: fault.Conflict, Code: document.CodeDocumentExists,
		Message: "Документ с таким идентификатором уже существует", Err: fmt.Errorf("document %s: %w", id, cause)}
}

// docArgs returns the values of the columns of d in the order of
// docColumns, without the version.
func docArgs(d document.Document) ([]any, error) {
	values := d.Values
	if values == nil {
		values = document.Values{}
	}
	vj, err := json.Marshal(values)
	if err != nil {
		return nil, fmt.Errorf("postgres: document values: %w", err)
	}
	scans := make([]docScanJSON, len(d.Scans))
	for i, s := range d.Scans {
		scans[i] = docScanJSON{Hash: s.Hash, Size: s.Size, MediaType: s.MediaType, Pages: s.Pages}
	}
	sj, err := json.Marshal(scans)
	if err != nil {
		return nil, fmt.Errorf("postgres: document scans: %w", err)
	}
	subjects := d.Subjects
	if subjects == nil {
		subjects = []uuid.UUID{}
	}
	return []any{d.ID, d.Type, vj, subjects, sj, d.CreatedBy, d.CreatedAt, d.UpdatedBy, d.UpdatedAt,
		nullUUID(d.RetiredBy), docNullTime(d.RetiredAt)}, nil
}

// docScan reads a row of docColumns.
func docScan(row pgx.Row) (document.Document, error) {
	var (
		d                    document.Document
		vj, sj               []byte
		retiredBy            pgtype.UUID
		retiredAt            pgtype.Timestamptz
		createdAt, updatedAt time.Time
	)
	if err := row.Scan(&d.ID, &d.Type, &vj, &d.Subjects, &sj, &d.CreatedBy, &createdAt,
		&d.UpdatedBy, &updatedAt, &retiredBy, &retiredAt, &d.Version); err != nil {
		return document.Document{}, err
	}
	if err := json.Unmarshal(vj, &d.Values); err != nil {
		return document.Document{}, fmt.Errorf("postgres: document %s: stored values: %w", d.ID, err)
	}
	var scans []docScanJSON
	if err := json.Unmarshal(sj, &scans); err != nil {
		return document.Document{}, fmt.Errorf("postgres: document %s: stored scans: %w", d.ID, err)
	}
	if len(d.Values) == 0 {
		d.Values = nil
	}
	if len(d.Subjects) == 0 {
		d.Subjects = nil
	}
	for _, s := range scans {
		d.Scans = append(d.Scans, document.ScanInfo{Hash: s.Hash, Size: s.Size, MediaType: s.MediaType, Pages: s.Pages})
	}
	d.CreatedAt, d.UpdatedAt = createdAt.UTC(), updatedAt.UTC()
	if retiredBy.Valid {
		d.RetiredBy = retiredBy.Bytes
	}
	if retiredAt.Valid {
		d.RetiredAt = retiredAt.Time.UTC()
	}
	return d, nil
}

// docNullTime returns NULL for the zero time, and the time otherwise.
func docNullTime(t time.Time) pgtype.Timestamptz {
	return pgtype.Timestamptz{Time: t, Valid: !t.IsZero()}
}

// sqlConds collects the conditions of a WHERE clause joined by AND and
// the arguments they refer to as $1, $2, ...
type sqlConds struct {
	conds []string
	args  []any
}

// arg adds an argument and returns its placeholder.
func (c *sqlConds) arg(v any) string {
	c.args = append(c.args, v)
	return "$" + strconv.Itoa(len(c.args))
}

// add adds a condition.
func (c *sqlConds) add(cond string) { c.conds = append(c.conds, cond) }

// where returns the WHERE clause, with a leading space, or "" when there
// is no condition.
func (c *sqlConds) where() string {
	if len(c.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.conds, " AND ")
}

// likeEscaper escapes the characters LIKE treats specially, with the
// default escape character, the backslash.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
