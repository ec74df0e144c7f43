package gis_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
)

const trFault = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>ошибка</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`

// trSeen is what the test server saw of one request.
type trSeen struct {
	method, path, host, action, contentType, fingerprint string
	user, password                                       string
	basic                                                bool
	body                                                 string
}

func trServer(t *testing.T, status int, answer string) (*httptest.Server, func() trSeen) {
	t.Helper()
	var mu sync.Mutex
	var seen trSeen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		user, password, basic := r.BasicAuth()
		mu.Lock()
		seen = trSeen{r.Method, r.URL.Path, r.Host, r.Header.Get("SOAPAction"), r.Header.Get("Content-Type"),
			r.Header.Get("X-Client-Cert-Fingerprint"), user, password, basic, string(body)}
		mu.Unlock()
		w.WriteHeader(status)
		_, _ = io.WriteString(w, answer)
	}))
	t.Cleanup(srv.Close)
	return srv, func() trSeen {
		mu.Lock()
		defer mu.Unlock()
		return seen
	}
}

func trOp() gis.Operation {
	return gis.Operation{Name: "importAccountData", Path: "/ext-bus-home-management-service/services/HomeManagementAsync", SOAPAction: "urn:importAccountData"}
}

func TestHTTPTransportRequest(t *testing.T) {
	t.Parallel()
	srv, seen := trServer(t, 200, "<ok/>")
	tr, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{
		BaseURL:  srv.URL + "/gis/",
		Host:     gis.ProductionHost,
		Username: "sit",
		Password: "секрет",
		Header:   http.Header{"X-Client-Cert-Fingerprint": {"AB12"}},
	})
	require.NoError(t, err)
	assert.Equal(t, srv.URL+"/gis/ext-bus-home-management-service/services/HomeManagementAsync", tr.Endpoint(trOp()))

	got, err := tr.Send(t.Context(), trOp(), []byte("<request>Ёлка</request>"))
	require.NoError(t, err)
	assert.Equal(t, "<ok/>", string(got))
	s := seen()
	assert.Equal(t, http.MethodPost, s.method)
	assert.Equal(t, "/gis/ext-bus-home-management-service/services/HomeManagementAsync", s.path)
	assert.Equal(t, gis.ProductionHost, s.host, "the Host header of the real API goes through a terminator")
	assert.Equal(t, `"urn:importAccountData"`, s.action, "SOAPAction is quoted")
	assert.Equal(t, "text/xml; charset=utf-8", s.contentType)
	assert.Equal(t, "AB12", s.fingerprint)
	assert.True(t, s.basic)
	assert.Equal(t, "sit", s.user)
	assert.Equal(t, "секрет", s.password)
	assert.Equal(t, "<request>Ёлка</request>", s.body)
}

func TestHTTPTransportNoAuth(t *testing.T) {
	t.Parallel()
	srv, seen := trServer(t, 200, "<ok/>")
	tr, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: srv.URL})
	require.NoError(t, err)
	_, err = tr.Send(t.Context(), trOp(), nil)
	require.NoError(t, err)
	assert.False(t, seen().basic)
	assert.Equal(t, strings.TrimPrefix(srv.URL, "http://"), seen().host)
}

func TestHTTPTransportStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		answer string
		class  gis.Class
		body   bool
	}{
		{"ok", 200, "<ok/>", gis.ClassUnknown, true},
		{"fault with 500", 500, trFault, gis.ClassUnknown, true},
		{"500 without a fault", 500, "Internal Server Error", gis.ClassUnknown, false},
		{"bad gateway", 502, "", gis.ClassRetry, false},
		{"unavailable", 503, "<html>busy</html>", gis.ClassRetry, false},
		{"gateway timeout", 504, "", gis.ClassRetry, false},
		{"unauthorised", 401, "", gis.ClassUnknown, false},
		{"not found", 404, "", gis.ClassUnknown, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, _ := trServer(t, tt.status, tt.answer)
			tr, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: srv.URL})
			require.NoError(t, err)
			got, err := tr.Send(t.Context(), trOp(), []byte("<x/>"))
			if tt.body {
				require.NoError(t, err)
				assert.Equal(t, tt.answer, string(got))
				return
			}
			var ge *gis.Error
			require.ErrorAs(t, err, &ge)
			assert.Equal(t, tt.status, ge.HTTPStatus)
			assert.Equal(t, "HTTP"+strconv.Itoa(tt.status), ge.Code)
			assert.Contains(t, ge.Text, "сервер ответил HTTP")
			assert.Equal(t, tt.class, gis.ClassOf(err))
		})
	}
}

func TestHTTPTransportSizeCap(t *testing.T) {
	t.Parallel()
	srv, _ := trServer(t, 200, strings.Repeat("я", 100))
	tr, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: srv.URL, MaxResponseBytes: 200})
	require.NoError(t, err)
	got, err := tr.Send(t.Context(), trOp(), nil)
	require.NoError(t, err, "exactly at the cap")
	assert.Len(t, got, 200)

	tr, err = gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: srv.URL, MaxResponseBytes: 199})
	require.NoError(t, err)
	_, err = tr.Send(t.Context(), trOp(), nil)
	require.ErrorIs(t, err, gis.ErrInvalid)
}

func TestHTTPTransportNetworkErrors(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	tr, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: url})
	require.NoError(t, err)
	_, err = tr.Send(t.Context(), trOp(), nil)
	require.Error(t, err)
	assert.Equal(t, gis.ClassRetry, gis.ClassOf(err), "a refused connection is worth retrying")

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = tr.Send(ctx, trOp(), nil)
	require.ErrorIs(t, err, context.Canceled)
}

func TestNewHTTPTransportInvalid(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"", "api.dom.gosuslugi.ru", "ftp://api.dom.gosuslugi.ru", "http://", "://x"} {
		_, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: base})
		require.ErrorIs(t, err, gis.ErrInvalid, base)
	}
	for _, base := range []string{gis.ProductionURL, gis.SIT01URL, gis.SIT02URL, "http://127.0.0.1:8080"} {
		_, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: base})
		require.NoError(t, err, base)
	}
}
