package main

import (
	"context"
	"os"
	"strings"
)

// Example_check runs `gisctl check -text` over a meter whose seal has no
// date and whose verification has expired.
func Example_check() {
	input := `{"meters": [{"serialNumber": "ЭЛ-7", "seal": {"number": "П-3"},
		"verificationIntervalYears": 16, "lastVerificationDate": "2008-04-01"}]}`
	run(context.Background(), []string{"check", "-today", "2025-06-15", "-text"}, strings.NewReader(input), os.Stdout, os.Stderr)
	// Output:
	// ОБЪЕКТ        КЛЮЧ  ПУТЬ       ПРОВЕРКА                    СООБЩЕНИЕ
	// прибор учета  ЭЛ-7  meters[0]  meter.seal_no_date          пломба с номером, но без даты установки
	// прибор учета  ЭЛ-7  meters[0]  meter.verification_expired  срок поверки истек 2024-04-01 (последняя поверка 2008-04-01, интервал 16 лет)
	// Проверка на 2025-06-15: найдено проблем: 2.
}
