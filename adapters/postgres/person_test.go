package postgres_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/subject"
	"github.com/openzhkh/zhkh/subject/subjecttest"
)

func TestPersonRepository(t *testing.T) {
	t.Parallel()
	subjecttest.RunPersonRepository(t, func(t *testing.T) subject.PersonRepository {
		return postgres.NewPersonRepository(pgtest.NewPool(t))
	})
}

// TestPersonFindSameAsMemory stores the same persons in the memory adapter
// and in PostgreSQL and checks that every kind of search, paged, finds the
// same persons in the same order in both: the SQL of Find means what
// PersonQuery.Matches means.
func TestPersonFindSameAsMemory(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	clock := subjecttest.FixedClock(time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC))
	mem := subject.NewPersonRegister(memory.NewPersonRepository(), clock, subjecttest.SequentialIDs())
	pg := subject.NewPersonRegister(postgres.NewPersonRepository(pgtest.NewPool(t)), clock, subjecttest.SequentialIDs())
	var ps []subject.Person
	for n := range 150 {
		p := subjecttest.Person(n)
		switch n % 5 {
		case 1:
			p.Roles = append(p.Roles, subject.RoleOwner)
		case 2:
			p.SNILS, p.INN = "", ""
		case 3:
			p.BirthDate = subject.Date{}
			p.Patronymic = ""
		}
		a, err := mem.Register(ctx, p)
		require.NoError(t, err)
		b, err := pg.Register(ctx, p)
		require.NoError(t, err)
		require.Equal(t, a, b, "person %d as stored", n)
		ps = append(ps, a)
	}
	queries := []subject.PersonQuery{
		{}, {Role: subject.RoleOwner}, {Role: subject.RoleUser},
		{Surname: "с*"}, {Surname: "се*"}, {Surname: "СЕМЕН*"}, {Surname: "семенова"}, {Surname: "Соловьев*"},
		{Surname: "и*", Name: "ив*"}, {Name: "Пётр"}, {Name: "петр*", Patronymic: "Иванович"},
		{Patronymic: "алексеевна"}, {Surname: "я*"}, {Surname: "ё*"}, {Surname: "zzz*"},
		{DocumentNumber: "4500 000004"}, {DocumentNumber: "4500 999999"},
	}
	for _, p := range ps[:40] {
		queries = append(queries,
			subject.PersonQuery{BirthDate: p.BirthDate},
			subject.PersonQuery{Surname: p.Surname, BirthDate: p.BirthDate},
			subject.PersonQuery{Surname: string([]rune(p.Surname)[:3]) + "*", Role: subject.RoleApplicant},
		)
		if p.SNILS != "" {
			queries = append(queries, subject.PersonQuery{SNILS: p.SNILS.Reveal()}, subject.PersonQuery{INN: p.INN.Reveal()})
		}
	}
	found := 0
	for i, q := range queries {
		for _, limit := range []int{0, 7} {
			q.Limit, q.After = limit, uuid.Nil
			for page := 0; ; page++ {
				require.Less(t, page, 200, "paging does not end")
				want, err := mem.Find(ctx, q)
				require.NoError(t, err)
				got, err := pg.Find(ctx, q)
				require.NoError(t, err)
				require.Equal(t, personIDs(want), personIDs(got), "query %d %+v", i, q)
				if len(got) > 0 && limit == 0 {
					found++
				}
				if limit == 0 || len(got) < limit {
					break
				}
				q.After = got[len(got)-1].ID
			}
		}
	}

	require.Greater(t, found, len(queries)*3/4, "most queries must find someone, or the comparison proves little")
}

func personIDs(ps []subject.Person) []uuid.UUID {
	out := make([]uuid.UUID, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

// TestPersonRepositoryStoresPersonalDataWhole checks that SNILS, INN and
// document numbers come back whole (they are masked only when printed),
// and that a date that is not a calendar day is refused, not moved.
func TestPersonRepositoryStoresPersonalDataWhole(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	repo := postgres.NewPersonRepository(pgtest.NewPool(t))
	p := subjecttest.Person(7)
	p.ID, p.Version = uuid.MustParse("00000000-0000-4000-8000-000000000007"), 1
	require.NoError(t, repo.Create(ctx, p))
	got, err := repo.Get(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, p.SNILS.Reveal(), got.SNILS.Reveal())
	assert.Equal(t, p.INN.Reveal(), got.INN.Reveal())
	assert.Equal(t, p.Documents[0].Number.Reveal(), got.Documents[0].Number.Reveal())
	assert.NotContains(t, fmt.Sprint(got), p.SNILS.Reveal(), "printing masks the SNILS")

	bad := subjecttest.Person(8)
	bad.ID, bad.Version = uuid.MustParse("00000000-0000-4000-8000-000000000008"), 1
	bad.BirthDate = subject.Date{Year: 2001, Month: time.February, Day: 30}
	require.ErrorIs(t, repo.Create(ctx, bad), subject.ErrInvalid)
	_, err = repo.Get(ctx, bad.ID)
	require.ErrorIs(t, err, subject.ErrNotFound)

	// A row the schema refuses (Version 0) is reported without the row,
	// which PostgreSQL quotes with its personal data in the detail.
	bad.BirthDate, bad.Version = subject.Date{}, 0
	err = repo.Create(ctx, bad)
	require.ErrorIs(t, err, subject.ErrInvalid)
	var pgErr *pgconn.PgError
	require.ErrorAs(t, err, &pgErr)
	assert.Equal(t, "persons_version_check", pgErr.ConstraintName)
	assert.Empty(t, pgErr.Detail)
	assert.NotContains(t, fmt.Sprintf("%+v", err), bad.SNILS.Reveal())
}

// FuzzPersonFindByName searches the same persons in the memory adapter and
// in PostgreSQL by any name parts, as people type them: both must find the
// same persons, and PostgreSQL must not fail on any text.
func FuzzPersonFindByName(f *testing.F) {
	ctx := context.Background()
	clock := subjecttest.FixedClock(time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC))
	mem := subject.NewPersonRegister(memory.NewPersonRepository(), clock, subjecttest.SequentialIDs())
	pg := subject.NewPersonRegister(postgres.NewPersonRepository(pgtest.NewPool(f)), clock, subjecttest.SequentialIDs())
	for n := range 60 {
		_, err := mem.Register(ctx, subjecttest.Person(n))
		require.NoError(f, err)
		_, err = pg.Register(ctx, subjecttest.Person(n))
		require.NoError(f, err)
	}
	for _, seed := range [][3]string{
		{"Семенов", "", ""}, {"сем*", "и*", ""}, {"*", "", ""}, {"", "", "иванович"}, {"%", "_", "'"},
		{"с\x00*", "", ""}, {"\xff*", "", ""}, {"ИВАНОВ А*", "", ""}, {"  петров  ", "", ""},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, surname, name, patronymic string) {
		q := subject.PersonQuery{Surname: surname, Name: name, Patronymic: patronymic}
		want, werr := mem.Find(t.Context(), q)
		got, gerr := pg.Find(t.Context(), q)
		if werr != nil {
			require.ErrorIs(t, werr, subject.ErrInvalid)
			require.Equal(t, werr, gerr, "both refuse the query alike")
			return
		}
		require.NoError(t, gerr)
		require.Equal(t, personIDs(want), personIDs(got), "%+v", q)
	})
}
