package gartest

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/gar"
)

// plan is a region ready to be written: its objects (those of the dataset
// and, after them, the ones added for history) with their identifiers, and
// its relations grouped by child.
type plan struct {
	code   string
	number string // REGIONCODE
	data   []address.Object
	extra  []address.Object
	rdata  []address.Relation
	rextra []address.Relation

	level    []address.GARLevel
	objectID []int64
	changeID []int64 // of the actual version; an older version has changeID-1
	older    []bool  // the object has an older version
	oldNum   []string
	index    map[uuid.UUID]int32
	rels     map[relKey][]int32 // relation indexes by hierarchy and child, by start
}

type relKey struct {
	h     address.Hierarchy
	child int32
}

func (p *plan) n() int                       { return len(p.data) + len(p.extra) }
func (p *plan) relCount() int                { return len(p.rdata) + len(p.rextra) }
func (p *plan) object(i int) *address.Object { return at(p.data, p.extra, i) }
func (p *plan) relation(i int) *address.Relation {
	return at(p.rdata, p.rextra, i)
}

func at[T any](a, b []T, i int) *T {
	if i < len(a) {
		return &a[i]
	}
	return &b[i-len(a)]
}

// guid is the OBJECTGUID of an object.
func guid(o *address.Object) uuid.UUID {
	if o.FIASGUID != uuid.Nil {
		return o.FIASGUID
	}
	return o.ID
}

// historyEvery picks the houses that get an older version: one in 50.
const historyEvery, historyAt = 50, 17

// prepare checks a region and gives its objects their identifiers.
func (w *writer) prepare(r Region, types *addrTypeCatalog) (*plan, error) {
	ds := r.Data
	p := &plan{
		code:   r.Code,
		number: regionNumber(r.Code),
		data:   ds.Objects,
		rdata:  ds.Relations,
		index:  make(map[uuid.UUID]int32, len(ds.Objects)+1),
		rels:   make(map[relKey][]int32),
	}
	for i := range ds.Objects {
		o := &ds.Objects[i]
		if _, dup := p.index[o.ID]; dup || w.m.ObjectIDs[o.ID] != 0 {
			return nil, fmt.Errorf("object %s given twice", o.ID)
		}
		p.index[o.ID] = int32(i)
	}
	for i := range ds.Relations {
		if err := p.checkRelation(&ds.Relations[i]); err != nil {
			return nil, err
		}
	}
	if w.opts.History {
		if id, ok := p.addRetired(w.opts.Date); ok {
			w.m.Retired = append(w.m.Retired, id)
		}
	}

	classifier := address.NewClassifier(ds.Types)
	n := p.n()
	p.level = make([]address.GARLevel, n)
	p.objectID = make([]int64, n)
	p.changeID = make([]int64, n)
	p.older = make([]bool, n)
	p.oldNum = make([]string, n)
	houses := 0
	for i := range n {
		o := p.object(i)
		g := o.GARLevel
		if g == 0 {
			g = o.Level.GAR()
		}
		if !g.Valid() {
			return nil, fmt.Errorf("object %s: no GAR level for level %d, GAR level %d", o.ID, o.Level, o.GARLevel)
		}
		p.level[i] = g
		switch kindOf(g) {
		case gar.KindAddrObj:
			full := ""
			if t, ok := classifier.Lookup(g.Level(), o.Type); ok {
				full = t.Full
			}
			types.add(int(g), o.Type, full)
		case gar.KindHouses:
			if len(o.Elements) > 2 {
				return nil, fmt.Errorf("house %s has %d elements; GAR holds two", o.ID, len(o.Elements))
			}
			if w.opts.History && i < len(p.data) && o.Active() && o.Name != "" && !o.Start.IsZero() &&
				houses%historyEvery == historyAt {
				p.older[i] = true
				p.oldNum[i] = o.Name + "а"
			}
			houses++
		}
		if !o.Active() && w.opts.History && o.Start.Before(o.End) {
			p.older[i] = true
		}
		p.objectID[i] = w.nextObject
		w.nextObject++
		if p.older[i] {
			w.change()
		}
		p.changeID[i] = w.change()
	}
	for i := range n {
		o := p.object(i)
		w.m.ObjectIDs[o.ID] = p.objectID[i]
	}
	for i := range p.relCount() {
		r := p.relation(i)
		k := relKey{r.Hierarchy, p.index[r.Child]}
		p.rels[k] = append(p.rels[k], int32(i))
	}
	for _, rs := range p.rels {
		slices.SortFunc(rs, func(a, b int32) int {
			ra, rb := p.relation(int(a)), p.relation(int(b))
			return cmp.Or(ra.Start.Compare(rb.Start), endCompare(ra.End, rb.End), cmp.Compare(a, b))
		})
	}
	return p, nil
}

// endCompare orders end dates with the open (zero) end last.
func endCompare(a, b address.Date) int {
	switch {
	case a == b:
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

func (p *plan) checkRelation(r *address.Relation) error {
	if !r.Hierarchy.Valid() {
		return fmt.Errorf("relation of %s: unknown hierarchy %d", r.Child, r.Hierarchy)
	}
	if _, ok := p.index[r.Child]; !ok {
		return fmt.Errorf("relation names unknown object %s", r.Child)
	}
	if _, ok := p.index[r.Parent]; !ok {
		return fmt.Errorf("relation of %s names unknown parent %s", r.Child, r.Parent)
	}
	return nil
}

// addRetired adds a deleted house beside the first house that has
// current parents, with the same parents, and returns its ID.
func (p *plan) addRetired(date address.Date) (uuid.UUID, bool) {
	for i := range p.data {
		o := &p.data[i]
		if g := o.GARLevel; g != address.GARBuilding && (g != 0 || o.Level != address.LevelHouse) || !o.Active() {
			continue
		}
		var rels []address.Relation
		for j := range p.rdata {
			if r := p.rdata[j]; r.Child == o.ID && r.End.IsZero() {
				rels = append(rels, r)
			}
		}
		if len(rels) == 0 {
			continue
		}
		id := uuid.NewSHA1(namespace, []byte("retired/"+p.code))
		if _, taken := p.index[id]; taken {
			return uuid.Nil, false
		}
		start := o.Start
		if start.IsZero() {
			start = dateUnknown
		}
		end := date.AddDays(-365)
		if !start.Before(end) {
			end = start.AddDays(1)
		}
		p.extra = append(p.extra, address.Object{
			ID: id, FIASGUID: id, Level: address.LevelHouse, GARLevel: address.GARBuilding,
			Type: "д.", Name: "1000", Start: start, End: end,
		})
		p.index[id] = int32(len(p.data) + len(p.extra) - 1)
		for _, r := range rels {
			r.Child = id
			r.Start = start
			p.rextra = append(p.rextra, r)
		}
		return id, true
	}
	return uuid.Nil, false
}

// kindOf is the kind of the file that holds objects of the GAR level.
func kindOf(g address.GARLevel) gar.Kind {
	switch g {
	case address.GARLandPlot:
		return gar.KindSteads
	case address.GARBuilding:
		return gar.KindHouses
	case address.GARPremise:
		return gar.KindApartments
	case address.GARRoom:
		return gar.KindRooms
	case address.GARParkingSpace:
		return gar.KindCarPlaces
	}
	return gar.KindAddrObj
}

// paramsOf is the kind of the parameters file of objects of the kind.
var paramsOf = map[gar.Kind]gar.Kind{
	gar.KindAddrObj:    gar.KindAddrObjParams,
	gar.KindHouses:     gar.KindHousesParams,
	gar.KindSteads:     gar.KindSteadsParams,
	gar.KindApartments: gar.KindApartmentsParams,
	gar.KindRooms:      gar.KindRoomsParams,
	gar.KindCarPlaces:  gar.KindCarPlacesParams,
}

// version is one record of an object.
type version struct {
	id, prev, next int64
	change         int64
	start, end     address.Date
	actual, active bool
	oper           int
	number         string // a number other than the object's, or ""
}

// versions returns the records of object i, oldest first, numbered from
// first.
func (p *plan) versions(i int, first int64, buf *[2]version) []version {
	o := p.object(i)
	start := o.Start
	if start.IsZero() {
		start = dateUnknown
	}
	cur := version{id: first, change: p.changeID[i], start: start, end: gar.OpenEnd, actual: true, active: true, oper: 10}
	if !o.Active() {
		// A deleted object: its actual version starts on the day it ended.
		cur.start, cur.active, cur.oper = o.End, false, 30
	}
	if !p.older[i] {
		buf[0] = cur
		return buf[:1]
	}
	old := version{id: first, next: first + 1, change: p.changeID[i] - 1, start: start, end: cur.start, oper: 10}
	if o.Active() {
		// A renumbered house: the older number held for five years.
		old.start = address.Date{Year: start.Year - 5, Month: start.Month, Day: min(start.Day, 28)}
		old.number = p.oldNum[i]
		cur.oper = 20
	}
	cur.id, cur.prev = first+1, first
	buf[0], buf[1] = old, cur
	return buf[:2]
}

// writeRegion writes the files of a region.
func (w *writer) writeRegion(p *plan) error {
	for _, kind := range []gar.Kind{gar.KindAddrObj, gar.KindHouses, gar.KindSteads, gar.KindApartments,
		gar.KindRooms, gar.KindCarPlaces} {
		if err := w.records(p.code, kind, func(f *xmlFile) { w.writeObjects(f, p, kind) }); err != nil {
			return err
		}
	}
	if err := w.records(p.code, gar.KindReestrObjects, func(f *xmlFile) { w.writeReestr(f, p) }); err != nil {
		return err
	}
	for _, h := range []address.Hierarchy{address.HierarchyAdministrative, address.HierarchyMunicipal} {
		kind := gar.KindAdmHierarchy
		if h == address.HierarchyMunicipal {
			kind = gar.KindMunHierarchy
		}
		if err := w.file(p.code, kind, func(f *xmlFile) error { return w.writeHierarchy(f, p, h, kind) }); err != nil {
			return err
		}
	}
	for _, kind := range []gar.Kind{gar.KindAddrObj, gar.KindHouses, gar.KindSteads, gar.KindApartments,
		gar.KindRooms, gar.KindCarPlaces} {
		if err := w.records(p.code, paramsOf[kind], func(f *xmlFile) { w.writeParams(f, p, kind) }); err != nil {
			return err
		}
	}
	return nil
}

// writeObjects writes the records of the objects of the kind.
func (w *writer) writeObjects(f *xmlFile, p *plan, kind gar.Kind) {
	var buf [2]version
	for i := range p.n() {
		if kindOf(p.level[i]) != kind {
			continue
		}
		o := p.object(i)
		n := 1
		if p.older[i] {
			n = 2
		}
		for _, v := range p.versions(i, w.id(string(kind), n), &buf) {
			f.begin()
			f.int("ID", v.id)
			f.int("OBJECTID", p.objectID[i])
			f.str("OBJECTGUID", guid(o).String())
			f.int("CHANGEID", v.change)
			switch kind {
			case gar.KindAddrObj:
				f.str("NAME", o.Name)
				f.str("TYPENAME", o.Type)
				f.int("LEVEL", int64(p.level[i]))
			case gar.KindHouses:
				writeHouse(f, o, v.number)
			case gar.KindApartments:
				f.str("NUMBER", o.Name)
				f.int("APARTTYPE", int64(apartTypeIDs[fold(o.Type)]))
			case gar.KindRooms:
				f.str("NUMBER", o.Name)
				f.int("ROOMTYPE", int64(roomTypeIDs[fold(o.Type)]))
			default:
				f.str("NUMBER", o.Name)
			}
			f.int("OPERTYPEID", int64(v.oper))
			f.int("PREVID", v.prev)
			f.int("NEXTID", v.next)
			f.date("UPDATEDATE", w.opts.Date)
			f.date("STARTDATE", v.start)
			f.date("ENDDATE", v.end)
			f.flag("ISACTUAL", v.actual)
			f.flag("ISACTIVE", v.active)
			f.end()
		}
	}
}

// writeHouse writes the numbers and types of a house: HOUSENUM (left out
// when empty) and HOUSETYPE from its name and type, ADDNUM1/ADDTYPE1 and
// ADDNUM2/ADDTYPE2 from its elements.
func writeHouse(f *xmlFile, o *address.Object, number string) {
	if number == "" {
		number = o.Name
	}
	f.optStr("HOUSENUM", number)
	for j, e := range o.Elements {
		f.str([]string{"ADDNUM1", "ADDNUM2"}[j], e.Value)
	}
	typ, ok := houseTypeIDs[fold(o.Type)]
	if o.Type == "" && len(o.Elements) > 0 {
		typ, ok = houseTypeOfElement[o.Elements[0].Kind]
	}
	if ok {
		f.int("HOUSETYPE", int64(typ))
	}
	for j, e := range o.Elements {
		t, ok := addTypeOfElement[e.Kind]
		if !ok {
			t, ok = addHouseTypeIDs[fold(e.Type)]
		}
		if ok {
			f.int([]string{"ADDTYPE1", "ADDTYPE2"}[j], int64(t))
		}
	}
}

// writeReestr writes AS_REESTR_OBJECTS: one row per object.
func (w *writer) writeReestr(f *xmlFile, p *plan) {
	for i := range p.n() {
		o := p.object(i)
		created := o.Start
		if created.IsZero() {
			created = dateUnknown
		}
		if p.older[i] && o.Active() {
			created = address.Date{Year: created.Year - 5, Month: created.Month, Day: min(created.Day, 28)}
		}
		f.begin()
		f.int("OBJECTID", p.objectID[i])
		f.str("OBJECTGUID", guid(o).String())
		f.int("CHANGEID", p.changeID[i])
		f.flag("ISACTIVE", o.Active())
		f.int("LEVELID", int64(p.level[i]))
		f.date("CREATEDATE", created)
		f.date("UPDATEDATE", w.opts.Date)
		f.end()
	}
}

// writeParams writes the codes of the objects of the kind: postal code,
// OKATO, OKTMO and cadastral number, for the objects that exist.
func (w *writer) writeParams(f *xmlFile, p *plan, kind gar.Kind) {
	for i := range p.n() {
		o := p.object(i)
		if kindOf(p.level[i]) != kind || !o.Active() {
			continue
		}
		start := o.Start
		if start.IsZero() {
			start = dateUnknown
		}
		for _, v := range []struct {
			typ   int
			value string
		}{{paramPostalCode, o.PostalCode}, {paramOKATO, o.OKATO}, {paramOKTMO, o.OKTMO}, {paramCadastral, o.CadastralNumber}} {
			if v.value == "" {
				continue
			}
			f.begin()
			f.int("ID", w.id("PARAMS", 1))
			f.int("OBJECTID", p.objectID[i])
			f.int("CHANGEID", p.changeID[i])
			f.int("CHANGEIDEND", 0)
			f.int("TYPEID", int64(v.typ))
			f.str("VALUE", v.value)
			f.date("UPDATEDATE", w.opts.Date)
			f.date("STARTDATE", start)
			f.date("ENDDATE", gar.OpenEnd)
			f.end()
		}
	}
}

// writeHierarchy writes the rows of a hierarchy: for each object, its
// relations in start order, chained by PREVID and NEXTID, and for a region
// without a parent a top row with PARENTOBJID 0.
func (w *writer) writeHierarchy(f *xmlFile, p *plan, h address.Hierarchy, kind gar.Kind) error {
	var rels []int32
	var path []int64
	for i := range p.n() {
		o := p.object(i)
		rels = rels[:0]
		for _, ri := range p.rels[relKey{h, int32(i)}] {
			if w.opts.History || p.relation(int(ri)).End.IsZero() {
				rels = append(rels, ri)
			}
		}
		if len(rels) == 0 {
			if p.level[i] != address.GARRegion {
				continue
			}
			start := o.Start
			if start.IsZero() {
				start = dateUnknown
			}
			w.row(f, p, h, i, 0, w.id(string(kind), 1), 0, 0, p.changeID[i], start, gar.OpenEnd, o.Active(),
				[]int64{p.objectID[i]})
			continue
		}
		first := w.id(string(kind), len(rels))
		for j, ri := range rels {
			r := p.relation(int(ri))
			var err error
			if path, err = p.path(path[:0], h, i, r); err != nil {
				return err
			}
			id := first + int64(j)
			var prev, next int64
			if j > 0 {
				prev = id - 1
			}
			if j < len(rels)-1 {
				next = id + 1
			}
			start, end, change := r.Start, r.End, p.changeID[i]
			if start.IsZero() {
				start = dateUnknown
			}
			if end.IsZero() {
				end = gar.OpenEnd
			} else {
				change = w.change()
			}
			parent := p.objectID[p.index[r.Parent]]
			// An ended link is inactive, as is every link of a deleted
			// object, as in the real files.
			w.row(f, p, h, i, parent, id, prev, next, change, start, end, r.End.IsZero() && o.Active(), path)
		}
	}
	return nil
}

func (w *writer) row(f *xmlFile, p *plan, h address.Hierarchy, i int, parent, id, prev, next, change int64,
	start, end address.Date, active bool, path []int64) {
	o := p.object(i)
	f.begin()
	f.int("ID", id)
	f.int("OBJECTID", p.objectID[i])
	f.int("PARENTOBJID", parent)
	f.int("CHANGEID", change)
	if h == address.HierarchyAdministrative {
		f.str("REGIONCODE", p.number)
	} else if n := len(o.OKTMO); (n == 8 || n == 11) && digits(o.OKTMO) {
		f.str("OKTMO", o.OKTMO)
	}
	f.int("PREVID", prev)
	f.int("NEXTID", next)
	f.date("UPDATEDATE", w.opts.Date)
	f.date("STARTDATE", start)
	f.date("ENDDATE", end)
	f.flag("ISACTIVE", active)
	f.name("PATH")
	for k := len(path) - 1; k >= 0; k-- {
		f.scratch = strconv.AppendInt(f.scratch[:0], path[k], 10)
		if k > 0 {
			f.scratch = append(f.scratch, '.')
		}
		f.w.Write(f.scratch)
	}
	f.w.WriteByte('"')
	f.end()
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// maxDepth bounds the walk up a hierarchy: deeper means a cycle.
const maxDepth = 64

// path appends to dst the OBJECTIDs from object i up to the top, through
// relation r and then the parents in force: for a link in force now, the
// links in force now; for an ended link, those in force on the day it
// started (the day before it ended when it has no start).
func (p *plan) path(dst []int64, h address.Hierarchy, i int, r *address.Relation) ([]int64, error) {
	var on address.Date // zero: the links in force now
	if !r.End.IsZero() {
		on = r.Start
		if on.IsZero() {
			on = r.End.AddDays(-1)
		}
	}
	dst = append(dst, p.objectID[i])
	cur := p.index[r.Parent]
	for depth := 0; ; depth++ {
		if depth == maxDepth {
			return dst, fmt.Errorf("%s hierarchy above %s is deeper than %d: a cycle", h, p.object(i).ID, maxDepth)
		}
		dst = append(dst, p.objectID[cur])
		next, ok := p.parentAt(h, cur, on)
		if !ok {
			return dst, nil
		}
		cur = next
	}
}

// parentAt returns the parent of object i in the hierarchy on the date
// (zero: now), by the link in force with the latest start.
func (p *plan) parentAt(h address.Hierarchy, i int32, on address.Date) (int32, bool) {
	var best *address.Relation
	for _, ri := range p.rels[relKey{h, i}] {
		r := p.relation(int(ri))
		if r.ValidAt(on) && (best == nil || r.Start.After(best.Start)) {
			best = r
		}
	}
	if best == nil {
		return 0, false
	}
	return p.index[best.Parent], true
}
