package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/subject"
)

// LegalEntityRepository is a subject.LegalEntityRepository over
// PostgreSQL: the table legal_entities (migration 00021_subject.sql). The
// uniqueness of OGRN and of INN with KPP is kept by unique constraints, so
// it holds whatever runs concurrently; searches by INN, KPP and OGRN use
// their indexes, a search by name is narrowed by a trigram index and
// decided by LegalEntityQuery.Matches, and the order is that of
// subject.CompareLegalEntities, kept in sort columns. Update locks the row
// with SELECT ... FOR UPDATE. It is safe for concurrent use.
type LegalEntityRepository struct {
	pool *pgxpool.Pool
}

var _ subject.LegalEntityRepository = (*LegalEntityRepository)(nil)

// NewLegalEntityRepository returns a repository over the pool, whose
// database must be migrated (see Migrate).
func NewLegalEntityRepository(pool *pgxpool.Pool) *LegalEntityRepository {
	return &LegalEntityRepository{pool: pool}
}

// Names of the constraints of legal_entities that errors are translated
// by.
const (
	legalPKey      = "legal_entities_pkey"
	legalOGRNKey   = "legal_entities_ogrn_key"
	legalINNKPPKey = "legal_entities_inn_kpp_key"
)

// legalWhat names legal entities in the messages of translated errors.
const legalWhat = "организация"

// legalColumns are the columns legalScan reads, in its order.
const legalColumns = `id, version, full_name, short_name, inn, kpp, ogrn,
	legal_address_object, legal_address_text, postal_address_object, postal_address_text,
	bank_bik, bank_settlement_account, bank_correspondent_account, bank_name,
	head_name, head_position, contacts, oktmo, okpo, okved, created_at, updated_at`

// legalOrder is the order of subject.CompareLegalEntities.
const legalOrder = ` ORDER BY sort_name, sort_full_name, id`

// Create stores a new legal entity with Version 1.
func (r *LegalEntityRepository) Create(ctx context.Context, e subject.LegalEntity) error {
	e.Version = 1
	args, err := legalArgs(e)
	if err != nil {
		return err
	}
	_, err = r.pool.Exec(ctx, `INSERT INTO legal_entities (`+legalColumns+`, sort_name, sort_full_name, search_text)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
		$21, $22, $23, $24, $25, $26)`, args...)
	if err != nil {
		return r.duplicate(ctx, err, e)
	}
	return nil
}

// Get returns the legal entity with the ID.
func (r *LegalEntityRepository) Get(ctx context.Context, id uuid.UUID) (subject.LegalEntity, error) {
	e, err := legalScan(r.pool.QueryRow(ctx, `SELECT `+legalColumns+` FROM legal_entities WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return subject.LegalEntity{}, subject.LegalEntityNotFoundError(id)
	}
	if err != nil {
		return subject.LegalEntity{}, translate(err, legalWhat)
	}
	return e, nil
}

// Update runs fn on a copy of the legal entity, locked with SELECT ...
// FOR UPDATE, and stores it with the Version bumped, in one transaction.
func (r *LegalEntityRepository) Update(ctx context.Context, id uuid.UUID, fn func(*subject.LegalEntity) error) (subject.LegalEntity, error) {
	var (
		out   subject.LegalEntity
		fnErr error
	)
	err := withTx(ctx, r.pool, func(tx pgx.Tx) error {
		fnErr = nil
		old, err := legalScan(tx.QueryRow(ctx, `SELECT `+legalColumns+` FROM legal_entities WHERE id = $1 FOR UPDATE`, id))
		if errors.Is(err, pgx.ErrNoRows) {
			fnErr = subject.LegalEntityNotFoundError(id)
			return fnErr
		}
		if err != nil {
			return err
		}
		e := old.Clone()
		if err := fn(&e); err != nil {
			fnErr = err
			return err
		}
		e = e.Clone() // fn may keep references to what it put in
		e.ID, e.Version = old.ID, old.Version+1
		out = e
		// With the identifiers unchanged the unique constraints already
		// keep every other record from having them.
		if e.OGRN != old.OGRN || e.INN != old.INN || e.KPP != old.KPP {
			if err := legalUnique(ctx, tx, e); err != nil {
				fnErr = err
				return err
			}
		}
		args, err := legalArgs(e)
		if err != nil {
			fnErr = err
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE legal_entities SET version = $2, full_name = $3, short_name = $4,
			inn = $5, kpp = $6, ogrn = $7, legal_address_object = $8, legal_address_text = $9,
			postal_address_object = $10, postal_address_text = $11, bank_bik = $12,
			bank_settlement_account = $13, bank_correspondent_account = $14, bank_name = $15,
			head_name = $16, head_position = $17, contacts = $18, oktmo = $19, okpo = $20, okved = $21,
			created_at = $22, updated_at = $23, sort_name = $24, sort_full_name = $25, search_text = $26
			WHERE id = $1 AND version = $27`, append(args, old.Version)...)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return fmt.Errorf("postgres: legal entity %s changed under its row lock: %w", id, subject.ErrConflict)
		}
		return nil
	})
	switch {
	case err == nil:
		return out, nil
	case fnErr != nil && errors.Is(err, fnErr):
		return subject.LegalEntity{}, fnErr
	}
	// A unique constraint caught what legalUnique could not yet see.
	return subject.LegalEntity{}, r.duplicate(ctx, err, out)
}

// Find returns the legal entities the query selects, in the order of
// subject.CompareLegalEntities, paged by q.Page. Identifiers are matched
// and pages cut in the database; a search by name is narrowed there by
// the trigram index on the folded names and decided by q.Matches, then
// paged.
func (r *LegalEntityRepository) Find(ctx context.Context, q subject.LegalEntityQuery) ([]subject.LegalEntity, error) {
	for _, s := range [...]string{q.INN, q.KPP, q.OGRN} {
		if !subjStorable(s) {
			// No stored identifier has such a character, and the database
			// would refuse the text.
			return nil, ctx.Err()
		}
	}
	var c sqlConds
	if q.INN != "" {
		c.add("inn = " + c.arg(q.INN))
	}
	if q.KPP != "" {
		c.add("kpp = " + c.arg(q.KPP))
	}
	if q.OGRN != "" {
		c.add("ogrn = " + c.arg(q.OGRN))
	}
	byName := q.Name != ""
	for _, w := range legalWords(q.Name) {
		c.add("search_text LIKE " + c.arg("%"+likeEscaper.Replace(w)+"%"))
	}
	sql := `SELECT ` + legalColumns + ` FROM legal_entities` + c.where() + legalOrder
	if !byName {
		if q.Offset > 0 {
			sql += " OFFSET " + c.arg(q.Offset)
		}
		if q.Limit > 0 {
			sql += " LIMIT " + c.arg(q.Limit)
		}
	}
	rows, err := r.pool.Query(ctx, sql, c.args...)
	if err != nil {
		return nil, translate(err, legalWhat)
	}
	var out []subject.LegalEntity
	for rows.Next() {
		e, err := legalScan(rows)
		if err != nil {
			rows.Close()
			return nil, translate(err, legalWhat)
		}
		if q.Matches(e) {
			out = append(out, e)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err, legalWhat)
	}
	if byName {
		out = q.Page(out)
	}
	return out, nil
}

// duplicate turns err, a failed write of e, into the conflict it means: a
// stored ID, OGRN, or INN and KPP name the record that has them.
func (r *LegalEntityRepository) duplicate(ctx context.Context, err error, e subject.LegalEntity) error {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "23505" {
		return translate(err, legalWhat)
	}
	var sql string
	var args []any
	switch pgErr.ConstraintName {
	case legalPKey:
		return subject.LegalEntityExistsError(e.ID)
	case legalOGRNKey:
		sql, args = `ogrn = $1 AND id <> $2`, []any{e.OGRN, e.ID}
	case legalINNKPPKey:
		sql, args = `inn = $1 AND kpp = $2 AND id <> $3`, []any{e.INN, e.KPP, e.ID}
	default:
		return translate(err, legalWhat)
	}
	other, lerr := legalScan(r.pool.QueryRow(ctx, `SELECT `+legalColumns+` FROM legal_entities WHERE `+sql, args...))
	switch {
	case errors.Is(lerr, pgx.ErrNoRows):
		// The holder let the identifier go since: it was taken all the same.
		other = subject.LegalEntity{OGRN: e.OGRN, INN: e.INN, KPP: e.KPP}
	case lerr != nil:
		return translate(lerr, legalWhat)
	}
	if pgErr.ConstraintName == legalOGRNKey {
		return subject.DuplicateOGRNError(other)
	}
	return subject.DuplicateINNKPPError(other)
}

// legalUnique returns the conflict with another stored record that e
// would duplicate, checked in the order of the memory adapter: OGRN, then
// INN and KPP.
func legalUnique(ctx context.Context, tx pgx.Tx, e subject.LegalEntity) error {
	other, err := legalScan(tx.QueryRow(ctx, `SELECT `+legalColumns+` FROM legal_entities
		WHERE ogrn = $1 AND id <> $2`, e.OGRN, e.ID))
	switch {
	case err == nil:
		return subject.DuplicateOGRNError(other)
	case !errors.Is(err, pgx.ErrNoRows):
		return err
	}
	other, err = legalScan(tx.QueryRow(ctx, `SELECT `+legalColumns+` FROM legal_entities
		WHERE inn = $1 AND kpp = $2 AND id <> $3`, e.INN, e.KPP, e.ID))
	switch {
	case err == nil:
		return subject.DuplicateINNKPPError(other)
	case !errors.Is(err, pgx.ErrNoRows):
		return err
	}
	return nil
}

// legalArgs returns the values of legalColumns for e, followed by the
// sort and search columns.
func legalArgs(e subject.LegalEntity) ([]any, error) {
	cj, err := subjContactsJSON(e.Contacts)
	if err != nil {
		return nil, err
	}
	return []any{e.ID, e.Version, e.FullName, e.ShortName, e.INN, e.KPP, e.OGRN,
		nullUUID(e.LegalAddress.Object), e.LegalAddress.Text, nullUUID(e.PostalAddress.Object), e.PostalAddress.Text,
		e.Bank.BIK, e.Bank.SettlementAccount, e.Bank.CorrespondentAccount, e.Bank.Name,
		e.Head.Name, e.Head.Position, cj, e.OKTMO, e.OKPO, e.OKVED, e.CreatedAt, e.UpdatedAt,
		address.Fold(e.Name()), address.Fold(e.FullName), address.Fold(e.ShortName) + " " + address.Fold(e.FullName)}, nil
}

// legalScan reads a row of legalColumns.
func legalScan(row pgx.Row) (subject.LegalEntity, error) {
	var (
		e                    subject.LegalEntity
		legalObj, postalObj  pgtype.UUID
		cj                   []byte
		createdAt, updatedAt time.Time
	)
	if err := row.Scan(&e.ID, &e.Version, &e.FullName, &e.ShortName, &e.INN, &e.KPP, &e.OGRN,
		&legalObj, &e.LegalAddress.Text, &postalObj, &e.PostalAddress.Text,
		&e.Bank.BIK, &e.Bank.SettlementAccount, &e.Bank.CorrespondentAccount, &e.Bank.Name,
		&e.Head.Name, &e.Head.Position, &cj, &e.OKTMO, &e.OKPO, &e.OKVED, &createdAt, &updatedAt); err != nil {
		return subject.LegalEntity{}, err
	}
	if legalObj.Valid {
		e.LegalAddress.Object = legalObj.Bytes
	}
	if postalObj.Valid {
		e.PostalAddress.Object = postalObj.Bytes
	}
	contacts, err := subjContactsOf(cj)
	if err != nil {
		return subject.LegalEntity{}, fmt.Errorf("postgres: legal entity %s: %w", e.ID, err)
	}
	e.Contacts = contacts
	e.CreatedAt, e.UpdatedAt = createdAt.UTC(), updatedAt.UTC()
	return e, nil
}

// legalWords returns the words of a name as the search narrows by them:
// folded, split at everything that is not a letter or a digit. A stored
// name that LegalEntityQuery.Matches keeps contains each of them in its
// search_text, so the narrowing never loses a match.
func legalWords(s string) []string {
	return strings.FieldsFunc(address.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
