package gis

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// Exchange is one exchange with GIS ZhKKh as the exchange log keeps it:
// the full XML of the request and of every response, which operation of
// which service, the message GUIDs, when it was sent, acknowledged and
// done, its state, the error if there was one, and the objects (accounts,
// meters, houses) it concerned.
type Exchange struct {
	// ID identifies the record in the log.
	ID uuid.UUID
	// Service is the folder of the service ("house-management").
	Service string
	// Operation is the WSDL operation name ("importAccountData").
	Operation string
	// MessageGUID is the GUID the request header carried.
	MessageGUID uuid.UUID
	// AckGUID is the MessageGUID GIS assigned in its Ack; getState polls it.
	AckGUID uuid.UUID
	// Request is the XML that was sent, byte for byte.
	Request []byte
	// Ack is the XML of the synchronous answer (Ack or fault).
	Ack []byte
	// Response is the XML of the getState answer that ended the exchange
	// (or, while it is open, of the last getState that failed).
	Response []byte
	// SentAt is when the request was sent.
	SentAt time.Time
	// AckedAt is when the Ack arrived; zero until then.
	AckedAt time.Time
	// DoneAt is when the exchange ended (done, failed or given up); zero
	// while it is open.
	DoneAt time.Time
	// State is where the exchange stands.
	State ExchangeState
	// ErrorCode is the code of the whole-message failure ("" when none):
	// a GIS code ("INT002013"), an HTTP status ("HTTP503"), or
	// CodeTransportFailure, CodeExpired or CodeBadAnswer. Item errors of
	// an import stay in Response.
	ErrorCode string
	// ErrorText is the text of the failure.
	ErrorText string
	// Objects are the objects the exchange concerned.
	Objects []ObjectRef
	// Version is the version of the record, raised by every update.
	Version int
}

// ExchangeState is where an exchange stands.
type ExchangeState string

// The states of an exchange.
const (
	// ExchangeSent: the request went out, no Ack yet.
	ExchangeSent ExchangeState = "sent"
	// ExchangeAcked: GIS acknowledged; polling getState.
	ExchangeAcked ExchangeState = "acked"
	// ExchangeDone: getState returned RequestState 3 without a
	// whole-message error (item errors may be present).
	ExchangeDone ExchangeState = "done"
	// ExchangeFailed: a fault, a whole-message error or a transport
	// failure ended the exchange.
	ExchangeFailed ExchangeState = "failed"
	// ExchangeExpired: the polling deadline passed without a result.
	ExchangeExpired ExchangeState = "expired"
)

// ObjectRef names an object an exchange concerned: its kind ("account",
// "meter", "house", "payment_document", "organisation", ...) and the key
// the caller knows it by (an account number, a GUID).
type ObjectRef struct {
	Kind string `json:"kind"`
	Key  string `json:"key"`
}

// ExchangeFilter selects exchanges from the log. Zero fields do not
// filter. The period is half-open: From ≤ SentAt < To.
type ExchangeFilter struct {
	From      time.Time
	To        time.Time
	Service   string
	Operation string
	ErrorCode string
	// OnlyErrors keeps the exchanges that have an error code.
	OnlyErrors bool
	// Object keeps the exchanges that concerned this object.
	Object *ObjectRef
	// Limit caps the number of records returned (0: no cap).
	Limit int
}

// Codes of the errors of an ExchangeLog; every adapter reports these.
const (
	// CodeExchangeNotFound: no exchange has the ID; the error matches
	// ErrNotFound.
	CodeExchangeNotFound = "gis.exchange.not_found"
	// CodeExchangeExists: an exchange with the ID is recorded already;
	// the error matches ErrConflict.
	CodeExchangeExists = "gis.exchange.exists"
	// CodeExchangeID: the ID of a new exchange is zero; the violation of
	// a *ValidationError.
	CodeExchangeID = "gis.exchange.id"
	// CodeExchangeLimit: the Limit of an ExchangeFilter is negative; the
	// violation of a *ValidationError.
	CodeExchangeLimit = "gis.exchange.limit"
)

// ExchangeLog is the port to the log of exchanges with GIS ZhKKh.
// Implementations: adapters/memory, adapters/postgres; the conformance
// suite is gis/gistest.RunExchangeLog. Every method returns the
// context's error when ctx is done already, and then changes nothing.
type ExchangeLog interface {
	// Record stores a new exchange with Version 1. It returns ErrConflict
	// when the ID is taken and ErrInvalid when the ID is zero.
	Record(ctx context.Context, e Exchange) error
	// Update applies fn to the stored exchange under a lock and stores the
	// result with its version raised; a concurrent update is never lost.
	// It returns ErrNotFound when there is no such exchange, and fn's
	// error unchanged.
	Update(ctx context.Context, id uuid.UUID, fn func(*Exchange) error) (Exchange, error)
	// Get returns the exchange or ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (Exchange, error)
	// Find returns the exchanges the filter selects, ordered by SentAt and
	// then ID (by its bytes). It returns ErrInvalid for a negative Limit.
	Find(ctx context.Context, f ExchangeFilter) ([]Exchange, error)
}
