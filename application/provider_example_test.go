package application_test

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/subject"
)

// Register a resource supplier that serves a house and find it by an
// address below the house and by its external system.
func ExampleProviderRepository() {
	ctx := context.Background()
	repo := memory.NewProviderRepository()
	house := uuid.MustParse("0191c2d4-0000-7000-8000-00000000aaaa")
	flat := uuid.MustParse("0191c2d4-0000-7000-8000-00000000bbbb")
	system := uuid.MustParse("0191c2d4-0000-7000-8000-00000000cccc")

	p := application.Provider{
		ID:          uuid.MustParse("0191c2d4-0000-7000-8000-000000000001"), // uuid.NewV7 in production
		LegalEntity: uuid.MustParse("0191c2d4-0000-7000-8000-000000000002"),
		Kind:        application.ProviderResourceSupplier,
		Services:    []string{"cold_water_supply", "sewerage"},
		Areas:       []uuid.UUID{house},
		Documents: document.Package{Name: "Открытие лицевого счета", Items: []document.Item{
			{Type: "passport_rf", Name: "паспорт гражданина РФ", Required: true},
		}},
		System: application.ExternalSystem{ID: system, Name: "Биллинг Водоканала", BaseURL: "https://billing.example.ru/api"},
	}
	if err := repo.Create(ctx, p); err != nil {
		fmt.Println(err)
		return
	}
	serving, _ := repo.ServingAddress(ctx, []uuid.UUID{flat, house}) // the flat and its ancestors
	for _, s := range serving {
		fmt.Println(s.Kind.Title(), s.Version, s.Services)
	}
	bySystem, _ := repo.ByExternalSystem(ctx, system)
	fmt.Println(len(bySystem), bySystem[0].ID == p.ID)

	p.Kind = "bank"
	p.ID = uuid.MustParse("0191c2d4-0000-7000-8000-000000000003")
	fmt.Println(repo.Create(ctx, p))
	// Output:
	// Ресурсоснабжающая организация 1 [cold_water_supply sewerage]
	// 1 true
	// kind: Укажите вид исполнителя: управляющая организация, ТСЖ, ресурсоснабжающая организация, региональный оператор или ЕИРЦ
}

// Registration numbers of one office and year follow each other; another
// office starts its own sequence.
func ExampleRegNumbers() {
	ctx := context.Background()
	numbers := memory.NewRegNumbers()
	for range 3 {
		n, _ := numbers.Next(ctx, "MFC01", 2026)
		fmt.Println(n)
	}
	n, _ := numbers.Next(ctx, "MFC02", 2026)
	fmt.Println(n)
	parsed, _ := application.ParseRegNumber("MFC01-2026-000003")
	fmt.Println(parsed.Office, parsed.Year, parsed.Seq)
	_, err := numbers.Next(ctx, "мфц", 2026)
	fmt.Println(err)
	// Output:
	// MFC01-2026-000001
	// MFC01-2026-000002
	// MFC01-2026-000003
	// MFC02-2026-000001
	// MFC01 2026 3
	// office: Код подразделения обязателен: до 16 заглавных латинских букв, цифр и дефисов, не в начале и не в конце
}

// Build the notification that an application was processed.
func ExampleProcessedNotification() {
	to := subject.Contact{Channel: subject.ChannelEmail, Value: "ivanov@example.ru"}
	n := application.ProcessedNotification("MFC01-2026-000001", "1234567890", to)
	fmt.Println(n.Subject)
	fmt.Println(n.Body)
	// Output:
	// Заявление № MFC01-2026-000001 обработано
	// Здравствуйте!
	//
	// Ваше заявление № MFC01-2026-000001 обработано: открыт лицевой счет № 1234567890.
	//
	// Это сообщение отправлено автоматически, отвечать на него не нужно.
}
