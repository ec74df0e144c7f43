package gistest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/gis"
)

// ResultVersion returns the base:version the fake server writes on the
// getStateResult of a service: the value the 16.3.0.0 schema fixes,
// fallback for a service whose schema does not fix one (debt-requests,
// debts, licenses), and "" for fas, whose result has no version.
func ResultVersion(service, fallback string) string {
	switch service {
	case "fas":
		return ""
	case "appeals":
		return "12.2.0.5"
	case "bills", "device-metering", "infrastructure", "payment", "services":
		return "10.0.1.1"
	case "capital-repair", "house-management", "msp":
		return "11.0.0.1"
	case "inspection", "nsi", "nsi-common":
		return "10.0.1.2"
	case "organizations-registry", "organizations-registry-common":
		return "10.0.2.1"
	case "outage-report":
		return "13.2.0.1"
	case "rap":
		return "11.10.0.2"
	case "rvuo":
		return "13.1.8.3"
	case "tariff":
		return "11.14.0.5"
	case "tech-conn":
		return "13.2.5.0"
	case "uk":
		return "11.2.0.2"
	case "volume-quality":
		return "11.3.0.1"
	}
	return fallback
}

// dateTimeLayout is how the fake server writes an xs:dateTime: with
// milliseconds and the zone offset, as GIS ZhKKh does.
const dateTimeLayout = "2006-01-02T15:04:05.000-07:00"

// Request is a request the fake server received.
type Request struct {
	// Operation is the operation the path and SOAPAction name; zero when
	// they name none.
	Operation gis.Operation
	// Path is the URL path and SOAPAction the SOAPAction header as sent
	// (HTTPTransport quotes it).
	Path       string
	SOAPAction string
	// Header are the HTTP headers of the request.
	Header http.Header
	// Raw is the request body, byte for byte.
	Raw []byte
	// MessageGUID is the MessageGUID of the SOAP header.
	MessageGUID uuid.UUID
	// Body is the body root element of the SOAP envelope (parsed from Raw;
	// a handler may read it but not keep changes).
	Body *etree.Element
}

// Reply is how the fake server answers one asynchronous request.
type Reply struct {
	// Fault, when set, answers the request itself with a SOAP fault
	// (HTTP 500) carrying Fault.Code and Fault.Text, instead of an Ack.
	Fault *gis.Error
	// Error, when set, is the whole-message base:ErrorMessage of the
	// final getStateResult (Code and Text); Result is ignored then.
	Error *gis.Error
	// Result are the children of the final getStateResult after
	// base:MessageGUID, such as hm:ImportResult or
	// hm:exportAccountResult, written with the prefixes of package gis
	// (the server declares them).
	Result []*etree.Element
	// Pending are the RequestStates of the getStates before the final
	// one; nil means {1, 2}, an empty non-nil slice none.
	Pending []gis.RequestState
}

// Handler answers an asynchronous request of one operation.
type Handler func(r Request) Reply

// FakeServerOptions configure a FakeServer.
type FakeServerOptions struct {
	// NewID makes the MessageGUIDs of the server's answers; a counter
	// (00000000-0000-4000-8000-000000000001, ...) when nil.
	NewID func() uuid.UUID
	// Now is the clock of the ResultHeader Date; a fixed time when nil.
	Now func() time.Time
	// Default answers the operations without a Handler of their own;
	// nil answers RequestState 3 with no payload.
	Default Handler
}

// FakeServer is a GIS ZhKKh stand-in over httptest for tests of code
// that talks to GIS. It serves the path of every service of
// gis.Operations(), picks the operation by path and SOAPAction, answers
// every asynchronous request with an Ack (a fresh MessageGUID, the
// request's MessageGUID as RequesterMessageGUID), and answers getState
// about it with RequestState 1, then 2, then 3 with the Reply the
// operation's Handler gave. Its answers are valid by the 16.3.0.0
// schemas, provided the Result of a Reply is. Unknown paths get HTTP 404, an action the service lacks or a
// body that is not the operation's request element a SOAP fault
// FMT001300, and a getState about an unknown MessageGUID a SOAP fault
// INT002013. It records every request it receives. It is safe for
// concurrent use.
type FakeServer struct {
	// URL is the base URL of the server, for gis.HTTPTransportConfig.
	URL string

	srv      *httptest.Server
	newID    func() uuid.UUID
	now      func() time.Time
	byPath   map[string][]gis.Operation
	mu       sync.Mutex
	handlers map[string]Handler
	def      Handler
	pending  map[uuid.UUID]*exchange
	failures []failure
	received []Request
	seq      int
}

// exchange is an acknowledged request the server will answer.
type exchange struct {
	op      gis.Operation
	version string
	reply   Reply
	polls   int
}

// failure answers the next n requests of an action with an HTTP status.
type failure struct {
	action string
	status int
	n      int
}

// NewFakeServer starts a fake server that the test's Cleanup closes.
func NewFakeServer(t testing.TB, opts FakeServerOptions) *FakeServer {
	t.Helper()
	s := StartFakeServer(opts)
	t.Cleanup(s.Close)
	return s
}

// StartFakeServer starts a fake server outside a test (in an Example, a
// TestMain or a development tool); the caller closes it with Close.
func StartFakeServer(opts FakeServerOptions) *FakeServer {
	s := &FakeServer{
		newID:    opts.NewID,
		now:      opts.Now,
		def:      opts.Default,
		byPath:   map[string][]gis.Operation{},
		handlers: map[string]Handler{},
		pending:  map[uuid.UUID]*exchange{},
	}
	if s.newID == nil {
		s.newID = s.counterID
	}
	if s.now == nil {
		fixed := time.Date(2026, time.January, 15, 12, 0, 0, 0, time.FixedZone("MSK", 3*60*60))
		s.now = func() time.Time { return fixed }
	}
	for _, op := range gis.Operations() {
		s.byPath[op.Path] = append(s.byPath[op.Path], op)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s
}

// Close shuts the server down and waits for the requests in flight.
func (s *FakeServer) Close() { s.srv.Close() }

// counterID is the default source of MessageGUIDs; called with s.mu held.
func (s *FakeServer) counterID() uuid.UUID {
	s.seq++
	return uuid.MustParse(fmt.Sprintf("00000000-0000-4000-8000-%012d", s.seq))
}

// Handle sets the handler of an operation, by its WSDL name
// ("importAccountData").
func (s *FakeServer) Handle(operation string, h Handler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handlers[operation] = h
}

// FailNext answers the next n requests whose SOAPAction names action
// ("getState", "importAccountData"; "" for any) with the HTTP status and
// a plain-text body, before anything else is done with them.
func (s *FakeServer) FailNext(action string, status, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{action: action, status: status, n: n})
}

// Requests returns the requests received so far, in order.
func (s *FakeServer) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.received))
	copy(out, s.received)
	return out
}

// serve is the HTTP handler.
func (s *FakeServer) serve(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	action := strings.TrimPrefix(strings.Trim(r.Header.Get("SOAPAction"), `"`), "urn:")
	req := Request{Path: r.URL.Path, SOAPAction: r.Header.Get("SOAPAction"), Header: r.Header.Clone(), Raw: raw}
	for _, op := range s.byPath[r.URL.Path] {
		if op.Name == action {
			req.Operation = op
		}
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(raw); err == nil {
		if env := doc.Root(); env != nil {
			if h := firstChild(env, "Header"); h != nil {
				for _, hdr := range h.ChildElements() {
					req.MessageGUID, _ = uuid.Parse(strings.TrimSpace(childText(hdr, "MessageGUID")))
				}
			}
			if b := firstChild(env, "Body"); b != nil {
				if kids := b.ChildElements(); len(kids) > 0 {
					req.Body = kids[0]
				}
			}
		}
	}

	s.mu.Lock()
	s.received = append(s.received, req)
	status := s.takeFailure(action)
	handler := s.handlers[action]
	if handler == nil {
		handler = s.def
	}
	s.mu.Unlock()

	switch {
	case status != 0:
		http.Error(w, http.StatusText(status), status)
	case len(s.byPath[r.URL.Path]) == 0:
		http.NotFound(w, r)
	case req.Operation.Name == "":
		s.fault(w, "FMT001300", fmt.Sprintf("Операция %q не поддерживается сервисом", action))
	case req.Body == nil || req.Body.Tag != req.Operation.Request.Local || req.Body.NamespaceURI() != req.Operation.Request.URI:
		s.fault(w, "FMT001300", "Некорректный XML: ожидался элемент "+req.Operation.Request.String())
	case req.Operation.Name == "getState":
		s.getState(w, req)
	case req.Operation.Response.Local != "AckRequest":
		s.fault(w, "FMT001300", fmt.Sprintf("Синхронная операция %q не поддерживается тестовым сервером", action))
	default:
		s.accept(w, req, handler)
	}
}

// takeFailure returns the HTTP status to fail a request of action with,
// or 0; called with s.mu held.
func (s *FakeServer) takeFailure(action string) int {
	for i := range s.failures {
		f := &s.failures[i]
		if f.n > 0 && (f.action == "" || f.action == action) {
			f.n--
			return f.status
		}
	}
	return 0
}

// accept answers an asynchronous request with an Ack, or with the fault
// of its Reply.
func (s *FakeServer) accept(w http.ResponseWriter, req Request, handler Handler) {
	var reply Reply
	if handler != nil {
		reply = handler(req)
	}
	if reply.Fault != nil {
		s.fault(w, reply.Fault.Code, reply.Fault.Text)
		return
	}
	version := ""
	if a := req.Body.SelectAttr("base:version"); a != nil {
		version = a.Value
	} else {
		for _, a := range req.Body.Attr {
			if a.Key == "version" {
				version = a.Value
			}
		}
	}
	s.mu.Lock()
	id := s.newID()
	s.pending[id] = &exchange{op: req.Operation, version: version, reply: reply}
	s.mu.Unlock()

	env, body := s.envelope()
	ack := body.CreateElement("base:AckRequest").CreateElement("base:Ack")
	ack.CreateElement("base:MessageGUID").SetText(id.String())
	ack.CreateElement("base:RequesterMessageGUID").SetText(req.MessageGUID.String())
	s.write(w, http.StatusOK, env)
}

// getState answers a getState.
func (s *FakeServer) getState(w http.ResponseWriter, req Request) {
	id, err := uuid.Parse(strings.TrimSpace(childText(req.Body, "MessageGUID")))
	s.mu.Lock()
	x, ok := s.pending[id]
	var state gis.RequestState
	if ok {
		pending := x.reply.Pending
		if pending == nil {
			pending = []gis.RequestState{gis.StateReceived, gis.StateProcessing}
		}
		if x.polls < len(pending) {
			state = pending[x.polls]
		} else {
			state = gis.StateDone
		}
		x.polls++
	}
	s.mu.Unlock()
	if err != nil || !ok || x.op.Service != req.Operation.Service {
		s.fault(w, "INT002013", "Запрос не найден")
		return
	}

	env, body := s.envelope()
	res := body.CreateElement(x.op.Result.Prefix + ":" + x.op.Result.Local)
	res.CreateAttr("Id", gis.SignedDataID)
	if v := ResultVersion(x.op.Service, x.version); v != "" {
		res.CreateAttr("base:version", v)
	}
	res.CreateElement("base:RequestState").SetText(strconv.Itoa(int(state)))
	res.CreateElement("base:MessageGUID").SetText(id.String())
	if state == gis.StateDone {
		switch {
		case x.reply.Error != nil:
			em := res.CreateElement("base:ErrorMessage")
			em.CreateElement("base:ErrorCode").SetText(x.reply.Error.Code)
			em.CreateElement("base:Description").SetText(x.reply.Error.Text)
		default:
			for _, c := range x.reply.Result {
				res.AddChild(c.Copy())
			}
		}
	}
	s.write(w, http.StatusOK, env)
}

// fault answers with a SOAP fault carrying base:Fault.
func (s *FakeServer) fault(w http.ResponseWriter, code, text string) {
	env, body := s.envelope()
	f := body.CreateElement("soapenv:Fault")
	f.CreateElement("faultcode").SetText("soapenv:Server")
	f.CreateElement("faultstring").SetText(text)
	d := f.CreateElement("detail").CreateElement("base:Fault")
	d.CreateElement("base:ErrorCode").SetText(code)
	d.CreateElement("base:ErrorMessage").SetText(text)
	s.write(w, http.StatusInternalServerError, env)
}

// envelope returns a response envelope with its ResultHeader, and its
// Body.
func (s *FakeServer) envelope() (*etree.Element, *etree.Element) {
	env := etree.NewElement("soapenv:Envelope")
	env.CreateAttr("xmlns:soapenv", gis.NSSOAPEnvelope)
	env.CreateAttr("xmlns:base", gis.NSBase)
	h := env.CreateElement("soapenv:Header").CreateElement("base:ResultHeader")
	s.mu.Lock()
	id := s.newID()
	s.mu.Unlock()
	h.CreateElement("base:Date").SetText(s.now().Format(dateTimeLayout))
	h.CreateElement("base:MessageGUID").SetText(id.String())
	return env, env.CreateElement("soapenv:Body")
}

// write declares every prefix used in env that package gis knows and
// writes env.
func (s *FakeServer) write(w http.ResponseWriter, status int, env *etree.Element) {
	declared := map[string]bool{"soapenv": true, "base": true}
	var walk func(e *etree.Element)
	walk = func(e *etree.Element) {
		prefixes := []string{e.Space}
		for _, a := range e.Attr {
			if a.Space != "" && a.Space != "xmlns" {
				prefixes = append(prefixes, a.Space)
			}
			if a.Space == "xmlns" {
				declared[a.Key] = true
			}
		}
		for _, p := range prefixes {
			if p == "" || declared[p] {
				continue
			}
			if uri, ok := gis.NamespaceOf(p); ok {
				env.CreateAttr("xmlns:"+p, uri)
				declared[p] = true
			}
		}
		for _, c := range e.ChildElements() {
			walk(c)
		}
	}
	walk(env)
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	doc.SetRoot(env)
	var buf bytes.Buffer
	if _, err := doc.WriteTo(&buf); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// firstChild returns the first child element of e with the local name.
func firstChild(e *etree.Element, local string) *etree.Element {
	for _, c := range e.ChildElements() {
		if c.Tag == local {
			return c
		}
	}
	return nil
}

// childText returns the text of the first child with the local name.
func childText(e *etree.Element, local string) string {
	if c := firstChild(e, local); c != nil {
		return c.Text()
	}
	return ""
}

// Item is the outcome the fake server reports for one item of an import.
type Item struct {
	// GUID is the identifier GIS gives the object; derived from the
	// TransportGUID when zero.
	GUID uuid.UUID
	// UniqueNumber is the unique number GIS assigns, if any.
	UniqueNumber string
	// Errors, when set, fail the item with these codes and texts.
	Errors []*gis.Error
	// Extra are operation-specific children written after the common
	// ones (hm:ImportAccount, hm:importMeteringDevice); house-management
	// only.
	Extra []*etree.Element
}

// TransportGUIDs returns the base:TransportGUID of every item of a
// request body (each child of the body root that has one), in order.
func TransportGUIDs(body *etree.Element) []uuid.UUID {
	var out []uuid.UUID
	if body == nil {
		return nil
	}
	for _, item := range body.ChildElements() {
		if c := firstChild(item, "TransportGUID"); c != nil {
			if id, err := uuid.Parse(strings.TrimSpace(c.Text())); err == nil {
				out = append(out, id)
			}
		}
	}
	return out
}

// ImportReply returns a Reply with a result for every item of the import
// r, in the shape of r's service: one hm:ImportResult (base:version
// 10.0.1.1) with an hm:CommonResult per item for house-management, a drs:importResult per
// item for debt-requests, and a <prefix>:ImportResult per item for the
// other services. outcome says how each item ends (nil: every item
// succeeds); updated is the UpdateDate of the items that succeed.
func ImportReply(r Request, updated time.Time, outcome func(transportGUID uuid.UUID) Item) Reply {
	op := r.Operation
	prefix := op.Result.Prefix
	var reply Reply
	var parent *etree.Element
	tag := prefix + ":ImportResult"
	switch op.Service {
	case "house-management":
		parent = etree.NewElement(prefix + ":ImportResult")
		parent.CreateAttr("base:version", "10.0.1.1")
		reply.Result = append(reply.Result, parent)
		tag = prefix + ":CommonResult"
	case "debt-requests":
		tag = prefix + ":importResult"
	}
	for _, tg := range TransportGUIDs(r.Body) {
		var it Item
		if outcome != nil {
			it = outcome(tg)
		}
		e := etree.NewElement(tag)
		guid := it.GUID
		if guid == uuid.Nil && len(it.Errors) == 0 {
			guid = uuid.NewSHA1(uuid.NameSpaceOID, tg[:])
		}
		if guid != uuid.Nil {
			e.CreateElement("base:GUID").SetText(guid.String())
		}
		e.CreateElement("base:TransportGUID").SetText(tg.String())
		if len(it.Errors) == 0 {
			if it.UniqueNumber != "" {
				e.CreateElement("base:UniqueNumber").SetText(it.UniqueNumber)
			}
			e.CreateElement("base:UpdateDate").SetText(updated.Format(dateTimeLayout))
		}
		for _, ge := range it.Errors {
			x := e.CreateElement("base:Error")
			x.CreateElement("base:ErrorCode").SetText(ge.Code)
			x.CreateElement("base:Description").SetText(ge.Text)
		}
		if parent != nil {
			for _, c := range it.Extra {
				e.AddChild(c.Copy())
			}
			parent.AddChild(e)
		} else {
			reply.Result = append(reply.Result, e)
		}
	}
	return reply
}
