package postgres

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/gar"
	"github.com/openzhkh/zhkh/internal/fault"
)

// bulkWhat names bulk loads in the messages of translated errors.
const bulkWhat = "загрузка адресного реестра"

// BulkOptions tune BulkImport, BulkLoad and CopyGraph.
type BulkOptions struct {
	// NewID makes the IDs of new objects that have neither an ID nor a
	// FIAS GUID (objects read from GAR always have one); nil refuses such
	// objects with an error.
	NewID func() (uuid.UUID, error)
	// AfterRows, when set, is called from inside the one transaction of
	// the load each time EveryRows more rows have been handed to COPY
	// (objects and relations counted together), and once more when the
	// copy is complete, before the commit, with the number of rows so
	// far. It is a hook for tests and progress reports: a test kills the
	// process from it to show that an interrupted load keeps nothing. An
	// error it returns aborts the load, which then keeps nothing.
	AfterRows func(ctx context.Context, rows int64) error
	// EveryRows is how often AfterRows is called; zero means 100,000.
	EveryRows int64
}

// BulkStats tells what a bulk load wrote and where its time went.
type BulkStats struct {
	// Types, Objects and Relations count the rows written. A relation
	// written or retired in a load is written with the other relations
	// of its child, which are counted too.
	Types, Objects, Relations int
	// Fresh is true when the graph was empty and the rows were copied
	// straight into its tables; otherwise they were copied into temporary
	// tables and merged (upserted) into the graph.
	Fresh bool
	// Stage is the time spent building and checking the graph in memory
	// (with BulkLoad: reading GAR too), Copy the time spent copying and
	// merging, Analyze the time of refreshing the planner's statistics of
	// the tables, Commit the time of the commit.
	Stage, Copy, Analyze, Commit time.Duration
}

// BulkImport loads a large amount of address data in one transaction.
// fn receives an address.Graph whose writes are staged in memory, over
// the graph stored in the database, and applies the data through it as it
// would through any repository (Apply, Import, or gar.Load), so the rules
// of the graph are checked as usual; reads through the graph see the
// staged writes first and then the stored graph. fn must use g from one
// goroutine, and not after it returns. When fn returns nil the
// staged types, objects and relations are written with COPY (straight
// into the tables when the graph is empty, else through temporary tables
// and an upsert) and committed.
//
// The whole load is one transaction that holds the address write lock of
// AddressRepository.Write from start to end: either all of it is kept or,
// when fn fails, the copy fails, ctx ends or the process is killed
// (SIGKILL included) at any point, none of it. Other writers of the
// address graph wait for it; readers do not. The staged data lives in
// memory until the copy, so a load is bounded by memory: load a full
// register region by region (gar.LoadOptions.Regions), one call each.
//
// Errors of fn are returned as they are; database errors are translated
// (ErrUnavailable for a lost connection).
func BulkImport(ctx context.Context, pool *pgxpool.Pool, fn func(ctx context.Context, g *address.Graph) error, opts BulkOptions) (BulkStats, error) {
	newID := opts.NewID
	if newID == nil {
		newID = func() (uuid.UUID, error) {
			return uuid.Nil, fault.New(fault.Invalid, address.CodeObjectID, "У адресного объекта нет идентификатора и ФИАС ГУИД")
		}
	}
	return bulkTx(ctx, pool, opts, func(ctx context.Context, tx pgx.Tx, st *BulkStats) error {
		var base address.Reader = emptyAddrReader{}
		if !st.Fresh {
			base = &addressWriter{tx: tx}
		}
		stage := &stagedAddrRepo{top: newAddrOverlay(base)}
		began := time.Now()
		if err := fn(ctx, address.NewGraph(stage, newID)); err != nil {
			return err
		}
		st.Stage = time.Since(began)
		if err := ctx.Err(); err != nil {
			return err
		}
		v := stage.top
		began = time.Now()
		err := copyAddrGraph(ctx, tx, slices.Collect(maps.Values(v.types)), v.sortedObjects(), v.sortedRelations(), &opts, st)
		st.Copy = time.Since(began)
		return err
	})
}

// CopyGraph copies every type, object and relation of the repository from
// into the address graph in the database with COPY, in one transaction,
// as BulkImport writes: straight into the tables when the graph is empty,
// else merged into it. It streams from's iterators and holds nothing in
// memory, so it copies a graph of any size; it does not check the rules of
// the graph, which from must keep already — as every repository written
// only through an address.Graph does (the memory adapter filled by
// address.Graph.Apply or gar.Load, or another database). Use it to move a
// graph between stores; load new data with BulkImport or BulkLoad.
func CopyGraph(ctx context.Context, pool *pgxpool.Pool, from address.Repository, opts BulkOptions) (BulkStats, error) {
	return bulkTx(ctx, pool, opts, func(ctx context.Context, tx pgx.Tx, st *BulkStats) error {
		types, err := from.Types(ctx)
		if err != nil {
			return err
		}
		began := time.Now()
		err = copyAddrGraph(ctx, tx, types, from.Objects(ctx), from.AllRelations(ctx), &opts, st)
		st.Copy = time.Since(began)
		return err
	})
}

// bulkTx runs fn in the one transaction of a bulk load: it takes the
// address write lock, tells fn whether the graph is empty (st.Fresh), and
// when fn succeeds analyzes the tables and commits.
func bulkTx(ctx context.Context, pool *pgxpool.Pool, opts BulkOptions, fn func(ctx context.Context, tx pgx.Tx, st *BulkStats) error) (BulkStats, error) {
	var st BulkStats
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if opts.EveryRows <= 0 {
		opts.EveryRows = 100_000
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		return st, translate(fmt.Errorf("postgres: bulk load: %w", err), bulkWhat)
	}
	// Rolling back a committed transaction is a no-op.
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, addressWriteLockID); err != nil {
		return st, translate(fmt.Errorf("postgres: bulk load lock: %w", err), bulkWhat)
	}
	if err := tx.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM address_object) AND NOT EXISTS (SELECT 1 FROM address_relation)`).Scan(&st.Fresh); err != nil {
		return st, translate(fmt.Errorf("postgres: bulk load: %w", err), bulkWhat)
	}
	if err := fn(ctx, tx, &st); err != nil {
		return st, err
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	// Fresh statistics, so that the planner uses the indexes for searches
	// right after a load instead of waiting for autovacuum. ANALYZE reads
	// a sample: it costs about a second whatever the size.
	began := time.Now()
	if _, err := tx.Exec(ctx, `ANALYZE address_object; ANALYZE address_relation`); err != nil {
		return st, translate(fmt.Errorf("postgres: bulk load analyze: %w", err), bulkWhat)
	}
	st.Analyze = time.Since(began)
	began = time.Now()
	if err := tx.Commit(context.WithoutCancel(ctx)); err != nil {
		return st, translate(fmt.Errorf("postgres: bulk load commit: %w", err), bulkWhat)
	}
	st.Commit = time.Since(began)
	return st, nil
}

// BulkLoad reads the GAR files of src into the address graph in the
// database with gar.Load — the same mapping of records to objects and
// relations, the same rules, the same report — and writes the result with
// COPY in one transaction, as BulkImport does. It is the fast way to load
// a region or a whole register into an empty or existing graph; a small
// daily delta goes as well through gar.Load over an AddressRepository.
func BulkLoad(ctx context.Context, pool *pgxpool.Pool, src *gar.Source, load gar.LoadOptions, opts BulkOptions) (*gar.Report, BulkStats, error) {
	var rep *gar.Report
	st, err := BulkImport(ctx, pool, func(ctx context.Context, g *address.Graph) error {
		var err error
		rep, err = gar.Load(ctx, src, g, load)
		return err
	}, opts)
	return rep, st, err
}

// emptyAddrReader is the stored graph of a fresh load: nothing. Its
// errors are the bare kinds: only the Graph of the load sees them, and
// it asks errors.Is only, once or twice for every object, so they must
// cost nothing.
type emptyAddrReader struct{}

func (emptyAddrReader) Object(context.Context, uuid.UUID) (address.Object, error) {
	return address.Object{}, fault.NotFound
}

func (emptyAddrReader) ObjectByGARID(context.Context, int64) (address.Object, error) {
	return address.Object{}, fault.NotFound
}

func (emptyAddrReader) Relations(context.Context, uuid.UUID) ([]address.Relation, error) {
	return nil, nil
}

func (emptyAddrReader) Type(context.Context, address.TypeKey) (address.Type, error) {
	return address.Type{}, fault.NotFound
}

// addrOverlay holds writes over a base reader: the staged load over the
// stored graph, and each Write of the load over the staged load.
type addrOverlay struct {
	base    address.Reader
	objects map[uuid.UUID]address.Object
	garIDs  map[int64]uuid.UUID // uuid.Nil marks an OBJECTID freed here
	rels    map[uuid.UUID][]address.Relation
	types   map[address.TypeKey]address.Type
}

func newAddrOverlay(base address.Reader) *addrOverlay {
	return &addrOverlay{
		base:    base,
		objects: map[uuid.UUID]address.Object{},
		garIDs:  map[int64]uuid.UUID{},
		rels:    map[uuid.UUID][]address.Relation{},
		types:   map[address.TypeKey]address.Type{},
	}
}

func (v *addrOverlay) Object(ctx context.Context, id uuid.UUID) (address.Object, error) {
	if err := ctx.Err(); err != nil {
		return address.Object{}, err
	}
	if o, ok := v.objects[id]; ok {
		return o.Clone(), nil
	}
	return v.base.Object(ctx, id)
}

// peek returns the object without copying it, for reads that only look.
func (v *addrOverlay) peek(ctx context.Context, id uuid.UUID) (address.Object, error) {
	if o, ok := v.objects[id]; ok {
		return o, nil
	}
	return v.base.Object(ctx, id)
}

func (v *addrOverlay) ObjectByGARID(ctx context.Context, garID int64) (address.Object, error) {
	if err := ctx.Err(); err != nil {
		return address.Object{}, err
	}
	if garID == 0 {
		return address.Object{}, fault.NotFound
	}
	if id, ok := v.garIDs[garID]; ok {
		if id == uuid.Nil {
			return address.Object{}, fault.NotFound
		}
		return v.Object(ctx, id)
	}
	o, err := v.base.ObjectByGARID(ctx, garID)
	if err != nil {
		return o, err
	}
	// The stored holder may have been replaced here by a version with
	// another OBJECTID.
	if mine, ok := v.objects[o.ID]; ok && mine.GARObjectID != garID {
		return address.Object{}, fault.NotFound
	}
	return o, nil
}

func (v *addrOverlay) Relations(ctx context.Context, child uuid.UUID) ([]address.Relation, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if rs, ok := v.rels[child]; ok {
		return slices.Clone(rs), nil
	}
	return v.base.Relations(ctx, child)
}

func (v *addrOverlay) Type(ctx context.Context, key address.TypeKey) (address.Type, error) {
	if err := ctx.Err(); err != nil {
		return address.Type{}, err
	}
	if t, ok := v.types[key]; ok {
		return t, nil
	}
	return v.base.Type(ctx, key)
}

func (v *addrOverlay) PutObject(ctx context.Context, o address.Object) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if o.GARObjectID != 0 {
		holder, err := v.ObjectByGARID(ctx, o.GARObjectID)
		switch {
		case err == nil && holder.ID != o.ID:
			return garIDTaken(o.GARObjectID)
		case err != nil && !errors.Is(err, address.ErrNotFound):
			return err
		}
	}
	old, err := v.peek(ctx, o.ID)
	switch {
	case err == nil && old.GARObjectID != 0 && old.GARObjectID != o.GARObjectID:
		v.garIDs[old.GARObjectID] = uuid.Nil
	case err != nil && !errors.Is(err, address.ErrNotFound):
		return err
	}
	if o.GARObjectID != 0 {
		v.garIDs[o.GARObjectID] = o.ID
	}
	v.objects[o.ID] = o.Clone()
	return nil
}

func (v *addrOverlay) PutRelation(ctx context.Context, rel address.Relation) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	rs, err := v.Relations(ctx, rel.Child)
	if err != nil {
		return err
	}
	v.rels[rel.Child] = address.PutRelation(rs, rel)
	return nil
}

func (v *addrOverlay) PutType(ctx context.Context, t address.Type) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	v.types[t.Key()] = t
	return nil
}

// empty reports whether v holds no writes.
func (v *addrOverlay) empty() bool {
	return len(v.objects) == 0 && len(v.garIDs) == 0 && len(v.rels) == 0 && len(v.types) == 0
}

// absorb moves the writes of a finished Write into v.
func (v *addrOverlay) absorb(w *addrOverlay) {
	maps.Copy(v.objects, w.objects)
	maps.Copy(v.garIDs, w.garIDs)
	maps.Copy(v.rels, w.rels)
	maps.Copy(v.types, w.types)
}

// stagedAddrRepo is the address.Repository BulkImport hands to its
// Graph: every Write runs on an overlay of the staged load and is kept in
// it when its function succeeds. Writes are serialised by the caller's
// single goroutine (the Graph of one load); the iterators see the staged
// data only.
type stagedAddrRepo struct {
	top *addrOverlay
}

func (s *stagedAddrRepo) Object(ctx context.Context, id uuid.UUID) (address.Object, error) {
	return s.top.Object(ctx, id)
}

func (s *stagedAddrRepo) ObjectByGARID(ctx context.Context, garID int64) (address.Object, error) {
	return s.top.ObjectByGARID(ctx, garID)
}

func (s *stagedAddrRepo) Relations(ctx context.Context, child uuid.UUID) ([]address.Relation, error) {
	return s.top.Relations(ctx, child)
}

func (s *stagedAddrRepo) Type(ctx context.Context, key address.TypeKey) (address.Type, error) {
	return s.top.Type(ctx, key)
}

// Objects yields the staged objects (not the stored ones).
func (s *stagedAddrRepo) Objects(ctx context.Context) iter.Seq2[address.Object, error] {
	return func(yield func(address.Object, error) bool) {
		for _, o := range s.top.objects {
			if err := ctx.Err(); err != nil {
				yield(address.Object{}, err)
				return
			}
			if !yield(o.Clone(), nil) {
				return
			}
		}
	}
}

// AllRelations yields the staged relations (not the stored ones).
func (s *stagedAddrRepo) AllRelations(ctx context.Context) iter.Seq2[address.Relation, error] {
	return func(yield func(address.Relation, error) bool) {
		for _, rs := range s.top.rels {
			if err := ctx.Err(); err != nil {
				yield(address.Relation{}, err)
				return
			}
			for _, r := range rs {
				if !yield(r, nil) {
					return
				}
			}
		}
	}
}

// Types returns the staged types, ordered by level and key.
func (s *stagedAddrRepo) Types(ctx context.Context) ([]address.Type, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := slices.Collect(maps.Values(s.top.types))
	slices.SortFunc(out, func(a, b address.Type) int {
		ka, kb := a.Key(), b.Key()
		return cmp.Or(cmp.Compare(ka.Level, kb.Level), cmp.Compare(ka.Short, kb.Short))
	})
	return out, nil
}

// Write runs fn on a fresh overlay and keeps its writes when fn succeeds.
func (s *stagedAddrRepo) Write(ctx context.Context, fn func(ctx context.Context, w address.Writer) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// The first Write of a load, often the only one, needs no layer of
	// its own: it becomes the staged load when it succeeds.
	first := s.top.empty()
	w := newAddrOverlay(s.top)
	if first {
		w.base = s.top.base
	}
	if err := fn(ctx, w); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if first {
		s.top = w
	} else {
		s.top.absorb(w)
	}
	return nil
}

// sortedObjects yields the staged objects in the order of their IDs, the
// order of the primary key, which makes its index cheap to fill.
func (v *addrOverlay) sortedObjects() iter.Seq2[address.Object, error] {
	return func(yield func(address.Object, error) bool) {
		for _, id := range slices.SortedFunc(maps.Keys(v.objects), compareUUID) {
			if !yield(v.objects[id], nil) {
				return
			}
		}
	}
}

// sortedRelations yields the staged relations in the order of their
// children.
func (v *addrOverlay) sortedRelations() iter.Seq2[address.Relation, error] {
	return func(yield func(address.Relation, error) bool) {
		for _, child := range slices.SortedFunc(maps.Keys(v.rels), compareUUID) {
			for _, r := range v.rels[child] {
				if !yield(r, nil) {
					return
				}
			}
		}
	}
}

// copyAddrGraph writes a graph through tx: types by an upsert, objects and
// relations by COPY, straight into the tables of a fresh graph or through
// temporary tables merged into a stored one.
func copyAddrGraph(ctx context.Context, tx pgx.Tx, types []address.Type, objects iter.Seq2[address.Object, error],
	relations iter.Seq2[address.Relation, error], opts *BulkOptions, st *BulkStats) error {
	if err := copyAddrTypes(ctx, tx, types); err != nil {
		return err
	}
	st.Types = len(types)
	objTable, relTable := "address_object", "address_relation"
	if !st.Fresh {
		objTable, relTable = "address_object_load", "address_relation_load"
		if _, err := tx.Exec(ctx, `
			CREATE TEMPORARY TABLE address_object_load (LIKE address_object INCLUDING DEFAULTS) ON COMMIT DROP;
			CREATE TEMPORARY TABLE address_relation_load (LIKE address_relation INCLUDING DEFAULTS) ON COMMIT DROP`); err != nil {
			return translate(fmt.Errorf("postgres: bulk load staging tables: %w", err), bulkWhat)
		}
	}
	counter := &rowCounter{ctx: ctx, opts: opts}
	n, err := copyBinary(ctx, tx, objTable, objectCopyColumns, objects, counter, appendObjectTuple)
	if err != nil {
		return translate(fmt.Errorf("postgres: copying address objects: %w", err), "адресные объекты")
	}
	st.Objects = int(n)
	n, err = copyBinary(ctx, tx, relTable, relationCopyColumns, relations, counter, appendRelationTuple)
	if err != nil {
		return translate(fmt.Errorf("postgres: copying address relations: %w", err), "связи адресных объектов")
	}
	st.Relations = int(n)
	if !st.Fresh {
		// An object's OBJECTID may move to another object in the load:
		// the loaded objects let go of theirs before the upsert.
		if _, err := tx.Exec(ctx, `
			UPDATE address_object o SET gar_object_id = NULL
				FROM address_object_load l WHERE o.id = l.id AND o.gar_object_id IS DISTINCT FROM l.gar_object_id;
			INSERT INTO address_object SELECT * FROM address_object_load `+addrObjectUpsert+`;
			INSERT INTO address_relation SELECT * FROM address_relation_load `+addrRelationUpsert); err != nil {
			return translate(fmt.Errorf("postgres: merging the loaded address graph: %w", err), bulkWhat)
		}
	}
	return counter.done()
}

// copyAddrTypes upserts the types in one statement.
func copyAddrTypes(ctx context.Context, tx pgx.Tx, types []address.Type) error {
	if len(types) == 0 {
		return nil
	}
	var levels, positions []int16
	var keys, shorts, fulls []string
	for _, t := range types {
		k := t.Key()
		levels, keys = append(levels, int16(k.Level)), append(keys, k.Short)
		shorts, fulls, positions = append(shorts, t.Short), append(fulls, t.Full), append(positions, int16(t.Position))
	}
	_, err := tx.Exec(ctx, `INSERT INTO address_type (level, short_key, short, full_name, position)
		SELECT * FROM unnest($1::smallint[], $2::text[], $3::text[], $4::text[], $5::smallint[]) `+addrTypeUpsert, levels, keys, shorts, fulls, positions)
	if err != nil {
		return translate(fmt.Errorf("postgres: storing address types: %w", err), "типы адресных объектов")
	}
	return nil
}

// compareUUID orders UUIDs byte by byte, as PostgreSQL orders uuid.
func compareUUID(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }

// objectCopyColumns are the columns of address_object in the order of
// addrObjectRow and appendObjectTuple.
var objectCopyColumns = []string{"id", "fias_guid", "gar_object_id", "level", "gar_level", "type", "name", "name_fold",
	"elements", "postal_code", "okato", "oktmo", "cadastral_number", "start_date", "end_date"}

// relationCopyColumns are the columns of address_relation in the order of
// appendRelationTuple.
var relationCopyColumns = []string{"child", "hierarchy", "start_date", "parent", "end_date"}

// rowCounter counts the rows handed to COPY and calls BulkOptions.AfterRows.
type rowCounter struct {
	ctx  context.Context
	opts *BulkOptions
	rows int64
	err  error
}

// add counts one row; false means the hook failed and the copy must stop.
func (c *rowCounter) add() bool {
	c.rows++
	if c.opts.AfterRows != nil && c.rows%c.opts.EveryRows == 0 {
		c.err = c.opts.AfterRows(c.ctx, c.rows)
	}
	return c.err == nil
}

func (c *rowCounter) done() error {
	if c.err == nil && c.opts.AfterRows != nil {
		c.err = c.opts.AfterRows(c.ctx, c.rows)
	}
	return c.err
}

// copyBinary copies the items of seq into the columns of table with
// COPY … FROM STDIN in the binary format, encoding each row with tuple
// straight into the protocol buffer (no per-value interfaces), and
// returns the rows copied. An error of seq or of the counter's hook ends
// the copy and is returned as it is.
func copyBinary[T any](ctx context.Context, tx pgx.Tx, table string, columns []string, seq iter.Seq2[T, error],
	counter *rowCounter, tuple func(dst []byte, item *T) ([]byte, error)) (int64, error) {
	next, stop := iter.Pull2(seq)
	r := &copyReader[T]{next: next, counter: counter, tuple: tuple, buf: append(make([]byte, 0, 1<<16), copyHeader...)}
	sql := "COPY " + pgx.Identifier{table}.Sanitize() + " (" + strings.Join(columns, ", ") + ") FROM STDIN (FORMAT binary)"
	tag, err := tx.Conn().PgConn().CopyFrom(ctx, r, sql)
	// When the connection breaks, CopyFrom may return while its goroutine
	// is still in Read: close waits for that Read before stopping seq.
	rerr := r.close(stop)
	if rerr != nil {
		return tag.RowsAffected(), rerr
	}
	return tag.RowsAffected(), err
}

// copyHeader starts a binary COPY stream: the signature, no flags, no
// header extension.
const copyHeader = "PGCOPY\n\xff\r\n\x00\x00\x00\x00\x00\x00\x00\x00\x00"

// copyReader is the io.Reader of a binary COPY stream: it encodes rows as
// the connection reads, from the connection's goroutine.
type copyReader[T any] struct {
	mu      sync.Mutex // held by Read and close
	closed  bool
	next    func() (T, error, bool)
	counter *rowCounter
	tuple   func(dst []byte, item *T) ([]byte, error)
	buf     []byte
	off     int
	done    bool
	err     error
}

// close stops the iterator once no Read runs, and returns the error of
// the items or of the hook, if any.
func (r *copyReader[T]) close(stop func()) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	stop()
	return r.err
}

func (r *copyReader[T]) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return 0, io.ErrClosedPipe
	}
	for r.off == len(r.buf) {
		if r.err != nil {
			return 0, r.err
		}
		if r.done {
			return 0, io.EOF
		}
		r.buf, r.off = r.buf[:0], 0
		for len(r.buf) < 1<<16 && !r.done && r.err == nil {
			item, err, ok := r.next()
			switch {
			case !ok:
				r.buf = binary.BigEndian.AppendUint16(r.buf, 0xffff) // the trailer: -1
				r.done = true
			case err != nil:
				r.err = err
			case !r.counter.add():
				r.err = r.counter.err
			default:
				r.buf, r.err = r.tuple(r.buf, &item)
			}
		}
		if r.err != nil {
			return 0, r.err
		}
	}
	n := copy(p, r.buf[r.off:])
	r.off += n
	return n, nil
}

// Binary encodings of the column types, appended to a tuple.

func appendNull(dst []byte) []byte { return binary.BigEndian.AppendUint32(dst, 0xffffffff) }

func appendUUIDField(dst []byte, u uuid.UUID) []byte {
	dst = binary.BigEndian.AppendUint32(dst, 16)
	return append(dst, u[:]...)
}

func appendInt2Field(dst []byte, v int16) []byte {
	dst = binary.BigEndian.AppendUint32(dst, 2)
	return binary.BigEndian.AppendUint16(dst, uint16(v))
}

func appendTextField(dst []byte, s string) []byte {
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(s)))
	return append(dst, s...)
}

// pgEpochDays is 2000-01-01, the epoch of PostgreSQL dates, in days since
// 1970-01-01.
const pgEpochDays = 10957

// appendDateField appends a date; the zero date is the infinity given.
func appendDateField(dst []byte, d address.Date, infinity int32) []byte {
	dst = binary.BigEndian.AppendUint32(dst, 4)
	v := infinity
	if !d.IsZero() {
		v = d.Days() - pgEpochDays
	}
	return binary.BigEndian.AppendUint32(dst, uint32(v))
}

// appendObjectTuple appends the row of an object, in the order of
// objectCopyColumns.
func appendObjectTuple(dst []byte, o *address.Object) ([]byte, error) {
	dst = binary.BigEndian.AppendUint16(dst, uint16(len(objectCopyColumns)))
	dst = appendUUIDField(dst, o.ID)
	if o.FIASGUID == uuid.Nil {
		dst = appendNull(dst)
	} else {
		dst = appendUUIDField(dst, o.FIASGUID)
	}
	if o.GARObjectID == 0 {
		dst = appendNull(dst)
	} else {
		dst = binary.BigEndian.AppendUint32(dst, 8)
		dst = binary.BigEndian.AppendUint64(dst, uint64(o.GARObjectID))
	}
	dst = appendInt2Field(dst, int16(o.Level))
	dst = appendInt2Field(dst, int16(o.GARLevel))
	dst = appendTextField(dst, o.Type)
	dst = appendTextField(dst, o.Name)
	dst = appendTextField(dst, address.Fold(o.Name))
	if len(o.Elements) == 0 {
		dst = appendNull(dst)
	} else {
		elems, err := elementsJSON(o.Elements)
		if err != nil {
			return dst, err
		}
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(elems)+1))
		dst = append(dst, 1) // the version of the jsonb binary format
		dst = append(dst, elems...)
	}
	dst = appendTextField(dst, o.PostalCode)
	dst = appendTextField(dst, o.OKATO)
	dst = appendTextField(dst, o.OKTMO)
	dst = appendTextField(dst, o.CadastralNumber)
	dst = appendDateField(dst, o.Start, math.MinInt32)
	return appendDateField(dst, o.End, math.MaxInt32), nil
}

// appendRelationTuple appends the row of a relation, in the order of
// relationCopyColumns.
func appendRelationTuple(dst []byte, r *address.Relation) ([]byte, error) {
	dst = binary.BigEndian.AppendUint16(dst, uint16(len(relationCopyColumns)))
	dst = appendUUIDField(dst, r.Child)
	dst = appendInt2Field(dst, int16(r.Hierarchy))
	dst = appendDateField(dst, r.Start, math.MinInt32)
	dst = appendUUIDField(dst, r.Parent)
	return appendDateField(dst, r.End, math.MaxInt32), nil
}
