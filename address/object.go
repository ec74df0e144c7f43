package address

import (
	"slices"
	"strconv"

	"github.com/google/uuid"
)

// ElementKind names the role of an identifying element of an address. The
// built-in kinds cover the seed's list; an integrator may use kinds of its
// own (any non-empty string), labelled by a Type of the object's level.
type ElementKind string

// The built-in identifying elements of an address.
const (
	ElementStreetType    ElementKind = "street_type"    // тип улицы
	ElementStreetName    ElementKind = "street_name"    // наименование улицы
	ElementHouseNumber   ElementKind = "house_number"   // номер дома
	ElementCorpus        ElementKind = "corpus"         // номер корпуса
	ElementBuilding      ElementKind = "building"       // номер строения
	ElementStructure     ElementKind = "structure"      // номер сооружения
	ElementLiter         ElementKind = "liter"          // литер
	ElementPremiseType   ElementKind = "premise_type"   // тип помещения
	ElementPremiseNumber ElementKind = "premise_number" // номер помещения
	ElementRoomNumber    ElementKind = "room_number"    // номер комнаты
)

var elementNames = map[ElementKind]string{
	ElementStreetType:    "тип улицы",
	ElementStreetName:    "наименование улицы",
	ElementHouseNumber:   "номер дома",
	ElementCorpus:        "номер корпуса",
	ElementBuilding:      "номер строения",
	ElementStructure:     "номер сооружения",
	ElementLiter:         "литер",
	ElementPremiseType:   "тип помещения",
	ElementPremiseNumber: "номер помещения",
	ElementRoomNumber:    "номер комнаты",
}

// String returns the Russian name of a built-in kind, or the kind itself.
func (k ElementKind) String() string {
	if s, ok := elementNames[k]; ok {
		return s
	}
	return string(k)
}

// ElementKinds returns the built-in kinds in the order they appear in an
// address.
func ElementKinds() []ElementKind {
	return []ElementKind{
		ElementStreetType, ElementStreetName, ElementHouseNumber, ElementCorpus,
		ElementBuilding, ElementStructure, ElementLiter, ElementPremiseType,
		ElementPremiseNumber, ElementRoomNumber,
	}
}

// Element is an additional identifying element of an object, rendered
// after its name: the corpus, строение, сооружение or литер of a house, or
// an integrator's own kind. Type is the short name of the element's type at
// the object's level («корп.», «стр.»).
type Element struct {
	Kind  ElementKind `json:"kind"`
	Type  string      `json:"type"`
	Value string      `json:"value"`
}

// Object is an address object: a region, municipality, settlement,
// locality, street, house, premise or room. Its own designation is Type and
// Name («ул.» «Ленина»; «д.» «5»; «кв.» «12»); a house may add Elements
// (корпус, строение, литер) and may have no Name when it has only a
// строение. Where the object sits is not stored on it: relations to
// parents, one per hierarchy and period, place it in the graph.
type Object struct {
	// ID identifies the object. For objects from FIAS GAR it is the
	// OBJECTGUID; otherwise it is assigned when the object is added.
	ID uuid.UUID `json:"id"`
	// FIASGUID is the FIAS GAR OBJECTGUID, or zero for objects not in FIAS.
	FIASGUID uuid.UUID `json:"fiasGuid"`
	// GARObjectID is the GAR OBJECTID, or zero.
	GARObjectID int64 `json:"garObjectId,omitempty"`
	// Level is the level of the address structure.
	Level Level `json:"level"`
	// GARLevel is the GAR level the object came from; zero means the
	// default GAR level of Level.
	GARLevel GARLevel `json:"garLevel"`
	// Type is the short name of the object's type, as given («ул», «ул.»).
	Type string `json:"type"`
	// Name is the name or main number.
	Name string `json:"name"`
	// Elements are the additional identifying elements, in address order.
	Elements []Element `json:"elements,omitempty"`
	// PostalCode, OKATO, OKTMO and CadastralNumber are the object's codes.
	PostalCode      string `json:"postalCode,omitempty"`
	OKATO           string `json:"okato,omitempty"`
	OKTMO           string `json:"oktmo,omitempty"`
	CadastralNumber string `json:"cadastralNumber,omitempty"`
	// Start and End bound the period the object exists in; a zero End is
	// open. An object with an End is retired: it stays for history.
	Start Date `json:"start"`
	End   Date `json:"end"`
}

// Active reports whether the object is not retired.
func (o *Object) Active() bool { return o.End.IsZero() }

// ActiveAt reports whether the object exists on the date; the zero date
// asks whether it is not retired.
func (o *Object) ActiveAt(d Date) bool { return inPeriod(o.Start, o.End, d) }

// Element returns the value of the first element of the kind, or "".
func (o *Object) Element(kind ElementKind) string {
	for _, e := range o.Elements {
		if e.Kind == kind {
			return e.Value
		}
	}
	return ""
}

// Clone returns a copy of o that shares no memory with it.
func (o Object) Clone() Object {
	o.Elements = slices.Clone(o.Elements)
	return o
}

// normalize fills the defaults: the GAR level of the level.
func (o *Object) normalize() {
	if o.GARLevel == 0 {
		o.GARLevel = o.Level.GAR()
	}
}

// validate reports every violation of the object's own rules.
func (o *Object) validate(field string) []Violation {
	var vs []Violation
	add := func(f, code, msg string) {
		vs = append(vs, Violation{Field: field + f, Code: code, Message: msg})
	}
	if o.ID == uuid.Nil {
		add(".id", CodeObjectID, "Не указан идентификатор адресного объекта")
	}
	if !o.Level.Valid() {
		add(".level", CodeObjectLevel, "Не указан или неверен уровень адресной структуры")
	}
	switch {
	case o.GARLevel != 0 && !o.GARLevel.Valid():
		add(".garLevel", CodeObjectGARLevel, "Уровень ГАР должен быть от 1 до 17")
	case o.GARLevel != 0 && o.Level.Valid() && o.GARLevel.Level() != o.Level:
		add(".garLevel", CodeObjectGARLevel, "Уровень ГАР не соответствует уровню адресной структуры")
	}
	if o.Name == "" && len(o.Elements) == 0 {
		add(".name", CodeObjectName, "Не указано наименование или номер адресного объекта")
	}
	for i, e := range o.Elements {
		if e.Kind == "" || e.Value == "" {
			add(".elements["+strconv.Itoa(i)+"]", CodeObjectName, "Элемент адреса должен иметь вид и значение")
		}
	}
	vs = append(vs, validatePeriod(field, o.Start, o.End, CodeObjectPeriod)...)
	return vs
}

func validatePeriod(field string, start, end Date, code string) []Violation {
	var vs []Violation
	if !start.IsZero() && !start.Valid() {
		vs = append(vs, Violation{Field: field + ".start", Code: code, Message: "Неверная дата начала действия"})
	}
	if !end.IsZero() && !end.Valid() {
		vs = append(vs, Violation{Field: field + ".end", Code: code, Message: "Неверная дата окончания действия"})
	}
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		vs = append(vs, Violation{Field: field + ".end", Code: code, Message: "Дата окончания действия раньше даты начала"})
	}
	return vs
}

// inPeriod reports whether d falls in [start, end). The zero d asks for the
// open-ended state: end must be zero.
func inPeriod(start, end, d Date) bool {
	if d.IsZero() {
		return end.IsZero()
	}
	if !start.IsZero() && d.Before(start) {
		return false
	}
	return end.IsZero() || d.Before(end)
}
