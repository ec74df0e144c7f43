package document_test

import (
	"errors"
	"fmt"

	"github.com/openzhkh/zhkh/document"
)

func ExampleCheckSNILS() {
	for _, s := range []string{"112-233-445 95", "11223344595", "112-233-445 96", "112-233?445 95"} {
		err := document.CheckSNILS(s)
		var ve *document.ValidationError
		if errors.As(err, &ve) {
			fmt.Printf("%s: %s\n", ve.Violations[0].Code, ve.Violations[0].Message)
			continue
		}
		stored, _ := document.NormalizeSNILS(s)
		printed, _ := document.FormatSNILS(s)
		fmt.Println("valid:", stored, printed)
	}
	// Output:
	// valid: 11223344595 112-233-445 95
	// valid: 11223344595 112-233-445 95
	// snils.checksum: Неверная контрольная сумма СНИЛС
	// snils.format: СНИЛС записывается 11 цифрами, например 123-456-789 01: разделители допустимы только между группами цифр
}
