package address

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Match says how Query.Name compares with object names.
type Match uint8

// The ways a name matches; both ignore letter case and ё/е.
const (
	// MatchExact wants the whole name.
	MatchExact Match = iota
	// MatchPrefix wants names that start with the text.
	MatchPrefix
)

// Query selects address objects by parameters; every parameter set must
// hold. The zero Query selects every object.
type Query struct {
	// Level of the objects; zero for any.
	Level Level
	// Type is a type short name in any spelling («ул», «ул.»).
	Type string
	// Name, compared as Match says, ignoring case and ё/е.
	Name  string
	Match Match
	// Parent is the direct parent, Ancestor any ancestor, in Hierarchy at
	// At (zero: the administrative hierarchy, current relations).
	Parent   uuid.UUID
	Ancestor uuid.UUID
	// Within asks for objects with an ancestor that matches another query:
	// houses numbered 5 on streets named «Лен…» of a locality are
	// Query{Level: LevelHouse, House: HouseNumber{Number: "5"}, Within:
	// &Query{Level: LevelStreet, Name: "Лен", Match: MatchPrefix,
	// Ancestor: locality}}. Paging of Within is ignored.
	Within *Query
	// FIASGUID of the object.
	FIASGUID uuid.UUID
	// House selects houses by number and elements; empty fields match
	// anything, so {Number: "5"} matches «5» and «5 корп. 2».
	House HouseNumber
	// Premise selects premises by number.
	Premise string
	// ActiveOnly leaves out retired objects (at At, when At is set).
	ActiveOnly bool
	// Hierarchy and At choose the relations Parent, Ancestor and Within
	// walk.
	Hierarchy Hierarchy
	At        Date
	// Offset and Limit page the ordered result; Limit zero means 50.
	Offset, Limit int
}

// DefaultLimit is the page size of a Query with no Limit, MaxLimit the
// largest allowed.
const (
	DefaultLimit = 50
	MaxLimit     = 10000
)

// SearchResult is a page of a search: the IDs in order, and how many
// objects matched in all.
type SearchResult struct {
	IDs   []uuid.UUID
	Total int
}

// query is a Query prepared for matching.
type query struct {
	q        *Query
	h        Hierarchy
	at       int32
	name     string // folded
	typ      string // type key
	house    [5]string
	premise  string
	parent   int32
	ancestor int32
	within   map[int32]bool
}

// Search returns the objects that match the query, ordered by level, then
// name in natural order (2 before 10), then elements, then ID, and paged.
// A query with a FIAS GUID, a parent, an ancestor, a Within, or a name
// above the house level is answered from the index; others scan every
// object. An unknown Parent, Ancestor or FIAS GUID matches nothing.
func (ix *Index) Search(q Query) (SearchResult, error) {
	if err := q.Validate(); err != nil {
		return SearchResult{}, err
	}
	hits, ok := ix.match(&q)
	if !ok {
		return SearchResult{}, nil
	}
	ix.sortHits(hits)
	hits = slices.Compact(hits)
	limit := q.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	res := SearchResult{Total: len(hits)}
	if q.Offset < len(hits) {
		page := hits[q.Offset:min(len(hits), q.Offset+limit)]
		res.IDs = make([]uuid.UUID, len(page))
		for k, i := range page {
			res.IDs[k] = ix.ids[i]
		}
	}
	return res, nil
}

// Validate checks the query as Index.Search does, for a search that runs
// elsewhere (in SQL, say): it returns a *ValidationError matching
// ErrInvalid with every violation, or nil.
func (q Query) Validate() error {
	if vs := q.validate(); len(vs) > 0 {
		return &ValidationError{Violations: vs}
	}
	return nil
}

func (q *Query) validate() []Violation {
	var vs []Violation
	add := func(f, code, msg string) { vs = append(vs, Violation{Field: "query." + f, Code: code, Message: msg}) }
	if q.Level != 0 && !q.Level.Valid() {
		add("level", CodeObjectLevel, "Неверен уровень адресной структуры")
	}
	if q.Hierarchy != 0 && !q.Hierarchy.Valid() {
		add("hierarchy", CodeRelationHierarchy, "Неверна иерархия")
	}
	if q.Offset < 0 || q.Limit < 0 || q.Limit > MaxLimit {
		add("limit", "address.query.paging", "Неверные параметры страницы: смещение и размер не могут быть отрицательными, размер не больше 10000")
	}
	if q.Match > MatchPrefix {
		add("match", "address.query.match", "Неверный способ сравнения наименования")
	}
	if q.Within != nil {
		for _, v := range q.Within.validate() {
			v.Field = "query.within." + strings.TrimPrefix(v.Field, "query.")
			vs = append(vs, v)
		}
	}
	return vs
}

// match returns every object that matches q, in no order; ok is false when
// a referenced object is unknown, so nothing can match.
func (ix *Index) match(q *Query) (hits []int32, ok bool) {
	p := query{q: q, h: q.Hierarchy.or(), at: atDays(q.At), parent: -1, ancestor: -1}
	p.name = Fold(q.Name)
	if q.Type != "" {
		p.typ = typeKey(q.Type)
	}
	p.house = [5]string{Fold(q.House.Number), Fold(q.House.Corpus), Fold(q.House.Building), Fold(q.House.Structure), Fold(q.House.Liter)}
	p.premise = Fold(q.Premise)
	if q.Parent != uuid.Nil {
		if p.parent, ok = ix.byID[q.Parent]; !ok {
			return nil, false
		}
	}
	if q.Ancestor != uuid.Nil {
		if p.ancestor, ok = ix.byID[q.Ancestor]; !ok {
			return nil, false
		}
	}
	var anchors []int32
	if q.Within != nil {
		anchors, ok = ix.match(q.Within)
		if !ok || len(anchors) == 0 {
			return nil, false
		}
		p.within = make(map[int32]bool, len(anchors))
		for _, a := range anchors {
			p.within[a] = true
		}
	}
	test := func(i int32) {
		if ix.accept(&p, i) {
			hits = append(hits, i)
		}
	}
	switch {
	case q.FIASGUID != uuid.Nil:
		i, found := ix.byFIAS(q.FIASGUID)
		if !found {
			return nil, false
		}
		test(i)
	case p.parent >= 0:
		ix.eachChild(p.h, p.parent, p.at, test)
	case p.name != "" && q.Level >= LevelRegion && q.Level <= LevelStreet:
		// Name, parent, ancestor and Within settled from the name index;
		// when nothing else is asked the record need not be read.
		nameOnly := q.Type == "" && !q.ActiveOnly && q.House.IsZero() && p.premise == "" && q.FIASGUID == uuid.Nil
		visit := func(e *named) {
			switch ix.chainMatch(&p, e) {
			case no:
			case yes:
				if !nameOnly {
					test(e.i)
				} else if e.level == q.Level {
					hits = append(hits, e.i)
				}
			default:
				test(e.i)
			}
		}
		if sp, ok := ix.within[ancestorKey{p.ancestor, uint8(p.h - 1)}]; ok && p.ancestor >= 0 && p.at == openEnd {
			// The named objects below the ancestor, ordered by name.
			list := ix.withinList[sp.off : sp.off+sp.n]
			lo, _ := slices.BinarySearchFunc(list, p.name, func(k int32, name string) int {
				return strings.Compare(ix.foldedName(&ix.names[k]), name)
			})
			for _, k := range list[lo:] {
				e := &ix.names[k]
				if !ix.nameMatches(e, &p) {
					break
				}
				visit(e)
			}
			break
		}
		lo, _ := slices.BinarySearchFunc(ix.names, p.name, func(e named, name string) int {
			return strings.Compare(ix.foldedName(&e), name)
		})
		for k := lo; k < len(ix.names); k++ {
			e := &ix.names[k]
			if !ix.nameMatches(e, &p) {
				break
			}
			visit(e)
		}
	case anchors != nil:
		// An anchor inside another's subtree yields its objects twice;
		// Search drops the repeats after sorting.
		for _, a := range anchors {
			ix.descend(&p, a, test)
		}
	case p.ancestor >= 0:
		ix.descend(&p, p.ancestor, test)
	default:
		for i := range int32(len(ix.recs)) {
			test(i)
		}
	}
	return hits, true
}

func (ix *Index) byFIAS(g uuid.UUID) (int32, bool) {
	if i, ok := ix.fias[g]; ok {
		return i, true
	}
	if i, ok := ix.byID[g]; ok && ix.recs[i].flags&fiasIsID != 0 {
		return i, true
	}
	return 0, false
}

// eachChild calls fn for each child of i whose relation to i holds at at.
func (ix *Index) eachChild(h Hierarchy, i int32, at int32, fn func(int32)) {
	hh := &ix.hier[h-1]
	for _, c := range hh.kids[hh.kidOff[i]:hh.kidOff[i+1]] {
		if p, ok := ix.parent(h, c, at); ok && p == i {
			fn(c)
		}
	}
}

// nameMatches reports whether the folded name of e is the query's name,
// or starts with it when the query asks for a prefix.
func (ix *Index) nameMatches(e *named, p *query) bool {
	f := ix.foldedName(e)
	return f == p.name || p.q.Match == MatchPrefix && strings.HasPrefix(f, p.name)
}

// tri is an answer that may be unknown.
type tri uint8

const (
	maybe tri = iota
	no
	yes
)

// chainMatch tells from the name index alone whether entry c meets the
// parent, ancestor and Within parameters: maybe when it cannot tell (a
// date is set, or the chain was too long to keep).
func (ix *Index) chainMatch(p *query, c *named) tri {
	if p.at != openEnd {
		return maybe
	}
	h := p.h - 1
	if c.n[h] < 0 {
		return maybe
	}
	up := ix.up[c.off[h] : c.off[h]+uint32(c.n[h])]
	if p.parent >= 0 && (len(up) == 0 || up[0] != p.parent) {
		return no
	}
	if p.ancestor >= 0 && !slices.Contains(up, p.ancestor) {
		return no
	}
	if p.within != nil && !slices.ContainsFunc(up, func(a int32) bool { return p.within[a] }) {
		return no
	}
	return yes
}

// descend calls fn for every descendant of i, not descending below the
// query's level: children are ordered by level, so the walk of a list
// stops at the first child that is too deep, and an object at the query's
// level is entered only when it has children at that level too (a garage
// under a house). Houses are ordered by number, so a search for a house
// number looks only at the houses that bear it.
func (ix *Index) descend(p *query, i int32, fn func(int32)) {
	hh := &ix.hier[p.h-1]
	target := p.q.Level
	stack := []int32{i}
	// In a tree every object is taken once; the bound only guards against
	// a cycle in data that was written around Graph.
	for pops := 0; len(stack) > 0 && pops <= len(ix.recs); pops++ {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		kids := hh.kids[hh.kidOff[cur]:hh.kidOff[cur+1]]
		if target == LevelHouse && p.house[0] != "" && !ix.recs[cur].has(kidNests, p.h) {
			if p.at == openEnd && ix.recs[cur].level >= LevelStreet && !ix.recs[cur].has(nests, p.h) {
				kids = ix.housesOf(cur, p.h, p.house[0])
			} else {
				kids = ix.housesNumbered(kids, p.house[0])
			}
		}
		for _, c := range kids {
			r := &ix.recs[c]
			if target != 0 && r.level > target {
				break
			}
			if pa, ok := ix.parent(p.h, c, p.at); !ok || pa != cur {
				continue
			}
			fn(c)
			if target == 0 || r.level < target || r.has(nests, p.h) {
				stack = append(stack, c)
			}
		}
	}
}

// housesNumbered narrows a list of children, ordered by level and then
// number, to the ones above houses and the houses whose number compares
// equal to num in natural order.
func (ix *Index) housesNumbered(kids []int32, num string) []int32 {
	lo, _ := slices.BinarySearchFunc(kids, LevelHouse, func(c int32, l Level) int { return cmp.Compare(ix.recs[c].level, l) })
	if lo > 0 {
		return kids // objects above houses come first; walk them all
	}
	end, _ := slices.BinarySearchFunc(kids, LevelHouse+1, func(c int32, l Level) int { return cmp.Compare(ix.recs[c].level, l) })
	houses := kids[:end]
	from, _ := slices.BinarySearchFunc(houses, num, func(c int32, n string) int { return naturalCompare(ix.name(c), n) })
	to := from
	for to < len(houses) && naturalCompare(ix.name(houses[to]), num) == 0 {
		to++
	}
	return houses[from:to]
}

// accept reports whether object i meets every parameter of the query.
func (ix *Index) accept(p *query, i int32) bool {
	r := &ix.recs[i]
	q := p.q
	if q.Level != 0 && r.level != q.Level {
		return false
	}
	if q.ActiveOnly && !validOn(r.start, r.end, p.at) {
		return false
	}
	if p.typ != "" && (r.typ == 0 || ix.types[r.typ].key.Short != p.typ) {
		return false
	}
	if p.name != "" {
		eq, pre := FoldCut(ix.name(i), p.name)
		if !eq && !(pre && q.Match == MatchPrefix) {
			return false
		}
	}
	if p.premise != "" {
		if r.level != LevelPremise {
			return false
		}
		if eq, _ := FoldCut(ix.name(i), p.premise); !eq {
			return false
		}
	}
	if !ix.acceptHouse(p, i) {
		return false
	}
	if q.FIASGUID != uuid.Nil {
		if g, ok := ix.byFIAS(q.FIASGUID); !ok || g != i {
			return false
		}
	}
	if p.parent >= 0 {
		if pa, ok := ix.parent(p.h, i, p.at); !ok || pa != p.parent {
			return false
		}
	}
	if p.ancestor >= 0 && !ix.hasAncestor(p, i, func(a int32) bool { return a == p.ancestor }) {
		return false
	}
	if p.within != nil && !ix.hasAncestor(p, i, func(a int32) bool { return p.within[a] }) {
		return false
	}
	return true
}

var houseKinds = [5]ElementKind{ElementHouseNumber, ElementCorpus, ElementBuilding, ElementStructure, ElementLiter}

func (ix *Index) acceptHouse(p *query, i int32) bool {
	if p.house == [5]string{} {
		return true
	}
	r := &ix.recs[i]
	if r.level != LevelHouse {
		return false
	}
	if p.house[0] != "" {
		if eq, _ := FoldCut(ix.name(i), p.house[0]); !eq {
			return false
		}
	}
	for k := 1; k < len(p.house); k++ {
		if p.house[k] == "" {
			continue
		}
		found := false
		for j := range int(r.nElem) {
			e := &ix.elems[int(r.elem)+j]
			if ix.kinds[e.kind] != houseKinds[k] {
				continue
			}
			if eq, _ := FoldCut(ix.elemValue(e), p.house[k]); eq {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (ix *Index) hasAncestor(p *query, i int32, is func(int32) bool) bool {
	cur := i
	for range maxDepth {
		pa, ok := ix.parent(p.h, cur, p.at)
		if !ok {
			return false
		}
		if is(pa) {
			return true
		}
		cur = pa
	}
	return false
}

// sortHits orders hits by level, natural name, elements and ID.
func (ix *Index) sortHits(hits []int32) {
	slices.SortFunc(hits, func(a, b int32) int {
		ra, rb := &ix.recs[a], &ix.recs[b]
		if c := cmp.Compare(ra.level, rb.level); c != 0 {
			return c
		}
		if c := naturalCompare(ix.name(a), ix.name(b)); c != 0 {
			return c
		}
		if c := ix.compareElems(ra, rb); c != 0 {
			return c
		}
		return slices.Compare(ix.ids[a][:], ix.ids[b][:])
	})
}

func (ix *Index) compareElems(a, b *rec) int {
	for k := 0; k < int(a.nElem) && k < int(b.nElem); k++ {
		ea, eb := &ix.elems[int(a.elem)+k], &ix.elems[int(b.elem)+k]
		if c := cmp.Compare(ix.kinds[ea.kind], ix.kinds[eb.kind]); c != 0 {
			return c
		}
		if c := naturalCompare(ix.elemValue(ea), ix.elemValue(eb)); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.nElem, b.nElem)
}

// naturalCompare compares two names folded, with runs of digits compared as
// numbers: «2» < «10» < «10а» < «ул. 1 Мая».
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		ca, cb := a[0], b[0]
		if isDigit(ca) && isDigit(cb) {
			da, db := digitRun(a), digitRun(b)
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Compare(len(na), len(nb)); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if c := cmp.Compare(foldRune(ra), foldRune(rb)); c != 0 {
			return c
		}
		a, b = a[sa:], b[sb:]
	}
	return cmp.Compare(len(a), len(b))
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func digitRun(s string) int {
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	return n
}
