package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/internal/fault"
)

// Search and full address strings over a graph too big to keep in memory.
//
// The algorithms are the domain's, written once in package address: SQL
// only narrows the graph to the part a query can touch, using the indexes
// of the schema (the folded name by level with text_pattern_ops for exact
// and prefix matches, the FIAS GUID, the parent of relations for walks
// down, the key of relations for walks up), and an address.Index built
// from that part answers the query. Because the part holds every object
// that can match and every ancestor of each, in both hierarchies and in
// every period, the answer is the one an Index of the whole graph
// gives: the same objects, the same order, the same total.

// addrSearchWhat names address searches in the messages of translated
// errors.
const addrSearchWhat = "поиск адресов"

// Search returns the objects that match the query, ordered and paged as
// address.Index.Search does, with the same results. The query is
// validated as there: an invalid one gives a *address.ValidationError. A
// query with a FIAS GUID, a parent, a name at a level up to the street, a
// house or premise number, an ancestor or a Within is narrowed by the
// indexes; one with none of them reads every object, like the in-memory
// search scans every object. An unknown Parent, Ancestor or FIAS GUID
// matches nothing.
func (r *AddressRepository) Search(ctx context.Context, q address.Query) (address.SearchResult, error) {
	if err := q.Validate(); err != nil {
		return address.SearchResult{}, err
	}
	if err := ctx.Err(); err != nil {
		return address.SearchResult{}, err
	}
	// One repeatable-read snapshot, so the narrowing and the reading of the
	// part agree even while writers commit.
	tx, err := r.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return address.SearchResult{}, translate(fmt.Errorf("postgres: address search: %w", err), addrSearchWhat)
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	ids, err := addrCandidates(ctx, tx, &q)
	if err != nil {
		return address.SearchResult{}, translate(fmt.Errorf("postgres: address search: %w", err), addrSearchWhat)
	}
	ix, err := addrSubgraphIndex(ctx, tx, ids)
	if err != nil {
		return address.SearchResult{}, translate(fmt.Errorf("postgres: address search: %w", err), addrSearchWhat)
	}
	return ix.Search(q)
}

// addrCandidates returns the IDs of a superset of the objects that match
// q, together with the objects q refers to (parent, ancestor, the matches
// of Within), so that an index of them and their ancestors answers q.
func addrCandidates(ctx context.Context, tx pgx.Tx, q *address.Query) ([]uuid.UUID, error) {
	h := q.Hierarchy
	if h == 0 {
		h = address.HierarchyAdministrative
	}
	name := address.Fold(q.Name)
	level := int16(q.Level)
	var refs []uuid.UUID
	for _, id := range []uuid.UUID{q.Parent, q.Ancestor} {
		if id != uuid.Nil {
			refs = append(refs, id)
		}
	}
	var anchors []uuid.UUID
	if q.Within != nil {
		var err error
		if anchors, err = addrCandidates(ctx, tx, q.Within); err != nil {
			return nil, err
		}
		if len(anchors) == 0 {
			return nil, nil
		}
	}
	var (
		sql  string
		args []any
	)
	switch {
	case q.FIASGUID != uuid.Nil:
		sql, args = `SELECT id FROM address_object WHERE id = $1 OR fias_guid = $1`, []any{q.FIASGUID}
	case q.Parent != uuid.Nil:
		sql, args = `SELECT child FROM address_relation WHERE parent = $1 AND hierarchy = $2`, []any{q.Parent, int16(h)}
	case name != "" && q.Level >= address.LevelRegion && q.Level <= address.LevelStreet:
		sql, args = addrNameFilter(`SELECT id FROM address_object WHERE level = $1`, []any{level}, name, q.Match)
	case q.Within != nil || q.Ancestor != uuid.Nil:
		from := anchors
		if q.Within == nil {
			from = []uuid.UUID{q.Ancestor}
		}
		// Every descendant down to the query's level, in every period;
		// UNION also stops a walk round a cycle.
		sql = `WITH RECURSIVE down(id) AS (
				SELECT unnest($1::uuid[])
				UNION
				SELECT r.child FROM down d
				JOIN address_relation r ON r.parent = d.id AND r.hierarchy = $2
				JOIN address_object o ON o.id = r.child AND ($3 = 0 OR o.level <= $3)
			)
			SELECT id FROM down`
		args = []any{from, int16(h), level}
	default:
		sql, args = `SELECT id FROM address_object WHERE ($1 = 0 OR level = $1)`, []any{level}
		switch {
		case name != "":
			sql, args = addrNameFilter(sql, args, name, q.Match)
		case q.House.Number != "":
			sql, args = addrNameFilter(sql+` AND level = 6`, args, address.Fold(q.House.Number), address.MatchExact)
		case q.Premise != "":
			sql, args = addrNameFilter(sql+` AND level = 7`, args, address.Fold(q.Premise), address.MatchExact)
		}
	}
	rows, err := tx.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[uuid.UUID])
	if err != nil {
		return nil, err
	}
	ids = append(ids, refs...)
	return append(ids, anchors...), nil
}

// addrNameFilter adds to sql the match of the folded name: equal, or
// starting with it through a LIKE pattern the text_pattern_ops index
// serves.
func addrNameFilter(sql string, args []any, name string, m address.Match) (string, []any) {
	if strings.IndexByte(name, 0) >= 0 {
		// PostgreSQL text never holds NUL, so no stored name has it.
		return sql + ` AND false`, args
	}
	args = append(args, name)
	if m == address.MatchPrefix {
		args[len(args)-1] = addrLikePrefix(name)
		return sql + fmt.Sprintf(` AND name_fold LIKE $%d`, len(args)), args
	}
	return sql + fmt.Sprintf(` AND name_fold = $%d`, len(args)), args
}

// addrLikePrefix returns the LIKE pattern of the names that start with s.
func addrLikePrefix(s string) string {
	return likeEscaper.Replace(s) + "%"
}

// addrSubgraphIndex builds an address.Index of the objects with the IDs,
// their ancestors in both hierarchies (a Within may walk the other one) in
// every period, and the relations among them.
func addrSubgraphIndex(ctx context.Context, tx pgx.Tx, ids []uuid.UUID) (*address.Index, error) {
	b := address.NewIndexBuilder(nil)
	if len(ids) == 0 {
		return b.Build(), nil
	}
	const up = `WITH RECURSIVE up(id) AS (
			SELECT unnest($1::uuid[])
			UNION
			SELECT r.parent FROM up u JOIN address_relation r ON r.child = u.id
		)`
	rows, err := tx.Query(ctx, up+` SELECT `+addrObjectColumns+` FROM address_object WHERE id IN (SELECT id FROM up)`, ids)
	objs, err := collectAddrObjects(rows, err, nil)
	if err != nil {
		return nil, err
	}
	b.Grow(len(objs))
	inPart := make([]uuid.UUID, len(objs))
	for i, o := range objs {
		b.AddObject(o)
		inPart[i] = o.ID
	}
	rows, err = tx.Query(ctx, `SELECT `+addrRelationColumns+` FROM address_relation
		WHERE child = ANY($1::uuid[])`, inPart)
	rels, err := collectAddrRelations(rows, err, nil)
	if err != nil {
		return nil, err
	}
	for _, rel := range rels {
		b.AddRelation(rel)
	}
	return b.Build(), nil
}

// Full returns the full address string of the object, as address.Graph
// Full and address.Index.Full render it, walking the parent chain in one
// recursive query. It returns an error matching address.ErrNotFound, with
// the code address.CodeObjectNotFound, for an unknown object.
func (r *AddressRepository) Full(ctx context.Context, id uuid.UUID, opts address.FullOptions) (string, error) {
	out, err := r.FullMany(ctx, []uuid.UUID{id}, opts)
	if err != nil {
		return "", err
	}
	return out[0], nil
}

// addrChainSQL walks up from every ID of $1 in hierarchy $2: at each step
// the parent of the relation valid on $3 ('infinity' asks for the open
// relations) with the latest start, as address.Graph.Full does, at most 64
// objects deep.
const addrChainSQL = `
WITH RECURSIVE chain(root, id, depth) AS (
	SELECT x, x, 0 FROM unnest($1::uuid[]) AS x
	UNION ALL
	SELECT c.root, p.parent, c.depth + 1 FROM chain c
	CROSS JOIN LATERAL (
		SELECT r.parent FROM address_relation r
		WHERE r.child = c.id AND r.hierarchy = $2
			AND CASE WHEN $3::date = 'infinity' THEN r.end_date = 'infinity'
				ELSE r.start_date <= $3::date AND $3::date < r.end_date END
		ORDER BY r.start_date DESC LIMIT 1
	) p
	WHERE c.depth < 63
)
SELECT c.root, c.depth, o.id, o.fias_guid, o.gar_object_id, o.level, o.gar_level, o.type, o.name, o.elements,
	o.postal_code, o.okato, o.oktmo, o.cadastral_number, o.start_date, o.end_date
FROM chain c JOIN address_object o ON o.id = c.id
ORDER BY c.root, c.depth`

// FullMany returns the full address strings of the objects, in the order
// of ids, in one round trip for the chains and one for the types. It
// returns an error matching address.ErrNotFound, with the code
// address.CodeObjectNotFound, when an object is unknown.
func (r *AddressRepository) FullMany(ctx context.Context, ids []uuid.UUID, opts address.FullOptions) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	h := opts.Hierarchy
	if h == 0 {
		h = address.HierarchyAdministrative
	}
	if !h.Valid() {
		return nil, fault.Validation(address.Violation{Field: "hierarchy", Code: address.CodeRelationHierarchy, Message: "Неверна иерархия"})
	}
	at := endDate(opts.At) // the zero date: 'infinity', the open relations
	rows, err := r.pool.Query(ctx, addrChainSQL, ids, int16(h), at)
	if err != nil {
		return nil, translate(fmt.Errorf("postgres: full addresses: %w", err), "полный адрес")
	}
	defer rows.Close()
	chains := make(map[uuid.UUID][]address.Object, len(ids))
	var levels []int16
	var sc addrObjectScanner
	var root pgtype.UUID
	var depth int32
	for rows.Next() {
		o, err := sc.scan(rows, &root, &depth)
		if err != nil {
			return nil, translate(fmt.Errorf("postgres: full addresses: %w", err), "полный адрес")
		}
		c := chains[root.Bytes]
		if int(depth) != len(c) {
			continue // the chain broke at an unknown parent: it ends there
		}
		chains[root.Bytes] = append(c, o)
		levels = append(levels, int16(o.Level))
	}
	if err := rows.Err(); err != nil {
		return nil, translate(fmt.Errorf("postgres: full addresses: %w", err), "полный адрес")
	}
	rows.Close()
	types, err := addrTypesOf(ctx, r.pool, levels)
	if err != nil {
		return nil, err
	}
	// Each chain is rendered by an address.Index of the chain alone, with
	// the chain's relations open: the chain is the walk at the date.
	b := address.NewIndexBuilder(types)
	added := map[uuid.UUID]bool{}
	for _, c := range chains {
		for i, o := range c {
			if added[o.ID] {
				continue // shared with a chain added before, with its parents
			}
			added[o.ID] = true
			b.AddObject(o)
			if i+1 < len(c) {
				b.AddRelation(address.Relation{Hierarchy: h, Child: o.ID, Parent: c[i+1].ID})
			}
		}
	}
	ix := b.Build()
	out := make([]string, len(ids))
	render := address.FullOptions{Hierarchy: h, Style: opts.Style}
	for i, id := range ids {
		if _, ok := chains[id]; !ok {
			return nil, addrObjectNotFound("Адресный объект " + id.String() + " не найден")
		}
		if out[i], err = ix.Full(id, render); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// addrTypesOf returns the types of the levels.
func addrTypesOf(ctx context.Context, q querier, levels []int16) ([]address.Type, error) {
	return collectAddrTypes(q.Query(ctx, `SELECT `+addrTypeColumns+` FROM address_type WHERE level = ANY($1)`, levels))
}
