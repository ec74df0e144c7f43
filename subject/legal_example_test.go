package subject_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/subject"
)

// exampleRegister returns a register over an in-memory repository with a
// fixed clock and predictable IDs; in production pass time.Now and
// uuid.NewV7.
func exampleLegalRegister() *subject.LegalEntityRegister {
	n := 0
	return subject.NewLegalEntityRegister(memory.NewLegalEntityRepository(),
		func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) },
		func() (uuid.UUID, error) {
			n++
			return uuid.MustParse(fmt.Sprintf("0195a1b2-0000-7000-8000-%012d", n)), nil
		})
}

// A partner card is registered: identifiers are stored normalised and
// checked, bank accounts against the BIK, and the record is found again
// by words of its name.
func ExampleLegalEntityRegister_Register() {
	ctx := context.Background()
	reg := exampleLegalRegister()
	e, err := reg.Register(ctx, subject.LegalEntity{
		FullName:     "Публичное акционерное общество «Сбербанк России»",
		ShortName:    "ПАО Сбербанк",
		INN:          " 7707083893 ",
		KPP:          "773601001",
		OGRN:         "1027700132195",
		LegalAddress: subject.Address{Text: "117312, г. Москва, ул. Вавилова, д. 19"},
		Bank: subject.BankDetails{
			BIK:                  "044525225",
			SettlementAccount:    "40702810638000000000",
			CorrespondentAccount: "30101810400000000225",
			Name:                 "ПАО Сбербанк",
		},
		Contacts: []subject.Contact{{Channel: subject.ChannelPhone, Value: "8 (800) 555-55-50"}},
		OKVED:    "64.19",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.ID, e.Version, e.INN, e.Contacts[0].Value)

	found, _ := reg.Find(ctx, subject.LegalEntityQuery{Name: "сбер"})
	fmt.Println(len(found), found[0].Name())

	_, err = reg.Register(ctx, subject.LegalEntity{FullName: "ООО «Ошибка»", INN: "7707083894", KPP: "773601001",
		OGRN: "1027700132195", LegalAddress: subject.Address{Text: "Москва"},
		Bank: subject.BankDetails{BIK: "044525225", SettlementAccount: "40702810638000000001", Name: "ПАО Сбербанк"}})
	var ve *subject.ValidationError
	if errors.As(err, &ve) {
		for _, v := range ve.Violations {
			fmt.Printf("%s (%s): %s\n", v.Field, v.Code, v.Message)
		}
	}
	// Output:
	// 0195a1b2-0000-7000-8000-000000000001 1 7707083893 +78005555550
	// 1 ПАО Сбербанк
	// inn (inn.checksum): Неверная контрольная сумма ИНН
	// bank.settlement_account (account.checksum): Неверный контрольный ключ расчетного счета: номер счета не соответствует БИК
}

// A second record with the OGRN of a registered one is refused with a
// conflict that names the existing record.
func ExampleDuplicateOGRNError() {
	ctx := context.Background()
	reg := exampleLegalRegister()
	card := subject.LegalEntity{
		FullName:     "Публичное акционерное общество «Сбербанк России»",
		ShortName:    "ПАО Сбербанк",
		INN:          "7707083893",
		KPP:          "773601001",
		OGRN:         "1027700132195",
		LegalAddress: subject.Address{Text: "117312, г. Москва, ул. Вавилова, д. 19"},
	}
	if _, err := reg.Register(ctx, card); err != nil {
		fmt.Println(err)
		return
	}
	card.KPP = "773601002" // another KPP, but the same OGRN
	_, err := reg.Register(ctx, card)
	fmt.Println(errors.Is(err, subject.ErrConflict), subject.HasCode(err, subject.CodeLegalDuplicateOGRN))
	fmt.Println(err)
	// Output:
	// true true
	// Организация с ОГРН 1027700132195 уже зарегистрирована: ПАО Сбербанк (ID 0195a1b2-0000-7000-8000-000000000001)
}
