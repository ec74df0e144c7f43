package document_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/document"
)

func ExampleRegistry_Create() {
	ctx := context.Background()
	clock := func() time.Time { return time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC) }
	today := func() document.Date { return document.Date{Year: 2026, Month: time.March, Day: 2} }
	reg := document.NewRegistry(memory.NewDocumentRepository(),
		document.ValidatorsAt(document.BuiltinType, today), clock, uuid.NewV7)
	specialist := uuid.MustParse("0193a1b2-0000-7000-8000-000000000001")

	_, err := reg.Create(ctx, specialist, document.Document{
		Type: document.TypePassportRF,
		Values: document.Values{
			"series": "00 00", "number": "000000", "issued_on": "2030-01-01",
			"issued_by": "ГУ МВД России по Свердловской обл.", "division_code": "660-001",
		},
	})
	var ve *document.ValidationError
	if errors.As(err, &ve) {
		for _, v := range ve.Violations {
			fmt.Println(v.Field, v.Code)
		}
	}

	d, err := reg.Create(ctx, specialist, document.Document{
		Type: document.TypePassportRF,
		Values: document.Values{
			"series": "65 04", "number": "123456", "issued_on": "2015-03-01",
			"issued_by": "ГУ МВД России по Свердловской обл.", "division_code": "660-001",
		},
	})
	fmt.Println(err, d.Version, d.CreatedAt.Format(time.DateOnly))
	// Output:
	// values.issued_on document.date_future
	// values.series passport_rf.zero
	// <nil> 1 2026-03-02
}
