package subject

import (
	"slices"
	"strconv"

	"github.com/google/uuid"
)

// RightKind is the kind of an ownership right (вид права собственности).
type RightKind string

// The kinds of ownership right.
const (
	// RightSole is sole ownership (собственность): one owner, no share.
	RightSole RightKind = "sole"
	// RightJoint is common joint ownership (общая совместная
	// собственность): two or more owners, no shares.
	RightJoint RightKind = "joint"
	// RightShared is common shared ownership (общая долевая
	// собственность): every owner holds a share.
	RightShared RightKind = "shared"
)

// Valid reports whether k is one of the kinds of right.
func (k RightKind) Valid() bool {
	return k == RightSole || k == RightJoint || k == RightShared
}

// OwnerKind says whether an owner is a person or a legal entity.
type OwnerKind string

// The kinds of owner.
const (
	// OwnerPerson is a natural person (физическое лицо).
	OwnerPerson OwnerKind = "person"
	// OwnerLegalEntity is a legal entity (юридическое лицо).
	OwnerLegalEntity OwnerKind = "legal_entity"
)

// Valid reports whether k is one of the kinds of owner.
func (k OwnerKind) Valid() bool { return k == OwnerPerson || k == OwnerLegalEntity }

// Owner is a holder of a right (собственник): a person or a legal entity
// referenced by ID, with a share when the right is common shared
// ownership.
type Owner struct {
	// Subject is the ID of the person or the legal entity.
	Subject uuid.UUID `json:"subject"`
	// Kind says which of the two Subject is.
	Kind OwnerKind `json:"kind"`
	// Share is the owner's share in a shared right; zero for sole and
	// joint rights.
	Share Share `json:"share,omitzero"`
}

// Right is an ownership right to a premise (право собственности на
// помещение) as registered in the EGRN: its kind, owners with their shares,
// the title documents it rests on and the documents of its registration.
// A right is never deleted: when it ends (sale, death, court decision) it
// gets an end date and stays in the history.
type Right struct {
	// ID identifies the right.
	ID uuid.UUID `json:"id"`
	// Premise is the ID of the address object the right is to: a house, a
	// premise or a room. Which level is allowed is the caller's concern.
	Premise uuid.UUID `json:"premise"`
	// Kind is sole, joint or shared ownership.
	Kind RightKind `json:"kind"`
	// Number is the EGRN registration number, such as
	// «77:01:0001001:1234-77/011/2020-3»; empty when unknown.
	Number string `json:"number,omitempty"`
	// Registered is the date of state registration; the right is in force
	// from this date.
	Registered Date `json:"registered"`
	// Ended is the date the right ended; zero while it is in force. The
	// right is no longer in force on this date.
	Ended Date `json:"ended,omitzero"`
	// Owners are the holders of the right.
	Owners []Owner `json:"owners"`
	// TitleDocuments are the IDs of the title documents
	// (правоустанавливающие документы): contracts of sale, gift or
	// exchange, certificates of inheritance.
	TitleDocuments []uuid.UUID `json:"titleDocuments,omitempty"`
	// RegistrationDocuments are the IDs of the documents of registration
	// (документы о регистрации права): EGRN extracts.
	RegistrationDocuments []uuid.UUID `json:"registrationDocuments,omitempty"`
}

// Clone returns a copy of r that shares no slice with it.
func (r Right) Clone() Right {
	r.Owners = slices.Clone(r.Owners)
	r.TitleDocuments = slices.Clone(r.TitleDocuments)
	r.RegistrationDocuments = slices.Clone(r.RegistrationDocuments)
	return r
}

// ActiveAt reports whether the right is in force on the date: registered
// on or before it and not ended on or before it.
func (r Right) ActiveAt(at Date) bool {
	return !r.Registered.After(at) && (r.Ended.IsZero() || r.Ended.After(at))
}

// Stable codes of right violations.
const (
	CodeRightID         = "right.id"
	CodeRightPremise    = "right.premise"
	CodeRightKind       = "right.kind"
	CodeRightRegistered = "right.registered"
	CodeRightEnded      = "right.ended"
	CodeRightOwners     = "right.owners"
	CodeOwnerSubject    = "right.owner_subject"
	CodeOwnerKind       = "right.owner_kind"
	CodeOwnerDuplicate  = "right.owner_duplicate"
	// CodeSoleOwners: a sole right has other than one owner.
	CodeSoleOwners = "right.sole_owners"
	// CodeJointOwners: a joint right has fewer than two owners.
	CodeJointOwners = "right.joint_owners"
	// CodeShareMissing: an owner of a shared right has no share.
	CodeShareMissing = "right.share_missing"
	// CodeShareUnexpected: an owner of a sole or joint right has a share.
	CodeShareUnexpected = "right.share_unexpected"
	// CodeSoleNotAlone: a premise has a sole right beside other rights in
	// force.
	CodeSoleNotAlone = "right.sole_not_alone"
	// CodeSharesShort: the shares of a premise sum to less than 1.
	CodeSharesShort = "right.shares_short"
	// CodeSharesExcess: the shares of a premise sum to more than 1.
	CodeSharesExcess = "right.shares_excess"
)

// Validate checks one right on its own: the fields every right needs (ID,
// premise, kind, registration date, an end date not before it, owners with
// a subject and a kind, no owner twice) and the rules of its kind (see
// CheckPremise). It returns a *ValidationError with every violation, field
// paths relative to the right ("owners[1].share"), or nil.
func (r Right) Validate() error {
	var vs []Violation
	if r.ID == uuid.Nil {
		vs = append(vs, Violation{Field: "id", Code: CodeRightID, Message: "Не указан идентификатор права"})
	}
	if r.Premise == uuid.Nil {
		vs = append(vs, Violation{Field: "premise", Code: CodeRightPremise, Message: "Не указано помещение"})
	}
	if !r.Kind.Valid() {
		vs = append(vs, Violation{Field: "kind", Code: CodeRightKind, Message: "Вид права должен быть одним из: собственность, общая совместная, общая долевая"})
	}
	if r.Registered.IsZero() {
		vs = append(vs, Violation{Field: "registered", Code: CodeRightRegistered, Message: "Не указана дата регистрации права"})
	} else if !r.Ended.IsZero() && r.Ended.Before(r.Registered) {
		vs = append(vs, Violation{Field: "ended", Code: CodeRightEnded, Message: "Дата прекращения права раньше даты его регистрации"})
	}
	if len(r.Owners) == 0 {
		vs = append(vs, Violation{Field: "owners", Code: CodeRightOwners, Message: "Не указаны собственники"})
	}
	for i, o := range r.Owners {
		if o.Subject == uuid.Nil {
			vs = append(vs, Violation{Field: ownerPath("", i, "subject"), Code: CodeOwnerSubject, Message: "Не указан собственник"})
		} else if slices.ContainsFunc(r.Owners[:i], func(p Owner) bool { return p.Subject == o.Subject }) {
			vs = append(vs, Violation{Field: ownerPath("", i, "subject"), Code: CodeOwnerDuplicate, Message: "Собственник указан дважды"})
		}
		if !o.Kind.Valid() {
			vs = append(vs, Violation{Field: ownerPath("", i, "kind"), Code: CodeOwnerKind, Message: "Собственник должен быть физическим или юридическим лицом"})
		}
	}
	if r.Kind.Valid() && len(r.Owners) > 0 {
		vs = kindRules(vs, r, "")
	}
	if len(vs) == 0 {
		return nil
	}
	return &ValidationError{Violations: vs}
}

// kindRules appends the violations of the rules of r's kind, with field
// paths under prefix ("rights[2]." or "").
func kindRules(vs []Violation, r Right, prefix string) []Violation {
	switch r.Kind {
	case RightSole:
		if len(r.Owners) != 1 {
			vs = append(vs, Violation{Field: prefix + "owners", Code: CodeSoleOwners, Message: "У права собственности должен быть ровно один собственник"})
		}
	case RightJoint:
		if len(r.Owners) < 2 {
			vs = append(vs, Violation{Field: prefix + "owners", Code: CodeJointOwners, Message: "У общей совместной собственности должно быть не меньше двух собственников"})
		}
	}
	for i, o := range r.Owners {
		switch {
		case r.Kind == RightShared && o.Share.IsZero():
			vs = append(vs, Violation{Field: ownerPath(prefix, i, "share"), Code: CodeShareMissing, Message: "Не указана доля собственника в общей долевой собственности"})
		case r.Kind != RightShared && !o.Share.IsZero():
			vs = append(vs, Violation{Field: ownerPath(prefix, i, "share"), Code: CodeShareUnexpected, Message: "Доля указывается только в общей долевой собственности"})
		}
	}
	return vs
}

func ownerPath(prefix string, i int, field string) string {
	return prefix + "owners[" + strconv.Itoa(i) + "]." + field
}

// OwnersAt returns the owners of the rights in force on the date, in the
// order of rights and of owners within a right. Pass every right of a
// premise, ended ones included, to learn who owned it on a past date.
func OwnersAt(rights []Right, at Date) []Owner {
	var out []Owner
	for _, r := range rights {
		if r.ActiveAt(at) {
			out = append(out, r.Owners...)
		}
	}
	return out
}
