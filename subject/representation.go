package subject

import (
	"github.com/google/uuid"
)

// Ground is the legal ground on which one person represents another.
type Ground string

// The grounds of representation.
const (
	// GroundParent: a parent of a minor; Document is the birth certificate.
	GroundParent Ground = "parent"
	// GroundGuardian: a guardian or custodian; Document is the decision of
	// the guardianship authority.
	GroundGuardian Ground = "guardian"
	// GroundPowerOfAttorney: a representative by power of attorney;
	// Document is the power of attorney, ValidFrom and ValidTo its term.
	GroundPowerOfAttorney Ground = "power_of_attorney"
)

// Stable codes of representation violations.
const (
	CodeRepresentationPerson   = "representation.person_required"
	CodeRepresentationSelf     = "representation.self"
	CodeRepresentationGround   = "representation.ground.unknown"
	CodeRepresentationDocument = "representation.document_required"
	CodeRepresentationPeriod   = "representation.period_required"
	CodeRepresentationDate     = "representation.date.invalid"
	CodeRepresentationOrder    = "representation.period.order"
)

// Representation records that Representative represents Represented on a
// ground, proved by a document of package document, for a period. A zero
// ValidFrom or ValidTo is an open end.
type Representation struct {
	ID             uuid.UUID `json:"id"`
	Representative uuid.UUID `json:"representative"`
	Represented    uuid.UUID `json:"represented"`
	Ground         Ground    `json:"ground"`
	// Document is the ID of the birth certificate, the guardianship
	// decision or the power of attorney.
	Document  uuid.UUID `json:"document"`
	ValidFrom Date      `json:"valid_from,omitzero"`
	ValidTo   Date      `json:"valid_to,omitzero"`
}

// ActiveAt reports whether the representation is in force on the day: not
// before ValidFrom and not after ValidTo, both inclusive.
func (r Representation) ActiveAt(day Date) bool {
	if !r.ValidFrom.IsZero() && day.Before(r.ValidFrom) {
		return false
	}
	return r.ValidTo.IsZero() || !day.After(r.ValidTo)
}

// Validate returns nil or a *ValidationError with every violation of r at
// once: both persons are set and differ (no one represents themselves),
// the ground is known, the proving document is set (for a parent: the
// birth certificate of the child), a power of attorney has both ends of
// its validity period, set dates are real days and ValidTo is not before
// ValidFrom. The ID is not checked: the register assigns it.
func (r Representation) Validate() error {
	var vs []Violation
	if r.Representative == uuid.Nil {
		vs = append(vs, Violation{Field: "representative", Code: CodeRepresentationPerson, Message: "Не указан представитель"})
	}
	if r.Represented == uuid.Nil {
		vs = append(vs, Violation{Field: "represented", Code: CodeRepresentationPerson, Message: "Не указан представляемый"})
	}
	if r.Representative != uuid.Nil && r.Representative == r.Represented {
		vs = append(vs, Violation{Field: "represented", Code: CodeRepresentationSelf, Message: "Лицо не может быть представителем самого себя"})
	}
	switch r.Ground {
	case GroundParent, GroundGuardian, GroundPowerOfAttorney:
		if r.Document == uuid.Nil {
			vs = append(vs, Violation{Field: "document", Code: CodeRepresentationDocument, Message: documentMessage(r.Ground)})
		}
	default:
		vs = append(vs, Violation{Field: "ground", Code: CodeRepresentationGround,
			Message: "Основание представительства: родитель, опекун (попечитель) или доверенность"})
	}
	for _, d := range []struct {
		field string
		date  Date
	}{{"valid_from", r.ValidFrom}, {"valid_to", r.ValidTo}} {
		switch {
		case d.date.IsZero() && r.Ground == GroundPowerOfAttorney:
			vs = append(vs, Violation{Field: d.field, Code: CodeRepresentationPeriod,
				Message: "Для доверенности укажите срок действия: дату начала и дату окончания"})
		case !d.date.IsZero() && !d.date.Valid():
			vs = append(vs, Violation{Field: d.field, Code: CodeRepresentationDate, Message: "Неверная дата"})
		}
	}
	if r.ValidFrom.Valid() && r.ValidTo.Valid() && r.ValidTo.Before(r.ValidFrom) {
		vs = append(vs, Violation{Field: "valid_to", Code: CodeRepresentationOrder,
			Message: "Дата окончания не может быть раньше даты начала"})
	}
	if len(vs) > 0 {
		return &ValidationError{Violations: vs}
	}
	return nil
}

func documentMessage(g Ground) string {
	switch g {
	case GroundParent:
		return "Для родителя укажите свидетельство о рождении ребенка"
	case GroundGuardian:
		return "Для опекуна укажите решение органа опеки и попечительства"
	}
	return "Укажите доверенность"
}
