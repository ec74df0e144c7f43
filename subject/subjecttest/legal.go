package subjecttest

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/subject"
)

// ValidLegalEntity returns a legal entity that passes
// subject.NormalizeLegalEntity unchanged, without an ID: its INN, KPP and
// OGRN are made from n (0 ≤ n < 100000) with correct check digits, so
// distinct n give distinct identifiers, and its bank details are those of
// Sberbank (BIK 044525225) with a settlement account valid for that BIK.
func ValidLegalEntity(n int, fullName, shortName string) subject.LegalEntity {
	inn := fmt.Sprintf("7701%05d", n%100000)
	inn += strconv.Itoa(innCheck(inn))
	ogrn := fmt.Sprintf("10277%07d", n)
	ogrn += strconv.Itoa(ogrnCheck(ogrn))
	return subject.LegalEntity{
		FullName:      fullName,
		ShortName:     shortName,
		INN:           inn,
		KPP:           inn[:4] + "01001",
		OGRN:          ogrn,
		LegalAddress:  subject.Address{Text: "117312, г. Москва, ул. Вавилова, д. 19"},
		PostalAddress: subject.Address{Object: uuid.MustParse("0c5b2444-70a0-4932-980c-b4dc0d3f02b5"), Text: "117312, г. Москва, ул. Вавилова, д. 19"},
		Bank: subject.BankDetails{
			BIK:                  "044525225",
			SettlementAccount:    "40702810638000000000",
			CorrespondentAccount: "30101810400000000225",
			Name:                 "ПАО Сбербанк",
		},
		Head:     subject.Head{Name: "Иванов Иван Иванович", Position: "Генеральный директор"},
		Contacts: []subject.Contact{{Channel: subject.ChannelPhone, Value: "+74957777777", Preferred: true}},
		OKTMO:    "45397000",
		OKPO:     "00032537",
		OKVED:    "68.32.1",
	}
}

// innCheck returns the check digit of the 9 digits of a legal entity's INN.
func innCheck(nine string) int {
	w := [9]int{2, 4, 10, 3, 5, 9, 4, 6, 8}
	sum := 0
	for i := range 9 {
		sum += int(nine[i]-'0') * w[i]
	}
	return sum % 11 % 10
}

// ogrnCheck returns the check digit of the 12 digits of an OGRN.
func ogrnCheck(twelve string) int {
	v, _ := strconv.ParseInt(twelve, 10, 64)
	return int(v % 11 % 10)
}

// legalID returns the UUID 00000000-0000-7000-8000-<n in 12 hex digits>.
func legalID(n int) uuid.UUID {
	var u uuid.UUID
	u[6], u[8] = 0x70, 0x80
	v := uint64(n)
	for i := 15; i >= 10; i-- {
		u[i] = byte(v)
		v >>= 8
	}
	return u
}

type legalSuite struct {
	newRepo func(t *testing.T) subject.LegalEntityRepository
}

// RunLegalEntityRepository runs the conformance suite of the
// subject.LegalEntityRepository port. An integrator who writes an adapter
// runs it from the adapter's own tests:
//
//	func TestLegalEntityRepository(t *testing.T) {
//		subjecttest.RunLegalEntityRepository(t, func(t *testing.T) subject.LegalEntityRepository {
//			return myadapter.New(...)
//		})
//	}
//
// Every subtest calls newRepo for a fresh, empty repository of its own and
// runs in parallel with the others, so newRepo must return independent
// repositories. The suite checks storage and reads, the Version, copies
// that share no memory, the refusal of duplicates by OGRN and by INN+KPP
// (on Create and on Update), the search by INN, KPP, OGRN and name with its
// order and pages, the register on top of the port, and concurrent use:
// concurrent creates with the same OGRN, of which exactly one succeeds, and
// concurrent updates, of which none is lost. Run it with -race.
func RunLegalEntityRepository(t *testing.T, newRepo func(t *testing.T) subject.LegalEntityRepository) {
	s := &legalSuite{newRepo: newRepo}
	for _, c := range []struct {
		name string
		run  func(t *testing.T)
	}{
		{"CreateGet", s.createGet},
		{"CreateExistingID", s.createExistingID},
		{"GetUnknown", s.getUnknown},
		{"DuplicateOGRN", s.duplicateOGRN},
		{"DuplicateINNKPP", s.duplicateINNKPP},
		{"SameINNOtherKPP", s.sameINNOtherKPP},
		{"Update", s.update},
		{"UpdateFails", s.updateFails},
		{"UpdateDuplicate", s.updateDuplicate},
		{"UpdateFreesIdentifiers", s.updateFreesIdentifiers},
		{"FindByIdentifiers", s.findByIdentifiers},
		{"FindByName", s.findByName},
		{"FindOrderAndPages", s.findPages},
		{"Register", s.register},
		{"ConcurrentCreates", s.concurrentCreates},
		{"ConcurrentUpdates", s.concurrentUpdates},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t)
		})
	}
}

// create stores a valid entity made from n with the ID legalID(n+1).
func (s *legalSuite) create(t *testing.T, repo subject.LegalEntityRepository, n int, full, short string) subject.LegalEntity {
	t.Helper()
	e := ValidLegalEntity(n, full, short)
	e.ID = legalID(n + 1)
	require.NoError(t, repo.Create(t.Context(), e))
	e.Version = 1
	return e
}

func (s *legalSuite) all(t *testing.T, repo subject.LegalEntityRepository) []subject.LegalEntity {
	t.Helper()
	es, err := repo.Find(t.Context(), subject.LegalEntityQuery{})
	require.NoError(t, err)
	return es
}

func legalNormTimes(es ...subject.LegalEntity) []subject.LegalEntity {
	out := make([]subject.LegalEntity, len(es))
	for i, e := range es {
		e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
		out[i] = e
	}
	return out
}

func (s *legalSuite) createGet(t *testing.T) {
	repo := s.newRepo(t)
	ctx := t.Context()
	e := ValidLegalEntity(1, "Общество с ограниченной ответственностью «Вектор»", "ООО «Вектор»")
	e.ID, e.Version = legalID(1), 7
	e.CreatedAt = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	e.UpdatedAt = e.CreatedAt
	require.NoError(t, repo.Create(ctx, e))
	e.Contacts[0].Note = "changed after Create" // the repository keeps its own copy

	got, err := repo.Get(ctx, e.ID)
	require.NoError(t, err)
	want := ValidLegalEntity(1, e.FullName, e.ShortName)
	want.ID, want.Version, want.CreatedAt, want.UpdatedAt = e.ID, 1, e.CreatedAt, e.UpdatedAt
	assert.Equal(t, legalNormTimes(want), legalNormTimes(got))

	got.Contacts[0].Value = "+70000000000" // and hands out copies
	again, err := repo.Get(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, "+74957777777", again.Contacts[0].Value)
}

func (s *legalSuite) createExistingID(t *testing.T) {
	repo := s.newRepo(t)
	first := s.create(t, repo, 1, "Акционерное общество «Альфа»", "АО «Альфа»")
	other := ValidLegalEntity(2, "Акционерное общество «Бета»", "АО «Бета»")
	other.ID = first.ID
	err := repo.Create(t.Context(), other)
	require.ErrorIs(t, err, subject.ErrConflict)
	assert.True(t, subject.HasCode(err, subject.CodeLegalExists), "%v", err)
	got, err := repo.Get(t.Context(), first.ID)
	require.NoError(t, err)
	assert.Equal(t, first.OGRN, got.OGRN)
}

func (s *legalSuite) getUnknown(t *testing.T) {
	repo := s.newRepo(t)
	_, err := repo.Get(t.Context(), legalID(42))
	require.ErrorIs(t, err, subject.ErrNotFound)
	assert.True(t, subject.HasCode(err, subject.CodeLegalNotFound), "%v", err)
	es := s.all(t, repo)
	assert.Empty(t, es)
}

func (s *legalSuite) duplicateOGRN(t *testing.T) {
	repo := s.newRepo(t)
	first := s.create(t, repo, 1, "Общество с ограниченной ответственностью «Вектор»", "ООО «Вектор»")
	dup := ValidLegalEntity(2, "Общество с ограниченной ответственностью «Другой»", "ООО «Другой»")
	dup.ID, dup.OGRN = legalID(100), first.OGRN
	err := repo.Create(t.Context(), dup)
	require.ErrorIs(t, err, subject.ErrConflict)
	var fe *subject.Error
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, subject.CodeLegalDuplicateOGRN, fe.Code)
	assert.Contains(t, fe.Message, first.ID.String())
	assert.Contains(t, fe.Message, "ООО «Вектор»")
	assert.Len(t, s.all(t, repo), 1, "nothing stored")
	_, err = repo.Get(t.Context(), dup.ID)
	assert.ErrorIs(t, err, subject.ErrNotFound)
}

func (s *legalSuite) duplicateINNKPP(t *testing.T) {
	repo := s.newRepo(t)
	first := s.create(t, repo, 1, "Общество с ограниченной ответственностью «Вектор»", "ООО «Вектор»")
	dup := ValidLegalEntity(2, "Общество с ограниченной ответственностью «Другой»", "ООО «Другой»")
	dup.ID, dup.INN, dup.KPP = legalID(100), first.INN, first.KPP
	err := repo.Create(t.Context(), dup)
	require.ErrorIs(t, err, subject.ErrConflict)
	var fe *subject.Error
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, subject.CodeLegalDuplicateINNKPP, fe.Code)
	assert.Contains(t, fe.Message, first.ID.String())
	assert.Contains(t, fe.Message, "ООО «Вектор»")
	assert.Len(t, s.all(t, repo), 1, "nothing stored")
}

func (s *legalSuite) sameINNOtherKPP(t *testing.T) {
	repo := s.newRepo(t)
	first := s.create(t, repo, 1, "Общество с ограниченной ответственностью «Вектор»", "ООО «Вектор»")
	second := ValidLegalEntity(2, "Общество с ограниченной ответственностью «Вымпел»", "ООО «Вымпел»")
	second.ID, second.INN, second.KPP = legalID(3), first.INN, first.INN[:4]+"02001"
	require.NoError(t, repo.Create(t.Context(), second))
	es, err := repo.Find(t.Context(), subject.LegalEntityQuery{INN: first.INN})
	require.NoError(t, err)
	require.Len(t, es, 2)
	assert.Equal(t, []uuid.UUID{first.ID, second.ID}, []uuid.UUID{es[0].ID, es[1].ID})
}

func (s *legalSuite) update(t *testing.T) {
	repo := s.newRepo(t)
	ctx := t.Context()
	e := s.create(t, repo, 1, "Общество с ограниченной ответственностью «Вектор»", "ООО «Вектор»")
	got, err := repo.Update(ctx, e.ID, func(x *subject.LegalEntity) error {
		assert.Equal(t, int64(1), x.Version)
		x.Head.Name = "Петров Петр Петрович"
		x.ID, x.Version = legalID(999), 99 // ignored
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, e.ID, got.ID)
	assert.Equal(t, int64(2), got.Version)
	assert.Equal(t, "Петров Петр Петрович", got.Head.Name)
	stored, err := repo.Get(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, legalNormTimes(got), legalNormTimes(stored))
	_, err = repo.Get(ctx, legalID(999))
	assert.ErrorIs(t, err, subject.ErrNotFound)
}

func (s *legalSuite) updateFails(t *testing.T) {
	repo := s.newRepo(t)
	ctx := t.Context()
	e := s.create(t, repo, 1, "Общество с ограниченной ответственностью «Вектор»", "ООО «Вектор»")
	boom := errors.New("boom")
	_, err := repo.Update(ctx, e.ID, func(x *subject.LegalEntity) error {
		x.ShortName = "ООО «Сломано»"
		return boom
	})
	require.ErrorIs(t, err, boom)
	got, err := repo.Get(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, "ООО «Вектор»", got.ShortName)
	assert.Equal(t, int64(1), got.Version)

	called := false
	_, err = repo.Update(ctx, legalID(500), func(*subject.LegalEntity) error { called = true; return nil })
	require.ErrorIs(t, err, subject.ErrNotFound)
	assert.False(t, called)
}

func (s *legalSuite) updateDuplicate(t *testing.T) {
	repo := s.newRepo(t)
	ctx := t.Context()
	a := s.create(t, repo, 1, "Общество с ограниченной ответственностью «Альфа»", "ООО «Альфа»")
	b := s.create(t, repo, 2, "Общество с ограниченной ответственностью «Бета»", "ООО «Бета»")
	_, err := repo.Update(ctx, b.ID, func(x *subject.LegalEntity) error { x.OGRN = a.OGRN; return nil })
	require.ErrorIs(t, err, subject.ErrConflict)
	assert.True(t, subject.HasCode(err, subject.CodeLegalDuplicateOGRN), "%v", err)
	assert.Contains(t, err.Error(), a.ID.String())
	_, err = repo.Update(ctx, b.ID, func(x *subject.LegalEntity) error { x.INN, x.KPP = a.INN, a.KPP; return nil })
	require.ErrorIs(t, err, subject.ErrConflict)
	assert.True(t, subject.HasCode(err, subject.CodeLegalDuplicateINNKPP), "%v", err)
	got, err := repo.Get(ctx, b.ID)
	require.NoError(t, err)
	assert.Equal(t, legalNormTimes(b), legalNormTimes(got), "unchanged")
	// A record may keep its own identifiers.
	_, err = repo.Update(ctx, b.ID, func(x *subject.LegalEntity) error { x.OKVED = "68.32"; return nil })
	require.NoError(t, err)
}

func (s *legalSuite) updateFreesIdentifiers(t *testing.T) {
	repo := s.newRepo(t)
	ctx := t.Context()
	a := s.create(t, repo, 1, "Общество с ограниченной ответственностью «Альфа»", "ООО «Альфа»")
	moved := ValidLegalEntity(7, "", "")
	_, err := repo.Update(ctx, a.ID, func(x *subject.LegalEntity) error {
		x.INN, x.KPP, x.OGRN = moved.INN, moved.KPP, moved.OGRN
		return nil
	})
	require.NoError(t, err)
	for _, q := range []subject.LegalEntityQuery{{OGRN: a.OGRN}, {INN: a.INN}, {INN: a.INN, KPP: a.KPP}} {
		es, err := repo.Find(ctx, q)
		require.NoError(t, err)
		assert.Empty(t, es, "%+v", q)
	}
	for _, q := range []subject.LegalEntityQuery{{OGRN: moved.OGRN}, {INN: moved.INN}, {INN: moved.INN, KPP: moved.KPP}} {
		es, err := repo.Find(ctx, q)
		require.NoError(t, err)
		require.Len(t, es, 1, "%+v", q)
		assert.Equal(t, a.ID, es[0].ID)
	}
	// The old identifiers are free for another record.
	reuse := ValidLegalEntity(1, "Общество с ограниченной ответственностью «Новая»", "ООО «Новая»")
	reuse.ID = legalID(50)
	require.NoError(t, repo.Create(ctx, reuse))
}

func (s *legalSuite) findByIdentifiers(t *testing.T) {
	repo := s.newRepo(t)
	ctx := t.Context()
	a := s.create(t, repo, 1, "Общество с ограниченной ответственностью «Альфа»", "ООО «Альфа»")
	b := s.create(t, repo, 2, "Общество с ограниченной ответственностью «Бета»", "ООО «Бета»")
	for _, c := range []struct {
		q    subject.LegalEntityQuery
		want []uuid.UUID
	}{
		{subject.LegalEntityQuery{INN: a.INN}, []uuid.UUID{a.ID}},
		{subject.LegalEntityQuery{OGRN: b.OGRN}, []uuid.UUID{b.ID}},
		{subject.LegalEntityQuery{INN: b.INN, KPP: b.KPP}, []uuid.UUID{b.ID}},
		{subject.LegalEntityQuery{KPP: a.KPP}, []uuid.UUID{a.ID, b.ID}},
		{subject.LegalEntityQuery{INN: a.INN, KPP: "770101002"}, nil},
		{subject.LegalEntityQuery{INN: a.INN, OGRN: b.OGRN}, nil},
		{subject.LegalEntityQuery{OGRN: a.OGRN, Name: "бета"}, nil},
		{subject.LegalEntityQuery{INN: "7707083893"}, nil},
		{subject.LegalEntityQuery{OGRN: "1027700132195"}, nil},
	} {
		es, err := repo.Find(ctx, c.q)
		require.NoError(t, err)
		assert.Equal(t, c.want, legalIDs(es), "%+v", c.q)
	}
}

func legalIDs(es []subject.LegalEntity) []uuid.UUID {
	var out []uuid.UUID
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func (s *legalSuite) findByName(t *testing.T) {
	repo := s.newRepo(t)
	ctx := t.Context()
	sber := s.create(t, repo, 1, "Публичное акционерное общество «Сбербанк России»", "ПАО Сбербанк")
	elka := s.create(t, repo, 2, "Общество с ограниченной ответственностью «Ёлка»", "ООО «Ёлка»")
	uk := s.create(t, repo, 3, "Общество с ограниченной ответственностью «Управляющая компания Северная»", "ООО «УК Северная»")
	noShort := s.create(t, repo, 4, "Товарищество собственников жилья «Береговое»", "")
	for _, c := range []struct {
		name string
		want []uuid.UUID
	}{
		{"сбер", []uuid.UUID{sber.ID}},
		{"СБЕРБАНК", []uuid.UUID{sber.ID}},
		{"пао сбер", []uuid.UUID{sber.ID}},
		{"публичное", []uuid.UUID{sber.ID}},
		{"россии сбербанк", []uuid.UUID{sber.ID}},
		{"елка", []uuid.UUID{elka.ID}},
		{"ЁЛ", []uuid.UUID{elka.ID}},
		{"«ёлка»", []uuid.UUID{elka.ID}},
		{"управляющая северная", []uuid.UUID{uk.ID}},
		{"ук", []uuid.UUID{uk.ID}},
		{"берег", []uuid.UUID{noShort.ID}},
		{"ооо", []uuid.UUID{elka.ID, uk.ID}},
		{"общество", []uuid.UUID{elka.ID, uk.ID, sber.ID}},
		{"банк", nil},
		{"сбербанкк", nil},
		{"ооо сбер", nil},
	} {
		es, err := repo.Find(ctx, subject.LegalEntityQuery{Name: c.name})
		require.NoError(t, err)
		assert.Equal(t, c.want, legalIDs(es), "%q", c.name)
	}
}

func (s *legalSuite) findPages(t *testing.T) {
	repo := s.newRepo(t)
	ctx := t.Context()
	// Created out of order; two share a name, so the ID breaks the tie.
	names := []string{"ООО «Ромашка»", "АО «Альфа»", "ООО «Ромашка»", "ао «бета»", "ЗАО «Ёж»", "АО «Ежевика»"}
	var created []subject.LegalEntity
	for i, n := range names {
		created = append(created, s.create(t, repo, 10+i, "Организация "+n, n))
	}
	want := []uuid.UUID{created[1].ID, created[3].ID, created[5].ID, created[4].ID, created[0].ID, created[2].ID}
	all := s.all(t, repo)
	assert.Equal(t, want, legalIDs(all))
	assert.True(t, slices.IsSortedFunc(all, subject.CompareLegalEntities))

	var paged []uuid.UUID
	for off := 0; off < 8; off += 4 {
		es, err := repo.Find(ctx, subject.LegalEntityQuery{Offset: off, Limit: 4})
		require.NoError(t, err)
		assert.LessOrEqual(t, len(es), 4)
		paged = append(paged, legalIDs(es)...)
	}
	assert.Equal(t, want, paged)
	es, err := repo.Find(ctx, subject.LegalEntityQuery{Offset: 100})
	require.NoError(t, err)
	assert.Empty(t, es)
	es, err = repo.Find(ctx, subject.LegalEntityQuery{Name: "ромашка", Offset: 1, Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{created[2].ID}, legalIDs(es))
}

func (s *legalSuite) register(t *testing.T) {
	repo := s.newRepo(t)
	ctx := t.Context()
	var n atomic.Int64
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	reg := subject.NewLegalEntityRegister(repo,
		func() time.Time { return now },
		func() (uuid.UUID, error) { return legalID(int(n.Add(1))), nil })

	in := ValidLegalEntity(1, "  Общество   с ограниченной ответственностью «Вектор» ", "ООО «Вектор»")
	in.INN, in.OGRN = " "+in.INN+" ", in.OGRN+"\t"
	in.Contacts = []subject.Contact{{Channel: subject.ChannelPhone, Value: "8 (495) 777-77-77"}}
	e, err := reg.Register(ctx, in)
	require.NoError(t, err)
	assert.Equal(t, legalID(1), e.ID)
	assert.Equal(t, int64(1), e.Version)
	assert.Equal(t, "Общество с ограниченной ответственностью «Вектор»", e.FullName)
	assert.Equal(t, "+74957777777", e.Contacts[0].Value)
	assert.True(t, now.Equal(e.CreatedAt))
	got, err := reg.Get(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, legalNormTimes(e), legalNormTimes(got))

	es, err := reg.Find(ctx, subject.LegalEntityQuery{INN: " " + e.INN})
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{e.ID}, legalIDs(es))

	dup := ValidLegalEntity(2, "Общество с ограниченной ответственностью «Копия»", "ООО «Копия»")
	dup.OGRN = e.OGRN
	_, err = reg.Register(ctx, dup)
	require.ErrorIs(t, err, subject.ErrConflict)
	assert.True(t, subject.HasCode(err, subject.CodeLegalDuplicateOGRN))

	bad := ValidLegalEntity(3, "", "")
	bad.Bank.SettlementAccount = "40702810638000000001"
	_, err = reg.Register(ctx, bad)
	require.ErrorIs(t, err, subject.ErrInvalid)
	assert.Len(t, s.all(t, repo), 1)

	now = now.Add(time.Hour)
	up, err := reg.Update(ctx, e.ID, func(x *subject.LegalEntity) error {
		x.OKVED = " 68.32.11 "
		x.CreatedAt = time.Time{} // restored
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, "68.32.11", up.OKVED)
	assert.Equal(t, int64(2), up.Version)
	assert.True(t, e.CreatedAt.Equal(up.CreatedAt))
	assert.True(t, now.Equal(up.UpdatedAt))
	_, err = reg.Update(ctx, e.ID, func(x *subject.LegalEntity) error { x.KPP = "12"; return nil })
	require.ErrorIs(t, err, subject.ErrInvalid)
}

func (s *legalSuite) concurrentCreates(t *testing.T) {
	repo := s.newRepo(t)
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			e := ValidLegalEntity(100+i, "Общество с ограниченной ответственностью «Гонка»", "ООО «Гонка»")
			e.ID = legalID(1000 + i)
			e.OGRN = ValidLegalEntity(1, "", "").OGRN // the same for all
			errs[i] = repo.Create(t.Context(), e)
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
			continue
		}
		assert.ErrorIs(t, err, subject.ErrConflict)
		assert.True(t, subject.HasCode(err, subject.CodeLegalDuplicateOGRN), "%v", err)
	}
	assert.Equal(t, 1, ok, "exactly one create succeeds")
	assert.Len(t, s.all(t, repo), 1)
}

func (s *legalSuite) concurrentUpdates(t *testing.T) {
	repo := s.newRepo(t)
	e := s.create(t, repo, 1, "Общество с ограниченной ответственностью «Вектор»", "ООО «Вектор»")
	const n = 16
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, err := repo.Update(t.Context(), e.ID, func(x *subject.LegalEntity) error {
				x.Contacts = append(x.Contacts, subject.Contact{Channel: subject.ChannelEmail,
					Value: fmt.Sprintf("user%d@example.ru", i)})
				return nil
			})
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	got, err := repo.Get(t.Context(), e.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(1+n), got.Version)
	assert.Len(t, got.Contacts, 1+n, "no update is lost")
	for i := range n {
		assert.True(t, slices.ContainsFunc(got.Contacts, func(c subject.Contact) bool {
			return c.Value == fmt.Sprintf("user%d@example.ru", i)
		}), "user%d", i)
	}
}
