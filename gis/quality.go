package gis

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/openzhkh/zhkh/internal/civil"
)

// Finding is one data-quality problem of the caller's data: which object,
// which check found it and what is wrong, in Russian.
type Finding struct {
	// Object names the object: its kind ("meter", "account", "house",
	// "premise", "room", "organisation", "service", "contract",
	// "payment_document") and the key the caller knows it by.
	Object ObjectRef `json:"object"`
	// Path locates the object in the QualityInput, such as "meters[3]" or
	// "housingObjects[0].premises[2]", so that a tool can show the whole
	// record.
	Path string `json:"path"`
	// Check is the stable code of the check, such as "meter.no_serial".
	Check string `json:"check"`
	// Message says what is wrong, in Russian.
	Message string `json:"message"`
}

// String returns "path (kind key): message [check]".
func (f Finding) String() string {
	return fmt.Sprintf("%s (%s %s): %s [%s]", f.Path, f.Object.Kind, f.Object.Key, f.Message, f.Check)
}

// The stable codes of the data-quality checks (seed 001, section 6).
const (
	// CheckMeterNoSerial: a meter without a factory serial number.
	CheckMeterNoSerial = "meter.no_serial"
	// CheckMeterNoSealDate: a meter without the date its seal was set.
	CheckMeterNoSealDate = "meter.no_seal_date"
	// CheckMeterSealNoNumber: a seal with a date but without a number.
	CheckMeterSealNoNumber = "meter.seal_no_number"
	// CheckMeterSealNoDate: a seal with a number but without a date.
	CheckMeterSealNoDate = "meter.seal_no_date"
	// CheckMeterIntervalOneYear: a verification interval of one year,
	// almost always a typing error.
	CheckMeterIntervalOneYear = "meter.interval_one_year"
	// CheckMeterNoInterval: a meter without a verification interval.
	CheckMeterNoInterval = "meter.no_interval"
	// CheckMeterVerificationExpired: the last verification plus the
	// interval lies before today.
	CheckMeterVerificationExpired = "meter.verification_expired"

	// CheckOrganisationNoGUID: an organisation without a GIS GUID.
	CheckOrganisationNoGUID = "organisation.no_guid"
	// CheckOrganisationDuplicateOGRN: an organisation whose OGRN an earlier
	// one already has.
	CheckOrganisationDuplicateOGRN = "organisation.duplicate_ogrn"
	// CheckOrganisationDuplicateGUID: an organisation whose GUID an earlier
	// one already has.
	CheckOrganisationDuplicateGUID = "organisation.duplicate_guid"

	// CheckServiceNoOKEI: a service without the OKEI code of its unit.
	CheckServiceNoOKEI = "service.no_okei"
	// CheckServiceNoProvider: a service without a data provider.
	CheckServiceNoProvider = "service.no_provider"
	// CheckServiceUnknownProvider: a service whose data provider is not
	// among the organisations (judged only when organisations are given).
	CheckServiceUnknownProvider = "service.unknown_provider"

	// CheckContractExpired: a contract whose term ended before today.
	CheckContractExpired = "contract.expired"
	// CheckContractNoServices: a contract that provides no service.
	CheckContractNoServices = "contract.no_services"
	// CheckContractNoObjects: a contract with neither houses nor accounts.
	CheckContractNoObjects = "contract.no_objects"
	// CheckContractDuplicateHouse: a contract that lists a house twice.
	CheckContractDuplicateHouse = "contract.duplicate_house"
	// CheckContractUnknownHouse: a contract that names a house absent from
	// the housing objects.
	CheckContractUnknownHouse = "contract.unknown_house"
	// CheckContractOverlap: a contract active today that provides a
	// service for a house an earlier active contract already provides it
	// for.
	CheckContractOverlap = "contract.overlap"
	// CheckHouseNoContracts: a housing object no contract active today
	// covers (judged only when contracts are given).
	CheckHouseNoContracts = "house.no_contracts"

	// CheckAccountServiceNotContracted: a payment document of the account
	// charges for a service that no contract active today provides for the
	// account (see CheckAccounts).
	CheckAccountServiceNotContracted = "account.service_not_contracted"

	// CheckPaymentDocumentDuplicateService: a payment document charges for
	// one service twice in its period.
	CheckPaymentDocumentDuplicateService = "payment_document.duplicate_service"

	// CheckHouseNoGUID: a housing object without a house GUID.
	CheckHouseNoGUID = "house.no_guid"
	// CheckHouseTemporaryGUID: a housing object whose GUID GIS ZhKKh gave
	// because the house is absent from FIAS (HousingObject.TemporaryGUID).
	CheckHouseTemporaryGUID = "house.temporary_guid"
	// CheckHouseNoAccounts: a housing object without any account (on the
	// house, its premises or its rooms).
	CheckHouseNoAccounts = "house.no_accounts"
	// CheckHouseNoEntrances: an apartment building without entrances.
	CheckHouseNoEntrances = "house.no_entrances"
	// CheckHouseNoPremises: an apartment building without premises.
	CheckHouseNoPremises = "house.no_premises"
	// CheckPremiseNoAccounts: a premise without an account on it or on one
	// of its rooms.
	CheckPremiseNoAccounts = "premise.no_accounts"
	// CheckRoomNoAccounts: a room without an account.
	CheckRoomNoAccounts = "room.no_accounts"
)

// QualityInput is everything the data-quality checks look at. Each list is
// optional and a check over a missing list finds nothing. Checks that
// relate lists take a missing list as an empty one, except where a check
// says otherwise: without accounts every housing object, premise and room
// lacks accounts, but without contracts the contract coverage of houses
// and accounts is not judged.
type QualityInput struct {
	// Organisations are the organisations (data providers, contractors).
	Organisations []Organisation `json:"organisations,omitempty"`
	// Services are the housing and communal services.
	Services []ServiceInfo `json:"services,omitempty"`
	// Contracts are the supply and management contracts.
	Contracts []SupplyContract `json:"contracts,omitempty"`
	// HousingObjects are the houses with their entrances, premises and rooms.
	HousingObjects []HousingObject `json:"housingObjects,omitempty"`
	// Accounts are the personal accounts, as importAccountData takes them.
	Accounts []Account `json:"accounts,omitempty"`
	// Meters are the metering devices, as importMeteringDeviceData takes
	// them.
	Meters []Meter `json:"meters,omitempty"`
	// PaymentDocuments are the payment documents, as
	// importPaymentDocumentData takes them.
	PaymentDocuments []PaymentDocument `json:"paymentDocuments,omitempty"`
}

// CheckQuality runs every data-quality check over in and returns the
// findings. today is the day expiry is judged on. The order is fixed:
// organisations, services, contracts (with the houses no active contract
// covers), housing objects, accounts, meters, payment documents; within an
// area the caller's order of the objects; within an object the order of
// the checks in this file.
func CheckQuality(in QualityInput, today Date) []Finding {
	var out []Finding
	out = append(out, CheckOrganisations(in.Organisations)...)
	out = append(out, CheckServices(in.Services, in.Organisations)...)
	out = append(out, CheckContracts(in.Contracts, in.HousingObjects, today)...)
	out = append(out, CheckHousingObjects(in.HousingObjects, in.Accounts)...)
	out = append(out, CheckAccounts(in.Accounts, in.PaymentDocuments, in.Contracts, in.HousingObjects, today)...)
	out = append(out, CheckMeters(in.Meters, today)...)
	out = append(out, CheckPaymentDocuments(in.PaymentDocuments)...)
	return out
}

// findings collects the findings of one area.
type findings struct {
	list []Finding
}

// add records a finding about the object of kind and key at path.
func (f *findings) add(kind, key, path, check, message string) {
	f.list = append(f.list, Finding{Object: ObjectRef{Kind: kind, Key: key}, Path: path, Check: check, Message: message})
}

// keyOr returns the first non-empty of keys, or fallback.
func keyOr(fallback string, keys ...string) string {
	for _, k := range keys {
		if k != "" {
			return k
		}
	}
	return fallback
}

// guidKey returns the lower-case GUID, or "" for the zero GUID.
func guidKey(id uuid.UUID) string {
	if id == uuid.Nil {
		return ""
	}
	return id.String()
}

// CheckOrganisations finds organisations without a GIS GUID and
// organisations that repeat the OGRN or the GUID of an earlier one. The key
// of an organisation is its GUID, else its OGRN, else its path.
func CheckOrganisations(orgs []Organisation) []Finding {
	var f findings
	byOGRN := map[string]int{}
	byGUID := map[uuid.UUID]int{}
	for i, o := range orgs {
		p := path("organisations", i)
		key := keyOr(p, guidKey(o.GUID), o.OGRN)
		if o.GUID == uuid.Nil {
			f.add("organisation", key, p, CheckOrganisationNoGUID,
				"поставщик информации без идентификатора (ГУИД) ГИС ЖКХ")
		}
		ogrn := strings.TrimSpace(o.OGRN)
		if ogrn != "" {
			if j, dup := byOGRN[ogrn]; dup {
				f.add("organisation", key, p, CheckOrganisationDuplicateOGRN,
					fmt.Sprintf("ОГРН %s уже указан у организации %s", ogrn, path("organisations", j)))
			} else {
				byOGRN[ogrn] = i
			}
		}
		if o.GUID != uuid.Nil {
			if j, dup := byGUID[o.GUID]; dup {
				f.add("organisation", key, p, CheckOrganisationDuplicateGUID,
					fmt.Sprintf("ГУИД %s уже указан у организации %s", o.GUID, path("organisations", j)))
			} else {
				byGUID[o.GUID] = i
			}
		}
	}
	return f.list
}

// CheckServices finds services without an OKEI code or without a data
// provider and, when orgs is not empty, services whose data provider is
// none of orgs. The key of a service is its code, else its name, else its
// path.
func CheckServices(services []ServiceInfo, orgs []Organisation) []Finding {
	var f findings
	known := make(map[uuid.UUID]bool, len(orgs))
	for _, o := range orgs {
		known[o.GUID] = true
	}
	for i, s := range services {
		p := path("services", i)
		key := keyOr(p, s.Code, s.Name)
		if strings.TrimSpace(s.OKEI) == "" {
			f.add("service", key, p, CheckServiceNoOKEI, "не указан код единицы измерения по ОКЕИ")
		}
		switch {
		case s.DataProviderGUID == uuid.Nil:
			f.add("service", key, p, CheckServiceNoProvider, "не указан поставщик информации")
		case len(orgs) > 0 && !known[s.DataProviderGUID]:
			f.add("service", key, p, CheckServiceUnknownProvider,
				fmt.Sprintf("поставщика информации с ГУИД %s нет среди организаций", s.DataProviderGUID))
		}
	}
	return f.list
}

// CheckContracts finds contracts whose term ended before today, contracts
// without services, contracts without houses and accounts, contracts that
// list a house twice, contracts active today that provide a service for a
// house an earlier active contract already provides it for and, when
// houses is not empty, contracts that name a house absent from it and
// houses that no contract active today covers. The key of a contract is
// its number, else its GUID, else its path.
func CheckContracts(contracts []SupplyContract, houses []HousingObject, today Date) []Finding {
	var f findings
	known := make(map[uuid.UUID]bool, len(houses))
	for _, h := range houses {
		known[h.FIASHouseGUID] = true
	}
	type houseService struct {
		house   uuid.UUID
		service string
	}
	firstActive := map[houseService]int{}
	covered := map[uuid.UUID]bool{}
	for i, c := range contracts {
		p := path("contracts", i)
		key := keyOr(p, c.Number, guidKey(c.GUID))
		active := c.ActiveOn(today)
		if !c.To.IsZero() && c.To.Before(today) {
			f.add("contract", key, p, CheckContractExpired,
				fmt.Sprintf("срок действия договора истек %s", c.To))
		}
		if len(c.Services) == 0 {
			f.add("contract", key, p, CheckContractNoServices, "в договоре не указана ни одна услуга")
		}
		if len(c.Houses) == 0 && len(c.Accounts) == 0 {
			f.add("contract", key, p, CheckContractNoObjects, "в договоре нет ни объектов жилищного фонда, ни лицевых счетов")
		}
		seen := make(map[uuid.UUID]bool, len(c.Houses))
		for j, h := range c.Houses {
			hp := fmt.Sprintf("%s.houses[%d]", p, j)
			if seen[h] {
				f.add("contract", key, hp, CheckContractDuplicateHouse,
					fmt.Sprintf("дом %s указан в договоре более одного раза", h))
				continue
			}
			seen[h] = true
			if len(houses) > 0 && !known[h] {
				f.add("contract", key, hp, CheckContractUnknownHouse,
					fmt.Sprintf("дома с ГУИД %s нет среди объектов жилищного фонда", h))
			}
			if !active {
				continue
			}
			covered[h] = true
			for _, s := range c.Services {
				s = strings.TrimSpace(s)
				hs := houseService{h, s}
				if k, dup := firstActive[hs]; dup && k != i {
					other := contracts[k]
					f.add("contract", key, hp, CheckContractOverlap,
						fmt.Sprintf("услугу %s для дома %s уже предоставляет действующий договор %s", s, h, keyOr(path("contracts", k), other.Number, guidKey(other.GUID))))
				} else if !dup {
					firstActive[hs] = i
				}
			}
		}
	}
	if len(contracts) > 0 {
		for i, h := range houses {
			if h.FIASHouseGUID == uuid.Nil || covered[h.FIASHouseGUID] {
				continue
			}
			p := path("housingObjects", i)
			f.add("house", keyOr(p, guidKey(h.FIASHouseGUID), h.Address), p, CheckHouseNoContracts,
				fmt.Sprintf("на %s нет действующих договоров, охватывающих дом", today))
		}
	}
	return f.list
}

// CheckHousingObjects finds housing objects without a GUID, with a
// temporary GUID (see HousingObject) or without accounts, apartment
// buildings without entrances or premises, and premises and rooms without
// accounts. An account counts for the house, premise or room its
// accommodations name; an account on a room counts for its premise and an
// account on a premise or a room for its house. Closed accounts do not
// count. The key of a house is its GUID, else its address, else its path;
// of a premise or a room, the house key and the number
// ("<house>/пом. 12/ком. 2").
func CheckHousingObjects(houses []HousingObject, accounts []Account) []Finding {
	var f findings
	occ := newOccupancy(accountsOf(accounts))
	for i, h := range houses {
		f.list = append(f.list, checkHouse(h, path("housingObjects", i), occ)...)
	}
	return f.list
}

// occupancy counts the open accounts on each house, premise and room GUID.
type occupancy map[uuid.UUID]int

// newOccupancy counts the places of the open accounts.
func newOccupancy(accounts []accountFacts) occupancy {
	o := occupancy{}
	for _, a := range accounts {
		if a.closed {
			continue
		}
		for _, id := range a.places {
			o[id]++
		}
	}
	return o
}

// has reports whether an open account is on id.
func (o occupancy) has(id uuid.UUID) bool { return id != uuid.Nil && o[id] > 0 }

// checkHouse finds the problems of the house h at path p.
func checkHouse(h HousingObject, p string, occ occupancy) []Finding {
	var f findings
	key := keyOr(p, guidKey(h.FIASHouseGUID), h.Address)
	if h.FIASHouseGUID == uuid.Nil {
		f.add("house", key, p, CheckHouseNoGUID, "не указан ГУИД дома по ФИАС")
	} else if h.TemporaryGUID {
		f.add("house", key, p, CheckHouseTemporaryGUID,
			"дом с временным ГУИД ГИС ЖКХ: дома нет в ФИАС, ГУИД будет заменен")
	}
	houseOccupied := occ.has(h.FIASHouseGUID)
	var inner findings
	for j, pr := range h.Premises {
		pp := fmt.Sprintf("%s.premises[%d]", p, j)
		pkey := key + "/пом. " + keyOr(fmt.Sprintf("[%d]", j), pr.Number)
		occupied := occ.has(pr.GUID)
		var rooms findings
		for k, r := range pr.Rooms {
			if occ.has(r.GUID) {
				occupied = true
				continue
			}
			rooms.add("room", pkey+"/ком. "+keyOr(fmt.Sprintf("[%d]", k), r.Number),
				fmt.Sprintf("%s.rooms[%d]", pp, k), CheckRoomNoAccounts, "комната без лицевых счетов")
		}
		if occupied {
			houseOccupied = true
		} else {
			inner.add("premise", pkey, pp, CheckPremiseNoAccounts, "помещение без лицевых счетов")
		}
		inner.list = append(inner.list, rooms.list...)
	}
	if !houseOccupied {
		f.add("house", key, p, CheckHouseNoAccounts, "объект жилищного фонда без лицевых счетов")
	}
	if h.Kind == ApartmentBuilding {
		if len(h.Entrances) == 0 {
			f.add("house", key, p, CheckHouseNoEntrances, "многоквартирный дом без подъездов")
		}
		if len(h.Premises) == 0 {
			f.add("house", key, p, CheckHouseNoPremises, "многоквартирный дом без помещений")
		}
	}
	return append(f.list, inner.list...)
}

// accountFacts is what the checks need of an account.
type accountFacts struct {
	index  int
	number string
	guid   uuid.UUID
	closed bool
	// places are the house, premise and room GUIDs of the accommodations.
	places []uuid.UUID
	// contractGUIDs and contractNumbers name the supply contracts the
	// account is based on.
	contractGUIDs   []uuid.UUID
	contractNumbers []string
}

// accountsOf gathers the facts of every account, in order.
func accountsOf(accounts []Account) []accountFacts {
	out := make([]accountFacts, len(accounts))
	for i, a := range accounts {
		f := accountFacts{index: i, number: strings.TrimSpace(a.AccountNumber), guid: a.AccountGUID, closed: a.Closed != nil}
		for _, acc := range a.Accommodations {
			for _, id := range [...]uuid.UUID{acc.FIASHouseGUID, acc.PremisesGUID, acc.LivingRoomGUID} {
				if id != uuid.Nil {
					f.places = append(f.places, id)
				}
			}
		}
		if a.Reasons != nil {
			for _, r := range a.Reasons.SupplyResourceContracts {
				if r.ContractGUID != uuid.Nil {
					f.contractGUIDs = append(f.contractGUIDs, r.ContractGUID)
				}
				if n := strings.TrimSpace(r.Number); n != "" {
					f.contractNumbers = append(f.contractNumbers, n)
				}
			}
		}
		out[i] = f
	}
	return out
}

// key names the account: its number, else its GUID, else its path.
func (a accountFacts) key() string {
	if a.number != "" {
		return a.number
	}
	return keyOr(a.path(), guidKey(a.guid))
}

// path locates the account in the input.
func (a accountFacts) path() string { return path("accounts", a.index) }

// chargedService is one service charge of a payment document.
type chargedService struct {
	// key tells services apart: the kind and the NSI GUID, or the kind
	// and the NSI code when the GUID is not given.
	key string
	// code and guid are the NSI code and GUID of the service.
	code string
	guid uuid.UUID
	// index is the charge's index in the document's Charges.
	index int
}

// name returns the NSI code of the service, else its GUID.
func (s chargedService) name() string { return keyOr("?", s.code, guidKey(s.guid)) }

// billFacts is what the checks need of a payment document.
type billFacts struct {
	key           string
	index         int
	accountNumber string
	accountGUID   uuid.UUID
	period        string
	services      []chargedService
}

// path locates the document in the input.
func (b billFacts) path() string { return path("paymentDocuments", b.index) }

// chargePath locates a charge of the document in the input.
func (b billFacts) chargePath(s chargedService) string {
	return b.path() + ".charges[" + strconv.Itoa(s.index) + "]"
}

// label returns the key of the document, or its path when it has none.
func (b billFacts) label() string {
	if b.key != "" {
		return b.key
	}
	return b.path()
}

// billsOf gathers the facts of every payment document, in order.
func billsOf(docs []PaymentDocument) []billFacts {
	out := make([]billFacts, len(docs))
	for i, d := range docs {
		b := billFacts{
			index: i, key: keyOr(d.Number, d.DocumentID),
			accountNumber: strings.TrimSpace(d.AccountNumber), accountGUID: d.AccountGUID,
			period: fmt.Sprintf("%02d.%04d", d.Month, d.Year),
		}
		for j, c := range d.Charges {
			kind := c.Kind
			if kind == "" {
				kind = ChargeHousing
			}
			code := strings.TrimSpace(c.Service.Code)
			id := keyOr(code, guidKey(c.Service.GUID))
			if id == "" {
				continue
			}
			b.services = append(b.services, chargedService{
				key: string(kind) + "|" + id, code: code, guid: c.Service.GUID,
				index: j,
			})
		}
		out[i] = b
	}
	return out
}

// CheckAccounts finds accounts charged, in their payment documents, for a
// service that no contract active today provides for them. A payment
// document belongs to an account with its AccountNumber or its
// AccountGUID. A contract provides for an account when it lists the
// account's number, when it covers a house of the account (named by an
// accommodation directly or through a premise or room of houses), or when
// the account's reasons name the contract by GUID or number. A contract
// service matches a charge by the charge's NSI code or GUID. Closed
// accounts, accounts without payment documents, and every account when
// contracts is empty, are not judged. The key of an account is its
// number, else its GUID.
func CheckAccounts(accounts []Account, docs []PaymentDocument, contracts []SupplyContract, houses []HousingObject, today Date) []Finding {
	if len(contracts) == 0 || len(docs) == 0 {
		return nil
	}
	bills := billsOf(docs)
	houseOf := map[uuid.UUID]uuid.UUID{}
	for _, h := range houses {
		if h.FIASHouseGUID == uuid.Nil {
			continue
		}
		for _, pr := range h.Premises {
			if pr.GUID != uuid.Nil {
				houseOf[pr.GUID] = h.FIASHouseGUID
			}
			for _, r := range pr.Rooms {
				if r.GUID != uuid.Nil {
					houseOf[r.GUID] = h.FIASHouseGUID
				}
			}
		}
	}
	cover := newCoverage(contracts, today)
	billsByNumber := map[string][]int{}
	billsByGUID := map[uuid.UUID][]int{}
	for i, b := range bills {
		if b.accountNumber != "" {
			billsByNumber[b.accountNumber] = append(billsByNumber[b.accountNumber], i)
		}
		if b.accountGUID != uuid.Nil {
			billsByGUID[b.accountGUID] = append(billsByGUID[b.accountGUID], i)
		}
	}
	var f findings
	for _, a := range accountsOf(accounts) {
		if a.closed {
			continue
		}
		var mine []int
		if a.number != "" {
			mine = append(mine, billsByNumber[a.number]...)
		}
		if a.guid != uuid.Nil {
			mine = append(mine, billsByGUID[a.guid]...)
		}
		if len(mine) == 0 {
			continue
		}
		slices.Sort(mine)
		mine = slices.Compact(mine)
		provided := cover.services(a, houseOf)
		reported := map[string]bool{}
		for _, i := range mine {
			b := bills[i]
			for _, s := range b.services {
				if reported[s.key] || (s.code != "" && provided[s.code]) || (s.guid != uuid.Nil && provided[s.guid.String()]) {
					continue
				}
				reported[s.key] = true
				f.add("account", a.key(), a.path(), CheckAccountServiceNotContracted,
					fmt.Sprintf("услуга %s из платежного документа %s за %s отсутствует в договорах, действующих на %s",
						s.name(), b.label(), b.period, today))
			}
		}
	}
	return f.list
}

// coverage indexes the contracts active on a day by what they cover.
type coverage struct {
	contracts []SupplyContract
	byAccount map[string][]int
	byHouse   map[uuid.UUID][]int
	byGUID    map[uuid.UUID][]int
	byNumber  map[string][]int
}

// newCoverage indexes the contracts active on today.
func newCoverage(contracts []SupplyContract, today Date) coverage {
	c := coverage{byAccount: map[string][]int{}, byHouse: map[uuid.UUID][]int{}, byGUID: map[uuid.UUID][]int{}, byNumber: map[string][]int{}}
	for _, k := range contracts {
		if !k.ActiveOn(today) {
			continue
		}
		i := len(c.contracts)
		c.contracts = append(c.contracts, k)
		for _, a := range k.Accounts {
			c.byAccount[a] = append(c.byAccount[a], i)
		}
		for _, h := range k.Houses {
			c.byHouse[h] = append(c.byHouse[h], i)
		}
		if k.GUID != uuid.Nil {
			c.byGUID[k.GUID] = append(c.byGUID[k.GUID], i)
		}
		if k.Number != "" {
			c.byNumber[k.Number] = append(c.byNumber[k.Number], i)
		}
	}
	return c
}

// services returns the service codes and GUIDs the active contracts
// provide for account a: contracts that list its number, that cover a
// house of its accommodations, or that its reasons name.
func (c coverage) services(a accountFacts, houseOf map[uuid.UUID]uuid.UUID) map[string]bool {
	var idx []int
	if a.number != "" {
		idx = append(idx, c.byAccount[a.number]...)
	}
	for _, g := range a.contractGUIDs {
		idx = append(idx, c.byGUID[g]...)
	}
	for _, n := range a.contractNumbers {
		idx = append(idx, c.byNumber[n]...)
	}
	for _, id := range a.places {
		house := id
		if h, ok := houseOf[id]; ok {
			house = h
		}
		idx = append(idx, c.byHouse[house]...)
	}
	out := map[string]bool{}
	for _, i := range idx {
		for _, s := range c.contracts[i].Services {
			out[strings.TrimSpace(s)] = true
		}
	}
	return out
}

// CheckPaymentDocuments finds charges for a service already charged for
// in the same period of the same account: twice in one payment document,
// or again in another document of the account (by AccountGUID, else
// AccountNumber) for that period. Charges are for the same service when
// they are of the same kind and have the same NSI GUID (or, without GUIDs,
// the same NSI code). The key of a document is its number, else its GIS
// identifier, else its path.
func CheckPaymentDocuments(docs []PaymentDocument) []Finding {
	var f findings
	type slot struct{ account, period, service string }
	first := map[slot]int{}
	bills := billsOf(docs)
	for i, b := range bills {
		account := guidKey(b.accountGUID)
		if account == "" {
			account = b.accountNumber
		}
		if account == "" {
			// An unknown account: compare the document with itself only.
			account = b.path()
		}
		for _, s := range b.services {
			k := slot{account, b.period, s.key}
			j, dup := first[k]
			switch {
			case !dup:
				first[k] = i
			case j == i:
				f.add("payment_document", b.label(), b.chargePath(s), CheckPaymentDocumentDuplicateService,
					fmt.Sprintf("услуга %s указана в начислении за %s более одного раза", s.name(), b.period))
			default:
				f.add("payment_document", b.label(), b.chargePath(s), CheckPaymentDocumentDuplicateService,
					fmt.Sprintf("услуга %s уже начислена за %s в платежном документе %s того же лицевого счета", s.name(), b.period, bills[j].label()))
			}
		}
	}
	return f.list
}

// CheckMeters finds meters without a serial number or without a seal
// date, seals with a number but no date or a date but no number, a
// verification interval of one year or none (neither
// VerificationIntervalYears nor the NSI 16 entry), and an expired
// verification: the last verification date plus VerificationIntervalYears
// is before today. Archived meters (MeterArchive) are not judged. The key
// of a meter is its serial number, else its VersionGUID, else its path.
func CheckMeters(meters []Meter, today Date) []Finding {
	var f findings
	for i, m := range meters {
		if m.Action == MeterArchive {
			continue
		}
		p := path("meters", i)
		serial := strings.TrimSpace(m.SerialNumber)
		key := keyOr(p, serial, guidKey(m.VersionGUID))
		if serial == "" {
			f.add("meter", key, p, CheckMeterNoSerial, "не указан заводской номер прибора учета")
		}
		hasNumber := strings.TrimSpace(m.Seal.Number) != ""
		switch {
		case m.Seal.Date.IsZero() && !hasNumber:
			f.add("meter", key, p, CheckMeterNoSealDate, "не указана дата установки пломбы")
		case m.Seal.Date.IsZero():
			f.add("meter", key, p, CheckMeterSealNoDate, "пломба с номером, но без даты установки")
		case !hasNumber:
			f.add("meter", key, p, CheckMeterSealNoNumber, "пломба с датой установки, но без номера")
		}
		years := m.VerificationIntervalYears
		switch {
		case years == 1:
			f.add("meter", key, p, CheckMeterIntervalOneYear, "межповерочный интервал равен 1 году")
		case years <= 0 && m.VerificationInterval.IsZero():
			f.add("meter", key, p, CheckMeterNoInterval, "не установлен межповерочный интервал")
		}
		if years > 0 && !m.LastVerificationDate.IsZero() {
			if due := addYears(m.LastVerificationDate, years); due.Before(today) {
				f.add("meter", key, p, CheckMeterVerificationExpired,
					fmt.Sprintf("срок поверки истек %s (последняя поверка %s, интервал %s)", due, m.LastVerificationDate, yearsText(years)))
			}
		}
	}
	return f.list
}

// yearsText returns "1 год", "3 года", "6 лет".
func yearsText(n int) string {
	word := "лет"
	switch {
	case n%100 >= 11 && n%100 <= 14:
	case n%10 == 1:
		word = "год"
	case n%10 >= 2 && n%10 <= 4:
		word = "года"
	}
	return fmt.Sprintf("%d %s", n, word)
}

// addYears returns d moved by n years; 29 February moves to 1 March in a
// year that has no such day.
func addYears(d Date, n int) Date {
	return civil.Of(time.Date(d.Year+n, d.Month, d.Day, 0, 0, 0, 0, time.UTC))
}
