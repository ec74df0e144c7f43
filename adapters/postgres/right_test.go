package postgres_test

import (
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/subject"
	"github.com/openzhkh/zhkh/subject/subjecttest"
)

func TestRightRepository(t *testing.T) {
	t.Parallel()
	subjecttest.RunRightRepository(t, func(t *testing.T) subject.RightRepository {
		return postgres.NewRightRepository(pgtest.NewPool(t))
	})
}

func mustShare(t *testing.T, s string) subject.Share {
	t.Helper()
	sh, err := subject.ParseShare(s)
	require.NoError(t, err)
	return sh
}

// TestRightRepositoryStoresSharesExactly checks the stored form of
// shares: the numerator and denominator as registered, and the notation.
func TestRightRepositoryStoresSharesExactly(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	pool := pgtest.NewPool(t)
	repo := postgres.NewRightRepository(pool)
	right := subject.Right{
		ID: uuid.MustParse("00000000-0000-4000-8000-000000000001"), Premise: uuid.MustParse("00000000-0000-4000-8000-000000000100"),
		Kind: subject.RightShared, Registered: subject.Date{Year: 2020, Month: time.March, Day: 1},
		Owners: []subject.Owner{
			{Subject: uuid.MustParse("00000000-0000-4000-8000-000000000201"), Kind: subject.OwnerPerson, Share: mustShare(t, "1/3")},
			{Subject: uuid.MustParse("00000000-0000-4000-8000-000000000202"), Kind: subject.OwnerPerson, Share: mustShare(t, "0,25")},
			{Subject: uuid.MustParse("00000000-0000-4000-8000-000000000203"), Kind: subject.OwnerLegalEntity, Share: mustShare(t, "5/12")},
		},
	}
	require.NoError(t, repo.Add(ctx, right, nil))
	rows, err := pool.Query(ctx, `SELECT share_num, share_den, share_text FROM right_owners WHERE right_id = $1 ORDER BY position`, right.ID)
	require.NoError(t, err)
	type stored struct {
		Num, Den int64
		Text     string
	}
	var got []stored
	for rows.Next() {
		var s stored
		require.NoError(t, rows.Scan(&s.Num, &s.Den, &s.Text))
		got = append(got, s)
	}
	require.NoError(t, rows.Err())
	assert.Equal(t, []stored{{1, 3, "1/3"}, {25, 100, "0,25"}, {5, 12, "5/12"}}, got)

	back, err := repo.Get(ctx, right.ID)
	require.NoError(t, err)
	assert.Equal(t, "1", subject.SumShares(back.Owners[0].Share, back.Owners[1].Share, back.Owners[2].Share).RatString(),
		"1/3 + 0,25 + 5/12 is exactly 1")
}

// TestRightRepositoryRefusesImpossibleDates checks that a date that is
// not a calendar day is refused rather than moved to another day.
func TestRightRepositoryRefusesImpossibleDates(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	repo := postgres.NewRightRepository(pgtest.NewPool(t))
	owner := []subject.Owner{{Subject: uuid.MustParse("00000000-0000-4000-8000-000000000201"), Kind: subject.OwnerPerson}}
	premise := uuid.MustParse("00000000-0000-4000-8000-000000000100")
	bad := subject.Right{ID: uuid.MustParse("00000000-0000-4000-8000-000000000001"), Premise: premise,
		Kind: subject.RightSole, Registered: subject.Date{Year: 2021, Month: time.February, Day: 29}, Owners: owner}
	require.ErrorIs(t, repo.Add(ctx, bad, nil), subject.ErrInvalid)
	_, err := repo.Get(ctx, bad.ID)
	require.ErrorIs(t, err, subject.ErrNotFound)

	good := bad
	good.Registered = subject.Date{Year: 2020, Month: time.February, Day: 29}
	require.NoError(t, repo.Add(ctx, good, nil))
	require.ErrorIs(t, repo.Terminate(ctx, good.ID, subject.Date{Year: 2021, Month: time.February, Day: 29}), subject.ErrInvalid)
	got, err := repo.Get(ctx, good.ID)
	require.NoError(t, err)
	assert.Equal(t, good, got)
}

// TestRightRepositoryConcurrentTerminate ends one right from many
// goroutines at once: exactly one succeeds, the others are conflicts, and
// the first end date stays.
func TestRightRepositoryConcurrentTerminate(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	repo := postgres.NewRightRepository(pgtest.NewPool(t))
	right := subject.Right{ID: uuid.MustParse("00000000-0000-4000-8000-000000000001"),
		Premise: uuid.MustParse("00000000-0000-4000-8000-000000000100"), Kind: subject.RightSole,
		Registered: subject.Date{Year: 2020, Month: time.January, Day: 1},
		Owners:     []subject.Owner{{Subject: uuid.MustParse("00000000-0000-4000-8000-000000000201"), Kind: subject.OwnerPerson}}}
	require.NoError(t, repo.Add(ctx, right, nil))
	const n = 12
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			errs[i] = repo.Terminate(ctx, right.ID, subject.Date{Year: 2021, Month: time.January, Day: 1 + i})
		})
	}
	wg.Wait()
	ok := 0
	var day int
	for i, err := range errs {
		if err == nil {
			ok, day = ok+1, 1+i
			continue
		}
		assert.ErrorIs(t, err, subject.ErrConflict)
	}
	require.Equal(t, 1, ok, "exactly one Terminate succeeds")
	got, err := repo.Get(ctx, right.ID)
	require.NoError(t, err)
	assert.Equal(t, subject.Date{Year: 2021, Month: time.January, Day: day}, got.Ended)
}
