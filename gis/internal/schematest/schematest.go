package schematest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/beevik/etree"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/internal/testenv"
)

// SchemaDir returns the folder of the 16.3.0.0 schema package under the
// shared data folder, skipping the test (failing it under CI) when it is
// missing.
func SchemaDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(testenv.SharedDir(t), "gis", "xsd", "16.3.0.0")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		testenv.Missing(t, "schema folder %s is not there", dir)
	}
	return dir
}

// Validate serialises msg and validates its header and body root element
// against their schemas, failing t with xmllint's output when either is
// invalid.
func Validate(t testing.TB, msg *gis.Message) {
	t.Helper()
	if msg == nil {
		t.Fatal("schematest: nil message")
	}
	data, err := msg.Bytes()
	if err != nil {
		t.Fatalf("schematest: serialising the message: %v", err)
	}
	ValidateBytes(t, data, msg.Operation.Service)
}

// ValidateBytes validates an envelope of the service ("house-management"):
// the element in soapenv:Header against lib/hcs-base.xsd and the body root
// element against the service's types schema (lib/hcs-base.xsd for a
// body in the base namespace, such as getStateRequest). Each element is
// written as a standalone document keeping the namespace declarations it
// inherits.
func ValidateBytes(t testing.TB, envelope []byte, service string) {
	t.Helper()
	xmllint := testenv.Command(t, "xmllint")
	dir := SchemaDir(t)

	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(envelope); err != nil {
		t.Fatalf("schematest: envelope is not XML: %v", err)
	}
	env := doc.Root()
	if env == nil || env.Tag != "Envelope" || env.NamespaceURI() != gis.NSSOAPEnvelope {
		t.Fatalf("schematest: root is not soapenv:Envelope")
	}
	header := firstElement(child(env, "Header"))
	body := firstElement(child(env, "Body"))
	if header == nil {
		t.Fatalf("schematest: no element in soapenv:Header")
	}
	if body == nil {
		t.Fatalf("schematest: no element in soapenv:Body")
	}
	base := filepath.Join(dir, "lib", "hcs-base.xsd")
	run(t, xmllint, base, standalone(t, header), "header")
	schema := base
	if body.NamespaceURI() != gis.NSBase {
		schema = filepath.Join(dir, service, "hcs-"+service+"-types.xsd")
		if _, err := os.Stat(schema); err != nil {
			t.Fatalf("schematest: no types schema for service %q: %v", service, err)
		}
	}
	run(t, xmllint, schema, standalone(t, body), "body")
}

// child returns the first child of e in the SOAP envelope namespace with
// the local name.
func child(e *etree.Element, local string) *etree.Element {
	for _, c := range e.ChildElements() {
		if c.Tag == local && c.NamespaceURI() == gis.NSSOAPEnvelope {
			return c
		}
	}
	return nil
}

// firstElement returns the first child element of e, or nil.
func firstElement(e *etree.Element) *etree.Element {
	if e == nil {
		return nil
	}
	if kids := e.ChildElements(); len(kids) > 0 {
		return kids[0]
	}
	return nil
}

// standalone writes a copy of e as its own document, with the namespace
// declarations of its ancestors that it does not override, and returns
// the file name.
func standalone(t testing.TB, e *etree.Element) string {
	t.Helper()
	cp := gis.Standalone(e)
	out := etree.NewDocument()
	out.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	out.SetRoot(cp)
	var buf bytes.Buffer
	if _, err := out.WriteTo(&buf); err != nil {
		t.Fatalf("schematest: writing %s: %v", e.Tag, err)
	}
	name := filepath.Join(t.TempDir(), e.Tag+".xml")
	if err := os.WriteFile(name, buf.Bytes(), 0o600); err != nil {
		t.Fatalf("schematest: %v", err)
	}
	return name
}

// run validates file against schema with xmllint and fails t with its
// output when the document is invalid.
func run(t testing.TB, xmllint, schema, file, what string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, xmllint, "--noout", "--nonet", "--schema", schema, file)
	out, err := cmd.CombinedOutput()
	if err != nil {
		doc, _ := os.ReadFile(file)
		t.Fatalf("schematest: %s is invalid against %s: %v\n%s\ndocument:\n%s", what, filepath.Base(schema), err, out, doc)
	}
}
