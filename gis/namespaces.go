package gis

import "strings"

// Namespace URIs this package writes and reads.
const (
	// NSSOAPEnvelope is the SOAP 1.1 envelope namespace (prefix soapenv).
	NSSOAPEnvelope = "http://schemas.xmlsoap.org/soap/envelope/"
	// NSBase is the namespace of lib/hcs-base.xsd (prefix base).
	NSBase = "http://dom.gosuslugi.ru/schema/integration/base/"
	// NSXMLDSig is the XML signature namespace (prefix ds).
	NSXMLDSig = "http://www.w3.org/2000/09/xmldsig#"
	// NSXSI is the XML Schema instance namespace (prefix xsi), used for
	// xsi:type.
	NSXSI = "http://www.w3.org/2001/XMLSchema-instance"
)

// integrationNS is the common start of every GIS ZhKKh schema namespace.
const integrationNS = "http://dom.gosuslugi.ru/schema/integration/"

// fixedPrefixes are the prefixes this package writes for the envelope, the
// library schemas and the services the typed builders cover. The prefixes
// of the other services come from the generated operation table.
var fixedPrefixes = map[string]string{
	"soapenv":                     NSSOAPEnvelope,
	"base":                        NSBase,
	"ds":                          NSXMLDSig,
	"xsi":                         NSXSI,
	"hm":                          integrationNS + "house-management/",
	"nsi":                         integrationNS + "nsi/",
	"nsic":                        integrationNS + "nsi-common/",
	"nsi-base":                    integrationNS + "nsi-base/",
	"orgcom":                      integrationNS + "organizations-registry-common/",
	"dm":                          integrationNS + "device-metering/",
	"bills":                       integrationNS + "bills/",
	"payment":                     integrationNS + "payment/",
	"drs":                         integrationNS + "drs/",
	"account-base":                integrationNS + "account-base/",
	"bills-base":                  integrationNS + "bills-base/",
	"payments-base":               integrationNS + "payments-base/",
	"metering-device-base":        integrationNS + "metering-device-base/",
	"organizations-base":          integrationNS + "organizations-base/",
	"organizations-registry-base": integrationNS + "organizations-registry-base/",
	"individual-registry-base":    integrationNS + "individual-registry-base/",
	"premises-base":               integrationNS + "premises-base/",
}

// NamespaceOf returns the namespace URI of a prefix this package writes
// ("hm", "base", "nsi-base", the prefix of any service in the operation
// table), and false for an unknown prefix.
func NamespaceOf(prefix string) (string, bool) {
	if uri, ok := fixedPrefixes[prefix]; ok {
		return uri, true
	}
	for i := range operationTable {
		if q := operationTable[i].Request; q.Prefix == prefix && q.URI != NSBase {
			return q.URI, true
		}
	}
	return "", false
}

// PrefixOf returns the prefix this package writes for a namespace URI, and
// false for a namespace it does not know.
func PrefixOf(uri string) (string, bool) {
	for p, u := range fixedPrefixes {
		if u == uri {
			return p, true
		}
	}
	for i := range operationTable {
		if q := operationTable[i].Request; q.URI == uri {
			return q.Prefix, true
		}
	}
	return "", false
}

// serviceOfNamespace returns the service folder whose types namespace is
// uri, looking it up in the operation table.
func serviceOfNamespace(uri string) (string, bool) {
	for i := range operationTable {
		op := &operationTable[i]
		if op.Result.URI == uri && strings.HasSuffix(op.Result.Local, "getStateResult") {
			return op.Service, true
		}
	}
	return "", false
}
