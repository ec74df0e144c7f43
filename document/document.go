package document

import (
	"slices"
	"time"

	"github.com/google/uuid"
)

// Document is one entry of the document registry (реестр документов): a
// passport, a sale contract, an EGRN extract and so on, with the values of
// its fields as people typed them, the subjects it belongs to and its
// scans.
//
// A document is never deleted: it is retired (RetiredAt set), so that the
// applications that referred to it keep their history.
type Document struct {
	// ID identifies the document; the Registry assigns it.
	ID uuid.UUID `json:"id"`
	// Type is the code of the document type, such as "passport_rf".
	Type string `json:"type"`
	// Values are the field values by field code.
	Values Values `json:"values,omitempty"`
	// Subjects are the IDs of the persons and legal entities the document
	// belongs to, in the order given.
	Subjects []uuid.UUID `json:"subjects,omitempty"`
	// Scans are the electronic images of the document, by content hash.
	Scans []ScanInfo `json:"scans,omitempty"`
	// CreatedBy is the ID of the user who registered the document.
	CreatedBy uuid.UUID `json:"createdBy"`
	// CreatedAt is when the document was registered.
	CreatedAt time.Time `json:"createdAt"`
	// UpdatedBy is the ID of the user who changed the document last.
	UpdatedBy uuid.UUID `json:"updatedBy"`
	// UpdatedAt is when the document was changed last.
	UpdatedAt time.Time `json:"updatedAt"`
	// RetiredBy is the ID of the user who retired the document.
	RetiredBy uuid.UUID `json:"retiredBy,omitzero"`
	// RetiredAt is when the document was retired; zero while it is in use.
	RetiredAt time.Time `json:"retiredAt,omitzero"`
	// Version counts the stored changes of the document, from 1; the
	// repository bumps it on every Update, for optimistic locking.
	Version int64 `json:"version"`
}

// Retired reports whether the document has been retired.
func (d Document) Retired() bool { return !d.RetiredAt.IsZero() }

// HasSubject reports whether the document belongs to the subject.
func (d Document) HasSubject(id uuid.UUID) bool { return slices.Contains(d.Subjects, id) }

// Clone returns a deep copy of the document: changing the copy's values,
// subjects or scans leaves d as it is.
func (d Document) Clone() Document {
	if d.Values != nil {
		v := make(Values, len(d.Values))
		for k, s := range d.Values {
			v[k] = s
		}
		d.Values = v
	}
	d.Subjects = slices.Clone(d.Subjects)
	d.Scans = slices.Clone(d.Scans)
	return d
}
