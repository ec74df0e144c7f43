package gar

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/address"
)

// Codes of the problems Load reports besides the ParseError codes of the
// files, and besides the address.Code* violations of the graph rules.
const (
	// CodeDanglingParam: a parameter row names an object that is neither
	// in the files nor in the graph.
	CodeDanglingParam = "gar.param.unknown_object"
	// CodeDanglingRelation: a hierarchy row names a child or a parent that
	// is neither in the files nor in the graph.
	CodeDanglingRelation = "gar.hierarchy.unknown_object"
)

// The GAR parameter types Load keeps.
const (
	ParamPostalCode      = 5
	ParamOKATO           = 6
	ParamOKTMO           = 7
	ParamCadastralNumber = 8
)

// LoadOptions tune Load.
type LoadOptions struct {
	// Regions are the two-digit codes of the regions to load; none means
	// every region of the source.
	Regions []string
	// Lenient collects bad and dangling records into the report and goes
	// on; without it the first one fails the load, which then keeps
	// nothing.
	Lenient bool
	// BatchSize is how many objects or relations go to the graph in one
	// batch; zero means 10,000.
	BatchSize int
	// Progress, when set, is called after every file and about every 4 MiB
	// read, from the goroutine that called Load.
	Progress func(Progress)
}

// Report tells what a load did.
type Report struct {
	// Files and Bytes count what was read.
	Files int
	Bytes int64
	// Records counts the records read, by kind.
	Records map[Kind]int64
	// Types, Objects and Relations count what was written to the graph.
	Types, Objects, Relations int
	// Problems are the records left out under LoadOptions.Lenient, each
	// with its file, line, byte offset and ordinal.
	Problems []*ParseError
}

// Load reads the GAR files of src into the address graph g: the type
// catalogs, then region by region the objects with their postal code,
// OKATO, OKTMO and cadastral number, and the relations of both
// hierarchies. IDs of objects are their OBJECTGUIDs and every object keeps
// its OBJECTID, so loading a daily delta onto a loaded graph upserts by
// object, retires what became inactive, and is idempotent.
//
// Of the versions of an object the actual and active one is kept; an
// object whose actual version is inactive is kept retired. Hierarchy rows
// become relations with their periods; inactive rows become retired
// relations, so the history of parents stays answerable.
//
// The whole load is one unit of work (address.Graph.Import): when it fails
// the graph is left as it was before. Without Lenient a malformed file, a
// record with an attribute of the wrong type, a record the graph refuses
// or a row that names an unknown object fails it with a *ParseError that
// names the file, the line, the byte offset and the record.
func Load(ctx context.Context, src *Source, g *address.Graph, opts LoadOptions) (*Report, error) {
	if opts.BatchSize <= 0 {
		opts.BatchSize = 10000
	}
	var files []File
	for _, f := range src.Files(opts.Regions...) {
		if slices.Contains(loadedKinds, f.Kind) {
			files = append(files, f)
		}
	}
	l := &loader{opts: opts, rep: &Report{Records: map[Kind]int64{}}, files: files}
	for _, f := range files {
		l.total += f.Size
	}
	err := g.Import(ctx, func(ctx context.Context, im *address.Importer) error {
		l.im = im
		if err := l.catalogs(ctx); err != nil {
			return err
		}
		for _, region := range regionsOf(files) {
			if err := l.region(ctx, region); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return l.rep, err
	}
	return l.rep, nil
}

// regionsOf returns the regions of the data files; "" stands for data
// files outside any region folder.
// loadedKinds are the kinds of file Load reads; it leaves the others
// (object levels, operation types, normative documents, change history,
// divisions) alone.
var loadedKinds = []Kind{
	KindAddrObjTypes, KindHouseTypes, KindAddHouseTypes, KindApartmentTypes, KindRoomTypes,
	KindAddrObjParams, KindHousesParams, KindApartmentsParams, KindRoomsParams, KindSteadsParams, KindCarPlacesParams,
	KindReestrObjects, KindAddrObj, KindSteads, KindHouses, KindApartments, KindRooms, KindCarPlaces,
	KindAdmHierarchy, KindMunHierarchy,
}

func regionsOf(files []File) []string {
	var out []string
	for _, f := range files {
		if !f.Kind.IsCatalog() && !slices.Contains(out, f.Region) {
			out = append(out, f.Region)
		}
	}
	slices.Sort(out)
	return out
}

type loader struct {
	opts  LoadOptions
	rep   *Report
	im    *address.Importer
	files []File
	total int64
	read  int64
	told  int64 // bytes read when Progress was last called

	houseTypes, addHouseTypes map[int]catalogType
	apartmentTypes, roomTypes map[int]catalogType
}

type catalogType struct {
	short, full string
	active      bool
}

// where is the provenance of a record.
type where struct {
	file          string
	line          int
	offset        int64
	record        int
	element       string
	objectID      int64
	versionActive bool
}

func (w where) problem(code, msg string) *ParseError {
	return &ParseError{File: w.file, Line: w.line, Offset: w.offset, Record: w.record, Element: w.element, Code: code,
		Message: fmt.Sprintf("объект OBJECTID %d: %s", w.objectID, msg)}
}

// fail records a problem under Lenient, or returns it.
func (l *loader) fail(p *ParseError) error {
	if !l.opts.Lenient {
		return p
	}
	l.rep.Problems = append(l.rep.Problems, p)
	return nil
}

func (l *loader) progress(force bool) {
	if l.opts.Progress == nil || !force && l.read-l.told < 4<<20 {
		return
	}
	l.told = l.read
	l.opts.Progress(Progress{BytesRead: l.read, BytesTotal: l.total, FilesDone: l.rep.Files, FilesTotal: len(l.files),
		Records: maps.Clone(l.rep.Records)})
}

// scan reads every record of f into v and calls fn with it and where it
// stands. Records that do not decode, and the rest of a file that is not
// well-formed, are problems.
func scan[T any, P interface {
	*T
	Decodable
}](ctx context.Context, l *loader, f File, fn func(*T, where) error) (err error) {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("gar: opening %s: %w", f.Path, err)
	}
	defer func() {
		if cerr := rc.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("gar: closing %s: %w", f.Path, cerr)
		}
	}()
	cr := NewCountingReader(rc)
	sc := NewScanner(cr, WithFile(f.Name()), WithKind(f.Kind))
	var v T
	p := P(&v)
	var before int64
	for sc.Next() {
		if sc.Index()%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			l.read += cr.N() - before
			before = cr.N()
			l.progress(false)
		}
		l.rep.Records[f.Kind]++
		rec := sc.Record()
		w := where{file: f.Name(), line: rec.Line(), offset: rec.Offset(), record: rec.Index(), element: rec.Name()}
		if err := p.DecodeRecord(rec); err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				return err
			}
			if err := l.fail(pe); err != nil {
				return err
			}
			continue
		}
		if err := fn(&v, w); err != nil {
			return err
		}
	}
	l.read += cr.N() - before
	l.rep.Bytes += cr.N()
	l.rep.Files++
	l.progress(true)
	if err := sc.Err(); err != nil {
		var pe *ParseError
		if errors.As(err, &pe) && pe.Code != CodeIO {
			return l.fail(pe)
		}
		return err
	}
	return nil
}

// catalogs reads the type catalogs and stores the types. Catalogs that are
// not in the source are taken from the official identifiers GAR uses.
func (l *loader) catalogs(ctx context.Context) error {
	l.houseTypes, l.addHouseTypes = defaultHouseTypes(), defaultAddHouseTypes()
	l.apartmentTypes, l.roomTypes = defaultApartmentTypes(), defaultRoomTypes()
	objTypes := map[address.TypeKey]address.Type{}
	objActive := map[address.TypeKey]bool{}
	put := func(t address.Type, active bool) {
		k := t.Key()
		if _, ok := objTypes[k]; ok && (objActive[k] || !active) {
			return
		}
		objTypes[k], objActive[k] = t, active
	}
	readTypes := func(f File, into map[int]catalogType) error {
		clear(into)
		return scan(ctx, l, f, func(t *HouseType, _ where) error {
			into[t.ID] = catalogType{short: t.ShortName, full: lowerFirst(t.Name), active: t.IsActive}
			return nil
		})
	}
	for _, f := range l.files {
		if !f.Kind.IsCatalog() {
			continue
		}
		var err error
		switch f.Kind {
		case KindAddrObjTypes:
			err = scan(ctx, l, f, func(t *AddrObjType, _ where) error {
				level := address.GARLevel(t.Level).Level()
				if level == 0 || t.ShortName == "" {
					return nil
				}
				put(address.Type{Level: level, Short: t.ShortName, Full: lowerFirst(t.Name)}, t.IsActive && IsOpenEnd(t.EndDate))
				return nil
			})
		case KindHouseTypes:
			err = readTypes(f, l.houseTypes)
		case KindAddHouseTypes:
			err = readTypes(f, l.addHouseTypes)
		case KindApartmentTypes:
			clear(l.apartmentTypes)
			err = scan(ctx, l, f, func(t *ApartmentType, _ where) error {
				l.apartmentTypes[t.ID] = catalogType{short: t.ShortName, full: lowerFirst(t.Name), active: t.IsActive}
				return nil
			})
		case KindRoomTypes:
			clear(l.roomTypes)
			err = scan(ctx, l, f, func(t *RoomType, _ where) error {
				l.roomTypes[t.ID] = catalogType{short: t.ShortName, full: lowerFirst(t.Name), active: t.IsActive}
				return nil
			})
		}
		if err != nil {
			return err
		}
	}
	add := func(level address.Level, m map[int]catalogType) {
		for _, id := range slices.Sorted(maps.Keys(m)) {
			if t := m[id]; t.short != "" {
				put(address.Type{Level: level, Short: t.short, Full: t.full}, t.active)
			}
		}
	}
	add(address.LevelHouse, l.houseTypes)
	add(address.LevelHouse, l.addHouseTypes)
	add(address.LevelPremise, l.apartmentTypes)
	add(address.LevelRoom, l.roomTypes)
	put(address.Type{Level: address.LevelHouse, Short: steadType, Full: "земельный участок"}, true)
	put(address.Type{Level: address.LevelPremise, Short: carPlaceType, Full: "машино-место"}, true)
	types := slices.SortedFunc(maps.Values(objTypes), func(a, b address.Type) int {
		return cmp.Or(cmp.Compare(a.Level, b.Level), strings.Compare(a.Short, b.Short))
	})
	vs, err := l.im.ApplyValid(ctx, address.Batch{Types: types})
	if err != nil {
		return err
	}
	l.rep.Types += len(types) - len(vs)
	for _, v := range vs {
		if err := l.fail(&ParseError{Offset: -1, Code: v.Code, Message: "тип " + v.Field + ": " + v.Message}); err != nil {
			return err
		}
	}
	return nil
}

// The type short names of the GAR kinds that have no type catalog.
const (
	steadType    = "з/у"
	carPlaceType = "м/м"
)

// candidate is the version of an object chosen so far.
type candidate struct {
	obj   address.Object
	rank  int
	verID int64
	at    where
}

// rank orders versions: actual and active, actual, any other.
func rank(actual, active bool) int {
	switch {
	case actual && active:
		return 2
	case actual:
		return 1
	}
	return 0
}

type params struct {
	values [4]string
	starts [4]address.Date
	ids    [4]int64
}

// region loads the objects, parameters and relations of one region.
func (l *loader) region(ctx context.Context, region string) error {
	var files []File
	for _, f := range l.files {
		if f.Region == region && !f.Kind.IsCatalog() {
			files = append(files, f)
		}
	}
	of := func(kinds ...Kind) []File {
		var out []File
		for _, f := range files {
			if slices.Contains(kinds, f.Kind) {
				out = append(out, f)
			}
		}
		return out
	}
	// Parameters first, so objects are written whole.
	ps := map[int64]*params{}
	pw := map[int64]where{}
	for _, f := range of(KindAddrObjParams, KindHousesParams, KindApartmentsParams, KindRoomsParams, KindSteadsParams, KindCarPlacesParams) {
		err := scan(ctx, l, f, func(p *Param, w where) error {
			k := p.TypeID - ParamPostalCode
			if k < 0 || k >= 4 || p.Value == "" || p.ChangeIDEnd != 0 || !IsOpenEnd(p.EndDate) {
				return nil
			}
			cur := ps[p.ObjectID]
			if cur == nil {
				cur = &params{}
				ps[p.ObjectID] = cur
				w.objectID = p.ObjectID
				pw[p.ObjectID] = w
			}
			if cur.values[k] == "" || p.StartDate.After(cur.starts[k]) || p.StartDate == cur.starts[k] && p.ID > cur.ids[k] {
				cur.values[k], cur.starts[k], cur.ids[k] = p.Value, p.StartDate, p.ID
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	guids := map[int64]uuid.UUID{}
	for _, f := range of(KindReestrObjects) {
		err := scan(ctx, l, f, func(r *ReestrObject, _ where) error {
			if r.ObjectGUID != uuid.Nil {
				guids[r.ObjectID] = r.ObjectGUID
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	loaded := map[int64]bool{}
	for _, f := range of(KindAddrObj, KindSteads, KindHouses, KindApartments, KindRooms, KindCarPlaces) {
		if err := l.objects(ctx, f, ps, guids, loaded); err != nil {
			return err
		}
	}
	// Parameters of objects the files do not hold: a delta changes a postal
	// code without touching the house.
	if err := l.orphanParams(ctx, ps, pw, loaded); err != nil {
		return err
	}
	for _, f := range of(KindAdmHierarchy, KindMunHierarchy) {
		if err := l.hierarchy(ctx, f, guids); err != nil {
			return err
		}
	}
	return nil
}

// objects reads one object file, keeps the best version of each object and
// writes them in batches.
func (l *loader) objects(ctx context.Context, f File, ps map[int64]*params, guids map[int64]uuid.UUID, loaded map[int64]bool) error {
	chosen := map[int64]*candidate{}
	consider := func(objectID, verID int64, actual, active bool, w where, build func() address.Object) {
		r := rank(actual, active)
		if c, ok := chosen[objectID]; ok && (c.rank > r || c.rank == r && c.verID > verID) {
			return
		}
		w.objectID = objectID
		chosen[objectID] = &candidate{obj: build(), rank: r, verID: verID, at: w}
	}
	base := func(v version) address.Object {
		o := address.Object{ID: v.guid, FIASGUID: v.guid, GARObjectID: v.objectID, Level: v.level.Level(), GARLevel: v.level,
			Start: v.start, End: endOf(v.start, v.end, v.update, v.active)}
		if p := ps[v.objectID]; p != nil {
			o.PostalCode, o.OKATO, o.OKTMO, o.CadastralNumber = p.values[0], p.values[1], p.values[2], p.values[3]
		}
		return o
	}
	keep := func(v version, w where, build func() address.Object) {
		consider(v.objectID, v.id, v.actual, v.active, w, build)
	}
	var err error
	switch f.Kind {
	case KindAddrObj:
		err = scanObjects(ctx, l, f, keep, base, func(r *AddrObj, o *address.Object) { o.Type, o.Name = r.TypeName, r.Name })
	case KindHouses:
		err = scanObjects(ctx, l, f, keep, base, func(r *House, o *address.Object) {
			o.Type, o.Name = l.houseTypes[r.HouseType].short, r.HouseNum
			for _, a := range [2]struct {
				num string
				typ int
			}{{r.AddNum1, r.AddType1}, {r.AddNum2, r.AddType2}} {
				if a.num != "" {
					o.Elements = append(o.Elements, address.Element{Kind: addHouseKind(a.typ), Type: l.addHouseTypes[a.typ].short, Value: a.num})
				}
			}
		})
	case KindApartments:
		err = scanObjects(ctx, l, f, keep, base, func(r *Apartment, o *address.Object) {
			o.Type, o.Name = typeOr(l.apartmentTypes, r.ApartType, "помещ."), r.Number
		})
	case KindRooms:
		err = scanObjects(ctx, l, f, keep, base, func(r *Room, o *address.Object) {
			o.Type, o.Name = typeOr(l.roomTypes, r.RoomType, "ком."), r.Number
		})
	case KindSteads:
		err = scanObjects(ctx, l, f, keep, base, func(r *Stead, o *address.Object) { o.Type, o.Name = steadType, r.Number })
	case KindCarPlaces:
		err = scanObjects(ctx, l, f, keep, base, func(r *CarPlace, o *address.Object) { o.Type, o.Name = carPlaceType, r.Number })
	}
	if err != nil {
		return err
	}
	// A version that is not actual never replaces what the graph holds: a
	// delta may carry an old version without its successor.
	for id, c := range chosen {
		if c.rank > 0 {
			continue
		}
		_, err := l.im.Reader().Object(ctx, c.obj.ID)
		switch {
		case err == nil:
			delete(chosen, id)
			loaded[id] = true
			guids[id] = c.obj.ID
		case !errors.Is(err, address.ErrNotFound):
			return fmt.Errorf("gar: reading object %s: %w", c.obj.ID, err)
		}
	}
	ids := slices.Sorted(maps.Keys(chosen))
	for batch := range slices.Chunk(ids, l.opts.BatchSize) {
		b := address.Batch{Objects: make([]address.Object, len(batch))}
		at := make([]where, len(batch))
		for i, id := range batch {
			c := chosen[id]
			b.Objects[i], at[i] = c.obj, c.at
		}
		vs, err := l.im.ApplyValid(ctx, b)
		if err != nil {
			return err
		}
		bad, err := l.violations(vs, "objects", at)
		if err != nil {
			return err
		}
		for i, id := range batch {
			if !bad[i] {
				loaded[id] = true
				guids[id] = b.Objects[i].ID
				l.rep.Objects++
			}
		}
	}
	return nil
}

// version is what every record of an object file says about the version
// it is: which object, its GUID and GAR level, its period, and whether it
// is the actual and an active one.
type version struct {
	id, objectID       int64
	guid               uuid.UUID
	level              address.GARLevel
	start, end, update address.Date
	actual, active     bool
}

// objectRecord is a typed record of an object file.
type objectRecord interface {
	Decodable
	versionOf() version
}

func (r *AddrObj) versionOf() version {
	return version{r.ID, r.ObjectID, r.ObjectGUID, address.GARLevel(r.Level), r.StartDate, r.EndDate, r.UpdateDate, r.IsActual, r.IsActive}
}

func (r *House) versionOf() version {
	return version{r.ID, r.ObjectID, r.ObjectGUID, address.GARBuilding, r.StartDate, r.EndDate, r.UpdateDate, r.IsActual, r.IsActive}
}

func (r *Apartment) versionOf() version {
	return version{r.ID, r.ObjectID, r.ObjectGUID, address.GARPremise, r.StartDate, r.EndDate, r.UpdateDate, r.IsActual, r.IsActive}
}

func (r *Room) versionOf() version {
	return version{r.ID, r.ObjectID, r.ObjectGUID, address.GARRoom, r.StartDate, r.EndDate, r.UpdateDate, r.IsActual, r.IsActive}
}

func (r *Stead) versionOf() version {
	return version{r.ID, r.ObjectID, r.ObjectGUID, address.GARLandPlot, r.StartDate, r.EndDate, r.UpdateDate, r.IsActual, r.IsActive}
}

func (r *CarPlace) versionOf() version {
	return version{r.ID, r.ObjectID, r.ObjectGUID, address.GARParkingSpace, r.StartDate, r.EndDate, r.UpdateDate, r.IsActual, r.IsActive}
}

// scanObjects reads an object file: every record is offered to keep as a
// version, with a builder of the object that base starts and designate
// completes with the record's type, name and elements.
func scanObjects[T any, P interface {
	*T
	objectRecord
}](ctx context.Context, l *loader, f File, keep func(version, where, func() address.Object),
	base func(version) address.Object, designate func(*T, *address.Object)) error {
	return scan[T, P](ctx, l, f, func(r *T, w where) error {
		v := P(r).versionOf()
		keep(v, w, func() address.Object {
			o := base(v)
			designate(r, &o)
			return o
		})
		return nil
	})
}

// violations turns the graph's violations of a batch into problems, and
// tells which items of the batch were left out.
func (l *loader) violations(vs []address.Violation, what string, at []where) (map[int]bool, error) {
	bad := map[int]bool{}
	for _, v := range vs {
		i, ok := itemOf(v.Field, what)
		if !ok || i >= len(at) {
			return nil, fmt.Errorf("gar: a violation of no item: %s: %s", v.Field, v.Message)
		}
		bad[i] = true
		if err := l.fail(at[i].problem(v.Code, v.Message)); err != nil {
			return nil, err
		}
	}
	return bad, nil
}

// itemOf reads the item number of a violation field such as
// "objects[12].name".
func itemOf(field, what string) (int, bool) {
	rest, ok := strings.CutPrefix(field, what+"[")
	if !ok {
		return 0, false
	}
	n, _, ok := strings.Cut(rest, "]")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(n)
	return i, err == nil
}

// orphanParams applies parameters to objects already in the graph.
func (l *loader) orphanParams(ctx context.Context, ps map[int64]*params, pw map[int64]where, loaded map[int64]bool) error {
	var b address.Batch
	var at []where
	for _, id := range slices.Sorted(maps.Keys(ps)) {
		if loaded[id] {
			continue
		}
		o, err := l.im.Reader().ObjectByGARID(ctx, id)
		if errors.Is(err, address.ErrNotFound) {
			if err := l.fail(pw[id].problem(CodeDanglingParam, "параметр относится к объекту, которого нет ни в файлах, ни в реестре")); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("gar: reading object with OBJECTID %d: %w", id, err)
		}
		p := ps[id]
		o.PostalCode, o.OKATO, o.OKTMO, o.CadastralNumber = p.values[0], p.values[1], p.values[2], p.values[3]
		b.Objects = append(b.Objects, o)
		at = append(at, pw[id])
	}
	if len(b.Objects) == 0 {
		return nil
	}
	vs, err := l.im.ApplyValid(ctx, b)
	if err != nil {
		return err
	}
	_, err = l.violations(vs, "objects", at)
	return err
}

// hierarchy reads one hierarchy file into relations.
func (l *loader) hierarchy(ctx context.Context, f File, guids map[int64]uuid.UUID) error {
	h := address.HierarchyAdministrative
	if f.Kind == KindMunHierarchy {
		h = address.HierarchyMunicipal
	}
	type row struct {
		rel    address.Relation
		active bool
		verID  int64
		at     where
	}
	var rows []row
	seen := map[address.RelationKey]int{} // index in rows
	resolve := func(objectID int64) (uuid.UUID, error) {
		if g, ok := guids[objectID]; ok {
			return g, nil
		}
		o, err := l.im.Reader().ObjectByGARID(ctx, objectID)
		if errors.Is(err, address.ErrNotFound) {
			return uuid.Nil, nil
		}
		if err != nil {
			return uuid.Nil, fmt.Errorf("gar: reading object with OBJECTID %d: %w", objectID, err)
		}
		guids[objectID] = o.ID
		return o.ID, nil
	}
	err := scan(ctx, l, f, func(r *Hierarchy, w where) error {
		if r.ParentObjID == 0 {
			return nil // the top of the hierarchy
		}
		w.objectID = r.ObjectID
		child, err := resolve(r.ObjectID)
		if err != nil {
			return err
		}
		parent, err := resolve(r.ParentObjID)
		if err != nil {
			return err
		}
		if child == uuid.Nil || parent == uuid.Nil {
			missing := r.ObjectID
			if child != uuid.Nil {
				missing = r.ParentObjID
			}
			return l.fail(w.problem(CodeDanglingRelation, fmt.Sprintf("в иерархии указан объект OBJECTID %d, которого нет ни в файлах, ни в реестре", missing)))
		}
		rel := address.Relation{Hierarchy: h, Child: child, Parent: parent, Start: r.StartDate,
			End: endOf(r.StartDate, r.EndDate, r.UpdateDate, r.IsActive)}
		k := rel.Key()
		next := row{rel: rel, active: r.IsActive, verID: r.ID, at: w}
		if i, ok := seen[k]; ok {
			if old := &rows[i]; !(old.active && !r.IsActive || old.active == r.IsActive && old.verID > r.ID) {
				*old = next
			}
			return nil
		}
		seen[k] = len(rows)
		rows = append(rows, next)
		return nil
	})
	if err != nil {
		return err
	}
	// In file order, which a replaced row keeps from the first it replaced.
	for batch := range slices.Chunk(rows, l.opts.BatchSize) {
		b := address.Batch{Relations: make([]address.Relation, len(batch))}
		at := make([]where, len(batch))
		for i := range batch {
			b.Relations[i], at[i] = batch[i].rel, batch[i].at
		}
		vs, err := l.im.ApplyValid(ctx, b)
		if err != nil {
			return err
		}
		bad, err := l.violations(vs, "relations", at)
		if err != nil {
			return err
		}
		l.rep.Relations += len(batch) - len(bad)
	}
	return nil
}

// endOf returns the End of an object or relation version: none while it
// is active and open, its end date once that has passed, and for an
// inactive version with an open end the date it was updated. An end
// before the start is moved to the start.
func endOf(start, end, update address.Date, active bool) address.Date {
	var e address.Date
	switch {
	case !IsOpenEnd(end):
		e = end
	case !active:
		e = update
		if e.IsZero() {
			e = start
		}
	default:
		return address.Date{}
	}
	if !start.IsZero() && e.Before(start) {
		e = start
	}
	return e
}

// typeOr returns the short name of the catalog type id, or def when the
// record gives no type (APARTTYPE and ROOMTYPE may be 0) or one the
// catalog lacks, so that a premise or room still reads as one.
func typeOr(catalog map[int]catalogType, id int, def string) string {
	if t, ok := catalog[id]; ok && t.short != "" {
		return t.short
	}
	return def
}

// addHouseKind maps an AS_ADDHOUSE_TYPES identifier to the element kind.
func addHouseKind(id int) address.ElementKind {
	switch id {
	case 1:
		return address.ElementCorpus
	case 2:
		return address.ElementBuilding
	case 3:
		return address.ElementStructure
	case 4:
		return address.ElementLiter
	}
	return address.ElementKind("gar_addhouse_" + strconv.Itoa(id))
}

// lowerFirst lower-cases the first letter of a catalog name («Улица» →
// «улица») unless the name is an abbreviation («АО»).
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// The official identifiers of the GAR type catalogs, used when a source
// has no catalog files (a region folder alone, a delta).
func defaultHouseTypes() map[int]catalogType {
	return map[int]catalogType{
		1: {"влд.", "владение", false}, 2: {"д.", "дом", true}, 3: {"двлд.", "домовладение", false},
		4: {"г-ж", "гараж", true}, 5: {"зд.", "здание", true}, 6: {"шахта", "шахта", true},
		7: {"стр.", "строение", true}, 8: {"соор.", "сооружение", true}, 9: {"литера", "литера", false},
		10: {"к.", "корпус", true}, 11: {"подв.", "подвал", false}, 12: {"кот.", "котельная", false},
		13: {"п-б", "погреб", false}, 14: {"ОНС", "объект незавершенного строительства", false},
	}
}

func defaultAddHouseTypes() map[int]catalogType {
	return map[int]catalogType{
		1: {"к.", "корпус", true}, 2: {"стр.", "строение", true}, 3: {"соор.", "сооружение", true}, 4: {"литера", "литера", false},
	}
}

func defaultApartmentTypes() map[int]catalogType {
	return map[int]catalogType{
		1: {"помещ.", "помещение", true}, 2: {"кв.", "квартира", true}, 3: {"офис", "офис", true},
		4: {"ком.", "комната", true}, 5: {"раб.уч.", "рабочий участок", true}, 6: {"скл.", "склад", true},
		7: {"торг. зал", "торговый зал", true}, 8: {"цех", "цех", true}, 9: {"пав.", "павильон", true},
		10: {"подв.", "подвал", false}, 11: {"кот.", "котельная", false}, 12: {"п-б", "погреб", false},
		13: {"г-ж", "гараж", true},
	}
}

func defaultRoomTypes() map[int]catalogType {
	return map[int]catalogType{1: {"ком.", "комната", true}, 2: {"помещ.", "помещение", true}}
}
