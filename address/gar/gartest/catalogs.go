package gartest

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/gar"
)

// The catalogs below have the shapes and the numbering of the real ones
// (the identifiers data files refer to are those of the register); their
// dates are plausible, not copied.

func day(y int, m time.Month, d int) address.Date { return address.Date{Year: y, Month: m, Day: d} }

var (
	dateUnknown = day(1900, time.January, 1) // what GAR writes for "since always"
	dateReform  = day(2015, time.November, 5)
	dateParams  = day(2011, time.November, 1)
	// dateUndotted ends the old undotted short names («ул»).
	dateUndotted = day(2022, time.September, 30)
	// defaultDate is the date of the files when Options.Date is zero.
	defaultDate = day(2026, time.January, 26)
)

// entry is an entry of a type catalog.
type entry struct {
	id                int
	name, short, desc string
	active            bool
	start, end        address.Date
}

func active(id int, name, short string) entry {
	return entry{id: id, name: name, short: short, desc: name, active: true, start: dateUnknown, end: gar.OpenEnd}
}

func retired(id int, name, short string, end address.Date) entry {
	return entry{id: id, name: name, short: short, desc: name, start: dateUnknown, end: end}
}

var objectLevels = []struct {
	level int
	name  string
}{
	{1, "Субъект РФ"},
	{2, "Административный район"},
	{3, "Муниципальный район"},
	{4, "Сельское/городское поселение"},
	{5, "Город"},
	{6, "Населенный пункт"},
	{7, "Элемент планировочной структуры"},
	{8, "Элемент улично-дорожной сети"},
	{9, "Земельный участок"},
	{10, "Здание (строение), сооружение"},
	{11, "Помещение"},
	{12, "Помещения в пределах помещения"},
	{13, "Уровень автономного округа (устаревшее)"},
	{14, "Уровень внутригородской территории (устаревшее)"},
	{15, "Уровень дополнительных территорий (устаревшее)"},
	{16, "Уровень объектов на дополнительных территориях (устаревшее)"},
	{17, "Машино-место"},
}

// houseTypes is AS_HOUSE_TYPES: the types of the main number of a house.
var houseTypes = []entry{
	retired(1, "Владение", "влд.", dateReform),
	active(2, "Дом", "д."),
	retired(3, "Домовладение", "двлд.", dateReform),
	active(4, "Гараж", "г-ж"),
	active(5, "Здание", "зд."),
	active(6, "Шахта", "шахта"),
	active(7, "Строение", "стр."),
	active(8, "Сооружение", "соор."),
	retired(9, "Литера", "литера", day(2015, time.December, 25)),
	active(10, "Корпус", "к."),
	retired(11, "Подвал", "подв.", dateReform),
	retired(12, "Котельная", "кот.", dateReform),
	retired(13, "Погреб", "п-б", dateReform),
	retired(14, "Объект незавершенного строительства", "ОНС", dateReform),
}

// addHouseTypes is AS_ADDHOUSE_TYPES: the types of the additional
// numbers of a house, numbered on their own.
var addHouseTypes = []entry{
	{id: 1, name: "Корпус", short: "к.", desc: "Корпус", active: true, start: day(2015, time.December, 25), end: gar.OpenEnd},
	{id: 2, name: "Строение", short: "стр.", desc: "Строение", active: true, start: day(2015, time.December, 25), end: gar.OpenEnd},
	{id: 3, name: "Сооружение", short: "соор.", desc: "Сооружение", active: true, start: day(2015, time.December, 25), end: gar.OpenEnd},
	retired(4, "Литера", "литера", day(2015, time.December, 25)),
}

// apartmentTypes is AS_APARTMENT_TYPES.
var apartmentTypes = []entry{
	active(1, "Помещение", "помещ."),
	active(2, "Квартира", "кв."),
	active(3, "Офис", "офис"),
	active(4, "Комната", "ком."),
	active(5, "Рабочий участок", "раб.уч."),
	active(6, "Склад", "скл."),
	active(7, "Торговый зал", "торг. зал"),
	active(8, "Цех", "цех"),
	active(9, "Павильон", "пав."),
	retired(10, "Подвал", "подв.", dateReform),
	retired(11, "Котельная", "кот.", dateReform),
	retired(12, "Погреб", "п-б", dateReform),
	active(13, "Гараж", "г-ж"),
}

// roomTypes is AS_ROOM_TYPES; type 0 has no short name, as in the real
// catalog, and is active although its period has ended.
var roomTypes = []entry{
	{id: 0, name: "Не определено", desc: "Не определено", active: true, start: dateUnknown, end: dateReform},
	active(1, "Комната", "ком."),
	active(2, "Помещение", "помещ."),
}

// operationTypes is a part of AS_OPERATION_TYPES: the operations the
// written records name and a few more.
var operationTypes = []entry{
	{id: 0, name: "Не определено"},
	{id: 1, name: "Инициация"},
	{id: 10, name: "Добавление"},
	{id: 20, name: "Редактирование"},
	{id: 30, name: "Удаление"},
	{id: 40, name: "Объединение"},
	{id: 50, name: "Переподчинение"},
	{id: 60, name: "Прекращение существования вследствие разделения"},
	{id: 61, name: "Создание нового адресного объекта в результате разделения"},
	{id: 70, name: "Восстановление прекратившего существование объекта"},
}

// paramTypes is a part of AS_PARAM_TYPES (entry, code).
var paramTypes = []struct {
	id               int
	name, desc, code string
}{
	{1, "ИФНС ФЛ", "ИФНС ФЛ", "IFNSFL"},
	{2, "ИФНС ЮЛ", "ИФНС ЮЛ", "IFNSUL"},
	{3, "ИФНС ФЛ ТЕР УЧ", "Территориальный участок ИФНС ФЛ", "territorialifnsflcode"},
	{4, "ИФНС ЮЛ ТЕР УЧ", "Территориальный участок ИФНС ЮЛ", "territorialifnsulcode"},
	{paramPostalCode, "Почтовый индекс", "Информация о почтовом индексе", "PostIndex"},
	{paramOKATO, "ОКАТО", "ОКАТО", "OKATO"},
	{paramOKTMO, "OKTMO", "OKTMO", "OKTMO"},
	{paramCadastral, "Кадастровый номер", "Кадастровый номер", "CadastrNum"},
	{10, "Код КЛАДР", "Код адресного объекта одной строкой с признаком актуальности", "CODE"},
	{11, "Код КЛАДР без признака актуальности", "Код адресного объекта одной строкой без признака актуальности", "PLAINCODE"},
	{12, "Код региона", "Код региона", "REGIONCODE"},
	{13, "Реестровый номер", "Реестровый номер адресного объекта", "ReestrNum"},
	{15, "Порядковый номер", "Порядковый номер объекта в рамках родителя", "Counter"},
}

// The parameter types the writer uses.
const (
	paramPostalCode = 5
	paramOKATO      = 6
	paramOKTMO      = 7
	paramCadastral  = 8
)

// fold gives the key a short type name is looked up by: case, ё/е and
// trailing dots ignored, as address.KeyOf does.
func fold(short string) string { return address.KeyOf(address.LevelHouse, short).Short }

func index(entries []entry, aliases map[string]int) map[string]int {
	m := make(map[string]int, len(entries)+len(aliases))
	for _, e := range entries {
		if e.short != "" {
			m[fold(e.short)] = e.id
		}
	}
	for short, id := range aliases {
		m[fold(short)] = id
	}
	return m
}

var (
	houseTypeIDs    = index(houseTypes, map[string]int{"корп.": 10, "лит.": 9, "литер": 9})
	addHouseTypeIDs = index(addHouseTypes, map[string]int{"корп.": 1, "лит.": 4, "литер": 4})
	apartTypeIDs    = index(apartmentTypes, map[string]int{"пом.": 1})
	roomTypeIDs     = index(roomTypes, map[string]int{"пом.": 2})
)

// houseTypeOfElement is the HOUSETYPE of a house without a type of its
// own, by the kind of its first element.
var houseTypeOfElement = map[address.ElementKind]int{
	address.ElementCorpus:    10,
	address.ElementBuilding:  7,
	address.ElementStructure: 8,
	address.ElementLiter:     9,
}

// addTypeOfElement is the ADDTYPE of an element by its kind.
var addTypeOfElement = map[address.ElementKind]int{
	address.ElementCorpus:    1,
	address.ElementBuilding:  2,
	address.ElementStructure: 3,
	address.ElementLiter:     4,
}

// undotted are the dotted short names whose old undotted spelling the
// catalog of address object types keeps as an inactive entry.
var undotted = map[string]bool{
	"обл.": true, "г.": true, "д.": true, "с.": true, "п.": true, "рп.": true, "пгт.": true,
	"мкр.": true, "ул.": true, "пер.": true, "ш.": true, "пл.": true, "наб.": true, "туп.": true, "тер.": true,
}

// addrType is an entry of AS_ADDR_OBJ_TYPES.
type addrType struct {
	level int
	entry
}

type addrTypeKey struct {
	level int
	short string
}

// addrTypeCatalog collects the address object types the datasets use.
type addrTypeCatalog struct {
	used map[addrTypeKey]string // full name by level and short name
}

func (c *addrTypeCatalog) add(level int, short, full string) {
	k := addrTypeKey{level, short}
	if _, ok := c.used[k]; ok {
		return
	}
	if full == "" {
		full = short
	}
	c.used[k] = capitalize(full)
}

// entries returns the catalog: one active entry per level and short name
// used, and an inactive undotted twin for the common dotted names, ordered
// by level and name and numbered from 1.
func (c *addrTypeCatalog) entries() []addrType {
	var out []addrType
	for k, name := range c.used {
		out = append(out, addrType{k.level, entry{
			name: name, short: k.short, desc: name, active: true, start: dateUnknown, end: gar.OpenEnd,
		}})
		old := strings.TrimSuffix(k.short, ".")
		if _, used := c.used[addrTypeKey{k.level, old}]; undotted[k.short] && !used {
			out = append(out, addrType{k.level, entry{
				name: name, short: old, desc: name, start: dateUnknown, end: dateUndotted,
			}})
		}
	}
	slices.SortFunc(out, func(a, b addrType) int {
		return cmp.Or(cmp.Compare(a.level, b.level), cmp.Compare(a.name, b.name), cmp.Compare(a.short, b.short))
	})
	for i := range out {
		out[i].id = i + 1
	}
	return out
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// writeCatalogs writes the catalogs at the root of the layout.
func (w *writer) writeCatalogs(types []addrType) error {
	update := dateReform
	if err := w.records("", gar.KindObjectLevels, func(f *xmlFile) {
		for _, l := range objectLevels {
			end := gar.OpenEnd
			if l.level >= 13 && l.level <= 16 {
				end = day(2015, time.November, 1) // ended, yet ISACTIVE=true, as in the real catalog
			}
			f.begin()
			f.int("LEVEL", int64(l.level))
			f.str("NAME", l.name)
			f.date("STARTDATE", dateUnknown)
			f.date("ENDDATE", end)
			f.date("UPDATEDATE", dateUnknown)
			f.boolean("ISACTIVE", true)
			f.end()
		}
	}); err != nil {
		return err
	}
	if err := w.records("", gar.KindAddrObjTypes, func(f *xmlFile) {
		for _, t := range types {
			f.begin()
			f.int("ID", int64(t.id))
			f.int("LEVEL", int64(t.level))
			f.str("NAME", t.name)
			f.str("SHORTNAME", t.short)
			f.str("DESC", t.desc)
			f.date("UPDATEDATE", update)
			f.date("STARTDATE", t.start)
			f.date("ENDDATE", t.end)
			f.boolean("ISACTIVE", t.active)
			f.end()
		}
	}); err != nil {
		return err
	}
	houses := func(entries []entry) func(f *xmlFile) {
		return func(f *xmlFile) {
			for _, e := range entries {
				f.begin()
				f.int("ID", int64(e.id))
				f.str("NAME", e.name)
				f.optStr("SHORTNAME", e.short)
				f.str("DESC", e.desc)
				f.boolean("ISACTIVE", e.active)
				f.date("UPDATEDATE", e.start)
				f.date("STARTDATE", e.start)
				f.date("ENDDATE", e.end)
				f.end()
			}
		}
	}
	if err := w.records("", gar.KindHouseTypes, houses(houseTypes)); err != nil {
		return err
	}
	if err := w.records("", gar.KindAddHouseTypes, houses(addHouseTypes)); err != nil {
		return err
	}
	premises := func(entries []entry) func(f *xmlFile) {
		return func(f *xmlFile) {
			for _, e := range entries {
				f.begin()
				f.int("ID", int64(e.id))
				f.str("NAME", e.name)
				f.optStr("SHORTNAME", e.short)
				f.str("DESC", e.desc)
				f.boolean("ISACTIVE", e.active)
				f.date("STARTDATE", e.start)
				f.date("ENDDATE", e.end)
				f.date("UPDATEDATE", dateUnknown)
				f.end()
			}
		}
	}
	if err := w.records("", gar.KindApartmentTypes, premises(apartmentTypes)); err != nil {
		return err
	}
	if err := w.records("", gar.KindRoomTypes, premises(roomTypes)); err != nil {
		return err
	}
	if err := w.records("", gar.KindParamTypes, func(f *xmlFile) {
		for _, p := range paramTypes {
			f.begin()
			f.int("ID", int64(p.id))
			f.str("NAME", p.name)
			f.str("DESC", p.desc)
			f.str("CODE", p.code)
			f.boolean("ISACTIVE", true)
			f.date("UPDATEDATE", dateParams)
			f.date("STARTDATE", dateParams)
			f.date("ENDDATE", gar.OpenEnd)
			f.end()
		}
	}); err != nil {
		return err
	}
	return w.records("", gar.KindOperationTypes, func(f *xmlFile) {
		for _, e := range operationTypes {
			f.begin()
			f.int("ID", int64(e.id))
			f.str("NAME", e.name)
			f.boolean("ISACTIVE", true)
			f.date("UPDATEDATE", dateUnknown)
			f.date("STARTDATE", dateUnknown)
			f.date("ENDDATE", gar.OpenEnd)
			f.end()
		}
	})
}
