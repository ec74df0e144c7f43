package address

import (
	"context"
	"iter"

	"github.com/google/uuid"
)

// CodeTypeNotFound: no type of the classifier has the key; the error of
// Reader.Type matches ErrNotFound. Every adapter reports it, as it reports
// CodeObjectNotFound for an unknown object and CodeObjectExists for a GAR
// OBJECTID another object holds.
const CodeTypeNotFound = "address.type.not_found"

// Reader reads the address graph from storage.
type Reader interface {
	// Object returns the object with the ID, or an error matching
	// ErrNotFound with the code CodeObjectNotFound.
	Object(ctx context.Context, id uuid.UUID) (Object, error)
	// ObjectByGARID returns the object with the GAR OBJECTID, or an error
	// matching ErrNotFound with the code CodeObjectNotFound; 0 finds
	// nothing.
	ObjectByGARID(ctx context.Context, garObjectID int64) (Object, error)
	// Relations returns every relation of the child, current and retired,
	// in both hierarchies, ordered by hierarchy and start. An unknown child
	// has none: the result is empty, not an error.
	Relations(ctx context.Context, child uuid.UUID) ([]Relation, error)
	// Type returns the type with the key, or an error matching ErrNotFound
	// with the code CodeTypeNotFound.
	Type(ctx context.Context, key TypeKey) (Type, error)
}

// Writer is the view of storage inside Repository.Write: reads see the
// writes made earlier in the same call.
type Writer interface {
	Reader
	// PutObject stores the object, replacing the one with its ID. It
	// returns an error matching ErrConflict, with the code
	// CodeObjectExists, when another object has the same non-zero
	// GARObjectID.
	PutObject(ctx context.Context, o Object) error
	// PutRelation stores the relation, replacing the one with its key.
	PutRelation(ctx context.Context, r Relation) error
	// PutType stores the type, replacing the one with its key.
	PutType(ctx context.Context, t Type) error
}

// Repository is the storage port of the address graph: objects, types and
// relations. It stores what it is given; the rules of the graph (no
// cycles, no child shallower than its parent, no relation to an unknown
// object) are kept by Graph, which writes through Write.
type Repository interface {
	Reader
	// Objects yields every stored object once, in no set order. It yields a
	// non-nil error, at most once and last, when reading fails. Writes made
	// while it runs may or may not be seen.
	Objects(ctx context.Context) iter.Seq2[Object, error]
	// AllRelations yields every stored relation once, in no set order, with
	// the same error and concurrency rules as Objects.
	AllRelations(ctx context.Context) iter.Seq2[Relation, error]
	// Types returns every type, ordered by level and short name.
	Types(ctx context.Context) ([]Type, error)
	// Write runs fn as one unit of work: writes are serialised, and either
	// all writes of fn are kept, when fn returns nil, or none, when fn or
	// the commit fails. The error of fn is returned as it is.
	Write(ctx context.Context, fn func(ctx context.Context, w Writer) error) error
}
