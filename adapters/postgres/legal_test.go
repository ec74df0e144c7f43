package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/subject"
	"github.com/openzhkh/zhkh/subject/subjecttest"
)

func TestLegalEntityRepository(t *testing.T) {
	t.Parallel()
	subjecttest.RunLegalEntityRepository(t, func(t *testing.T) subject.LegalEntityRepository {
		return postgres.NewLegalEntityRepository(pgtest.NewPool(t))
	})
}

// TestLegalEntityFindSameAsMemory stores the same legal entities in the
// memory adapter and in PostgreSQL and checks that searches by name words,
// by identifiers and all of them, a page at a time, give the same entities
// in the same order in both.
func TestLegalEntityFindSameAsMemory(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	mem := memory.NewLegalEntityRepository()
	pg := postgres.NewLegalEntityRepository(pgtest.NewPool(t))
	all := legalFixture(t, mem, pg)
	queries := []subject.LegalEntityQuery{
		{}, {Name: "ооо"}, {Name: "елк"}, {Name: "ЁЛКА"}, {Name: "е"}, {Name: "общество вектор"},
		{Name: "вектор-м"}, {Name: "м"}, {Name: "№1"}, {Name: "100%"}, {Name: "дом_2"}, {Name: "_"},
		{Name: "%"}, {Name: "ук"}, {Name: "управляющая северная ооо"}, {Name: "товарищество"}, {Name: "нет"},
		{KPP: all[0].KPP}, {INN: all[5].INN}, {INN: all[5].INN, KPP: all[5].KPP}, {OGRN: all[7].OGRN},
		{OGRN: all[7].OGRN, Name: "ромашка"}, {OGRN: all[7].OGRN, Name: "берег"},
	}
	found := 0
	for _, q := range queries {
		for _, page := range [][2]int{{0, 0}, {0, 5}, {5, 5}, {3, 100}, {100, 0}} {
			q.Offset, q.Limit = page[0], page[1]
			want, err := mem.Find(ctx, q)
			require.NoError(t, err)
			got, err := pg.Find(ctx, q)
			require.NoError(t, err)
			require.Equal(t, legalIDsOf(want), legalIDsOf(got), "%+v", q)
			if len(got) > 0 {
				found++
			}
		}
	}
	require.Greater(t, found, len(queries), "most queries must find something, or the comparison proves little")
}

// legalFixture stores the same 48 legal entities, with names of every
// kind of punctuation, in each repository and returns them.
func legalFixture(tb testing.TB, repos ...subject.LegalEntityRepository) []subject.LegalEntity {
	tb.Helper()
	ctx := context.Background()
	forms := []struct{ full, short string }{
		{"Общество с ограниченной ответственностью", "ООО"},
		{"Акционерное общество", "АО"},
		{"Публичное акционерное общество", "ПАО"},
		{"Товарищество собственников жилья", ""},
	}
	names := []string{"Ёлка", "Елочка", "Управляющая компания Северная", "УК Южная", "Вектор", "Вектор-М",
		"Сбербанк России", "Ромашка", "Жилсервис №1", "100% Дом", "Дом_2", "Берег"}
	var all []subject.LegalEntity
	for n := range 48 {
		f, name := forms[n%len(forms)], names[n%len(names)]
		short := ""
		if f.short != "" && n%3 != 0 {
			short = f.short + " «" + name + "»"
		}
		e := subjecttest.ValidLegalEntity(n, f.full+" «"+name+"»", short)
		e.ID, e.Version = uuid.MustParse(fmt.Sprintf("00000000-0000-7000-8000-%012d", 1000-n)), 1
		for _, repo := range repos {
			require.NoError(tb, repo.Create(ctx, e))
		}
		all = append(all, e)
	}
	return all
}

// FuzzLegalEntityFindByName searches the same entities in the memory
// adapter and in PostgreSQL by any text and any identifiers: both must
// find the same entities, and PostgreSQL must neither fail nor mistake
// the text for SQL or LIKE patterns.
func FuzzLegalEntityFindByName(f *testing.F) {
	mem := memory.NewLegalEntityRepository()
	pg := postgres.NewLegalEntityRepository(pgtest.NewPool(f))
	legalFixture(f, mem, pg)
	for _, seed := range []struct{ name, inn string }{
		{"ооо", ""}, {"ёлка", ""}, {"%", ""}, {"_", ""}, {`\`, ""}, {"'; DROP TABLE legal_entities; --", ""},
		{"вектор-м", ""}, {"\xff\xfe", ""}, {"дом", "\x00"}, {"", "7701000010"}, {"УК  южная", "\xff"},
	} {
		f.Add(seed.name, seed.inn)
	}
	f.Fuzz(func(t *testing.T, name, inn string) {
		q := subject.LegalEntityQuery{Name: name, INN: inn}.Normalize()
		want, err := mem.Find(t.Context(), q)
		require.NoError(t, err)
		got, err := pg.Find(t.Context(), q)
		require.NoError(t, err)
		require.Equal(t, legalIDsOf(want), legalIDsOf(got), "%+v", q)
	})
}

func legalIDsOf(es []subject.LegalEntity) []uuid.UUID {
	out := make([]uuid.UUID, 0, len(es))
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}
