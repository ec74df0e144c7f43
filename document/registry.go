package document

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/internal/fault"
)

// Codes of the violations and errors the Registry reports.
const (
	// CodeTypeRequired: the document has no type.
	CodeTypeRequired = "document.type_required"
	// CodeTypeUnknown: no document type has the code.
	CodeTypeUnknown = "document.type_unknown"
	// CodeRetired: the document is retired and can no longer change.
	CodeRetired = "document.retired"
	// CodeSubjectNil: a subject ID of the document is the nil UUID.
	CodeSubjectNil = "document.subject_nil"
)

// Validator checks the field values of a document of one type and returns
// nil, a *ValidationError with every violation, or another error when the
// check itself fails. Document types implement it; the registry and
// Check find them through a lookup func(code string) (Validator, bool), so
// any implementation plugs in.
type Validator interface {
	Validate(Values) error
}

// DatedValidator checks field values as of a day, for rules such as «не
// позже сегодняшнего дня»; *Type is one. ValidatorsAt turns a lookup of
// them into a lookup of Validators.
type DatedValidator interface {
	Validate(values Values, today Date) error
}

// ValidatorsAt turns a lookup of dated validators, such as BuiltinType or
// a catalogue's lookup, into the lookup of Validators that NewRegistry and
// Package.Check take. Each Validate asks today for the day of validation,
// so a long-lived Registry follows the clock: pass a func that reads the
// injected clock in the office's time zone.
func ValidatorsAt[V DatedValidator](lookup func(code string) (V, bool), today func() Date) func(code string) (Validator, bool) {
	return func(code string) (Validator, bool) {
		v, ok := lookup(code)
		if !ok {
			return nil, false
		}
		return ValidatorFunc(func(values Values) error { return v.Validate(values, today()) }), true
	}
}

// ValidatorFunc adapts a function to Validator.
type ValidatorFunc func(Values) error

// Validate calls f.
func (f ValidatorFunc) Validate(v Values) error { return f(v) }

// Query selects documents for Repository.List. Zero fields select
// everything: a Query{} lists every document in use.
type Query struct {
	// Subject, when not nil, keeps the documents that belong to it.
	Subject uuid.UUID
	// Type, when not empty, keeps the documents of that type code.
	Type string
	// IncludeRetired also lists retired documents.
	IncludeRetired bool
	// After, when not nil, starts the page after the document with this
	// ID: pass the ID of the last document of the previous page.
	After uuid.UUID
	// Limit caps the number of documents returned; zero or less means no cap.
	Limit int
}

// Repository is the storage port of the document registry. It stores what
// it is given; stamping IDs, users and times, and validating values, is the
// Registry's job.
type Repository interface {
	// Create stores a new document with Version 1, whatever d.Version says.
	// It returns an error matching ErrConflict, with the code
	// CodeDocumentExists, when a document with the ID is stored already.
	Create(ctx context.Context, d Document) error
	// Get returns the document with the ID, retired or not, or an error
	// matching ErrNotFound with the code CodeDocumentNotFound.
	Get(ctx context.Context, id uuid.UUID) (Document, error)
	// Update reads the document, calls fn on a copy, and stores the copy
	// with the Version bumped by one, as one unit: concurrent Updates of a
	// document are serialised and none is lost. Changes fn makes to ID and
	// Version are ignored. When fn returns an error nothing is stored and
	// the error is returned as it is. Update returns the stored document,
	// or an error matching ErrNotFound (CodeDocumentNotFound) when there
	// is none with the ID.
	Update(ctx context.Context, id uuid.UUID, fn func(*Document) error) (Document, error)
	// List returns the documents the query selects, ordered by ID (the
	// byte order of the UUIDs; for UUIDv7 IDs that is the order of
	// creation), at most q.Limit of them, starting after q.After.
	List(ctx context.Context, q Query) ([]Document, error)
}

// Codes of the errors of a Repository; every adapter reports these, so
// callers see one set whichever adapter they use.
const (
	// CodeDocumentNotFound: no document has the ID; the error matches
	// ErrNotFound.
	CodeDocumentNotFound = "document.not_found"
	// CodeDocumentExists: a document with the ID is stored already; the
	// error matches ErrConflict.
	CodeDocumentExists = "document.exists"
)

// Registry is the service of the document registry: it gives new
// documents their IDs, stamps who and when created and changed them,
// validates their values through the document types, and retires them
// instead of deleting. It is safe for concurrent use when its Repository
// and functions are.
type Registry struct {
	repo  Repository
	types func(code string) (Validator, bool)
	now   func() time.Time
	newID func() (uuid.UUID, error)
}

// NewRegistry returns a registry over repo. types finds the validator of a
// document type by its code; now is the clock (time.Now in production);
// newID makes document IDs (uuid.NewV7 in production).
func NewRegistry(repo Repository, types func(code string) (Validator, bool), now func() time.Time, newID func() (uuid.UUID, error)) *Registry {
	return &Registry{repo: repo, types: types, now: now, newID: newID}
}

// Create registers a new document on behalf of the user. It assigns the
// ID, sets CreatedBy/UpdatedBy to user and CreatedAt/UpdatedAt to now,
// clears any retirement, validates the type and values, and stores the
// document with Version 1. It returns the stored document, a
// *ValidationError matching ErrInvalid when the document is invalid, or
// the repository's error.
func (r *Registry) Create(ctx context.Context, user uuid.UUID, d Document) (Document, error) {
	d = d.Clone()
	if err := r.validate(d); err != nil {
		return Document{}, err
	}
	id, err := r.newID()
	if err != nil {
		return Document{}, fmt.Errorf("document: making an ID: %w", err)
	}
	now := r.now()
	d.ID, d.Version = id, 1
	d.CreatedBy, d.CreatedAt, d.UpdatedBy, d.UpdatedAt = user, now, user, now
	d.RetiredBy, d.RetiredAt = uuid.Nil, time.Time{}
	if err := r.repo.Create(ctx, d); err != nil {
		return Document{}, err
	}
	return d, nil
}

// Get returns the document with the ID, or an error matching ErrNotFound
// (CodeDocumentNotFound).
func (r *Registry) Get(ctx context.Context, id uuid.UUID) (Document, error) {
	return r.repo.Get(ctx, id)
}

// List returns the documents the query selects, as Repository.List does.
func (r *Registry) List(ctx context.Context, q Query) ([]Document, error) {
	return r.repo.List(ctx, q)
}

// Update changes the document on behalf of the user: fn edits a copy; the
// creation and retirement stamps it changes are restored, UpdatedBy and
// UpdatedAt are stamped, and the result is validated before it is stored.
// It returns the stored document; the error of fn as it is; a
// *ValidationError matching ErrInvalid when the result is invalid; an
// error with the code CodeRetired when the document is retired; or an
// error matching ErrNotFound. Nothing is stored when it fails.
func (r *Registry) Update(ctx context.Context, user, id uuid.UUID, fn func(*Document) error) (Document, error) {
	return r.repo.Update(ctx, id, func(d *Document) error {
		if d.Retired() {
			return docRetiredError(d.ID)
		}
		old := *d
		if err := fn(d); err != nil {
			return err
		}
		d.CreatedBy, d.CreatedAt = old.CreatedBy, old.CreatedAt
		d.RetiredBy, d.RetiredAt = old.RetiredBy, old.RetiredAt
		if err := r.validate(*d); err != nil {
			return err
		}
		d.UpdatedBy, d.UpdatedAt = user, r.now()
		return nil
	})
}

// Retire takes the document out of use on behalf of the user, keeping it
// in the registry for history: Get still finds it, List skips it unless
// asked. It returns the stored document, an error with the code
// CodeRetired when it is retired already, or an error matching
// ErrNotFound.
func (r *Registry) Retire(ctx context.Context, user, id uuid.UUID) (Document, error) {
	return r.repo.Update(ctx, id, func(d *Document) error {
		if d.Retired() {
			return docRetiredError(d.ID)
		}
		now := r.now()
		d.RetiredBy, d.RetiredAt = user, now
		d.UpdatedBy, d.UpdatedAt = user, now
		return nil
	})
}

func docRetiredError(id uuid.UUID) error {
	return &Error{Kind: fault.InvalidTransition, Code: CodeRetired,
		Message: "Документ выведен из оборота и не может быть изменен", Err: errors.New("document " + id.String())}
}

// validate checks the type, values, subjects and scans of d and returns
// every violation at once.
func (r *Registry) validate(d Document) error {
	var vs []Violation
	switch v, ok := r.lookup(d.Type); {
	case strings.TrimSpace(d.Type) == "":
		vs = append(vs, Violation{Field: "type", Code: CodeTypeRequired, Message: "Не указан тип документа"})
	case !ok:
		vs = append(vs, docUnknownType("type", d.Type))
	default:
		more, err := docValidateValues(v, d.Values, "values")
		if err != nil {
			return err
		}
		vs = append(vs, more...)
	}
	for i, s := range d.Subjects {
		if s == uuid.Nil {
			vs = append(vs, Violation{Field: fmt.Sprintf("subjects[%d]", i), Code: CodeSubjectNil, Message: "Не указан субъект, которому принадлежит документ"})
		}
	}
	for i, s := range d.Scans {
		if !ValidHash(s.Hash) {
			vs = append(vs, Violation{Field: fmt.Sprintf("scans[%d].hash", i), Code: CodeScanHash, Message: "Неверная ссылка на электронный образ документа"})
		}
	}
	return fault.Validation(vs...)
}

func (r *Registry) lookup(code string) (Validator, bool) {
	if r.types == nil {
		return nil, false
	}
	return r.types(code)
}

func docUnknownType(field, code string) Violation {
	return Violation{Field: field, Code: CodeTypeUnknown, Message: fmt.Sprintf("Неизвестный тип документа «%s»", code)}
}

// docValidateValues runs v over values and returns its violations with their
// field paths put under prefix ("values.series", "documents[2].series").
// An error of v that is not a validation failure is returned as it is.
func docValidateValues(v Validator, values Values, prefix string) ([]Violation, error) {
	err := v.Validate(values)
	if err == nil {
		return nil, nil
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		var fe *Error
		if errors.As(err, &fe) && errors.Is(err, ErrInvalid) {
			return []Violation{{Field: prefix, Code: fe.Code, Message: fe.Message}}, nil
		}
		return nil, err
	}
	out := make([]Violation, len(ve.Violations))
	for i, x := range ve.Violations {
		x.Field = docJoinPath(prefix, x.Field)
		out[i] = x
	}
	return out, nil
}

func docJoinPath(prefix, field string) string {
	switch {
	case field == "":
		return prefix
	case prefix == "":
		return field
	case strings.HasPrefix(field, "["):
		return prefix + field
	}
	return prefix + "." + field
}
