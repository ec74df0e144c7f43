package address

import (
	"cmp"
	"slices"

	"github.com/google/uuid"
)

// Hierarchy is one of the two hierarchies of the address graph. An object
// may have a different parent in each.
type Hierarchy uint8

// The hierarchies.
const (
	// HierarchyAdministrative is the administrative-territorial division.
	HierarchyAdministrative Hierarchy = iota + 1
	// HierarchyMunicipal is the municipal division.
	HierarchyMunicipal
)

// Valid reports whether h is one of the two hierarchies.
func (h Hierarchy) Valid() bool { return h == HierarchyAdministrative || h == HierarchyMunicipal }

// String returns the Russian name of the hierarchy.
func (h Hierarchy) String() string {
	switch h {
	case HierarchyAdministrative:
		return "административная"
	case HierarchyMunicipal:
		return "муниципальная"
	}
	return "неизвестная иерархия"
}

// or returns h, or the administrative hierarchy when h is zero.
func (h Hierarchy) or() Hierarchy {
	if h == 0 {
		return HierarchyAdministrative
	}
	return h
}

// Relation places Child under Parent in a hierarchy for a period. A zero
// End is open; a relation with an End is retired and stays as history, so
// an object has a history of parents in each hierarchy.
type Relation struct {
	Hierarchy Hierarchy `json:"hierarchy"`
	Child     uuid.UUID `json:"child"`
	Parent    uuid.UUID `json:"parent"`
	Start     Date      `json:"start"`
	End       Date      `json:"end"`
}

// RelationKey identifies a relation: a child has at most one relation in a
// hierarchy starting on a given date.
type RelationKey struct {
	Hierarchy Hierarchy
	Child     uuid.UUID
	Start     Date
}

// Key returns the key of r.
func (r Relation) Key() RelationKey {
	return RelationKey{Hierarchy: r.Hierarchy, Child: r.Child, Start: r.Start}
}

// ValidAt reports whether the relation holds on the date; the zero date
// asks whether it is open (not retired).
func (r Relation) ValidAt(d Date) bool { return inPeriod(r.Start, r.End, d) }

// overlaps reports whether the periods of r and s share a day.
func (r Relation) overlaps(s Relation) bool {
	// [a1, a2) and [b1, b2) overlap when a1 < b2 and b1 < a2; zero starts
	// are minus infinity, zero ends plus infinity.
	before := func(start, end Date) bool { return start.IsZero() || end.IsZero() || start.Before(end) }
	return before(r.Start, s.End) && before(s.Start, r.End)
}

// parentAt returns the parent among rels (relations of one child) in
// hierarchy h on date d: the valid relation with the latest start.
func parentAt(rels []Relation, h Hierarchy, d Date) (uuid.UUID, bool) {
	var best *Relation
	for i := range rels {
		r := &rels[i]
		if r.Hierarchy != h || !r.ValidAt(d) {
			continue
		}
		if best == nil || r.Start.After(best.Start) {
			best = r
		}
	}
	if best == nil {
		return uuid.Nil, false
	}
	return best.Parent, true
}

// PutRelation returns the relations of one child rs, ordered by hierarchy
// and start as Reader.Relations returns them, with rel put in: replacing
// the relation with its key, or inserted in order. rs must hold relations
// of rel.Child only; it may be modified.
func PutRelation(rs []Relation, rel Relation) []Relation {
	key := rel.Key()
	i, found := slices.BinarySearchFunc(rs, key, func(e Relation, k RelationKey) int {
		return cmp.Or(cmp.Compare(e.Hierarchy, k.Hierarchy), e.Start.Compare(k.Start))
	})
	if found {
		rs[i] = rel
		return rs
	}
	return slices.Insert(rs, i, rel)
}
