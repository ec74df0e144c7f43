package gar

// Kind is the kind of a GAR file: the part of its name between "AS_" and
// the date, upper-cased, such as "HOUSES" or "ADDR_OBJ_PARAMS".
type Kind string

// The kinds of GAR files the package knows. Catalogs (reference tables)
// sit at the root of a distribution; the other kinds sit in the folder of
// their region.
const (
	// Catalogs.
	KindObjectLevels       Kind = "OBJECT_LEVELS"
	KindAddrObjTypes       Kind = "ADDR_OBJ_TYPES"
	KindHouseTypes         Kind = "HOUSE_TYPES"
	KindAddHouseTypes      Kind = "ADDHOUSE_TYPES"
	KindApartmentTypes     Kind = "APARTMENT_TYPES"
	KindRoomTypes          Kind = "ROOM_TYPES"
	KindParamTypes         Kind = "PARAM_TYPES"
	KindOperationTypes     Kind = "OPERATION_TYPES"
	KindNormativeDocsKinds Kind = "NORMATIVE_DOCS_KINDS"
	KindNormativeDocsTypes Kind = "NORMATIVE_DOCS_TYPES"

	// Objects of a region.
	KindAddrObj         Kind = "ADDR_OBJ"
	KindAddrObjDivision Kind = "ADDR_OBJ_DIVISION"
	KindAdmHierarchy    Kind = "ADM_HIERARCHY"
	KindMunHierarchy    Kind = "MUN_HIERARCHY"
	KindHouses          Kind = "HOUSES"
	KindSteads          Kind = "STEADS"
	KindApartments      Kind = "APARTMENTS"
	KindRooms           Kind = "ROOMS"
	KindCarPlaces       Kind = "CARPLACES"
	KindReestrObjects   Kind = "REESTR_OBJECTS"

	// Parameters of the objects of a region.
	KindAddrObjParams    Kind = "ADDR_OBJ_PARAMS"
	KindHousesParams     Kind = "HOUSES_PARAMS"
	KindSteadsParams     Kind = "STEADS_PARAMS"
	KindApartmentsParams Kind = "APARTMENTS_PARAMS"
	KindRoomsParams      Kind = "ROOMS_PARAMS"
	KindCarPlacesParams  Kind = "CARPLACES_PARAMS"

	// Documents and history of a region.
	KindNormativeDocs Kind = "NORMATIVE_DOCS"
	KindChangeHistory Kind = "CHANGE_HISTORY"
)

type kindInfo struct {
	root, element string
	catalog       bool
	params        bool
	newValue      func() Decodable
}

// kinds lists every known kind in the order Source sorts files: catalogs,
// then objects from the top of the hierarchy down, hierarchies, parameters,
// documents and history.
var kinds = []Kind{
	KindObjectLevels, KindAddrObjTypes, KindHouseTypes, KindAddHouseTypes,
	KindApartmentTypes, KindRoomTypes, KindParamTypes, KindOperationTypes,
	KindNormativeDocsKinds, KindNormativeDocsTypes,
	KindAddrObj, KindAddrObjDivision, KindHouses, KindSteads, KindApartments,
	KindRooms, KindCarPlaces, KindReestrObjects,
	KindAdmHierarchy, KindMunHierarchy,
	KindAddrObjParams, KindHousesParams, KindSteadsParams,
	KindApartmentsParams, KindRoomsParams, KindCarPlacesParams,
	KindNormativeDocs, KindChangeHistory,
}

var kindInfos = map[Kind]kindInfo{
	KindObjectLevels:       {"OBJECTLEVELS", "OBJECTLEVEL", true, false, func() Decodable { return new(ObjectLevel) }},
	KindAddrObjTypes:       {"ADDRESSOBJECTTYPES", "ADDRESSOBJECTTYPE", true, false, func() Decodable { return new(AddrObjType) }},
	KindHouseTypes:         {"HOUSETYPES", "HOUSETYPE", true, false, func() Decodable { return new(HouseType) }},
	KindAddHouseTypes:      {"HOUSETYPES", "HOUSETYPE", true, false, func() Decodable { return new(HouseType) }},
	KindApartmentTypes:     {"APARTMENTTYPES", "APARTMENTTYPE", true, false, func() Decodable { return new(ApartmentType) }},
	KindRoomTypes:          {"ROOMTYPES", "ROOMTYPE", true, false, func() Decodable { return new(RoomType) }},
	KindParamTypes:         {"PARAMTYPES", "PARAMTYPE", true, false, func() Decodable { return new(ParamType) }},
	KindOperationTypes:     {"OPERATIONTYPES", "OPERATIONTYPE", true, false, func() Decodable { return new(OperationType) }},
	KindNormativeDocsKinds: {"NDOCKINDS", "NDOCKIND", true, false, func() Decodable { return new(NormativeDocKind) }},
	KindNormativeDocsTypes: {"NDOCTYPES", "NDOCTYPE", true, false, func() Decodable { return new(NormativeDocType) }},
	KindAddrObj:            {"ADDRESSOBJECTS", "OBJECT", false, false, func() Decodable { return new(AddrObj) }},
	KindAddrObjDivision:    {"ITEMS", "ITEM", false, false, func() Decodable { return new(AddrObjDivision) }},
	KindAdmHierarchy:       {"ITEMS", "ITEM", false, false, func() Decodable { return new(Hierarchy) }},
	KindMunHierarchy:       {"ITEMS", "ITEM", false, false, func() Decodable { return new(Hierarchy) }},
	KindHouses:             {"HOUSES", "HOUSE", false, false, func() Decodable { return new(House) }},
	KindSteads:             {"STEADS", "STEAD", false, false, func() Decodable { return new(Stead) }},
	KindApartments:         {"APARTMENTS", "APARTMENT", false, false, func() Decodable { return new(Apartment) }},
	KindRooms:              {"ROOMS", "ROOM", false, false, func() Decodable { return new(Room) }},
	KindCarPlaces:          {"CARPLACES", "CARPLACE", false, false, func() Decodable { return new(CarPlace) }},
	KindReestrObjects:      {"REESTR_OBJECTS", "OBJECT", false, false, func() Decodable { return new(ReestrObject) }},
	KindAddrObjParams:      {"PARAMS", "PARAM", false, true, func() Decodable { return new(Param) }},
	KindHousesParams:       {"PARAMS", "PARAM", false, true, func() Decodable { return new(Param) }},
	KindSteadsParams:       {"PARAMS", "PARAM", false, true, func() Decodable { return new(Param) }},
	KindApartmentsParams:   {"PARAMS", "PARAM", false, true, func() Decodable { return new(Param) }},
	KindRoomsParams:        {"PARAMS", "PARAM", false, true, func() Decodable { return new(Param) }},
	KindCarPlacesParams:    {"PARAMS", "PARAM", false, true, func() Decodable { return new(Param) }},
	KindNormativeDocs:      {"NORMDOCS", "NORMDOC", false, false, func() Decodable { return new(NormativeDoc) }},
	KindChangeHistory:      {"ITEMS", "ITEM", false, false, func() Decodable { return new(ChangeHistory) }},
}

var kindOrder = func() map[Kind]int {
	m := make(map[Kind]int, len(kinds))
	for i, k := range kinds {
		m[k] = i
	}
	return m
}()

// Kinds returns every known kind in the order Source sorts files.
func Kinds() []Kind {
	return append([]Kind(nil), kinds...)
}

// Known reports whether k is one of the kinds the package knows.
func (k Kind) Known() bool {
	_, ok := kindInfos[k]
	return ok
}

// IsCatalog reports whether k is a catalog (reference table) kind: the
// object levels and the types of objects, houses, apartments, rooms,
// parameters, operations and normative documents.
func (k Kind) IsCatalog() bool { return kindInfos[k].catalog }

// IsParams reports whether k is one of the *_PARAMS kinds.
func (k Kind) IsParams() bool { return kindInfos[k].params }

// Root returns the name of the root element of files of kind k, such as
// "HOUSES", or "" for an unknown kind.
func (k Kind) Root() string { return kindInfos[k].root }

// Element returns the name of the record elements of files of kind k,
// such as "HOUSE", or "" for an unknown kind.
func (k Kind) Element() string { return kindInfos[k].element }

// New returns a new zero value of the typed record of kind k (such as a
// *House for KindHouses, a *Param for every *_PARAMS kind, a *Hierarchy for
// both hierarchies), or nil for an unknown kind.
func (k Kind) New() Decodable {
	if info, ok := kindInfos[k]; ok {
		return info.newValue()
	}
	return nil
}

// String returns the kind as written in file names.
func (k Kind) String() string { return string(k) }
