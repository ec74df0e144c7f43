package subject_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/subject"
	"github.com/openzhkh/zhkh/subject/subjecttest"
)

const benchPersons = 1_000_000

// millionRegister builds, once per process, a register of a million
// generated persons.
var millionRegister = sync.OnceValues(func() (*subject.PersonRegister, error) {
	repo := memory.NewPersonRepository()
	reg := subject.NewPersonRegister(repo, subjecttest.FixedClock(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)), subjecttest.SequentialIDs())
	ctx := context.Background()
	for n := range benchPersons {
		if _, err := reg.Register(ctx, subjecttest.Person(n)); err != nil {
			return nil, err
		}
	}
	return reg, nil
})

func BenchmarkFindPerson(b *testing.B) {
	reg, err := millionRegister()
	if err != nil {
		b.Fatal(err)
	}
	ctx := b.Context()
	bySNILS := make([]subject.PersonQuery, 1024)
	byName := make([]subject.PersonQuery, 1024)
	for i := range bySNILS {
		p := subjecttest.Person(i * 7919 % benchPersons)
		bySNILS[i] = subject.PersonQuery{SNILS: p.SNILS.Reveal()}
		byName[i] = subject.PersonQuery{Surname: p.Surname, Name: p.Name, BirthDate: p.BirthDate}
	}
	b.Run("SNILS", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			ps, err := reg.Find(ctx, bySNILS[i%len(bySNILS)])
			if err != nil || len(ps) != 1 {
				b.Fatal(err, len(ps))
			}
			i++
		}
	})
	b.Run("NameBirthDate", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			ps, err := reg.Find(ctx, byName[i%len(byName)])
			if err != nil || len(ps) == 0 {
				b.Fatal(err, len(ps))
			}
			i++
		}
	})
}
