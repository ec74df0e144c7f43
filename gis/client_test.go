package gis_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/gis/gistest"
)

// clStart is when the client tests' fake clock starts.
var clStart = time.Date(2026, time.February, 10, 9, 0, 0, 0, time.UTC)

// clClock is a fake clock: Sleep advances it at once and records the
// waits; onSleep, when set, runs after each wait with its number.
type clClock struct {
	mu      sync.Mutex
	now     time.Time
	slept   []time.Duration
	onSleep func(n int)
}

func (c *clClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.slept = append(c.slept, d)
	n := len(c.slept)
	hook := c.onSleep
	c.mu.Unlock()
	if hook != nil {
		hook(n)
	}
	return ctx.Err()
}

func (c *clClock) Slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.slept...)
}

// clIDs returns a deterministic GUID source: prefix-0001, prefix-0002, ...
func clIDs(prefix string) func() (uuid.UUID, error) {
	var mu sync.Mutex
	n := 0
	return func() (uuid.UUID, error) {
		mu.Lock()
		defer mu.Unlock()
		n++
		return uuid.Parse(fmt.Sprintf("%s-0000-4000-8000-%012d", prefix, n))
	}
}

// clFixture is a client wired to a fake server through HTTPTransport.
type clFixture struct {
	server  *gistest.FakeServer
	clock   *clClock
	log     *memory.ExchangeLog
	builder *gis.Builder
	client  *gis.Client
}

func newClFixture(t *testing.T, schedule gis.Schedule) *clFixture {
	t.Helper()
	f := &clFixture{
		server: gistest.NewFakeServer(t, gistest.FakeServerOptions{}),
		clock:  &clClock{now: clStart},
		log:    memory.NewExchangeLog(),
	}
	f.builder = gis.NewBuilder(gis.BuilderConfig{
		OrgPPAGUID: uuid.MustParse("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"),
		Now:        f.clock.Now,
		NewID:      clIDs("aaaaaaaa"),
	})
	tr, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: f.server.URL})
	require.NoError(t, err)
	f.client, err = gis.NewClient(gis.ClientConfig{
		Builder:   f.builder,
		Transport: tr,
		Signer:    gis.NoSigner{},
		Log:       f.log,
		Schedule:  schedule,
		Now:       f.clock.Now,
		Sleep:     f.clock.Sleep,
		NewID:     clIDs("eeeeeeee"),
	})
	require.NoError(t, err)
	return f
}

// clAccounts builds an importAccountData message of n items by hand,
// with Items and Objects filled in the way the typed builders fill them.
func clAccounts(t *testing.T, b *gis.Builder, n int) *gis.Message {
	t.Helper()
	op, ok := gis.LookupOperation("importAccountData")
	require.True(t, ok)
	body, err := b.NewBody(op, "")
	require.NoError(t, err)
	tgs := make([]uuid.UUID, n)
	for i := range n {
		tgs[i] = uuid.MustParse(fmt.Sprintf("7a000000-0000-4000-8000-%012d", i+1))
		acc := body.CreateElement("hm:Account")
		acc.CreateElement("hm:isUOAccount").SetText("true")
		acc.CreateElement("base:TransportGUID").SetText(tgs[i].String())
		acc.CreateElement("account-base:AccountNumber").SetText(fmt.Sprintf("ЛС-%d", i+1))
	}
	msg, err := b.Wrap(op, body)
	require.NoError(t, err)
	for i, tg := range tgs {
		msg.Items[tg] = i
		msg.Objects = append(msg.Objects, gis.ObjectRef{Kind: "account", Key: fmt.Sprintf("ЛС-%d", i+1)})
	}
	return msg
}

// clNsiItem builds an exportNsiItem message.
func clNsiItem(t *testing.T, b *gis.Builder) *gis.Message {
	t.Helper()
	op, ok := gis.LookupOperation("exportNsiItem")
	require.True(t, ok)
	body, err := b.NewBody(op, "")
	require.NoError(t, err)
	body.CreateElement("nsic:RegistryNumber").SetText("2")
	body.CreateElement("nsic:ListGroup").SetText("NSI")
	msg, err := b.Wrap(op, body)
	require.NoError(t, err)
	return msg
}

func (f *clFixture) only(t *testing.T) gis.Exchange {
	t.Helper()
	all, err := f.log.Find(t.Context(), gis.ExchangeFilter{})
	require.NoError(t, err)
	require.Len(t, all, 1, "one exchange is logged")
	return all[0]
}

func actions(rs []gistest.Request) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.SOAPAction
	}
	return out
}

func TestClientSendImport(t *testing.T) {
	t.Parallel()
	f := newClFixture(t, gis.Schedule{})
	updated := time.Date(2026, time.February, 10, 12, 1, 2, 0, time.FixedZone("MSK", 3*60*60))
	second := uuid.MustParse("7a000000-0000-4000-8000-000000000002")
	f.server.Handle("importAccountData", func(r gistest.Request) gistest.Reply {
		return gistest.ImportReply(r, updated, func(tg uuid.UUID) gistest.Item {
			if tg == second {
				return gistest.Item{Errors: []*gis.Error{{Code: "INT002000", Text: "Значение в поле отсутствует в реестре"}}}
			}
			return gistest.Item{UniqueNumber: "00АА000001"}
		})
	})
	msg := clAccounts(t, f.builder, 2)

	r, err := f.client.Send(t.Context(), msg)
	require.NoError(t, err)
	assert.Equal(t, gis.StateDone, r.State)
	assert.Equal(t, "house-management", r.Service)
	require.Len(t, r.Results, 2)
	assert.True(t, r.Results[0].OK())
	assert.Equal(t, "00АА000001", r.Results[0].UniqueNumber)
	require.Len(t, r.Results[1].Errors, 1)
	assert.Equal(t, "INT002000", r.Results[1].Errors[0].Code)
	items, err := msg.Correlate(r)
	require.NoError(t, err)
	require.Len(t, items, 2)
	assert.Equal(t, []int{0, 1}, []int{items[0].Index, items[1].Index})

	// The official schedule: 10 s after the Ack, then 60 and 300 s.
	assert.Equal(t, []time.Duration{10 * time.Second, 60 * time.Second, 300 * time.Second}, f.clock.Slept())
	got := f.server.Requests()
	assert.Equal(t, []string{`"urn:importAccountData"`, `"urn:getState"`, `"urn:getState"`, `"urn:getState"`}, actions(got))
	assert.Equal(t, "text/xml; charset=utf-8", got[0].Header.Get("Content-Type"))

	e := f.only(t)
	assert.Equal(t, gis.ExchangeDone, e.State)
	assert.Equal(t, "house-management", e.Service)
	assert.Equal(t, "importAccountData", e.Operation)
	assert.Equal(t, msg.MessageGUID, e.MessageGUID)
	assert.Equal(t, r.MessageGUID, e.AckGUID)
	assert.Equal(t, got[0].Raw, e.Request, "the log keeps the bytes that were sent")
	assert.Contains(t, string(e.Ack), "AckRequest")
	assert.Contains(t, string(e.Response), "<base:RequestState>3</base:RequestState>")
	assert.Equal(t, clStart, e.SentAt)
	assert.Equal(t, clStart, e.AckedAt)
	assert.Equal(t, clStart.Add(370*time.Second), e.DoneAt)
	assert.Empty(t, e.ErrorCode, "item errors stay in the response")
	assert.Equal(t, msg.Objects, e.Objects)
	assert.Equal(t, 3, e.Version, "recorded, acked, done")
}

func TestClientEmptyExport(t *testing.T) {
	t.Parallel()
	f := newClFixture(t, gis.Schedule{})
	f.server.Handle("exportNsiItem", func(gistest.Request) gistest.Reply {
		return gistest.Reply{Error: &gis.Error{Code: "INT002012", Text: "Нет объектов для экспорта"}, Pending: []gis.RequestState{}}
	})
	r, err := f.client.Send(t.Context(), clNsiItem(t, f.builder))
	require.Error(t, err)
	assert.Equal(t, gis.ClassEmpty, gis.ClassOf(err))
	var ge *gis.Error
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, "INT002012", ge.Code)
	require.NotNil(t, r, "the result comes with its whole-message error")
	assert.Equal(t, gis.StateDone, r.State)
	assert.Equal(t, []time.Duration{10 * time.Second}, f.clock.Slept())

	e := f.only(t)
	assert.Equal(t, gis.ExchangeFailed, e.State)
	assert.Equal(t, "INT002012", e.ErrorCode)
	assert.Equal(t, "Нет объектов для экспорта", e.ErrorText)
	assert.Equal(t, "nsi-common", e.Service)
	assert.Contains(t, string(e.Response), "INT002012")
	assert.Equal(t, clStart.Add(10*time.Second), e.DoneAt)
}

func TestClientFaultOnSend(t *testing.T) {
	t.Parallel()
	f := newClFixture(t, gis.Schedule{})
	f.server.Handle("importAccountData", func(gistest.Request) gistest.Reply {
		return gistest.Reply{Fault: &gis.Error{Code: "AUT011003", Text: "Доступ запрещен для поставщика данных"}}
	})
	r, err := f.client.Send(t.Context(), clAccounts(t, f.builder, 1))
	require.Error(t, err)
	assert.Nil(t, r)
	var ge *gis.Error
	require.ErrorAs(t, err, &ge)
	assert.True(t, ge.Fault)
	assert.Equal(t, "AUT011003", ge.Code)
	assert.Equal(t, gis.ClassFatal, gis.ClassOf(err))
	assert.Len(t, f.server.Requests(), 1, "no getState after a fault")
	assert.Empty(t, f.clock.Slept())

	e := f.only(t)
	assert.Equal(t, gis.ExchangeFailed, e.State)
	assert.Equal(t, "AUT011003", e.ErrorCode)
	assert.Equal(t, "Доступ запрещен для поставщика данных", e.ErrorText)
	assert.Contains(t, string(e.Ack), "Fault")
	assert.Equal(t, uuid.Nil, e.AckGUID)
	assert.Equal(t, clStart, e.DoneAt)
}

func TestClientUnavailableOnSend(t *testing.T) {
	t.Parallel()
	f := newClFixture(t, gis.Schedule{})
	f.server.FailNext("importAccountData", 503, 1)
	_, err := f.client.Send(t.Context(), clAccounts(t, f.builder, 1))
	require.Error(t, err)
	assert.Equal(t, gis.ClassRetry, gis.ClassOf(err))
	var ge *gis.Error
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, 503, ge.HTTPStatus)

	e := f.only(t)
	assert.Equal(t, gis.ExchangeFailed, e.State)
	assert.Equal(t, "HTTP503", e.ErrorCode)
	assert.Nil(t, e.Ack)
}

func TestClientUnavailableOnGetState(t *testing.T) {
	t.Parallel()
	f := newClFixture(t, gis.Schedule{})
	f.server.Handle("importAccountData", func(r gistest.Request) gistest.Reply {
		return gistest.ImportReply(r, clStart, nil)
	})
	f.server.FailNext("getState", 503, 1)
	_, err := f.client.Send(t.Context(), clAccounts(t, f.builder, 3))
	require.Error(t, err)
	assert.Equal(t, gis.ClassRetry, gis.ClassOf(err))

	e := f.only(t)
	assert.Equal(t, gis.ExchangeAcked, e.State, "the request is at GIS: the exchange stays open")
	assert.Equal(t, "HTTP503", e.ErrorCode)
	assert.True(t, e.DoneAt.IsZero())

	// The caller resumes polling later; nothing is sent again.
	r, err := f.client.Resume(t.Context(), e.ID)
	require.NoError(t, err)
	assert.Len(t, r.Results, 3)
	assert.Equal(t, []string{`"urn:importAccountData"`, `"urn:getState"`, `"urn:getState"`, `"urn:getState"`, `"urn:getState"`},
		actions(f.server.Requests()))
	e = f.only(t)
	assert.Equal(t, gis.ExchangeDone, e.State)
	assert.Empty(t, e.ErrorCode, "the error of the failed getState is cleared")
	assert.Empty(t, e.ErrorText)

	_, err = f.client.Resume(t.Context(), e.ID)
	require.ErrorIs(t, err, gis.ErrConflict, "a finished exchange is not resumed")
	_, err = f.client.Resume(t.Context(), uuid.MustParse("eeeeeeee-0000-4000-8000-000000000099"))
	require.ErrorIs(t, err, gis.ErrNotFound)
}

func TestClientGetStateFault(t *testing.T) {
	t.Parallel()
	f := newClFixture(t, gis.Schedule{})
	msg := clNsiItem(t, f.builder)
	s, err := f.client.Submit(t.Context(), msg)
	require.NoError(t, err)
	s.Ack.MessageGUID = uuid.MustParse("99999999-0000-4000-8000-000000000001") // GIS does not know it
	_, err = f.client.Poll(t.Context(), s)
	var ge *gis.Error
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, "INT002013", ge.Code)
	e := f.only(t)
	assert.Equal(t, gis.ExchangeFailed, e.State, "a fatal fault of getState ends the exchange")
	assert.Equal(t, "INT002013", e.ErrorCode)
	assert.Contains(t, string(e.Response), "INT002013")
}

func TestClientDeadline(t *testing.T) {
	t.Parallel()
	schedule := gis.Schedule{Steps: []time.Duration{time.Second, 2 * time.Second}, Every: 3 * time.Second, Deadline: 10 * time.Second}
	f := newClFixture(t, schedule)
	f.server.Handle("exportNsiItem", func(gistest.Request) gistest.Reply {
		return gistest.Reply{Pending: []gis.RequestState{1, 2, 2, 2, 2, 2, 2, 2, 2, 2}}
	})
	r, err := f.client.Send(t.Context(), clNsiItem(t, f.builder))
	require.ErrorIs(t, err, gis.ErrExpired)
	assert.Nil(t, r)
	// 1 + 2 + 3 + 3 = 9 s, then the last getState exactly at the deadline.
	assert.Equal(t, []time.Duration{time.Second, 2 * time.Second, 3 * time.Second, 3 * time.Second, time.Second}, f.clock.Slept())
	assert.Len(t, f.server.Requests(), 6)

	e := f.only(t)
	assert.Equal(t, gis.ExchangeExpired, e.State)
	assert.Equal(t, gis.CodeExpired, e.ErrorCode)
	assert.Equal(t, clStart.Add(10*time.Second), e.DoneAt)
	_, err = f.client.Resume(t.Context(), e.ID)
	require.ErrorIs(t, err, gis.ErrConflict)
}

func TestClientCancelMidPoll(t *testing.T) {
	t.Parallel()
	f := newClFixture(t, gis.Schedule{})
	f.server.Handle("importAccountData", func(r gistest.Request) gistest.Reply {
		return gistest.ImportReply(r, clStart, nil)
	})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	f.clock.onSleep = func(n int) {
		if n == 2 {
			cancel()
		}
	}
	_, err := f.client.Send(ctx, clAccounts(t, f.builder, 1))
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, gis.ClassUnknown, gis.ClassOf(err))
	assert.Len(t, f.server.Requests(), 2, "the request and one getState")

	e := f.only(t)
	assert.Equal(t, gis.ExchangeAcked, e.State, "a cancelled poll leaves the exchange open")
	assert.Empty(t, e.ErrorCode)

	f.clock.onSleep = nil
	r, err := f.client.Resume(t.Context(), e.ID)
	require.NoError(t, err)
	assert.Len(t, r.Results, 1)
	assert.Equal(t, gis.ExchangeDone, f.only(t).State)
}

func TestClientSubmitPollWithoutLog(t *testing.T) {
	t.Parallel()
	f := newClFixture(t, gis.Schedule{Steps: []time.Duration{time.Millisecond}})
	tr, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: f.server.URL})
	require.NoError(t, err)
	c, err := gis.NewClient(gis.ClientConfig{Builder: f.builder, Transport: tr, Signer: gis.NoSigner{}, Sleep: f.clock.Sleep, Now: f.clock.Now})
	require.NoError(t, err)
	msg := clNsiItem(t, f.builder)
	s, err := c.Submit(t.Context(), msg)
	require.NoError(t, err)
	assert.Equal(t, uuid.Nil, s.ExchangeID)
	assert.Equal(t, "nsi-common", s.Service)
	assert.Equal(t, msg.MessageGUID, s.Ack.RequesterMessageGUID)
	r, err := c.Poll(t.Context(), s)
	require.NoError(t, err)
	assert.Equal(t, s.Ack.MessageGUID, r.MessageGUID)
	_, err = c.Resume(t.Context(), uuid.MustParse("eeeeeeee-0000-4000-8000-000000000001"))
	require.ErrorIs(t, err, gis.ErrInvalid)
}

func TestClientSignerFails(t *testing.T) {
	t.Parallel()
	f := newClFixture(t, gis.Schedule{})
	refused := errors.New("токен не вставлен")
	tr, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: f.server.URL})
	require.NoError(t, err)
	c, err := gis.NewClient(gis.ClientConfig{Builder: f.builder, Transport: tr, Log: f.log,
		Signer: gis.SignerFunc(func(context.Context, *etree.Document, *etree.Element) error { return refused })})
	require.NoError(t, err)
	_, err = c.Send(t.Context(), clAccounts(t, f.builder, 1))
	require.ErrorIs(t, err, refused)
	assert.Empty(t, f.server.Requests(), "nothing is sent unsigned")
	all, err := f.log.Find(t.Context(), gis.ExchangeFilter{})
	require.NoError(t, err)
	assert.Empty(t, all)
}

func TestClientLogFails(t *testing.T) {
	t.Parallel()
	f := newClFixture(t, gis.Schedule{})
	tr, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: f.server.URL})
	require.NoError(t, err)
	// Every record gets the same ID: the second Submit cannot be logged.
	sameID := func() (uuid.UUID, error) { return uuid.MustParse("eeeeeeee-0000-4000-8000-000000000001"), nil }
	c, err := gis.NewClient(gis.ClientConfig{Builder: f.builder, Transport: tr, Signer: gis.NoSigner{}, Log: f.log, NewID: sameID})
	require.NoError(t, err)
	_, err = c.Submit(t.Context(), clNsiItem(t, f.builder))
	require.NoError(t, err)
	_, err = c.Submit(t.Context(), clNsiItem(t, f.builder))
	require.ErrorIs(t, err, gis.ErrConflict)
	assert.Len(t, f.server.Requests(), 1, "an exchange that cannot be logged is not sent")
}

func TestClientBadAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		answer string
		code   string
	}{
		{"not XML", "<<<", gis.CodeBadAnswer},
		{"not an Ack", `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><x/></soapenv:Body></soapenv:Envelope>`, gis.CodeBadAnswer},
		{"someone else's Ack", `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/"><soapenv:Body><base:AckRequest><base:Ack><base:MessageGUID>11111111-0000-4000-8000-000000000001</base:MessageGUID><base:RequesterMessageGUID>11111111-0000-4000-8000-000000000002</base:RequesterMessageGUID></base:Ack></base:AckRequest></soapenv:Body></soapenv:Envelope>`, gis.CodeBadAnswer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			log := memory.NewExchangeLog()
			tr := gis.TransportFunc(func(context.Context, gis.Operation, []byte) ([]byte, error) { return []byte(tt.answer), nil })
			b := gis.NewBuilder(gis.BuilderConfig{NewID: clIDs("bbbbbbbb")})
			c, err := gis.NewClient(gis.ClientConfig{Builder: b, Transport: tr, Signer: gis.NoSigner{}, Log: log, NewID: clIDs("eeeeeeee")})
			require.NoError(t, err)
			_, err = c.Submit(t.Context(), clNsiItem(t, b))
			require.ErrorIs(t, err, gis.ErrInvalid)
			all, err := log.Find(t.Context(), gis.ExchangeFilter{})
			require.NoError(t, err)
			require.Len(t, all, 1)
			assert.Equal(t, gis.ExchangeFailed, all[0].State)
			assert.Equal(t, tt.code, all[0].ErrorCode)
			assert.Equal(t, tt.answer, string(all[0].Ack), "the answer is logged as it came")
		})
	}
}

func TestNewClientRequires(t *testing.T) {
	t.Parallel()
	_, err := gis.NewClient(gis.ClientConfig{})
	require.ErrorIs(t, err, gis.ErrInvalid)
	var ve *gis.ValidationError
	require.ErrorAs(t, err, &ve)
	fields := []string{}
	for _, v := range ve.Violations {
		fields = append(fields, v.Field)
	}
	assert.Equal(t, []string{"builder", "transport", "signer"}, fields)

	c, err := gis.NewClient(gis.ClientConfig{Builder: gis.NewBuilder(gis.BuilderConfig{}), Transport: gis.TransportFunc(nil), Signer: gis.NoSigner{}})
	require.NoError(t, err)
	_, err = c.Submit(t.Context(), nil)
	require.ErrorIs(t, err, gis.ErrInvalid)
}

// FuzzClientAnswer feeds arbitrary answers to Submit and Poll: the client
// returns an error or a result, never panics, and logs what came.
func FuzzClientAnswer(f *testing.F) {
	f.Add([]byte(""), []byte(""))
	f.Add([]byte("<<<"), []byte("\xff"))
	f.Add([]byte(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>x</faultstring><detail><base:Fault xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/"><base:ErrorCode>EXP001000</base:ErrorCode></base:Fault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`), []byte(""))
	f.Add([]byte(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/"><soapenv:Body><base:AckRequest><base:Ack><base:MessageGUID>11111111-0000-4000-8000-000000000001</base:MessageGUID><base:RequesterMessageGUID>bbbbbbbb-0000-4000-8000-000000000001</base:RequesterMessageGUID></base:Ack></base:AckRequest></soapenv:Body></soapenv:Envelope>`),
		[]byte(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/" xmlns:nsic="http://dom.gosuslugi.ru/schema/integration/nsi-common/"><soapenv:Body><nsic:getStateResult base:version="10.0.1.2"><base:RequestState>3</base:RequestState><base:MessageGUID>11111111-0000-4000-8000-000000000001</base:MessageGUID></nsic:getStateResult></soapenv:Body></soapenv:Envelope>`))
	f.Fuzz(func(t *testing.T, ack, state []byte) {
		tr := gis.TransportFunc(func(_ context.Context, op gis.Operation, _ []byte) ([]byte, error) {
			if op.Name == "getState" {
				return state, nil
			}
			return ack, nil
		})
		log := memory.NewExchangeLog()
		b := gis.NewBuilder(gis.BuilderConfig{NewID: clIDs("bbbbbbbb"), OrgPPAGUID: uuid.MustParse("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b")})
		clock := &clClock{now: clStart}
		c, err := gis.NewClient(gis.ClientConfig{Builder: b, Transport: tr, Signer: gis.NoSigner{}, Log: log,
			Schedule: gis.Schedule{Steps: []time.Duration{time.Second}, Deadline: 3 * time.Second},
			Now:      clock.Now, Sleep: clock.Sleep, NewID: clIDs("eeeeeeee")})
		if err != nil {
			t.Fatal(err)
		}
		op, _ := gis.LookupOperation("exportNsiItem")
		body, err := b.NewBody(op, "")
		if err != nil {
			t.Fatal(err)
		}
		msg, err := b.Wrap(op, body)
		if err != nil {
			t.Fatal(err)
		}
		r, err := c.Send(context.Background(), msg)
		if err == nil && (r == nil || !r.Done()) {
			t.Fatalf("no error and no finished result: %+v", r)
		}
		all, ferr := log.Find(context.Background(), gis.ExchangeFilter{})
		if ferr != nil || len(all) != 1 {
			t.Fatalf("log: %v, %d records", ferr, len(all))
		}
		if !bytes.Equal(all[0].Ack, ack) {
			t.Fatalf("the Ack is not logged as it came")
		}
	})
}

const (
	clAckGUID = "11111111-0000-4000-8000-000000000001"
	clEnvHead = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/" xmlns:nsic="http://dom.gosuslugi.ru/schema/integration/nsi-common/"><soapenv:Body>`
	clEnvTail = `</soapenv:Body></soapenv:Envelope>`
)

func clFaultOf(code string) string {
	return clEnvHead + `<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>x</faultstring><detail><base:Fault><base:ErrorCode>` +
		code + `</base:ErrorCode><base:ErrorMessage>Сервис занят</base:ErrorMessage></base:Fault></detail></soapenv:Fault>` + clEnvTail
}

func TestClientGetStateAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		state string
		want  gis.ExchangeState
		code  string
		class gis.Class
	}{
		{"busy fault keeps the exchange open", clFaultOf("EXP002001"), gis.ExchangeAcked, "EXP002001", gis.ClassRetry},
		{"resend fault ends it", clFaultOf("EXP001000"), gis.ExchangeFailed, "EXP001000", gis.ClassResend},
		{"garbage keeps it open", "<<<", gis.ExchangeAcked, gis.CodeBadAnswer, gis.ClassUnknown},
		{"answer about another message keeps it open", clEnvHead + `<nsic:getStateResult base:version="10.0.1.2"><base:RequestState>3</base:RequestState><base:MessageGUID>22222222-0000-4000-8000-000000000001</base:MessageGUID></nsic:getStateResult>` + clEnvTail,
			gis.ExchangeAcked, gis.CodeBadAnswer, gis.ClassUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := gis.NewBuilder(gis.BuilderConfig{NewID: clIDs("bbbbbbbb")})
			tr := gis.TransportFunc(func(_ context.Context, op gis.Operation, _ []byte) ([]byte, error) {
				if op.Name == "getState" {
					return []byte(tt.state), nil
				}
				return []byte(clEnvHead + `<base:AckRequest><base:Ack><base:MessageGUID>` + clAckGUID +
					`</base:MessageGUID><base:RequesterMessageGUID>bbbbbbbb-0000-4000-8000-000000000001</base:RequesterMessageGUID></base:Ack></base:AckRequest>` + clEnvTail), nil
			})
			log := memory.NewExchangeLog()
			clock := &clClock{now: clStart}
			c, err := gis.NewClient(gis.ClientConfig{Builder: b, Transport: tr, Signer: gis.NoSigner{}, Log: log,
				Now: clock.Now, Sleep: clock.Sleep, NewID: clIDs("eeeeeeee")})
			require.NoError(t, err)
			_, err = c.Send(t.Context(), clNsiItem(t, b))
			require.Error(t, err)
			assert.Equal(t, tt.class, gis.ClassOf(err))
			all, err := log.Find(t.Context(), gis.ExchangeFilter{})
			require.NoError(t, err)
			require.Len(t, all, 1)
			assert.Equal(t, tt.want, all[0].State)
			assert.Equal(t, tt.code, all[0].ErrorCode)
			assert.Equal(t, tt.state, string(all[0].Response), "the answer is logged as it came")
			assert.Equal(t, tt.want == gis.ExchangeAcked, all[0].DoneAt.IsZero())
		})
	}
}

func TestClientNetworkFailure(t *testing.T) {
	t.Parallel()
	f := newClFixture(t, gis.Schedule{})
	f.server.Close()
	_, err := f.client.Send(t.Context(), clNsiItem(t, f.builder))
	require.Error(t, err)
	assert.Equal(t, gis.ClassRetry, gis.ClassOf(err))
	e := f.only(t)
	assert.Equal(t, gis.ExchangeFailed, e.State)
	assert.Equal(t, gis.CodeTransportFailure, e.ErrorCode)
	assert.Contains(t, e.ErrorText, "нет ответа от ГИС ЖКХ")
}
