package gis_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/gis/gistest"
)

// ExampleClient sends an export to a fake GIS ZhKKh and waits for the
// answer with a fast schedule; against the real system use
// gis.OfficialSchedule (the default) and gis.ProductionURL behind a GOST
// TLS terminator.
func ExampleClient() {
	server := gistest.StartFakeServer(gistest.FakeServerOptions{})
	defer server.Close()
	server.Handle("exportNsiItem", func(gistest.Request) gistest.Reply {
		return gistest.Reply{Error: &gis.Error{Code: "INT002012", Text: "Нет объектов для экспорта"}}
	})

	builder := gis.NewBuilder(gis.BuilderConfig{})
	transport, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: server.URL})
	if err != nil {
		fmt.Println(err)
		return
	}
	log := memory.NewExchangeLog()
	client, err := gis.NewClient(gis.ClientConfig{
		Builder:   builder,
		Transport: transport,
		Signer:    gis.NoSigner{},
		Log:       log,
		Schedule:  gis.Schedule{Steps: []time.Duration{time.Millisecond}, Deadline: time.Minute},
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	op, _ := gis.LookupOperation("exportNsiItem")
	body, _ := builder.NewBody(op, "")
	body.CreateElement("nsic:RegistryNumber").SetText("2")
	body.CreateElement("nsic:ListGroup").SetText("NSI")
	msg, err := builder.Wrap(op, body)
	if err != nil {
		fmt.Println(err)
		return
	}

	ctx := context.Background()
	result, err := client.Send(ctx, msg)
	switch gis.ClassOf(err) {
	case gis.ClassEmpty:
		fmt.Println("пусто:", err)
	case gis.ClassRetry:
		fmt.Println("повторить позже:", err)
	case gis.ClassResend:
		fmt.Println("собрать сообщение заново:", err)
	default:
		if err != nil && !errors.Is(err, gis.ErrExpired) {
			fmt.Println("ошибка:", err)
		}
	}
	fmt.Println("состояние:", result.State)

	logged, _ := log.Find(ctx, gis.ExchangeFilter{OnlyErrors: true})
	for _, e := range logged {
		fmt.Println("журнал:", e.Operation, e.State, e.ErrorCode)
	}
	// Output:
	// пусто: ГИС ЖКХ: INT002012: Нет объектов для экспорта
	// состояние: 3
	// журнал: exportNsiItem failed INT002012
}

// ExampleClient_Submit persists the Submission of a request so that
// another process (or the same one after a restart) polls for the result.
func ExampleClient_Submit() {
	server := gistest.StartFakeServer(gistest.FakeServerOptions{})
	defer server.Close()
	server.Handle("importAccountData", func(r gistest.Request) gistest.Reply {
		return gistest.ImportReply(r, time.Date(2026, time.March, 1, 12, 0, 0, 0, time.UTC), nil)
	})
	builder := gis.NewBuilder(gis.BuilderConfig{OrgPPAGUID: uuid.MustParse("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b")})
	transport, _ := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: server.URL})
	log := memory.NewExchangeLog()
	client, _ := gis.NewClient(gis.ClientConfig{Builder: builder, Transport: transport, Signer: gis.NoSigner{}, Log: log,
		Schedule: gis.Schedule{Steps: []time.Duration{time.Millisecond}}})

	op, _ := gis.LookupOperation("importAccountData")
	body, _ := builder.NewBody(op, "")
	account := body.CreateElement("hm:Account")
	account.CreateElement("base:TransportGUID").SetText("7a000000-0000-4000-8000-000000000001")
	msg, _ := builder.Wrap(op, body)

	ctx := context.Background()
	submission, err := client.Submit(ctx, msg)
	if err != nil {
		fmt.Println(err)
		return
	}
	// ... store submission.ExchangeID; later, possibly after a restart:
	result, err := client.Resume(ctx, submission.ExchangeID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("результатов:", len(result.Results), "успешно:", result.Results[0].OK())
	e, _ := log.Get(ctx, submission.ExchangeID)
	fmt.Println("журнал:", e.State)
	// Output:
	// результатов: 1 успешно: true
	// журнал: done
}

// ExampleNewHTTPTransport points the transport at a local GOST TLS
// terminator (stunnel with CryptoPro or OpenSSL gost-engine) that
// forwards to the production API, keeping its Host header.
func ExampleNewHTTPTransport() {
	transport, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{
		BaseURL: "http://127.0.0.1:8080",
		Host:    gis.ProductionHost,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	op, _ := gis.LookupOperation("importAccountData")
	fmt.Println(transport.Endpoint(op))
	// Output:
	// http://127.0.0.1:8080/ext-bus-home-management-service/services/HomeManagementAsync
}
