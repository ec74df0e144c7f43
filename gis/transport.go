package gis

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/openzhkh/zhkh/internal/fault"
)

// Transport is the port that carries a SOAP envelope to GIS ZhKKh and
// brings the answer back: it posts body to the endpoint of op (op.Path
// under the transport's base URL) with op.SOAPAction.
//
// Send returns the body of the answer when the server answered 200, and
// also when it answered 500 with a SOAP fault in the body (SOAP 1.1 sends
// faults with status 500), so that ParseAck and ParseStateResult read the
// fault. Any other HTTP status comes back as a *Error with HTTPStatus and
// Code "HTTP<status>" (502, 503 and 504 are ClassRetry). A failure to
// reach the server comes back as the network error (ClassOf classifies
// timeouts and dropped connections as ClassRetry), and a cancelled ctx as
// ctx's error.
type Transport interface {
	Send(ctx context.Context, op Operation, body []byte) ([]byte, error)
}

// TransportFunc adapts a function to Transport, for tests and for
// wrapping another transport.
type TransportFunc func(ctx context.Context, op Operation, body []byte) ([]byte, error)

// Send calls f.
func (f TransportFunc) Send(ctx context.Context, op Operation, body []byte) ([]byte, error) {
	return f(ctx, op, body)
}

// The base URLs of GIS ZhKKh.
const (
	// ProductionURL is the API of the production system.
	ProductionURL = "https://api.dom.gosuslugi.ru"
	// SIT01URL is the test stand with the current formats; it wants
	// HTTP Basic authentication.
	SIT01URL = "https://sit01.dom.test.gosuslugi.ru:10081"
	// SIT02URL is the test stand with the future formats; it wants HTTP
	// Basic authentication.
	SIT02URL = "https://sit02.dom.test.gosuslugi.ru:10081"
	// ProductionHost is the host name of the production API, for the
	// Host header when a local TLS terminator forwards to it.
	ProductionHost = "api.dom.gosuslugi.ru"
)

// CodeResponseTooLarge is the code of the error an HTTPTransport returns
// when an answer exceeds its size cap; the error matches ErrInvalid.
const CodeResponseTooLarge = "gis.response_too_large"

// HTTPTransportConfig configures an HTTPTransport.
type HTTPTransportConfig struct {
	// BaseURL is where the service paths are appended: ProductionURL,
	// SIT01URL, SIT02URL, or the local address of a TLS terminator
	// ("http://127.0.0.1:8080"). Required.
	BaseURL string
	// Client sends the requests; http.DefaultClient when nil. Set its
	// Timeout, or rely on the context of each call.
	Client *http.Client
	// Host, when set, is sent as the Host header instead of the host of
	// BaseURL: ProductionHost when BaseURL points at a local terminator.
	Host string
	// Username and Password, when Username is set, are sent as HTTP Basic
	// authentication, as the test stands require.
	Username string
	Password string
	// Header are extra headers sent with every request, such as
	// X-Client-Cert-Fingerprint for a terminator that needs it.
	Header http.Header
	// MaxResponseBytes caps the size of an answer;
	// MaxResponseSize (what the parsers accept) when zero or negative.
	MaxResponseBytes int64
}

// HTTPTransport is the reference Transport over net/http. It posts SOAP
// 1.1 envelopes with Content-Type "text/xml; charset=utf-8" and a quoted
// SOAPAction header.
//
// GIS ZhKKh speaks TLS with GOST cipher suites and authenticates the
// calling information system by its GOST client certificate. Go's
// crypto/tls has no GOST suites, so put a GOST TLS terminator in front:
// stunnel with CryptoPro CSP, or stunnel built against OpenSSL with
// gost-engine, listening on 127.0.0.1 in client mode and connecting to
// api.dom.gosuslugi.ru:443 with the organisation's certificate. Then point
// the transport at the terminator and keep the Host header of the real
// API:
//
//	t, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{
//		BaseURL: "http://127.0.0.1:8080",
//		Host:    gis.ProductionHost,
//	})
//
// A matching stunnel section reads:
//
//	[gis-zhkh]
//	client = yes
//	accept = 127.0.0.1:8080
//	connect = api.dom.gosuslugi.ru:443
//	engine = gost            ; or CryptoPro's stunnel build
//	cert = /etc/stunnel/org-gost.pem
//
// An HTTPTransport is safe for concurrent use.
type HTTPTransport struct {
	base   *url.URL
	client *http.Client
	cfg    HTTPTransportConfig
}

var _ Transport = (*HTTPTransport)(nil)

// NewHTTPTransport returns an HTTPTransport. It returns an error matching
// ErrInvalid when BaseURL is not an absolute http or https URL.
func NewHTTPTransport(cfg HTTPTransportConfig) (*HTTPTransport, error) {
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fault.Validation(fault.Violation{Field: "baseURL", Code: "format",
			Message: "нужен абсолютный адрес http:// или https://"})
	}
	u.Path = strings.TrimRight(u.Path, "/")
	if cfg.MaxResponseBytes <= 0 {
		cfg.MaxResponseBytes = MaxResponseSize
	}
	c := cfg.Client
	if c == nil {
		c = http.DefaultClient
	}
	cfg.Header = cfg.Header.Clone()
	return &HTTPTransport{base: u, client: c, cfg: cfg}, nil
}

// Endpoint returns the URL the transport posts op's requests to.
func (t *HTTPTransport) Endpoint(op Operation) string {
	u := *t.base
	p := op.Path
	if p != "" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	u.Path += p
	return u.String()
}

// Send posts body to op's endpoint; see Transport for what it returns.
func (t *HTTPTransport) Send(ctx context.Context, op Operation, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.Endpoint(op), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	for k, vs := range t.cfg.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", strconv.Quote(op.SOAPAction))
	if t.cfg.Host != "" {
		req.Host = t.cfg.Host
	}
	if t.cfg.Username != "" {
		req.SetBasicAuth(t.cfg.Username, t.cfg.Password)
	}
	resp, err := t.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, t.cfg.MaxResponseBytes+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	if int64(len(data)) > t.cfg.MaxResponseBytes {
		return nil, fault.New(fault.Invalid, CodeResponseTooLarge,
			fmt.Sprintf("ответ ГИС ЖКХ больше %d байт", t.cfg.MaxResponseBytes))
	}
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return data, nil
	case resp.StatusCode == http.StatusInternalServerError && isSOAPFault(data):
		return data, nil
	}
	return nil, &Error{
		Code:       "HTTP" + strconv.Itoa(resp.StatusCode),
		Text:       fmt.Sprintf("сервер ответил HTTP %d (%s)", resp.StatusCode, http.StatusText(resp.StatusCode)),
		HTTPStatus: resp.StatusCode,
	}
}

// isSOAPFault reports whether data looks like a SOAP 1.1 envelope with a
// Fault; the parsers read it properly.
func isSOAPFault(data []byte) bool {
	return bytes.Contains(data, []byte(NSSOAPEnvelope)) && bytes.Contains(data, []byte("Fault>"))
}
