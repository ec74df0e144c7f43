package memory

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"slices"
	"sync"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/internal/fault"
)

// AddressRepository is an in-memory address.Repository. Writes are
// serialised and atomic: a Write whose function fails leaves nothing
// behind. Reads never wait for a Write to finish its function; they see
// the state before it until it commits.
type AddressRepository struct {
	write sync.Mutex // held for a whole Write

	mu       sync.RWMutex // guards the fields below
	objects  []address.Object
	byID     map[uuid.UUID]int
	byGAR    map[int64]uuid.UUID
	rels     map[uuid.UUID][]address.Relation
	children []uuid.UUID // keys of rels in first-insert order
	types    map[address.TypeKey]address.Type
}

var _ address.Repository = (*AddressRepository)(nil)

// NewAddressRepository returns an empty repository.
func NewAddressRepository() *AddressRepository {
	return &AddressRepository{
		byID:  map[uuid.UUID]int{},
		byGAR: map[int64]uuid.UUID{},
		rels:  map[uuid.UUID][]address.Relation{},
		types: map[address.TypeKey]address.Type{},
	}
}

// addrObjectNotFound is the error of an unknown object; msg names it.
func addrObjectNotFound(msg string) error {
	return fault.New(fault.NotFound, address.CodeObjectNotFound, msg)
}

// addrNoObject is the error of an ID no object has.
func addrNoObject(id uuid.UUID) error {
	return addrObjectNotFound("Адресный объект " + id.String() + " не найден")
}

// addrNoGARObject is the error of a GAR OBJECTID no object has.
func addrNoGARObject(garID int64) error {
	return addrObjectNotFound(fmt.Sprintf("Адресный объект с OBJECTID ГАР %d не найден", garID))
}

// addrTypeNotFound is the error of a key no type has.
func addrTypeNotFound(key address.TypeKey) error {
	return fault.New(fault.NotFound, address.CodeTypeNotFound, "Тип адресного объекта «"+key.Short+"» не найден")
}

// addrGARIDTaken is the error of a write of an object whose GAR OBJECTID
// another object holds.
func addrGARIDTaken(garID int64, holder uuid.UUID) error {
	return &fault.Error{Kind: fault.Conflict, Code: address.CodeObjectExists,
		Message: fmt.Sprintf("OBJECTID ГАР %d уже принадлежит другому адресному объекту", garID),
		Err:     fmt.Errorf("object %s", holder)}
}

// Object returns the object with the ID, or an error matching
// address.ErrNotFound with the code address.CodeObjectNotFound.
func (r *AddressRepository) Object(ctx context.Context, id uuid.UUID) (address.Object, error) {
	if err := ctx.Err(); err != nil {
		return address.Object{}, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.object(id)
}

func (r *AddressRepository) object(id uuid.UUID) (address.Object, error) {
	i, ok := r.byID[id]
	if !ok {
		return address.Object{}, addrNoObject(id)
	}
	return r.objects[i].Clone(), nil
}

// ObjectByGARID returns the object with the GAR OBJECTID, or an error
// matching address.ErrNotFound with the code address.CodeObjectNotFound.
func (r *AddressRepository) ObjectByGARID(ctx context.Context, garID int64) (address.Object, error) {
	if err := ctx.Err(); err != nil {
		return address.Object{}, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	id, ok := r.byGAR[garID]
	if !ok || garID == 0 {
		return address.Object{}, addrNoGARObject(garID)
	}
	return r.object(id)
}

// Relations returns the relations of the child.
func (r *AddressRepository) Relations(ctx context.Context, child uuid.UUID) ([]address.Relation, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return slices.Clone(r.rels[child]), nil
}

// Type returns the type with the key, or an error matching
// address.ErrNotFound with the code address.CodeTypeNotFound.
func (r *AddressRepository) Type(ctx context.Context, key address.TypeKey) (address.Type, error) {
	if err := ctx.Err(); err != nil {
		return address.Type{}, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	t, ok := r.types[key]
	if !ok {
		return address.Type{}, addrTypeNotFound(key)
	}
	return t, nil
}

// Types returns every type, ordered by level and short name.
func (r *AddressRepository) Types(ctx context.Context) ([]address.Type, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	out := make([]address.Type, 0, len(r.types))
	for _, t := range r.types {
		out = append(out, t)
	}
	r.mu.RUnlock()
	slices.SortFunc(out, func(a, b address.Type) int {
		ka, kb := a.Key(), b.Key()
		return cmp.Or(cmp.Compare(ka.Level, kb.Level), cmp.Compare(ka.Short, kb.Short))
	})
	return out, nil
}

// chunk is how many items the iterators copy under one read lock.
const chunk = 1024

// Objects yields every object once.
func (r *AddressRepository) Objects(ctx context.Context) iter.Seq2[address.Object, error] {
	return func(yield func(address.Object, error) bool) {
		buf := make([]address.Object, 0, chunk)
		for next := 0; ; {
			if err := ctx.Err(); err != nil {
				yield(address.Object{}, err)
				return
			}
			buf = buf[:0]
			r.mu.RLock()
			end := min(next+chunk, len(r.objects))
			for _, o := range r.objects[next:end] {
				buf = append(buf, o.Clone())
			}
			r.mu.RUnlock()
			if len(buf) == 0 {
				return
			}
			next = end
			for _, o := range buf {
				if !yield(o, nil) {
					return
				}
			}
		}
	}
}

// AllRelations yields every relation once.
func (r *AddressRepository) AllRelations(ctx context.Context) iter.Seq2[address.Relation, error] {
	return func(yield func(address.Relation, error) bool) {
		var buf []address.Relation
		for next := 0; ; {
			if err := ctx.Err(); err != nil {
				yield(address.Relation{}, err)
				return
			}
			buf = buf[:0]
			r.mu.RLock()
			end := min(next+chunk, len(r.children))
			for _, c := range r.children[next:end] {
				buf = append(buf, r.rels[c]...)
			}
			r.mu.RUnlock()
			if end == next {
				return
			}
			next = end
			for _, rel := range buf {
				if !yield(rel, nil) {
					return
				}
			}
		}
	}
}

// Write runs fn as one atomic unit of work.
func (r *AddressRepository) Write(ctx context.Context, fn func(context.Context, address.Writer) error) error {
	r.write.Lock()
	defer r.write.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	t := &addressTx{
		r:       r,
		objects: map[uuid.UUID]address.Object{},
		garIDs:  map[int64]uuid.UUID{},
		rels:    map[uuid.UUID][]address.Relation{},
		types:   map[address.TypeKey]address.Type{},
	}
	if err := fn(ctx, t); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	t.commit()
	return nil
}

// addressTx is the Writer of one Write: an overlay over the committed
// state, which cannot change while the Write holds r.write.
type addressTx struct {
	r       *AddressRepository
	objects map[uuid.UUID]address.Object
	garIDs  map[int64]uuid.UUID // uuid.Nil marks a freed OBJECTID
	rels    map[uuid.UUID][]address.Relation
	types   map[address.TypeKey]address.Type
}

func (t *addressTx) Object(ctx context.Context, id uuid.UUID) (address.Object, error) {
	if o, ok := t.objects[id]; ok {
		return o.Clone(), nil
	}
	return t.r.Object(ctx, id)
}

func (t *addressTx) ObjectByGARID(ctx context.Context, garID int64) (address.Object, error) {
	if id, ok := t.garIDs[garID]; ok {
		if id == uuid.Nil {
			return address.Object{}, addrNoGARObject(garID)
		}
		return t.Object(ctx, id)
	}
	return t.r.ObjectByGARID(ctx, garID)
}

func (t *addressTx) Relations(ctx context.Context, child uuid.UUID) ([]address.Relation, error) {
	if rs, ok := t.rels[child]; ok {
		return slices.Clone(rs), nil
	}
	return t.r.Relations(ctx, child)
}

func (t *addressTx) Type(ctx context.Context, key address.TypeKey) (address.Type, error) {
	if ty, ok := t.types[key]; ok {
		return ty, nil
	}
	return t.r.Type(ctx, key)
}

func (t *addressTx) PutObject(ctx context.Context, o address.Object) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if o.GARObjectID != 0 {
		holder, err := t.ObjectByGARID(ctx, o.GARObjectID)
		if err == nil && holder.ID != o.ID {
			return addrGARIDTaken(o.GARObjectID, holder.ID)
		}
	}
	if old, err := t.Object(ctx, o.ID); err == nil && old.GARObjectID != 0 && old.GARObjectID != o.GARObjectID {
		t.garIDs[old.GARObjectID] = uuid.Nil
	}
	if o.GARObjectID != 0 {
		t.garIDs[o.GARObjectID] = o.ID
	}
	t.objects[o.ID] = o.Clone()
	return nil
}

func (t *addressTx) PutRelation(ctx context.Context, rel address.Relation) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	rs, err := t.Relations(ctx, rel.Child)
	if err != nil {
		return err
	}
	t.rels[rel.Child] = address.PutRelation(rs, rel)
	return nil
}

func (t *addressTx) PutType(ctx context.Context, ty address.Type) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t.types[ty.Key()] = ty
	return nil
}

func (t *addressTx) commit() {
	r := t.r
	r.mu.Lock()
	defer r.mu.Unlock()
	for id, o := range t.objects {
		if i, ok := r.byID[id]; ok {
			r.objects[i] = o
		} else {
			r.byID[id] = len(r.objects)
			r.objects = append(r.objects, o)
		}
	}
	for gar, id := range t.garIDs {
		if id == uuid.Nil {
			delete(r.byGAR, gar)
		} else {
			r.byGAR[gar] = id
		}
	}
	for child, rs := range t.rels {
		if _, ok := r.rels[child]; !ok {
			r.children = append(r.children, child)
		}
		r.rels[child] = rs
	}
	for k, ty := range t.types {
		r.types[k] = ty
	}
}
