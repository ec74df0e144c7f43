package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/internal/civil"
	"github.com/openzhkh/zhkh/internal/fault"
)

// addrWriteWhat names the writes of the address graph in the messages of
// translated errors.
const addrWriteWhat = "адресный реестр"

// addressPage is how many rows the iterators read per query.
const addressPage = 1000

// AddressRepository is the address.Repository over PostgreSQL: types in
// address_type, objects in address_object and the relations of both
// hierarchies, with their history, in address_relation.
//
// Write runs its function in one transaction that first takes a
// transaction advisory lock, so writes to the graph are serialised across
// every process that shares the database, and the graph's rules, which
// address.Graph checks with reads inside the Write, cannot be broken by a
// concurrent writer. Reads outside a Write see committed data only and
// never wait for a Write. The iterators read in keyset pages and hold no
// connection while the caller's loop body runs, so the body may write.
//
// Beyond the port it answers Search, Full and FullMany in SQL, for graphs
// too big to hold in an address.Index; BulkImport, BulkLoad and CopyGraph
// load large amounts of data with COPY.
type AddressRepository struct {
	pool *pgxpool.Pool
}

var _ address.Repository = (*AddressRepository)(nil)

// NewAddressRepository returns the repository over the pool. The schema
// must be migrated (Migrate).
func NewAddressRepository(pool *pgxpool.Pool) *AddressRepository {
	return &AddressRepository{pool: pool}
}

// addrObjectColumns are the columns addrObjectScanner scans, in order.
const addrObjectColumns = `id, fias_guid, gar_object_id, level, gar_level, type, name, elements,
	postal_code, okato, oktmo, cadastral_number, start_date, end_date`

// addrRelationColumns are the columns collectAddrRelations scans, in order.
const addrRelationColumns = `hierarchy, child, parent, start_date, end_date`

// Object returns the object with the ID, or an error matching
// address.ErrNotFound with the code address.CodeObjectNotFound.
func (r *AddressRepository) Object(ctx context.Context, id uuid.UUID) (address.Object, error) {
	return addrObject(ctx, r.pool, id)
}

// ObjectByGARID returns the object with the GAR OBJECTID, or an error
// matching address.ErrNotFound with the code address.CodeObjectNotFound;
// 0 finds nothing.
func (r *AddressRepository) ObjectByGARID(ctx context.Context, garObjectID int64) (address.Object, error) {
	return addrObjectByGARID(ctx, r.pool, garObjectID)
}

// Relations returns every relation of the child, ordered by hierarchy and
// start; none for an unknown child.
func (r *AddressRepository) Relations(ctx context.Context, child uuid.UUID) ([]address.Relation, error) {
	return addrRelations(ctx, r.pool, child)
}

// Type returns the type with the key, or an error matching
// address.ErrNotFound with the code address.CodeTypeNotFound.
func (r *AddressRepository) Type(ctx context.Context, key address.TypeKey) (address.Type, error) {
	return addrType(ctx, r.pool, key)
}

// Types returns every type, ordered by level and short name (the key,
// compared byte by byte).
func (r *AddressRepository) Types(ctx context.Context) ([]address.Type, error) {
	return addrTypes(ctx, r.pool)
}

// Objects yields every object once, in the order of their IDs, reading
// keyset pages of addressPage rows. It yields a non-nil error, once and
// last, when a read fails or ctx ends.
func (r *AddressRepository) Objects(ctx context.Context) iter.Seq2[address.Object, error] {
	return func(yield func(address.Object, error) bool) {
		var after uuid.UUID
		first := true
		buf := make([]address.Object, 0, addressPage)
		for {
			if err := ctx.Err(); err != nil {
				yield(address.Object{}, err)
				return
			}
			var rows pgx.Rows
			var err error
			if first {
				rows, err = r.pool.Query(ctx, `SELECT `+addrObjectColumns+` FROM address_object ORDER BY id LIMIT $1`, addressPage)
			} else {
				rows, err = r.pool.Query(ctx, `SELECT `+addrObjectColumns+` FROM address_object WHERE id > $1 ORDER BY id LIMIT $2`, after, addressPage)
			}
			first = false
			buf, err = collectAddrObjects(rows, err, buf[:0])
			if err != nil {
				yield(address.Object{}, translate(err, "адресные объекты"))
				return
			}
			for _, o := range buf {
				if !yield(o, nil) {
					return
				}
			}
			if len(buf) < addressPage {
				return
			}
			after = buf[len(buf)-1].ID
		}
	}
}

// AllRelations yields every relation once, ordered by child, hierarchy
// and start, reading keyset pages, with the error rules of Objects.
func (r *AddressRepository) AllRelations(ctx context.Context) iter.Seq2[address.Relation, error] {
	return func(yield func(address.Relation, error) bool) {
		var last address.Relation
		first := true
		buf := make([]address.Relation, 0, addressPage)
		for {
			if err := ctx.Err(); err != nil {
				yield(address.Relation{}, err)
				return
			}
			var rows pgx.Rows
			var err error
			if first {
				rows, err = r.pool.Query(ctx, `SELECT `+addrRelationColumns+` FROM address_relation
					ORDER BY child, hierarchy, start_date LIMIT $1`, addressPage)
			} else {
				rows, err = r.pool.Query(ctx, `SELECT `+addrRelationColumns+` FROM address_relation
					WHERE (child, hierarchy, start_date) > ($1, $2, $3)
					ORDER BY child, hierarchy, start_date LIMIT $4`,
					last.Child, int16(last.Hierarchy), startDate(last.Start), addressPage)
			}
			first = false
			buf, err = collectAddrRelations(rows, err, buf[:0])
			if err != nil {
				yield(address.Relation{}, translate(err, "связи адресных объектов"))
				return
			}
			for _, rel := range buf {
				if !yield(rel, nil) {
					return
				}
			}
			if len(buf) < addressPage {
				return
			}
			last = buf[len(buf)-1]
		}
	}
}

// Write runs fn in one transaction holding the address write lock. The
// writes of fn are kept when fn returns nil and the commit succeeds; when
// fn fails, or ctx ends before the commit, the transaction is rolled back
// and nothing is kept. The error of fn is returned as it is.
func (r *AddressRepository) Write(ctx context.Context, fn func(ctx context.Context, w address.Writer) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tx, err := r.pool.Begin(ctx)
	if err != nil {
		return translate(fmt.Errorf("postgres: address write: %w", err), addrWriteWhat)
	}
	// Rolling back a committed transaction is a no-op.
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, addressWriteLockID); err != nil {
		return translate(fmt.Errorf("postgres: address write lock: %w", err), addrWriteWhat)
	}
	if err := fn(ctx, &addressWriter{tx: tx}); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := tx.Commit(context.WithoutCancel(ctx)); err != nil {
		return translate(fmt.Errorf("postgres: address write commit: %w", err), addrWriteWhat)
	}
	return nil
}

// addressWriter is the address.Writer of one Write: reads and writes go
// through its transaction, so reads see the writes made before them.
type addressWriter struct {
	tx pgx.Tx
}

func (w *addressWriter) Object(ctx context.Context, id uuid.UUID) (address.Object, error) {
	return addrObject(ctx, w.tx, id)
}

func (w *addressWriter) ObjectByGARID(ctx context.Context, garObjectID int64) (address.Object, error) {
	return addrObjectByGARID(ctx, w.tx, garObjectID)
}

func (w *addressWriter) Relations(ctx context.Context, child uuid.UUID) ([]address.Relation, error) {
	return addrRelations(ctx, w.tx, child)
}

func (w *addressWriter) Type(ctx context.Context, key address.TypeKey) (address.Type, error) {
	return addrType(ctx, w.tx, key)
}

// putAddrObjectSQL upserts an object unless another object holds its GAR
// OBJECTID; then it inserts nothing and returns no row. Writes are
// serialised by the write lock, so the check cannot race; the unique
// constraint stays as the last line of defence.
const putAddrObjectSQL = `
WITH holder AS (
	SELECT 1 FROM address_object WHERE $3::bigint IS NOT NULL AND gar_object_id = $3::bigint AND id <> $1::uuid
)
INSERT INTO address_object (id, fias_guid, gar_object_id, level, gar_level, type, name, name_fold, elements,
	postal_code, okato, oktmo, cadastral_number, start_date, end_date)
SELECT $1::uuid, $2::uuid, $3::bigint, $4::smallint, $5::smallint, $6::text, $7::text, $8::text, $9::jsonb,
	$10::text, $11::text, $12::text, $13::text, $14::date, $15::date
WHERE NOT EXISTS (SELECT 1 FROM holder)
` + addrObjectUpsert

// addrObjectUpsert, addrRelationUpsert and addrTypeUpsert replace a stored
// object, relation or type by the one written with its key: the writes of
// a Write and the merge of a bulk load.
const (
	addrObjectUpsert = `ON CONFLICT (id) DO UPDATE SET
	fias_guid = EXCLUDED.fias_guid, gar_object_id = EXCLUDED.gar_object_id, level = EXCLUDED.level,
	gar_level = EXCLUDED.gar_level, type = EXCLUDED.type, name = EXCLUDED.name, name_fold = EXCLUDED.name_fold,
	elements = EXCLUDED.elements, postal_code = EXCLUDED.postal_code, okato = EXCLUDED.okato,
	oktmo = EXCLUDED.oktmo, cadastral_number = EXCLUDED.cadastral_number,
	start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date`
	addrRelationUpsert = `ON CONFLICT (child, hierarchy, start_date) DO UPDATE SET
	parent = EXCLUDED.parent, end_date = EXCLUDED.end_date`
	addrTypeUpsert = `ON CONFLICT (level, short_key) DO UPDATE SET
	short = EXCLUDED.short, full_name = EXCLUDED.full_name, position = EXCLUDED.position`
)

// PutObject stores the object; another object with its GAR OBJECTID gives
// an error matching address.ErrConflict.
func (w *addressWriter) PutObject(ctx context.Context, o address.Object) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	row, err := addrObjectRow(&o)
	if err != nil {
		return err
	}
	tag, err := w.tx.Exec(ctx, putAddrObjectSQL, row...)
	if err != nil {
		return translate(fmt.Errorf("postgres: storing address object %s: %w", o.ID, err), "адресный объект")
	}
	if tag.RowsAffected() == 0 {
		return garIDTaken(o.GARObjectID)
	}
	return nil
}

// PutRelation stores the relation, replacing the one with its key.
func (w *addressWriter) PutRelation(ctx context.Context, rel address.Relation) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := w.tx.Exec(ctx, `INSERT INTO address_relation (child, hierarchy, start_date, parent, end_date)
		VALUES ($1, $2, $3, $4, $5) `+addrRelationUpsert,
		rel.Child, int16(rel.Hierarchy), startDate(rel.Start), rel.Parent, endDate(rel.End))
	if err != nil {
		return translate(fmt.Errorf("postgres: storing address relation of %s: %w", rel.Child, err), "связь адресных объектов")
	}
	return nil
}

// PutType stores the type, replacing the one with its key.
func (w *addressWriter) PutType(ctx context.Context, t address.Type) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	k := t.Key()
	_, err := w.tx.Exec(ctx, `INSERT INTO address_type (level, short_key, short, full_name, position)
		VALUES ($1, $2, $3, $4, $5) `+addrTypeUpsert,
		int16(k.Level), k.Short, t.Short, t.Full, int16(t.Position))
	if err != nil {
		return translate(fmt.Errorf("postgres: storing address type %q: %w", t.Short, err), "тип адресного объекта")
	}
	return nil
}

// Reads shared by the repository and the writer.

func addrObject(ctx context.Context, q querier, id uuid.UUID) (address.Object, error) {
	if err := ctx.Err(); err != nil {
		return address.Object{}, err
	}
	rows, err := q.Query(ctx, `SELECT `+addrObjectColumns+` FROM address_object WHERE id = $1`, id)
	objs, err := collectAddrObjects(rows, err, nil)
	if err != nil {
		return address.Object{}, translate(fmt.Errorf("postgres: reading address object %s: %w", id, err), "адресный объект")
	}
	if len(objs) == 0 {
		return address.Object{}, addrObjectNotFound("Адресный объект " + id.String() + " не найден")
	}
	return objs[0], nil
}

func addrObjectByGARID(ctx context.Context, q querier, garID int64) (address.Object, error) {
	if err := ctx.Err(); err != nil {
		return address.Object{}, err
	}
	if garID == 0 {
		return address.Object{}, addrObjectNotFound("Адресный объект с OBJECTID ГАР 0 не найден")
	}
	rows, err := q.Query(ctx, `SELECT `+addrObjectColumns+` FROM address_object WHERE gar_object_id = $1`, garID)
	objs, err := collectAddrObjects(rows, err, nil)
	if err != nil {
		return address.Object{}, translate(fmt.Errorf("postgres: reading address object with GAR OBJECTID %d: %w", garID, err), "адресный объект")
	}
	if len(objs) == 0 {
		return address.Object{}, addrObjectNotFound(fmt.Sprintf("Адресный объект с OBJECTID ГАР %d не найден", garID))
	}
	return objs[0], nil
}

func addrRelations(ctx context.Context, q querier, child uuid.UUID) ([]address.Relation, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rows, err := q.Query(ctx, `SELECT `+addrRelationColumns+` FROM address_relation
		WHERE child = $1 ORDER BY hierarchy, start_date`, child)
	rels, err := collectAddrRelations(rows, err, nil)
	if err != nil {
		return nil, translate(fmt.Errorf("postgres: reading address relations of %s: %w", child, err), "связи адресных объектов")
	}
	return rels, nil
}

func addrType(ctx context.Context, q querier, key address.TypeKey) (address.Type, error) {
	if err := ctx.Err(); err != nil {
		return address.Type{}, err
	}
	t, err := scanAddrType(q.QueryRow(ctx, `SELECT `+addrTypeColumns+` FROM address_type
		WHERE level = $1 AND short_key = $2`, int16(key.Level), key.Short))
	if errors.Is(err, pgx.ErrNoRows) {
		return address.Type{}, fault.New(fault.NotFound, address.CodeTypeNotFound,
			"Тип адресного объекта «"+key.Short+"» не найден")
	}
	if err != nil {
		return address.Type{}, translate(fmt.Errorf("postgres: reading address type %q: %w", key.Short, err), "тип адресного объекта")
	}
	return t, nil
}

func addrTypes(ctx context.Context, q querier) ([]address.Type, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return collectAddrTypes(q.Query(ctx, `SELECT `+addrTypeColumns+` FROM address_type
		ORDER BY level, short_key COLLATE "C"`))
}

// addrTypeColumns are the columns scanAddrType reads, in its order.
const addrTypeColumns = `level, short, full_name, position`

// scanAddrType reads a row of addrTypeColumns.
func scanAddrType(row pgx.Row) (address.Type, error) {
	var t address.Type
	var level, pos int16
	err := row.Scan(&level, &t.Short, &t.Full, &pos)
	t.Level, t.Position = address.Level(level), address.Position(pos)
	return t, err
}

// collectAddrTypes reads the rows of a query of addrTypeColumns; none is
// an empty slice. It takes the error of the query too, so callers write
// one check.
func collectAddrTypes(rows pgx.Rows, err error) ([]address.Type, error) {
	if err == nil {
		var out []address.Type
		out, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (address.Type, error) { return scanAddrType(row) })
		if err == nil {
			return out, nil
		}
	}
	return nil, translate(fmt.Errorf("postgres: reading address types: %w", err), "типы адресных объектов")
}

// garIDTaken is the error of a write of an object whose GAR OBJECTID
// another object holds.
func garIDTaken(garID int64) error {
	return fault.New(fault.Conflict, address.CodeObjectExists,
		fmt.Sprintf("OBJECTID ГАР %d уже принадлежит другому адресному объекту", garID))
}

func addrObjectNotFound(msg string) error {
	return fault.New(fault.NotFound, address.CodeObjectNotFound, msg)
}

// Conversions between the domain and the columns.

// startDate is the column value of a period start: an open start is
// '-infinity'.
func startDate(d address.Date) pgtype.Date {
	if d.IsZero() {
		return pgtype.Date{InfinityModifier: pgtype.NegativeInfinity, Valid: true}
	}
	return pgtype.Date{Time: d.Time(time.UTC), Valid: true}
}

// endDate is the column value of a period end: an open end is 'infinity'.
func endDate(d address.Date) pgtype.Date {
	if d.IsZero() {
		return pgtype.Date{InfinityModifier: pgtype.Infinity, Valid: true}
	}
	return pgtype.Date{Time: d.Time(time.UTC), Valid: true}
}

// dateOf turns a column value back into a date; NULL and infinite ends
// are the zero date.
func dateOf(d pgtype.Date) address.Date {
	if !d.Valid || d.InfinityModifier != pgtype.Finite {
		return address.Date{}
	}
	return civil.Of(d.Time)
}

// nullUUID is the column value of an optional UUID: the nil UUID is NULL.
func nullUUID(u uuid.UUID) pgtype.UUID { return pgtype.UUID{Bytes: u, Valid: u != uuid.Nil} }

// pgUUID is the column value of a UUID, encoded directly rather than
// through uuid.UUID's driver.Valuer (a string).
func pgUUID(u uuid.UUID) pgtype.UUID { return pgtype.UUID{Bytes: u, Valid: true} }

func nullInt8(v int64) pgtype.Int8 { return pgtype.Int8{Int64: v, Valid: v != 0} }

// elementsJSON encodes the elements as the jsonb column value; none is
// NULL.
func elementsJSON(es []address.Element) ([]byte, error) {
	if len(es) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(es)
	if err != nil {
		return nil, fmt.Errorf("postgres: encoding address elements: %w", err)
	}
	return b, nil
}

// addrObjectRow returns the column values of o in the order of
// putAddrObjectSQL (and of the COPY of the bulk loader).
func addrObjectRow(o *address.Object) ([]any, error) {
	elems, err := elementsJSON(o.Elements)
	if err != nil {
		return nil, err
	}
	var ej any
	if elems != nil {
		ej = string(elems)
	}
	return []any{
		pgUUID(o.ID), nullUUID(o.FIASGUID), nullInt8(o.GARObjectID), int16(o.Level), int16(o.GARLevel),
		o.Type, o.Name, address.Fold(o.Name), ej,
		o.PostalCode, o.OKATO, o.OKTMO, o.CadastralNumber, startDate(o.Start), endDate(o.End),
	}, nil
}

// collectAddrObjects scans the rows of a query of addrObjectColumns,
// appending to buf. It takes the error of the query too, so callers write
// one check.
func collectAddrObjects(rows pgx.Rows, err error, buf []address.Object) ([]address.Object, error) {
	if err != nil {
		return buf, err
	}
	defer rows.Close()
	var sc addrObjectScanner
	for rows.Next() {
		o, err := sc.scan(rows)
		if err != nil {
			return buf, err
		}
		buf = append(buf, o)
	}
	return buf, rows.Err()
}

// addrObjectScanner scans rows of addrObjectColumns, after lead columns
// of the caller's, reusing its buffers from row to row.
type addrObjectScanner struct {
	id, fias     pgtype.UUID
	gar          pgtype.Int8
	level, garLv int16
	elems        []byte
	start, end   pgtype.Date
	dst          []any
}

func (sc *addrObjectScanner) scan(rows pgx.Rows, lead ...any) (address.Object, error) {
	var o address.Object
	sc.elems = sc.elems[:0]
	sc.dst = append(append(sc.dst[:0], lead...), &sc.id, &sc.fias, &sc.gar, &sc.level, &sc.garLv, &o.Type, &o.Name, &sc.elems,
		&o.PostalCode, &o.OKATO, &o.OKTMO, &o.CadastralNumber, &sc.start, &sc.end)
	if err := rows.Scan(sc.dst...); err != nil {
		return o, err
	}
	o.ID = uuid.UUID(sc.id.Bytes)
	if sc.fias.Valid {
		o.FIASGUID = uuid.UUID(sc.fias.Bytes)
	}
	o.GARObjectID = sc.gar.Int64
	o.Level, o.GARLevel = address.Level(sc.level), address.GARLevel(sc.garLv)
	if len(sc.elems) > 0 {
		if err := json.Unmarshal(sc.elems, &o.Elements); err != nil {
			return o, fmt.Errorf("postgres: decoding the elements of address object %s: %w", o.ID, err)
		}
	}
	o.Start, o.End = dateOf(sc.start), dateOf(sc.end)
	return o, nil
}

// collectAddrRelations scans the rows of a query of addrRelationColumns.
func collectAddrRelations(rows pgx.Rows, err error, buf []address.Relation) ([]address.Relation, error) {
	if err != nil {
		return buf, err
	}
	defer rows.Close()
	var (
		h             int16
		child, parent pgtype.UUID
		start, end    pgtype.Date
	)
	for rows.Next() {
		if err := rows.Scan(&h, &child, &parent, &start, &end); err != nil {
			return buf, err
		}
		buf = append(buf, address.Relation{
			Hierarchy: address.Hierarchy(h), Child: uuid.UUID(child.Bytes), Parent: uuid.UUID(parent.Bytes),
			Start: dateOf(start), End: dateOf(end),
		})
	}
	return buf, rows.Err()
}
