package subject_test

import (
	"context"
	"fmt"
	"time"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/subject"
	"github.com/openzhkh/zhkh/subject/subjecttest"
)

// Register a person and find them by SNILS written in the official form.
func ExamplePersonRegister_FindBySNILS() {
	ctx := context.Background()
	reg := subject.NewPersonRegister(memory.NewPersonRepository(),
		subjecttest.FixedClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)), subjecttest.SequentialIDs())
	_, err := reg.Register(ctx, subject.Person{
		Surname: "Семёнов", Name: "Пётр", Patronymic: "Ильич",
		BirthDate: subject.Date{Year: 1980, Month: time.May, Day: 17},
		SNILS:     "11223344595",
		Documents: []subject.IdentityDocument{{Type: document.TypePassportRF, Number: "45 06 123456"}},
		Roles:     []subject.Role{subject.RoleApplicant},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := reg.FindBySNILS(ctx, "112-233-445 95")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.FullName(), p.SNILS.Reveal())
	found, _ := reg.Find(ctx, subject.PersonQuery{Surname: "семенов", BirthDate: p.BirthDate})
	fmt.Println(len(found))
	// Output:
	// Семёнов Пётр Ильич 11223344595
	// 1
}

// Personal data prints masked; Reveal gives the full value.
func ExamplePerson_String() {
	p, _ := subject.Person{
		Surname: "Семёнов", Name: "Пётр", Patronymic: "Ильич",
		BirthDate: subject.Date{Year: 1980, Month: time.May, Day: 17},
		SNILS:     "112-233-445 95", INN: "500100732259",
		Documents: []subject.IdentityDocument{{Type: document.TypePassportRF, Number: "45 06 123456"}},
	}.Normalize(subject.Date{})
	fmt.Println(p)
	fmt.Println(p.SNILS, p.SNILS.Reveal())
	// Output:
	// Person{00000000-0000-0000-0000-000000000000, Семёнов П. И., birth ****-**-**, SNILS ***-***-445 95, INN ********2259, documents [passport_rf *******456]}
	// ***-***-445 95 11223344595
}
