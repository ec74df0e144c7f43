package gis

// CONTRACT (being implemented by the message-layer work).

import (
	"errors"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"
)

// Ack is the synchronous answer to an asynchronous request.
type Ack struct {
	// MessageGUID is the GUID GIS gave the request; getState asks for it.
	MessageGUID uuid.UUID
	// RequesterMessageGUID echoes the MessageGUID of the request header.
	RequesterMessageGUID uuid.UUID
}

// ParseAck reads a base:AckRequest envelope. A SOAP fault comes back as a
// *Error (Fault true); malformed XML, a DOCTYPE or a missing Ack as an
// error matching ErrInvalid.
func ParseAck(data []byte) (Ack, error) { return Ack{}, errors.New("not implemented") }

// RequestState is the processing state getState reports.
type RequestState int8

// The states of a request at GIS ZhKKh.
const (
	// StateReceived: GIS has the message (1).
	StateReceived RequestState = 1
	// StateProcessing: GIS is processing it (2).
	StateProcessing RequestState = 2
	// StateDone: processing ended; the result is in the answer (3).
	StateDone RequestState = 3
)

// CommonResult is the outcome of one item of an import
// (base:CommonResultType, and the CommonResult of hm:ImportResult and
// drs:importResult), correlated to the caller's item by TransportGUID.
type CommonResult struct {
	// TransportGUID is the GUID the request gave the item.
	TransportGUID uuid.UUID
	// GUID is the identifier GIS gave or keeps for the object.
	GUID uuid.UUID
	// UniqueNumber is the unique number GIS assigned (an account's, a
	// meter's), when it did.
	UniqueNumber string
	// UpdateDate is when GIS stored the item; zero on failure.
	UpdateDate time.Time
	// Errors are the item's errors; empty on success.
	Errors []*Error
	// Extra are the operation-specific children of the result
	// (hm:ImportAccount, hm:importMeteringDevice, ...), for typed readers.
	Extra []*etree.Element
}

// OK reports whether the item succeeded.
func (r CommonResult) OK() bool { return len(r.Errors) == 0 }

// StateResult is a parsed getStateResult.
type StateResult struct {
	// Service is the service whose namespace the result carries, by folder.
	Service string
	// Version is the base:version of the result element.
	Version string
	// State is the RequestState.
	State RequestState
	// MessageGUID is the GUID asked about.
	MessageGUID uuid.UUID
	// Error is the whole-message ErrorMessage, when GIS sent one.
	// ClassOf(Error) == ClassEmpty means "nothing to export".
	Error *Error
	// Results are the per-item outcomes of an import, in document order.
	Results []CommonResult
	// Payload are the other children of the result (export payloads such
	// as hm:exportAccountResult or nsi:NsiItem), for typed readers.
	Payload []*etree.Element
	// IsNextPage is the orgcom IsNextPage flag of paged exports.
	IsNextPage bool
}

// Done reports whether processing has ended.
func (r *StateResult) Done() bool { return r.State == StateDone }

// ByTransportGUID returns the item results keyed by TransportGUID.
func (r *StateResult) ByTransportGUID() map[uuid.UUID]CommonResult {
	m := make(map[uuid.UUID]CommonResult, len(r.Results))
	for _, c := range r.Results {
		m[c.TransportGUID] = c
	}
	return m
}

// ParseStateResult reads a getStateResult envelope of any service. A SOAP
// fault comes back as a *Error; malformed XML, a DOCTYPE, or a body that
// is not a getStateResult as an error matching ErrInvalid.
func ParseStateResult(data []byte) (*StateResult, error) {
	return nil, errors.New("not implemented")
}
