package application

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Book names one of the reference books (справочники) of the product.
type Book string

// The reference books.
const (
	// BookResources is the book of communal resources (коммунальные ресурсы).
	BookResources Book = "resources"
	// BookUnits is the book of units of measure (единицы измерения) with
	// their OKEI codes.
	BookUnits Book = "units"
	// BookPurposes is the book of purposes of use of communal resources
	// (цели использования коммунальных ресурсов).
	BookPurposes Book = "purposes"
	// BookServices is the book of housing and communal services
	// (жилищно-коммунальные услуги).
	BookServices Book = "services"
)

// Books returns every reference book, in a fixed order.
func Books() []Book { return []Book{BookResources, BookUnits, BookPurposes, BookServices} }

// Valid reports whether b is one of the reference books.
func (b Book) Valid() bool { return slices.Contains(Books(), b) }

// Stable codes of the violations and errors of the reference books.
const (
	// CodeReferenceBook: the book is not one of the reference books.
	CodeReferenceBook = "reference.book"
	// CodeReferenceCode: the code is empty or not a snake_case key.
	CodeReferenceCode = "reference.code"
	// CodeReferenceName: the Russian name is empty.
	CodeReferenceName = "reference.name"
	// CodeReferenceOKEI: a unit's OKEI code is not three digits.
	CodeReferenceOKEI = "reference.okei"
	// CodeReferenceUnit: a resource names no default unit.
	CodeReferenceUnit = "reference.unit"
	// CodeReferenceUnitUnknown: a resource's default unit is not in the
	// book of units, or is retired.
	CodeReferenceUnitUnknown = "reference.unit_unknown"
	// CodeReferenceResourceUnknown: a service uses a resource that is not
	// in the book of resources, or is retired.
	CodeReferenceResourceUnknown = "reference.resource_unknown"
	// CodeReferenceDuplicate: two entries of one book share a code, or two
	// units share an OKEI code, or a service lists a resource twice.
	CodeReferenceDuplicate = "reference.duplicate"
	// CodeReferenceNotApplicable: a field is set that the entry's book does
	// not have (an OKEI code on a service, resources on a unit).
	CodeReferenceNotApplicable = "reference.not_applicable"
	// CodeReferenceRetiredAt: Retire was given the zero time.
	CodeReferenceRetiredAt = "reference.retired_at"
	// CodeReferenceNotFound: no entry of the book has the code; the error
	// of a ReferenceRepository matches ErrNotFound. Every adapter reports
	// this code.
	CodeReferenceNotFound = "reference.not_found"
)

// ReferenceEntry is one entry of a reference book. Which fields apply
// depends on the book:
//
//   - every book: Code, Name, and optionally NSICode and NSIGUID;
//   - BookUnits: Symbol and OKEI (required);
//   - BookResources: Unit (required), the code of the default unit;
//   - BookServices: Resources, the codes of the resources the service uses
//     (none for a service such as solid waste management);
//   - BookPurposes: nothing more.
//
// A field that the book does not have must be left empty.
type ReferenceEntry struct {
	// Book is the book the entry belongs to.
	Book Book `json:"book"`
	// Code is the stable key of the entry within its book, a snake_case
	// English word such as "cold_water".
	Code string `json:"code"`
	// Name is the Russian name people read: «Холодная вода».
	Name string `json:"name"`
	// Symbol is a unit's short symbol: «м³», «кВт·ч».
	Symbol string `json:"symbol,omitempty"`
	// OKEI is a unit's code in the All-Russian classifier of units of
	// measure (ОКЕИ), three digits: "113" for a cubic metre.
	OKEI string `json:"okei,omitempty"`
	// Unit is a resource's default unit, the Code of an entry of BookUnits.
	Unit string `json:"unit,omitempty"`
	// Resources are the resources a service uses, Codes of entries of
	// BookResources.
	Resources []string `json:"resources,omitempty"`
	// NSICode is the code of the matching entry of the GIS ZhKKh NSI
	// reference book, when known.
	NSICode string `json:"nsi_code,omitempty"`
	// NSIGUID is the GUID of the matching entry of the GIS ZhKKh NSI
	// reference book, when known.
	NSIGUID uuid.UUID `json:"nsi_guid,omitzero"`
	// Retired is when the entry was retired; the zero time means it is in
	// use. Retired entries stay readable, because other records refer to
	// them; new references to them are refused.
	Retired time.Time `json:"retired,omitzero"`
}

// Clone returns a copy of e that shares no memory with it.
func (e ReferenceEntry) Clone() ReferenceEntry {
	e.Resources = slices.Clone(e.Resources)
	return e
}

// Active reports whether the entry is in use at the moment t: it has not
// been retired, or was retired after t.
func (e ReferenceEntry) Active(t time.Time) bool {
	return e.Retired.IsZero() || t.Before(e.Retired)
}

// Validate checks the rules of the entry on its own — a known book, a
// snake_case code, a name, an OKEI code of three digits for a unit, a unit
// for a resource, no field its book does not have — and returns a
// *ValidationError with every violation, or nil. References to other
// entries are checked by ValidateBooks and PutReference.
func (e ReferenceEntry) Validate() error {
	return validation(e.violations(""))
}

// validation returns nil for no violations and a *ValidationError with all
// of them otherwise.
func validation(vs []Violation) error {
	if len(vs) == 0 {
		return nil
	}
	return &ValidationError{Violations: vs}
}

func (e ReferenceEntry) violations(prefix string) []Violation {
	var vs []Violation
	add := func(field, code, msg string) {
		vs = append(vs, Violation{Field: prefix + field, Code: code, Message: msg})
	}
	if !e.Book.Valid() {
		add("book", CodeReferenceBook, "Неизвестный справочник")
	}
	if !isSnakeCase(e.Code) {
		add("code", CodeReferenceCode,
			"Код записи справочника обязателен: строчные латинские буквы, цифры и знак подчеркивания")
	}
	if strings.TrimSpace(e.Name) == "" {
		add("name", CodeReferenceName, "Укажите наименование")
	}
	notApplicable := func(field string) {
		add(field, CodeReferenceNotApplicable, "Поле не заполняется для записей этого справочника")
	}
	if e.Book == BookUnits {
		if !isOKEI(e.OKEI) {
			add("okei", CodeReferenceOKEI, "Код ОКЕИ должен состоять из трех цифр")
		}
	} else {
		if e.OKEI != "" {
			notApplicable("okei")
		}
		if e.Symbol != "" {
			notApplicable("symbol")
		}
	}
	if e.Book == BookResources {
		if e.Unit == "" {
			add("unit", CodeReferenceUnit, "Укажите единицу измерения ресурса")
		}
	} else if e.Unit != "" {
		notApplicable("unit")
	}
	if e.Book == BookServices {
		seen := map[string]bool{}
		for i, r := range e.Resources {
			if seen[r] {
				add(fmt.Sprintf("resources[%d]", i), CodeReferenceDuplicate, "Ресурс указан дважды")
			}
			seen[r] = true
		}
	} else if len(e.Resources) > 0 {
		notApplicable("resources")
	}
	return vs
}

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

func isSnakeCase(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' || s[len(s)-1] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '_' && s[i-1] != '_':
		default:
			return false
		}
	}
	return true
}

func isOKEI(s string) bool {
	return len(s) == 3 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9'
}

// ValidateBooks checks a whole set of entries, such as the contents of
// the books or a seed, and returns a *ValidationError with every violation
// at once, or nil: the rules of each entry, unique codes within a book,
// unique OKEI codes among units, and that every resource's unit and every
// service's resource is an active entry of the set. Field paths are the
// indexes into entries: "[3].unit".
func ValidateBooks(entries []ReferenceEntry) error {
	var vs []Violation
	type key struct {
		book Book
		code string
	}
	byKey := map[key]ReferenceEntry{}
	okei := map[string]bool{}
	for i, e := range entries {
		prefix := fmt.Sprintf("[%d].", i)
		vs = append(vs, e.violations(prefix)...)
		k := key{e.Book, e.Code}
		if _, dup := byKey[k]; dup {
			vs = append(vs, Violation{Field: prefix + "code", Code: CodeReferenceDuplicate,
				Message: "Запись с таким кодом уже есть в справочнике"})
		} else {
			byKey[k] = e
		}
		if e.Book == BookUnits && e.OKEI != "" {
			if okei[e.OKEI] {
				vs = append(vs, Violation{Field: prefix + "okei", Code: CodeReferenceDuplicate,
					Message: "Единица измерения с таким кодом ОКЕИ уже есть в справочнике"})
			}
			okei[e.OKEI] = true
		}
	}
	active := func(b Book, code string) bool {
		e, ok := byKey[key{b, code}]
		return ok && e.Retired.IsZero()
	}
	for i, e := range entries {
		vs = append(vs, referenceViolations(e, fmt.Sprintf("[%d].", i), active)...)
	}
	return validation(vs)
}

// referenceViolations checks that the references of e name active entries.
func referenceViolations(e ReferenceEntry, prefix string, active func(Book, string) bool) []Violation {
	var vs []Violation
	if e.Book == BookResources && e.Unit != "" && !active(BookUnits, e.Unit) {
		vs = append(vs, Violation{Field: prefix + "unit", Code: CodeReferenceUnitUnknown,
			Message: "Единица измерения «" + e.Unit + "» не найдена в справочнике или выведена из употребления"})
	}
	if e.Book == BookServices {
		for i, r := range e.Resources {
			if !active(BookResources, r) {
				vs = append(vs, Violation{Field: fmt.Sprintf("%sresources[%d]", prefix, i), Code: CodeReferenceResourceUnknown,
					Message: "Коммунальный ресурс «" + r + "» не найден в справочнике или выведен из употребления"})
			}
		}
	}
	return vs
}

// ReferenceRepository stores the reference books. Entries are never
// deleted, only retired, because accounts, meters and applications refer
// to them by code.
type ReferenceRepository interface {
	// List returns every entry of the book, retired ones included, ordered
	// by Code. It returns a *ValidationError (ErrInvalid) with
	// CodeReferenceBook for an unknown book.
	List(ctx context.Context, book Book) ([]ReferenceEntry, error)
	// Get returns the entry of the book with the code, retired or not, or
	// an error matching ErrNotFound with the code CodeReferenceNotFound.
	Get(ctx context.Context, book Book, code string) (ReferenceEntry, error)
	// Put stores the entry, replacing the one of the same book and code.
	// It keeps the stored retirement time and ignores e.Retired, so an edit
	// never undoes a concurrent Retire. It returns the *ValidationError of
	// e.Validate (ErrInvalid) and stores nothing when e breaks its own
	// rules; references to other entries are checked by PutReference.
	Put(ctx context.Context, e ReferenceEntry) error
	// Retire marks the entry retired at the time. Retiring a retired entry
	// keeps the first time and is not an error. It returns an error
	// matching ErrNotFound (CodeReferenceNotFound) for a missing entry and
	// a *ValidationError with CodeReferenceRetiredAt for the zero time.
	Retire(ctx context.Context, book Book, code string, at time.Time) error
}

// RetiredAtError is the error Retire returns for the zero time; adapters
// use it so that every adapter reports the same violation.
func RetiredAtError() error {
	return &ValidationError{Violations: []Violation{{Field: "at", Code: CodeReferenceRetiredAt,
		Message: "Укажите дату вывода записи из употребления"}}}
}

// BookError is the error List returns for an unknown book; adapters use it
// so that every adapter reports the same violation.
func BookError(b Book) error {
	return &ValidationError{Violations: []Violation{{Field: "book", Code: CodeReferenceBook,
		Message: "Неизвестный справочник «" + string(b) + "»"}}}
}

// PutReference validates the entry — its own rules and that the unit of a
// resource and the resources of a service are active entries of repo —
// and stores it with repo.Put. It returns a *ValidationError (ErrInvalid)
// with every violation, or the error of the repository. The check and the
// write are two steps: an entry retired between them is still referred
// to, which is harmless because retired entries stay readable.
func PutReference(ctx context.Context, repo ReferenceRepository, e ReferenceEntry) error {
	vs := e.violations("")
	var lookupErr error
	active := func(b Book, code string) bool {
		got, err := repo.Get(ctx, b, code)
		if err != nil {
			if !isNotFound(err) && lookupErr == nil {
				lookupErr = err
			}
			return false
		}
		return got.Retired.IsZero()
	}
	vs = append(vs, referenceViolations(e, "", active)...)
	if lookupErr != nil {
		return lookupErr
	}
	if err := validation(vs); err != nil {
		return err
	}
	return repo.Put(ctx, e)
}

// SeedReferences checks entries with ValidateBooks and, when they pass,
// stores each with repo.Put, units first, then resources, purposes and
// services. Seeding an adapter with Defaults():
//
//	err := application.SeedReferences(ctx, repo, application.Defaults())
func SeedReferences(ctx context.Context, repo ReferenceRepository, entries []ReferenceEntry) error {
	if err := ValidateBooks(entries); err != nil {
		return err
	}
	for _, b := range []Book{BookUnits, BookResources, BookPurposes, BookServices} {
		for _, e := range entries {
			if e.Book != b {
				continue
			}
			if err := repo.Put(ctx, e); err != nil {
				return err
			}
		}
	}
	return nil
}

// Defaults returns the built-in contents of the reference books: units of
// measure with their OKEI codes, the communal resources, the purposes of
// use of resources and the housing and communal services. Each call
// returns fresh values that the caller may change. NSI codes are left
// empty: fill them from the GIS ZhKKh NSI books of the region.
func Defaults() []ReferenceEntry {
	unit := func(code, name, symbol, okei string) ReferenceEntry {
		return ReferenceEntry{Book: BookUnits, Code: code, Name: name, Symbol: symbol, OKEI: okei}
	}
	resource := func(code, name, unit string) ReferenceEntry {
		return ReferenceEntry{Book: BookResources, Code: code, Name: name, Unit: unit}
	}
	purpose := func(code, name string) ReferenceEntry {
		return ReferenceEntry{Book: BookPurposes, Code: code, Name: name}
	}
	service := func(code, name string, resources ...string) ReferenceEntry {
		return ReferenceEntry{Book: BookServices, Code: code, Name: name, Resources: resources}
	}
	return []ReferenceEntry{
		unit("cubic_metre", "Кубический метр", "м³", "113"),
		unit("kilowatt_hour", "Киловатт-час", "кВт·ч", "245"),
		unit("gigacalorie", "Гигакалория", "Гкал", "233"),
		unit("kilogram", "Килограмм", "кг", "166"),
		unit("tonne", "Тонна", "т", "168"),
		unit("litre", "Литр", "л", "112"),
		unit("square_metre", "Квадратный метр", "м²", "055"),
		unit("person", "Человек", "чел", "792"),
		unit("piece", "Штука", "шт", "796"),

		resource("cold_water", "Холодная вода", "cubic_metre"),
		resource("hot_water", "Горячая вода", "cubic_metre"),
		resource("electricity", "Электрическая энергия", "kilowatt_hour"),
		resource("gas", "Газ", "cubic_metre"),
		resource("heat", "Тепловая энергия", "gigacalorie"),
		resource("bottled_gas", "Газ в баллонах", "kilogram"),
		resource("solid_fuel", "Твердое топливо", "tonne"),
		resource("waste_water", "Сточные воды", "cubic_metre"),

		purpose("utility_service", "Предоставление коммунальной услуги"),
		purpose("common_property", "Содержание общего имущества в многоквартирном доме"),
		purpose("cooking", "Приготовление пищи"),
		purpose("water_heating", "Подогрев воды"),
		purpose("space_heating", "Отопление помещений"),

		service("cold_water_supply", "Холодное водоснабжение", "cold_water"),
		service("hot_water_supply", "Горячее водоснабжение", "hot_water"),
		service("sewerage", "Водоотведение", "waste_water"),
		service("electricity_supply", "Электроснабжение", "electricity"),
		service("heating", "Отопление", "heat", "solid_fuel"),
		service("gas_supply", "Газоснабжение", "gas", "bottled_gas"),
		service("solid_waste_management", "Обращение с твердыми коммунальными отходами"),
	}
}
