package subject_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/subject"
)

func ExampleParseShare() {
	for _, s := range []string{"25/100", "0,25", "0.25", "1", "3/2", "четверть"} {
		share, err := subject.ParseShare(s)
		if err != nil {
			fmt.Printf("%s: %v\n", s, err)
			continue
		}
		fmt.Printf("%s: registered as %s, exactly %s\n", s, share, share.Rat().RatString())
	}
	third, _ := subject.ParseShare("1/3")
	fmt.Println("1/3 + 1/3 + 1/3 =", subject.SumShares(third, third, third).RatString())
	// Output:
	// 25/100: registered as 25/100, exactly 1/4
	// 0,25: registered as 0,25, exactly 1/4
	// 0.25: registered as 0,25, exactly 1/4
	// 1: registered as 1, exactly 1
	// 3/2: share: Доля должна быть больше нуля и не больше единицы
	// четверть: share: Доля указывается дробью (1/3), целым числом (1) или десятичной дробью (0,25)
	// 1/3 + 1/3 + 1/3 = 1
}

func ExampleCheckPremise() {
	half, _ := subject.ParseShare("1/2")
	third, _ := subject.ParseShare("1/3")
	premise := uuid.MustParse("0195f3a1-0000-7000-8000-000000000001")
	registered := subject.Date{Year: 2021, Month: 4, Day: 15}
	rights := []subject.Right{{
		ID:         uuid.MustParse("0195f3a1-0000-7000-8000-000000000002"),
		Premise:    premise,
		Kind:       subject.RightShared,
		Number:     "77:01:0001001:1234-77/011/2021-5",
		Registered: registered,
		Owners: []subject.Owner{
			{Subject: uuid.MustParse("0195f3a1-0000-7000-8000-000000000010"), Kind: subject.OwnerPerson, Share: half},
			{Subject: uuid.MustParse("0195f3a1-0000-7000-8000-000000000011"), Kind: subject.OwnerPerson, Share: third},
		},
	}}
	err := subject.CheckPremise(rights, subject.Date{Year: 2022, Month: 1, Day: 1})
	var ve *subject.ValidationError
	if errors.As(err, &ve) {
		for _, v := range ve.Violations {
			fmt.Println(v.Field, v.Code, v.Message)
		}
	}
	// Output:
	// rights right.shares_short Сумма долей меньше единицы: не хватает 1/6
}

func ExampleRightRegister() {
	ctx := context.Background()
	n := 0
	newID := func() (uuid.UUID, error) {
		n++
		return uuid.MustParse(fmt.Sprintf("0195f3a1-0000-7000-8000-%012d", n)), nil
	}
	today := func() subject.Date { return subject.Date{Year: 2024, Month: 1, Day: 1} }
	reg := subject.NewRightRegister(memory.NewRightRepository(), today, newID)

	premise := uuid.MustParse("0195f3a1-0000-7000-8000-00000000aaaa")
	add := func(owner string, share string) error {
		s, err := subject.ParseShare(share)
		if err != nil {
			return err
		}
		_, err = reg.Add(ctx, subject.Right{
			Premise: premise, Kind: subject.RightShared,
			Registered: subject.Date{Year: 2023, Month: 6, Day: 1},
			Owners:     []subject.Owner{{Subject: uuid.MustParse(owner), Kind: subject.OwnerPerson, Share: s}},
		})
		return err
	}
	fmt.Println(add("0195f3a1-0000-7000-8000-0000000000b1", "1/2"))
	fmt.Println(add("0195f3a1-0000-7000-8000-0000000000b2", "1/3"))
	fmt.Println(add("0195f3a1-0000-7000-8000-0000000000b3", "1/4"))
	fmt.Println(reg.Check(ctx, premise, today()))
	fmt.Println(add("0195f3a1-0000-7000-8000-0000000000b3", "1/6"))
	fmt.Println(reg.Check(ctx, premise, today()))
	// Output:
	// <nil>
	// <nil>
	// rights: Сумма долей больше единицы: превышение на 1/12
	// rights: Сумма долей меньше единицы: не хватает 1/6
	// <nil>
	// <nil>
}
