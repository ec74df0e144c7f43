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

// ReadingKind is the kind of value a meter reports: a reading of a
// one-rate meter, the tariff readings of an electricity meter, or a
// consumed volume.
type ReadingKind string

// The kinds of readings.
const (
	// ReadingOneRate is a reading of heat, gas, hot or cold water or
	// sewage (OneRateDeviceValue); the default.
	ReadingOneRate ReadingKind = "one_rate"
	// ReadingElectric is a reading of an electricity meter with up to
	// three tariffs (ElectricDeviceValue).
	ReadingElectric ReadingKind = "electric"
	// ReadingVolume is a consumed volume (VolumeDeviceValue).
	ReadingVolume ReadingKind = "volume"
)

// Reading is one current (or control) reading of a meter, as
// importMeteringDeviceValues sends it.
type Reading struct {
	// FIASHouseGUID is the FIAS GUID of the house of the meter; the
	// builder puts readings of one house in one message. Optional.
	FIASHouseGUID uuid.UUID `json:"fiasHouseGuid,omitzero"`
	// MeterRootGUID is the GIS identifier of the meter; either it or
	// MeterVersionGUID is required.
	MeterRootGUID uuid.UUID `json:"meterRootGuid,omitzero"`
	// MeterVersionGUID is the GIS identifier of the meter's version.
	MeterVersionGUID uuid.UUID `json:"meterVersionGuid,omitzero"`
	// Kind is the kind of value; ReadingOneRate when empty.
	Kind ReadingKind `json:"kind,omitempty"`
	// Resource is the municipal resource (NSI 2); required unless Kind is
	// ReadingElectric.
	Resource NsiRef `json:"resource,omitzero"`
	// Value is the reading (tariff T1 for electricity and volumes): at
	// most 15 digits before the point and 7 after, not negative.
	Value decimal.Decimal `json:"value"`
	// ValueT2 and ValueT3 are the readings of tariffs T2 and T3
	// (electricity and volumes only).
	ValueT2 *decimal.Decimal `json:"valueT2,omitempty"`
	ValueT3 *decimal.Decimal `json:"valueT3,omitempty"`
	// Date is when the reading was taken; required.
	Date Date `json:"date"`
	// PeriodYear and PeriodMonth name the month the reading is for, when
	// it is not the month of Date; both or neither.
	PeriodYear  int `json:"periodYear,omitempty"`
	PeriodMonth int `json:"periodMonth,omitempty"`
	// Control sends the value as a control reading (ControlValue) rather
	// than a current one.
	Control bool `json:"control,omitempty"`
}

// ReadingLimit is the number of readings one importMeteringDeviceValues
// message carries at most (MeteringDevicesValues maxOccurs).
const ReadingLimit = 1000

// kind returns the kind, ReadingOneRate for "".
func (r Reading) kind() ReadingKind {
	if r.Kind == "" {
		return ReadingOneRate
	}
	return r.Kind
}

// period records the violations of a year and month given together
// (base:Year 1920..2050, base:Month 1..12); both zero is no period.
func (v *violations) period(yearField, monthField string, year, month int) {
	if year == 0 && month == 0 {
		return
	}
	if year < 1920 || year > 2050 {
		v.add(yearField, "range", "год должен быть от 1920 до 2050")
	}
	if month < 1 || month > 12 {
		v.add(monthField, "range", "месяц должен быть от 1 до 12")
	}
}

// validate records the violations of the reading at field.
func (r Reading) validate(v *violations, field string) {
	f := func(name string) string { return field + "." + name }
	switch {
	case r.MeterRootGUID == uuid.Nil && r.MeterVersionGUID == uuid.Nil:
		v.add(f("meterRootGuid"), "required", "укажите идентификатор прибора учета")
	case r.MeterRootGUID != uuid.Nil && r.MeterVersionGUID != uuid.Nil:
		v.add(f("meterVersionGuid"), "not_allowed", "укажите либо идентификатор прибора учета, либо идентификатор версии")
	}
	k := r.kind()
	switch k {
	case ReadingOneRate, ReadingVolume:
		if r.Resource.IsZero() {
			v.add(f("resource"), "required", "укажите коммунальный ресурс (НСИ 2)")
		} else {
			v.nsiRef(f("resource"), r.Resource)
		}
	case ReadingElectric:
		if !r.Resource.IsZero() {
			v.add(f("resource"), "not_allowed", "для электроэнергии ресурс не указывается")
		}
	default:
		v.add(f("kind"), "format", "вид показания должен быть one_rate, electric или volume")
	}
	v.meteringValue(f("value"), r.Value)
	if k == ReadingOneRate && (r.ValueT2 != nil || r.ValueT3 != nil) {
		v.add(f("valueT2"), "not_allowed", "показания по тарифам T2 и T3 только для электроэнергии и объемов")
	}
	v.tariffValues(f("valueT2"), f("valueT3"), r.ValueT2, r.ValueT3)
	v.requiredDate(f("date"), r.Date)
	v.period(f("periodYear"), f("periodMonth"), r.PeriodYear, r.PeriodMonth)
	if r.Control && (r.PeriodYear != 0 || r.PeriodMonth != 0) {
		v.add(f("periodYear"), "not_allowed", "период указывается только для текущих показаний")
	}
}

// ValidateReadings checks readings as ImportMeteringDeviceValues does,
// returning a *ValidationError with every violation, or nil.
func ValidateReadings(readings []Reading) error {
	return validateList(readings, "readings", "нет ни одного показания")
}

// ImportMeteringDeviceValues builds importMeteringDeviceValues
// (dm:importMeteringDeviceValuesRequest, version 10.0.1.1): current or
// control readings of meters. Readings are grouped by FIASHouseGUID (in
// the order the houses first appear), every group split into messages of
// at most ReadingLimit readings; every reading is one
// dm:MeteringDevicesValues with a fresh TransportGUID, which Message.Items
// maps back to its index in readings.
func (b *Builder) ImportMeteringDeviceValues(readings []Reading) ([]*Message, error) {
	if err := ValidateReadings(readings); err != nil {
		return nil, err
	}
	op, err := requireOperation("importMeteringDeviceValues")
	if err != nil {
		return nil, err
	}
	return b.importByHouse(op, len(readings), ReadingLimit,
		func(i int) uuid.UUID { return readings[i].FIASHouseGUID }, "dm:FIASHouseGuid",
		func(body *etree.Element, i int, tg uuid.UUID) ObjectRef {
			r := readings[i]
			writeReading(body, tg, r)
			key := r.MeterRootGUID
			if key == uuid.Nil {
				key = r.MeterVersionGUID
			}
			return ObjectRef{Kind: "meter", Key: key.String()}
		})
}

// writeReading appends one dm:MeteringDevicesValues.
func writeReading(body *etree.Element, tg uuid.UUID, r Reading) {
	mv := add(body, "dm:MeteringDevicesValues")
	if r.MeterRootGUID != uuid.Nil {
		addGUID(mv, "dm:MeteringDeviceRootGUID", r.MeterRootGUID)
	} else {
		addGUID(mv, "dm:MeteringDeviceVersionGUID", r.MeterVersionGUID)
	}
	tag := "dm:CurrentValue"
	if r.Control {
		tag = "dm:ControlValue"
	}
	var val *etree.Element
	switch r.kind() {
	case ReadingElectric:
		val = add(add(mv, "dm:ElectricDeviceValue"), tag)
		writeTariffs(val, r)
	case ReadingVolume:
		val = add(add(mv, "dm:VolumeDeviceValue"), tag)
		addNsiRef(val, "metering-device-base:MunicipalResource", r.Resource)
		writeTariffs(val, r)
	default:
		val = add(add(mv, "dm:OneRateDeviceValue"), tag)
		addNsiRef(val, "metering-device-base:MunicipalResource", r.Resource)
		addText(val, "metering-device-base:MeteringValue", r.Value.String())
	}
	addDate(val, "dm:DateValue", r.Date)
	addGUID(val, "base:TransportGUID", tg)
	if !r.Control && r.PeriodYear != 0 {
		p := add(val, "dm:Period")
		addText(p, "base:Year", strconv.Itoa(r.PeriodYear))
		addText(p, "base:Month", strconv.Itoa(r.PeriodMonth))
	}
}

// writeTariffs appends MeteringValueT1..T3.
func writeTariffs(e *etree.Element, r Reading) {
	addText(e, "metering-device-base:MeteringValueT1", r.Value.String())
	if r.ValueT2 != nil {
		addText(e, "metering-device-base:MeteringValueT2", r.ValueT2.String())
	}
	if r.ValueT3 != nil {
		addText(e, "metering-device-base:MeteringValueT3", r.ValueT3.String())
	}
}

// ReadingImportResult is the outcome of one reading of
// importMeteringDeviceValues.
type ReadingImportResult = ImportItemResult

// ReadImportMeteringDeviceValues reads the result of an
// importMeteringDeviceValues message m: one ReadingImportResult per
// reading GIS answered about, in the result's order. A whole-message error
// is returned as the *Error; a result that is not done, or an answer about
// a TransportGUID m did not send, as an error matching ErrInvalid.
func ReadImportMeteringDeviceValues(m *Message, r *StateResult) ([]ReadingImportResult, error) {
	return readImportItems(m, r)
}

// MeterHistoryLimit is the number of houses, meters, meter types or
// resources one exportMeteringDeviceHistory request names at most.
const MeterHistoryLimit = 100

// MeterHistoryQuery selects the meters whose readings and verifications
// exportMeteringDeviceHistory exports. Exactly one of MeterTypes,
// Resources and MeterRootGUIDs is required.
type MeterHistoryQuery struct {
	// Version is the base:version to write; the operation's default when
	// empty.
	Version string `json:"version,omitempty"`
	// FIASHouseGUIDs are the houses of the meters, at most 100.
	FIASHouseGUIDs []uuid.UUID `json:"fiasHouseGuids,omitempty"`
	// NextRootGUID asks for the next block of a paged export: the
	// NextRootGUID of the previous MeterHistoryPage.
	NextRootGUID uuid.UUID `json:"nextRootGuid,omitzero"`
	// MeterTypes are meter types (NSI 27), at most 100.
	MeterTypes []NsiRef `json:"meterTypes,omitempty"`
	// Resources are municipal resources (NSI 2), at most 100.
	Resources []NsiRef `json:"resources,omitempty"`
	// MeterRootGUIDs are meters, at most 100.
	MeterRootGUIDs []uuid.UUID `json:"meterRootGuids,omitempty"`
	// CommissioningFrom and CommissioningTo bound the commissioning date.
	CommissioningFrom Date `json:"commissioningFrom,omitzero"`
	CommissioningTo   Date `json:"commissioningTo,omitzero"`
	// SearchArchived includes archived meters.
	SearchArchived bool `json:"searchArchived,omitempty"`
	// ArchiveFrom and ArchiveTo bound the archiving date.
	ArchiveFrom Date `json:"archiveFrom,omitzero"`
	ArchiveTo   Date `json:"archiveTo,omitzero"`
	// InputFrom and InputTo bound the date the readings were taken.
	InputFrom Date `json:"inputFrom,omitzero"`
	InputTo   Date `json:"inputTo,omitzero"`
	// ExcludePersons, ExcludeCurrentOrg and ExcludeOtherOrgs leave out the
	// readings entered by citizens, by this organisation and by other
	// organisations.
	ExcludePersons    bool `json:"excludePersons,omitempty"`
	ExcludeCurrentOrg bool `json:"excludeCurrentOrg,omitempty"`
	ExcludeOtherOrgs  bool `json:"excludeOtherOrgs,omitempty"`
	// OnlyOtherSystems exports only readings entered in the personal
	// account or by other information systems (excludeISValues).
	OnlyOtherSystems bool `json:"onlyOtherSystems,omitempty"`
}

// dateRange records the violations of a pair of dates.
func (v *violations) dateRange(from, to string, a, b Date) {
	v.date(from, a)
	v.date(to, b)
	if !a.IsZero() && !b.IsZero() && b.Before(a) {
		v.add(to, "range", "конец периода раньше начала")
	}
}

// validate records the violations of the query.
func (q MeterHistoryQuery) validate(v *violations) {
	lists := 0
	for _, n := range []int{len(q.MeterTypes), len(q.Resources), len(q.MeterRootGUIDs)} {
		if n > 0 {
			lists++
		}
	}
	switch {
	case lists == 0:
		v.add("meterRootGuids", "required", "укажите приборы учета, их типы или коммунальные ресурсы")
	case lists > 1:
		v.add("meterRootGuids", "not_allowed", "укажите только одно из: приборы учета, типы, коммунальные ресурсы")
	}
	limit := func(field string, n int) {
		if n > MeterHistoryLimit {
			v.add(field, "too_many", fmt.Sprintf("не более %d значений", MeterHistoryLimit))
		}
	}
	limit("fiasHouseGuids", len(q.FIASHouseGUIDs))
	limit("meterTypes", len(q.MeterTypes))
	limit("resources", len(q.Resources))
	limit("meterRootGuids", len(q.MeterRootGUIDs))
	v.guids("fiasHouseGuids", q.FIASHouseGUIDs)
	v.guids("meterRootGuids", q.MeterRootGUIDs)
	for i, r := range q.MeterTypes {
		v.nsiRef(path("meterTypes", i), r)
	}
	for i, r := range q.Resources {
		v.nsiRef(path("resources", i), r)
	}
	v.dateRange("commissioningFrom", "commissioningTo", q.CommissioningFrom, q.CommissioningTo)
	v.dateRange("archiveFrom", "archiveTo", q.ArchiveFrom, q.ArchiveTo)
	v.dateRange("inputFrom", "inputTo", q.InputFrom, q.InputTo)
}

// ExportMeteringDeviceHistory builds exportMeteringDeviceHistory
// (dm:exportMeteringDeviceHistoryRequest): the readings and verifications
// of the selected meters. GIS answers in blocks of at most 1000 meters;
// ask for the next block with the same query and NextRootGUID set from
// the previous page. Read the result with ReadExportMeteringDeviceHistory.
func (b *Builder) ExportMeteringDeviceHistory(q MeterHistoryQuery) (*Message, error) {
	var v violations
	q.validate(&v)
	if err := v.err(); err != nil {
		return nil, err
	}
	return b.exportMessage("exportMeteringDeviceHistory", q.Version, func(body *etree.Element) []ObjectRef {
		var objects []ObjectRef
		for _, h := range q.FIASHouseGUIDs {
			addGUID(body, "dm:FIASHouseGuid", h)
			objects = append(objects, ObjectRef{Kind: "house", Key: h.String()})
		}
		addOptGUID(body, "dm:ExportMeteringDeviceRootGUID", q.NextRootGUID)
		for _, r := range q.MeterTypes {
			addNsiRef(body, "dm:MeteringDeviceType", r)
		}
		for _, r := range q.Resources {
			addNsiRef(body, "dm:MunicipalResource", r)
		}
		for _, id := range q.MeterRootGUIDs {
			addGUID(body, "dm:MeteringDeviceRootGUID", id)
			objects = append(objects, ObjectRef{Kind: "meter", Key: id.String()})
		}
		addOptDate(body, "dm:CommissioningDateFrom", q.CommissioningFrom)
		addOptDate(body, "dm:CommissioningDateTo", q.CommissioningTo)
		if q.SearchArchived {
			addBool(body, "dm:SerchArchived", true)
		}
		addOptDate(body, "dm:ArchiveDateFrom", q.ArchiveFrom)
		addOptDate(body, "dm:ArchiveDateTo", q.ArchiveTo)
		addOptDate(body, "dm:inputDateFrom", q.InputFrom)
		addOptDate(body, "dm:inputDateTo", q.InputTo)
		for _, flag := range []struct {
			on  bool
			tag string
		}{
			{q.ExcludePersons, "dm:ExcludePersonAsDataSource"},
			{q.ExcludeCurrentOrg, "dm:ExcludeCurrentOrgAsDataSource"},
			{q.ExcludeOtherOrgs, "dm:ExcludeOtherOrgAsDataSource"},
			{q.OnlyOtherSystems, "dm:excludeISValues"},
		} {
			if flag.on {
				addBool(body, flag.tag, true)
			}
		}
		return objects
	})
}

// HistoryValue is one reading or volume of a meter's history.
type HistoryValue struct {
	// Resource is the municipal resource (NSI 2); zero for electricity.
	Resource NsiRef `json:"resource,omitzero"`
	// Value is the reading (tariff T1 for electricity and volumes).
	Value decimal.Decimal `json:"value"`
	// ValueT2 and ValueT3 are the readings of tariffs T2 and T3.
	ValueT2 *decimal.Decimal `json:"valueT2,omitempty"`
	ValueT3 *decimal.Decimal `json:"valueT3,omitempty"`
	// Unit is the OKEI code of the unit, when GIS gave one.
	Unit string `json:"unit,omitempty"`
	// Source names who entered the reading (ReadingsSource).
	Source string `json:"source,omitempty"`
	// OrgPPAGUID is the organisation that entered it, when GIS gave one.
	OrgPPAGUID string `json:"orgPPAGUID,omitempty"`
	// Taken is when the reading was taken (DateValue); zero for a base
	// value.
	Taken time.Time `json:"taken,omitzero"`
	// Entered is when the reading was entered into GIS (EnterIntoSystem).
	Entered time.Time `json:"entered,omitzero"`
	// PeriodYear and PeriodMonth are the month the reading is for, when
	// GIS gave one.
	PeriodYear  int `json:"periodYear,omitempty"`
	PeriodMonth int `json:"periodMonth,omitempty"`
}

// Verification is a verification (поверка) of a meter from its history.
type Verification struct {
	// Start and End are the dates the verification began and ended.
	Start Date `json:"start"`
	End   Date `json:"end"`
	// SealDate is when the meter was sealed after it.
	SealDate Date `json:"sealDate"`
	// StartValues and EndValues are the readings at the start and end.
	StartValues []HistoryValue `json:"startValues,omitempty"`
	EndValues   []HistoryValue `json:"endValues,omitempty"`
	// Planned marks a planned verification; otherwise Reason (NSI 224)
	// says why the meter failed.
	Planned bool   `json:"planned,omitempty"`
	Reason  NsiRef `json:"reason,omitzero"`
}

// MeterHistory is the history of one meter from
// exportMeteringDeviceHistory.
type MeterHistory struct {
	// RootGUID is the GIS identifier of the meter.
	RootGUID uuid.UUID `json:"rootGuid"`
	// HCSHouseGUID and FIASHouseGUID identify the house of the meter.
	HCSHouseGUID  uuid.UUID `json:"hcsHouseGuid,omitzero"`
	FIASHouseGUID uuid.UUID `json:"fiasHouseGuid,omitzero"`
	// Kind is the kind of values the meter reports.
	Kind ReadingKind `json:"kind"`
	// Base are the base readings the meter was placed with.
	Base []HistoryValue `json:"base,omitempty"`
	// Current are the readings for periods; Control the control readings.
	Current []HistoryValue `json:"current,omitempty"`
	Control []HistoryValue `json:"control,omitempty"`
	// Verifications are the meter's verifications.
	Verifications []Verification `json:"verifications,omitempty"`
	// ArchiveReason is the reason the meter was archived (NSI 21); zero
	// when it was not.
	ArchiveReason NsiRef `json:"archiveReason,omitzero"`
}

// MeterHistoryPage is one block of an exportMeteringDeviceHistory result.
type MeterHistoryPage struct {
	// Meters are the meters of the block.
	Meters []MeterHistory `json:"meters"`
	// NextRootGUID asks for the next block (MeterHistoryQuery.NextRootGUID);
	// zero on the last block.
	NextRootGUID uuid.UUID `json:"nextRootGuid,omitzero"`
	// LastPage is true when GIS marked the block as the last one.
	LastPage bool `json:"lastPage,omitempty"`
}

// ReadExportMeteringDeviceHistory reads an exportMeteringDeviceHistory
// result. "Nothing to export" gives an empty page; another whole-message
// error is returned as the *Error; a payload off the schema as an error
// matching ErrInvalid.
func ReadExportMeteringDeviceHistory(r *StateResult) (MeterHistoryPage, error) {
	els, err := readyPayload(r, "exportMeteringDeviceHistoryResult")
	if err != nil {
		return MeterHistoryPage{}, err
	}
	var page MeterHistoryPage
	for _, e := range els {
		h, err := readMeterHistory(e)
		if err != nil {
			return MeterHistoryPage{}, err
		}
		page.Meters = append(page.Meters, h)
	}
	var pr payloadReader
	for _, p := range r.Payload {
		if p == nil || p.Tag != "PagedOutput" {
			continue
		}
		page.NextRootGUID = pr.guid(p, "ExportMeteringDeviceRootGUID")
		page.LastPage = pr.boolean(p, "LastPage")
	}
	if pr.err != nil {
		return MeterHistoryPage{}, pr.err
	}
	return page, nil
}

// readMeterHistory reads one exportMeteringDeviceHistoryResult.
func readMeterHistory(e *etree.Element) (MeterHistory, error) {
	var pr payloadReader
	h := MeterHistory{RootGUID: pr.guid(e, "MeteringDeviceRootGUID")}
	if pr.err == nil && h.RootGUID == uuid.Nil {
		return h, payloadErrorf("%s: нет MeteringDeviceRootGUID", e.Tag)
	}
	h.HCSHouseGUID = pr.guid(e, "HCSHouseGUID")
	h.FIASHouseGUID = pr.guid(e, "FIASHouseGuid")
	var values *etree.Element
	if dv := firstChild(e, "OneRateDeviceValue"); dv != nil {
		h.Kind = ReadingOneRate
		h.Base = readHistoryValues(&pr, children(dv, "BaseValue"))
		values = firstChild(dv, "Values")
	} else if dv := firstChild(e, "ElectricDeviceValue"); dv != nil {
		h.Kind = ReadingElectric
		h.Base = readHistoryValues(&pr, children(dv, "BaseValue"))
		values = firstChild(dv, "Values")
	} else if dv := firstChild(e, "VolumeDeviceValue"); dv != nil {
		h.Kind = ReadingVolume
		values = dv
	} else {
		return h, pr.or(payloadErrorf("%s: нет показаний прибора учета", e.Tag))
	}
	if values != nil {
		h.Current = readHistoryValues(&pr, children(values, "CurrentValue"))
		h.Control = readHistoryValues(&pr, children(values, "ControlValue"))
		for _, ve := range children(values, "VerificationValue") {
			h.Verifications = append(h.Verifications, readVerification(&pr, ve))
		}
	}
	if av := firstChild(e, "ArchivedValues"); av != nil {
		h.ArchiveReason = pr.nsiRef(av, "ArchivingReason")
	}
	return h, pr.err
}

// readVerification reads a VerificationValue.
func readVerification(pr *payloadReader, e *etree.Element) Verification {
	return Verification{
		Start:       pr.date(e, "StartDateValue"),
		End:         pr.date(e, "EndDateValue"),
		SealDate:    pr.date(e, "SealDate"),
		StartValues: readHistoryValues(pr, children(e, "StartValue")),
		EndValues:   readHistoryValues(pr, children(e, "EndValue")),
		Planned:     pr.boolean(e, "PlannedVerification"),
		Reason:      pr.nsiRef(e, "VerificationReason"),
	}
}

// readHistoryValues reads value elements of any of the three kinds.
func readHistoryValues(pr *payloadReader, els []*etree.Element) []HistoryValue {
	var out []HistoryValue
	for _, e := range els {
		out = append(out, readHistoryValue(pr, e))
	}
	return out
}

// readHistoryValue reads one value element: MeteringValue (one-rate) or
// MeteringValueT1..T3 (electricity, volumes), with what GIS adds.
func readHistoryValue(pr *payloadReader, e *etree.Element) HistoryValue {
	hv := HistoryValue{Resource: pr.nsiRef(e, "MunicipalResource")}
	first := "MeteringValue"
	if firstChild(e, first) == nil {
		first = "MeteringValueT1"
	}
	if d := pr.decimal(e, first); d != nil {
		hv.Value = *d
	} else {
		pr.keep(payloadErrorf("%s: нет значения показания", e.Tag))
	}
	hv.ValueT2 = pr.decimal(e, "MeteringValueT2")
	hv.ValueT3 = pr.decimal(e, "MeteringValueT3")
	hv.Unit = strings.TrimSpace(childText(e, "Unit"))
	hv.Source = childText(e, "ReadingsSource")
	hv.OrgPPAGUID = strings.TrimSpace(childText(e, "orgPPAGUID"))
	hv.Taken = pr.dateTime(e, "DateValue")
	hv.Entered = pr.dateTime(e, "EnterIntoSystem")
	if p := firstChild(e, "Period"); p != nil {
		hv.PeriodYear = pr.integer(p, "Year")
		hv.PeriodMonth = pr.integer(p, "Month")
	}
	return hv
}
