// Package schematest validates the SOAP messages the gis package builds
// against the official GIS ZhKKh schemas with xmllint: the header element
// against lib/hcs-base.xsd and the body root element against the types
// schema of the operation's service. Tests call Validate; when xmllint or
// the shared schema folder is missing the test is skipped, or failed
// under CI.
//
// libxml2 (2.9) does not enforce fixed= on attribute references, so a
// wrong base:version passes xmllint; gis.Builder checks versions itself.
package schematest
