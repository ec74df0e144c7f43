package application

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/internal/fault"
)

// ProviderKind is the kind of a provider of housing and communal services.
type ProviderKind string

// The kinds of providers (исполнители ЖКУ).
const (
	// ProviderManagingOrganisation is a managing organisation
	// (управляющая организация, УО).
	ProviderManagingOrganisation ProviderKind = "managing_organisation"
	// ProviderHOA is a homeowners' association or a housing cooperative
	// (товарищество собственников жилья, ТСЖ, ЖСК).
	ProviderHOA ProviderKind = "hoa"
	// ProviderResourceSupplier is a resource supplying organisation
	// (ресурсоснабжающая организация, РСО).
	ProviderResourceSupplier ProviderKind = "resource_supplier"
	// ProviderRegionalOperator is a regional operator of solid waste
	// management or of capital repairs (региональный оператор).
	ProviderRegionalOperator ProviderKind = "regional_operator"
	// ProviderSettlementCentre is a unified settlement centre (единый
	// информационно-расчетный центр, ЕИРЦ).
	ProviderSettlementCentre ProviderKind = "settlement_centre"
)

// ProviderKinds returns every kind of provider, in a fixed order.
func ProviderKinds() []ProviderKind {
	return []ProviderKind{ProviderManagingOrganisation, ProviderHOA, ProviderResourceSupplier,
		ProviderRegionalOperator, ProviderSettlementCentre}
}

// Valid reports whether k is one of the kinds of providers.
func (k ProviderKind) Valid() bool { return slices.Contains(ProviderKinds(), k) }

// Title returns the Russian name of the kind for people to read, or the
// empty string for an unknown kind.
func (k ProviderKind) Title() string {
	switch k {
	case ProviderManagingOrganisation:
		return "Управляющая организация"
	case ProviderHOA:
		return "Товарищество собственников жилья"
	case ProviderResourceSupplier:
		return "Ресурсоснабжающая организация"
	case ProviderRegionalOperator:
		return "Региональный оператор"
	case ProviderSettlementCentre:
		return "Единый информационно-расчетный центр"
	}
	return ""
}

// Stable codes of the violations and errors of providers.
const (
	// CodeProviderID: the provider has no ID.
	CodeProviderID = "provider.id"
	// CodeProviderLegalEntity: the provider names no legal entity.
	CodeProviderLegalEntity = "provider.legal_entity"
	// CodeProviderKind: the kind is not one of ProviderKinds.
	CodeProviderKind = "provider.kind"
	// CodeProviderService: a service code is malformed, or (CheckProvider)
	// not an active entry of BookServices.
	CodeProviderService = "provider.service"
	// CodeProviderArea: an area is the nil UUID.
	CodeProviderArea = "provider.area"
	// CodeProviderTemplate: a template has no form kind or no template ID.
	CodeProviderTemplate = "provider.template"
	// CodeProviderDocuments: the document package belongs to another
	// provider.
	CodeProviderDocuments = "provider.documents"
	// CodeProviderSystem: the external system is incomplete or its address
	// is not an http(s) URL.
	CodeProviderSystem = "provider.system"
	// CodeProviderDuplicateItem: a service, an area or a template's form
	// kind is listed twice.
	CodeProviderDuplicateItem = "provider.duplicate_item"
	// CodeProviderNotFound: no provider has the ID.
	CodeProviderNotFound = "provider.not_found"
	// CodeProviderExists: a provider with the ID is stored already.
	CodeProviderExists = "provider.exists"
	// CodeProviderDuplicateLegalEntity: another provider is the same legal
	// entity.
	CodeProviderDuplicateLegalEntity = "provider.duplicate_legal_entity"
	// CodeProviderSystemMismatch: another provider names the same external
	// system (by ID) with a different name, address or client ID.
	CodeProviderSystemMismatch = "provider.system_mismatch"
)

// ProviderTemplate names the template (шаблон заявления исполнителя) the
// print package fills for one kind of form of the provider.
type ProviderTemplate struct {
	// FormKind is the kind of form, a snake_case key such as
	// "account_opening" or "meter_acceptance".
	FormKind string `json:"form_kind"`
	// TemplateID is the ID of the template in the print package's store.
	TemplateID uuid.UUID `json:"template_id"`
}

// ExternalSystem is the external information system (внешняя
// информационная система) that represents a provider: it fetches the
// provider's applications over the REST API and answers the product's
// questions about accounts and meters. Several providers may share one
// system, such as the system of a settlement centre; they then hold the
// same value. Credentials are not kept here: ClientID only names the
// client to the authentication service.
type ExternalSystem struct {
	// ID identifies the system; calls from the system are authenticated
	// to it.
	ID uuid.UUID `json:"id"`
	// Name is the Russian name of the system for people to read.
	Name string `json:"name"`
	// BaseURL is the absolute http or https address of the system's REST
	// API.
	BaseURL string `json:"base_url"`
	// ClientID is the client identifier of the system at the
	// authentication service, when it has one.
	ClientID string `json:"client_id,omitempty"`
}

// IsZero reports whether s is the zero value, which means the provider has
// no external system.
func (s ExternalSystem) IsZero() bool { return s == ExternalSystem{} }

// Provider is a provider of housing and communal services (исполнитель
// ЖКУ) as the directory of the MFC keeps it: which organisation it is,
// what it provides and where, the templates of its forms, the documents
// its applications need and the external system that represents it.
type Provider struct {
	// ID identifies the provider; the caller assigns it (uuid.NewV7).
	ID uuid.UUID `json:"id"`
	// Version grows by one with every stored change.
	Version int64 `json:"version"`
	// LegalEntity is the ID of the organisation in the register of legal
	// entities (subject.LegalEntity). It is required.
	LegalEntity uuid.UUID `json:"legal_entity"`
	// Kind is the kind of provider. It is required.
	Kind ProviderKind `json:"kind"`
	// Services are the codes of the services the provider provides,
	// entries of BookServices.
	Services []string `json:"services,omitempty"`
	// Areas are the IDs of the address objects (houses or territories) the
	// provider serves; each means the object and everything below it.
	Areas []uuid.UUID `json:"areas,omitempty"`
	// Templates are the provider's application templates, at most one per
	// form kind.
	Templates []ProviderTemplate `json:"templates,omitempty"`
	// Documents is the package of documents the provider's applications
	// need; its Provider is the provider's ID or the nil UUID.
	Documents document.Package `json:"documents"`
	// System is the external system that represents the provider; the
	// zero value means none.
	System ExternalSystem `json:"system,omitzero"`
}

// Clone returns a copy of p that shares no memory with it.
func (p Provider) Clone() Provider {
	p.Services = slices.Clone(p.Services)
	p.Areas = slices.Clone(p.Areas)
	p.Templates = slices.Clone(p.Templates)
	p.Documents.Items = slices.Clone(p.Documents.Items)
	return p
}

// Template returns the ID of the provider's template for the form kind.
func (p Provider) Template(formKind string) (uuid.UUID, bool) {
	for _, t := range p.Templates {
		if t.FormKind == formKind {
			return t.TemplateID, true
		}
	}
	return uuid.Nil, false
}

// Serves reports whether the provider serves any of the address objects:
// pass an object and its ancestors to ask whether it lies in an area.
func (p Provider) Serves(objectIDs []uuid.UUID) bool {
	for _, a := range p.Areas {
		if slices.Contains(objectIDs, a) {
			return true
		}
	}
	return false
}

// Provides reports whether the provider provides the service with the
// code.
func (p Provider) Provides(service string) bool { return slices.Contains(p.Services, service) }

// Validate checks the rules of the provider on its own — an ID, a legal
// entity, a known kind, well-formed service codes, areas and templates
// without repeats, a valid document package of its own and a complete
// external system when there is one — and returns a *ValidationError
// (ErrInvalid) with every violation, or nil. That the services are in the
// reference books is checked by CheckProvider.
func (p Provider) Validate() error { return validation(p.violations()) }

func (p Provider) violations() []Violation {
	var vs []Violation
	add := func(field, code, msg string) {
		vs = append(vs, Violation{Field: field, Code: code, Message: msg})
	}
	if p.ID == uuid.Nil {
		add("id", CodeProviderID, "Не задан идентификатор исполнителя")
	}
	if p.LegalEntity == uuid.Nil {
		add("legal_entity", CodeProviderLegalEntity, "Укажите организацию исполнителя")
	}
	if !p.Kind.Valid() {
		add("kind", CodeProviderKind, "Укажите вид исполнителя: управляющая организация, ТСЖ, ресурсоснабжающая организация, региональный оператор или ЕИРЦ")
	}
	services := map[string]bool{}
	for i, s := range p.Services {
		field := fmt.Sprintf("services[%d]", i)
		switch {
		case !isSnakeCase(s):
			add(field, CodeProviderService, "Неверный код услуги: строчные латинские буквы, цифры и знак подчеркивания")
		case services[s]:
			add(field, CodeProviderDuplicateItem, "Услуга «"+s+"» указана дважды")
		}
		services[s] = true
	}
	areas := map[uuid.UUID]bool{}
	for i, a := range p.Areas {
		field := fmt.Sprintf("areas[%d]", i)
		switch {
		case a == uuid.Nil:
			add(field, CodeProviderArea, "Не указан адресный объект территории обслуживания")
		case areas[a]:
			add(field, CodeProviderDuplicateItem, "Адресный объект указан в территории обслуживания дважды")
		}
		areas[a] = true
	}
	forms := map[string]bool{}
	for i, t := range p.Templates {
		field := fmt.Sprintf("templates[%d]", i)
		switch {
		case !isSnakeCase(t.FormKind):
			add(field+".form_kind", CodeProviderTemplate, "Неверный вид формы: строчные латинские буквы, цифры и знак подчеркивания")
		case forms[t.FormKind]:
			add(field+".form_kind", CodeProviderDuplicateItem, "Для вида формы «"+t.FormKind+"» уже указан шаблон")
		}
		forms[t.FormKind] = true
		if t.TemplateID == uuid.Nil {
			add(field+".template_id", CodeProviderTemplate, "Не выбран шаблон заявления")
		}
	}
	if p.Documents.Provider != uuid.Nil && p.Documents.Provider != p.ID {
		add("documents.provider", CodeProviderDocuments, "Пакет документов относится к другому исполнителю")
	}
	if ve, ok := p.Documents.Validate().(*fault.ValidationError); ok {
		for _, v := range ve.Violations {
			v.Field = "documents." + v.Field
			vs = append(vs, v)
		}
	}
	if !p.System.IsZero() {
		s := p.System
		if s.ID == uuid.Nil {
			add("system.id", CodeProviderSystem, "Не задан идентификатор внешней системы")
		}
		if strings.TrimSpace(s.Name) == "" {
			add("system.name", CodeProviderSystem, "Укажите наименование внешней системы")
		}
		if u, err := url.Parse(s.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			s.BaseURL != strings.TrimSpace(s.BaseURL) {
			add("system.base_url", CodeProviderSystem, "Адрес внешней системы должен быть полным адресом http:// или https://")
		}
		if s.ClientID != strings.TrimSpace(s.ClientID) || strings.ContainsAny(s.ClientID, " \t\r\n") {
			add("system.client_id", CodeProviderSystem, "Идентификатор клиента не должен содержать пробелов")
		}
	}
	return vs
}

// CheckProvider checks p.Validate and that every service of p is an
// active entry of BookServices in refs, and returns a *ValidationError
// (ErrInvalid) with every violation, nil, or the error of refs. Call it
// before storing a provider that a person has edited.
func CheckProvider(ctx context.Context, refs ReferenceRepository, p Provider) error {
	vs := p.violations()
	for i, s := range p.Services {
		if !isSnakeCase(s) {
			continue
		}
		e, err := refs.Get(ctx, BookServices, s)
		switch {
		case isNotFound(err):
		case err != nil:
			return err
		case e.Retired.IsZero():
			continue
		}
		vs = append(vs, Violation{Field: fmt.Sprintf("services[%d]", i), Code: CodeProviderService,
			Message: "Услуга «" + s + "» не найдена в справочнике или выведена из употребления"})
	}
	return validation(vs)
}

// CompareProviders orders providers by ID, the order of ProviderRepository
// listings; IDs made by uuid.NewV7 put them in the order of registration.
func CompareProviders(a, b Provider) int { return bytes.Compare(a.ID[:], b.ID[:]) }

// ProviderRepository stores the directory of providers. Every method
// returns ctx.Err() when ctx is done before it starts.
type ProviderRepository interface {
	// Create stores a new provider with Version 1, whatever p.Version
	// says. It returns the *ValidationError of p.Validate (ErrInvalid); an
	// error matching ErrConflict: ProviderExistsError when a provider
	// with the ID is stored, DuplicateLegalEntityError when another
	// provider is the same legal entity, SystemMismatchError when
	// CheckSharedSystem fails. Nothing is stored when it fails.
	Create(ctx context.Context, p Provider) error
	// Get returns the provider with the ID, or ProviderNotFoundError
	// (ErrNotFound).
	Get(ctx context.Context, id uuid.UUID) (Provider, error)
	// Update reads the provider, calls fn on a copy and stores the copy
	// with the Version bumped by one, as one unit: concurrent Updates are
	// serialised and none is lost. Changes fn makes to ID and Version are
	// ignored. When fn returns an error nothing is stored and the error
	// is returned as it is. Update returns the stored provider, or
	// ProviderNotFoundError (ErrNotFound), or the errors of Create for the
	// changed provider.
	Update(ctx context.Context, id uuid.UUID, fn func(*Provider) error) (Provider, error)
	// List returns every provider, ordered by CompareProviders.
	List(ctx context.Context) ([]Provider, error)
	// ServingAddress returns the providers with an area among objectIDs —
	// pass an address object and its ancestors to get the providers that
	// serve it — ordered by CompareProviders; none is an empty result.
	ServingAddress(ctx context.Context, objectIDs []uuid.UUID) ([]Provider, error)
	// ByExternalSystem returns the providers represented by the external
	// system with the ID, ordered by CompareProviders, to authenticate a
	// call from the system; none is an empty result, not an error.
	ByExternalSystem(ctx context.Context, systemID uuid.UUID) ([]Provider, error)
}

// CheckSharedSystem returns SystemMismatchError when one of others (the
// stored providers) names the external system of p by ID but with another
// name, address or client ID, and nil otherwise; adapters call it before
// they store p, so that one system has one description. Others may
// include p itself.
func CheckSharedSystem(p Provider, others []Provider) error {
	if p.System.IsZero() {
		return nil
	}
	for _, o := range others {
		if o.ID != p.ID && o.System.ID == p.System.ID && o.System != p.System {
			return SystemMismatchError(o)
		}
	}
	return nil
}

// ProviderNotFoundError returns the error an adapter reports when no
// provider has the ID: an *Error matching ErrNotFound with the code
// CodeProviderNotFound.
func ProviderNotFoundError(id uuid.UUID) *Error {
	return fault.New(fault.NotFound, CodeProviderNotFound, "Исполнитель с ID "+id.String()+" не найден")
}

// ProviderExistsError returns the conflict an adapter reports when a
// provider with the ID is stored already: an *Error matching ErrConflict
// with the code CodeProviderExists.
func ProviderExistsError(id uuid.UUID) *Error {
	return fault.New(fault.Conflict, CodeProviderExists, "Исполнитель с ID "+id.String()+" уже существует")
}

// DuplicateLegalEntityError returns the conflict an adapter reports when a
// provider would be the legal entity of the existing one: an *Error
// matching ErrConflict with the code CodeProviderDuplicateLegalEntity.
func DuplicateLegalEntityError(existing Provider) *Error {
	return fault.New(fault.Conflict, CodeProviderDuplicateLegalEntity,
		"Эта организация уже зарегистрирована как исполнитель (ID "+existing.ID.String()+")")
}

// SystemMismatchError returns the conflict CheckSharedSystem reports: an
// *Error matching ErrConflict with the code CodeProviderSystemMismatch
// that names the provider holding the other description.
func SystemMismatchError(existing Provider) *Error {
	return fault.New(fault.Conflict, CodeProviderSystemMismatch,
		"Внешняя система с ID "+existing.System.ID.String()+" уже описана иначе у исполнителя (ID "+existing.ID.String()+")")
}
