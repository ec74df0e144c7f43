package schematest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis/internal/schematest"
)

// recorder is a testing.TB whose Fatalf records the failure and stops
// the helper, so that a test can check that an invalid document fails.
type recorder struct {
	testing.TB
	failed string
}

type stop struct{}

func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	panic(stop{})
}

func (r *recorder) Fatal(args ...any) {
	r.failed = fmt.Sprint(args...)
	panic(stop{})
}

func validate(t *testing.T, envelope, service string) (failure string) {
	t.Helper()
	r := &recorder{TB: t}
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(stop); !ok {
				panic(v)
			}
		}
		failure = r.failed
	}()
	schematest.ValidateBytes(r, []byte(envelope), service)
	return ""
}

const envelope = `<?xml version="1.0" encoding="UTF-8"?>` +
	`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/">` +
	`<soapenv:Header><base:ISRequestHeader><base:Date>2025-01-31T12:00:00.000+03:00</base:Date>` +
	`<base:MessageGUID>0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d</base:MessageGUID></base:ISRequestHeader></soapenv:Header>` +
	`<soapenv:Body><nsic:exportNsiListRequest xmlns:nsic="http://dom.gosuslugi.ru/schema/integration/nsi-common/" Id="signed-data-container" base:version="%s">%s</nsic:exportNsiListRequest></soapenv:Body>` +
	`</soapenv:Envelope>`

func TestValidateBytes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		version string
		inner   string
		fails   string
	}{
		{name: "valid, declarations inherited from the envelope", version: "10.0.1.2"},
		{name: "valid with a list group", version: "10.0.1.2",
			inner: `<nsi-base:ListGroup xmlns:nsi-base="http://dom.gosuslugi.ru/schema/integration/nsi-base/">NSI</nsi-base:ListGroup>`},
		// libxml2 2.9 does not enforce fixed= on attribute references, so a
		// wrong base:version passes xmllint; gis.Builder checks it instead.
		{name: "wrong fixed version is not caught by xmllint", version: "1.0.0.0"},
		{name: "unknown child", version: "10.0.1.2", inner: `<nsic:Nonsense/>`, fails: "body is invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := validate(t, fmt.Sprintf(envelope, tt.version, tt.inner), "nsi-common")
			if tt.fails == "" {
				assert.Empty(t, got)
				return
			}
			require.NotEmpty(t, got)
			assert.Contains(t, got, tt.fails)
		})
	}
}

func TestValidateBytesBadHeader(t *testing.T) {
	t.Parallel()
	env := strings.Replace(fmt.Sprintf(envelope, "10.0.1.2", ""), "<base:Date>2025-01-31T12:00:00.000+03:00</base:Date>", "", 1)
	got := validate(t, env, "nsi-common")
	assert.Contains(t, got, "header is invalid")
}

func TestValidateBytesNotAnEnvelope(t *testing.T) {
	t.Parallel()
	assert.Contains(t, validate(t, "<a/>", "nsi-common"), "soapenv:Envelope")
	assert.Contains(t, validate(t, "<a><b></a>", "nsi-common"), "not XML")
}
