package gis

import "regexp"

// versionForm is the form of a base:version value.
var versionForm = regexp.MustCompile(`^[0-9]+(\.[0-9]+){3}$`)

//go:generate go run ./internal/opgen -xsd ../../shared/gis/xsd/16.3.0.0 -out operations_gen.go

// HeaderKind is the SOAP header an operation requires.
type HeaderKind uint8

// The two request headers of GIS ZhKKh.
const (
	// RequestHeader carries the organisation (orgPPAGUID) and the optional
	// IsOperatorSignature flag; most operations use it.
	RequestHeader HeaderKind = iota + 1
	// ISRequestHeader names no organisation; the nsi-common and
	// organizations-registry-common services (and exportRolloverStatusCACh)
	// use it.
	ISRequestHeader
)

// String returns the element name of the header.
func (k HeaderKind) String() string {
	switch k {
	case RequestHeader:
		return "RequestHeader"
	case ISRequestHeader:
		return "ISRequestHeader"
	default:
		return "HeaderKind(?)"
	}
}

// QName is a qualified XML name: the prefix this package writes, the local
// name and the namespace URI.
type QName struct {
	Prefix string
	Local  string
	URI    string
}

// String returns prefix:local.
func (q QName) String() string {
	if q.Prefix == "" {
		return q.Local
	}
	return q.Prefix + ":" + q.Local
}

// Operation is one operation of a GIS ZhKKh service as its WSDL and schema
// define it in the 16.3.0.0 package.
type Operation struct {
	// Name is the WSDL operation name, such as "importAccountData".
	Name string
	// Service is the folder of the service in the package, such as
	// "house-management".
	Service string
	// Path is the endpoint path, appended to the base URL.
	Path string
	// SOAPAction is "urn:" + Name.
	SOAPAction string
	// Header is the request header the operation requires.
	Header HeaderKind
	// Request is the body root element of the request.
	Request QName
	// Response is the element the synchronous call returns: base:AckRequest
	// for every asynchronous operation, the service's getStateResult for
	// getState.
	Response QName
	// Result is the service's getStateResult element, where the outcome of
	// an asynchronous operation arrives.
	Result QName
	// Versions are the base:version values the schema fixes or allows, the
	// default (the fixed one, or the newest allowed) first. Empty when the
	// request element takes no version (getState).
	Versions []string
	// VersionFixed is true when the schema fixes the version to one value.
	VersionFixed bool
	// VersionOpen is true when the schema neither fixes nor lists the
	// versions (exportMeteringDeviceHistory and the two exports of
	// notifications of order execution): Versions holds the schema file's
	// own version as the default, and any other version is accepted, since
	// only the server knows which it takes.
	VersionOpen bool
}

// DefaultVersion returns the version written when the caller names none.
func (o Operation) DefaultVersion() string {
	if len(o.Versions) == 0 {
		return ""
	}
	return o.Versions[0]
}

// AllowsVersion reports whether v is a version the schema fixes or allows;
// for an operation whose version is open, any version of the form
// "16.3.0.0".
func (o Operation) AllowsVersion(v string) bool {
	if o.VersionOpen {
		return versionForm.MatchString(v)
	}
	for _, x := range o.Versions {
		if x == v {
			return true
		}
	}
	return false
}

// Operations returns every operation of the 16.3.0.0 package, getState of
// every service included, ordered by service and name. The slice is a copy.
func Operations() []Operation {
	out := make([]Operation, len(operationTable))
	copy(out, operationTable)
	return out
}

// LookupOperation returns the operation of that name. getState, which every
// service has, is found with StateOperation instead.
func LookupOperation(name string) (Operation, bool) {
	for _, op := range operationTable {
		if op.Name == name && name != "getState" {
			return op, true
		}
	}
	return Operation{}, false
}

// StateOperation returns the getState operation of a service, named by its
// folder ("house-management").
func StateOperation(service string) (Operation, bool) {
	for _, op := range operationTable {
		if op.Name == "getState" && op.Service == service {
			return op, true
		}
	}
	return Operation{}, false
}
