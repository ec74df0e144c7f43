package application_test

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/subject"
)

// ExampleService shows the whole life of an application: the MFC creates
// and sends it, the provider's external system fetches and processes it,
// the applicant gets an e-mail, and the MFC issues the result.
func ExampleService() {
	ctx := context.Background()
	var seq uint64
	newID := func() (uuid.UUID, error) { // deterministic IDs for the example; uuid.NewV7 in production
		seq++
		var u uuid.UUID
		u[15], u[14], u[6], u[8] = byte(seq), byte(seq>>8), 0x70, 0x80
		return u, nil
	}
	moscow := time.FixedZone("MSK", 3*60*60)
	now := time.Date(2026, time.March, 2, 10, 0, 0, 0, moscow)
	clock := func() time.Time { now = now.Add(time.Minute); return now }

	// The ports: the memory adapters.
	addresses := memory.NewAddressRepository()
	premise, _ := address.NewGraph(addresses, newID).AddObject(ctx, address.Object{Level: address.LevelPremise, Type: "кв.", Name: "12"})
	providers := memory.NewProviderRepository()
	system, _ := newID()
	provider := application.Provider{ID: must(newID()), LegalEntity: must(newID()), Kind: application.ProviderManagingOrganisation,
		System: application.ExternalSystem{ID: system, Name: "Система УО", BaseURL: "https://uo.example.ru/api"}}
	if err := providers.Create(ctx, provider); err != nil {
		fmt.Println(err)
		return
	}
	notifier := memory.NewNotifier()
	svc := application.NewService(application.ServiceConfig{
		Applications: memory.NewApplicationRepository(),
		Providers:    providers,
		Documents:    memory.NewDocumentRepository(),
		Types:        func(string) (document.Validator, bool) { return nil, false },
		Addresses:    addresses,
		RegNumbers:   memory.NewRegNumbers(),
		Notifier:     notifier,
		Now:          clock,
		NewID:        newID,
		Location:     moscow,
	})

	// The MFC: a draft, then the send, which checks it and registers it.
	user, applicant := must(newID()), must(newID())
	a, err := svc.CreateDraft(ctx, user, "MFC01", application.Application{
		Premise:   application.Premise{Object: premise.ID, Area: decimal.RequireFromString("42.5"), Purpose: "residential"},
		Applicant: applicant,
		Contacts:  []subject.Contact{{Channel: subject.ChannelEmail, Value: "ivanov@example.ru"}},
		Provider:  provider.ID,
		Rights: []subject.Right{{ID: must(newID()), Premise: premise.ID, Kind: subject.RightSole,
			Registered: application.Date{Year: 2020, Month: time.June, Day: 1},
			Owners:     []subject.Owner{{Subject: applicant, Kind: subject.OwnerPerson}}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err = svc.Send(ctx, user, a.ID, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.State().Russian(), a.RegNumber())

	// The provider's system: the list, the application in full, the account.
	list, _, _ := svc.Incoming(ctx, system, application.IncomingQuery{Provider: provider.ID})
	fmt.Println("поступило:", len(list))
	if _, err := svc.Fetch(ctx, system, a.ID); err != nil {
		fmt.Println(err)
		return
	}
	a, err = svc.Process(ctx, system, a.ID, application.ProcessInput{Account: application.OpenedAccount{Number: "7700123"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.State().Russian())
	fmt.Println(notifier.Sent()[0].Subject)

	// The MFC hands the result to the applicant.
	a, err = svc.Issue(ctx, user, a.ID, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.State().Russian())
	// Output:
	// отправлено исполнителю ЖКУ MFC01-2026-000001
	// поступило: 1
	// обработано исполнителем ЖКУ
	// Заявление № MFC01-2026-000001 обработано
	// выданы документы
}

func must(id uuid.UUID, err error) uuid.UUID {
	if err != nil {
		panic(err)
	}
	return id
}
