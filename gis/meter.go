package gis

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// MeterKind is the kind of a metering device by where it is installed: the
// choice of the schema's basic characteristics.
type MeterKind string

// The kinds of metering devices.
const (
	// MeterResidentialPremise is an individual meter of a residential
	// premise (ResidentialPremiseDevice).
	MeterResidentialPremise MeterKind = "residential_premise"
	// MeterNonResidentialPremise is an individual meter of a
	// non-residential premise (NonResidentialPremiseDevice).
	MeterNonResidentialPremise MeterKind = "non_residential_premise"
	// MeterApartmentHouse is an individual meter of a living house
	// (ApartmentHouseDevice).
	MeterApartmentHouse MeterKind = "apartment_house"
	// MeterCollective is a common-house meter, ODPU (CollectiveDevice).
	MeterCollective MeterKind = "collective"
	// MeterLivingRoom is a room meter (LivingRoomDevice).
	MeterLivingRoom MeterKind = "living_room"
	// MeterCollectiveApartment is a common meter of a communal apartment
	// (CollectiveApartmentDevice).
	MeterCollectiveApartment MeterKind = "collective_apartment"
)

// MeterAction is what an import does with a meter.
type MeterAction string

// The actions of importMeteringDeviceData.
const (
	// MeterCreate places a new meter (DeviceDataToCreate); the default.
	MeterCreate MeterAction = "create"
	// MeterUpdate replaces every characteristic of a meter that has no
	// readings yet (DeviceDataToUpdate/UpdateBeforeDevicesValues).
	MeterUpdate MeterAction = "update"
	// MeterArchive archives a meter without a replacement
	// (DeviceDataToUpdate/ArchiveDevice); needs VersionGUID and
	// ArchiveReason.
	MeterArchive MeterAction = "archive"
	// MeterReplace archives a meter and replaces it with a meter already
	// placed (DeviceDataToUpdate/ReplaceDevice); needs VersionGUID,
	// ReplacingVersionGUID and LastVerificationDate, and FailureReason for
	// an unplanned verification.
	MeterReplace MeterAction = "replace"
	// MeterUpdateAfterReadings changes a meter whose readings have begun
	// (DeviceDataToUpdate/UpdateAfterDevicesValues): the characteristics
	// are sent as for MeterUpdate, the base readings only where a
	// resource's Reading is set; the place (premises, rooms, houses) and
	// the links between meters are kept as they are.
	MeterUpdateAfterReadings MeterAction = "update_after_readings"
)

// Seal is a seal put on a meter: its number and the date it was put.
// GIS ZhKKh keeps only the date (FactorySealDate); the number is kept for
// data-quality checks.
type Seal struct {
	// Number is the number of the seal.
	Number string `json:"number,omitempty"`
	// Date is when the seal was put.
	Date Date `json:"date,omitzero"`
}

// MeterResource is a municipal resource a meter measures, with the last
// reading taken before the meter is placed in GIS ZhKKh.
type MeterResource struct {
	// Resource is the municipal resource (NSI 2). Not written for an
	// electricity meter, whose resource the schema implies.
	Resource NsiRef `json:"resource,omitzero"`
	// Unit is the OKEI code of the unit of the readings ("113" cubic
	// metre, "233" gigacalorie, "245" kilowatt-hour, ...); optional.
	Unit string `json:"unit,omitempty"`
	// Reading is the last reading (tariff T1 for electricity); optional,
	// not written for a meter that reports consumed volumes.
	Reading *decimal.Decimal `json:"reading,omitempty"`
	// ReadingT2 and ReadingT3 are the readings of tariffs T2 and T3 of an
	// electricity meter.
	ReadingT2 *decimal.Decimal `json:"readingT2,omitempty"`
	ReadingT3 *decimal.Decimal `json:"readingT3,omitempty"`
	// TariffCount is the number of tariffs (1..3) of an electricity meter
	// that reports volumes; 0 means unset.
	TariffCount int `json:"tariffCount,omitempty"`
	// TransformationRatio is the transformation ratio of an electricity
	// meter; optional, greater than zero.
	TransformationRatio *decimal.Decimal `json:"transformationRatio,omitempty"`
}

// Meter is a metering device (прибор учета) as importMeteringDeviceData
// places, updates or archives it.
type Meter struct {
	// Action is what to do; MeterCreate when empty.
	Action MeterAction `json:"action,omitempty"`
	// VersionGUID is the GIS identifier of the meter's version; required
	// to update or archive.
	VersionGUID uuid.UUID `json:"versionGuid,omitzero"`
	// FIASHouseGUID is the FIAS GUID of the house the meter is in; the
	// builder puts meters of one house in one message. Optional.
	FIASHouseGUID uuid.UUID `json:"fiasHouseGuid,omitzero"`
	// Kind is where the meter is installed; required to create or update.
	Kind MeterKind `json:"kind,omitempty"`
	// SerialNumber is the factory (serial) number, at most 50 characters;
	// required to create or update.
	SerialNumber string `json:"serialNumber,omitempty"`
	// Brand is the make (марка), at most 100 characters.
	Brand string `json:"brand,omitempty"`
	// Model is the model, at most 100 characters.
	Model string `json:"model,omitempty"`
	// InstallationDate is when the meter was installed.
	InstallationDate Date `json:"installationDate,omitzero"`
	// CommissioningDate is when the meter was put into service; required
	// for every kind but MeterCollective.
	CommissioningDate Date `json:"commissioningDate,omitzero"`
	// RemoteReading tells whether readings can be taken remotely.
	RemoteReading bool `json:"remoteReading,omitempty"`
	// RemoteReadingInfo names the remote reading system, at most 2000
	// characters; required when RemoteReading is set.
	RemoteReadingInfo string `json:"remoteReadingInfo,omitempty"`
	// LastVerificationDate is the date of the last verification (поверка);
	// required for MeterCollective.
	LastVerificationDate Date `json:"lastVerificationDate,omitzero"`
	// VerificationInterval is the verification interval as an entry of
	// NSI 16; required for MeterCollective.
	VerificationInterval NsiRef `json:"verificationInterval,omitzero"`
	// VerificationIntervalYears is the verification interval in years
	// (0 = unset), for data-quality checks; GIS takes the NSI 16 entry.
	VerificationIntervalYears int `json:"verificationIntervalYears,omitempty"`
	// Seal is the factory seal; its date is written as FactorySealDate.
	Seal Seal `json:"seal,omitzero"`
	// TemperatureSensor and PressureSensor tell whether the meter has
	// temperature and pressure sensors.
	TemperatureSensor bool `json:"temperatureSensor,omitempty"`
	PressureSensor    bool `json:"pressureSensor,omitempty"`
	// TemperatureSensorInfo and PressureSensorInfo say where the sensors
	// of a common-house meter are, at most 2000 characters each; required
	// for MeterCollective when the sensor is there.
	TemperatureSensorInfo string `json:"temperatureSensorInfo,omitempty"`
	PressureSensorInfo    string `json:"pressureSensorInfo,omitempty"`
	// ConsumedVolume marks a meter that reports consumed volumes rather
	// than readings.
	ConsumedVolume bool `json:"consumedVolume,omitempty"`
	// Electric marks an electricity meter: its single resource carries up
	// to three tariff readings and a transformation ratio.
	Electric bool `json:"electric,omitempty"`
	// PremiseGUIDs are the premises of a premise or communal-apartment
	// meter.
	PremiseGUIDs []uuid.UUID `json:"premiseGuids,omitempty"`
	// LivingRoomGUIDs are the rooms of a room meter.
	LivingRoomGUIDs []uuid.UUID `json:"livingRoomGuids,omitempty"`
	// HouseGUIDs are the FIAS GUIDs of the houses of a common-house or
	// living-house meter, when not FIASHouseGUID.
	HouseGUIDs []uuid.UUID `json:"houseGuids,omitempty"`
	// AccountGUIDs are the accounts the meter is linked to; at least one
	// for every kind but MeterCollective.
	AccountGUIDs []uuid.UUID `json:"accountGuids,omitempty"`
	// Resources are the municipal resources the meter measures: one to
	// three; exactly one for an electricity meter that reports readings.
	Resources []MeterResource `json:"resources,omitempty"`
	// ArchiveReason is the reason of archiving (NSI 21); required to
	// archive.
	ArchiveReason NsiRef `json:"archiveReason,omitzero"`
	// ReplacingVersionGUID is the version of the meter that replaces this
	// one; required to replace.
	ReplacingVersionGUID uuid.UUID `json:"replacingVersionGuid,omitzero"`
	// FailureReason is why the meter failed (NSI 224), for a replacement
	// in an unplanned verification; zero means a planned verification.
	FailureReason NsiRef `json:"failureReason,omitzero"`
}

// MeterLimit is the number of meters one importMeteringDeviceData message
// carries at most (MeteringDevice maxOccurs).
const MeterLimit = 100

// meterUnits are the OKEI codes the schema allows for a meter's unit.
var meterUnits = map[string]bool{"112": true, "113": true, "233": true, "245": true, "246": true, "271": true, "A056": true, "A058": true}

// valid reports whether k is one of the kinds.
func (k MeterKind) valid() bool {
	switch k {
	case MeterResidentialPremise, MeterNonResidentialPremise, MeterApartmentHouse,
		MeterCollective, MeterLivingRoom, MeterCollectiveApartment:
		return true
	}
	return false
}

// action returns the action, MeterCreate for "".
func (m Meter) action() MeterAction {
	if m.Action == "" {
		return MeterCreate
	}
	return m.Action
}

// fitsDecimal records a violation when d has more than intDigits digits
// before the point or fracDigits after it, or is negative when that is not
// allowed.
func (v *violations) fitsDecimal(field string, d decimal.Decimal, intDigits, fracDigits int, negative bool) {
	if !negative && d.IsNegative() {
		v.add(field, "range", "значение не может быть отрицательным")
		return
	}
	i, f := decimalDigits(d)
	if i > intDigits || f > fracDigits {
		v.add(field, "format", fmt.Sprintf("не более %d знаков до запятой и %d после", intDigits, fracDigits))
	}
}

// meteringValue records the violations of a reading
// (metering-device-base:MeteringValueType: 15 digits and 7 after the point).
func (v *violations) meteringValue(field string, d decimal.Decimal) {
	v.fitsDecimal(field, d, 15, 7, false)
}

// date records a violation when d is set and is not a calendar date.
func (v *violations) date(field string, d Date) {
	if !d.IsZero() && !d.Valid() {
		v.add(field, "format", "неверная дата")
	}
}

// tariffValues records the violations of the readings of the second and
// third tariffs, either optional, T3 only together with T2.
func (v *violations) tariffValues(t2Field, t3Field string, t2, t3 *decimal.Decimal) {
	if t2 != nil {
		v.meteringValue(t2Field, *t2)
	}
	if t3 != nil {
		v.meteringValue(t3Field, *t3)
		if t2 == nil {
			v.add(t2Field, "required", "показание T3 передается вместе с T2")
		}
	}
}

// requiredDate records a violation when d is zero or not a calendar date.
func (v *violations) requiredDate(field string, d Date) {
	if d.IsZero() {
		v.add(field, "required", "обязательная дата не заполнена")
		return
	}
	v.date(field, d)
}

// guids records a violation for every zero GUID of the list and for every
// GUID repeated in it.
func (v *violations) guids(field string, ids []uuid.UUID) {
	seen := make(map[uuid.UUID]bool, len(ids))
	for i, id := range ids {
		switch {
		case id == uuid.Nil:
			v.add(path(field, i), "required", "обязательный идентификатор не заполнен")
		case seen[id]:
			v.add(path(field, i), "duplicate", "идентификатор указан повторно")
		}
		seen[id] = true
	}
}

// notAllowed records a violation when a list is given for a kind of meter
// that does not take it.
func (v *violations) notAllowed(field string, n int) {
	if n > 0 {
		v.add(field, "not_allowed", "поле не заполняется для этого вида прибора учета")
	}
}

// validate records the violations of the meter at field.
func (m Meter) validate(v *violations, field string) {
	f := func(name string) string { return field + "." + name }
	switch m.action() {
	case MeterCreate:
		if m.VersionGUID != uuid.Nil {
			v.add(f("versionGuid"), "not_allowed", "идентификатор версии указывается только при изменении или архивации")
		}
	case MeterUpdate, MeterArchive, MeterReplace, MeterUpdateAfterReadings:
		v.requiredGUID(f("versionGuid"), m.VersionGUID)
	default:
		v.add(f("action"), "format", "действие должно быть create, update, update_after_readings, archive или replace")
		return
	}
	if m.action() == MeterReplace {
		v.requiredGUID(f("replacingVersionGuid"), m.ReplacingVersionGUID)
		if m.ReplacingVersionGUID != uuid.Nil && m.ReplacingVersionGUID == m.VersionGUID {
			v.add(f("replacingVersionGuid"), "format", "прибор учета не может заменить сам себя")
		}
		v.requiredDate(f("lastVerificationDate"), m.LastVerificationDate)
		if !m.FailureReason.IsZero() {
			v.nsiRef(f("failureReason"), m.FailureReason)
		}
		return
	}
	if m.ReplacingVersionGUID != uuid.Nil || !m.FailureReason.IsZero() {
		v.add(f("replacingVersionGuid"), "not_allowed", "заменяющий прибор учета указывается только при замене")
	}
	if m.action() == MeterArchive {
		if m.ArchiveReason.IsZero() {
			v.add(f("archiveReason"), "required", "укажите причину архивации (НСИ 21)")
		} else {
			v.nsiRef(f("archiveReason"), m.ArchiveReason)
		}
		return
	}
	if !m.ArchiveReason.IsZero() {
		v.add(f("archiveReason"), "not_allowed", "причина архивации указывается только при архивации")
	}
	switch {
	case m.Kind == "":
		v.add(f("kind"), "required", "укажите вид прибора учета")
	case !m.Kind.valid():
		v.add(f("kind"), "format", "неизвестный вид прибора учета")
	}
	v.required(f("serialNumber"), m.SerialNumber)
	v.maxLen(f("serialNumber"), m.SerialNumber, 50)
	v.required(f("brand"), m.Brand)
	v.maxLen(f("brand"), m.Brand, 100)
	v.required(f("model"), m.Model)
	v.maxLen(f("model"), m.Model, 100)
	v.date(f("installationDate"), m.InstallationDate)
	if m.Kind != MeterCollective {
		v.requiredDate(f("commissioningDate"), m.CommissioningDate)
	} else {
		v.date(f("commissioningDate"), m.CommissioningDate)
	}
	if !m.InstallationDate.IsZero() && !m.CommissioningDate.IsZero() && m.CommissioningDate.Before(m.InstallationDate) {
		v.add(f("commissioningDate"), "range", "дата ввода в эксплуатацию раньше даты установки")
	}
	if m.RemoteReading {
		v.required(f("remoteReadingInfo"), m.RemoteReadingInfo)
	}
	v.maxLen(f("remoteReadingInfo"), m.RemoteReadingInfo, 2000)
	if m.Kind == MeterCollective {
		v.requiredDate(f("lastVerificationDate"), m.LastVerificationDate)
		if m.VerificationInterval.IsZero() {
			v.add(f("verificationInterval"), "required", "укажите межповерочный интервал (НСИ 16)")
		}
		if m.TemperatureSensor {
			v.required(f("temperatureSensorInfo"), m.TemperatureSensorInfo)
		}
		if m.PressureSensor {
			v.required(f("pressureSensorInfo"), m.PressureSensorInfo)
		}
	} else {
		v.date(f("lastVerificationDate"), m.LastVerificationDate)
		v.notAllowed(f("temperatureSensorInfo"), len(m.TemperatureSensorInfo))
		v.notAllowed(f("pressureSensorInfo"), len(m.PressureSensorInfo))
	}
	v.maxLen(f("temperatureSensorInfo"), m.TemperatureSensorInfo, 2000)
	v.maxLen(f("pressureSensorInfo"), m.PressureSensorInfo, 2000)
	if !m.VerificationInterval.IsZero() {
		v.nsiRef(f("verificationInterval"), m.VerificationInterval)
	}
	if m.VerificationIntervalYears < 0 || m.VerificationIntervalYears > 100 {
		v.add(f("verificationIntervalYears"), "range", "межповерочный интервал должен быть от 0 до 100 лет")
	}
	v.requiredDate(f("seal.date"), m.Seal.Date)
	v.maxLen(f("seal.number"), m.Seal.Number, 100)
	m.validatePlace(v, f)
	m.validateResources(v, f)
}

// validatePlace records the violations of the lists that say where the
// meter is: premises, rooms, houses and accounts, by kind.
func (m Meter) validatePlace(v *violations, f func(string) string) {
	v.guids(f("premiseGuids"), m.PremiseGUIDs)
	v.guids(f("livingRoomGuids"), m.LivingRoomGUIDs)
	v.guids(f("houseGuids"), m.HouseGUIDs)
	v.guids(f("accountGuids"), m.AccountGUIDs)
	switch m.Kind {
	case MeterResidentialPremise, MeterNonResidentialPremise, MeterCollectiveApartment:
		v.notAllowed(f("livingRoomGuids"), len(m.LivingRoomGUIDs))
		v.notAllowed(f("houseGuids"), len(m.HouseGUIDs))
	case MeterLivingRoom:
		v.notAllowed(f("premiseGuids"), len(m.PremiseGUIDs))
		v.notAllowed(f("houseGuids"), len(m.HouseGUIDs))
	case MeterApartmentHouse, MeterCollective:
		v.notAllowed(f("premiseGuids"), len(m.PremiseGUIDs))
		v.notAllowed(f("livingRoomGuids"), len(m.LivingRoomGUIDs))
		switch {
		case m.FIASHouseGUID == uuid.Nil && len(m.HouseGUIDs) == 0:
			v.add(f("houseGuids"), "required", "укажите дом прибора учета (fiasHouseGuid или houseGuids)")
		case m.FIASHouseGUID != uuid.Nil && len(m.HouseGUIDs) > 0:
			v.add(f("houseGuids"), "not_allowed", "дома прибора учета не указываются, когда задан fiasHouseGuid")
		}
	}
	if m.Kind != MeterCollective && m.Kind.valid() && len(m.AccountGUIDs) == 0 {
		v.add(f("accountGuids"), "required", "укажите хотя бы один лицевой счет")
	}
	if m.Kind == MeterCollective {
		v.notAllowed(f("accountGuids"), len(m.AccountGUIDs))
	}
}

// validateResources records the violations of the meter's resources.
func (m Meter) validateResources(v *violations, f func(string) string) {
	switch {
	case len(m.Resources) == 0:
		v.add(f("resources"), "required", "укажите коммунальный ресурс прибора учета")
		return
	case len(m.Resources) > 3:
		v.add(f("resources"), "too_many", "не более 3 коммунальных ресурсов")
	case m.Electric && !m.ConsumedVolume && len(m.Resources) != 1:
		v.add(f("resources"), "too_many", "у прибора учета электроэнергии один ресурс")
	}
	for i, r := range m.Resources {
		rf := func(name string) string { return path(f("resources"), i) + "." + name }
		if !(m.Electric && !m.ConsumedVolume) {
			if r.Resource.IsZero() {
				v.add(rf("resource"), "required", "укажите коммунальный ресурс (НСИ 2)")
			} else {
				v.nsiRef(rf("resource"), r.Resource)
			}
		}
		if r.Unit != "" && !meterUnits[r.Unit] {
			v.add(rf("unit"), "format", "недопустимый код единицы измерения ОКЕИ")
		}
		if m.Electric && r.Unit != "" && r.Unit != "245" {
			v.add(rf("unit"), "format", "показания электроэнергии принимаются в кВт·ч (245)")
		}
		if r.TariffCount < 0 || r.TariffCount > 3 {
			v.add(rf("tariffCount"), "range", "количество тарифов от 1 до 3")
		}
		if r.TransformationRatio != nil {
			if !r.TransformationRatio.IsPositive() {
				v.add(rf("transformationRatio"), "range", "коэффициент трансформации должен быть больше нуля")
			} else {
				v.fitsDecimal(rf("transformationRatio"), *r.TransformationRatio, 10, 4, false)
			}
		}
		if !m.Electric && (r.TariffCount > 0 || r.TransformationRatio != nil) {
			v.add(rf("tariffCount"), "not_allowed", "количество тарифов и коэффициент трансформации указываются только для электроэнергии")
		}
		if m.ConsumedVolume {
			if r.Reading != nil || r.ReadingT2 != nil || r.ReadingT3 != nil {
				v.add(rf("reading"), "not_allowed", "прибор учета объема не передает показания")
			}
			continue
		}
		switch {
		case r.Reading == nil && m.action() != MeterUpdateAfterReadings:
			v.add(rf("reading"), "required", "укажите последнее показание прибора учета")
		case r.Reading == nil && (r.ReadingT2 != nil || r.ReadingT3 != nil):
			v.add(rf("reading"), "required", "показания T2 и T3 передаются вместе с T1")
		case r.Reading != nil:
			v.meteringValue(rf("reading"), *r.Reading)
		}
		if !m.Electric && (r.ReadingT2 != nil || r.ReadingT3 != nil) {
			v.add(rf("readingT2"), "not_allowed", "показания по тарифам T2 и T3 только для электроэнергии")
		}
		v.tariffValues(rf("readingT2"), rf("readingT3"), r.ReadingT2, r.ReadingT3)
	}
}

// ValidateMeters checks meters as ImportMeteringDeviceData does,
// returning a *ValidationError with every violation ("meters[3].kind"), or
// nil.
func ValidateMeters(meters []Meter) error {
	return validateList(meters, "meters", "нет ни одного прибора учета")
}

// ImportMeteringDeviceData builds importMeteringDeviceData
// (hm:importMeteringDeviceDataRequest, version 11.1.0.8): it places,
// updates or archives meters. Meters are grouped by FIASHouseGUID (in the
// order the houses first appear) and every group is split into messages of
// at most MeterLimit meters. Each meter gets a fresh TransportGUID;
// Message.Items maps it to the meter's index in meters. Invalid input is a
// *ValidationError listing every violation ("meters[3].serialNumber").
func (b *Builder) ImportMeteringDeviceData(meters []Meter) ([]*Message, error) {
	if err := ValidateMeters(meters); err != nil {
		return nil, err
	}
	op, err := requireOperation("importMeteringDeviceData")
	if err != nil {
		return nil, err
	}
	return b.importByHouse(op, len(meters), MeterLimit,
		func(i int) uuid.UUID { return meters[i].FIASHouseGUID }, "hm:FIASHouseGuid",
		func(body *etree.Element, i int, tg uuid.UUID) ObjectRef {
			writeMeter(body, tg, meters[i])
			return meters[i].objectRef()
		})
}

// objectRef names the meter for the exchange log: by serial number, or by
// version GUID when archiving.
func (m Meter) objectRef() ObjectRef {
	if m.SerialNumber != "" {
		return ObjectRef{Kind: "meter", Key: m.SerialNumber}
	}
	return ObjectRef{Kind: "meter", Key: m.VersionGUID.String()}
}

// writeMeter appends one hm:MeteringDevice.
func writeMeter(body *etree.Element, tg uuid.UUID, m Meter) {
	md := add(body, "hm:MeteringDevice")
	addGUID(md, "base:TransportGUID", tg)
	switch m.action() {
	case MeterCreate:
		writeMeterInformation(add(md, "hm:DeviceDataToCreate"), m)
	case MeterUpdate:
		upd := add(md, "hm:DeviceDataToUpdate")
		addGUID(upd, "hm:MeteringDeviceVersionGUID", m.VersionGUID)
		writeMeterInformation(add(upd, "hm:UpdateBeforeDevicesValues"), m)
	case MeterUpdateAfterReadings:
		upd := add(md, "hm:DeviceDataToUpdate")
		addGUID(upd, "hm:MeteringDeviceVersionGUID", m.VersionGUID)
		writeMeterUpdateAfter(add(upd, "hm:UpdateAfterDevicesValues"), m)
	case MeterArchive:
		upd := add(md, "hm:DeviceDataToUpdate")
		addGUID(upd, "hm:MeteringDeviceVersionGUID", m.VersionGUID)
		addNsiRef(add(upd, "hm:ArchiveDevice"), "hm:ArchivingReason", m.ArchiveReason)
	case MeterReplace:
		upd := add(md, "hm:DeviceDataToUpdate")
		addGUID(upd, "hm:MeteringDeviceVersionGUID", m.VersionGUID)
		rd := add(upd, "hm:ReplaceDevice")
		addDate(rd, "hm:VerificationDate", m.LastVerificationDate)
		if m.FailureReason.IsZero() {
			addBool(rd, "hm:PlannedVerification", true)
		} else {
			addNsiRef(rd, "hm:ReasonVerification", m.FailureReason)
		}
		addGUID(rd, "hm:ReplacingMeteringDeviceVersionGUID", m.ReplacingVersionGUID)
	}
}

// writeMeterUpdateAfter fills a
// hm:MeteringDeviceToUpdateAfterDevicesValuesType element in the schema's
// order.
func writeMeterUpdateAfter(e *etree.Element, m Meter) {
	addText(e, "hm:MeteringDeviceNumber", m.SerialNumber)
	addOptText(e, "hm:MeteringDeviceStamp", m.Brand)
	addOptText(e, "hm:MeteringDeviceModel", m.Model)
	addOptDate(e, "hm:InstallationDate", m.InstallationDate)
	addOptDate(e, "hm:CommissioningDate", m.CommissioningDate)
	addBool(e, "hm:RemoteMeteringMode", m.RemoteReading)
	addOptText(e, "hm:RemoteMeteringInfo", m.RemoteReadingInfo)
	addBool(e, "hm:TemperatureSensor", m.TemperatureSensor)
	addBool(e, "hm:PressureSensor", m.PressureSensor)
	if m.Kind == MeterCollective && (m.TemperatureSensorInfo != "" || m.PressureSensorInfo != "") {
		c := add(e, "hm:CollectiveDevice")
		addOptText(c, "hm:TemperatureSensorInformation", m.TemperatureSensorInfo)
		addOptText(c, "hm:PressureSensorInformation", m.PressureSensorInfo)
	}
	addGUIDs(e, "hm:AccountGUID", m.AccountGUIDs)
	switch {
	case m.ConsumedVolume:
	case m.Electric:
		if r := m.Resources[0]; r.Reading != nil {
			en := add(e, "hm:MunicipalResourceEnergy")
			addText(en, "metering-device-base:MeteringValueT1", r.Reading.String())
			addOptDecimal(en, "metering-device-base:MeteringValueT2", r.ReadingT2)
			addOptDecimal(en, "metering-device-base:MeteringValueT3", r.ReadingT3)
			addOptDecimal(en, "hm:TransformationRatio", r.TransformationRatio)
		}
	default:
		for _, r := range m.Resources {
			if r.Reading == nil {
				continue
			}
			ne := add(e, "hm:MunicipalResourceNotEnergy")
			addNsiRef(ne, "metering-device-base:MunicipalResource", r.Resource)
			addText(ne, "metering-device-base:MeteringValue", r.Reading.String())
		}
	}
	addOptDate(e, "hm:FirstVerificationDate", m.LastVerificationDate)
	addOptDate(e, "hm:FactorySealDate", m.Seal.Date)
	if m.ConsumedVolume {
		addBool(e, "hm:ConsumedVolume", true)
	}
}

// writeMeterInformation fills a hm:MeteringDeviceFullInformationType
// element in the schema's order.
func writeMeterInformation(e *etree.Element, m Meter) {
	bc := add(e, "hm:BasicChatacteristicts")
	addText(bc, "hm:MeteringDeviceNumber", m.SerialNumber)
	addOptText(bc, "hm:MeteringDeviceStamp", m.Brand)
	addOptText(bc, "hm:MeteringDeviceModel", m.Model)
	addOptDate(bc, "hm:InstallationDate", m.InstallationDate)
	addOptDate(bc, "hm:CommissioningDate", m.CommissioningDate)
	addBool(bc, "hm:RemoteMeteringMode", m.RemoteReading)
	addOptText(bc, "hm:RemoteMeteringInfo", m.RemoteReadingInfo)
	addOptDate(bc, "hm:FirstVerificationDate", m.LastVerificationDate)
	if !m.VerificationInterval.IsZero() {
		addNsiRef(bc, "hm:VerificationInterval", m.VerificationInterval)
	}
	addOptDate(bc, "hm:FactorySealDate", m.Seal.Date)
	addBool(bc, "hm:TemperatureSensor", m.TemperatureSensor)
	addBool(bc, "hm:PressureSensor", m.PressureSensor)
	if m.ConsumedVolume {
		addBool(bc, "hm:ConsumedVolume", true)
	}
	switch m.Kind {
	case MeterCollective:
		c := add(bc, "hm:CollectiveDevice")
		addGUIDs(c, "hm:FIASHouseGuid", m.HouseGUIDs)
		addOptText(c, "hm:TemperatureSensingElementInfo", m.TemperatureSensorInfo)
		addOptText(c, "hm:PressureSensingElementInfo", m.PressureSensorInfo)
	case MeterResidentialPremise, MeterNonResidentialPremise, MeterCollectiveApartment:
		tag := map[MeterKind]string{
			MeterResidentialPremise:    "hm:ResidentialPremiseDevice",
			MeterNonResidentialPremise: "hm:NonResidentialPremiseDevice",
			MeterCollectiveApartment:   "hm:CollectiveApartmentDevice",
		}[m.Kind]
		c := add(bc, tag)
		addGUIDs(c, "hm:PremiseGUID", m.PremiseGUIDs)
		addGUIDs(c, "hm:AccountGUID", m.AccountGUIDs)
	case MeterApartmentHouse:
		c := add(bc, "hm:ApartmentHouseDevice")
		addGUIDs(c, "hm:FIASHouseGuid", m.HouseGUIDs)
		addGUIDs(c, "hm:AccountGUID", m.AccountGUIDs)
	case MeterLivingRoom:
		c := add(bc, "hm:LivingRoomDevice")
		addGUIDs(c, "hm:LivingRoomGUID", m.LivingRoomGUIDs)
		addGUIDs(c, "hm:AccountGUID", m.AccountGUIDs)
	}
	addBool(e, "hm:NotLinkedWithMetering", true)
	switch {
	case m.ConsumedVolume:
		for _, r := range m.Resources {
			mr := add(e, "hm:MunicipalResources")
			addNsiRef(mr, "hm:MunicipalResource", r.Resource)
			addOptText(mr, "hm:Unit", r.Unit)
			if r.TariffCount > 0 {
				addText(mr, "hm:TariffCount", strconv.Itoa(r.TariffCount))
			}
			addOptDecimal(mr, "hm:TransformationRatio", r.TransformationRatio)
		}
	case m.Electric:
		r := m.Resources[0]
		en := add(e, "hm:MunicipalResourceEnergy")
		addText(en, "metering-device-base:MeteringValueT1", r.Reading.String())
		addOptDecimal(en, "metering-device-base:MeteringValueT2", r.ReadingT2)
		addOptDecimal(en, "metering-device-base:MeteringValueT3", r.ReadingT3)
		addOptDecimal(en, "hm:TransformationRatio", r.TransformationRatio)
		addOptText(en, "hm:Unit", r.Unit)
	default:
		for _, r := range m.Resources {
			ne := add(e, "hm:MunicipalResourceNotEnergy")
			addNsiRef(ne, "metering-device-base:MunicipalResource", r.Resource)
			addText(ne, "metering-device-base:MeteringValue", r.Reading.String())
			addOptText(ne, "hm:Unit", r.Unit)
		}
	}
}

// MeterImportResult is the outcome of one meter of
// importMeteringDeviceData.
type MeterImportResult struct {
	// Index is the meter's index in the caller's input.
	Index int `json:"index"`
	// VersionGUID is the GUID of the meter's version GIS stored (the
	// CommonResult GUID).
	VersionGUID uuid.UUID `json:"versionGuid,omitzero"`
	// MeterGUID is the meter's GUID (importMeteringDevice/
	// MeteringDeviceGUID).
	MeterGUID uuid.UUID `json:"meterGuid,omitzero"`
	// UniqueNumber is the number GIS assigned the meter.
	UniqueNumber string `json:"uniqueNumber,omitempty"`
	// UpdateDate is when GIS stored the meter.
	UpdateDate time.Time `json:"updateDate,omitzero"`
	// Errors are the meter's errors; empty on success.
	Errors []*Error `json:"errors,omitempty"`
}

// OK reports whether the meter was stored.
func (r MeterImportResult) OK() bool { return len(r.Errors) == 0 }

// ReadImportMeteringDeviceData reads the per-meter outcome of an
// importMeteringDeviceData message m from its result r, in the order of r.
// A whole-message error is returned as the *Error; a result that is not
// done, an answer about a TransportGUID m did not send, or a malformed
// MeteringDeviceGUID as an error matching ErrInvalid.
func ReadImportMeteringDeviceData(m *Message, r *StateResult) ([]MeterImportResult, error) {
	items, err := correlateDone(m, r)
	if err != nil {
		return nil, err
	}
	out := make([]MeterImportResult, 0, len(items))
	for _, it := range items {
		res := MeterImportResult{
			Index:        it.Index,
			VersionGUID:  it.GUID,
			UniqueNumber: it.UniqueNumber,
			UpdateDate:   it.UpdateDate,
			Errors:       it.Errors,
		}
		for _, x := range it.Extra {
			if x != nil && x.Tag == "importMeteringDevice" {
				if res.MeterGUID, err = readGUIDChild(x, "MeteringDeviceGUID"); err != nil {
					return nil, err
				}
			}
		}
		out = append(out, res)
	}
	return out, nil
}

// MeterQuery selects meters for exportMeteringDeviceData: exactly one of
// RootGUID, VersionGUID or FIASHouseGUID; the other filters apply to a
// house only.
type MeterQuery struct {
	// Version is the base:version to write (11.1.0.2 or 14.8.0.1); the
	// operation's default when empty.
	Version string `json:"version,omitempty"`
	// RootGUID selects one meter.
	RootGUID uuid.UUID `json:"rootGuid,omitzero"`
	// VersionGUID selects one version of a meter.
	VersionGUID uuid.UUID `json:"versionGuid,omitzero"`
	// FIASHouseGUID selects the meters of a house.
	FIASHouseGUID uuid.UUID `json:"fiasHouseGuid,omitzero"`
	// OnlyCurrentOrganization keeps the meters the organisation owns or
	// holds.
	OnlyCurrentOrganization bool `json:"onlyCurrentOrganization,omitempty"`
	// ModifiedSince keeps the meters changed since then.
	ModifiedSince time.Time `json:"modifiedSince,omitzero"`
	// MeterType keeps the meters of a type (NSI 27); Resource those of a
	// municipal resource (NSI 2). At most one of them.
	MeterType NsiRef `json:"meterType,omitzero"`
	Resource  NsiRef `json:"resource,omitzero"`
	// ArchiveFrom and ArchiveTo bound the archiving date.
	ArchiveFrom Date `json:"archiveFrom,omitzero"`
	ArchiveTo   Date `json:"archiveTo,omitzero"`
	// SearchArchived includes archived meters.
	SearchArchived bool `json:"searchArchived,omitempty"`
	// CommissioningFrom and CommissioningTo bound the commissioning date.
	CommissioningFrom Date `json:"commissioningFrom,omitzero"`
	CommissioningTo   Date `json:"commissioningTo,omitzero"`
	// IncludeFIASHouseGUID asks GIS to include the FIAS GUID of the house.
	IncludeFIASHouseGUID bool `json:"includeFiasHouseGuid,omitempty"`
}

// validate records the violations of the query.
func (q MeterQuery) validate(v *violations) {
	set := 0
	for _, id := range []uuid.UUID{q.RootGUID, q.VersionGUID, q.FIASHouseGUID} {
		if id != uuid.Nil {
			set++
		}
	}
	switch {
	case set == 0:
		v.add("fiasHouseGuid", "required", "укажите дом, прибор учета или версию прибора учета")
	case set > 1:
		v.add("fiasHouseGuid", "not_allowed", "укажите только одно из: дом, прибор учета, версия прибора учета")
	}
	filtered := q.OnlyCurrentOrganization || !q.ModifiedSince.IsZero() || !q.MeterType.IsZero() ||
		!q.Resource.IsZero() || !q.ArchiveFrom.IsZero() || !q.ArchiveTo.IsZero() || q.SearchArchived ||
		!q.CommissioningFrom.IsZero() || !q.CommissioningTo.IsZero()
	if filtered && q.FIASHouseGUID == uuid.Nil {
		v.add("fiasHouseGuid", "required", "отборы применяются только к приборам учета дома")
	}
	if !q.MeterType.IsZero() && !q.Resource.IsZero() {
		v.add("resource", "not_allowed", "укажите либо тип прибора учета, либо коммунальный ресурс")
	}
	if !q.MeterType.IsZero() {
		v.nsiRef("meterType", q.MeterType)
	}
	if !q.Resource.IsZero() {
		v.nsiRef("resource", q.Resource)
	}
	v.dateRange("archiveFrom", "archiveTo", q.ArchiveFrom, q.ArchiveTo)
	v.dateRange("commissioningFrom", "commissioningTo", q.CommissioningFrom, q.CommissioningTo)
}

// ExportMeteringDeviceData builds exportMeteringDeviceData
// (hm:exportMeteringDeviceDataRequest): the meters of a house, or one
// meter. Read the result with ReadExportMeteringDeviceData.
func (b *Builder) ExportMeteringDeviceData(q MeterQuery) (*Message, error) {
	var v violations
	q.validate(&v)
	if err := v.err(); err != nil {
		return nil, err
	}
	return b.exportMessage("exportMeteringDeviceData", q.Version, func(body *etree.Element) []ObjectRef {
		var obj ObjectRef
		switch {
		case q.RootGUID != uuid.Nil:
			addGUID(body, "hm:MeteringDeviceRootGUID", q.RootGUID)
			obj = ObjectRef{Kind: "meter", Key: q.RootGUID.String()}
		case q.VersionGUID != uuid.Nil:
			addGUID(body, "hm:MeteringDeviceVersionGUID", q.VersionGUID)
			obj = ObjectRef{Kind: "meter", Key: q.VersionGUID.String()}
		default:
			if q.OnlyCurrentOrganization {
				addBool(body, "hm:IsCurrentOrganization", true)
			}
			addGUID(body, "hm:FIASHouseGuid", q.FIASHouseGUID)
			if !q.ModifiedSince.IsZero() {
				addText(body, "hm:UpdateDateTime", formatDateTime(q.ModifiedSince))
			}
			if !q.MeterType.IsZero() {
				addNsiRef(body, "hm:MeteringDeviceType", q.MeterType)
			}
			if !q.Resource.IsZero() {
				addNsiRef(body, "hm:MunicipalResource", q.Resource)
			}
			addOptDate(body, "hm:ArchiveDateTo", q.ArchiveTo)
			addOptDate(body, "hm:ArchiveDateFrom", q.ArchiveFrom)
			if q.SearchArchived {
				addBool(body, "hm:SearchArchived", true)
			}
			addOptDate(body, "hm:CommissioningDateTo", q.CommissioningTo)
			addOptDate(body, "hm:CommissioningDateFrom", q.CommissioningFrom)
			obj = ObjectRef{Kind: "house", Key: q.FIASHouseGUID.String()}
		}
		if q.IncludeFIASHouseGUID {
			addBool(body, "hm:IncludeFIASHouseGuid", true)
		}
		return []ObjectRef{obj}
	})
}

// ExportedMeter is one meter of an exportMeteringDeviceData result.
type ExportedMeter struct {
	// RootGUID identifies the meter; VersionGUID its current version.
	RootGUID    uuid.UUID `json:"rootGuid"`
	VersionGUID uuid.UUID `json:"versionGuid"`
	// Status is "Active" or "Archival".
	Status string `json:"status"`
	// VersionNumber and VersionStatus describe the version.
	VersionNumber int    `json:"versionNumber"`
	VersionStatus string `json:"versionStatus,omitempty"`
	// Updated is when the version was last changed.
	Updated time.Time `json:"updated,omitzero"`
	// GISNumber is the meter's number in GIS ZhKKh.
	GISNumber string `json:"gisNumber,omitempty"`
	// Owners are the organisations (orgRootEntityGUID) that own the meter.
	Owners []uuid.UUID `json:"owners,omitempty"`
	// Meter holds the characteristics, with Action empty and VersionGUID
	// set.
	Meter Meter `json:"meter"`
}

// ReadExportMeteringDeviceData reads the meters of an
// exportMeteringDeviceData result. "Nothing to export" gives no meters and
// no error; another whole-message error is returned as the *Error; a
// payload off the schema as an error matching ErrInvalid.
func ReadExportMeteringDeviceData(r *StateResult) ([]ExportedMeter, error) {
	return readPayloadList(r, "exportMeteringDeviceDataResult", readExportedMeter)
}

// meterKindTags are the elements of the kinds of meters.
var meterKindTags = []struct {
	kind MeterKind
	tag  string
}{
	{MeterCollective, "CollectiveDevice"},
	{MeterResidentialPremise, "ResidentialPremiseDevice"},
	{MeterNonResidentialPremise, "NonResidentialPremiseDevice"},
	{MeterApartmentHouse, "ApartmentHouseDevice"},
	{MeterLivingRoom, "LivingRoomDevice"},
	{MeterCollectiveApartment, "CollectiveApartmentDevice"},
}

// readExportedMeter reads one exportMeteringDeviceDataResult.
func readExportedMeter(e *etree.Element) (ExportedMeter, error) {
	var pr payloadReader
	x := ExportedMeter{
		RootGUID:    pr.guid(e, "MeteringDeviceRootGUID"),
		VersionGUID: pr.guid(e, "MeteringDeviceVersionGUID"),
	}
	if pr.err == nil && (x.RootGUID == uuid.Nil || x.VersionGUID == uuid.Nil) {
		return x, payloadErrorf("%s: нет идентификатора прибора учета", e.Tag)
	}
	x.Status = strings.TrimSpace(childText(e, "StatusRootDoc"))
	x.VersionNumber = pr.integer(e, "VersionNumber")
	x.VersionStatus = strings.TrimSpace(childText(e, "StatusVersion"))
	x.Updated = pr.dateTime(e, "UpdateDateTime")
	x.GISNumber = strings.TrimSpace(childText(e, "MeteringDeviceGISGKHNumber"))
	x.Owners = pr.guids(firstChild(e, "MeteringOwner"), "orgRootEntityGUID")
	if pr.err != nil {
		return x, pr.err
	}
	var err error
	if x.Meter, err = readMeterInformation(e); err != nil {
		return x, err
	}
	x.Meter.VersionGUID = x.VersionGUID
	return x, nil
}

// readMeterInformation reads the characteristics and resources of a
// MeteringDeviceFullInformationExportType element into a Meter.
func readMeterInformation(e *etree.Element) (Meter, error) {
	var m Meter
	bc := firstChild(e, "BasicChatacteristicts")
	if bc == nil {
		return m, payloadErrorf("%s: нет BasicChatacteristicts", e.Tag)
	}
	var pr payloadReader
	m.SerialNumber = childText(bc, "MeteringDeviceNumber")
	m.Brand = childText(bc, "MeteringDeviceStamp")
	m.Model = childText(bc, "MeteringDeviceModel")
	m.RemoteReadingInfo = childText(bc, "RemoteMeteringInfo")
	m.InstallationDate = pr.date(bc, "InstallationDate")
	m.CommissioningDate = pr.date(bc, "CommissioningDate")
	m.LastVerificationDate = pr.date(bc, "FirstVerificationDate")
	m.Seal.Date = pr.date(bc, "FactorySealDate")
	m.RemoteReading = pr.boolean(bc, "RemoteMeteringMode")
	m.TemperatureSensor = pr.boolean(bc, "TemperatureSensor")
	m.PressureSensor = pr.boolean(bc, "PressureSensor")
	m.ConsumedVolume = pr.boolean(bc, "ConsumedVolume")
	m.VerificationInterval = pr.nsiRef(bc, "VerificationInterval")
	for _, k := range meterKindTags {
		c := firstChild(bc, k.tag)
		if c == nil {
			continue
		}
		m.Kind = k.kind
		m.PremiseGUIDs = pr.guids(c, "PremiseGUID")
		m.LivingRoomGUIDs = pr.guids(c, "LivingRoomGUID")
		m.HouseGUIDs = pr.guids(c, "FIASHouseGuid")
		m.AccountGUIDs = pr.guids(c, "AccountGUID")
		m.TemperatureSensorInfo = childText(c, "TemperatureSensingElementInfo")
		m.PressureSensorInfo = childText(c, "PressureSensingElementInfo")
	}
	for _, c := range e.ChildElements() {
		var r MeterResource
		switch c.Tag {
		case "MunicipalResourceNotEnergy", "MunicipalResources":
			r.Resource = pr.nsiRef(c, "MunicipalResource")
			r.Reading = pr.decimal(c, "MeteringValue")
		case "MunicipalResourceEnergy":
			m.Electric = true
			r.Reading = pr.decimal(c, "MeteringValueT1")
			r.ReadingT2 = pr.decimal(c, "MeteringValueT2")
			r.ReadingT3 = pr.decimal(c, "MeteringValueT3")
		default:
			continue
		}
		r.Unit = strings.TrimSpace(childText(c, "Unit"))
		r.TariffCount = pr.integer(c, "TariffCount")
		r.TransformationRatio = pr.decimal(c, "TransformationRatio")
		if r.TariffCount > 0 || r.TransformationRatio != nil {
			m.Electric = true
		}
		m.Resources = append(m.Resources, r)
	}
	return m, pr.err
}
