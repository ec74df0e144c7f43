package gistest_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/gis/gistest"
	"github.com/openzhkh/zhkh/gis/internal/schematest"
)

var fsOrg = uuid.MustParse("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b")

// post sends the message to the server as a client would and returns the
// status and body.
func post(t *testing.T, s *gistest.FakeServer, m *gis.Message) (int, []byte) {
	t.Helper()
	data, err := m.Bytes()
	require.NoError(t, err)
	return postRaw(t, s.URL+m.Operation.Path, strconv.Quote(m.Operation.SOAPAction), data)
}

func postRaw(t *testing.T, url, action string, data []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, bytes.NewReader(data))
	require.NoError(t, err)
	req.Header.Set("SOAPAction", action)
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, body
}

func builder() *gis.Builder {
	return gis.NewBuilder(gis.BuilderConfig{OrgPPAGUID: fsOrg})
}

// accountsMessage is an importAccountData message whose items carry the
// TransportGUIDs; the body is not a complete account, which the fake
// server does not check.
func accountsMessage(t *testing.T, b *gis.Builder, tgs ...uuid.UUID) *gis.Message {
	t.Helper()
	op, ok := gis.LookupOperation("importAccountData")
	require.True(t, ok)
	body, err := b.NewBody(op, "")
	require.NoError(t, err)
	for _, tg := range tgs {
		a := body.CreateElement("hm:Account")
		a.CreateElement("base:TransportGUID").SetText(tg.String())
	}
	m, err := b.Wrap(op, body)
	require.NoError(t, err)
	return m
}

func nsiMessage(t *testing.T, b *gis.Builder) *gis.Message {
	t.Helper()
	op, ok := gis.LookupOperation("exportNsiItem")
	require.True(t, ok)
	body, err := b.NewBody(op, "")
	require.NoError(t, err)
	body.CreateElement("nsic:RegistryNumber").SetText("2")
	body.CreateElement("nsic:ListGroup").SetText("NSI")
	m, err := b.Wrap(op, body)
	require.NoError(t, err)
	return m
}

func getState(t *testing.T, s *gistest.FakeServer, b *gis.Builder, service string, id uuid.UUID) (int, []byte) {
	t.Helper()
	m, err := b.GetState(service, id)
	require.NoError(t, err)
	return post(t, s, m)
}

func TestFakeServerImport(t *testing.T) {
	t.Parallel()
	s := gistest.NewFakeServer(t, gistest.FakeServerOptions{})
	updated := time.Date(2026, time.January, 20, 10, 0, 0, 0, time.UTC)
	tgs := []uuid.UUID{uuid.MustParse("7a000000-0000-4000-8000-000000000001"), uuid.MustParse("7a000000-0000-4000-8000-000000000002")}
	var seen []uuid.UUID
	s.Handle("importAccountData", func(r gistest.Request) gistest.Reply {
		seen = gistest.TransportGUIDs(r.Body)
		return gistest.ImportReply(r, updated, func(tg uuid.UUID) gistest.Item {
			if tg == tgs[1] {
				return gistest.Item{Errors: []*gis.Error{{Code: "INT002000", Text: "Значение «Лицевой счёт» & <нет> в реестре"}}}
			}
			extra := etree.NewElement("hm:ImportAccount")
			extra.CreateElement("account-base:UnifiedAccountNumber").SetText("00АА000001")
			extra.CreateElement("account-base:ServiceID").SetText("00АА000001-01")
			return gistest.Item{UniqueNumber: "00АА000001", Extra: []*etree.Element{extra}}
		})
	})
	b := builder()
	m := accountsMessage(t, b, tgs...)
	status, data := post(t, s, m)
	require.Equal(t, http.StatusOK, status)
	schematest.ValidateBytes(t, data, "house-management")
	ack, err := gis.ParseAck(data)
	require.NoError(t, err)
	assert.Equal(t, m.MessageGUID, ack.RequesterMessageGUID)
	assert.NotEqual(t, uuid.Nil, ack.MessageGUID)
	assert.Equal(t, tgs, seen, "the handler gets the parsed body")

	for _, want := range []gis.RequestState{gis.StateReceived, gis.StateProcessing, gis.StateDone} {
		status, data = getState(t, s, b, "house-management", ack.MessageGUID)
		require.Equal(t, http.StatusOK, status)
		schematest.ValidateBytes(t, data, "house-management")
		r, err := gis.ParseStateResult(data)
		require.NoError(t, err)
		assert.Equal(t, want, r.State)
		assert.Equal(t, ack.MessageGUID, r.MessageGUID)
		if want != gis.StateDone {
			assert.Empty(t, r.Results)
			continue
		}
		require.Len(t, r.Results, 2)
		assert.Equal(t, tgs[0], r.Results[0].TransportGUID)
		assert.True(t, r.Results[0].OK())
		assert.Equal(t, "00АА000001", r.Results[0].UniqueNumber)
		assert.True(t, updated.Equal(r.Results[0].UpdateDate))
		require.Len(t, r.Results[0].Extra, 1)
		assert.Equal(t, "ImportAccount", r.Results[0].Extra[0].Tag)
		require.Len(t, r.Results[1].Errors, 1)
		assert.Equal(t, "Значение «Лицевой счёт» & <нет> в реестре", r.Results[1].Errors[0].Text)
	}

	got := s.Requests()
	require.Len(t, got, 4)
	assert.Equal(t, "importAccountData", got[0].Operation.Name)
	assert.Equal(t, m.MessageGUID, got[0].MessageGUID)
	assert.Equal(t, "getState", got[1].Operation.Name)
	assert.Equal(t, `"urn:getState"`, got[3].SOAPAction)
}

func TestFakeServerResultShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		operation string
		version   string
		items     func(body *etree.Element, tg uuid.UUID)
	}{
		{"importMeteringDeviceValues", "", func(body *etree.Element, tg uuid.UUID) {
			body.CreateElement("dm:MeteringDevicesValues").CreateElement("base:TransportGUID").SetText(tg.String())
		}},
		{"importResponses", "", func(body *etree.Element, tg uuid.UUID) {
			body.CreateElement("drs:action").CreateElement("base:TransportGUID").SetText(tg.String())
		}},
		{"importPaymentDocumentData", "", func(body *etree.Element, tg uuid.UUID) {
			body.CreateElement("bills:PaymentDocument").CreateElement("base:TransportGUID").SetText(tg.String())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.operation, func(t *testing.T) {
			t.Parallel()
			s := gistest.NewFakeServer(t, gistest.FakeServerOptions{})
			s.Handle(tt.operation, func(r gistest.Request) gistest.Reply {
				reply := gistest.ImportReply(r, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), nil)
				reply.Pending = []gis.RequestState{}
				return reply
			})
			op, ok := gis.LookupOperation(tt.operation)
			require.True(t, ok)
			b := builder()
			body, err := b.NewBody(op, tt.version)
			require.NoError(t, err)
			tg := uuid.MustParse("7a000000-0000-4000-8000-000000000009")
			tt.items(body, tg)
			m, err := b.Wrap(op, body)
			require.NoError(t, err)
			_, data := post(t, s, m)
			ack, err := gis.ParseAck(data)
			require.NoError(t, err)
			_, data = getState(t, s, b, op.Service, ack.MessageGUID)
			schematest.ValidateBytes(t, data, op.Service)
			r, err := gis.ParseStateResult(data)
			require.NoError(t, err)
			require.Len(t, r.Results, 1)
			assert.Equal(t, tg, r.Results[0].TransportGUID)
		})
	}
}

func TestFakeServerErrorMessage(t *testing.T) {
	t.Parallel()
	s := gistest.NewFakeServer(t, gistest.FakeServerOptions{})
	s.Handle("exportNsiItem", func(gistest.Request) gistest.Reply {
		return gistest.Reply{Error: &gis.Error{Code: "INT002012", Text: "Нет объектов для экспорта"}, Pending: []gis.RequestState{gis.StateProcessing}}
	})
	b := builder()
	_, data := post(t, s, nsiMessage(t, b))
	ack, err := gis.ParseAck(data)
	require.NoError(t, err)
	_, data = getState(t, s, b, "nsi-common", ack.MessageGUID)
	schematest.ValidateBytes(t, data, "nsi-common")
	_, data = getState(t, s, b, "nsi-common", ack.MessageGUID)
	schematest.ValidateBytes(t, data, "nsi-common")
	r, err := gis.ParseStateResult(data)
	require.NoError(t, err)
	assert.Equal(t, gis.StateDone, r.State)
	require.NotNil(t, r.Error)
	assert.Equal(t, "INT002012", r.Error.Code)
	assert.Equal(t, gis.ClassEmpty, gis.ClassOf(r.Error))
}

func TestFakeServerDefaultReply(t *testing.T) {
	t.Parallel()
	s := gistest.NewFakeServer(t, gistest.FakeServerOptions{})
	b := builder()
	_, data := post(t, s, nsiMessage(t, b))
	ack, err := gis.ParseAck(data)
	require.NoError(t, err)
	var r *gis.StateResult
	for range 3 {
		_, data = getState(t, s, b, "nsi-common", ack.MessageGUID)
		schematest.ValidateBytes(t, data, "nsi-common")
		r, err = gis.ParseStateResult(data)
		require.NoError(t, err)
	}
	assert.Equal(t, gis.StateDone, r.State)
	assert.Nil(t, r.Error)
	assert.Empty(t, r.Payload)
}

func TestFakeServerFaults(t *testing.T) {
	t.Parallel()
	s := gistest.NewFakeServer(t, gistest.FakeServerOptions{})
	s.Handle("importAccountData", func(gistest.Request) gistest.Reply {
		return gistest.Reply{Fault: &gis.Error{Code: "EXP001000", Text: "Произошла ошибка при передаче данных"}}
	})
	b := builder()
	m := accountsMessage(t, b, uuid.MustParse("7a000000-0000-4000-8000-000000000001"))
	data, err := m.Bytes()
	require.NoError(t, err)

	tests := []struct {
		name   string
		path   string
		action string
		body   []byte
		status int
		code   string
	}{
		{"handler fault", m.Operation.Path, `"urn:importAccountData"`, data, 500, "EXP001000"},
		{"unknown path", "/nowhere", `"urn:importAccountData"`, data, 404, ""},
		{"action of another service", m.Operation.Path, `"urn:exportNsiItem"`, data, 500, "FMT001300"},
		{"wrong body", "/ext-bus-nsi-common-service/services/NsiCommonAsync", `"urn:exportNsiItem"`, data, 500, "FMT001300"},
		{"not XML", m.Operation.Path, `"urn:importAccountData"`, []byte("<<<"), 500, "FMT001300"},
		{"unknown getState", m.Operation.Path, `"urn:getState"`, getStateBytes(t, b, uuid.MustParse("99999999-0000-4000-8000-000000000001")), 500, "INT002013"},
		{"synchronous operation", "/ext-bus-bills-service/services/BillsAsync", `"urn:getRequestsState"`, requestsStateBytes(t), 500, "FMT001300"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, answer := postRaw(t, s.URL+tt.path, tt.action, tt.body)
			require.Equal(t, tt.status, status)
			if tt.code == "" {
				return
			}
			_, err := gis.ParseAck(answer)
			var ge *gis.Error
			require.ErrorAs(t, err, &ge)
			assert.True(t, ge.Fault)
			assert.Equal(t, tt.code, ge.Code)
			assert.NotEmpty(t, ge.Text)
		})
	}
}

func getStateBytes(t *testing.T, b *gis.Builder, id uuid.UUID) []byte {
	t.Helper()
	m, err := b.GetState("house-management", id)
	require.NoError(t, err)
	data, err := m.Bytes()
	require.NoError(t, err)
	return data
}

func requestsStateBytes(t *testing.T) []byte {
	t.Helper()
	return []byte(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/"><soapenv:Body><base:getRequestsStateRequest><base:MessageGUIDList>99999999-0000-4000-8000-000000000001</base:MessageGUIDList></base:getRequestsStateRequest></soapenv:Body></soapenv:Envelope>`)
}

func TestFakeServerFailNext(t *testing.T) {
	t.Parallel()
	s := gistest.NewFakeServer(t, gistest.FakeServerOptions{})
	s.FailNext("getState", http.StatusServiceUnavailable, 2)
	s.FailNext("", http.StatusGatewayTimeout, 1)
	b := builder()
	status, data := post(t, s, nsiMessage(t, b))
	require.Equal(t, http.StatusGatewayTimeout, status, "the any-action failure hits the request")
	status, data = post(t, s, nsiMessage(t, b))
	require.Equal(t, http.StatusOK, status)
	ack, err := gis.ParseAck(data)
	require.NoError(t, err)
	var got []int
	for range 3 {
		status, _ := getState(t, s, b, "nsi-common", ack.MessageGUID)
		got = append(got, status)
	}
	assert.Equal(t, []int{503, 503, 200}, got)
	assert.Len(t, s.Requests(), 5, "failed requests are recorded too")
}

func TestFakeServerGetStateOtherService(t *testing.T) {
	t.Parallel()
	s := gistest.NewFakeServer(t, gistest.FakeServerOptions{})
	b := builder()
	_, data := post(t, s, nsiMessage(t, b))
	ack, err := gis.ParseAck(data)
	require.NoError(t, err)
	status, data := getState(t, s, b, "house-management", ack.MessageGUID)
	require.Equal(t, 500, status)
	_, err = gis.ParseStateResult(data)
	var ge *gis.Error
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, "INT002013", ge.Code, "a request is known only to its own service")
}

func TestFakeServerOptions(t *testing.T) {
	t.Parallel()
	id := uuid.MustParse("12345678-0000-4000-8000-000000000001")
	at := time.Date(2026, time.May, 5, 5, 5, 5, 0, time.UTC)
	s := gistest.NewFakeServer(t, gistest.FakeServerOptions{
		NewID: func() uuid.UUID { return id },
		Now:   func() time.Time { return at },
		Default: func(gistest.Request) gistest.Reply {
			return gistest.Reply{Error: &gis.Error{Code: "INT002029", Text: "Регламентные работы"}, Pending: []gis.RequestState{}}
		},
	})
	b := builder()
	_, data := post(t, s, nsiMessage(t, b))
	assert.Contains(t, string(data), "<base:Date>2026-05-05T05:05:05.000+00:00</base:Date>")
	ack, err := gis.ParseAck(data)
	require.NoError(t, err)
	assert.Equal(t, id, ack.MessageGUID)
	_, data = getState(t, s, b, "nsi-common", id)
	r, err := gis.ParseStateResult(data)
	require.NoError(t, err)
	require.NotNil(t, r.Error)
	assert.Equal(t, gis.ClassRetry, gis.ClassOf(r.Error))
}

func TestResultVersion(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "11.0.0.1", gistest.ResultVersion("house-management", "x"))
	assert.Empty(t, gistest.ResultVersion("fas", "x"))
	assert.Equal(t, "10.0.2.1", gistest.ResultVersion("organizations-registry-common", "x"))
	assert.Equal(t, "14.0.0.0", gistest.ResultVersion("debt-requests", "14.0.0.0"))
}

func TestStartFakeServer(t *testing.T) {
	t.Parallel()
	s := gistest.StartFakeServer(gistest.FakeServerOptions{})
	status, _ := post(t, s, nsiMessage(t, builder()))
	assert.Equal(t, http.StatusOK, status)
	s.Close()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, s.URL, nil)
	require.NoError(t, err)
	_, err = http.DefaultClient.Do(req)
	require.Error(t, err, "a closed server answers nothing")
}

// ExampleFakeServer answers an importAccountData with a result for every
// account: the one with the given TransportGUID fails, the others succeed.
// An integrator's test points its gis.HTTPTransport at server.URL.
func ExampleFakeServer() {
	server := gistest.StartFakeServer(gistest.FakeServerOptions{})
	defer server.Close()
	bad := uuid.MustParse("7a000000-0000-4000-8000-000000000002")
	server.Handle("importAccountData", func(r gistest.Request) gistest.Reply {
		return gistest.ImportReply(r, time.Date(2026, time.March, 1, 12, 0, 0, 0, time.UTC), func(tg uuid.UUID) gistest.Item {
			if tg == bad {
				return gistest.Item{Errors: []*gis.Error{{Code: "INT002000", Text: "Значение в поле отсутствует в реестре"}}}
			}
			return gistest.Item{}
		})
	})

	builder := gis.NewBuilder(gis.BuilderConfig{OrgPPAGUID: uuid.MustParse("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b")})
	transport, _ := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: server.URL})
	client, _ := gis.NewClient(gis.ClientConfig{Builder: builder, Transport: transport, Signer: gis.NoSigner{},
		Schedule: gis.Schedule{Steps: []time.Duration{time.Millisecond}}})

	op, _ := gis.LookupOperation("importAccountData")
	body, _ := builder.NewBody(op, "")
	for _, tg := range []string{"7a000000-0000-4000-8000-000000000001", bad.String()} {
		body.CreateElement("hm:Account").CreateElement("base:TransportGUID").SetText(tg)
	}
	msg, _ := builder.Wrap(op, body)
	result, err := client.Send(context.Background(), msg)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, item := range result.Results {
		fmt.Println(item.TransportGUID, item.OK())
	}
	fmt.Println(len(server.Requests()), "запроса получено")
	// Output:
	// 7a000000-0000-4000-8000-000000000001 true
	// 7a000000-0000-4000-8000-000000000002 false
	// 4 запроса получено
}

// FuzzFakeServerRequest posts arbitrary bodies and SOAPActions: the server
// answers every one (an Ack, a getStateResult, a fault or 404) and never
// drops the connection.
func FuzzFakeServerRequest(f *testing.F) {
	b := builder()
	op, _ := gis.LookupOperation("exportNsiItem")
	body, _ := b.NewBody(op, "")
	m, _ := b.Wrap(op, body)
	valid, _ := m.Bytes()
	st, _ := b.GetState("nsi-common", uuid.MustParse("00000000-0000-4000-8000-000000000001"))
	state, _ := st.Bytes()
	f.Add(valid, `"urn:exportNsiItem"`)
	f.Add(state, `"urn:getState"`)
	f.Add([]byte("<<<"), `"urn:getState"`)
	f.Add([]byte(""), "")
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`), `"urn:exportNsiItem"`)
	s := gistest.StartFakeServer(gistest.FakeServerOptions{})
	f.Cleanup(s.Close)
	f.Fuzz(func(t *testing.T, data []byte, action string) {
		status, _ := postRawNoFail(s.URL+op.Path, action, data)
		switch status {
		case http.StatusOK, http.StatusInternalServerError:
		default:
			t.Fatalf("status %d", status)
		}
	})
}

// postRawNoFail posts without a testing.T of its own, for the fuzz target;
// a failed request returns status 0.
func postRawNoFail(url, action string, data []byte) (int, []byte) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, url, bytes.NewReader(data))
	if err != nil {
		return 0, nil
	}
	req.Header.Set("SOAPAction", action)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}
