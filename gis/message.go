package gis

// CONTRACT (being implemented by the message-layer work): the signatures
// below are fixed; bodies marked "not implemented" are filled in.

import (
	"errors"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"
)

// SignedDataID is the Id of the body root element, the element a Signer
// signs.
const SignedDataID = "signed-data-container"

// BuilderConfig configures a Builder.
type BuilderConfig struct {
	// OrgPPAGUID is the organisation on whose behalf messages go, written
	// into RequestHeader. Required for operations with a RequestHeader.
	OrgPPAGUID uuid.UUID
	// OperatorSignature writes IsOperatorSignature=true: the message is
	// signed with the information system operator's key.
	OperatorSignature bool
	// Now is the clock for the header Date; time.Now when nil.
	Now func() time.Time
	// NewID makes MessageGUIDs and TransportGUIDs; uuid.NewRandom when nil.
	NewID func() (uuid.UUID, error)
	// Location is the time zone of the header Date; Europe/Moscow when nil
	// (UTC+3 when the zone database is missing).
	Location *time.Location
}

// Builder makes SOAP envelopes of GIS ZhKKh requests. It is safe for
// concurrent use.
type Builder struct {
	cfg BuilderConfig
}

// NewBuilder returns a Builder.
func NewBuilder(cfg BuilderConfig) *Builder { return &Builder{cfg: cfg} }

// Message is one request ready to sign and send.
type Message struct {
	// Operation is what the message asks for.
	Operation Operation
	// Version is the base:version written on the body root ("" for getState).
	Version string
	// MessageGUID is the header MessageGUID, fresh for every message.
	MessageGUID uuid.UUID
	// Date is the header Date.
	Date time.Time
	// Doc is the whole envelope.
	Doc *etree.Document
	// Body is the body root element (Id="signed-data-container"), where a
	// Signer puts its signature. Nil for getState.
	Body *etree.Element
	// Items maps each TransportGUID of the message to the index of the
	// caller's item it came from (in the caller's whole input, not in this
	// message). Empty for exports.
	Items map[uuid.UUID]int
	// Objects are the objects the message concerns, for the exchange log.
	Objects []ObjectRef
}

// Bytes serialises the envelope: UTF-8 with an XML declaration, no
// indentation. Call it once after signing; the bytes are what is sent.
func (m *Message) Bytes() ([]byte, error) { return nil, errors.New("not implemented") }

// NewBody returns an empty body root element for the operation, with the
// operation's prefix and namespace declared, Id="signed-data-container" and
// base:version set to version (the operation's default when ""). Append the
// children and pass it to Wrap.
func (b *Builder) NewBody(op Operation, version string) (*etree.Element, error) {
	return nil, errors.New("not implemented")
}

// Wrap puts a caller-built body root element into an envelope with the
// operation's header and a fresh MessageGUID; this is the low-level way to
// send any operation of the package. The element must be the operation's
// request element; Wrap sets Id and base:version when they are missing,
// checks the version against the schema, and declares on it every
// namespace prefix used inside that this package knows. It returns
// ErrInvalid for a wrong element, an unknown version or a missing
// organisation.
func (b *Builder) Wrap(op Operation, body *etree.Element) (*Message, error) {
	return nil, errors.New("not implemented")
}

// GetState builds the getState request of a service for the MessageGUID
// GIS returned in its Ack.
func (b *Builder) GetState(service string, ackGUID uuid.UUID) (*Message, error) {
	return nil, errors.New("not implemented")
}

// newID returns a fresh GUID from the configured source.
func (b *Builder) newID() (uuid.UUID, error) {
	if b.cfg.NewID != nil {
		return b.cfg.NewID()
	}
	return uuid.NewRandom()
}

// ItemResult is the outcome of one of the caller's items: its index in the
// caller's input and what GIS answered for it.
type ItemResult struct {
	Index int
	CommonResult
}

// Correlate maps the per-item results of r back to the caller's items of
// m through the TransportGUIDs. A result with a TransportGUID the message
// did not send is an error matching ErrInvalid.
func (m *Message) Correlate(r *StateResult) ([]ItemResult, error) {
	return nil, errors.New("not implemented")
}
