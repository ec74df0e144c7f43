package gis

import (
	"strings"

	"github.com/beevik/etree"
	"github.com/google/uuid"
)

// OrgSearchesPerExport is the most search criteria one exportOrgRegistry
// message may carry (SearchCriteria 1..100).
const OrgSearchesPerExport = 100

// OrgSearch is one search criterion of exportOrgRegistry: exactly one of
// OGRN (with an optional KPP, to find a branch), OGRNIP, NZA,
// OrgVersionGUID, OrgRootEntityGUID or OrgPPAGUID.
type OrgSearch struct {
	// OGRN is the 13-digit state registration number of a legal entity.
	OGRN string `json:"ogrn,omitempty"`
	// KPP narrows an OGRN search to one subdivision (9 digits).
	KPP string `json:"kpp,omitempty"`
	// OGRNIP is the 15-digit registration number of an entrepreneur.
	OGRNIP string `json:"ogrnip,omitempty"`
	// NZA is the 11-digit accreditation number of a foreign branch.
	NZA string `json:"nza,omitempty"`
	// OrgVersionGUID selects one version of an organisation.
	OrgVersionGUID uuid.UUID `json:"orgVersionGuid,omitzero"`
	// OrgRootEntityGUID selects an organisation by its root GUID.
	OrgRootEntityGUID uuid.UUID `json:"orgRootEntityGuid,omitzero"`
	// OrgPPAGUID selects an organisation registered in GIS.
	OrgPPAGUID uuid.UUID `json:"orgPpaGuid,omitzero"`
	// OnlyRegistered keeps the organisations that have a cabinet in GIS.
	OnlyRegistered bool `json:"onlyRegistered,omitempty"`
}

// OrgRegistryQuery is an exportOrgRegistry request: the search criteria
// (split over several messages above 100) and an optional lower bound of
// the last change.
type OrgRegistryQuery struct {
	// Criteria are the searches; at least one.
	Criteria []OrgSearch `json:"criteria"`
	// LastEditingDateFrom keeps the organisations changed since that day.
	LastEditingDateFrom Date `json:"lastEditingDateFrom,omitzero"`
}

// validate records the violations of one criterion at p.
func (s OrgSearch) validate(v *violations, p string) {
	n := 0
	for _, set := range []bool{s.OGRN != "", s.OGRNIP != "", s.NZA != "", s.OrgVersionGUID != uuid.Nil, s.OrgRootEntityGUID != uuid.Nil, s.OrgPPAGUID != uuid.Nil} {
		if set {
			n++
		}
	}
	switch {
	case n == 0:
		v.add(p, "required", "укажите ОГРН, ОГРНИП, НЗА или идентификатор организации")
	case n > 1:
		v.add(p, "choice", "укажите только один критерий поиска")
	}
	v.digitsOfLength(p+".ogrn", s.OGRN, 13, "ОГРН состоит из 13 цифр")
	v.digitsOfLength(p+".ogrnip", s.OGRNIP, 15, "ОГРНИП состоит из 15 цифр")
	v.digitsOfLength(p+".nza", s.NZA, 11, "НЗА состоит из 11 цифр")
	v.digitsOfLength(p+".kpp", s.KPP, 9, "КПП состоит из 9 цифр")
	if s.KPP != "" && s.OGRN == "" {
		v.add(p+".kpp", "choice", "КПП указывается только вместе с ОГРН")
	}
}

// ExportOrgRegistry builds exportOrgRegistry
// (orgcom:exportOrgRegistryRequest): one message per 100 criteria. Read the
// results with ReadExportOrgRegistry; when IsNextPage is set, GIS has
// more and the request is to be repeated with narrower criteria.
func (b *Builder) ExportOrgRegistry(q OrgRegistryQuery) ([]*Message, error) {
	var v violations
	if len(q.Criteria) == 0 {
		v.add("criteria", "required", "не указано ни одного критерия поиска")
	}
	for i, s := range q.Criteria {
		s.validate(&v, path("criteria", i))
	}
	v.dateValue("", "lastEditingDateFrom", q.LastEditingDateFrom, false)
	if err := v.err(); err != nil {
		return nil, err
	}
	var out []*Message
	for _, r := range batches(len(q.Criteria), OrgSearchesPerExport) {
		m, err := b.exportMessage("exportOrgRegistry", "", func(body *etree.Element) []ObjectRef {
			objects := make([]ObjectRef, 0, r[1]-r[0])
			for _, s := range q.Criteria[r[0]:r[1]] {
				objects = append(objects, ObjectRef{Kind: "organisation", Key: writeOrgSearch(add(body, "orgcom:SearchCriteria"), s)})
			}
			addOptDate(body, "orgcom:lastEditingDateFrom", q.LastEditingDateFrom)
			return objects
		})
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// writeOrgSearch writes one SearchCriteria and returns the key it
// searches by.
func writeOrgSearch(e *etree.Element, s OrgSearch) string {
	var key string
	switch {
	case s.OGRNIP != "":
		key = addText(e, "organizations-base:OGRNIP", s.OGRNIP).Text()
	case s.OGRN != "":
		key = addText(e, "organizations-base:OGRN", s.OGRN).Text()
		if s.KPP != "" {
			addText(e, "organizations-base:KPP", s.KPP)
			key += "/" + s.KPP
		}
	case s.NZA != "":
		key = addText(e, "organizations-base:NZA", s.NZA).Text()
	case s.OrgVersionGUID != uuid.Nil:
		key = addGUID(e, "organizations-registry-base:orgVersionGUID", s.OrgVersionGUID).Text()
	case s.OrgRootEntityGUID != uuid.Nil:
		key = addGUID(e, "organizations-registry-base:orgRootEntityGUID", s.OrgRootEntityGUID).Text()
	default:
		key = addGUID(e, "orgcom:orgPPAGUID", s.OrgPPAGUID).Text()
	}
	if s.OnlyRegistered {
		addText(e, "orgcom:isRegistered", "true")
	}
	return key
}

// OrgKind is the kind of an organisation in the registry.
type OrgKind string

// The kinds of organisations.
const (
	// OrgLegal is a legal entity.
	OrgLegal OrgKind = "legal"
	// OrgSubsidiary is a separate subdivision of a legal entity.
	OrgSubsidiary OrgKind = "subsidiary"
	// OrgEntrepreneur is an individual entrepreneur.
	OrgEntrepreneur OrgKind = "entrepreneur"
	// OrgForeignBranch is a branch or representative office of a foreign
	// legal entity.
	OrgForeignBranch OrgKind = "foreign_branch"
)

// OrgRegistryRecord is one organisation of an exportOrgRegistry result.
// Fields a kind does not have stay empty.
type OrgRegistryRecord struct {
	// RootEntityGUID identifies the organisation across its versions.
	RootEntityGUID uuid.UUID `json:"rootEntityGuid"`
	// VersionGUID identifies this version.
	VersionGUID uuid.UUID `json:"versionGuid"`
	// LastEditingDate is when the version last changed.
	LastEditingDate Date `json:"lastEditingDate"`
	// IsActual reports whether the version is the current one.
	IsActual bool `json:"isActual"`
	// Kind is the kind of organisation.
	Kind OrgKind `json:"kind"`
	// FullName, ShortName and CommercialName are the names of a legal
	// entity, subdivision or foreign branch.
	FullName       string `json:"fullName,omitempty"`
	ShortName      string `json:"shortName,omitempty"`
	CommercialName string `json:"commercialName,omitempty"`
	// Surname, FirstName and Patronymic name an entrepreneur.
	Surname    string `json:"surname,omitempty"`
	FirstName  string `json:"firstName,omitempty"`
	Patronymic string `json:"patronymic,omitempty"`
	// OGRN is the OGRN of a legal entity or subdivision; OGRNIP that of an
	// entrepreneur; NZA that of a foreign branch.
	OGRN   string `json:"ogrn,omitempty"`
	OGRNIP string `json:"ogrnip,omitempty"`
	NZA    string `json:"nza,omitempty"`
	INN    string `json:"inn,omitempty"`
	KPP    string `json:"kpp,omitempty"`
	OKOPF  string `json:"okopf,omitempty"`
	// Address is the legal address as text; FIASHouseGUID its house.
	Address       string    `json:"address,omitempty"`
	FIASHouseGUID uuid.UUID `json:"fiasHouseGuid,omitzero"`
	// StateRegistrationDate and ActivityEndDate bound the activity.
	StateRegistrationDate Date `json:"stateRegistrationDate,omitzero"`
	ActivityEndDate       Date `json:"activityEndDate,omitzero"`
	// ParentVersionGUID is the head organisation of a subdivision.
	ParentVersionGUID uuid.UUID `json:"parentVersionGuid,omitzero"`
	// Status is registryOrganizationStatus ("P" when published).
	Status string `json:"status,omitempty"`
	// OrgPPAGUID identifies the organisation as a registered data
	// provider.
	OrgPPAGUID uuid.UUID `json:"orgPpaGuid,omitzero"`
	// Roles are the organisation's powers (NSI 20).
	Roles []NsiRef `json:"roles,omitempty"`
	// Registered reports whether the organisation is registered in GIS.
	Registered bool `json:"registered"`
}

// OrgRegistryPage is what one exportOrgRegistry result holds.
type OrgRegistryPage struct {
	// Organizations are the organisations found.
	Organizations []OrgRegistryRecord `json:"organizations"`
	// IsNextPage reports that GIS did not return everything: repeat the
	// request with narrower criteria.
	IsNextPage bool `json:"isNextPage"`
}

// ReadExportOrgRegistry reads the organisations of an exportOrgRegistry
// result. A "nothing to export" result gives an empty page and no error.
func ReadExportOrgRegistry(r *StateResult) (OrgRegistryPage, error) {
	els, err := readyPayload(r, "exportOrgRegistryResult")
	if err != nil {
		return OrgRegistryPage{}, err
	}
	page := OrgRegistryPage{IsNextPage: r.IsNextPage}
	for _, e := range els {
		o, err := readOrgRegistryRecord(e)
		if err != nil {
			return OrgRegistryPage{}, err
		}
		page.Organizations = append(page.Organizations, o)
	}
	return page, nil
}

// readOrgRegistryRecord reads one exportOrgRegistryResult.
func readOrgRegistryRecord(e *etree.Element) (OrgRegistryRecord, error) {
	var pr payloadReader
	o := OrgRegistryRecord{
		RootEntityGUID: pr.guid(e, "orgRootEntityGUID"),
		OrgPPAGUID:     pr.guid(e, "orgPPAGUID"),
	}
	for _, re := range children(e, "organizationRoles") {
		ref, err := readNsiRef(re)
		pr.keep(err)
		o.Roles = append(o.Roles, ref)
	}
	o.Registered = pr.boolean(e, "isRegistered")
	v := firstChild(e, "OrgVersion")
	if v == nil {
		return o, pr.or(payloadErrorf("exportOrgRegistryResult: нет OrgVersion"))
	}
	o.VersionGUID = pr.guid(v, "orgVersionGUID")
	o.LastEditingDate = pr.date(v, "lastEditingDate")
	o.IsActual = pr.boolean(v, "IsActual")
	o.Status = strings.TrimSpace(childText(v, "registryOrganizationStatus"))
	var body *etree.Element
	for _, k := range []struct {
		tag  string
		kind OrgKind
	}{{"Legal", OrgLegal}, {"Subsidiary", OrgSubsidiary}, {"Entrp", OrgEntrepreneur}, {"ForeignBranch", OrgForeignBranch}} {
		if c := firstChild(v, k.tag); c != nil {
			body, o.Kind = c, k.kind
			break
		}
	}
	if body == nil {
		return o, pr.or(payloadErrorf("OrgVersion: нет сведений об организации"))
	}
	o.FullName = childText(body, "FullName")
	o.ShortName = childText(body, "ShortName")
	o.CommercialName = childText(body, "CommercialName")
	o.Surname = childText(body, "Surname")
	o.FirstName = childText(body, "FirstName")
	o.Patronymic = childText(body, "Patronymic")
	o.OGRN = strings.TrimSpace(childText(body, "OGRN"))
	o.OGRNIP = strings.TrimSpace(childText(body, "OGRNIP"))
	o.NZA = strings.TrimSpace(childText(body, "NZA"))
	o.INN = strings.TrimSpace(childText(body, "INN"))
	o.KPP = strings.TrimSpace(childText(body, "KPP"))
	o.OKOPF = strings.TrimSpace(childText(body, "OKOPF"))
	o.Address = childText(body, "Address")
	o.FIASHouseGUID = pr.guid(body, "FIASHouseGuid")
	o.StateRegistrationDate = pr.date(body, "StateRegistrationDate")
	o.ActivityEndDate = pr.date(body, "ActivityEndDate")
	if p := firstChild(firstChild(body, "ParentOrg"), "RegOrgVersion"); p != nil {
		o.ParentVersionGUID = pr.guid(p, "orgVersionGUID")
	}
	return o, pr.err
}
