package gis_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/gis/internal/schematest"
)

var (
	testOrg  = uuid.MustParse("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b")
	testDate = time.Date(2025, 1, 31, 9, 0, 0, 123456789, time.UTC)
)

// seqIDs returns a NewID func that hands out distinct, predictable GUIDs:
// a0000001-0000-4000-8000-000000000000, a0000002-..., and so on.
func seqIDs() func() (uuid.UUID, error) {
	n := 0
	return func() (uuid.UUID, error) {
		n++
		return uuid.Parse(fmt.Sprintf("a%07x-0000-4000-8000-000000000000", n))
	}
}

func newBuilder(t *testing.T, cfg gis.BuilderConfig) *gis.Builder {
	t.Helper()
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return testDate }
	}
	if cfg.NewID == nil {
		cfg.NewID = seqIDs()
	}
	return gis.NewBuilder(cfg)
}

func lookup(t *testing.T, name string) gis.Operation {
	t.Helper()
	op, ok := gis.LookupOperation(name)
	require.True(t, ok, name)
	return op
}

func TestWrapValidatesAgainstSchemas(t *testing.T) {
	t.Parallel()
	fias := uuid.MustParse("b502ae45-897e-4b6f-9776-6ff49740b537")
	tests := []struct {
		name     string
		op       string
		version  string
		operator bool
		fill     func(body *etree.Element)
	}{
		{name: "nsi list minimal", op: "exportNsiList", fill: func(*etree.Element) {}},
		{name: "nsi list with group", op: "exportNsiList", fill: func(b *etree.Element) {
			b.CreateElement("nsi-base:ListGroup").SetText("NSI")
		}},
		{name: "nsi item", op: "exportNsiItem", fill: func(b *etree.Element) {
			b.CreateElement("nsic:RegistryNumber").SetText("2")
			b.CreateElement("nsi-base:ListGroup").SetText("NSI")
		}},
		{name: "accounts by house", op: "exportAccountData", operator: true, fill: func(b *etree.Element) {
			b.CreateElement("hm:FIASHouseGuid").SetText(fias.String())
		}},
		{name: "accounts by numbers", op: "exportAccountData", fill: func(b *etree.Element) {
			b.CreateElement("account-base:UnifiedAccountNumber").SetText("10АБ123456")
		}},
		{name: "accounts at the limit of 1000", op: "exportAccountData", fill: func(b *etree.Element) {
			for i := range 1000 {
				b.CreateElement("hm:AccountGUID").SetText(fmt.Sprintf("b502ae45-897e-4b6f-9776-%012d", i))
			}
		}},
		{name: "debt subrequests older version", op: "exportDebtSubrequests", version: "13.1.10.1", fill: func(b *etree.Element) {
			b.CreateElement("drs:subrequestGUID").SetText(fias.String())
		}},
		{name: "org registry", op: "exportOrgRegistry", fill: func(b *etree.Element) {
			sc := b.CreateElement("orgcom:SearchCriteria")
			sc.CreateElement("organizations-base:OGRN").SetText("1027700132195")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := newBuilder(t, gis.BuilderConfig{OrgPPAGUID: testOrg, OperatorSignature: tt.operator})
			op := lookup(t, tt.op)
			body, err := b.NewBody(op, tt.version)
			require.NoError(t, err)
			tt.fill(body)
			msg, err := b.Wrap(op, body)
			require.NoError(t, err)
			want := tt.version
			if want == "" {
				want = op.DefaultVersion()
			}
			assert.Equal(t, want, msg.Version)
			assert.Same(t, body, msg.Body)
			schematest.Validate(t, msg)
		})
	}
}

func TestGetStateValidatesAgainstSchemas(t *testing.T) {
	t.Parallel()
	ack := uuid.MustParse("0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d")
	for _, service := range []string{"house-management", "nsi-common", "organizations-registry-common", "debt-requests", "bills"} {
		t.Run(service, func(t *testing.T) {
			t.Parallel()
			b := newBuilder(t, gis.BuilderConfig{OrgPPAGUID: testOrg})
			msg, err := b.GetState(service, ack)
			require.NoError(t, err)
			assert.Nil(t, msg.Body)
			assert.Empty(t, msg.Version)
			assert.Equal(t, "getState", msg.Operation.Name)
			data, err := msg.Bytes()
			require.NoError(t, err)
			s := string(data)
			assert.Contains(t, s, "<base:getStateRequest xmlns:base=\"http://dom.gosuslugi.ru/schema/integration/base/\"><base:MessageGUID>"+ack.String()+"</base:MessageGUID></base:getStateRequest>")
			assert.NotContains(t, s, "Id=")
			assert.NotContains(t, s, "base:version")
			schematest.Validate(t, msg)
		})
	}
}

func TestGetStateHeaderPerService(t *testing.T) {
	t.Parallel()
	ack := uuid.MustParse("0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d")
	b := newBuilder(t, gis.BuilderConfig{OrgPPAGUID: testOrg})
	hm, err := b.GetState("house-management", ack)
	require.NoError(t, err)
	assert.NotNil(t, hm.Doc.FindElement("//RequestHeader"))
	nsic, err := b.GetState("nsi-common", ack)
	require.NoError(t, err)
	assert.NotNil(t, nsic.Doc.FindElement("//ISRequestHeader"))
	assert.Nil(t, nsic.Doc.FindElement("//orgPPAGUID"))

	_, err = b.GetState("no-such-service", ack)
	requireViolation(t, err, "service", "unknown")
	_, err = b.GetState("house-management", uuid.Nil)
	requireViolation(t, err, "messageGUID", "required")
	noOrg := newBuilder(t, gis.BuilderConfig{})
	_, err = noOrg.GetState("house-management", ack)
	requireViolation(t, err, "orgPPAGUID", "required")
	_, err = noOrg.GetState("nsi-common", ack)
	require.NoError(t, err, "ISRequestHeader needs no organisation")
}

func requireViolation(t *testing.T, err error, field, code string) {
	t.Helper()
	require.ErrorIs(t, err, gis.ErrInvalid)
	var ve *gis.ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	for _, v := range ve.Violations {
		if v.Field == field && v.Code == code {
			assert.NotEmpty(t, v.Message)
			return
		}
	}
	t.Fatalf("no violation %s/%s in %v", field, code, ve.Violations)
}

func TestHeaderContent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		op       string
		operator bool
		want     []string
		wantNot  []string
	}{
		{
			name: "request header with operator signature", op: "exportAccountData", operator: true,
			want: []string{
				`<base:RequestHeader xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/">`,
				`<base:Date>2025-01-31T12:00:00.123+03:00</base:Date>`,
				`<base:MessageGUID>a0000001-0000-4000-8000-000000000000</base:MessageGUID>`,
				`<base:orgPPAGUID>5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b</base:orgPPAGUID>`,
				`<base:IsOperatorSignature>true</base:IsOperatorSignature></base:RequestHeader>`,
			},
		},
		{
			name: "request header without operator signature", op: "exportAccountData",
			want:    []string{`</base:orgPPAGUID></base:RequestHeader>`},
			wantNot: []string{"IsOperatorSignature"},
		},
		{
			name: "IS request header", op: "exportNsiList", operator: true,
			want:    []string{`<base:ISRequestHeader xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/"><base:Date>2025-01-31T12:00:00.123+03:00</base:Date><base:MessageGUID>a0000001-0000-4000-8000-000000000000</base:MessageGUID></base:ISRequestHeader>`},
			wantNot: []string{"orgPPAGUID", "IsOperatorSignature"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := newBuilder(t, gis.BuilderConfig{OrgPPAGUID: testOrg, OperatorSignature: tt.operator})
			op := lookup(t, tt.op)
			body, err := b.NewBody(op, "")
			require.NoError(t, err)
			if op.Name == "exportAccountData" {
				body.CreateElement("hm:FIASHouseGuid").SetText(testOrg.String())
			}
			msg, err := b.Wrap(op, body)
			require.NoError(t, err)
			data, err := msg.Bytes()
			require.NoError(t, err)
			s := string(data)
			assert.True(t, strings.HasPrefix(s, `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header>`), s)
			assert.NotContains(t, s, "\n")
			for _, w := range tt.want {
				assert.Contains(t, s, w)
			}
			for _, w := range tt.wantNot {
				assert.NotContains(t, s, w)
			}
			assert.Equal(t, uuid.MustParse("a0000001-0000-4000-8000-000000000000"), msg.MessageGUID)
			assert.True(t, msg.Date.Equal(testDate.Truncate(time.Millisecond)))
		})
	}
}

func TestBodyRootAttributes(t *testing.T) {
	t.Parallel()
	b := newBuilder(t, gis.BuilderConfig{OrgPPAGUID: testOrg})
	op := lookup(t, "importAccountData")
	body, err := b.NewBody(op, "")
	require.NoError(t, err)
	assert.Equal(t, "hm:importAccountRequest", body.FullTag())
	assert.Equal(t, gis.SignedDataID, body.SelectAttrValue("Id", ""))
	assert.Equal(t, "10.0.1.1", body.SelectAttrValue("base:version", ""))
	assert.Equal(t, "http://dom.gosuslugi.ru/schema/integration/house-management/", body.SelectAttrValue("xmlns:hm", ""))

	// A hand-made element without Id, version or declarations gets them.
	bare := etree.NewElement("hm:exportAccountRequest")
	bare.CreateElement("hm:AccountGUID").SetText(testOrg.String())
	bare.CreateElement("hm:AccountGUID").SetText(uuid.MustParse("b502ae45-897e-4b6f-9776-6ff49740b537").String())
	msg, err := b.Wrap(lookup(t, "exportAccountData"), bare)
	require.NoError(t, err)
	assert.Equal(t, gis.SignedDataID, bare.SelectAttrValue("Id", ""))
	assert.Equal(t, "10.0.1.1", bare.SelectAttrValue("base:version", ""))
	assert.Equal(t, "http://dom.gosuslugi.ru/schema/integration/house-management/", bare.SelectAttrValue("xmlns:hm", ""))
	assert.Equal(t, gis.NSBase, bare.SelectAttrValue("xmlns:base", ""))
	schematest.Validate(t, msg)
}

func TestWrapDeclaresNamespacesUsedInside(t *testing.T) {
	t.Parallel()
	b := newBuilder(t, gis.BuilderConfig{OrgPPAGUID: testOrg})
	op := lookup(t, "exportAccountData")
	body, err := b.NewBody(op, "")
	require.NoError(t, err)
	body.CreateElement("account-base:ServiceID").SetText("12345")
	x := body.CreateElement("account-base:ServiceID")
	x.SetText("67890")
	x.CreateAttr("xsi:type", "premises-base:Whatever")
	_, err = b.Wrap(op, body)
	require.NoError(t, err)
	assert.Equal(t, "http://dom.gosuslugi.ru/schema/integration/account-base/", body.SelectAttrValue("xmlns:account-base", ""))
	assert.Equal(t, gis.NSXSI, body.SelectAttrValue("xmlns:xsi", ""))
	assert.Equal(t, "http://dom.gosuslugi.ru/schema/integration/premises-base/", body.SelectAttrValue("xmlns:premises-base", ""))
}

func TestWrapRefusesBadInput(t *testing.T) {
	t.Parallel()
	accounts := lookup(t, "exportAccountData")
	tests := []struct {
		name  string
		cfg   gis.BuilderConfig
		op    gis.Operation
		body  func(t *testing.T, b *gis.Builder) *etree.Element
		field string
		code  string
	}{
		{
			name: "wrong element", cfg: gis.BuilderConfig{OrgPPAGUID: testOrg}, op: accounts,
			body: func(t *testing.T, b *gis.Builder) *etree.Element {
				e, err := b.NewBody(lookup(t, "importAccountData"), "")
				require.NoError(t, err)
				return e
			},
			field: "body", code: "element",
		},
		{
			name: "right name, wrong namespace", cfg: gis.BuilderConfig{OrgPPAGUID: testOrg}, op: accounts,
			body: func(*testing.T, *gis.Builder) *etree.Element {
				e := etree.NewElement("x:exportAccountRequest")
				e.CreateAttr("xmlns:x", "urn:other")
				return e
			},
			field: "body", code: "element",
		},
		{
			name: "version not allowed", cfg: gis.BuilderConfig{OrgPPAGUID: testOrg}, op: accounts,
			body: func(*testing.T, *gis.Builder) *etree.Element {
				e := etree.NewElement("hm:exportAccountRequest")
				e.CreateAttr("base:version", "11.0.0.1")
				return e
			},
			field: "version", code: "version",
		},
		{
			name: "no organisation", cfg: gis.BuilderConfig{}, op: accounts,
			body:  func(*testing.T, *gis.Builder) *etree.Element { return etree.NewElement("hm:exportAccountRequest") },
			field: "orgPPAGUID", code: "required",
		},
		{
			name: "unknown prefix inside", cfg: gis.BuilderConfig{OrgPPAGUID: testOrg}, op: accounts,
			body: func(*testing.T, *gis.Builder) *etree.Element {
				e := etree.NewElement("hm:exportAccountRequest")
				e.CreateElement("zz:Unknown")
				return e
			},
			field: "body", code: "namespace",
		},
		{
			name: "nil body", cfg: gis.BuilderConfig{OrgPPAGUID: testOrg}, op: accounts,
			body:  func(*testing.T, *gis.Builder) *etree.Element { return nil },
			field: "body", code: "required",
		},
		{
			name: "zero operation", cfg: gis.BuilderConfig{OrgPPAGUID: testOrg}, op: gis.Operation{},
			body:  func(*testing.T, *gis.Builder) *etree.Element { return etree.NewElement("hm:exportAccountRequest") },
			field: "operation", code: "unknown",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := newBuilder(t, tt.cfg)
			msg, err := b.Wrap(tt.op, tt.body(t, b))
			assert.Nil(t, msg)
			requireViolation(t, err, tt.field, tt.code)
		})
	}
}

func TestWrapReportsEveryViolation(t *testing.T) {
	t.Parallel()
	b := newBuilder(t, gis.BuilderConfig{})
	e := etree.NewElement("hm:importAccountRequest")
	e.CreateAttr("base:version", "1.0.0.0")
	e.CreateElement("account-base:ServiceID")
	_, err := b.Wrap(lookup(t, "exportAccountData"), e)
	requireViolation(t, err, "body", "element")
	requireViolation(t, err, "version", "version")
	requireViolation(t, err, "orgPPAGUID", "required")
	assert.Len(t, e.Attr, 1, "a refused body is left unchanged")
	assert.Nil(t, e.Parent())
}

func TestNewBodyRefusesVersion(t *testing.T) {
	t.Parallel()
	b := newBuilder(t, gis.BuilderConfig{OrgPPAGUID: testOrg})
	_, err := b.NewBody(lookup(t, "importAccountData"), "11.0.0.1")
	requireViolation(t, err, "version", "version")
	_, err = b.NewBody(gis.Operation{}, "")
	requireViolation(t, err, "operation", "unknown")
	drs := lookup(t, "exportDebtSubrequests")
	for _, v := range drs.Versions {
		body, err := b.NewBody(drs, v)
		require.NoError(t, err, v)
		assert.Equal(t, v, body.SelectAttrValue("base:version", ""))
	}
}

func TestFreshMessageGUIDPerMessage(t *testing.T) {
	t.Parallel()
	b := gis.NewBuilder(gis.BuilderConfig{OrgPPAGUID: testOrg}) // real random IDs and clock
	op := lookup(t, "exportNsiList")
	seen := map[uuid.UUID]bool{}
	for range 20 {
		body, err := b.NewBody(op, "")
		require.NoError(t, err)
		msg, err := b.Wrap(op, body)
		require.NoError(t, err)
		assert.False(t, seen[msg.MessageGUID], "MessageGUID repeated")
		seen[msg.MessageGUID] = true
		data, err := msg.Bytes()
		require.NoError(t, err)
		assert.Contains(t, string(data), "<base:MessageGUID>"+msg.MessageGUID.String()+"</base:MessageGUID>")
		_, offset := msg.Date.Zone()
		assert.Equal(t, 3*60*60, offset, "header Date is in Moscow time")
	}
}

func TestIDSourceFailure(t *testing.T) {
	t.Parallel()
	boom := errors.New("no entropy")
	b := gis.NewBuilder(gis.BuilderConfig{OrgPPAGUID: testOrg, NewID: func() (uuid.UUID, error) { return uuid.Nil, boom }})
	op := lookup(t, "exportNsiList")
	body, err := b.NewBody(op, "")
	require.NoError(t, err)
	_, err = b.Wrap(op, body)
	require.ErrorIs(t, err, boom)
}

func TestBytesEscapesAndKeepsCyrillic(t *testing.T) {
	t.Parallel()
	b := newBuilder(t, gis.BuilderConfig{OrgPPAGUID: testOrg})
	op := lookup(t, "exportAccountData")
	body, err := b.NewBody(op, "")
	require.NoError(t, err)
	body.CreateElement("account-base:UnifiedAccountNumber").SetText(`Ё&<>"ё№1Б2`)
	msg, err := b.Wrap(op, body)
	require.NoError(t, err)
	data, err := msg.Bytes()
	require.NoError(t, err)
	s := string(data)
	assert.Contains(t, s, "Ё&amp;&lt;&gt;&quot;ё№1Б2")

	// The bytes read back to the same text.
	doc := etree.NewDocument()
	require.NoError(t, doc.ReadFromBytes(data))
	assert.Equal(t, `Ё&<>"ё№1Б2`, doc.FindElement("//UnifiedAccountNumber").Text())
	schematest.Validate(t, msg)

	_, err = (&gis.Message{}).Bytes()
	require.ErrorIs(t, err, gis.ErrInvalid)
}

func TestCorrelate(t *testing.T) {
	t.Parallel()
	g1 := uuid.MustParse("11111111-1111-4111-8111-111111111111")
	g2 := uuid.MustParse("22222222-2222-4222-8222-222222222222")
	m := &gis.Message{Items: map[uuid.UUID]int{g1: 100, g2: 101}}
	r := &gis.StateResult{Results: []gis.CommonResult{
		{TransportGUID: g2, UniqueNumber: "N2"},
		{TransportGUID: g1, Errors: []*gis.Error{{Code: "INT002000"}}},
	}}
	got, err := m.Correlate(r)
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, 101, got[0].Index)
	assert.Equal(t, "N2", got[0].UniqueNumber)
	assert.True(t, got[0].OK())
	assert.Equal(t, 100, got[1].Index)
	assert.False(t, got[1].OK())

	r.Results = append(r.Results, gis.CommonResult{TransportGUID: uuid.MustParse("33333333-3333-4333-8333-333333333333")})
	_, err = m.Correlate(r)
	require.ErrorIs(t, err, gis.ErrInvalid)
	_, err = m.Correlate(nil)
	require.ErrorIs(t, err, gis.ErrInvalid)
}
