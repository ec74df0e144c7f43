package application_test

import (
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/application"
)

// The full cycle: the MFC checks and sends the application, the provider's
// system opens an account, the MFC issues the result.
func ExampleApplication_Apply() {
	a := validApp() // a complete draft, as the MFC specialist filled it in
	if err := application.CheckSend(a, validFacts()); err != nil {
		fmt.Println(err)
		return
	}
	steps := []application.Transition{
		{Action: application.ActionSend, Actor: user, At: createdAt, RegNumber: "MFC01-2024-000001"},
		{Action: application.ActionProcess, Actor: system, At: createdAt.AddDate(0, 0, 3), AccountNumber: "7700112233"},
		{Action: application.ActionIssue, Actor: user, At: createdAt.AddDate(0, 0, 5), Comment: "выдано заявителю"},
	}
	for _, s := range steps {
		if err := a.Apply(s); err != nil {
			fmt.Println(err)
			return
		}
	}
	acc, _ := a.Account()
	fmt.Println(a.RegNumber(), a.State(), acc.Number)
	for _, e := range a.History() {
		fmt.Printf("%s → %s (%s)\n", e.From.Russian(), e.To.Russian(), e.Actor.Kind.Russian())
	}

	err := a.Apply(application.Transition{Action: application.ActionReject, Actor: system, At: createdAt, Reason: "поздно"})
	fmt.Println(errors.Is(err, application.ErrInvalidTransition), err)
	// Output:
	// MFC01-2024-000001 issued 7700112233
	// черновик → отправлено исполнителю ЖКУ (специалист МФЦ)
	// отправлено исполнителю ЖКУ → обработано исполнителем ЖКУ (внешняя информационная система)
	// обработано исполнителем ЖКУ → выданы документы (специалист МФЦ)
	// true Действие «отказать» недопустимо: заявление в состоянии «выданы документы»
}

// A refused Send lists every violation at once, with field paths and
// stable codes, before any registration number is taken.
func ExampleCheckSend() {
	a := validApp()
	a.Provider = uuid.Nil
	a.Meters[0].Seals[0].SetOn = application.Date{}
	f := validFacts()
	f.Documents[1].Values["series"] = "45"

	err := application.CheckSend(a, f)
	var ve *application.ValidationError
	if errors.As(err, &ve) {
		for _, v := range ve.Violations {
			fmt.Printf("%s %s: %s\n", v.Field, v.Code, v.Message)
		}
	}
	// Output:
	// provider application.provider.required: Не выбран исполнитель ЖКУ
	// meters[0].seals[0].set_on application.meter.seal.set_on: Не указана дата установки пломбы
	// documents[0].series passport.series: Серия паспорта: 4 цифры
}
