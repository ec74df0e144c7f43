package gis

import (
	"strings"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"
	"github.com/openzhkh/zhkh/internal/fault"
	"github.com/shopspring/decimal"
)

// HouseQuery is an exportHouseData request.
type HouseQuery struct {
	// FIASHouseGUID is the house's GUID in FIAS; required.
	FIASHouseGUID uuid.UUID `json:"fiasHouseGuid"`
	// Version picks the behaviour of the export among the versions the
	// schema allows (11.1.0.1, 12.2.0.1, 13.2.3.2, 15.6.0.1, 15.10.0.0);
	// "" takes the operation's default, the newest.
	Version string `json:"version,omitempty"`
}

// ExportHouseData builds exportHouseData (hm:exportHouseRequest). Read
// the result with ReadExportHouseData.
func (b *Builder) ExportHouseData(q HouseQuery) (*Message, error) {
	op, err := requireOperation("exportHouseData")
	if err != nil {
		return nil, err
	}
	var v violations
	v.requiredGUID("fiasHouseGuid", q.FIASHouseGUID)
	if q.Version != "" && !op.AllowsVersion(q.Version) {
		v.add("version", "format", "версия не поддерживается схемой: допустимы "+strings.Join(op.Versions, ", "))
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	return b.exportMessage(op.Name, q.Version, func(body *etree.Element) []ObjectRef {
		addGUID(body, "hm:FIASHouseGuid", q.FIASHouseGUID)
		return []ObjectRef{{Kind: "house", Key: q.FIASHouseGUID.String()}}
	})
}

// HouseKind is the kind of a house in the housing register.
type HouseKind string

// The kinds of houses.
const (
	// HouseApartment is an apartment building (многоквартирный дом).
	HouseApartment HouseKind = "apartment_house"
	// HouseLiving is a living house (жилой дом), possibly of blocks.
	HouseLiving HouseKind = "living_house"
)

// ExportedHouse is a house as exportHouseData returns it. The reader
// takes the main fields; it leaves out lifts, OGF data (the free
// characteristics), annulment and demolition details, hostel data,
// cadastral registration details other than the cadastral number, life
// cycle stage, time zone and cultural heritage flags.
type ExportedHouse struct {
	// UniqueNumber is the house's unique number in GIS.
	UniqueNumber string `json:"uniqueNumber"`
	// Modified is when the house's data last changed.
	Modified time.Time `json:"modified"`
	// HouseGUID is the house's GUID in the housing register (filled from
	// version 15.6.0.1, and always for a living house).
	HouseGUID uuid.UUID `json:"houseGuid,omitzero"`
	// Kind is the kind of house.
	Kind HouseKind `json:"kind"`
	// FIASHouseGUID is the house's GUID in FIAS.
	FIASHouseGUID uuid.UUID `json:"fiasHouseGuid"`
	// CadastralNumber is the house's cadastral number, when it has one.
	CadastralNumber string `json:"cadastralNumber,omitempty"`
	// TotalSquare is the total area in square metres.
	TotalSquare *decimal.Decimal `json:"totalSquare,omitempty"`
	// State is the house's condition (NSI 24).
	State NsiRef `json:"state,omitzero"`
	// UsedYear is the year of commissioning; 0 when unknown.
	UsedYear int `json:"usedYear,omitempty"`
	// FloorCount is the number of floors as GIS writes it.
	FloorCount string `json:"floorCount,omitempty"`
	// UndergroundFloorCount is the number of underground floors of an
	// apartment building.
	UndergroundFloorCount string `json:"undergroundFloorCount,omitempty"`
	// OKTMO is the municipal territory code.
	OKTMO string `json:"oktmo,omitempty"`
	// TerminationDate is when the house left the register.
	TerminationDate Date `json:"terminationDate,omitzero"`
	// OverhaulFormingKind is how an apartment building's capital repair
	// fund is formed.
	OverhaulFormingKind NsiRef `json:"overhaulFormingKind,omitzero"`
	// ManagementType is the way an apartment building is managed (NSI 25).
	ManagementType NsiRef `json:"managementType,omitzero"`
	// HasBlocks reports that a living house consists of blocks.
	HasBlocks bool `json:"hasBlocks,omitempty"`
	// Entrances are the entrances of an apartment building.
	Entrances []HouseEntrance `json:"entrances,omitempty"`
	// ResidentialPremises and NonResidentialPremises are the premises of
	// an apartment building.
	ResidentialPremises    []HousePremises `json:"residentialPremises,omitempty"`
	NonResidentialPremises []HousePremises `json:"nonResidentialPremises,omitempty"`
	// Rooms are the rooms of a living house without blocks.
	Rooms []HouseRoom `json:"rooms,omitempty"`
	// Blocks are the blocks of a living house of blocks.
	Blocks []HouseBlock `json:"blocks,omitempty"`
}

// HouseEntrance is an entrance of an apartment building.
type HouseEntrance struct {
	// GUID identifies the entrance in GIS.
	GUID uuid.UUID `json:"guid"`
	// Number is the entrance's number as GIS writes it.
	Number string `json:"number,omitempty"`
	// Modified is when the entrance's data last changed.
	Modified time.Time `json:"modified"`
	// StoreysCount is the number of storeys; 0 when unknown.
	StoreysCount int `json:"storeysCount,omitempty"`
	// CreationYear is the year the entrance was built; 0 when unknown.
	CreationYear int `json:"creationYear,omitempty"`
	// TerminationDate is when the entrance left the register.
	TerminationDate Date `json:"terminationDate,omitzero"`
}

// HousePremises is a residential or non-residential premises.
type HousePremises struct {
	// GUID identifies the premises in GIS (PremisesGUID).
	GUID uuid.UUID `json:"guid"`
	// UniqueNumber is the premises' unique number in GIS.
	UniqueNumber string `json:"uniqueNumber"`
	// Modified is when the premises' data last changed.
	Modified time.Time `json:"modified"`
	// Number is the premises' number (a flat's number).
	Number string `json:"number,omitempty"`
	// Floor is the floor as GIS writes it.
	Floor string `json:"floor,omitempty"`
	// CadastralNumber is the cadastral number, when there is one.
	CadastralNumber string `json:"cadastralNumber,omitempty"`
	// TotalArea is the total area in square metres.
	TotalArea *decimal.Decimal `json:"totalArea,omitempty"`
	// EntranceNumber is the entrance of residential premises.
	EntranceNumber string `json:"entranceNumber,omitempty"`
	// GrossArea is the living area of residential premises.
	GrossArea *decimal.Decimal `json:"grossArea,omitempty"`
	// Characteristic is the kind of residential premises (NSI 30).
	Characteristic NsiRef `json:"characteristic,omitzero"`
	// IsCommonProperty is set for non-residential premises that are
	// common property.
	IsCommonProperty bool `json:"isCommonProperty,omitempty"`
	// TerminationDate is when the premises left the register.
	TerminationDate Date `json:"terminationDate,omitzero"`
	// Rooms are the rooms of a communal flat.
	Rooms []HouseRoom `json:"rooms,omitempty"`
}

// HouseRoom is a living room of a communal flat, a living house or a
// block.
type HouseRoom struct {
	// GUID identifies the room in GIS (LivingRoomGUID).
	GUID uuid.UUID `json:"guid"`
	// UniqueNumber is the room's unique number in GIS.
	UniqueNumber string `json:"uniqueNumber"`
	// Modified is when the room's data last changed.
	Modified time.Time `json:"modified"`
	// Number is the room's number.
	Number string `json:"number,omitempty"`
	// Floor is the floor as GIS writes it.
	Floor string `json:"floor,omitempty"`
	// CadastralNumber is the cadastral number, when there is one.
	CadastralNumber string `json:"cadastralNumber,omitempty"`
	// Square is the room's area in square metres.
	Square *decimal.Decimal `json:"square,omitempty"`
	// TerminationDate is when the room left the register.
	TerminationDate Date `json:"terminationDate,omitzero"`
}

// HouseBlock is a block of a living house of blocks.
type HouseBlock struct {
	// GUID identifies the block in GIS (BlockGUID).
	GUID uuid.UUID `json:"guid"`
	// UniqueNumber is the block's unique number in GIS.
	UniqueNumber string `json:"uniqueNumber"`
	// Modified is when the block's data last changed.
	Modified time.Time `json:"modified"`
	// Number is the block's number.
	Number string `json:"number"`
	// CadastralNumber is the cadastral number, when there is one.
	CadastralNumber string `json:"cadastralNumber,omitempty"`
	// TotalArea and GrossArea are the total and living areas.
	TotalArea *decimal.Decimal `json:"totalArea,omitempty"`
	GrossArea *decimal.Decimal `json:"grossArea,omitempty"`
	// TerminationDate is when the block left the register.
	TerminationDate Date `json:"terminationDate,omitzero"`
	// Rooms are the block's rooms.
	Rooms []HouseRoom `json:"rooms,omitempty"`
}

// ReadExportHouseData reads the house of an exportHouseData result. A
// "nothing to export" result is an error matching ErrNotFound.
func ReadExportHouseData(r *StateResult) (ExportedHouse, error) {
	els, err := readyPayload(r, "exportHouseResult")
	if err != nil {
		return ExportedHouse{}, err
	}
	if len(els) == 0 {
		return ExportedHouse{}, fault.New(fault.NotFound, "gis.house_not_found", "дом не найден в ГИС ЖКХ")
	}
	return readExportedHouse(els[0])
}

// readExportedHouse reads one hm:exportHouseResult.
func readExportedHouse(e *etree.Element) (ExportedHouse, error) {
	var hr payloadReader
	h := ExportedHouse{
		UniqueNumber: strings.TrimSpace(childText(e, "HouseUniqueNumber")),
		Modified:     hr.dateTime(e, "ModificationDate"),
		HouseGUID:    hr.guid(e, "HouseGUID"),
	}
	body := firstChild(e, "ApartmentHouse")
	h.Kind = HouseApartment
	if body == nil {
		body = firstChild(e, "LivingHouse")
		h.Kind = HouseLiving
	}
	if body == nil {
		return ExportedHouse{}, payloadErrorf("exportHouseResult: нет ни ApartmentHouse, ни LivingHouse")
	}
	basic := firstChild(body, "BasicCharacteristicts")
	if basic == nil {
		return ExportedHouse{}, payloadErrorf("exportHouseResult: нет BasicCharacteristicts")
	}
	h.FIASHouseGUID = hr.guid(basic, "FIASHouseGuid")
	h.CadastralNumber = childText(basic, "CadastralNumber")
	h.TotalSquare = hr.decimal(basic, "TotalSquare")
	h.State = hr.nsiRef(basic, "State")
	h.UsedYear = hr.integer(basic, "UsedYear")
	h.FloorCount = childText(basic, "FloorCount")
	h.OKTMO = strings.TrimSpace(childText(firstChild(basic, "OKTMO"), "code"))
	h.TerminationDate = hr.date(basic, "TerminationDate")
	if h.Kind == HouseApartment {
		h.UndergroundFloorCount = childText(body, "UndergroundFloorCount")
		h.OverhaulFormingKind = hr.nsiRef(body, "OverhaulFormingKind")
		h.ManagementType = hr.nsiRef(body, "HouseManagementType")
		for _, c := range children(body, "Entrance") {
			h.Entrances = append(h.Entrances, HouseEntrance{
				GUID:            hr.guid(c, "EntranceGUID"),
				Number:          childText(c, "EntranceNum"),
				Modified:        hr.dateTime(c, "ModificationDate"),
				StoreysCount:    hr.integer(c, "StoreysCount"),
				CreationYear:    hr.integer(c, "CreationYear"),
				TerminationDate: hr.date(c, "TerminationDate"),
			})
		}
		for _, c := range children(body, "ResidentialPremises") {
			p := readHousePremises(&hr, c)
			p.EntranceNumber = childText(c, "EntranceNum")
			p.GrossArea = hr.decimal(c, "GrossArea")
			p.Characteristic = hr.nsiRef(c, "PremisesCharacteristic")
			for _, rc := range children(c, "LivingRoom") {
				p.Rooms = append(p.Rooms, readHouseRoom(&hr, rc))
			}
			h.ResidentialPremises = append(h.ResidentialPremises, p)
		}
		for _, c := range children(body, "NonResidentialPremises") {
			p := readHousePremises(&hr, c)
			p.IsCommonProperty = hr.boolean(c, "IsCommonProperty")
			h.NonResidentialPremises = append(h.NonResidentialPremises, p)
		}
	} else {
		h.HasBlocks = hr.boolean(body, "HasBlocks")
		if id := hr.guid(body, "HouseGUID"); id != uuid.Nil {
			h.HouseGUID = id
		}
		for _, rc := range children(body, "LivingRoom") {
			h.Rooms = append(h.Rooms, readHouseRoom(&hr, rc))
		}
		for _, c := range children(body, "Block") {
			bl := HouseBlock{
				GUID:            hr.guid(c, "BlockGUID"),
				UniqueNumber:    strings.TrimSpace(childText(c, "BlockUniqueNumber")),
				Modified:        hr.dateTime(c, "ModificationDate"),
				Number:          childText(c, "BlockNum"),
				CadastralNumber: childText(c, "CadastralNumber"),
				TotalArea:       hr.decimal(c, "TotalArea"),
				GrossArea:       hr.decimal(c, "GrossArea"),
				TerminationDate: hr.date(c, "TerminationDate"),
			}
			for _, rc := range children(c, "LivingRoom") {
				bl.Rooms = append(bl.Rooms, readHouseRoom(&hr, rc))
			}
			h.Blocks = append(h.Blocks, bl)
		}
	}
	if hr.err != nil {
		return ExportedHouse{}, hr.err
	}
	return h, nil
}

// readHousePremises reads what residential and non-residential premises share.
func readHousePremises(hr *payloadReader, c *etree.Element) HousePremises {
	return HousePremises{
		GUID:            hr.guid(c, "PremisesGUID"),
		UniqueNumber:    strings.TrimSpace(childText(c, "PremisesUniqueNumber")),
		Modified:        hr.dateTime(c, "ModificationDate"),
		Number:          childText(c, "PremisesNum"),
		Floor:           childText(c, "Floor"),
		CadastralNumber: childText(c, "CadastralNumber"),
		TotalArea:       hr.decimal(c, "TotalArea"),
		TerminationDate: hr.date(c, "TerminationDate"),
	}
}

// readHouseRoom reads a LivingRoom.
func readHouseRoom(hr *payloadReader, c *etree.Element) HouseRoom {
	return HouseRoom{
		GUID:            hr.guid(c, "LivingRoomGUID"),
		UniqueNumber:    strings.TrimSpace(childText(c, "LivingRoomUniqueNumber")),
		Modified:        hr.dateTime(c, "ModificationDate"),
		Number:          childText(c, "RoomNumber"),
		Floor:           childText(c, "Floor"),
		CadastralNumber: childText(c, "CadastralNumber"),
		Square:          hr.decimal(c, "Square"),
		TerminationDate: hr.date(c, "TerminationDate"),
	}
}
