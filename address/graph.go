package address

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
)

// Graph keeps the rules of the address graph over a Repository: every
// object and type is valid, every relation joins two known objects, a child
// is never at a shallower level than its parent, and no relation closes a
// cycle in its hierarchy. A refused write is a *ValidationError (matching
// ErrInvalid) that lists every violation, and leaves the repository as it
// was. Graph holds no state of its own and is safe for concurrent use.
type Graph struct {
	repo  Repository
	newID func() (uuid.UUID, error)
}

// NewGraph returns a Graph over repo. newID makes the IDs of new objects
// that have no FIAS GUID; pass uuid.NewV7 in production.
func NewGraph(repo Repository, newID func() (uuid.UUID, error)) *Graph {
	return &Graph{repo: repo, newID: newID}
}

// Repository returns the repository the graph writes to.
func (g *Graph) Repository() Repository { return g.repo }

// Batch is a set of writes applied together: types first, then objects,
// then relations, so relations may join objects of the same batch. Objects
// and relations are upserted: by ID and by RelationKey.
type Batch struct {
	Types     []Type
	Objects   []Object
	Relations []Relation
}

// Apply applies the batch as one unit: every write is kept, or, when any
// item breaks a rule, none is and the error lists every violation with the
// path of its item ("objects[3].name", "relations[0].parent").
func (g *Graph) Apply(ctx context.Context, b Batch) error {
	_, err := g.apply(ctx, b, false)
	return err
}

// ApplyValid applies the items of the batch that keep the rules and leaves
// out the others, reporting their violations. An object left out takes its
// relations with it. The error is for storage failures only; nothing is
// kept when it is not nil.
func (g *Graph) ApplyValid(ctx context.Context, b Batch) ([]Violation, error) {
	return g.apply(ctx, b, true)
}

func (g *Graph) apply(ctx context.Context, b Batch, skipInvalid bool) ([]Violation, error) {
	var all []Violation
	err := g.repo.Write(ctx, func(ctx context.Context, w Writer) error {
		var err error
		all, err = g.applyTo(ctx, w, b, skipInvalid)
		return err
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// applyTo applies b through w. Unless skipInvalid, any violation fails the
// whole unit of work.
func (g *Graph) applyTo(ctx context.Context, w Writer, b Batch, skipInvalid bool) ([]Violation, error) {
	var all []Violation
	for i, t := range b.Types {
		vs := t.validate(fmt.Sprintf("types[%d]", i))
		all = append(all, vs...)
		if len(vs) > 0 {
			continue
		}
		if err := w.PutType(ctx, t); err != nil {
			return nil, fmt.Errorf("address: storing type %q: %w", t.Short, err)
		}
	}
	for i := range b.Objects {
		o := b.Objects[i].Clone()
		if o.ID == uuid.Nil && o.FIASGUID != uuid.Nil {
			o.ID = o.FIASGUID
		}
		field := fmt.Sprintf("objects[%d]", i)
		vs, err := g.checkObject(ctx, w, &o, field)
		if err != nil {
			return nil, err
		}
		all = append(all, vs...)
		if len(vs) > 0 {
			continue
		}
		if err := putObject(ctx, w, o, field); err != nil {
			if vs := asViolations(err); vs != nil {
				all = append(all, vs...)
				continue
			}
			return nil, err
		}
	}
	for i, r := range b.Relations {
		vs, err := checkRelation(ctx, w, r, fmt.Sprintf("relations[%d]", i))
		if err != nil {
			return nil, err
		}
		all = append(all, vs...)
		if len(vs) > 0 {
			continue
		}
		if err := w.PutRelation(ctx, r); err != nil {
			return nil, fmt.Errorf("address: storing relation of %s: %w", r.Child, err)
		}
	}
	if !skipInvalid && len(all) > 0 {
		return nil, &ValidationError{Violations: all}
	}
	return all, nil
}

// Import runs fn as one unit of work over many batches: a load of any size
// is written batch by batch, yet either all of it is kept or, when fn
// returns an error, none. The Importer is valid only inside fn.
func (g *Graph) Import(ctx context.Context, fn func(ctx context.Context, im *Importer) error) error {
	return g.repo.Write(ctx, func(ctx context.Context, w Writer) error {
		im := &Importer{g: g, w: w}
		defer func() { im.w = nil }()
		return fn(ctx, im)
	})
}

// Importer applies batches inside Graph.Import, each seeing the batches
// before it. It is for one goroutine.
type Importer struct {
	g *Graph
	w Writer
}

// Apply applies the batch, or fails with every violation; the error should
// end the import, which then keeps nothing.
func (im *Importer) Apply(ctx context.Context, b Batch) error {
	_, err := im.g.applyTo(ctx, im.w, b, false)
	return err
}

// ApplyValid applies the valid items of the batch and reports the
// violations of the others, as Graph.ApplyValid does.
func (im *Importer) ApplyValid(ctx context.Context, b Batch) ([]Violation, error) {
	return im.g.applyTo(ctx, im.w, b, true)
}

// Reader gives read access to the graph as the import has made it so far.
func (im *Importer) Reader() Reader { return im.w }

// AddObject adds a new object and returns it as stored. A zero ID is taken
// from the FIAS GUID, or made by the graph's ID function. An object with
// the ID already stored gives an error matching ErrConflict.
func (g *Graph) AddObject(ctx context.Context, o Object) (Object, error) {
	o = o.Clone()
	if o.ID == uuid.Nil {
		if o.FIASGUID != uuid.Nil {
			o.ID = o.FIASGUID
		} else {
			id, err := g.newID()
			if err != nil {
				return Object{}, fmt.Errorf("address: making an object ID: %w", err)
			}
			o.ID = id
		}
	}
	err := g.repo.Write(ctx, func(ctx context.Context, w Writer) error {
		switch _, err := w.Object(ctx, o.ID); {
		case err == nil:
			return &Error{Kind: conflictKind(), Code: CodeObjectExists, Message: "Адресный объект с таким идентификатором уже есть"}
		case !errors.Is(err, ErrNotFound):
			return fmt.Errorf("address: reading object %s: %w", o.ID, err)
		}
		vs, err := g.checkObject(ctx, w, &o, "object")
		if err != nil {
			return err
		}
		if len(vs) > 0 {
			return &ValidationError{Violations: vs}
		}
		return putObject(ctx, w, o, "object")
	})
	if err != nil {
		return Object{}, err
	}
	return o, nil
}

// UpdateObject changes a stored object with fn and stores the result when it
// keeps the rules. The ID and the level cannot change. It returns the object
// as stored, or an error matching ErrNotFound, ErrInvalid, or fn's error.
func (g *Graph) UpdateObject(ctx context.Context, id uuid.UUID, fn func(*Object) error) (Object, error) {
	var out Object
	err := g.repo.Write(ctx, func(ctx context.Context, w Writer) error {
		o, err := w.Object(ctx, id)
		if err != nil {
			return fmt.Errorf("address: reading object %s: %w", id, err)
		}
		o = o.Clone()
		if err := fn(&o); err != nil {
			return err
		}
		if o.ID != id {
			return &ValidationError{Violations: []Violation{{Field: "object.id", Code: CodeObjectID, Message: "Идентификатор адресного объекта нельзя изменить"}}}
		}
		vs, err := g.checkObject(ctx, w, &o, "object")
		if err != nil {
			return err
		}
		if len(vs) > 0 {
			return &ValidationError{Violations: vs}
		}
		out = o
		return putObject(ctx, w, o, "object")
	})
	return out, err
}

// RetireObject ends the object's period on the date: it stays stored, for
// history, but is no longer active.
func (g *Graph) RetireObject(ctx context.Context, id uuid.UUID, end Date) error {
	if end.IsZero() {
		return &ValidationError{Violations: []Violation{{Field: "end", Code: CodeObjectPeriod, Message: "Не указана дата окончания действия"}}}
	}
	_, err := g.UpdateObject(ctx, id, func(o *Object) error {
		o.End = end
		return nil
	})
	return err
}

// PutType adds or replaces a type of the classifier.
func (g *Graph) PutType(ctx context.Context, t Type) error {
	return g.Apply(ctx, Batch{Types: []Type{t}})
}

// Relate adds a relation, or replaces the one with its key, when it keeps
// the rules of the graph.
func (g *Graph) Relate(ctx context.Context, r Relation) error {
	return g.Apply(ctx, Batch{Relations: []Relation{r}})
}

// RetireRelation ends the relation with the key on the date. It returns an
// error matching ErrNotFound when there is no such relation.
func (g *Graph) RetireRelation(ctx context.Context, key RelationKey, end Date) error {
	return g.repo.Write(ctx, func(ctx context.Context, w Writer) error {
		rels, err := w.Relations(ctx, key.Child)
		if err != nil {
			return fmt.Errorf("address: reading relations of %s: %w", key.Child, err)
		}
		for _, r := range rels {
			if r.Key() != key {
				continue
			}
			r.End = end
			if vs := validatePeriod("relation", r.Start, r.End, CodeRelationPeriod); len(vs) > 0 || end.IsZero() {
				if end.IsZero() {
					vs = append(vs, Violation{Field: "relation.end", Code: CodeRelationPeriod, Message: "Не указана дата окончания действия"})
				}
				return &ValidationError{Violations: vs}
			}
			return w.PutRelation(ctx, r)
		}
		return &Error{Kind: notFoundKind(), Code: CodeRelationNotFound, Message: "Связь адресных объектов не найдена"}
	})
}

// checkObject normalises o and reports its violations, including a change
// of level against the stored version.
func (g *Graph) checkObject(ctx context.Context, r Reader, o *Object, field string) ([]Violation, error) {
	o.normalize()
	vs := o.validate(field)
	if o.ID == uuid.Nil {
		return vs, nil
	}
	old, err := r.Object(ctx, o.ID)
	switch {
	case errors.Is(err, ErrNotFound):
	case err != nil:
		return nil, fmt.Errorf("address: reading object %s: %w", o.ID, err)
	case old.Level != o.Level:
		vs = append(vs, Violation{Field: field + ".level", Code: CodeObjectLevel, Message: "Уровень адресного объекта нельзя изменить"})
	}
	return vs, nil
}

// putObject stores o, turning a GAR OBJECTID clash into a violation.
func putObject(ctx context.Context, w Writer, o Object, field string) error {
	err := w.PutObject(ctx, o)
	if errors.Is(err, ErrConflict) {
		return &ValidationError{Violations: []Violation{{Field: field + ".garObjectId", Code: CodeObjectExists, Message: "Объект с таким OBJECTID ГАР уже есть"}}}
	}
	if err != nil {
		return fmt.Errorf("address: storing object %s: %w", o.ID, err)
	}
	return nil
}

func asViolations(err error) []Violation {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Violations
	}
	return nil
}

// checkRelation reports the violations of r against the graph read by rd.
func checkRelation(ctx context.Context, rd Reader, r Relation, field string) ([]Violation, error) {
	var vs []Violation
	add := func(f, code, msg string) { vs = append(vs, Violation{Field: field + f, Code: code, Message: msg}) }
	if !r.Hierarchy.Valid() {
		add(".hierarchy", CodeRelationHierarchy, "Не указана или неверна иерархия")
	}
	vs = append(vs, validatePeriod(field, r.Start, r.End, CodeRelationPeriod)...)
	if r.Child == r.Parent {
		add(".parent", CodeRelationSelf, "Адресный объект не может быть родителем самого себя")
		return vs, nil
	}
	child, err := knownObject(ctx, rd, r.Child)
	if err != nil {
		return nil, err
	}
	parent, err := knownObject(ctx, rd, r.Parent)
	if err != nil {
		return nil, err
	}
	if child == nil {
		add(".child", CodeRelationUnknown, "Дочерний адресный объект не найден")
	}
	if parent == nil {
		add(".parent", CodeRelationUnknown, "Родительский адресный объект не найден")
	}
	if child == nil || parent == nil || len(vs) > 0 {
		return vs, nil
	}
	if child.Level < parent.Level {
		add(".parent", CodeRelationShallower, fmt.Sprintf("Объект уровня «%s» не может входить в объект уровня «%s»", child.Level, parent.Level))
		return vs, nil
	}
	cycle, err := closesCycle(ctx, rd, r)
	if err != nil {
		return nil, err
	}
	if cycle {
		add(".parent", CodeRelationCycle, "Связь образует цикл в иерархии адресных объектов")
	}
	return vs, nil
}

func knownObject(ctx context.Context, rd Reader, id uuid.UUID) (*Object, error) {
	o, err := rd.Object(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("address: reading object %s: %w", id, err)
	}
	return &o, nil
}

// closesCycle reports whether r.Child is reachable upwards from r.Parent
// through relations of r's hierarchy whose periods overlap r's. That is a
// safe superset of "a cycle exists on some date".
func closesCycle(ctx context.Context, rd Reader, r Relation) (bool, error) {
	seen := map[uuid.UUID]bool{}
	stack := []uuid.UUID{r.Parent}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if id == r.Child {
			return true, nil
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		rels, err := rd.Relations(ctx, id)
		if err != nil {
			return false, fmt.Errorf("address: reading relations of %s: %w", id, err)
		}
		for _, p := range rels {
			if p.Hierarchy == r.Hierarchy && p.overlaps(r) {
				stack = append(stack, p.Parent)
			}
		}
	}
	return false, nil
}
