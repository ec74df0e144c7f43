package address

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// Index is an immutable in-memory index of the address graph, built once
// from a Repository (BuildIndex) or from values (IndexBuilder). It renders
// full address strings and answers searches without touching storage. It
// is a snapshot: writes made after it was built are not in it; build a new
// one to see them. An Index is safe for concurrent use.
type Index struct {
	ids    []uuid.UUID
	byID   map[uuid.UUID]int32
	fias   map[uuid.UUID]int32 // FIAS GUIDs that differ from the object's ID
	recs   []rec
	text   string // names, element values and postal codes, back to back
	elems  []elem
	kinds  []ElementKind
	types  []itype
	hier   [2]hier
	names  []named // objects of levels up to the street, by folded name
	folded string  // the folded names of names, back to back
	up     []int32 // the current ancestors of names, chain after chain

	// within finds the named objects below an ancestor: per ancestor and
	// hierarchy a span of withinList, which holds positions in names and
	// so is ordered by folded name.
	within     map[ancestorKey]span
	withinList []int32

	// houses finds the houses of a given number among the current children
	// of an object: a span of houseList per parent, hierarchy and hash of
	// the folded number. Hashes may collide; callers check the number.
	houses    map[houseKey]span
	houseList []int32

	dangling int // relations left out: an end was not among the objects
}

// rec is the compact form of an object.
type rec struct {
	name, postal, elem uint32   // offsets into text and elems
	start, end         int32    // validity in days since 1970, see startDays
	up                 [2]int32 // current parent per hierarchy, or -1
	nameLen            uint16
	typ                uint16
	level              Level
	gar                GARLevel
	nElem              uint8
	postalLen          uint8
	flags              uint8
}

// Flags of rec.
const (
	fiasIsID uint8 = 1 << iota // the FIAS GUID is the ID
	nests                      // has a child of its own level or shallower (two bits: one a hierarchy)
	_
	kidNests // has a child that nests (two bits: one a hierarchy)
	_
)

func (r *rec) has(f uint8, h Hierarchy) bool { return r.flags&(f<<(h-1)) != 0 }

type elem struct {
	val    uint32
	valLen uint16
	typ    uint16
	kind   uint16
}

type itype struct {
	t   Type
	key TypeKey
}

// hier holds one hierarchy: each object's relations up and its children
// down, both in compressed-row form indexed by object.
type hier struct {
	relOff []uint32
	rels   []hrel
	kidOff []uint32
	kids   []int32
}

// named is an entry of the name index: an object, its folded name in
// Index.folded, and its current ancestors in Index.up per hierarchy,
// nearest first (n is -1 when the chain is too long to keep).
type named struct {
	i       int32
	name    uint32
	nameLen uint16
	n       [2]int8
	level   Level
	off     [2]uint32
}

type ancestorKey struct {
	ancestor int32
	h        uint8
}

type houseKey struct {
	parent int32
	h      uint8
	number uint64
}

type span struct {
	off uint32
	n   uint32
}

type hrel struct {
	parent     int32
	start, end int32
}

// Open ends and starts of periods in the compact day form.
const (
	openStart = math.MinInt32
	openEnd   = math.MaxInt32
)

func startDays(d Date) int32 {
	if d.IsZero() {
		return openStart
	}
	return d.Days()
}

func endDays(d Date) int32 {
	if d.IsZero() {
		return openEnd
	}
	return d.Days()
}

// validOn reports whether [start, end) holds on day at; the at of the zero
// date (openEnd) asks for an open end.
func validOn(start, end, at int32) bool {
	if at == openEnd {
		return end == openEnd
	}
	return start <= at && at < end
}

func atDays(d Date) int32 {
	if d.IsZero() {
		return openEnd
	}
	return d.Days()
}

// Len returns the number of objects in the index.
func (ix *Index) Len() int { return len(ix.recs) }

// Dangling returns how many relations were left out of the index because
// their child or parent was not among its objects.
func (ix *Index) Dangling() int { return ix.dangling }

// BuildIndex reads every type, object and relation of the repository and
// builds an Index of them.
func BuildIndex(ctx context.Context, repo Repository) (*Index, error) {
	types, err := repo.Types(ctx)
	if err != nil {
		return nil, fmt.Errorf("address: reading types for the index: %w", err)
	}
	b := NewIndexBuilder(types)
	for o, err := range repo.Objects(ctx) {
		if err != nil {
			return nil, fmt.Errorf("address: reading objects for the index: %w", err)
		}
		b.AddObject(o)
	}
	for r, err := range repo.AllRelations(ctx) {
		if err != nil {
			return nil, fmt.Errorf("address: reading relations for the index: %w", err)
		}
		b.AddRelation(r)
	}
	return b.Build(), nil
}

// IndexBuilder collects objects and relations and builds an Index. It is
// for one goroutine.
type IndexBuilder struct {
	ix      *Index
	text    []byte
	typeOf  map[rawType]uint16
	typeKey map[TypeKey]uint16
	kindOf  map[ElementKind]uint16
	rels    []pendingRel
	fias    map[uuid.UUID]uuid.UUID
}

type rawType struct {
	level Level
	short string
}

type pendingRel struct {
	child, parent uuid.UUID
	start, end    int32
	h             Hierarchy
}

// NewIndexBuilder returns a builder whose index labels objects with the
// types of the classifier.
func NewIndexBuilder(types []Type) *IndexBuilder {
	b := &IndexBuilder{
		ix:      &Index{byID: map[uuid.UUID]int32{}},
		typeOf:  map[rawType]uint16{},
		typeKey: map[TypeKey]uint16{},
		kindOf:  map[ElementKind]uint16{},
	}
	b.ix.types = append(b.ix.types, itype{}) // 0: no type
	for _, t := range types {
		k := t.Key()
		if i, ok := b.typeKey[k]; ok {
			b.ix.types[i] = itype{t: t, key: k}
			continue
		}
		b.typeKey[k] = uint16(len(b.ix.types))
		b.ix.types = append(b.ix.types, itype{t: t, key: k})
	}
	return b
}

// Grow makes room for n more objects.
func (b *IndexBuilder) Grow(n int) {
	b.ix.ids = slices.Grow(b.ix.ids, n)
	b.ix.recs = slices.Grow(b.ix.recs, n)
	if len(b.ix.byID) == 0 {
		b.ix.byID = make(map[uuid.UUID]int32, n)
	}
}

// typ returns the index of the type of a short name at a level, adding a
// bare type for a short name the classifier does not know.
func (b *IndexBuilder) typ(level Level, short string) uint16 {
	if short == "" {
		return 0
	}
	raw := rawType{level, short}
	if i, ok := b.typeOf[raw]; ok {
		return i
	}
	k := KeyOf(level, short)
	i, ok := b.typeKey[k]
	if !ok && len(b.ix.types) < math.MaxUint16 {
		i = uint16(len(b.ix.types))
		b.typeKey[k] = i
		b.ix.types = append(b.ix.types, itype{t: Type{Level: level, Short: short, Full: short}, key: k})
	}
	b.typeOf[raw] = i
	return i
}

func (b *IndexBuilder) str(s string, max int) (uint32, int) {
	if len(s) > max {
		s = s[:max]
	}
	off := uint32(len(b.text))
	b.text = append(b.text, s...)
	return off, len(s)
}

// AddObject adds an object. A second object with the same ID replaces the
// first.
func (b *IndexBuilder) AddObject(o Object) {
	o.normalize()
	r := rec{
		start: startDays(o.Start),
		end:   endDays(o.End),
		typ:   b.typ(o.Level, o.Type),
		level: o.Level,
		gar:   o.GARLevel,
	}
	if o.FIASGUID == o.ID {
		r.flags |= fiasIsID
	}
	off, n := b.str(o.Name, math.MaxUint16)
	r.name, r.nameLen = off, uint16(n)
	off, n = b.str(o.PostalCode, math.MaxUint8)
	r.postal, r.postalLen = off, uint8(n)
	r.elem = uint32(len(b.ix.elems))
	for _, e := range o.Elements[:min(len(o.Elements), math.MaxUint8)] {
		k, ok := b.kindOf[e.Kind]
		if !ok {
			k = uint16(len(b.ix.kinds))
			b.kindOf[e.Kind] = k
			b.ix.kinds = append(b.ix.kinds, e.Kind)
		}
		off, n := b.str(e.Value, math.MaxUint16)
		b.ix.elems = append(b.ix.elems, elem{val: off, valLen: uint16(n), typ: b.typ(o.Level, e.Type), kind: k})
		r.nElem++
	}
	if r.flags&fiasIsID == 0 && o.FIASGUID != uuid.Nil {
		if b.fias == nil {
			b.fias = map[uuid.UUID]uuid.UUID{}
		}
		b.fias[o.FIASGUID] = o.ID
	}
	if i, ok := b.ix.byID[o.ID]; ok {
		b.ix.recs[i] = r
		return
	}
	b.ix.byID[o.ID] = int32(len(b.ix.recs))
	b.ix.ids = append(b.ix.ids, o.ID)
	b.ix.recs = append(b.ix.recs, r)
}

// AddRelation adds a relation. Relations may come before or after their
// objects; those whose child or parent never comes are left out.
func (b *IndexBuilder) AddRelation(r Relation) {
	if !r.Hierarchy.Valid() {
		b.ix.dangling++
		return
	}
	b.rels = append(b.rels, pendingRel{child: r.Child, parent: r.Parent, start: startDays(r.Start), end: endDays(r.End), h: r.Hierarchy})
}

// Build returns the index. The builder must not be used afterwards.
//
// Objects are renumbered in depth-first order of the current administrative
// hierarchy, so that the houses of a street and the premises of a house lie
// together in memory; children are kept ordered by level and, up to the
// house level, by name in natural order.
func (b *IndexBuilder) Build() *Index {
	ix := b.ix
	b.ix = nil
	n := len(ix.recs)
	var per [2][]resolved
	for _, p := range b.rels {
		c, ok1 := ix.byID[p.child]
		pa, ok2 := ix.byID[p.parent]
		if !ok1 || !ok2 {
			ix.dangling++
			continue
		}
		per[p.h-1] = append(per[p.h-1], resolved{child: c, hrel: hrel{parent: pa, start: p.start, end: p.end}})
	}
	b.rels = nil

	// The current parents, by the rule of parentAt: the open relation
	// with the latest start.
	for i := range ix.recs {
		ix.recs[i].up = [2]int32{-1, -1}
	}
	var upStart [2][]int32
	for h := range per {
		upStart[h] = make([]int32, n)
		for _, r := range per[h] {
			if r.end != openEnd {
				continue
			}
			c := &ix.recs[r.child]
			if c.up[h] < 0 || r.start > upStart[h][r.child] {
				c.up[h], upStart[h][r.child] = r.parent, r.start
			}
		}
	}
	upStart = [2][]int32{}

	perm := ix.depthFirst()
	ix.renumber(perm, b.text)
	b.text = nil
	for h := range per {
		for k := range per[h] {
			r := &per[h][k]
			r.child, r.parent = perm[r.child], perm[r.parent]
		}
	}
	for g, id := range b.fias {
		if i, ok := ix.byID[id]; ok {
			if ix.fias == nil {
				ix.fias = map[uuid.UUID]int32{}
			}
			ix.fias[g] = i
		}
	}
	for h := range per {
		ix.hier[h] = ix.compress(per[h])
		for _, r := range per[h] {
			if ix.recs[r.child].level <= ix.recs[r.parent].level {
				ix.recs[r.parent].flags |= nests << h
			}
		}
		for _, r := range per[h] {
			if ix.recs[r.child].flags&(nests<<h) != 0 {
				ix.recs[r.parent].flags |= kidNests << h
			}
		}
		per[h] = nil
	}
	ix.buildNames()
	ix.buildHouses()
	return ix
}

type resolved struct {
	child int32
	hrel
}

// depthFirst returns the new number of every object: depth-first order of
// the current administrative hierarchy from its roots, then whatever that
// did not reach.
func (ix *Index) depthFirst() []int32 {
	n := len(ix.recs)
	off := make([]uint32, n+1)
	for i := range ix.recs {
		if p := ix.recs[i].up[0]; p >= 0 {
			off[p+1]++
		}
	}
	for i := 0; i < n; i++ {
		off[i+1] += off[i]
	}
	kids := make([]int32, off[n])
	fill := slices.Clone(off[:n])
	for i := range ix.recs {
		if p := ix.recs[i].up[0]; p >= 0 {
			kids[fill[p]] = int32(i)
			fill[p]++
		}
	}
	fill = nil
	perm := make([]int32, n)
	for i := range perm {
		perm[i] = -1
	}
	next := int32(0)
	var stack []int32
	visit := func(root int32) {
		stack = append(stack[:0], root)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if perm[i] >= 0 {
				continue
			}
			perm[i] = next
			next++
			ks := kids[off[i]:off[i+1]]
			for k := len(ks) - 1; k >= 0; k-- {
				stack = append(stack, ks[k])
			}
		}
	}
	for i := range ix.recs {
		if ix.recs[i].up[0] < 0 {
			visit(int32(i))
		}
	}
	for i := range ix.recs {
		if perm[i] < 0 { // on a cycle of data written around Graph
			visit(int32(i))
		}
	}
	return perm
}

// renumber moves every object to its new number and lays the text and
// elements out in the new order, so that neighbours share cache lines.
func (ix *Index) renumber(perm []int32, text []byte) {
	n := len(ix.recs)
	inv := make([]int32, n)
	for old, nw := range perm {
		inv[nw] = int32(old)
	}
	recs := make([]rec, n)
	ids := make([]uuid.UUID, n)
	elems := make([]elem, 0, len(ix.elems))
	out := make([]byte, 0, len(text))
	for nw, old := range inv {
		r := ix.recs[old]
		for h := range r.up {
			if r.up[h] >= 0 {
				r.up[h] = perm[r.up[h]]
			}
		}
		r.name, out = uint32(len(out)), append(out, text[r.name:r.name+uint32(r.nameLen)]...)
		r.postal, out = uint32(len(out)), append(out, text[r.postal:r.postal+uint32(r.postalLen)]...)
		es := ix.elems[r.elem : r.elem+uint32(r.nElem)]
		r.elem = uint32(len(elems))
		for _, e := range es {
			e.val, out = uint32(len(out)), append(out, text[e.val:e.val+uint32(e.valLen)]...)
			elems = append(elems, e)
		}
		recs[nw] = r
		ids[nw] = ix.ids[old]
	}
	for id, old := range ix.byID {
		ix.byID[id] = perm[old]
	}
	ix.recs, ix.ids, ix.elems, ix.text = recs, ids, elems, string(out)
}

// compress builds one hierarchy's relations and children in
// compressed-row form, children ordered by level and, up to houses, name.
func (ix *Index) compress(rs []resolved) hier {
	n := len(ix.recs)
	var hh hier
	hh.relOff = make([]uint32, n+1)
	hh.kidOff = make([]uint32, n+1)
	for _, r := range rs {
		hh.relOff[r.child+1]++
		hh.kidOff[r.parent+1]++
	}
	for i := 0; i < n; i++ {
		hh.relOff[i+1] += hh.relOff[i]
		hh.kidOff[i+1] += hh.kidOff[i]
	}
	hh.rels = make([]hrel, len(rs))
	hh.kids = make([]int32, len(rs))
	relFill := slices.Clone(hh.relOff[:n])
	kidFill := slices.Clone(hh.kidOff[:n])
	for _, r := range rs {
		hh.rels[relFill[r.child]] = r.hrel
		relFill[r.child]++
		hh.kids[kidFill[r.parent]] = r.child
		kidFill[r.parent]++
	}
	for i := 0; i < n; i++ {
		ks := hh.kids[hh.kidOff[i]:hh.kidOff[i+1]]
		if len(ks) < 2 {
			continue
		}
		slices.SortFunc(ks, func(a, c int32) int {
			ra, rc := &ix.recs[a], &ix.recs[c]
			if x := cmp.Compare(ra.level, rc.level); x != 0 || ra.level > LevelHouse {
				return cmp.Or(x, cmp.Compare(a, c))
			}
			return cmp.Or(naturalCompare(ix.name(a), ix.name(c)), cmp.Compare(a, c))
		})
	}
	return hh
}

// buildNames builds the name index of the objects above houses, with their
// current ancestor chains.
func (ix *Index) buildNames() {
	var names []int32
	for i := range ix.recs {
		if ix.recs[i].level <= LevelStreet {
			names = append(names, int32(i))
		}
	}
	folded := make([]string, len(names))
	for j, i := range names {
		folded[j] = Fold(ix.name(i))
	}
	order := make([]int, len(names))
	for j := range order {
		order[j] = j
	}
	slices.SortFunc(order, func(a, c int) int {
		return cmp.Or(strings.Compare(folded[a], folded[c]), cmp.Compare(names[a], names[c]))
	})
	ix.names = make([]named, len(order))
	var text []byte
	for j, o := range order {
		e := &ix.names[j]
		e.i = names[o]
		e.level = ix.recs[e.i].level
		e.name, e.nameLen = uint32(len(text)), uint16(min(len(folded[o]), math.MaxUint16))
		text = append(text, folded[o][:e.nameLen]...)
		for h := range e.off {
			e.off[h] = uint32(len(ix.up))
			for p := ix.recs[e.i].up[h]; p >= 0; p = ix.recs[p].up[h] {
				if e.n[h] == maxChain {
					e.n[h] = -1
					ix.up = ix.up[:e.off[h]]
					break
				}
				ix.up = append(ix.up, p)
				e.n[h]++
			}
		}
	}
	ix.folded = string(text)

	type entry struct {
		key ancestorKey
		k   int32
	}
	var es []entry
	for k := range ix.names {
		e := &ix.names[k]
		for h := range e.off {
			if e.n[h] < 0 {
				continue
			}
			for _, a := range ix.up[e.off[h] : e.off[h]+uint32(e.n[h])] {
				es = append(es, entry{ancestorKey{a, uint8(h)}, int32(k)})
			}
		}
	}
	slices.SortFunc(es, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.key.ancestor, b.key.ancestor), cmp.Compare(a.key.h, b.key.h), cmp.Compare(a.k, b.k))
	})
	ix.within, ix.withinList = spans(len(es), len(es)/16, func(j int) (ancestorKey, int32) { return es[j].key, es[j].k })
}

// spans groups n entries, sorted by key, into a list of their values and
// a map from each key to the span of its values in the list; keys is a
// guess of how many keys there are.
func spans[K comparable](n, keys int, entry func(int) (K, int32)) (map[K]span, []int32) {
	m := make(map[K]span, keys)
	list := make([]int32, n)
	for j := range n {
		k, v := entry(j)
		list[j] = v
		sp := m[k]
		if sp.n == 0 {
			sp.off = uint32(j)
		}
		sp.n++
		m[k] = sp
	}
	return m, list
}

// buildHouses indexes the houses by current parent and number.
func (ix *Index) buildHouses() {
	type entry struct {
		key houseKey
		i   int32
	}
	var es []entry
	for i := range ix.recs {
		r := &ix.recs[i]
		if r.level != LevelHouse {
			continue
		}
		sum := foldHash(ix.name(int32(i)))
		for h, p := range r.up {
			if p >= 0 {
				es = append(es, entry{houseKey{parent: p, h: uint8(h), number: sum}, int32(i)})
			}
		}
	}
	slices.SortFunc(es, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.key.parent, b.key.parent), cmp.Compare(a.key.h, b.key.h),
			cmp.Compare(a.key.number, b.key.number), cmp.Compare(a.i, b.i))
	})
	ix.houses, ix.houseList = spans(len(es), len(es), func(j int) (houseKey, int32) { return es[j].key, es[j].i })
}

// housesOf returns the houses whose current parent in hierarchy h is
// parent and whose folded number may be the folded num.
func (ix *Index) housesOf(parent int32, h Hierarchy, num string) []int32 {
	sp, ok := ix.houses[houseKey{parent: parent, h: uint8(h - 1), number: foldHash(num)}]
	if !ok {
		return nil
	}
	return ix.houseList[sp.off : sp.off+sp.n]
}

func (ix *Index) foldedName(e *named) string { return ix.folded[e.name : e.name+uint32(e.nameLen)] }

// maxChain is the longest ancestor chain the name index keeps.
const maxChain = 16

func (ix *Index) name(i int32) string {
	r := &ix.recs[i]
	return ix.text[r.name : r.name+uint32(r.nameLen)]
}

func (ix *Index) postal(i int32) string {
	r := &ix.recs[i]
	return ix.text[r.postal : r.postal+uint32(r.postalLen)]
}

func (ix *Index) elemValue(e *elem) string { return ix.text[e.val : e.val+uint32(e.valLen)] }

// parent returns the parent of object i in hierarchy h on day at: the
// valid relation with the latest start.
func (ix *Index) parent(h Hierarchy, i int32, at int32) (int32, bool) {
	if at == openEnd {
		p := ix.recs[i].up[h-1]
		return p, p >= 0
	}
	return ix.parentAt(h, i, at)
}

func (ix *Index) parentAt(h Hierarchy, i int32, at int32) (int32, bool) {
	hh := &ix.hier[h-1]
	best, bestStart := int32(-1), int32(0)
	for _, r := range hh.rels[hh.relOff[i]:hh.relOff[i+1]] {
		if validOn(r.start, r.end, at) && (best < 0 || r.start > bestStart) {
			best, bestStart = r.parent, r.start
		}
	}
	return best, best >= 0
}

func (ix *Index) lookup(id uuid.UUID) (int32, error) {
	i, ok := ix.byID[id]
	if !ok {
		return 0, &Error{Kind: notFoundKind(), Code: CodeObjectNotFound, Message: "Адресный объект " + id.String() + " не найден"}
	}
	return i, nil
}

// Object returns what the index holds of the object: everything but the
// GAR OBJECTID, OKATO, OKTMO and cadastral number, which only the
// repository keeps. It returns an error matching ErrNotFound for an
// unknown ID.
func (ix *Index) Object(id uuid.UUID) (Object, error) {
	i, err := ix.lookup(id)
	if err != nil {
		return Object{}, err
	}
	r := &ix.recs[i]
	o := Object{
		ID:         id,
		Level:      r.level,
		GARLevel:   r.gar,
		Type:       ix.types[r.typ].t.Short,
		Name:       ix.name(i),
		PostalCode: ix.postal(i),
		Start:      dateOf(r.start),
		End:        dateOf(r.end),
	}
	if r.flags&fiasIsID != 0 {
		o.FIASGUID = id
	} else {
		for g, j := range ix.fias {
			if j == i {
				o.FIASGUID = g
			}
		}
	}
	for k := range int(r.nElem) {
		e := &ix.elems[int(r.elem)+k]
		o.Elements = append(o.Elements, Element{Kind: ix.kinds[e.kind], Type: ix.types[e.typ].t.Short, Value: ix.elemValue(e)})
	}
	return o, nil
}

// dateOf turns a compact day back into a Date; open ends are zero.
func dateOf(days int32) Date {
	if days == openStart || days == openEnd {
		return Date{}
	}
	return Date{Year: 1970, Month: 1, Day: 1}.AddDays(int(days))
}

// label returns the label and position of type t under a style.
func (ix *Index) label(t uint16, st *Style) (string, Position) {
	if t == 0 {
		return "", Before
	}
	it := &ix.types[t]
	label := it.t.Short
	if st.Long && it.t.Full != "" {
		label = it.t.Full
	}
	pos := it.t.Position
	if len(st.Positions) > 0 {
		if p, ok := st.Positions[it.key]; ok {
			pos = p
		}
	}
	return label, pos
}

// Full returns the full address string of the object; see AppendFull.
func (ix *Index) Full(id uuid.UUID, opts FullOptions) (string, error) {
	var buf [256]byte
	b, err := ix.AppendFull(buf[:0], id, opts)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// AppendFull appends the full address string of the object to dst: the
// parts of the object and its ancestors, from the top down, walking the
// actual parent chain in the chosen hierarchy at the chosen date. It
// returns an error matching ErrNotFound for an unknown ID.
func (ix *Index) AppendFull(dst []byte, id uuid.UUID, opts FullOptions) ([]byte, error) {
	i, err := ix.lookup(id)
	if err != nil {
		return dst, err
	}
	h := opts.Hierarchy.or()
	if !h.Valid() {
		return dst, &ValidationError{Violations: []Violation{{Field: "hierarchy", Code: CodeRelationHierarchy, Message: "Неверна иерархия"}}}
	}
	at := atDays(opts.At)
	var chain [maxDepth]int32
	n := 0
	for cur := i; n < maxDepth; {
		chain[n] = cur
		n++
		p, ok := ix.parent(h, cur, at)
		if !ok {
			break
		}
		cur = p
	}
	first := true
	if opts.Style.PostalCode {
		for _, c := range chain[:n] {
			if pc := ix.postal(c); pc != "" {
				dst = append(dst, pc...)
				first = false
				break
			}
		}
	}
	st := &opts.Style
	for k := n - 1; k >= 0; k-- {
		c := chain[k]
		r := &ix.recs[c]
		label, pos := ix.label(r.typ, st)
		if name := ix.name(c); name != "" {
			dst = appendPart(dst, first, label, pos, name)
			first = false
		}
		for j := range int(r.nElem) {
			e := &ix.elems[int(r.elem)+j]
			label, pos := ix.label(e.typ, st)
			dst = appendPart(dst, first, label, pos, ix.elemValue(e))
			first = false
		}
	}
	return dst, nil
}
