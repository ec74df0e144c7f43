package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/internal/fault"
	"github.com/openzhkh/zhkh/subject"
)

// RightRepository is a subject.RightRepository over PostgreSQL: the tables
// right_premises, rights and right_owners (migration 00021_subject.sql).
// Shares are stored exactly, as the numerator, denominator and notation
// they were registered in. Add and Terminate run in a transaction that
// first locks the premise's row of right_premises with SELECT ... FOR
// UPDATE, so the check of an Add sees every right of the premise and no
// other writer of the same premise runs until it commits; writers of
// different premises do not wait for each other, and readers never wait.
// It is safe for concurrent use.
type RightRepository struct {
	pool *pgxpool.Pool
}

var _ subject.RightRepository = (*RightRepository)(nil)

// NewRightRepository returns a repository over the pool, whose database
// must be migrated (see Migrate).
func NewRightRepository(pool *pgxpool.Pool) *RightRepository {
	return &RightRepository{pool: pool}
}

// rightWhat names rights in the messages of translated errors.
const rightWhat = "право собственности"

// rightSelect reads rights with their owners in order, one row per owner
// (a right without owners gives one row of NULLs); rightCollect groups
// them. The caller appends the WHERE clause on r and rightOrder.
const rightSelect = `SELECT r.id, r.premise, r.kind, r.number, r.registered, r.ended,
	r.title_documents, r.registration_documents,
	o.subject, o.kind, o.share_num, o.share_den, o.share_text
	FROM rights r LEFT JOIN right_owners o ON o.right_id = r.id`

// rightOrder is the order of the results of the port.
const rightOrder = ` ORDER BY r.registered, r.id, o.position`

// Add stores the right when check approves the stored rights of its
// premise, all in one transaction that holds the premise locked.
func (r *RightRepository) Add(ctx context.Context, right subject.Right, check func(stored []subject.Right) error) error {
	registered, err := subjDate(right.Registered)
	if err != nil {
		return err
	}
	ended, err := subjDate(right.Ended)
	if err != nil {
		return err
	}
	var checkErr error
	err = withTx(ctx, r.pool, func(tx pgx.Tx) error {
		checkErr = nil
		if err := rightLockPremise(ctx, tx, right.Premise); err != nil {
			return err
		}
		if check != nil {
			stored, err := rightsWhere(ctx, tx, `r.premise = $1`, right.Premise)
			if err != nil {
				return err
			}
			if err := check(stored); err != nil {
				checkErr = err
				return err
			}
		}
		_, err := tx.Exec(ctx, `INSERT INTO rights (id, premise, kind, number, registered, ended,
			title_documents, registration_documents) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			right.ID, right.Premise, string(right.Kind), right.Number, registered, ended,
			rightIDs(right.TitleDocuments), rightIDs(right.RegistrationDocuments))
		if err != nil {
			return err
		}
		for i, o := range right.Owners {
			var num, den pgtype.Int8
			var text pgtype.Text
			if !o.Share.IsZero() {
				num = pgtype.Int8{Int64: o.Share.Num(), Valid: true}
				den = pgtype.Int8{Int64: o.Share.Den(), Valid: true}
				text = pgtype.Text{String: o.Share.String(), Valid: true}
			}
			if _, err := tx.Exec(ctx, `INSERT INTO right_owners (right_id, position, subject, kind,
				share_num, share_den, share_text) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				right.ID, i, o.Subject, string(o.Kind), num, den, text); err != nil {
				return err
			}
		}
		return nil
	})
	if checkErr != nil && errors.Is(err, checkErr) {
		return checkErr
	}
	return translate(err, rightWhat, Constraint{Name: "rights_pkey", Err: rightExists(right.ID)})
}

// Get returns the right with the ID.
func (r *RightRepository) Get(ctx context.Context, id uuid.UUID) (subject.Right, error) {
	rs, err := rightsWhere(ctx, r.pool, `r.id = $1`, id)
	if err != nil {
		return subject.Right{}, translate(err, rightWhat)
	}
	if len(rs) == 0 {
		return subject.Right{}, rightNotFound(id)
	}
	return rs[0], nil
}

// Terminate ends the right on the date by the rule of
// subject.Right.Terminate, holding its premise locked.
func (r *RightRepository) Terminate(ctx context.Context, id uuid.UUID, end subject.Date) error {
	var domainErr error
	err := withTx(ctx, r.pool, func(tx pgx.Tx) error {
		domainErr = nil
		var premise uuid.UUID
		err := tx.QueryRow(ctx, `SELECT premise FROM rights WHERE id = $1`, id).Scan(&premise)
		if errors.Is(err, pgx.ErrNoRows) {
			domainErr = rightNotFound(id)
			return domainErr
		}
		if err != nil {
			return err
		}
		if err := rightLockPremise(ctx, tx, premise); err != nil {
			return err
		}
		var registered, ended pgtype.Date
		if err := tx.QueryRow(ctx, `SELECT registered, ended FROM rights WHERE id = $1 FOR UPDATE`, id).
			Scan(&registered, &ended); err != nil {
			return err
		}
		// Terminate reads only the ID and the dates of the right.
		right := subject.Right{ID: id, Premise: premise, Registered: dateOf(registered), Ended: dateOf(ended)}
		if err := right.Terminate(end); err != nil {
			domainErr = err
			return err
		}
		d, err := subjDate(right.Ended)
		if err != nil {
			domainErr = err
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE rights SET ended = $2 WHERE id = $1`, id, d)
		return err
	})
	if domainErr != nil && errors.Is(err, domainErr) {
		return domainErr
	}
	return translate(err, rightWhat)
}

// RightsOf returns every right to the premise, ended ones included,
// ordered by registration date, then ID.
func (r *RightRepository) RightsOf(ctx context.Context, premise uuid.UUID) ([]subject.Right, error) {
	rs, err := rightsWhere(ctx, r.pool, `r.premise = $1`, premise)
	return rs, translate(err, rightWhat)
}

// RightsOfOwner returns every right the subject holds or held, ordered by
// registration date, then ID.
func (r *RightRepository) RightsOfOwner(ctx context.Context, owner uuid.UUID) ([]subject.Right, error) {
	rs, err := rightsWhere(ctx, r.pool, `r.id IN (SELECT right_id FROM right_owners WHERE subject = $1)`, owner)
	return rs, translate(err, rightWhat)
}

// rightLockPremise makes sure the premise has its row in right_premises
// and locks it until the end of the transaction.
func rightLockPremise(ctx context.Context, tx pgx.Tx, premise uuid.UUID) error {
	if _, err := tx.Exec(ctx, `INSERT INTO right_premises (premise) VALUES ($1) ON CONFLICT DO NOTHING`, premise); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `SELECT 1 FROM right_premises WHERE premise = $1 FOR UPDATE`, premise)
	return err
}

// rightsWhere returns the rights that cond, a condition on r with the
// argument $1, selects, with their owners, in the order of the port.
func rightsWhere(ctx context.Context, q querier, cond string, arg any) ([]subject.Right, error) {
	rows, err := q.Query(ctx, rightSelect+` WHERE `+cond+rightOrder, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []subject.Right
	for rows.Next() {
		var (
			id, premise           uuid.UUID
			kind, number          string
			registered, ended     pgtype.Date
			titles, registrations []uuid.UUID
			owner                 pgtype.UUID
			ownerKind, shareText  pgtype.Text
			shareNum, shareDen    pgtype.Int8
		)
		if err := rows.Scan(&id, &premise, &kind, &number, &registered, &ended, &titles, &registrations,
			&owner, &ownerKind, &shareNum, &shareDen, &shareText); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].ID != id {
			out = append(out, subject.Right{
				ID: id, Premise: premise, Kind: subject.RightKind(kind), Number: number,
				Registered: dateOf(registered), Ended: dateOf(ended),
				TitleDocuments: rightIDsOf(titles), RegistrationDocuments: rightIDsOf(registrations),
			})
		}
		if !owner.Valid {
			continue // a right without owners
		}
		o := subject.Owner{Subject: owner.Bytes, Kind: subject.OwnerKind(ownerKind.String)}
		if shareText.Valid {
			s, err := subject.ParseShare(shareText.String)
			if err != nil || s.Num() != shareNum.Int64 || s.Den() != shareDen.Int64 {
				return nil, fmt.Errorf("postgres: right %s: the stored share %d/%d «%s» is inconsistent",
					id, shareNum.Int64, shareDen.Int64, shareText.String)
			}
			o.Share = s
		}
		r := &out[len(out)-1]
		r.Owners = append(r.Owners, o)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// rightIDs returns ids for an array column: none is an empty array.
func rightIDs(ids []uuid.UUID) []uuid.UUID {
	if ids == nil {
		return []uuid.UUID{}
	}
	return ids
}

// rightIDsOf returns the IDs of an array column: none is nil.
func rightIDsOf(ids []uuid.UUID) []uuid.UUID {
	if len(ids) == 0 {
		return nil
	}
	return ids
}

// rightNotFound is the error of an unknown right ID.
func rightNotFound(id uuid.UUID) error {
	return &fault.Error{Kind: fault.NotFound, Code: subject.CodeRightNotFound,
		Message: "Право собственности с ID " + id.String() + " не найдено"}
}

// rightExists is the error of an Add of a right whose ID is stored.
func rightExists(id uuid.UUID) error {
	return &fault.Error{Kind: fault.Conflict, Code: subject.CodeRightExists,
		Message: "Право собственности с ID " + id.String() + " уже существует"}
}
