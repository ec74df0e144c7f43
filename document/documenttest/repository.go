package documenttest

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/internal/conformance"
)

// RunRepository runs the conformance suite of the document.Repository
// port. An adapter runs it from its own tests:
//
//	func TestDocumentRepository(t *testing.T) {
//		documenttest.RunRepository(t, func(t *testing.T) document.Repository {
//			return myadapter.New(...)
//		})
//	}
//
// Every subtest calls newRepo for a fresh, empty repository of its own and
// runs in parallel with the others. The suite checks storage and reads,
// the version bump and atomicity of Update, the errors and their codes
// (document.CodeDocumentNotFound, document.CodeDocumentExists), that
// results do not alias the stored state, the order, filters and paging of
// List, and concurrent use: concurrent Updates of one document lose no
// update, concurrent creates of distinct documents all succeed and of one
// ID exactly one succeeds. Times are compared with time.Time.Equal at
// microsecond precision, in UTC. Run it with -race.
func RunRepository(t *testing.T, newRepo func(t *testing.T) document.Repository) {
	conformance.Run(t, newRepo, []conformance.Case[document.Repository]{
		{Name: "CreateAndGet", Run: repoCreateAndGet},
		{Name: "CreateDuplicate", Run: repoCreateDuplicate},
		{Name: "GetUnknown", Run: repoGetUnknown},
		{Name: "Update", Run: repoUpdate},
		{Name: "UpdateFails", Run: repoUpdateFails},
		{Name: "UpdateUnknown", Run: repoUpdateUnknown},
		{Name: "NoAliasing", Run: repoNoAliasing},
		{Name: "List", Run: repoList},
		{Name: "ListPaging", Run: repoListPaging},
		{Name: "Registry", Run: repoRegistry},
		{Name: "ConcurrentUpdates", Run: repoConcurrentUpdates},
		{Name: "ConcurrentCreates", Run: repoConcurrentCreates},
	})
}

var (
	t0      = time.Date(2026, 3, 1, 9, 30, 0, 123456000, time.UTC)
	userA   = uuid.MustParse("0195f3a0-0000-7000-8000-00000000000a")
	userB   = uuid.MustParse("0195f3a0-0000-7000-8000-00000000000b")
	person1 = uuid.MustParse("0195f3a0-0000-7000-8000-000000000101")
	person2 = uuid.MustParse("0195f3a0-0000-7000-8000-000000000102")
	unknown = uuid.MustParse("ffffffff-ffff-7fff-bfff-ffffffffffff")
	hashOne = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	errTest = errors.New("documenttest: the function failed on purpose")
)

// sample returns a document with every field set.
func sample(n uint64) document.Document {
	return document.Document{
		ID:        ID(n),
		Type:      "passport_rf",
		Values:    document.Values{"series": "65 04", "number": "123456", "issued": "2015-03-01"},
		Subjects:  []uuid.UUID{person1, person2},
		Scans:     []document.ScanInfo{{Hash: hashOne, Size: 1234, MediaType: document.MediaPDF, Pages: 2}},
		CreatedBy: userA, CreatedAt: t0,
		UpdatedBy: userA, UpdatedAt: t0,
		Version: 1,
	}
}

// norm makes documents comparable across adapters: times in UTC, empty
// collections nil.
func norm(d document.Document) document.Document {
	d = d.Clone()
	for _, p := range []*time.Time{&d.CreatedAt, &d.UpdatedAt, &d.RetiredAt} {
		if !p.IsZero() {
			*p = p.UTC().Truncate(time.Microsecond)
		}
	}
	if len(d.Values) == 0 {
		d.Values = nil
	}
	if len(d.Subjects) == 0 {
		d.Subjects = nil
	}
	if len(d.Scans) == 0 {
		d.Scans = nil
	}
	return d
}

func get(t *testing.T, repo document.Repository, id uuid.UUID) document.Document {
	t.Helper()
	d, err := repo.Get(t.Context(), id)
	require.NoError(t, err, "Get %s", id)
	return norm(d)
}

func create(t *testing.T, repo document.Repository, d document.Document) document.Document {
	t.Helper()
	require.NoError(t, repo.Create(t.Context(), d), "Create %s", d.ID)
	d.Version = 1
	return norm(d)
}

func ids(ds []document.Document) []uuid.UUID {
	out := make([]uuid.UUID, len(ds))
	for i, d := range ds {
		out[i] = d.ID
	}
	return out
}

func repoCreateAndGet(t *testing.T, repo document.Repository) {
	want := create(t, repo, sample(1))
	require.Equal(t, want, get(t, repo, want.ID))

	bare := document.Document{ID: ID(2), Type: "snils", Version: 7}
	require.NoError(t, repo.Create(t.Context(), bare))
	bare.Version = 1
	require.Equal(t, bare, get(t, repo, bare.ID), "a bare document, with Version 1 whatever it was given")

	retired := sample(3)
	retired.RetiredBy, retired.RetiredAt = userB, t0.Add(time.Hour)
	require.Equal(t, create(t, repo, retired), get(t, repo, retired.ID), "a retired document")
	require.Equal(t, want, get(t, repo, want.ID), "creating others changed the first")
}

func repoCreateDuplicate(t *testing.T, repo document.Repository) {
	want := create(t, repo, sample(1))
	dup := sample(1)
	dup.Type, dup.Values = "snils", document.Values{"number": "112-233-445 95"}
	err := repo.Create(t.Context(), dup)
	require.ErrorIs(t, err, document.ErrConflict)
	require.True(t, document.HasCode(err, document.CodeDocumentExists), "code of %v", err)
	require.Equal(t, want, get(t, repo, want.ID), "a refused duplicate changed the stored document")
}

func repoGetUnknown(t *testing.T, repo document.Repository) {
	_, err := repo.Get(t.Context(), unknown)
	require.ErrorIs(t, err, document.ErrNotFound, "empty repository")
	require.True(t, document.HasCode(err, document.CodeDocumentNotFound), "code of %v", err)
	create(t, repo, sample(1))
	_, err = repo.Get(t.Context(), unknown)
	require.ErrorIs(t, err, document.ErrNotFound)
	require.True(t, document.HasCode(err, document.CodeDocumentNotFound), "code of %v", err)
	_, err = repo.Get(t.Context(), uuid.Nil)
	require.ErrorIs(t, err, document.ErrNotFound, "the nil ID")
	require.True(t, document.HasCode(err, document.CodeDocumentNotFound), "code of %v", err)
}

func repoUpdate(t *testing.T, repo document.Repository) {
	want := create(t, repo, sample(1))
	other := create(t, repo, sample(2))
	got, err := repo.Update(t.Context(), want.ID, func(d *document.Document) error {
		require.Equal(t, want, norm(*d), "fn sees the stored document")
		d.Values["number"] = "654321"
		d.Subjects = d.Subjects[:1]
		d.UpdatedBy, d.UpdatedAt = userB, t0.Add(time.Minute)
		d.ID, d.Version = unknown, 100 // ignored
		return nil
	})
	require.NoError(t, err)
	want.Values["number"] = "654321"
	want.Subjects = want.Subjects[:1]
	want.UpdatedBy, want.UpdatedAt = userB, t0.Add(time.Minute)
	want.Version = 2
	require.Equal(t, want, norm(got), "Update returns the stored document")
	require.Equal(t, want, get(t, repo, want.ID))
	require.Equal(t, other, get(t, repo, other.ID), "another document changed")
	_, err = repo.Get(t.Context(), unknown)
	require.ErrorIs(t, err, document.ErrNotFound, "fn moved the document to another ID")
	require.True(t, document.HasCode(err, document.CodeDocumentNotFound), "code of %v", err)

	got, err = repo.Update(t.Context(), want.ID, func(*document.Document) error { return nil })
	require.NoError(t, err)
	require.Equal(t, int64(3), got.Version, "even an Update that changes nothing bumps the version")
}

func repoUpdateFails(t *testing.T, repo document.Repository) {
	want := create(t, repo, sample(1))
	_, err := repo.Update(t.Context(), want.ID, func(d *document.Document) error {
		d.Values["number"] = "000000"
		d.Type = "snils"
		return fmt.Errorf("wrapped: %w", errTest)
	})
	require.ErrorIs(t, err, errTest, "the error of fn is returned")
	require.Equal(t, want, get(t, repo, want.ID), "a failed Update left changes behind")

	verr := document.ValidationError{Violations: []document.Violation{{Field: "type", Code: "x", Message: "Ошибка"}}}
	_, err = repo.Update(t.Context(), want.ID, func(*document.Document) error { return &verr })
	var ve *document.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, want, get(t, repo, want.ID))
}

func repoUpdateUnknown(t *testing.T, repo document.Repository) {
	called := false
	_, err := repo.Update(t.Context(), unknown, func(*document.Document) error { called = true; return nil })
	require.ErrorIs(t, err, document.ErrNotFound)
	require.True(t, document.HasCode(err, document.CodeDocumentNotFound), "code of %v", err)
	require.False(t, called, "fn was called for a missing document")
}

func repoNoAliasing(t *testing.T, repo document.Repository) {
	in := sample(1)
	want := create(t, repo, in)
	in.Values["series"], in.Subjects[0], in.Scans[0].Pages = "changed", unknown, 99
	require.Equal(t, want, get(t, repo, want.ID), "changing the input of Create changed the stored document")

	got, err := repo.Get(t.Context(), want.ID)
	require.NoError(t, err)
	got.Values["series"], got.Subjects[0], got.Scans[0].Pages = "changed", unknown, 99
	require.Equal(t, want, get(t, repo, want.ID), "changing the result of Get changed the stored document")

	var kept document.Values
	upd, err := repo.Update(t.Context(), want.ID, func(d *document.Document) error {
		kept = d.Values
		return nil
	})
	require.NoError(t, err)
	want.Version = 2
	kept["series"] = "changed"
	upd.Values["number"], upd.Subjects[1] = "changed", unknown
	require.Equal(t, want, get(t, repo, want.ID), "changing what fn saw, or the result of Update, changed the stored document")

	list, err := repo.List(t.Context(), document.Query{})
	require.NoError(t, err)
	require.Len(t, list, 1)
	list[0].Values["series"] = "changed"
	require.Equal(t, want, get(t, repo, want.ID), "changing the result of List changed the stored document")
}

// listFixture stores documents of two types and subjects, created out of
// ID order, one of them retired.
func listFixture(t *testing.T, repo document.Repository) {
	t.Helper()
	for _, n := range []uint64{5, 1, 4, 2, 3, 6} {
		d := sample(n)
		switch n {
		case 1, 2:
			d.Subjects = []uuid.UUID{person1}
		case 3:
			d.Subjects = []uuid.UUID{person2}
			d.Type = "snils"
		case 4:
			d.Subjects = []uuid.UUID{person1, person2}
			d.Type = "snils"
		case 5:
			d.Subjects = nil
		case 6:
			d.Subjects = []uuid.UUID{person1}
			d.RetiredBy, d.RetiredAt = userB, t0
		}
		create(t, repo, d)
	}
}

func repoList(t *testing.T, repo document.Repository) {
	empty, err := repo.List(t.Context(), document.Query{})
	require.NoError(t, err)
	require.Empty(t, empty, "an empty repository")
	listFixture(t, repo)
	for _, tc := range []struct {
		name string
		q    document.Query
		want []uint64
	}{
		{"All", document.Query{}, []uint64{1, 2, 3, 4, 5}},
		{"AllWithRetired", document.Query{IncludeRetired: true}, []uint64{1, 2, 3, 4, 5, 6}},
		{"BySubject", document.Query{Subject: person1}, []uint64{1, 2, 4}},
		{"BySubjectWithRetired", document.Query{Subject: person1, IncludeRetired: true}, []uint64{1, 2, 4, 6}},
		{"ByType", document.Query{Type: "snils"}, []uint64{3, 4}},
		{"BySubjectAndType", document.Query{Subject: person2, Type: "passport_rf"}, nil},
		{"BySubjectAndType2", document.Query{Subject: person2, Type: "snils"}, []uint64{3, 4}},
		{"UnknownSubject", document.Query{Subject: unknown}, nil},
		{"UnknownType", document.Query{Type: "unknown"}, nil},
		{"Limit", document.Query{Limit: 2}, []uint64{1, 2}},
		{"After", document.Query{After: ID(2)}, []uint64{3, 4, 5}},
		{"AfterUnstored", document.Query{After: ID(2), Subject: person1, Limit: 1}, []uint64{4}},
		{"AfterLast", document.Query{After: ID(5)}, nil},
		{"AfterNotStored", document.Query{After: unknown}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := repo.List(t.Context(), tc.q)
			require.NoError(t, err)
			var want []uuid.UUID
			for _, n := range tc.want {
				want = append(want, ID(n))
			}
			require.Equal(t, want, nilIfEmpty(ids(got)), "List(%+v)", tc.q)
			for _, d := range got {
				require.Equal(t, get(t, repo, d.ID), norm(d), "List returns whole documents")
			}
		})
	}
}

func nilIfEmpty(s []uuid.UUID) []uuid.UUID {
	if len(s) == 0 {
		return nil
	}
	return s
}

func repoListPaging(t *testing.T, repo document.Repository) {
	const n = 23
	for i := n; i >= 1; i-- {
		d := sample(uint64(i) * 3)
		d.Values = document.Values{"i": strconv.Itoa(i)}
		create(t, repo, d)
	}
	var seen []uuid.UUID
	after := uuid.Nil
	for pages := 0; ; pages++ {
		require.Less(t, pages, n, "paging does not end")
		page, err := repo.List(t.Context(), document.Query{Subject: person1, After: after, Limit: 5})
		require.NoError(t, err)
		require.LessOrEqual(t, len(page), 5)
		if len(page) == 0 {
			break
		}
		seen = append(seen, ids(page)...)
		after = page[len(page)-1].ID
	}
	var want []uuid.UUID
	for i := 1; i <= n; i++ {
		want = append(want, ID(uint64(i)*3))
	}
	require.Equal(t, want, seen, "the pages, in order, hold every document once")
}

// repoRegistry drives the repository through document.Registry, as the
// library does.
func repoRegistry(t *testing.T, repo document.Repository) {
	ctx := t.Context()
	types := func(code string) (document.Validator, bool) {
		if code != "passport_rf" {
			return nil, false
		}
		return document.ValidatorFunc(func(v document.Values) error {
			if v["number"] == "" {
				return &document.ValidationError{Violations: []document.Violation{{Field: "number", Code: "document.required", Message: "Не заполнено поле «Номер»"}}}
			}
			return nil
		}), true
	}
	reg := document.NewRegistry(repo, types, Clock(t0, time.Second), SequentialIDs())
	in := sample(0)
	in.ID, in.Version = uuid.Nil, 0
	d, err := reg.Create(ctx, userA, in)
	require.NoError(t, err)
	require.Equal(t, ID(1), d.ID)
	require.Equal(t, d.Clone(), get(t, repo, d.ID))

	d, err = reg.Update(ctx, userB, d.ID, func(d *document.Document) error {
		d.Values["number"] = "111111"
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, int64(2), d.Version)
	require.Equal(t, userB, d.UpdatedBy)
	require.True(t, d.UpdatedAt.Equal(t0.Add(time.Second)))
	require.Equal(t, norm(d), get(t, repo, d.ID))

	_, err = reg.Update(ctx, userB, d.ID, func(d *document.Document) error {
		delete(d.Values, "number")
		return nil
	})
	require.ErrorIs(t, err, document.ErrInvalid)
	require.True(t, document.HasCode(err, "document.required"))
	require.Equal(t, norm(d), get(t, repo, d.ID), "an invalid update was stored")

	d, err = reg.Retire(ctx, userA, d.ID)
	require.NoError(t, err)
	require.True(t, d.Retired())
	require.Equal(t, norm(d), get(t, repo, d.ID))
	list, err := reg.List(ctx, document.Query{})
	require.NoError(t, err)
	require.Empty(t, list, "a retired document is listed")
}

func repoConcurrentUpdates(t *testing.T, repo document.Repository) {
	const workers, each = 8, 25
	d := sample(1)
	d.Values = document.Values{"count": "0"}
	create(t, repo, d)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				_, err := repo.Update(t.Context(), d.ID, func(d *document.Document) error {
					n, err := strconv.Atoi(d.Values["count"])
					if err != nil {
						return err
					}
					d.Values["count"] = strconv.Itoa(n + 1)
					d.Values[fmt.Sprintf("w%d", w)] = strconv.Itoa(i)
					return nil
				})
				if !assert.NoError(t, err) {
					return
				}
			}
		})
		wg.Go(func() {
			for range each {
				_, err := repo.Get(t.Context(), d.ID)
				assert.NoError(t, err)
				_, err = repo.List(t.Context(), document.Query{Subject: person1})
				assert.NoError(t, err)
			}
		})
	}
	wg.Wait()
	got := get(t, repo, d.ID)
	require.Equal(t, strconv.Itoa(workers*each), got.Values["count"], "updates were lost")
	require.Equal(t, int64(1+workers*each), got.Version)
	for w := range workers {
		require.Equal(t, strconv.Itoa(each-1), got.Values[fmt.Sprintf("w%d", w)])
	}
}

func repoConcurrentCreates(t *testing.T, repo document.Repository) {
	const workers, each = 8, 20
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				assert.NoError(t, repo.Create(t.Context(), sample(uint64(1+w*each+i))))
			}
		})
	}
	wg.Wait()
	all, err := repo.List(t.Context(), document.Query{})
	require.NoError(t, err)
	require.Len(t, all, workers*each)
	for i, d := range all {
		require.Equal(t, ID(uint64(i+1)), d.ID, "List is out of order or misses documents")
	}

	var won sync.WaitGroup
	results := make(chan error, workers)
	for w := range workers {
		won.Go(func() {
			d := sample(1000)
			d.Values = document.Values{"w": strconv.Itoa(w)}
			results <- repo.Create(t.Context(), d)
		})
	}
	won.Wait()
	close(results)
	ok := 0
	for err := range results {
		if err == nil {
			ok++
			continue
		}
		require.ErrorIs(t, err, document.ErrConflict)
		require.True(t, document.HasCode(err, document.CodeDocumentExists), "code of %v", err)
	}
	require.Equal(t, 1, ok, "creates of one ID: exactly one must succeed")
}
