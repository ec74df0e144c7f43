package subjecttest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/subject"
)

// RunPersonRepository runs the conformance suite of the
// subject.PersonRepository port. An integrator who writes an adapter runs
// it from the adapter's own tests:
//
//	func TestPersonRepository(t *testing.T) {
//		subjecttest.RunPersonRepository(t, func(t *testing.T) subject.PersonRepository {
//			return myadapter.New(...)
//		})
//	}
//
// Every subtest calls newRepo for a fresh, empty repository of its own and
// runs in parallel with the others. The suite drives the repository
// through subject.PersonRegister, as the library does, and checks storage,
// copies, the SNILS uniqueness, updates, every kind of search with paging,
// representations, and concurrent use: two concurrent creates with one
// SNILS of which exactly one succeeds, and concurrent updates of which none
// is lost. Run it with -race.
func RunPersonRepository(t *testing.T, newRepo func(t *testing.T) subject.PersonRepository) {
	tests := []struct {
		name string
		run  func(t *testing.T, repo subject.PersonRepository, reg *subject.PersonRegister)
	}{
		{"CreateGet", testCreateGet},
		{"DuplicateSNILS", testDuplicateSNILS},
		{"Update", testUpdate},
		{"Find", testFind},
		{"Paging", testPaging},
		{"Representations", testRepresentations},
		{"ConcurrentCreate", testConcurrentCreate},
		{"ConcurrentUpdate", testConcurrentUpdate},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			repo := newRepo(t)
			reg := subject.NewPersonRegister(repo, FixedClock(time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)), SequentialIDs())
			tc.run(t, repo, reg)
		})
	}
}

func register(t *testing.T, reg *subject.PersonRegister, p subject.Person) subject.Person {
	t.Helper()
	got, err := reg.Register(t.Context(), p)
	require.NoError(t, err)
	return got
}

func testCreateGet(t *testing.T, repo subject.PersonRepository, reg *subject.PersonRegister) {
	ctx := t.Context()
	in := Person(1)
	in.Contacts = []subject.Contact{{Channel: subject.ChannelPhone, Value: "8 (912) 345-67-89"}}
	p := register(t, reg, in)
	assert.Equal(t, 1, p.Version)
	assert.Equal(t, "+79123456789", p.Contacts[0].Value)
	got, err := repo.Get(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, p, got)

	got.Documents[0].Number = "0000000000"
	got.Roles[0] = subject.RoleOwner
	again, err := repo.Get(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, p, again, "Get returns a copy")

	_, err = repo.Get(ctx, uuid.MustParse("00000000-0000-4000-8000-00000000ffff"))
	assert.ErrorIs(t, err, subject.ErrNotFound)
	assert.True(t, subject.HasCode(err, subject.CodePersonNotFound))

	err = repo.Create(ctx, p)
	assert.ErrorIs(t, err, subject.ErrConflict, "the same ID twice")
}

func testDuplicateSNILS(t *testing.T, repo subject.PersonRepository, reg *subject.PersonRegister) {
	ctx := t.Context()
	first := register(t, reg, Person(2))
	dup := Person(3)
	dup.SNILS = first.SNILS
	_, err := reg.Register(ctx, dup)
	require.ErrorIs(t, err, subject.ErrConflict)
	assert.True(t, subject.HasCode(err, subject.CodePersonDuplicateSNILS))
	assert.Contains(t, err.Error(), first.ID.String())
	assert.NotContains(t, err.Error(), first.SNILS.Reveal())
	found, err := reg.Find(ctx, subject.PersonQuery{INN: INN(3)})
	require.NoError(t, err)
	assert.Empty(t, found, "nothing of the refused person is stored")

	noSNILS := Person(4)
	noSNILS.SNILS = ""
	register(t, reg, noSNILS)
	noSNILS2 := Person(5)
	noSNILS2.SNILS = ""
	register(t, reg, noSNILS2) // persons without SNILS do not collide
}

func testUpdate(t *testing.T, repo subject.PersonRepository, reg *subject.PersonRegister) {
	ctx := t.Context()
	a := register(t, reg, Person(10))
	b := register(t, reg, Person(11))

	got, err := reg.Update(ctx, a.ID, func(p *subject.Person) error {
		p.Surname = "Громова"
		p.SNILS = subject.SNILS(SNILS(100))
		p.Grant(subject.RoleOwner)
		p.ID = uuid.Nil // ignored
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, a.ID, got.ID)
	assert.Equal(t, 2, got.Version)
	stored, err := repo.Get(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, got, stored)
	assert.Equal(t, []subject.Role{subject.RoleApplicant, subject.RoleOwner}, stored.Roles)

	// The indexes follow the update.
	for _, q := range []subject.PersonQuery{{SNILS: SNILS(100)}, {Surname: "громова", BirthDate: a.BirthDate}} {
		found, err := reg.Find(ctx, q)
		require.NoError(t, err)
		require.Len(t, found, 1, "%+v", q)
		assert.Equal(t, a.ID, found[0].ID)
	}
	for _, q := range []subject.PersonQuery{{SNILS: SNILS(10)}, {Surname: a.Surname, BirthDate: a.BirthDate}} {
		found, err := reg.Find(ctx, q)
		require.NoError(t, err)
		assert.Empty(t, found)
	}

	// A taken SNILS, a failing fn and invalid data change nothing.
	_, err = reg.Update(ctx, b.ID, func(p *subject.Person) error { p.SNILS = subject.SNILS(SNILS(100)); return nil })
	assert.True(t, subject.HasCode(err, subject.CodePersonDuplicateSNILS))
	boom := errors.New("boom")
	_, err = reg.Update(ctx, b.ID, func(p *subject.Person) error { p.Name = "Другое"; return boom })
	assert.ErrorIs(t, err, boom)
	_, err = reg.Update(ctx, b.ID, func(p *subject.Person) error { p.Surname = ""; p.INN = "123"; return nil })
	var ve *subject.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Violations, 2)
	still, err := repo.Get(ctx, b.ID)
	require.NoError(t, err)
	assert.Equal(t, b, still)

	_, err = repo.Update(ctx, uuid.MustParse("00000000-0000-4000-8000-00000000ffff"), func(*subject.Person) error { return nil })
	assert.ErrorIs(t, err, subject.ErrNotFound)
}

func testFind(t *testing.T, _ subject.PersonRepository, reg *subject.PersonRegister) {
	ctx := t.Context()
	var ps []subject.Person
	for n := range 40 {
		ps = append(ps, register(t, reg, Person(n)))
	}
	semenov := ps[3] // Семёнов
	ids := func(found []subject.Person) []uuid.UUID {
		var out []uuid.UUID
		for _, p := range found {
			out = append(out, p.ID)
		}
		return out
	}
	want := func(match func(p subject.Person) bool) []uuid.UUID {
		var out []uuid.UUID
		for _, p := range ps {
			if match(p) {
				out = append(out, p.ID)
			}
		}
		return out
	}
	cases := []struct {
		name string
		q    subject.PersonQuery
		want []uuid.UUID
	}{
		{"snils formatted", subject.PersonQuery{SNILS: mustFormat(semenov.SNILS.Reveal())}, []uuid.UUID{semenov.ID}},
		{"inn", subject.PersonQuery{INN: semenov.INN.Reveal()}, []uuid.UUID{semenov.ID}},
		{"passport spaced", subject.PersonQuery{DocumentNumber: "4500 000004"}, []uuid.UUID{semenov.ID}},
		{"surname ё=е any case", subject.PersonQuery{Surname: "СЕМЕНОВ"}, want(func(p subject.Person) bool { return p.Surname == "Семёнов" })},
		{"surname and date", subject.PersonQuery{Surname: "семенов", BirthDate: semenov.BirthDate}, []uuid.UUID{semenov.ID}},
		{"prefix", subject.PersonQuery{Surname: "Сем*"}, want(func(p subject.Person) bool { return p.Surname == "Семёнов" || p.Surname == "Семёнова" })},
		{"prefix with date", subject.PersonQuery{Surname: "с*", Name: "иван", BirthDate: semenov.BirthDate}, []uuid.UUID{semenov.ID}},
		{"name and patronymic", subject.PersonQuery{Name: semenov.Name, Patronymic: semenov.Patronymic}, want(func(p subject.Person) bool {
			return p.Name == semenov.Name && p.Patronymic == semenov.Patronymic
		})},
		{"date", subject.PersonQuery{BirthDate: semenov.BirthDate}, want(func(p subject.Person) bool { return p.BirthDate == semenov.BirthDate })},
		{"role", subject.PersonQuery{Role: subject.RoleOwner}, nil},
		{"wrong date", subject.PersonQuery{Surname: "семенов", BirthDate: semenov.BirthDate.AddDays(1)}, nil},
		{"all", subject.PersonQuery{}, want(func(subject.Person) bool { return true })},
	}
	for _, c := range cases {
		found, err := reg.Find(ctx, c.q)
		require.NoError(t, err, c.name)
		assert.Equal(t, c.want, ids(found), c.name)
	}
	_, err := reg.Find(ctx, subject.PersonQuery{SNILS: "112-233-445 00"})
	assert.ErrorIs(t, err, subject.ErrInvalid)
	got, err := reg.FindBySNILS(ctx, semenov.SNILS.Reveal())
	require.NoError(t, err)
	assert.Equal(t, semenov, got)
	_, err = reg.FindBySNILS(ctx, SNILS(1000))
	assert.ErrorIs(t, err, subject.ErrNotFound)
}

func mustFormat(s string) string {
	return s[:3] + "-" + s[3:6] + "-" + s[6:9] + " " + s[9:]
}

func testPaging(t *testing.T, _ subject.PersonRepository, reg *subject.PersonRegister) {
	ctx := t.Context()
	var all []uuid.UUID
	for n := range 25 {
		all = append(all, register(t, reg, Person(n*32)).ID) // one surname: Иванова
	}
	for _, q := range []subject.PersonQuery{{}, {Surname: "Иванова"}, {Surname: "ив*"}} {
		var got []uuid.UUID
		q.Limit = 7
		for {
			page, err := reg.Find(ctx, q)
			require.NoError(t, err)
			for _, p := range page {
				got = append(got, p.ID)
			}
			if len(page) < q.Limit {
				break
			}
			q.After = page[len(page)-1].ID
		}
		assert.Equal(t, all, got, "%+v", q)
	}
}

func testRepresentations(t *testing.T, repo subject.PersonRepository, reg *subject.PersonRegister) {
	ctx := t.Context()
	parent := register(t, reg, Person(20))
	child := Person(21)
	child.BirthDate = subject.Date{Year: 2015, Month: time.June, Day: 1}
	child.Documents = nil
	child = register(t, reg, child)
	attorney := register(t, reg, Person(22))
	cert := uuid.MustParse("00000000-0000-4000-8000-0000000c0001")

	byParent, err := reg.AddRepresentation(ctx, subject.Representation{Representative: parent.ID, Represented: child.ID,
		Ground: subject.GroundParent, Document: cert})
	require.NoError(t, err)
	assert.Equal(t, subject.Date{Year: 2033, Month: time.May, Day: 31}, byParent.ValidTo, "until the day before 18")
	byPoA, err := reg.AddRepresentation(ctx, subject.Representation{Representative: attorney.ID, Represented: parent.ID,
		Ground: subject.GroundPowerOfAttorney, Document: cert,
		ValidFrom: subject.Date{Year: 2026, Month: 1, Day: 1}, ValidTo: subject.Date{Year: 2026, Month: 12, Day: 31}})
	require.NoError(t, err)

	got, err := reg.RepresentationsOf(ctx, parent.ID)
	require.NoError(t, err)
	assert.ElementsMatch(t, []subject.Representation{byParent, byPoA}, got)
	assert.True(t, got[0].ID.String() < got[1].ID.String(), "ordered by ID")
	active, err := reg.RepresentativesAt(ctx, parent.ID, subject.Date{Year: 2027, Month: 1, Day: 1})
	require.NoError(t, err)
	assert.Empty(t, active, "the power of attorney has expired")
	none, err := repo.RepresentationsOf(ctx, uuid.MustParse("00000000-0000-4000-8000-00000000ffff"))
	require.NoError(t, err)
	assert.Empty(t, none)

	err = repo.AddRepresentation(ctx, subject.Representation{ID: uuid.MustParse("00000000-0000-4000-8000-0000000d0001"),
		Representative: parent.ID, Represented: uuid.MustParse("00000000-0000-4000-8000-00000000ffff"),
		Ground: subject.GroundGuardian, Document: cert})
	assert.ErrorIs(t, err, subject.ErrNotFound)
	err = repo.AddRepresentation(ctx, byPoA)
	assert.ErrorIs(t, err, subject.ErrConflict)
	_, err = reg.AddRepresentation(ctx, subject.Representation{Representative: parent.ID, Represented: parent.ID, Ground: subject.GroundParent})
	assert.ErrorIs(t, err, subject.ErrInvalid)
}

func testConcurrentCreate(t *testing.T, repo subject.PersonRepository, reg *subject.PersonRegister) {
	ctx := t.Context()
	for round := range 20 {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range 2 {
			wg.Go(func() {
				p := Person(1000 + round*2 + i)
				p.SNILS = subject.SNILS(SNILS(round))
				_, errs[i] = reg.Register(ctx, p)
			})
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else {
				assert.True(t, subject.HasCode(err, subject.CodePersonDuplicateSNILS), "%v", err)
			}
		}
		assert.Equal(t, 1, ok, "round %d", round)
		found, err := repo.Find(ctx, subject.PersonQuery{SNILS: SNILS(round)})
		require.NoError(t, err)
		assert.Len(t, found, 1)
	}
}

func testConcurrentUpdate(t *testing.T, repo subject.PersonRepository, reg *subject.PersonRegister) {
	ctx := t.Context()
	p := register(t, reg, Person(30))
	const n = 50
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, err := reg.Update(ctx, p.ID, func(q *subject.Person) error {
				q.BirthPlace += "x"
				if i%2 == 0 {
					q.Grant(subject.RoleOwner)
				}
				return nil
			})
			assert.NoError(t, err)
			_, err = repo.Get(ctx, p.ID)
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	got, err := repo.Get(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, 1+n, got.Version)
	assert.Equal(t, len(p.BirthPlace)+n, len(got.BirthPlace), "no update is lost")
}
