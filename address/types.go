package address

import (
	"cmp"
	"slices"
)

// Position says where a type name stands relative to the name it types.
type Position uint8

// The positions of a type name.
const (
	// Before puts the type first: «ул. Ленина», «обл. Свердловская».
	Before Position = iota
	// After puts the type last: «Свердловская обл.».
	After
)

// Type is an entry of the classifier of address object types: a short
// and a full name for a level («ул.»/«улица» for streets, «д.»/«дом» for
// houses, «корп.»/«корпус» for the corpus element of a house). Types are
// keyed by level and short name; the key ignores letter case, ё/е and
// trailing dots, so «ул» and «ул.» find the same type.
type Type struct {
	Level    Level    `json:"level"`
	Short    string   `json:"short"`
	Full     string   `json:"full"`
	Position Position `json:"position"`
}

// TypeKey identifies a type in the classifier.
type TypeKey struct {
	Level Level
	Short string // folded, without trailing dots
}

// Key returns the classifier key of t.
func (t Type) Key() TypeKey { return TypeKey{Level: t.Level, Short: typeKey(t.Short)} }

// KeyOf returns the classifier key for a short name at a level, in any of
// its spellings («ул», «ул.», «Ул.»).
func KeyOf(level Level, short string) TypeKey {
	return TypeKey{Level: level, Short: typeKey(short)}
}

func (t Type) validate(field string) []Violation {
	var vs []Violation
	if !t.Level.Valid() {
		vs = append(vs, Violation{Field: field + ".level", Code: CodeTypeLevel, Message: "Не указан или неверен уровень адресной структуры типа"})
	}
	if typeKey(t.Short) == "" {
		vs = append(vs, Violation{Field: field + ".short", Code: CodeTypeShort, Message: "Не указано краткое наименование типа"})
	}
	if t.Position > After {
		vs = append(vs, Violation{Field: field + ".position", Code: CodeTypeShort, Message: "Неверное положение типа относительно наименования"})
	}
	return vs
}

// Classifier is an in-memory classifier of address object types, for
// lookups by level and short name in any spelling.
type Classifier struct {
	types map[TypeKey]Type
}

// NewClassifier returns a classifier of the types. A later type with the
// key of an earlier one replaces it.
func NewClassifier(types []Type) *Classifier {
	c := &Classifier{types: make(map[TypeKey]Type, len(types))}
	for _, t := range types {
		c.types[t.Key()] = t
	}
	return c
}

// Lookup returns the type with the short name at the level.
func (c *Classifier) Lookup(level Level, short string) (Type, bool) {
	t, ok := c.types[KeyOf(level, short)]
	return t, ok
}

// Types returns every type, ordered by level and short name.
func (c *Classifier) Types() []Type {
	out := make([]Type, 0, len(c.types))
	for _, t := range c.types {
		out = append(out, t)
	}
	sortTypes(out)
	return out
}

func sortTypes(ts []Type) {
	slices.SortFunc(ts, func(a, b Type) int {
		if c := cmp.Compare(a.Level, b.Level); c != 0 {
			return c
		}
		return cmp.Compare(typeKey(a.Short), typeKey(b.Short))
	})
}

// DefaultTypes returns a basic classifier for data that does not come from
// GAR: the common types of every level in their current dotted short forms,
// with lower-case full names, all placed before the name.
func DefaultTypes() []Type {
	t := func(l Level, short, full string) Type { return Type{Level: l, Short: short, Full: full} }
	return []Type{
		t(LevelRegion, "обл.", "область"),
		t(LevelRegion, "респ.", "республика"),
		t(LevelRegion, "край", "край"),
		t(LevelRegion, "г.ф.з.", "город федерального значения"),
		t(LevelRegion, "а.окр.", "автономный округ"),
		t(LevelRegion, "а.обл.", "автономная область"),
		t(LevelMunicipality, "р-н", "район"),
		t(LevelMunicipality, "м.р-н", "муниципальный район"),
		t(LevelMunicipality, "г.о.", "городской округ"),
		t(LevelMunicipality, "м.о.", "муниципальный округ"),
		t(LevelSettlement, "г.п.", "городское поселение"),
		t(LevelSettlement, "с.п.", "сельское поселение"),
		t(LevelSettlement, "вн.тер.г.", "внутригородская территория"),
		t(LevelLocality, "г.", "город"),
		t(LevelLocality, "пгт", "поселок городского типа"),
		t(LevelLocality, "рп.", "рабочий поселок"),
		t(LevelLocality, "п.", "поселок"),
		t(LevelLocality, "с.", "село"),
		t(LevelLocality, "д.", "деревня"),
		t(LevelLocality, "ст-ца", "станица"),
		t(LevelLocality, "х.", "хутор"),
		t(LevelLocality, "мкр.", "микрорайон"),
		t(LevelLocality, "тер.", "территория"),
		t(LevelLocality, "снт", "садовое некоммерческое товарищество"),
		t(LevelStreet, "ул.", "улица"),
		t(LevelStreet, "пр-кт", "проспект"),
		t(LevelStreet, "пер.", "переулок"),
		t(LevelStreet, "б-р", "бульвар"),
		t(LevelStreet, "ш.", "шоссе"),
		t(LevelStreet, "пл.", "площадь"),
		t(LevelStreet, "наб.", "набережная"),
		t(LevelStreet, "проезд", "проезд"),
		t(LevelStreet, "туп.", "тупик"),
		t(LevelStreet, "мкр.", "микрорайон"),
		t(LevelStreet, "линия", "линия"),
		t(LevelHouse, "д.", "дом"),
		t(LevelHouse, "влд.", "владение"),
		t(LevelHouse, "двлд.", "домовладение"),
		t(LevelHouse, "зд.", "здание"),
		t(LevelHouse, "г-ж", "гараж"),
		t(LevelHouse, "з/у", "земельный участок"),
		t(LevelHouse, "корп.", "корпус"),
		t(LevelHouse, "к.", "корпус"),
		t(LevelHouse, "стр.", "строение"),
		t(LevelHouse, "соор.", "сооружение"),
		t(LevelHouse, "лит.", "литера"),
		t(LevelHouse, "литера", "литера"),
		t(LevelPremise, "кв.", "квартира"),
		t(LevelPremise, "помещ.", "помещение"),
		t(LevelPremise, "пом.", "помещение"),
		t(LevelPremise, "офис", "офис"),
		t(LevelPremise, "ком.", "комната"),
		t(LevelPremise, "м/м", "машино-место"),
		t(LevelRoom, "ком.", "комната"),
		t(LevelRoom, "помещ.", "помещение"),
	}
}
