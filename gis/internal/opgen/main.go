package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/beevik/etree"
)

const (
	nsWSDL     = "http://schemas.xmlsoap.org/wsdl/"
	nsWSDLSOAP = "http://schemas.xmlsoap.org/wsdl/soap/"
	nsXS       = "http://www.w3.org/2001/XMLSchema"
	nsBase     = "http://dom.gosuslugi.ru/schema/integration/base/"
	nsPrefix   = "http://dom.gosuslugi.ru/schema/integration/"
	baseURL    = "https://api.dom.gosuslugi.ru"
)

// conventionalPrefixes are the prefixes the gis package writes for the
// namespaces of the services its typed builders cover.
var conventionalPrefixes = map[string]string{
	nsBase:                         "base",
	nsPrefix + "house-management/": "hm",
	nsPrefix + "nsi/":              "nsi",
	nsPrefix + "nsi-common/":       "nsic",
	nsPrefix + "organizations-registry-common/": "orgcom",
	nsPrefix + "device-metering/":               "dm",
	nsPrefix + "bills/":                         "bills",
	nsPrefix + "payment/":                       "payment",
	nsPrefix + "drs/":                           "drs",
}

func main() {
	xsdDir := flag.String("xsd", "../shared/gis/xsd/16.3.0.0", "folder of the schema package")
	out := flag.String("out", "gis/operations_gen.go", "file to write")
	flag.Parse()
	src, err := Generate(*xsdDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "opgen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "opgen:", err)
		os.Exit(1)
	}
}

// qname is a resolved element name.
type qname struct{ prefix, local, uri string }

// operation is one row of the generated table.
type operation struct {
	name, service, path, action, header string
	request, response, result           qname
	versions                            []string
	fixed, open                         bool
}

// Generate reads the schema package in dir and returns the gofmt'ed
// source of operations_gen.go.
func Generate(dir string) ([]byte, error) {
	wsdls, err := filepath.Glob(filepath.Join(dir, "*", "*-service-async.wsdl"))
	if err != nil {
		return nil, err
	}
	if len(wsdls) == 0 {
		return nil, fmt.Errorf("no *-service-async.wsdl under %s", dir)
	}
	sort.Strings(wsdls)
	schemas := map[string]*etree.Document{}
	var ops []operation
	for _, w := range wsdls {
		o, err := readService(dir, w, schemas)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", w, err)
		}
		ops = append(ops, o...)
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].service != ops[j].service {
			return ops[i].service < ops[j].service
		}
		return ops[i].name < ops[j].name
	})
	return render(ops)
}

// resolve turns a prefixed name into a qname using the namespace
// declarations in scope at e.
func resolve(e *etree.Element, prefixed string) (qname, error) {
	p, local, ok := strings.Cut(prefixed, ":")
	if !ok {
		return qname{}, fmt.Errorf("unqualified name %q", prefixed)
	}
	for x := e; x != nil; x = x.Parent() {
		if a := x.SelectAttr("xmlns:" + p); a != nil {
			return qname{prefix: p, local: local, uri: a.Value}, nil
		}
	}
	return qname{}, fmt.Errorf("prefix %q of %q is not declared", p, prefixed)
}

// childrenNS returns the child elements with the local name in the
// namespace.
func childrenNS(e *etree.Element, uri, local string) []*etree.Element {
	var out []*etree.Element
	for _, c := range e.ChildElements() {
		if c.Tag == local && c.NamespaceURI() == uri {
			out = append(out, c)
		}
	}
	return out
}

// readService reads the operations of one service: its async WSDL and,
// for the versions, its types schema (kept in schemas across services).
func readService(dir, wsdlPath string, schemas map[string]*etree.Document) ([]operation, error) {
	doc := etree.NewDocument()
	if err := doc.ReadFromFile(wsdlPath); err != nil {
		return nil, err
	}
	root := doc.Root()
	if root == nil {
		return nil, errors.New("empty WSDL")
	}
	service := filepath.Base(filepath.Dir(wsdlPath))

	// Messages: name → element of the first part.
	messages := map[string]qname{}
	for _, m := range childrenNS(root, nsWSDL, "message") {
		parts := childrenNS(m, nsWSDL, "part")
		if len(parts) == 0 {
			continue
		}
		q, err := resolve(parts[0], parts[0].SelectAttrValue("element", ""))
		if err != nil {
			return nil, err
		}
		messages[m.SelectAttrValue("name", "")] = q
	}
	msgOf := func(e *etree.Element, attr string) (qname, error) {
		ref := e.SelectAttrValue(attr, "")
		_, name, _ := strings.Cut(ref, ":")
		q, ok := messages[name]
		if !ok {
			return qname{}, fmt.Errorf("message %q not found", ref)
		}
		return q, nil
	}

	// Endpoint path.
	var path string
	for _, s := range childrenNS(root, nsWSDL, "service") {
		for _, p := range childrenNS(s, nsWSDL, "port") {
			for _, a := range childrenNS(p, nsWSDLSOAP, "address") {
				path = strings.TrimPrefix(a.SelectAttrValue("location", ""), baseURL)
			}
		}
	}
	if path == "" {
		return nil, errors.New("no soap:address")
	}

	// Binding: operation → soapAction, header.
	type bind struct{ action, header string }
	binds := map[string]bind{}
	for _, b := range childrenNS(root, nsWSDL, "binding") {
		for _, o := range childrenNS(b, nsWSDL, "operation") {
			var bd bind
			for _, so := range childrenNS(o, nsWSDLSOAP, "operation") {
				bd.action = so.SelectAttrValue("soapAction", "")
			}
			for _, in := range childrenNS(o, nsWSDL, "input") {
				for _, h := range childrenNS(in, nsWSDLSOAP, "header") {
					q, err := msgOf(h, "message")
					if err != nil {
						return nil, err
					}
					bd.header = q.local
				}
			}
			binds[o.SelectAttrValue("name", "")] = bd
		}
	}

	var ops []operation
	var stateResult qname
	for _, pt := range childrenNS(root, nsWSDL, "portType") {
		for _, o := range childrenNS(pt, nsWSDL, "operation") {
			name := o.SelectAttrValue("name", "")
			ins := childrenNS(o, nsWSDL, "input")
			outs := childrenNS(o, nsWSDL, "output")
			if len(ins) != 1 || len(outs) != 1 {
				return nil, fmt.Errorf("operation %s: want one input and one output", name)
			}
			in, err := msgOf(ins[0], "message")
			if err != nil {
				return nil, err
			}
			out, err := msgOf(outs[0], "message")
			if err != nil {
				return nil, err
			}
			bd, ok := binds[name]
			if !ok {
				return nil, fmt.Errorf("operation %s is not bound", name)
			}
			switch bd.header {
			case "RequestHeader", "ISRequestHeader":
			default:
				return nil, fmt.Errorf("operation %s: header %q", name, bd.header)
			}
			op := operation{name: name, service: service, path: path, action: bd.action,
				header: bd.header, request: in, response: out}
			if name == "getState" {
				stateResult = out
			}
			ops = append(ops, op)
		}
	}
	if stateResult.local == "" {
		return nil, errors.New("no getState operation")
	}
	stateResult.prefix = prefixFor(stateResult.uri, stateResult.prefix)
	for i := range ops {
		op := &ops[i]
		op.request.prefix = prefixFor(op.request.uri, op.request.prefix)
		op.response.prefix = prefixFor(op.response.uri, op.response.prefix)
		if op.response.uri == nsBase && op.response.local == "AckRequest" {
			op.result = stateResult
		} else {
			op.result = op.response
		}
		if op.name == "getState" {
			continue
		}
		schemaFile := filepath.Join(dir, service, "hcs-"+service+"-types.xsd")
		if op.request.uri == nsBase {
			schemaFile = filepath.Join(dir, "lib", "hcs-base.xsd")
		}
		sd, ok := schemas[schemaFile]
		if !ok {
			sd = etree.NewDocument()
			if err := sd.ReadFromFile(schemaFile); err != nil {
				return nil, err
			}
			schemas[schemaFile] = sd
		}
		vs, fixed, open, err := versions(sd, op.request.local)
		if err != nil {
			return nil, fmt.Errorf("operation %s: %w", op.name, err)
		}
		op.versions, op.fixed, op.open = vs, fixed, open
	}
	return ops, nil
}

// prefixFor returns the conventional prefix of a namespace, or the one
// the WSDL uses.
func prefixFor(uri, wsdlPrefix string) string {
	if p, ok := conventionalPrefixes[uri]; ok {
		return p
	}
	return wsdlPrefix
}

var (
	versionList = regexp.MustCompile(`Доступ(?:ны|ные|ен) (?:экспорт )?версии(?: формата экспорта)?:?((?:[\s,и]*\d+\.\d+\.\d+\.\d+)+)`)
	versionNum  = regexp.MustCompile(`\d+\.\d+\.\d+\.\d+`)
)

// versions finds the top-level element of that name in the schema and
// reads its base:version attribute and annotation: the versions, whether
// the schema fixes the one, and whether it leaves the version open
// (neither fixed nor listed; then the schema file's own version is the
// one given).
func versions(schema *etree.Document, local string) (vs []string, fixed, open bool, err error) {
	var el *etree.Element
	for _, e := range childrenNS(schema.Root(), nsXS, "element") {
		if e.SelectAttrValue("name", "") == local {
			el = e
			break
		}
	}
	if el == nil {
		return nil, false, false, fmt.Errorf("element %s not in the schema", local)
	}
	ct := el
	if t := el.SelectAttrValue("type", ""); t != "" {
		_, tl, _ := strings.Cut(t, ":")
		for _, c := range childrenNS(schema.Root(), nsXS, "complexType") {
			if c.SelectAttrValue("name", "") == tl {
				ct = c
			}
		}
	}
	attr := findVersionAttr(ct)
	if attr == nil {
		return nil, false, false, nil
	}
	if f := attr.SelectAttrValue("fixed", ""); f != "" {
		return []string{f}, true, false, nil
	}
	var docs strings.Builder
	for _, a := range childrenNS(el, nsXS, "annotation") {
		for _, d := range childrenNS(a, nsXS, "documentation") {
			docs.WriteString(d.Text())
			docs.WriteString(" ")
		}
	}
	for _, a := range childrenNS(attr, nsXS, "annotation") {
		for _, d := range childrenNS(a, nsXS, "documentation") {
			docs.WriteString(d.Text())
		}
	}
	if m := versionList.FindStringSubmatch(docs.String()); m != nil {
		vs = versionNum.FindAllString(m[1], -1)
	}
	if d := attr.SelectAttrValue("default", ""); d != "" && !slices.Contains(vs, d) {
		vs = append(vs, d)
	}
	if len(vs) == 0 {
		// Neither fixed nor listed: the version of the schema file is
		// the one the schema was written for.
		if v := schema.Root().SelectAttrValue("version", ""); v != "" {
			vs = append(vs, v)
		}
		open = true
	}
	sort.Slice(vs, func(i, j int) bool { return newer(vs[i], vs[j]) })
	return vs, false, open, nil
}

// newer reports whether version a is newer than b, comparing the numbers.
func newer(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		x, _ := strconv.Atoi(pa[i])
		y, _ := strconv.Atoi(pb[i])
		if x != y {
			return x > y
		}
	}
	return len(pa) > len(pb)
}

// findVersionAttr returns the xs:attribute ref="base:version" of the
// element's own type, not descending into nested element declarations.
func findVersionAttr(e *etree.Element) *etree.Element {
	for _, c := range e.ChildElements() {
		if c.NamespaceURI() != nsXS {
			continue
		}
		switch c.Tag {
		case "element", "annotation":
			continue
		case "attribute":
			if strings.HasSuffix(c.SelectAttrValue("ref", ""), ":version") {
				return c
			}
			continue
		}
		if a := findVersionAttr(c); a != nil {
			return a
		}
	}
	return nil
}

// render writes the table of ops as gofmt'ed Go source.
func render(ops []operation) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by gis/internal/opgen; DO NOT EDIT.\n\npackage gis\n\n")
	b.WriteString("// operationTable is every operation of the 16.3.0.0 package, ordered by\n// service and name.\n")
	b.WriteString("var operationTable = []Operation{\n")
	q := func(n qname) string {
		return fmt.Sprintf("QName{Prefix: %q, Local: %q, URI: %q}", n.prefix, n.local, n.uri)
	}
	for _, op := range ops {
		fmt.Fprintf(&b, "{\nName: %q,\nService: %q,\nPath: %q,\nSOAPAction: %q,\nHeader: %s,\n",
			op.name, op.service, op.path, op.action, op.header)
		fmt.Fprintf(&b, "Request: %s,\nResponse: %s,\nResult: %s,\n", q(op.request), q(op.response), q(op.result))
		if len(op.versions) > 0 {
			b.WriteString("Versions: []string{")
			for i, v := range op.versions {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "%q", v)
			}
			b.WriteString("},\n")
		}
		if op.fixed {
			b.WriteString("VersionFixed: true,\n")
		}
		if op.open {
			b.WriteString("VersionOpen: true,\n")
		}
		b.WriteString("},\n")
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
