package gis

import "github.com/google/uuid"

// HousingObjectKind tells an apartment building from a detached house.
type HousingObjectKind string

// The kinds of housing objects (объекты жилищного фонда).
const (
	// ApartmentBuilding is a multi-apartment building (МКД): it has
	// entrances and premises.
	ApartmentBuilding HousingObjectKind = "apartment_building"
	// DetachedHouse is a detached residential house (жилой дом); it may
	// be divided into blocks but has no entrances.
	DetachedHouse HousingObjectKind = "detached_house"
)

// HousingObject is a house as the caller's system knows it (объект
// жилищного фонда), the input of the housing-object checks.
//
// A house GUID is the house's FIAS GUID (OBJECTGUID of GAR). GIS ZhKKh
// also accepts houses that are not in FIAS yet and then gives them a GUID
// of its own ("идентификатор дома по ФИАС или в ГИС ЖКХ"); such a GUID is
// temporary: it is replaced once the house appears in FIAS, and every
// account, meter and contract bound to it has to be moved. The caller,
// who learns the GUID's origin from exportHouseData or from the GIS
// cabinet, says so with TemporaryGUID; this package cannot tell the two
// kinds of GUID apart by their value.
type HousingObject struct {
	// FIASHouseGUID is the house GUID: its FIAS GUID, or the temporary
	// GUID GIS ZhKKh gave it.
	FIASHouseGUID uuid.UUID `json:"fiasHouseGuid"`
	// TemporaryGUID is true when FIASHouseGUID was assigned by GIS ZhKKh
	// because the house is absent from FIAS.
	TemporaryGUID bool `json:"temporaryGuid,omitempty"`
	// Kind is an apartment building or a detached house.
	Kind HousingObjectKind `json:"kind"`
	// Address is the full address, for people reading the findings.
	Address string `json:"address,omitempty"`
	// Entrances are the entrances (подъезды) of an apartment building.
	Entrances []Entrance `json:"entrances,omitempty"`
	// Premises are the premises (apartments, non-residential premises).
	Premises []Premise `json:"premises,omitempty"`
}

// Entrance is an entrance (подъезд) of an apartment building.
type Entrance struct {
	// Number is the entrance number as written on the house.
	Number string `json:"number"`
	// GUID is the entrance's GUID in GIS ZhKKh, when known.
	GUID uuid.UUID `json:"guid,omitzero"`
}

// Premise is a premise of a house: an apartment or a non-residential
// premise (помещение).
type Premise struct {
	// Number is the premise number ("12", "3Н").
	Number string `json:"number"`
	// GUID is the premise's GUID in GIS ZhKKh (PremisesGUID); accounts
	// refer to the premise by it.
	GUID uuid.UUID `json:"guid"`
	// Residential is true for apartments and other living premises.
	Residential bool `json:"residential,omitempty"`
	// Rooms are the rooms of a communal apartment (комнаты), each of which
	// may carry its own accounts.
	Rooms []Room `json:"rooms,omitempty"`
}

// Room is a room of a communal apartment (комната).
type Room struct {
	// Number is the room number.
	Number string `json:"number"`
	// GUID is the room's GUID in GIS ZhKKh (LivingRoomGUID); accounts
	// refer to the room by it.
	GUID uuid.UUID `json:"guid"`
}

// Organisation is an organisation as the caller's system knows it, the
// input of the organisation checks.
type Organisation struct {
	// GUID is the organisation's GUID in GIS ZhKKh (orgRootEntityGUID or
	// orgPPAGUID of the data provider).
	GUID uuid.UUID `json:"guid"`
	// OGRN is the primary state registration number (13 digits) or OGRNIP
	// (15 digits).
	OGRN string `json:"ogrn"`
	// Name is the short name, for people reading the findings.
	Name string `json:"name,omitempty"`
}

// ServiceInfo is a housing or communal service as the caller's system
// knows it (жилищно-коммунальная услуга), the input of the service checks.
type ServiceInfo struct {
	// Code is the caller's code of the service; payment documents and
	// contracts refer to the service by it.
	Code string `json:"code"`
	// Name is the name of the service.
	Name string `json:"name,omitempty"`
	// OKEI is the OKEI code of the unit the service is measured in ("113"
	// for cubic metres).
	OKEI string `json:"okei"`
	// DataProviderGUID is the orgPPAGUID of the data provider that places
	// the service in GIS ZhKKh.
	DataProviderGUID uuid.UUID `json:"dataProviderGuid"`
}

// SupplyContract is a supply or management contract as the caller's
// system knows it (ДРСО, договор управления), the input of the contract
// checks and of the account check that looks for charged services no
// active contract covers.
type SupplyContract struct {
	// Number is the contract number.
	Number string `json:"number"`
	// GUID is the contract's GUID in GIS ZhKKh (ContractRootGUID).
	GUID uuid.UUID `json:"guid,omitzero"`
	// From is the first day the contract is in force.
	From Date `json:"from"`
	// To is the last day the contract is in force; zero for an open end.
	To Date `json:"to,omitzero"`
	// Services are the codes (ServiceInfo.Code) of the services the
	// contract provides.
	Services []string `json:"services"`
	// Houses are the GUIDs (HousingObject.FIASHouseGUID) of the houses
	// the contract covers; every account of such a house is covered.
	Houses []uuid.UUID `json:"houses,omitempty"`
	// Accounts are the numbers of single accounts the contract covers,
	// for contracts made with individual consumers.
	Accounts []string `json:"accounts,omitempty"`
}

// ActiveOn reports whether the contract is in force on day d.
func (c SupplyContract) ActiveOn(d Date) bool {
	if c.From.IsZero() || d.Before(c.From) {
		return false
	}
	return c.To.IsZero() || !d.After(c.To)
}
