package address_test

import (
	"fmt"

	"github.com/openzhkh/zhkh/address"
)

func ExampleParseHouseNumber() {
	for _, s := range []string{"д.43", "5к2с1", "10а лит.б", "12/1", "стр. 1", "5к"} {
		h, err := address.ParseHouseNumber(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-10s → %s\n", s, h)
	}

	_, err := address.ParseHouseNumber("5 к1 к2")
	fmt.Println(err)
	fmt.Println(address.HasCode(err, address.CodeHouseNumberDuplicate))
	// Output:
	// д.43       → 43
	// 5к2с1      → 5, корп. 2, стр. 1
	// 10а лит.б  → 10А, лит. Б
	// 12/1       → 12/1
	// стр. 1     → стр. 1
	// 5к         → 5К
	// house_number: Корпус указан дважды
	// true
}
