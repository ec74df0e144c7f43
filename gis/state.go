package gis

import (
	"strings"
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
func ParseAck(data []byte) (Ack, error) {
	body, err := readSOAPBody(data)
	if err != nil {
		return Ack{}, err
	}
	if body.Tag != "AckRequest" || body.NamespaceURI() != NSBase {
		return Ack{}, invalidf("ожидался ответ base:AckRequest, получен %s", tagOf(body))
	}
	ack := firstChild(body, "Ack")
	if ack == nil {
		return Ack{}, invalidf("в ответе base:AckRequest нет элемента Ack")
	}
	var a Ack
	if a.MessageGUID, err = ackChildGUID(ack, "MessageGUID"); err != nil {
		return Ack{}, err
	}
	if a.RequesterMessageGUID, err = ackChildGUID(ack, "RequesterMessageGUID"); err != nil {
		return Ack{}, err
	}
	return a, nil
}

// ackChildGUID reads the GUID child of e, which must be there.
func ackChildGUID(e *etree.Element, local string) (uuid.UUID, error) {
	c := firstChild(e, local)
	if c == nil {
		return uuid.Nil, invalidf("в элементе %s нет обязательного элемента %s", e.Tag, local)
	}
	id, err := parseGUID(c.Text())
	if err != nil {
		return uuid.Nil, err
	}
	if id == uuid.Nil {
		return uuid.Nil, invalidf("элемент %s/%s пуст", e.Tag, local)
	}
	return id, nil
}

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
//
// Every shape of per-item results the 16.3.0.0 schemas define becomes
// Results: an ImportResult that is a base:CommonResultType itself (bills,
// device-metering, nsi, organizations-registry-common, payment, ...), the
// hm:ImportResult with an ErrorMessage or CommonResult children (their
// operation-specific blocks go to Extra) and the lower-case
// drs:importResult. A whole-message base:ErrorMessage becomes Error; the
// orgcom IsNextPage flag IsNextPage; every other child Payload.
func ParseStateResult(data []byte) (*StateResult, error) {
	body, err := readSOAPBody(data)
	if err != nil {
		return nil, err
	}
	if body.Tag != "getStateResult" {
		return nil, invalidf("ожидался ответ getStateResult, получен %s", tagOf(body))
	}
	uri := body.NamespaceURI()
	service, ok := serviceOfNamespace(uri)
	if !ok {
		return nil, invalidf("getStateResult в неизвестном пространстве имён %q", clipText(uri, 128))
	}
	r := &StateResult{Service: service}
	for _, a := range body.Attr {
		if a.Key == "version" && a.Space != "" && a.Space != "xmlns" {
			r.Version = a.Value
		}
	}
	var seenState, seenGUID bool
	for _, c := range body.ChildElements() {
		switch c.Tag {
		case "Signature":
			continue
		case "RequestState":
			seenState = true
			switch strings.TrimSpace(c.Text()) {
			case "1":
				r.State = StateReceived
			case "2":
				r.State = StateProcessing
			case "3":
				r.State = StateDone
			default:
				return nil, invalidf("неверное значение RequestState: %q", clipText(c.Text(), 32))
			}
		case "MessageGUID":
			seenGUID = true
			if r.MessageGUID, err = parseGUID(c.Text()); err != nil {
				return nil, err
			}
		case "ErrorMessage":
			if r.Error == nil {
				r.Error = readErrorMessage(c)
			}
		case "ImportResult", "importResult":
			if err := r.readImportResult(c); err != nil {
				return nil, err
			}
		case "IsNextPage":
			v := strings.TrimSpace(c.Text())
			r.IsNextPage = v == "true" || v == "1"
		default:
			r.Payload = append(r.Payload, c)
		}
	}
	if !seenState || !seenGUID {
		return nil, invalidf("в getStateResult нет обязательных элементов RequestState и MessageGUID")
	}
	return r, nil
}

// readImportResult reads an ImportResult of either shape.
func (r *StateResult) readImportResult(e *etree.Element) error {
	if firstChild(e, "TransportGUID") != nil {
		c, err := readCommonResult(e)
		if err != nil {
			return err
		}
		r.Results = append(r.Results, c)
		return nil
	}
	for _, c := range e.ChildElements() {
		switch c.Tag {
		case "ErrorMessage":
			if r.Error == nil {
				r.Error = readErrorMessage(c)
			}
		case "CommonResult":
			cr, err := readCommonResult(c)
			if err != nil {
				return err
			}
			r.Results = append(r.Results, cr)
		}
	}
	return nil
}

// readCommonResult reads a base:CommonResultType element; children it does
// not know go to Extra.
func readCommonResult(e *etree.Element) (CommonResult, error) {
	var c CommonResult
	var err error
	for _, x := range e.ChildElements() {
		switch x.Tag {
		case "TransportGUID":
			if c.TransportGUID, err = parseGUID(x.Text()); err != nil {
				return CommonResult{}, err
			}
		case "GUID":
			if c.GUID, err = parseGUID(x.Text()); err != nil {
				return CommonResult{}, err
			}
		case "UniqueNumber":
			c.UniqueNumber = x.Text()
		case "UpdateDate":
			if c.UpdateDate, err = parseDateTime(x.Text()); err != nil {
				return CommonResult{}, err
			}
		case "Error":
			c.Errors = append(c.Errors, readErrorMessage(x))
		default:
			c.Extra = append(c.Extra, x)
		}
	}
	if c.TransportGUID == uuid.Nil {
		return CommonResult{}, invalidf("в результате %s нет TransportGUID", e.Tag)
	}
	return c, nil
}

// readErrorMessage reads a base:ErrorMessageType element.
func readErrorMessage(e *etree.Element) *Error {
	return &Error{
		Code:       strings.TrimSpace(childText(e, "ErrorCode")),
		Text:       childText(e, "Description"),
		StackTrace: childText(e, "StackTrace"),
	}
}
