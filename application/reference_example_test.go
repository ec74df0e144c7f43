package application_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/application"
)

// The reference books start from the built-in defaults and are edited
// through PutReference, which checks references to other books.
func ExamplePutReference() {
	ctx := context.Background()
	repo := memory.NewReferenceRepository()
	if err := application.SeedReferences(ctx, repo, application.Defaults()); err != nil {
		panic(err)
	}

	water, _ := repo.Get(ctx, application.BookResources, "cold_water")
	unit, _ := repo.Get(ctx, application.BookUnits, water.Unit)
	fmt.Println(water.Name, "—", unit.Symbol, "ОКЕИ", unit.OKEI)

	err := application.PutReference(ctx, repo, application.ReferenceEntry{
		Book: application.BookServices, Code: "steam_supply", Name: "Пароснабжение",
		Resources: []string{"steam"},
	})
	var ve *application.ValidationError
	if errors.As(err, &ve) {
		for _, v := range ve.Violations {
			fmt.Println(v.Field, v.Code, v.Message)
		}
	}
	// Output:
	// Холодная вода — м³ ОКЕИ 113
	// resources[0] reference.resource_unknown Коммунальный ресурс «steam» не найден в справочнике или выведен из употребления
}
