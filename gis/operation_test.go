package gis_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/internal/testenv"
)

func TestOperationTable(t *testing.T) {
	t.Parallel()
	ops := gis.Operations()
	require.Len(t, ops, 194)
	states := 0
	services := map[string]bool{}
	for i, op := range ops {
		assert.NotEmpty(t, op.Name)
		assert.Equal(t, "urn:"+op.Name, op.SOAPAction, op.Name)
		assert.Regexp(t, `^/ext-bus-[a-z-]+/services/[A-Za-z]+$`, op.Path, op.Name)
		assert.Contains(t, []gis.HeaderKind{gis.RequestHeader, gis.ISRequestHeader}, op.Header, op.Name)
		assert.NotEmpty(t, op.Request.Prefix, op.Name)
		assert.NotEmpty(t, op.Result.Local, op.Name)
		if op.VersionFixed {
			assert.Len(t, op.Versions, 1, op.Name)
		}
		if i > 0 {
			prev := ops[i-1]
			assert.True(t, prev.Service < op.Service || (prev.Service == op.Service && prev.Name < op.Name), "order at %s", op.Name)
		}
		services[op.Service] = true
		if op.Name == "getState" {
			states++
			assert.Equal(t, gis.QName{Prefix: "base", Local: "getStateRequest", URI: gis.NSBase}, op.Request)
			assert.Equal(t, "getStateResult", op.Response.Local)
			assert.Equal(t, op.Response, op.Result)
			assert.Empty(t, op.Versions)
		}
	}
	assert.Equal(t, 25, states)
	is := 0
	for _, op := range ops {
		if op.Header == gis.ISRequestHeader {
			is++
		}
	}
	assert.Equal(t, 11, is, "nsi-common, organizations-registry-common and exportRolloverStatusCACh")
	assert.Len(t, services, 25)

	// Operations returns a copy.
	ops[0].Name = "changed"
	assert.NotEqual(t, "changed", gis.Operations()[0].Name)
}

func TestKnownOperations(t *testing.T) {
	t.Parallel()
	hmURI := "http://dom.gosuslugi.ru/schema/integration/house-management/"
	tests := []gis.Operation{
		{
			Name: "importAccountData", Service: "house-management",
			Path:       "/ext-bus-home-management-service/services/HomeManagementAsync",
			SOAPAction: "urn:importAccountData", Header: gis.RequestHeader,
			Request:  gis.QName{Prefix: "hm", Local: "importAccountRequest", URI: hmURI},
			Response: gis.QName{Prefix: "base", Local: "AckRequest", URI: gis.NSBase},
			Result:   gis.QName{Prefix: "hm", Local: "getStateResult", URI: hmURI},
			Versions: []string{"10.0.1.1"}, VersionFixed: true,
		},
		{
			Name: "exportNsiItem", Service: "nsi-common",
			Path:       "/ext-bus-nsi-common-service/services/NsiCommonAsync",
			SOAPAction: "urn:exportNsiItem", Header: gis.ISRequestHeader,
			Request:  gis.QName{Prefix: "nsic", Local: "exportNsiItemRequest", URI: "http://dom.gosuslugi.ru/schema/integration/nsi-common/"},
			Response: gis.QName{Prefix: "base", Local: "AckRequest", URI: gis.NSBase},
			Result:   gis.QName{Prefix: "nsic", Local: "getStateResult", URI: "http://dom.gosuslugi.ru/schema/integration/nsi-common/"},
			Versions: []string{"10.0.1.2"}, VersionFixed: true,
		},
		{
			Name: "exportDebtSubrequests", Service: "debt-requests",
			Path:       "/ext-bus-debtreq-service/services/DebtRequestsAsync",
			SOAPAction: "urn:exportDebtSubrequests", Header: gis.RequestHeader,
			Request:  gis.QName{Prefix: "drs", Local: "exportDSRsRequest", URI: "http://dom.gosuslugi.ru/schema/integration/drs/"},
			Response: gis.QName{Prefix: "base", Local: "AckRequest", URI: gis.NSBase},
			Result:   gis.QName{Prefix: "drs", Local: "getStateResult", URI: "http://dom.gosuslugi.ru/schema/integration/drs/"},
			Versions: []string{"15.3.0.0", "14.0.0.0", "13.1.10.1"},
		},
		{
			Name: "exportRolloverStatusCACh", Service: "house-management",
			Path:       "/ext-bus-home-management-service/services/HomeManagementAsync",
			SOAPAction: "urn:exportRolloverStatusCACh", Header: gis.ISRequestHeader,
			Request:  gis.QName{Prefix: "hm", Local: "exportRolloverStatusCAChRequest", URI: hmURI},
			Response: gis.QName{Prefix: "base", Local: "AckRequest", URI: gis.NSBase},
			Result:   gis.QName{Prefix: "hm", Local: "getStateResult", URI: hmURI},
		},
	}
	for _, want := range tests {
		t.Run(want.Name, func(t *testing.T) {
			t.Parallel()
			got, ok := gis.LookupOperation(want.Name)
			require.True(t, ok)
			if want.Versions == nil {
				want.Versions, want.VersionFixed = got.Versions, got.VersionFixed
				assert.NotEmpty(t, got.Versions)
			}
			assert.Equal(t, want, got)
		})
	}
}

func TestOperationVersions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		def      string
		fixed    bool
		versions []string
	}{
		{name: "importMeteringDeviceData", def: "11.1.0.8", fixed: true},
		{name: "importPaymentDocumentData", def: "11.2.0.16", fixed: true},
		{name: "importResponses", def: "14.0.0.0", fixed: true},
		{name: "exportOrgRegistry", def: "10.0.2.1", fixed: true},
		{name: "exportHouseData", def: "15.10.0.0", versions: []string{"15.10.0.0", "15.6.0.1", "13.2.3.2", "12.2.0.1", "11.1.0.1"}},
		{name: "exportMeteringDeviceData", def: "14.8.0.1", versions: []string{"14.8.0.1", "11.1.0.2"}},
		{name: "exportPaymentDocumentData", def: "13.1.0.1", versions: []string{"13.1.0.1", "12.2.0.1", "11.2.0.10"}},
		{name: "exportCategories", def: "13.1.2.1", versions: []string{"13.1.2.1", "11.0.0.1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			op, ok := gis.LookupOperation(tt.name)
			require.True(t, ok)
			assert.Equal(t, tt.def, op.DefaultVersion())
			assert.Equal(t, tt.fixed, op.VersionFixed)
			if tt.versions != nil {
				assert.Equal(t, tt.versions, op.Versions)
			}
			assert.True(t, op.AllowsVersion(tt.def))
			assert.False(t, op.AllowsVersion("0.0.0.0"))
		})
	}
	// Neither fixed nor listed: the version of the schema file is the
	// default, and any other is accepted (a working client sends
	// 10.0.1.1), but only in the form of a version.
	for _, name := range []string{"exportMeteringDeviceHistory", "exportNotificationsOfOrderExecution", "exportNotificationsOfOrderExecutionPaginal"} {
		op, ok := gis.LookupOperation(name)
		require.True(t, ok, name)
		assert.True(t, op.VersionOpen, name)
		assert.False(t, op.VersionFixed, name)
		assert.Len(t, op.Versions, 1, name)
		assert.True(t, op.AllowsVersion("10.0.1.1"), name)
		assert.False(t, op.AllowsVersion("10.0.1"), name)
		assert.False(t, op.AllowsVersion(""), name)
	}
	history, _ := gis.LookupOperation("exportMeteringDeviceHistory")
	assert.Equal(t, "13.1.4.1", history.DefaultVersion())
	open := 0
	for _, op := range gis.Operations() {
		if op.VersionOpen {
			open++
		}
	}
	assert.Equal(t, 3, open, "the other operations fix or list their versions")

	rs, ok := gis.LookupOperation("getRequestsState")
	require.True(t, ok)
	assert.Empty(t, rs.Versions, "getRequestsStateRequest takes no version")
	assert.Empty(t, rs.DefaultVersion())
}

func TestLookupOperation(t *testing.T) {
	t.Parallel()
	_, ok := gis.LookupOperation("getState")
	assert.False(t, ok, "getState is per service")
	_, ok = gis.LookupOperation("importHouseRSOData")
	assert.False(t, ok, "removed in 13.1.9.2")
	st, ok := gis.StateOperation("organizations-registry-common")
	require.True(t, ok)
	assert.Equal(t, gis.ISRequestHeader, st.Header)
	assert.Equal(t, "orgcom", st.Result.Prefix)
	_, ok = gis.StateOperation("nope")
	assert.False(t, ok)
}

func TestNamespaces(t *testing.T) {
	t.Parallel()
	for prefix, uri := range map[string]string{
		"hm":       "http://dom.gosuslugi.ru/schema/integration/house-management/",
		"drs":      "http://dom.gosuslugi.ru/schema/integration/drs/",
		"nsi-base": "http://dom.gosuslugi.ru/schema/integration/nsi-base/",
		"ap":       "http://dom.gosuslugi.ru/schema/integration/appeals/",
		"xsi":      gis.NSXSI,
	} {
		got, ok := gis.NamespaceOf(prefix)
		assert.True(t, ok, prefix)
		assert.Equal(t, uri, got, prefix)
		p, ok := gis.PrefixOf(uri)
		assert.True(t, ok, uri)
		assert.Equal(t, prefix, p)
	}
	_, ok := gis.NamespaceOf("zz")
	assert.False(t, ok)
	_, ok = gis.PrefixOf("urn:zz")
	assert.False(t, ok)
}

// TestGeneratedTableIsCurrent regenerates operations_gen.go from the
// schemas and compares it byte for byte with the committed file.
func TestGeneratedTableIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles and runs the generator")
	}
	t.Parallel()
	xsd := filepath.Join(testenv.SharedDir(t), "gis", "xsd", "16.3.0.0")
	goCmd := testenv.Command(t, "go")
	root, err := testenv.ModuleRoot()
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "operations_gen.go")
	cmd := exec.CommandContext(t.Context(), goCmd, "run", "./gis/internal/opgen", "-xsd", xsd, "-out", out)
	cmd.Dir = root
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", msg)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	want, err := os.ReadFile("operations_gen.go")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "operations_gen.go is stale: run go generate ./gis")
}
