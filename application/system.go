package application

import (
	"context"
	"slices"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/openzhkh/zhkh/internal/civil"
)

// Date is a calendar date without time, the one civil-date type of the
// module (YYYY-MM-DD in JSON); the zero Date means "not set". Build one
// with a literal: Date{Year: 2024, Month: time.March, Day: 1}.
type Date = civil.Date

// ProviderSystem is the port to a provider's external information system
// (внешняя информационная система исполнителя ЖКУ или ЕИРЦ): the REST API
// the product asks for accounts and meters. An adapter implements it for
// each kind of system; applicationtest.FakeSystem implements it for tests.
// Implementations must be safe for concurrent use and should return soon
// after ctx is done: the Aggregator stops waiting at its timeout either way.
type ProviderSystem interface {
	// AccountsByAddress returns the personal accounts the system keeps for
	// the address object (a house or a premise) with the ID; none is an
	// empty result, not an error. It returns ctx.Err() when ctx is done and
	// the adapter's own errors for a failed exchange.
	AccountsByAddress(ctx context.Context, address uuid.UUID) ([]Account, error)
	// AccountsByIDs returns the accounts with the IDs the system knows,
	// leaving out the unknown ones. It returns ctx.Err() when ctx is done
	// and the adapter's own errors for a failed exchange.
	AccountsByIDs(ctx context.Context, ids []string) ([]Account, error)
	// Meters returns the individual and common (apartment) meters of the
	// accounts with the IDs. It returns ctx.Err() when ctx is done and the
	// adapter's own errors for a failed exchange.
	Meters(ctx context.Context, accountIDs []string) ([]Meter, error)
}

// Account is a personal account (лицевой счет) as a provider's system
// reports it.
type Account struct {
	// ID is the key of the account in the provider's system.
	ID string `json:"id"`
	// Number is the account number printed on payment documents.
	Number string `json:"number"`
	// Provider is the provider (исполнитель ЖКУ) that keeps the account.
	Provider uuid.UUID `json:"provider"`
	// Address is the ID of the address object (a premise or a house) the
	// account is for.
	Address uuid.UUID `json:"address"`
	// AddressText is the address as the provider's system writes it.
	AddressText string `json:"address_text,omitempty"`
	// UnifiedAccountID is the unified account number in GIS ZhKKh (ЕЛС).
	UnifiedAccountID string `json:"unified_account_id,omitempty"`
	// ServiceID is the identifier of housing and communal services in GIS
	// ZhKKh (идентификатор ЖКУ).
	ServiceID string `json:"service_id,omitempty"`
	// Payer is the name of the payer as the provider's system writes it.
	Payer string `json:"payer,omitempty"`
	// Debt is the amount owed in roubles; zero means no debt, a negative
	// amount an overpayment.
	Debt decimal.Decimal `json:"debt"`
}

// MeterKind tells an individual meter from a common one.
type MeterKind string

// The kinds of meters (приборы учета).
const (
	// MeterIndividual is an individual meter of one premise (ИПУ).
	MeterIndividual MeterKind = "individual"
	// MeterApartment is a common meter of a communal apartment (общий
	// квартирный прибор учета).
	MeterApartment MeterKind = "apartment"
	// MeterCommonHouse is a common meter of a house (ОДПУ).
	MeterCommonHouse MeterKind = "common_house"
)

// Meter is a meter (прибор учета) as a provider's system reports it.
type Meter struct {
	// ID is the key of the meter in the provider's system.
	ID string `json:"id"`
	// Account is the ID of the account the meter belongs to.
	Account string `json:"account"`
	// Kind is individual, apartment or common house.
	Kind MeterKind `json:"kind"`
	// Resource is the code of the metered resource in BookResources.
	Resource string `json:"resource"`
	// SerialNumber is the factory number (заводской номер).
	SerialNumber string `json:"serial_number"`
	// Model is the make and model of the meter.
	Model string `json:"model,omitempty"`
	// InstalledOn is the day the meter was installed.
	InstalledOn Date `json:"installed_on,omitzero"`
	// VerifiedOn is the day of the last verification (поверка).
	VerifiedOn Date `json:"verified_on,omitzero"`
	// VerificationIntervalYears is the verification interval
	// (межповерочный интервал) in years; zero when unknown.
	VerificationIntervalYears int `json:"verification_interval_years,omitempty"`
	// Seals are the seals (пломбы) on the meter.
	Seals []Seal `json:"seals,omitempty"`
	// Readings are the readings (показания) the system reports, one per
	// tariff zone and day.
	Readings []Reading `json:"readings,omitempty"`
}

// Clone returns a copy of m that shares no memory with it.
func (m Meter) Clone() Meter {
	m.Seals = slices.Clone(m.Seals)
	m.Readings = slices.Clone(m.Readings)
	return m
}

// Seal is a seal (пломба) on a meter.
type Seal struct {
	// Number is the number on the seal.
	Number string `json:"number"`
	// SetOn is the day the seal was set.
	SetOn Date `json:"set_on,omitzero"`
}

// Reading is a meter reading (показание прибора учета).
type Reading struct {
	// Zone is the tariff zone ("day", "night", "peak"); empty for a
	// single-rate meter.
	Zone string `json:"zone,omitempty"`
	// Value is the reading in the resource's unit.
	Value decimal.Decimal `json:"value"`
	// TakenOn is the day the reading was taken.
	TakenOn Date `json:"taken_on,omitzero"`
}
