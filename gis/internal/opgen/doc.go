// Command opgen generates gis/operations_gen.go, the table of every
// operation of the GIS ZhKKh schema package, from the package's WSDL and
// types XSD files.
//
// For each service folder it reads <folder>/hcs-<folder>-service-async.wsdl:
// the soap:address location (the endpoint path), the portType operations
// with their input and output elements, the binding's soapAction and the
// soap:header message (RequestHeader or ISRequestHeader). For the request
// element it reads the service's types XSD (or lib/hcs-base.xsd): an
// attribute ref="base:version" with fixed="X" gives the one version X;
// without fixed, the annotation "Доступны версии: …" lists the allowed
// versions, the newest becoming the default.
//
// Run it from the module root:
//
//	go run ./gis/internal/opgen -xsd ../shared/gis/xsd/16.3.0.0 -out gis/operations_gen.go
//
// The output is deterministic: running it twice on the same schemas gives
// the same bytes.
package main
