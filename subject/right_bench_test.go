package subject_test

import (
	"fmt"
	"testing"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/subject"
)

// benchPremise returns 50 shared rights with 200 owners in all (4 each),
// their shares summing to exactly 1 with mixed denominators, plus the
// ended sole right they replaced.
func benchPremise(b *testing.B) []subject.Right {
	// Each right holds 1/50 split into four shares over denominators
	// 200, 400, 600, 1200 (1/200 + 1/200 + 2/400 + 6/1200 = 1/50) — or,
	// on odd rights, 1/50 as 3/600 + 1/200 + 5/1000 + 1/200.
	even := []string{"1/200", "1/200", "2/400", "6/1200"}
	odd := []string{"3/600", "1/200", "0,005", "1/200"}
	premise := uuid.MustParse("0195f3a1-0000-7000-8000-00000000aaaa")
	var rights []subject.Right
	old := subject.Right{
		ID: uuid.MustParse("0195f3a1-0000-7000-8000-000000000000"), Premise: premise, Kind: subject.RightSole,
		Registered: subject.Date{Year: 2000, Month: 1, Day: 1}, Ended: subject.Date{Year: 2010, Month: 1, Day: 1},
		Owners: []subject.Owner{{Subject: uuid.MustParse("0195f3a1-0000-7000-8000-0000000fffff"), Kind: subject.OwnerPerson}},
	}
	rights = append(rights, old)
	owner := 0
	for i := range 50 {
		shares := even
		if i%2 == 1 {
			shares = odd
		}
		r := subject.Right{
			ID: uuid.MustParse(fmt.Sprintf("0195f3a1-0000-7000-8000-%012d", i+1)), Premise: premise,
			Kind: subject.RightShared, Registered: subject.Date{Year: 2010, Month: 1, Day: 1 + i%28},
		}
		for _, s := range shares {
			owner++
			sh, err := subject.ParseShare(s)
			if err != nil {
				b.Fatal(err)
			}
			r.Owners = append(r.Owners, subject.Owner{
				Subject: uuid.MustParse(fmt.Sprintf("0195f3a1-0000-7000-9000-%012d", owner)), Kind: subject.OwnerPerson, Share: sh,
			})
		}
		rights = append(rights, r)
	}
	return rights
}

// BenchmarkCheckPremise checks the ownership of a premise with 50 rights
// and 200 owners. The target is 100,000 checks/s on one core.
func BenchmarkCheckPremise(b *testing.B) {
	rights := benchPremise(b)
	at := subject.Date{Year: 2024, Month: 1, Day: 1}
	if err := subject.CheckPremise(rights, at); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := subject.CheckPremise(rights, at); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
}

// BenchmarkCheckPremiseShort is the same premise with one owner's share
// missing from the sum: the check builds the «не хватает» report.
func BenchmarkCheckPremiseShort(b *testing.B) {
	rights := benchPremise(b)
	rights = rights[:len(rights)-1]
	at := subject.Date{Year: 2024, Month: 1, Day: 1}
	b.ReportAllocs()
	for b.Loop() {
		if err := subject.CheckPremise(rights, at); err == nil {
			b.Fatal("want shares short")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
}

// BenchmarkCheckAddition is the check a register runs when the 50th right
// is added to a premise with 49.
func BenchmarkCheckAddition(b *testing.B) {
	rights := benchPremise(b)
	stored, last := rights[:len(rights)-1], rights[len(rights)-1]
	b.ReportAllocs()
	for b.Loop() {
		if err := subject.CheckAddition(stored, last); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
}

func BenchmarkParseShare(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := subject.ParseShare("25/100"); err != nil {
			b.Fatal(err)
		}
	}
}
