package application_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/application/applicationtest"
)

// The Aggregator asks every provider of a house at once and answers with
// what it has: here the water utility answers, the heat supplier is too
// slow and is reported instead of holding the answer.
func ExampleAggregator_AccountsByAddress() {
	house := uuid.MustParse("0191c2d4-1111-7000-8000-000000000001")
	water := uuid.MustParse("0191c2d4-aaaa-7000-8000-00000000000a")
	heat := uuid.MustParse("0191c2d4-bbbb-7000-8000-00000000000b")

	waterSystem := &applicationtest.FakeSystem{}
	waterSystem.SetAccounts(application.Account{ID: "1", Number: "7700123", Provider: water, Address: house,
		UnifiedAccountID: "00АА123456", Payer: "Иванов И. И.", Debt: decimal.RequireFromString("1520.40")})
	heatSystem := &applicationtest.FakeSystem{}
	heatSystem.SetDelay(time.Minute)

	agg := application.NewAggregator(map[uuid.UUID]application.SystemWithTimeout{
		water: {System: waterSystem, Timeout: 2 * time.Second},
		heat:  {System: heatSystem, Timeout: 20 * time.Millisecond},
	})
	res := agg.AccountsByAddress(context.Background(), []uuid.UUID{water, heat}, house)
	for _, a := range res.Items() {
		fmt.Println(a.Number, a.UnifiedAccountID, a.Debt.StringFixed(2))
	}
	for _, f := range res.Failed() {
		var e *application.Error
		if errors.As(f.Err, &e) {
			fmt.Println(f.Provider == heat, e.Code)
		}
	}
	// Output:
	// 7700123 00АА123456 1520.40
	// true provider.timeout
}
