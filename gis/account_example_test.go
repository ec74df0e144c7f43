package gis_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/openzhkh/zhkh/gis"
)

// ExampleBuilder_ImportAccountData opens two personal accounts, sends them
// (here: prints what would be sent) and reads GIS's answer back into the
// caller's items.
func ExampleBuilder_ImportAccountData() {
	// Deterministic GUIDs and clock for the example; use the defaults in
	// production.
	n := 0
	b := gis.NewBuilder(gis.BuilderConfig{
		OrgPPAGUID: uuid.MustParse("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"),
		Now:        func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) },
		NewID: func() (uuid.UUID, error) {
			n++
			return uuid.MustParse(fmt.Sprintf("00000000-0000-4000-8000-%012d", n)), nil
		},
	})
	share := decimal.RequireFromString("50")
	accounts := []gis.Account{
		{
			Kind:          gis.AccountUO,
			AccountNumber: "100-1",
			Accommodations: []gis.Accommodation{{
				PremisesGUID: uuid.MustParse("11111111-2222-4333-8444-555555555555"),
				SharePercent: &share,
			}},
			Payer: gis.Payer{Individual: &gis.PayerIndividual{Surname: "Иванова", FirstName: "Алёна", SNILS: "12345678901"}},
		},
		{
			Kind:           gis.AccountUO,
			AccountNumber:  "100-2",
			Accommodations: []gis.Accommodation{{PremisesGUID: uuid.MustParse("12111111-2222-4333-8444-555555555555")}},
		},
	}
	msgs, err := b.ImportAccountData(accounts)
	if err != nil {
		fmt.Println(err)
		return
	}
	m := msgs[0]
	fmt.Println("messages:", len(msgs), "accounts:", len(m.Items), "objects:", m.Objects)

	// GIS answers through getState; here the answer is written by hand.
	var results strings.Builder
	for tg, i := range m.Items {
		if i == 1 {
			fmt.Fprintf(&results, `<hm:CommonResult><base:TransportGUID>%s</base:TransportGUID><base:Error><base:ErrorCode>INT002000</base:ErrorCode><base:Description>Помещение не найдено</base:Description></base:Error></hm:CommonResult>`, tg)
			continue
		}
		fmt.Fprintf(&results, `<hm:CommonResult><base:GUID>61111111-2222-4333-8444-555555555555</base:GUID><base:TransportGUID>%s</base:TransportGUID><base:UniqueNumber>77АА000001</base:UniqueNumber><base:UpdateDate>2026-03-01T12:04:59+03:00</base:UpdateDate><hm:ImportAccount><account-base:UnifiedAccountNumber>77АБ000001</account-base:UnifiedAccountNumber><account-base:ServiceID>77АБ000001-01</account-base:ServiceID></hm:ImportAccount></hm:CommonResult>`, tg)
	}
	answer := `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/" xmlns:hm="http://dom.gosuslugi.ru/schema/integration/house-management/" xmlns:account-base="http://dom.gosuslugi.ru/schema/integration/account-base/"><soapenv:Body><hm:getStateResult base:version="11.0.0.1"><base:RequestState>3</base:RequestState><base:MessageGUID>9a0b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d</base:MessageGUID><hm:ImportResult base:version="10.0.1.1">` +
		results.String() + `</hm:ImportResult></hm:getStateResult></soapenv:Body></soapenv:Envelope>`
	r, err := gis.ParseStateResult([]byte(answer))
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := gis.ReadImportAccountData(m, r)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, res := range out {
		if !res.OK() {
			continue
		}
		fmt.Println(accounts[res.Index].AccountNumber, "→ ЕЛС", res.UnifiedAccountNumber, "ЖКУ", res.ServiceID)
	}
	for _, res := range out {
		if !res.OK() {
			fmt.Println(accounts[res.Index].AccountNumber, "→", res.Errors[0])
		}
	}
	// Output:
	// messages: 1 accounts: 2 objects: [{account 100-1} {account 100-2}]
	// 100-1 → ЕЛС 77АБ000001 ЖКУ 77АБ000001-01
	// 100-2 → ГИС ЖКХ: INT002000: Помещение не найдено
}

// ExampleBuilder_ImportAccountData_validation shows that every violation
// of the input is reported at once, with its path.
func ExampleBuilder_ImportAccountData_validation() {
	b := gis.NewBuilder(gis.BuilderConfig{OrgPPAGUID: uuid.MustParse("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b")})
	_, err := b.ImportAccountData([]gis.Account{{
		Kind:  gis.AccountRSO,
		Payer: gis.Payer{Individual: &gis.PayerIndividual{Surname: "Петров", SNILS: "123"}},
	}})
	var ve *gis.ValidationError
	if !errors.As(err, &ve) {
		fmt.Println(err)
		return
	}
	for _, v := range ve.Violations {
		fmt.Printf("%s [%s]: %s\n", v.Field, v.Code, v.Message)
	}
	// Output:
	// accounts[0].accountNumber [required]: не указан номер лицевого счета
	// accounts[0].accommodations [required]: не указано ни одного помещения
	// accounts[0].payer.individual.firstName [required]: обязательное поле не заполнено
	// accounts[0].payer.individual.snils [format]: СНИЛС должен состоять из 11 цифр
}
