package subject

import (
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/internal/fault"
)

// Role is a role a person holds in housing services. A person may hold
// several at once.
type Role string

// The roles of a person.
const (
	// RoleUser: a user of the system (пользователь системы).
	RoleUser Role = "user"
	// RoleApplicant: an applicant (заявитель).
	RoleApplicant Role = "applicant"
	// RoleRepresentative: a legal representative of an applicant
	// (законный представитель).
	RoleRepresentative Role = "representative"
	// RoleOwner: an owner of premises (собственник).
	RoleOwner Role = "owner"
)

// roleOrder is the canonical order of roles in Person.Roles.
var roleOrder = [...]Role{RoleUser, RoleApplicant, RoleRepresentative, RoleOwner}

func roleRank(r Role) int {
	for i, o := range roleOrder {
		if o == r {
			return i
		}
	}
	return -1
}

// Sex is the sex of a person as written in identity documents.
type Sex string

// The sexes of a person; the empty Sex means not stated.
const (
	SexMale   Sex = "male"
	SexFemale Sex = "female"
)

// Stable codes of person violations and errors.
const (
	CodePersonNotFound       = "person.not_found"
	CodePersonDuplicateSNILS = "person.duplicate_snils"
	CodePersonIDChanged      = "person.id_changed"
	CodePersonNameRequired   = "person.name.required"
	CodePersonNameFormat     = "person.name.format"
	CodePersonNameLength     = "person.name.length"
	CodePersonBirthDate      = "person.birth_date.invalid"
	CodePersonBirthFuture    = "person.birth_date.future"
	CodePersonBirthPlace     = "person.birth_place.length"
	CodePersonSex            = "person.sex.unknown"
	CodePersonRole           = "person.role.unknown"
	CodePersonDocumentType   = "person.document.type"
	CodePersonDocumentTwice  = "person.document.duplicate"
)

// Limits on the text fields of a person, in characters.
const (
	MaxNameLength       = 100
	MaxBirthPlaceLength = 500
)

// IdentityDocument is an identity document of a person: a reference to a
// document of package document by its ID, with the type code and the
// series and number copied here for search. Type is document.TypePassportRF
// or document.TypeBirthCertificate. DocumentID may be the nil UUID while
// the document itself is not registered yet.
type IdentityDocument struct {
	DocumentID uuid.UUID      `json:"document_id"`
	Type       string         `json:"type"`
	Number     DocumentNumber `json:"number"`
}

// LogValue describes d for slog with its number masked, so that a JSON
// handler does not log the number as the JSON of the struct would.
func (d IdentityDocument) LogValue() slog.Value {
	return slog.GroupValue(slog.String("document_id", d.DocumentID.String()),
		slog.String("type", d.Type), slog.String("number", d.Number.String()))
}

// Person is a natural person (физическое лицо) of the register: a user of
// the system, an applicant, a legal representative, an owner, or several
// of these at once. SNILS, INN and document numbers are personal data:
// they print masked and are read whole through Reveal. The birth date is
// personal data too: String and LogValue of a Person mask it.
type Person struct {
	ID         uuid.UUID `json:"id"`
	Surname    string    `json:"surname"`
	Name       string    `json:"name"`
	Patronymic string    `json:"patronymic,omitempty"`
	// BirthDate is the zero Date when unknown (a user of the system need
	// not state it).
	BirthDate  Date               `json:"birth_date,omitzero"`
	BirthPlace string             `json:"birth_place,omitempty"`
	Sex        Sex                `json:"sex,omitempty"`
	Documents  []IdentityDocument `json:"documents,omitempty"`
	// INN is the 12-digit taxpayer number, empty when unknown.
	INN INN `json:"inn,omitempty"`
	// SNILS is the 11-digit insurance number, empty when unknown. No two
	// persons of a register share a SNILS.
	SNILS    SNILS     `json:"snils,omitempty"`
	Contacts []Contact `json:"contacts,omitempty"`
	// Roles is a set: Normalize sorts it in the order user, applicant,
	// representative, owner and drops repeats.
	Roles []Role `json:"roles,omitempty"`
	// Version counts the stored changes: 1 after Create, one more after
	// each Update.
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Clone returns a deep copy of p: changing the copy's slices leaves p
// unchanged.
func (p Person) Clone() Person {
	p.Documents = slices.Clone(p.Documents)
	p.Contacts = slices.Clone(p.Contacts)
	p.Roles = slices.Clone(p.Roles)
	return p
}

// HasRole reports whether p holds the role.
func (p Person) HasRole(r Role) bool { return slices.Contains(p.Roles, r) }

// Grant adds the role to p, keeping Roles a sorted set.
func (p *Person) Grant(r Role) {
	if !p.HasRole(r) {
		p.Roles = append(p.Roles, r)
		sortRoles(p.Roles)
	}
}

// Revoke removes the role from p.
func (p *Person) Revoke(r Role) {
	p.Roles = slices.DeleteFunc(p.Roles, func(o Role) bool { return o == r })
}

func sortRoles(rs []Role) {
	slices.SortFunc(rs, func(a, b Role) int { return roleRank(a) - roleRank(b) })
}

// FullName returns surname, name and patronymic joined by spaces.
func (p Person) FullName() string {
	return strings.TrimSpace(p.Surname + " " + p.Name + " " + p.Patronymic)
}

// ShortName returns the surname with initials: "Иванов И. И.".
func (p Person) ShortName() string {
	s := p.Surname
	for _, n := range [2]string{p.Name, p.Patronymic} {
		if r, _ := utf8.DecodeRuneInString(n); n != "" {
			s += " " + string(r) + "."
		}
	}
	return s
}

// Document returns the first identity document of the type, and whether
// there is one.
func (p Person) Document(typ string) (IdentityDocument, bool) {
	for _, d := range p.Documents {
		if d.Type == typ {
			return d, true
		}
	}
	return IdentityDocument{}, false
}

// String describes p for logs and debugging with its personal data
// masked: "Person{id, Иванов И. И., birth ****-**-**, SNILS ***-***-445 95,
// INN ********9012, documents [passport_rf *******890], roles [applicant]}".
func (p Person) String() string {
	var b strings.Builder
	b.WriteString("Person{")
	b.WriteString(p.ID.String())
	b.WriteString(", ")
	b.WriteString(p.ShortName())
	if !p.BirthDate.IsZero() {
		b.WriteString(", birth ")
		b.WriteString(MaskDate(p.BirthDate))
	}
	if p.SNILS != "" {
		b.WriteString(", SNILS ")
		b.WriteString(p.SNILS.String())
	}
	if p.INN != "" {
		b.WriteString(", INN ")
		b.WriteString(p.INN.String())
	}
	if len(p.Documents) > 0 {
		b.WriteString(", documents [")
		for i, d := range p.Documents {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(d.Type)
			b.WriteByte(' ')
			b.WriteString(d.Number.String())
		}
		b.WriteByte(']')
	}
	if len(p.Roles) > 0 {
		b.WriteString(", roles [")
		for i, r := range p.Roles {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(string(r))
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.String()
}

// GoString is String, so that %#v masks the personal data too.
func (p Person) GoString() string { return p.String() }

// LogValue describes p for slog as a group with its personal data masked:
// id, name (surname and initials), birth_date, snils, inn, documents and
// roles.
func (p Person) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("id", p.ID.String()),
		slog.String("name", p.ShortName()),
	}
	if !p.BirthDate.IsZero() {
		attrs = append(attrs, slog.String("birth_date", MaskDate(p.BirthDate)))
	}
	if p.SNILS != "" {
		attrs = append(attrs, slog.String("snils", p.SNILS.String()))
	}
	if p.INN != "" {
		attrs = append(attrs, slog.String("inn", p.INN.String()))
	}
	for i, d := range p.Documents {
		attrs = append(attrs, slog.String("documents."+strconv.Itoa(i), d.Type+" "+d.Number.String()))
	}
	if len(p.Roles) > 0 {
		rs := make([]string, len(p.Roles))
		for i, r := range p.Roles {
			rs[i] = string(r)
		}
		attrs = append(attrs, slog.String("roles", strings.Join(rs, ",")))
	}
	return slog.GroupValue(attrs...)
}

// Normalize returns p in its stored form, or a *ValidationError with every
// violation of p at once, each with its field path ("snils",
// "documents[1].number", "contacts[0].value"). Names are trimmed with runs
// of white space made one space; SNILS, INN and document numbers are
// checked with the checks of package document and kept as their digits
// (a birth certificate in its official form); contacts are normalised by
// NormalizeContacts; roles become a sorted set. A set birth date must be a
// real day and, when today is not the zero Date, not after today. No
// message repeats a value.
func (p Person) Normalize(today Date) (Person, error) {
	p = p.Clone()
	var vs []Violation
	var v []Violation
	p.Surname, v = normalizeName(p.Surname, "surname", true)
	vs = append(vs, v...)
	p.Name, v = normalizeName(p.Name, "name", true)
	vs = append(vs, v...)
	p.Patronymic, v = normalizeName(p.Patronymic, "patronymic", false)
	vs = append(vs, v...)
	if !p.BirthDate.IsZero() {
		switch {
		case !p.BirthDate.Valid():
			vs = append(vs, Violation{Field: "birth_date", Code: CodePersonBirthDate, Message: "Неверная дата рождения"})
		case !today.IsZero() && p.BirthDate.After(today):
			vs = append(vs, Violation{Field: "birth_date", Code: CodePersonBirthFuture, Message: "Дата рождения не может быть позже сегодняшнего дня"})
		}
	}
	p.BirthPlace = collapseSpace(p.BirthPlace)
	if utf8.RuneCountInString(p.BirthPlace) > MaxBirthPlaceLength {
		vs = append(vs, Violation{Field: "birth_place", Code: CodePersonBirthPlace,
			Message: "Место рождения не может быть длиннее " + strconv.Itoa(MaxBirthPlaceLength) + " символов"})
	}
	switch p.Sex {
	case "", SexMale, SexFemale:
	default:
		vs = append(vs, Violation{Field: "sex", Code: CodePersonSex, Message: "Пол указывается как мужской или женский"})
	}
	if p.SNILS != "" {
		n, err := document.NormalizeSNILS(string(p.SNILS))
		vs = appendCheck(vs, "snils", err)
		p.SNILS = SNILS(n)
	}
	if p.INN != "" {
		s := strings.TrimSpace(string(p.INN))
		err := document.CheckINN12(s)
		vs = appendCheck(vs, "inn", err)
		if err == nil {
			p.INN = INN(s)
		}
	}
	seen := map[DocumentNumber]bool{}
	for i := range p.Documents {
		d := &p.Documents[i]
		path := "documents[" + strconv.Itoa(i) + "]"
		n, err := normalizeDocumentNumber(d.Type, string(d.Number))
		if n == "" && err == nil {
			vs = append(vs, Violation{Field: path + ".type", Code: CodePersonDocumentType,
				Message: "Документ, удостоверяющий личность, — паспорт гражданина РФ или свидетельство о рождении"})
			continue
		}
		vs = appendCheck(vs, path+".number", err)
		if err != nil {
			continue
		}
		d.Number = n
		if seen[n] {
			vs = append(vs, Violation{Field: path + ".number", Code: CodePersonDocumentTwice,
				Message: "Этот документ уже указан"})
		}
		seen[n] = true
	}
	if len(p.Contacts) > 0 {
		p.Contacts, v = NormalizeContacts(p.Contacts, "contacts")
		vs = append(vs, v...)
	}
	for i, r := range p.Roles {
		if roleRank(r) < 0 {
			vs = append(vs, Violation{Field: "roles[" + strconv.Itoa(i) + "]", Code: CodePersonRole, Message: "Неизвестная роль"})
		}
	}
	if len(vs) > 0 {
		return Person{}, &ValidationError{Violations: vs}
	}
	sortRoles(p.Roles)
	p.Roles = slices.Compact(p.Roles)
	if len(p.Roles) == 0 {
		p.Roles = nil
	}
	return p, nil
}

// normalizeDocumentNumber returns the stored form of the number of an
// identity document of the type; "", nil means the type is not one of an
// identity document.
func normalizeDocumentNumber(typ, number string) (DocumentNumber, error) {
	var n string
	var err error
	switch typ {
	case document.TypePassportRF:
		n, err = document.NormalizePassportRF(number)
	case document.TypeBirthCertificate:
		n, err = document.NormalizeBirthCertificate(number)
	default:
		return "", nil
	}
	return DocumentNumber(n), err
}

// appendCheck appends the violations of err, an error of a check of
// package document, under the field path. Any other error becomes one
// violation with the code of ErrInvalid.
func appendCheck(vs []Violation, field string, err error) []Violation {
	if err == nil {
		return vs
	}
	if ve, ok := err.(*ValidationError); ok {
		for _, v := range ve.Violations {
			v.Field = field
			vs = append(vs, v)
		}
		return vs
	}
	return append(vs, Violation{Field: field, Code: fault.Invalid.Code(), Message: fault.Invalid.Error()})
}

// normalizeName trims a name part, makes runs of white space one space and
// checks it: letters, with spaces, hyphens, apostrophes and dots between
// them («Салтыков-Щедрин», «д'Артаньян»), at most MaxNameLength
// characters.
func normalizeName(s, field string, required bool) (string, []Violation) {
	s = collapseSpace(s)
	if s == "" {
		if required {
			return "", []Violation{{Field: field, Code: CodePersonNameRequired, Message: nameLabel(field) + ": обязательное поле"}}
		}
		return "", nil
	}
	if utf8.RuneCountInString(s) > MaxNameLength {
		return s, []Violation{{Field: field, Code: CodePersonNameLength,
			Message: nameLabel(field) + ": не длиннее " + strconv.Itoa(MaxNameLength) + " символов"}}
	}
	letter := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case r == ' ' || r == '-' || r == '\'' || r == '’' || r == '.':
		default:
			return s, []Violation{{Field: field, Code: CodePersonNameFormat,
				Message: nameLabel(field) + ": допустимы только буквы, пробел, дефис, апостроф и точка"}}
		}
	}
	if !letter {
		return s, []Violation{{Field: field, Code: CodePersonNameFormat,
			Message: nameLabel(field) + ": должно содержать буквы"}}
	}
	return s, nil
}

func nameLabel(field string) string {
	switch field {
	case "surname":
		return "Фамилия"
	case "name":
		return "Имя"
	}
	return "Отчество"
}

// collapseSpace trims s and makes each run of white space one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// FoldName returns a name part as the register compares it: lower case, ё
// as е, runs of white space as one space ("Семёнов" and "СЕМЕНОВ" fold to
// "семенов"). It is address.Fold.
func FoldName(s string) string { return address.Fold(s) }

// foldMatch compares the stored name part, folded on the fly, with q,
// which is folded already; with prefix it reports whether q is a prefix of
// the folded name, else whether they are equal. It does not allocate.
func foldMatch(name, q string, prefix bool) bool {
	equal, isPrefix := address.FoldCut(name, q)
	if prefix {
		return isPrefix
	}
	return equal
}

// DuplicateSNILSError returns the error every PersonRepository returns
// when a person would share the SNILS of the stored person existing: it
// matches ErrConflict, carries CodePersonDuplicateSNILS and names the
// existing record by its ID, never the SNILS.
func DuplicateSNILSError(existing uuid.UUID) error {
	return &Error{Kind: fault.Conflict, Code: CodePersonDuplicateSNILS,
		Message: "Физическое лицо с таким СНИЛС уже зарегистрировано (запись " + existing.String() + ")"}
}

// PersonNotFoundError returns the error every PersonRepository returns for
// an unknown person ID: it matches ErrNotFound and carries
// CodePersonNotFound.
func PersonNotFoundError(id uuid.UUID) error {
	return &Error{Kind: fault.NotFound, Code: CodePersonNotFound,
		Message: "Физическое лицо не найдено (запись " + id.String() + ")"}
}
