// Package gis builds and parses the SOAP messages of GIS ZhKKh
// (dom.gosuslugi.ru), the state information system of housing and
// communal services, for the 16.3.0.0 package of its formats. There is no
// official SDK; this package is one for Go.
//
// The package stands alone: it imports no other domain package of the
// module, and has its own input types, so an integrator can feed GIS ZhKKh
// from any billing software.
//
// # Operations
//
// Operations lists every operation of the 16.3.0.0 package (194, getState
// of each of the 25 services included) with its service, endpoint path,
// SOAPAction, header kind, request and result elements and the base:version
// values the schema fixes or allows. The table is generated from the WSDLs
// and schemas by gis/internal/opgen and committed.
//
// # Building messages
//
// A Builder makes SOAP 1.1 envelopes: a RequestHeader (Date, a fresh
// MessageGUID, orgPPAGUID, optional IsOperatorSignature) or an
// ISRequestHeader (for nsi-common and organizations-registry-common), and a
// body root element with Id="signed-data-container" and a qualified
// base:version. Two levels:
//
//   - typed builders (ImportAccountData, ExportNsiItem, ...) take this
//     package's input types, validate them (every violation at once, with
//     the item index and field in its path) and split imports into as many
//     messages as the schema's per-request limits require, giving each item
//     a TransportGUID and keeping the map back to the caller's item
//     (Message.Items);
//   - Builder.NewBody and Builder.Wrap wrap any body element the caller
//     builds with etree, so every operation of the package is usable even
//     where no typed builder exists yet.
//
// # The asynchronous exchange
//
// Every import and export of GIS ZhKKh is asynchronous:
//
//  1. the request is signed (a Signer puts ds:Signature as the first child
//     of the element with Id="signed-data-container"; nothing is
//     re-serialised after signing) and sent through a Transport;
//  2. GIS answers at once with an Ack carrying its own MessageGUID, or with a
//     SOAP fault (base:Fault) when it refuses the message outright;
//  3. the client polls getState of the same service with that MessageGUID
//     on the official schedule (the first poll at least 10 s after the Ack,
//     then after 60, 300 and 900 s, then every 1800 s) until RequestState is
//     3 (done) or a deadline passes;
//  4. the done answer holds a whole-message ErrorMessage, per-item
//     CommonResults (success with GUID, unique number and update date, or
//     the item's errors), correlated to the caller's items by TransportGUID
//     (Message.Correlate), or an export payload that a typed reader turns
//     into Go values.
//
// Client runs this flow, and also exposes its steps (Submit, Poll) so that
// a caller can persist the Ack and resume polling after a restart. Every
// exchange can be kept in an ExchangeLog: the full XML of request and
// answers, message GUIDs, times, state, error code and text, and the
// objects it concerned; ErrorReport lists the errors of a period.
//
// # Errors
//
// Failures are *Error values with the GIS code (three letters and six
// digits) and text, classified by Class: ClassEmpty (INT002012: nothing to
// export), ClassRetry (EXP002001–3, INT002018, HTTP 502/503/504, timeouts:
// send the same request later), ClassResend (EXP001000: rebuild with a new
// MessageGUID and send again) and ClassFatal (AUT…, FMT…, INT002013).
// Invalid input is a *ValidationError matching ErrInvalid.
//
// # Transport and TLS
//
// GIS ZhKKh requires TLS with GOST cipher suites, which Go's crypto/tls
// does not have. HTTPTransport therefore speaks plain HTTP(S) through a
// configurable http.Client; in production put a GOST TLS terminator
// (stunnel with CryptoPro CSP or OpenSSL with gost-engine) in front and
// point the base URL at it. The Transport port stays replaceable.
//
// # Data quality
//
// CheckQuality and the functions beside it report common data faults
// before they reach GIS (meters without serial number or seal date,
// expired verification, duplicated organisations, services without an
// OKEI code, accounts with services outside the active contracts, ...),
// each finding with the object, a stable check code and a Russian message.
//
// The test helpers in gis/gistest include a fake GIS server for the
// client's and integrators' own tests and the conformance suite of the
// ExchangeLog port.
package gis
