package gar

import (
	"io"
	"math"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/address"
)

// Decodable is a typed GAR record that can be filled from a scanned
// Record. DecodeRecord overwrites every field of the receiver; attributes
// that are missing or empty leave their fields at the zero value, unknown
// attributes are ignored, and an attribute whose text is not of its type
// (an integer, a date, a GUID, a boolean) gives a *ParseError.
type Decodable interface {
	DecodeRecord(rec Record) error
}

// OpenEnd is the end date GAR writes for periods that have not ended,
// 2079-06-06 (the largest date of the SQL Server smalldatetime type).
// Decoders keep it as read; test for it with IsOpenEnd.
var OpenEnd = address.Date{Year: 2079, Month: 6, Day: 6}

// IsOpenEnd reports whether d, an end date read from GAR, means "not
// ended": it is OpenEnd (2079-06-06) or the zero Date (attribute missing or
// empty).
func IsOpenEnd(d address.Date) bool { return d == OpenEnd || d.IsZero() }

// Decode reads the GAR file r with a Scanner set up by opts and calls fn
// with each record decoded into a T. The *T passed to fn is reused for the
// next record: copy the value to keep it. Decode stops at the first error,
// of the file or of fn, and returns it (errors of fn as they are).
func Decode[T any, P interface {
	*T
	Decodable
}](r io.Reader, fn func(*T) error, opts ...Option) error {
	sc := NewScanner(r, opts...)
	var v T
	p := P(&v)
	for sc.Next() {
		if err := p.DecodeRecord(sc.Record()); err != nil {
			return err
		}
		if err := fn(&v); err != nil {
			return err
		}
	}
	return sc.Err()
}

// DecodeFile opens f and decodes it like Decode, with WithFile(f.Name())
// and WithKind(f.Kind) before opts.
func DecodeFile[T any, P interface {
	*T
	Decodable
}](f File, fn func(*T) error, opts ...Option) (err error) {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer func() {
		if cerr := rc.Close(); err == nil {
			err = cerr
		}
	}()
	all := append([]Option{WithFile(f.Name()), WithKind(f.Kind)}, opts...)
	return Decode[T, P](rc, fn, all...)
}

// AddrObj is an address object (AS_ADDR_OBJ, element OBJECT): a region, a
// district, a settlement, a street and the like.
type AddrObj struct {
	// ID is the identifier of this version of the object.
	ID int64
	// ObjectID is the identifier of the object, shared by all its versions; hierarchies and parameters refer to it.
	ObjectID int64
	// ObjectGUID is the global identifier of the object.
	ObjectGUID uuid.UUID
	// ChangeID is the change that made this record (AS_CHANGE_HISTORY).
	ChangeID int64
	// Name is the name without the type, such as "Ленина".
	Name string
	// TypeName is the short name of the type, such as "ул.": the
	// SHORTNAME of an AddrObjType of the same level, not its ID.
	TypeName string
	// Level is the level of the object (AS_OBJECT_LEVELS): 1 region … 8 street.
	Level int
	// OperTypeID is the operation that made this record (AS_OPERATION_TYPES): 10 added, 20 changed, 30 deleted and so on.
	OperTypeID int
	// PrevID is the ID of the previous version, 0 when there is none.
	PrevID int64
	// NextID is the ID of the next version, 0 when there is none.
	NextID int64
	// UpdateDate is the date the record was last changed.
	UpdateDate address.Date
	// StartDate is the first day the record is in force.
	StartDate address.Date
	// EndDate is the day the record stops being in force, OpenEnd when it has not ended (see IsOpenEnd).
	EndDate address.Date
	// IsActual reports whether this is the current version of the object.
	IsActual bool
	// IsActive reports whether the object exists: false for a deleted or ended object, even in its current version.
	IsActive bool
}

// DecodeRecord fills o from an OBJECT record of AS_ADDR_OBJ.
func (o *AddrObj) DecodeRecord(rec Record) error {
	*o = AddrObj{}
	d := dec{rec: rec}
	d.element("OBJECT")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "ID":
			d.int64(a, &o.ID)
		case "OBJECTID":
			d.int64(a, &o.ObjectID)
		case "OBJECTGUID":
			d.guid(a, &o.ObjectGUID)
		case "CHANGEID":
			d.int64(a, &o.ChangeID)
		case "NAME":
			o.Name = string(a.Value)
		case "TYPENAME":
			o.TypeName = string(a.Value)
		case "LEVEL":
			d.int(a, &o.Level)
		case "OPERTYPEID":
			d.int(a, &o.OperTypeID)
		case "PREVID":
			d.int64(a, &o.PrevID)
		case "NEXTID":
			d.int64(a, &o.NextID)
		case "UPDATEDATE":
			d.date(a, &o.UpdateDate)
		case "STARTDATE":
			d.date(a, &o.StartDate)
		case "ENDDATE":
			d.date(a, &o.EndDate)
		case "ISACTUAL":
			d.bool(a, &o.IsActual)
		case "ISACTIVE":
			d.bool(a, &o.IsActive)
		}
	}
	return d.err
}

// AddrObjDivision links an address object to one of the parts it was
// divided into (AS_ADDR_OBJ_DIVISION, element ITEM).
type AddrObjDivision struct {
	// ID is the identifier of the link.
	ID int64
	// ParentID is the OBJECTID of the divided object.
	ParentID int64
	// ChildID is the OBJECTID of a part.
	ChildID int64
	// ChangeID is the change that made the link.
	ChangeID int64
}

// DecodeRecord fills o from an ITEM record of AS_ADDR_OBJ_DIVISION.
func (o *AddrObjDivision) DecodeRecord(rec Record) error {
	*o = AddrObjDivision{}
	d := dec{rec: rec}
	d.element("ITEM")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "ID":
			d.int64(a, &o.ID)
		case "PARENTID":
			d.int64(a, &o.ParentID)
		case "CHILDID":
			d.int64(a, &o.ChildID)
		case "CHANGEID":
			d.int64(a, &o.ChangeID)
		}
	}
	return d.err
}

// House is a building (AS_HOUSES, element HOUSE). Its number is HouseNum
// of type HouseType (HOUSE_TYPES), with up to two additional numbers
// AddNum1, AddNum2 of types AddType1, AddType2 (ADDHOUSE_TYPES), such as
// "д. 5 к. 2 стр. 1".
type House struct {
	// ID is the identifier of this version of the house.
	ID int64
	// ObjectID is the identifier of the object, shared by all its versions; hierarchies and parameters refer to it.
	ObjectID int64
	// ObjectGUID is the global identifier of the object.
	ObjectGUID uuid.UUID
	// ChangeID is the change that made this record (AS_CHANGE_HISTORY).
	ChangeID int64
	// HouseNum is the main number, such as "3а"; it may be empty.
	HouseNum string
	// AddNum1 is the first additional number, such as the "2" of "корп. 2", or "".
	AddNum1 string
	// AddNum2 is the second additional number, or "".
	AddNum2 string
	// HouseType is the type of the main number (AS_HOUSE_TYPES), 0 when not given.
	HouseType int
	// AddType1 is the type of AddNum1 (AS_ADDHOUSE_TYPES), 0 when not given.
	AddType1 int
	// AddType2 is the type of AddNum2 (AS_ADDHOUSE_TYPES), 0 when not given.
	AddType2 int
	// OperTypeID is the operation that made this record (AS_OPERATION_TYPES): 10 added, 20 changed, 30 deleted and so on.
	OperTypeID int
	// PrevID is the ID of the previous version, 0 when there is none.
	PrevID int64
	// NextID is the ID of the next version, 0 when there is none.
	NextID int64
	// UpdateDate is the date the record was last changed.
	UpdateDate address.Date
	// StartDate is the first day the record is in force.
	StartDate address.Date
	// EndDate is the day the record stops being in force, OpenEnd when it has not ended (see IsOpenEnd).
	EndDate address.Date
	// IsActual reports whether this is the current version of the object.
	IsActual bool
	// IsActive reports whether the object exists: false for a deleted or ended object, even in its current version.
	IsActive bool
}

// DecodeRecord fills h from a HOUSE record of AS_HOUSES.
func (h *House) DecodeRecord(rec Record) error {
	*h = House{}
	d := dec{rec: rec}
	d.element("HOUSE")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "ID":
			d.int64(a, &h.ID)
		case "OBJECTID":
			d.int64(a, &h.ObjectID)
		case "OBJECTGUID":
			d.guid(a, &h.ObjectGUID)
		case "CHANGEID":
			d.int64(a, &h.ChangeID)
		case "HOUSENUM":
			h.HouseNum = string(a.Value)
		case "ADDNUM1":
			h.AddNum1 = string(a.Value)
		case "ADDNUM2":
			h.AddNum2 = string(a.Value)
		case "HOUSETYPE":
			d.int(a, &h.HouseType)
		case "ADDTYPE1":
			d.int(a, &h.AddType1)
		case "ADDTYPE2":
			d.int(a, &h.AddType2)
		case "OPERTYPEID":
			d.int(a, &h.OperTypeID)
		case "PREVID":
			d.int64(a, &h.PrevID)
		case "NEXTID":
			d.int64(a, &h.NextID)
		case "UPDATEDATE":
			d.date(a, &h.UpdateDate)
		case "STARTDATE":
			d.date(a, &h.StartDate)
		case "ENDDATE":
			d.date(a, &h.EndDate)
		case "ISACTUAL":
			d.bool(a, &h.IsActual)
		case "ISACTIVE":
			d.bool(a, &h.IsActive)
		}
	}
	return d.err
}

// Apartment is a premises in a building: a flat, an office and the like
// (AS_APARTMENTS, element APARTMENT); ApartType refers to APARTMENT_TYPES.
type Apartment struct {
	// ID is the identifier of this version of the premises.
	ID int64
	// ObjectID is the identifier of the object, shared by all its versions; hierarchies and parameters refer to it.
	ObjectID int64
	// ObjectGUID is the global identifier of the object.
	ObjectGUID uuid.UUID
	// ChangeID is the change that made this record (AS_CHANGE_HISTORY).
	ChangeID int64
	// Number is the number, such as "12Б".
	Number string
	// ApartType is the type (AS_APARTMENT_TYPES); 0 occurs and means "not given".
	ApartType int
	// OperTypeID is the operation that made this record (AS_OPERATION_TYPES): 10 added, 20 changed, 30 deleted and so on.
	OperTypeID int
	// PrevID is the ID of the previous version, 0 when there is none.
	PrevID int64
	// NextID is the ID of the next version, 0 when there is none.
	NextID int64
	// UpdateDate is the date the record was last changed.
	UpdateDate address.Date
	// StartDate is the first day the record is in force.
	StartDate address.Date
	// EndDate is the day the record stops being in force, OpenEnd when it has not ended (see IsOpenEnd).
	EndDate address.Date
	// IsActual reports whether this is the current version of the object.
	IsActual bool
	// IsActive reports whether the object exists: false for a deleted or ended object, even in its current version.
	IsActive bool
}

// DecodeRecord fills o from an APARTMENT record of AS_APARTMENTS.
func (o *Apartment) DecodeRecord(rec Record) error {
	*o = Apartment{}
	d := dec{rec: rec}
	d.element("APARTMENT")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "APARTTYPE":
			d.int(a, &o.ApartType)
		default:
			d.object(a, &o.ID, &o.ObjectID, &o.ObjectGUID, &o.ChangeID, &o.Number, &o.OperTypeID,
				&o.PrevID, &o.NextID, &o.UpdateDate, &o.StartDate, &o.EndDate, &o.IsActual, &o.IsActive)
		}
	}
	return d.err
}

// Room is a room within a premises (AS_ROOMS, element ROOM); RoomType
// refers to ROOM_TYPES.
type Room struct {
	// ID is the identifier of this version of the room.
	ID int64
	// ObjectID is the identifier of the object, shared by all its versions; hierarchies and parameters refer to it.
	ObjectID int64
	// ObjectGUID is the global identifier of the object.
	ObjectGUID uuid.UUID
	// ChangeID is the change that made this record (AS_CHANGE_HISTORY).
	ChangeID int64
	// Number is the number, such as "13/14".
	Number string
	// RoomType is the type (AS_ROOM_TYPES); 0 is "Не определено".
	RoomType int
	// OperTypeID is the operation that made this record (AS_OPERATION_TYPES): 10 added, 20 changed, 30 deleted and so on.
	OperTypeID int
	// PrevID is the ID of the previous version, 0 when there is none.
	PrevID int64
	// NextID is the ID of the next version, 0 when there is none.
	NextID int64
	// UpdateDate is the date the record was last changed.
	UpdateDate address.Date
	// StartDate is the first day the record is in force.
	StartDate address.Date
	// EndDate is the day the record stops being in force, OpenEnd when it has not ended (see IsOpenEnd).
	EndDate address.Date
	// IsActual reports whether this is the current version of the object.
	IsActual bool
	// IsActive reports whether the object exists: false for a deleted or ended object, even in its current version.
	IsActive bool
}

// DecodeRecord fills o from a ROOM record of AS_ROOMS.
func (o *Room) DecodeRecord(rec Record) error {
	*o = Room{}
	d := dec{rec: rec}
	d.element("ROOM")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "ROOMTYPE":
			d.int(a, &o.RoomType)
		default:
			d.object(a, &o.ID, &o.ObjectID, &o.ObjectGUID, &o.ChangeID, &o.Number, &o.OperTypeID,
				&o.PrevID, &o.NextID, &o.UpdateDate, &o.StartDate, &o.EndDate, &o.IsActual, &o.IsActive)
		}
	}
	return d.err
}

// Stead is a land plot (AS_STEADS, element STEAD).
type Stead struct {
	// ID is the identifier of this version of the stead.
	ID int64
	// ObjectID is the identifier of the object, shared by all its versions; hierarchies and parameters refer to it.
	ObjectID int64
	// ObjectGUID is the global identifier of the object.
	ObjectGUID uuid.UUID
	// ChangeID is the change that made this record (AS_CHANGE_HISTORY).
	ChangeID int64
	// Number is the number, such as "5/1".
	Number string
	// OperTypeID is the operation that made this record (AS_OPERATION_TYPES): 10 added, 20 changed, 30 deleted and so on.
	OperTypeID int
	// PrevID is the ID of the previous version, 0 when there is none.
	PrevID int64
	// NextID is the ID of the next version, 0 when there is none.
	NextID int64
	// UpdateDate is the date the record was last changed.
	UpdateDate address.Date
	// StartDate is the first day the record is in force.
	StartDate address.Date
	// EndDate is the day the record stops being in force, OpenEnd when it has not ended (see IsOpenEnd).
	EndDate address.Date
	// IsActual reports whether this is the current version of the object.
	IsActual bool
	// IsActive reports whether the object exists: false for a deleted or ended object, even in its current version.
	IsActive bool
}

// DecodeRecord fills o from a STEAD record of AS_STEADS.
func (o *Stead) DecodeRecord(rec Record) error {
	*o = Stead{}
	d := dec{rec: rec}
	d.element("STEAD")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		d.object(a, &o.ID, &o.ObjectID, &o.ObjectGUID, &o.ChangeID, &o.Number, &o.OperTypeID,
			&o.PrevID, &o.NextID, &o.UpdateDate, &o.StartDate, &o.EndDate, &o.IsActual, &o.IsActive)
	}
	return d.err
}

// CarPlace is a parking space (AS_CARPLACES, element CARPLACE).
type CarPlace struct {
	// ID is the identifier of this version of the car place.
	ID int64
	// ObjectID is the identifier of the object, shared by all its versions; hierarchies and parameters refer to it.
	ObjectID int64
	// ObjectGUID is the global identifier of the object.
	ObjectGUID uuid.UUID
	// ChangeID is the change that made this record (AS_CHANGE_HISTORY).
	ChangeID int64
	// Number is the number.
	Number string
	// OperTypeID is the operation that made this record (AS_OPERATION_TYPES): 10 added, 20 changed, 30 deleted and so on.
	OperTypeID int
	// PrevID is the ID of the previous version, 0 when there is none.
	PrevID int64
	// NextID is the ID of the next version, 0 when there is none.
	NextID int64
	// UpdateDate is the date the record was last changed.
	UpdateDate address.Date
	// StartDate is the first day the record is in force.
	StartDate address.Date
	// EndDate is the day the record stops being in force, OpenEnd when it has not ended (see IsOpenEnd).
	EndDate address.Date
	// IsActual reports whether this is the current version of the object.
	IsActual bool
	// IsActive reports whether the object exists: false for a deleted or ended object, even in its current version.
	IsActive bool
}

// DecodeRecord fills o from a CARPLACE record of AS_CARPLACES.
func (o *CarPlace) DecodeRecord(rec Record) error {
	*o = CarPlace{}
	d := dec{rec: rec}
	d.element("CARPLACE")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		d.object(a, &o.ID, &o.ObjectID, &o.ObjectGUID, &o.ChangeID, &o.Number, &o.OperTypeID,
			&o.PrevID, &o.NextID, &o.UpdateDate, &o.StartDate, &o.EndDate, &o.IsActual, &o.IsActive)
	}
	return d.err
}

// Hierarchy is one link of the administrative (AS_ADM_HIERARCHY) or the
// municipal (AS_MUN_HIERARCHY) hierarchy, element ITEM: object ObjectID
// lies in ParentObjID. The codes RegionCode … StreetCode come with the
// administrative hierarchy, OKTMO with the municipal one.
type Hierarchy struct {
	// ID is the identifier of this version of the link.
	ID int64
	// ObjectID is the object placed in the hierarchy.
	ObjectID int64
	// ParentObjID is the OBJECTID of its parent, 0 for the top.
	ParentObjID int64
	// ChangeID is the change that made this row.
	ChangeID int64
	// RegionCode is the region code, without a leading zero ("2"); administrative hierarchy only.
	RegionCode string
	// AreaCode is the district code; administrative hierarchy only, and not always.
	AreaCode string
	// CityCode is the city code; administrative hierarchy only, and not always.
	CityCode string
	// PlaceCode is the settlement code; administrative hierarchy only, and not always.
	PlaceCode string
	// PlanCode is the planning structure code; administrative hierarchy only, and not always.
	PlanCode string
	// StreetCode is the street code; administrative hierarchy only, and not always.
	StreetCode string
	// OKTMO is the OKTMO code (8 or 11 digits); municipal hierarchy only.
	OKTMO string
	// PrevID is the ID of the previous version of the link, 0 when there is none.
	PrevID int64
	// NextID is the ID of the next version of the link, 0 when there is none.
	NextID int64
	// UpdateDate is the date the row was last changed.
	UpdateDate address.Date
	// StartDate is the first day the link is in force.
	StartDate address.Date
	// EndDate is the day the link stops being in force, OpenEnd when it has not ended.
	EndDate address.Date
	// IsActive reports whether the link is in force; false for the links of deleted objects.
	IsActive bool
	// Path is the chain of OBJECTIDs from the top of the hierarchy down to
	// ObjectID itself, separated by dots, as read (checked to be of that
	// form); see ParsePath.
	Path string
}

// DecodeRecord fills h from an ITEM record of AS_ADM_HIERARCHY or
// AS_MUN_HIERARCHY.
func (h *Hierarchy) DecodeRecord(rec Record) error {
	*h = Hierarchy{}
	d := dec{rec: rec}
	d.element("ITEM")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "ID":
			d.int64(a, &h.ID)
		case "OBJECTID":
			d.int64(a, &h.ObjectID)
		case "PARENTOBJID":
			d.int64(a, &h.ParentObjID)
		case "CHANGEID":
			d.int64(a, &h.ChangeID)
		case "REGIONCODE":
			h.RegionCode = string(a.Value)
		case "AREACODE":
			h.AreaCode = string(a.Value)
		case "CITYCODE":
			h.CityCode = string(a.Value)
		case "PLACECODE":
			h.PlaceCode = string(a.Value)
		case "PLANCODE":
			h.PlanCode = string(a.Value)
		case "STREETCODE":
			h.StreetCode = string(a.Value)
		case "OKTMO":
			h.OKTMO = string(a.Value)
		case "PREVID":
			d.int64(a, &h.PrevID)
		case "NEXTID":
			d.int64(a, &h.NextID)
		case "UPDATEDATE":
			d.date(a, &h.UpdateDate)
		case "STARTDATE":
			d.date(a, &h.StartDate)
		case "ENDDATE":
			d.date(a, &h.EndDate)
		case "ISACTIVE":
			d.bool(a, &h.IsActive)
		case "PATH":
			if !validPath(a.Value) {
				d.fail(a, CodePath, "ожидалась цепочка идентификаторов через точку")
				break
			}
			h.Path = string(a.Value)
		}
	}
	return d.err
}

// ParsePath splits a hierarchy PATH such as "5705.6143.22556936" into
// object identifiers; the empty path gives none.
func ParsePath(path string) ([]int64, error) {
	return AppendPath(nil, path)
}

// AppendPath appends the object identifiers of a hierarchy PATH to dst,
// so that a caller can reuse one slice for many paths.
func AppendPath(dst []int64, path string) ([]int64, error) {
	if path == "" {
		return dst, nil
	}
	start := 0
	for i := 0; i <= len(path); i++ {
		if i < len(path) && path[i] != '.' {
			continue
		}
		n, ok := parseInt64([]byte(path[start:i]))
		if !ok || i == start || path[start] == '-' || path[start] == '+' {
			return dst, &ParseError{Offset: -1, Attr: "PATH", Code: CodePath,
				Message: "ожидалась цепочка идентификаторов через точку, получено " + quoteValue([]byte(path))}
		}
		dst = append(dst, n)
		start = i + 1
	}
	return dst, nil
}

// validPath reports whether v is empty or digits separated by single
// dots, each run short enough for an int64.
func validPath(v []byte) bool {
	run := 0
	for i, c := range v {
		switch {
		case c >= '0' && c <= '9':
			run++
			if run > 19 || run == 19 && !fitsInt64(v[i-18:i+1]) {
				return false
			}
		case c == '.':
			if run == 0 {
				return false
			}
			run = 0
		default:
			return false
		}
	}
	return len(v) == 0 || run > 0
}

func fitsInt64(digits []byte) bool {
	_, ok := parseInt64(digits)
	return ok
}

// ReestrObject is the registry entry of an object of any level
// (AS_REESTR_OBJECTS, element OBJECT): its GUID and level.
type ReestrObject struct {
	// ObjectID is the identifier of the object.
	ObjectID int64
	// CreateDate is the date the object was created.
	CreateDate address.Date
	// ChangeID is the last change of the object.
	ChangeID int64
	// LevelID is the level of the object (OBJECT_LEVELS).
	LevelID int
	// UpdateDate is the date of the last change.
	UpdateDate address.Date
	// ObjectGUID is the global identifier of the object.
	ObjectGUID uuid.UUID
	// IsActive reports whether the object exists.
	IsActive bool
}

// DecodeRecord fills o from an OBJECT record of AS_REESTR_OBJECTS.
func (o *ReestrObject) DecodeRecord(rec Record) error {
	*o = ReestrObject{}
	d := dec{rec: rec}
	d.element("OBJECT")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "OBJECTID":
			d.int64(a, &o.ObjectID)
		case "CREATEDATE":
			d.date(a, &o.CreateDate)
		case "CHANGEID":
			d.int64(a, &o.ChangeID)
		case "LEVELID":
			d.int(a, &o.LevelID)
		case "UPDATEDATE":
			d.date(a, &o.UpdateDate)
		case "OBJECTGUID":
			d.guid(a, &o.ObjectGUID)
		case "ISACTIVE":
			d.bool(a, &o.IsActive)
		}
	}
	return d.err
}

// Param is a value of a parameter of an object (every AS_*_PARAMS kind,
// element PARAM): a postal code, OKATO, OKTMO, a cadastral number and so
// on; TypeID refers to PARAM_TYPES.
type Param struct {
	// ID is the identifier of this value.
	ID int64
	// ObjectID is the object the value belongs to.
	ObjectID int64
	// ChangeID is the change that set the value.
	ChangeID int64
	// ChangeIDEnd is the change that ended this value, 0 while it holds.
	ChangeIDEnd int64
	// TypeID is the parameter (AS_PARAM_TYPES): 5 postal code, 6 OKATO, 7 OKTMO, 8 cadastral number and so on.
	TypeID int
	// Value is the value as written.
	Value string
	// UpdateDate is the date the value was last changed.
	UpdateDate address.Date
	// StartDate is the first day the value holds.
	StartDate address.Date
	// EndDate is the day the value stops holding, OpenEnd when it has not.
	EndDate address.Date
}

// DecodeRecord fills p from a PARAM record of an AS_*_PARAMS file.
func (p *Param) DecodeRecord(rec Record) error {
	*p = Param{}
	d := dec{rec: rec}
	d.element("PARAM")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "ID":
			d.int64(a, &p.ID)
		case "OBJECTID":
			d.int64(a, &p.ObjectID)
		case "CHANGEID":
			d.int64(a, &p.ChangeID)
		case "CHANGEIDEND":
			d.int64(a, &p.ChangeIDEnd)
		case "TYPEID":
			d.int(a, &p.TypeID)
		case "VALUE":
			p.Value = string(a.Value)
		case "UPDATEDATE":
			d.date(a, &p.UpdateDate)
		case "STARTDATE":
			d.date(a, &p.StartDate)
		case "ENDDATE":
			d.date(a, &p.EndDate)
		}
	}
	return d.err
}

// ChangeHistory is one change of an object (AS_CHANGE_HISTORY, element
// ITEM).
type ChangeHistory struct {
	// ChangeID is the identifier of the change.
	ChangeID int64
	// ObjectID is the object changed.
	ObjectID int64
	// AdrObjectID is the GUID of the object changed.
	AdrObjectID uuid.UUID
	// OperTypeID is the operation (AS_OPERATION_TYPES).
	OperTypeID int
	// NDocID is the normative document behind the change (AS_NORMATIVE_DOCS), 0 when none.
	NDocID int64
	// ChangeDate is the date of the change.
	ChangeDate address.Date
}

// DecodeRecord fills c from an ITEM record of AS_CHANGE_HISTORY.
func (c *ChangeHistory) DecodeRecord(rec Record) error {
	*c = ChangeHistory{}
	d := dec{rec: rec}
	d.element("ITEM")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "CHANGEID":
			d.int64(a, &c.ChangeID)
		case "OBJECTID":
			d.int64(a, &c.ObjectID)
		case "ADROBJECTID":
			d.guid(a, &c.AdrObjectID)
		case "OPERTYPEID":
			d.int(a, &c.OperTypeID)
		case "NDOCID":
			d.int64(a, &c.NDocID)
		case "CHANGEDATE":
			d.date(a, &c.ChangeDate)
		}
	}
	return d.err
}

// NormativeDoc is a normative document behind changes
// (AS_NORMATIVE_DOCS, element NORMDOC).
type NormativeDoc struct {
	// ID is the identifier of the document.
	ID int64
	// Name is the title.
	Name string
	// Date is the date of the document.
	Date address.Date
	// Number is the number of the document.
	Number string
	// Type is the type (AS_NORMATIVE_DOCS_TYPES).
	Type int
	// Kind is the kind (AS_NORMATIVE_DOCS_KINDS).
	Kind int
	// UpdateDate is the date the entry was last changed.
	UpdateDate address.Date
	// OrgName is the issuing body, possibly empty.
	OrgName string
	// RegNum is the registration number, possibly empty.
	RegNum string
	// RegDate is the registration date, zero when not given.
	RegDate address.Date
	// AccDate is the date the document came into force, zero when not given.
	AccDate address.Date
	// Comment is a comment, possibly empty.
	Comment string
}

// DecodeRecord fills n from a NORMDOC record of AS_NORMATIVE_DOCS.
func (n *NormativeDoc) DecodeRecord(rec Record) error {
	*n = NormativeDoc{}
	d := dec{rec: rec}
	d.element("NORMDOC")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "ID":
			d.int64(a, &n.ID)
		case "NAME":
			n.Name = string(a.Value)
		case "DATE":
			d.date(a, &n.Date)
		case "NUMBER":
			n.Number = string(a.Value)
		case "TYPE":
			d.int(a, &n.Type)
		case "KIND":
			d.int(a, &n.Kind)
		case "UPDATEDATE":
			d.date(a, &n.UpdateDate)
		case "ORGNAME":
			n.OrgName = string(a.Value)
		case "REGNUM":
			n.RegNum = string(a.Value)
		case "REGDATE":
			d.date(a, &n.RegDate)
		case "ACCDATE":
			d.date(a, &n.AccDate)
		case "COMMENT":
			n.Comment = string(a.Value)
		}
	}
	return d.err
}

// ObjectLevel is an entry of the catalog of object levels
// (AS_OBJECT_LEVELS, element OBJECTLEVEL): 1 region … 8 street, 10
// building, 11 premises and so on.
type ObjectLevel struct {
	// Level is the number of the level.
	Level int
	// Name is the full name.
	Name string
	// ShortName is the abbreviation, possibly empty.
	ShortName string
	// UpdateDate is the date the entry was last changed.
	UpdateDate address.Date
	// StartDate is the first day the entry is in force.
	StartDate address.Date
	// EndDate is the day the entry stops being in force, OpenEnd when it has not ended.
	EndDate address.Date
	// IsActive reports whether the entry is in use (written true/false).
	IsActive bool
}

// DecodeRecord fills o from an OBJECTLEVEL record of AS_OBJECT_LEVELS.
func (o *ObjectLevel) DecodeRecord(rec Record) error {
	*o = ObjectLevel{}
	d := dec{rec: rec}
	d.element("OBJECTLEVEL")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "LEVEL":
			d.int(a, &o.Level)
		case "NAME":
			o.Name = string(a.Value)
		case "SHORTNAME":
			o.ShortName = string(a.Value)
		default:
			d.period(a, &o.UpdateDate, &o.StartDate, &o.EndDate, &o.IsActive)
		}
	}
	return d.err
}

// AddrObjType is an entry of the catalog of address object types
// (AS_ADDR_OBJ_TYPES, element ADDRESSOBJECTTYPE). Address objects refer to
// it by ShortName and Level, not by ID.
type AddrObjType struct {
	// ID is the identifier of the entry.
	ID int
	// Level is the level of the objects of this type.
	Level int
	// ShortName is the abbreviation that AddrObj.TypeName holds, such as "ул.".
	ShortName string
	// Name is the full name.
	Name string
	// Desc is the description, possibly empty.
	Desc string
	// UpdateDate is the date the entry was last changed.
	UpdateDate address.Date
	// StartDate is the first day the entry is in force.
	StartDate address.Date
	// EndDate is the day the entry stops being in force, OpenEnd when it has not ended.
	EndDate address.Date
	// IsActive reports whether the entry is in use (written true/false).
	IsActive bool
}

// DecodeRecord fills t from an ADDRESSOBJECTTYPE record of
// AS_ADDR_OBJ_TYPES.
func (t *AddrObjType) DecodeRecord(rec Record) error {
	*t = AddrObjType{}
	d := dec{rec: rec}
	d.element("ADDRESSOBJECTTYPE")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "ID":
			d.int(a, &t.ID)
		case "LEVEL":
			d.int(a, &t.Level)
		case "SHORTNAME":
			t.ShortName = string(a.Value)
		case "NAME":
			t.Name = string(a.Value)
		case "DESC":
			t.Desc = string(a.Value)
		default:
			d.period(a, &t.UpdateDate, &t.StartDate, &t.EndDate, &t.IsActive)
		}
	}
	return d.err
}

// CatalogEntry is an entry of one of GAR's catalogs of types of houses,
// premises, rooms and operations: they share one layout. HouseType,
// ApartmentType, RoomType and OperationType are CatalogEntry read from
// their own elements.
type CatalogEntry struct {
	// ID is the identifier of the entry.
	ID int
	// Name is the full name.
	Name string
	// ShortName is the abbreviation, possibly empty.
	ShortName string
	// Desc is the description, possibly empty.
	Desc string
	// UpdateDate is the date the entry was last changed.
	UpdateDate address.Date
	// StartDate is the first day the entry is in force.
	StartDate address.Date
	// EndDate is the day the entry stops being in force, OpenEnd when it has not ended.
	EndDate address.Date
	// IsActive reports whether the entry is in use (written true/false).
	IsActive bool
}

// decode fills e from a record of the element.
func (e *CatalogEntry) decode(rec Record, element string) error {
	*e = CatalogEntry{}
	d := dec{rec: rec}
	d.element(element)
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "ID":
			d.int(a, &e.ID)
		case "NAME":
			e.Name = string(a.Value)
		case "SHORTNAME":
			e.ShortName = string(a.Value)
		case "DESC":
			e.Desc = string(a.Value)
		default:
			d.period(a, &e.UpdateDate, &e.StartDate, &e.EndDate, &e.IsActive)
		}
	}
	return d.err
}

// HouseType is an entry of the catalog of house types (AS_HOUSE_TYPES)
// or of additional house number types (AS_ADDHOUSE_TYPES), element
// HOUSETYPE.
type HouseType CatalogEntry

// DecodeRecord fills t from a HOUSETYPE record.
func (t *HouseType) DecodeRecord(rec Record) error {
	return (*CatalogEntry)(t).decode(rec, "HOUSETYPE")
}

// ApartmentType is an entry of the catalog of premises types
// (AS_APARTMENT_TYPES, element APARTMENTTYPE).
type ApartmentType CatalogEntry

// DecodeRecord fills t from an APARTMENTTYPE record.
func (t *ApartmentType) DecodeRecord(rec Record) error {
	return (*CatalogEntry)(t).decode(rec, "APARTMENTTYPE")
}

// RoomType is an entry of the catalog of room types (AS_ROOM_TYPES,
// element ROOMTYPE).
type RoomType CatalogEntry

// DecodeRecord fills t from a ROOMTYPE record.
func (t *RoomType) DecodeRecord(rec Record) error {
	return (*CatalogEntry)(t).decode(rec, "ROOMTYPE")
}

// OperationType is an entry of the catalog of operation types
// (AS_OPERATION_TYPES, element OPERATIONTYPE).
type OperationType CatalogEntry

// DecodeRecord fills t from an OPERATIONTYPE record.
func (t *OperationType) DecodeRecord(rec Record) error {
	return (*CatalogEntry)(t).decode(rec, "OPERATIONTYPE")
}

// ParamType is an entry of the catalog of parameter types
// (AS_PARAM_TYPES, element PARAMTYPE), such as 5 PostIndex or 7 OKTMO.
type ParamType struct {
	// ID is the identifier of the entry.
	ID int
	// Name is the full name.
	Name string
	// Code is the code of the parameter, such as "PostIndex".
	Code string
	// Desc is the description, possibly empty.
	Desc string
	// UpdateDate is the date the entry was last changed.
	UpdateDate address.Date
	// StartDate is the first day the entry is in force.
	StartDate address.Date
	// EndDate is the day the entry stops being in force, OpenEnd when it has not ended.
	EndDate address.Date
	// IsActive reports whether the entry is in use (written true/false).
	IsActive bool
}

// DecodeRecord fills t from a PARAMTYPE record.
func (t *ParamType) DecodeRecord(rec Record) error {
	*t = ParamType{}
	d := dec{rec: rec}
	d.element("PARAMTYPE")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "ID":
			d.int(a, &t.ID)
		case "NAME":
			t.Name = string(a.Value)
		case "CODE":
			t.Code = string(a.Value)
		case "DESC":
			t.Desc = string(a.Value)
		default:
			d.period(a, &t.UpdateDate, &t.StartDate, &t.EndDate, &t.IsActive)
		}
	}
	return d.err
}

// NormativeDocKind is an entry of the catalog of normative document
// kinds (AS_NORMATIVE_DOCS_KINDS, element NDOCKIND).
type NormativeDocKind struct {
	// ID is the identifier of the entry.
	ID int
	// Name is the full name.
	Name string
}

// DecodeRecord fills k from an NDOCKIND record.
func (k *NormativeDocKind) DecodeRecord(rec Record) error {
	*k = NormativeDocKind{}
	d := dec{rec: rec}
	d.element("NDOCKIND")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "ID":
			d.int(a, &k.ID)
		case "NAME":
			k.Name = string(a.Value)
		}
	}
	return d.err
}

// NormativeDocType is an entry of the catalog of normative document
// types (AS_NORMATIVE_DOCS_TYPES, element NDOCTYPE).
type NormativeDocType struct {
	// ID is the identifier of the entry.
	ID int
	// Name is the full name.
	Name string
	// StartDate is the first day the entry is in force.
	StartDate address.Date
	// EndDate is the day the entry stops being in force, OpenEnd when it has not ended.
	EndDate address.Date
}

// DecodeRecord fills t from an NDOCTYPE record.
func (t *NormativeDocType) DecodeRecord(rec Record) error {
	*t = NormativeDocType{}
	d := dec{rec: rec}
	d.element("NDOCTYPE")
	for _, a := range rec.Attrs() {
		if d.err != nil {
			break
		}
		switch string(a.Name) {
		case "ID":
			d.int(a, &t.ID)
		case "NAME":
			t.Name = string(a.Value)
		case "STARTDATE":
			d.date(a, &t.StartDate)
		case "ENDDATE":
			d.date(a, &t.EndDate)
		}
	}
	return d.err
}

// dec decodes attribute values of one record, keeping the first error.
type dec struct {
	rec Record
	err error
}

func (d *dec) element(want string) {
	if d.rec.Name() != want {
		d.err = d.rec.Error("", CodeElement,
			"запись <"+d.rec.Name()+">, а ожидалась <"+want+">", nil)
	}
}

func (d *dec) fail(a Attr, code, expected string) {
	d.err = d.rec.Error(string(a.Name), code, expected+", получено "+quoteValue(a.Value), nil)
}

func (d *dec) int64(a Attr, dst *int64) {
	if len(a.Value) == 0 {
		return
	}
	n, ok := parseInt64(a.Value)
	if !ok {
		d.fail(a, CodeInt, "ожидалось целое число")
		return
	}
	*dst = n
}

func (d *dec) int(a Attr, dst *int) {
	if len(a.Value) == 0 {
		return
	}
	n, ok := parseInt64(a.Value)
	if !ok || n < math.MinInt || n > math.MaxInt {
		d.fail(a, CodeInt, "ожидалось целое число")
		return
	}
	*dst = int(n)
}

func (d *dec) bool(a Attr, dst *bool) {
	switch string(a.Value) {
	case "1", "true":
		*dst = true
	case "0", "false", "":
		*dst = false
	default:
		d.fail(a, CodeBool, "ожидалось 0, 1, true или false")
	}
}

func (d *dec) date(a Attr, dst *address.Date) {
	if len(a.Value) == 0 {
		return
	}
	if err := dst.UnmarshalText(a.Value); err != nil {
		d.err = d.rec.Error(string(a.Name), CodeDate,
			"ожидалась дата ГГГГ-ММ-ДД, получено "+quoteValue(a.Value), err)
	}
}

func (d *dec) guid(a Attr, dst *uuid.UUID) {
	if len(a.Value) == 0 {
		return
	}
	if len(a.Value) != 36 {
		d.fail(a, CodeGUID, "ожидался GUID вида xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")
		return
	}
	u, err := uuid.ParseBytes(a.Value)
	if err != nil {
		d.err = d.rec.Error(string(a.Name), CodeGUID,
			"ожидался GUID вида xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, получено "+quoteValue(a.Value), err)
		return
	}
	*dst = u
}

// period decodes the dates and the activity flag common to catalogs.
func (d *dec) period(a Attr, update, start, end *address.Date, active *bool) {
	switch string(a.Name) {
	case "UPDATEDATE":
		d.date(a, update)
	case "STARTDATE":
		d.date(a, start)
	case "ENDDATE":
		d.date(a, end)
	case "ISACTIVE":
		d.bool(a, active)
	}
}

// object decodes the attributes common to houses, steads, apartments,
// rooms and car places.
func (d *dec) object(a Attr, id, objectID *int64, guid *uuid.UUID, changeID *int64, number *string,
	operType *int, prev, next *int64, update, start, end *address.Date, actual, active *bool) {
	switch string(a.Name) {
	case "ID":
		d.int64(a, id)
	case "OBJECTID":
		d.int64(a, objectID)
	case "OBJECTGUID":
		d.guid(a, guid)
	case "CHANGEID":
		d.int64(a, changeID)
	case "NUMBER":
		*number = string(a.Value)
	case "OPERTYPEID":
		d.int(a, operType)
	case "PREVID":
		d.int64(a, prev)
	case "NEXTID":
		d.int64(a, next)
	case "UPDATEDATE":
		d.date(a, update)
	case "STARTDATE":
		d.date(a, start)
	case "ENDDATE":
		d.date(a, end)
	case "ISACTUAL":
		d.bool(a, actual)
	case "ISACTIVE":
		d.bool(a, active)
	}
}

// parseInt64 parses a decimal integer with an optional sign straight from
// bytes, as xs:long allows (leading zeros included).
func parseInt64(v []byte) (int64, bool) {
	if len(v) == 0 {
		return 0, false
	}
	neg := false
	switch v[0] {
	case '-':
		neg = true
		v = v[1:]
	case '+':
		v = v[1:]
	}
	if len(v) == 0 {
		return 0, false
	}
	var n uint64
	for _, c := range v {
		c -= '0'
		if c > 9 {
			return 0, false
		}
		if n > (1<<63)/10 {
			return 0, false
		}
		n = n*10 + uint64(c)
		if n > 1<<63 {
			return 0, false
		}
	}
	if neg {
		return -int64(n), true // n == 1<<63 gives MinInt64
	}
	if n > math.MaxInt64 {
		return 0, false
	}
	return int64(n), true
}
