package subject

import (
	"strings"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/document"
)

// Stable codes of person query violations.
const (
	CodeQueryDocumentNumber = "person_query.document_number.format"
	CodeQueryNameFormat     = "person_query.name.format"
	CodeQueryRole           = "person_query.role.unknown"
)

// PersonQuery selects persons for PersonRepository.Find. Set fields are
// joined by AND; a zero PersonQuery selects every person. Persons come in
// the order of their IDs (creation order for UUIDv7 IDs), a page at a
// time with After and Limit.
type PersonQuery struct {
	// SNILS, when set, keeps the person with this SNILS, in any form
	// CheckSNILS accepts.
	SNILS string
	// INN, when set, keeps the persons with this 12-digit INN.
	INN string
	// DocumentNumber, when set, keeps the persons with an identity document
	// of this series and number: a passport in any form CheckPassportRF
	// accepts or a birth certificate in any form CheckBirthCertificate
	// accepts (its letters in either case).
	DocumentNumber string
	// Surname, Name and Patronymic, when set, keep the persons whose name
	// part equals them case-insensitively with ё as е; a trailing '*'
	// makes it a prefix: "Сем*" keeps Семёнов and Семенова.
	Surname, Name, Patronymic string
	// BirthDate, when not zero, keeps the persons born that day.
	BirthDate Date
	// Role, when set, keeps the persons holding it.
	Role Role
	// After, when not nil, starts the page after the person with this ID:
	// pass the ID of the last person of the previous page.
	After uuid.UUID
	// Limit caps the number of persons returned; zero or less means no cap.
	Limit int
}

// Normalize returns q in the form adapters use: SNILS and INN as their
// digits, DocumentNumber in the stored form of its document type, and the
// name parts folded with FoldName, a trailing '*' kept. It returns a
// *ValidationError with every violation when a value cannot be what it
// claims to be (a SNILS with a wrong check number finds nobody, and is
// told so). Normalize of a normalised query returns it unchanged.
func (q PersonQuery) Normalize() (PersonQuery, error) {
	var vs []Violation
	if q.SNILS != "" {
		n, err := document.NormalizeSNILS(q.SNILS)
		vs = appendCheck(vs, "snils", err)
		q.SNILS = n
	}
	if q.INN != "" {
		q.INN = strings.TrimSpace(q.INN)
		vs = appendCheck(vs, "inn", document.CheckINN12(q.INN))
	}
	if q.DocumentNumber != "" {
		n, ok := normalizeQueryNumber(q.DocumentNumber)
		if !ok {
			vs = append(vs, Violation{Field: "document_number", Code: CodeQueryDocumentNumber,
				Message: "Серия и номер документа записываются как у паспорта (12 34 567890) или свидетельства о рождении (II-АБ 123456)"})
		}
		q.DocumentNumber = n
	}
	for _, part := range []struct {
		field string
		value *string
	}{{"surname", &q.Surname}, {"name", &q.Name}, {"patronymic", &q.Patronymic}} {
		text, prefix := strings.CutSuffix(strings.TrimSpace(*part.value), "*")
		text = FoldName(text)
		if strings.ContainsRune(text, '*') || (prefix && text == "") {
			vs = append(vs, Violation{Field: part.field, Code: CodeQueryNameFormat,
				Message: nameLabel(part.field) + ": звездочка допустима только в конце, после хотя бы одной буквы"})
		}
		if prefix {
			text += "*"
		}
		*part.value = text
	}
	if q.Role != "" && roleRank(q.Role) < 0 {
		vs = append(vs, Violation{Field: "role", Code: CodeQueryRole, Message: "Неизвестная роль"})
	}
	if len(vs) > 0 {
		return PersonQuery{}, &ValidationError{Violations: vs}
	}
	return q, nil
}

// normalizeQueryNumber reads a document number of either identity
// document type.
func normalizeQueryNumber(s string) (string, bool) {
	if n, err := document.NormalizePassportRF(s); err == nil {
		return n, true
	}
	if n, err := document.NormalizeBirthCertificate(s); err == nil {
		return n, true
	}
	if n, err := document.NormalizeBirthCertificate(strings.ToUpper(s)); err == nil {
		return n, true
	}
	return "", false
}

// NamePattern splits a normalised name part of a query into its folded
// text and whether it is a prefix: "сем*" gives "сем", true.
func NamePattern(s string) (text string, prefix bool) {
	return strings.CutSuffix(s, "*")
}

// Matches reports whether the person meets every set condition of q except
// After and Limit, which are the paging. q must be normalised; Matches does
// not allocate. Adapters narrow the persons with their indexes and keep
// those that Matches, so the meaning of a query is written once.
func (q PersonQuery) Matches(p Person) bool {
	if q.SNILS != "" && string(p.SNILS) != q.SNILS {
		return false
	}
	if q.INN != "" && string(p.INN) != q.INN {
		return false
	}
	if !q.BirthDate.IsZero() && p.BirthDate != q.BirthDate {
		return false
	}
	if q.Role != "" && !p.HasRole(q.Role) {
		return false
	}
	if q.DocumentNumber != "" {
		found := false
		for _, d := range p.Documents {
			if string(d.Number) == q.DocumentNumber {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return matchPart(p.Surname, q.Surname) && matchPart(p.Name, q.Name) && matchPart(p.Patronymic, q.Patronymic)
}

func matchPart(name, pattern string) bool {
	if pattern == "" {
		return true
	}
	text, prefix := NamePattern(pattern)
	return foldMatch(name, text, prefix)
}
