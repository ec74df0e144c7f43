package subjecttest

import (
	"errors"
	"math/big"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/internal/conformance"
	"github.com/openzhkh/zhkh/subject"
)

// RunRightRepository runs the conformance suite of the
// subject.RightRepository port. An integrator who writes an adapter runs
// it from the adapter's own tests:
//
//	func TestRightRepository(t *testing.T) {
//		subjecttest.RunRightRepository(t, func(t *testing.T) subject.RightRepository {
//			return myadapter.NewRights(...)
//		})
//	}
//
// Every subtest calls newRepo for a fresh, empty repository of its own and
// runs in parallel with the others, so newRepo must return independent
// repositories. The suite checks storage and reads, copies, the history
// kept by Terminate, the atomic check of Add, the rules that
// subject.RightRegister keeps through the port, and the race of many
// writers adding shares to one premise: at most the shares that fit are
// stored and their sum never exceeds 1. Run it with -race.
func RunRightRepository(t *testing.T, newRepo func(t *testing.T) subject.RightRepository) {
	conformance.Run(t, newRepo, []conformance.Case[subject.RightRepository]{
		{Name: "AddGet", Run: rightAddGet},
		{Name: "Duplicate", Run: rightDuplicate},
		{Name: "Copies", Run: rightCopies},
		{Name: "Check", Run: rightCheck},
		{Name: "Terminate", Run: rightTerminate},
		{Name: "RightsOf", Run: rightRightsOf},
		{Name: "RightsOfOwner", Run: rightRightsOfOwner},
		{Name: "Register", Run: rightRegister},
		{Name: "Race", Run: rightRace},
		{Name: "ParallelPremises", Run: rightParallelPremises},
	})
}

// rightID returns the UUID 00000000-0000-4000-8000-00000000XXXX for n.
func rightID(n uint64) uuid.UUID {
	var u uuid.UUID
	u[6], u[8] = 0x40, 0x80
	for i := 15; i >= 10; i-- {
		u[i] = byte(n)
		n >>= 8
	}
	return u
}

func rightDate(y int, m time.Month, d int) subject.Date {
	return subject.Date{Year: y, Month: m, Day: d}
}

func rightShare(t testing.TB, s string) subject.Share {
	t.Helper()
	sh, err := subject.ParseShare(s)
	require.NoError(t, err)
	return sh
}

func rightSole(id, premise, owner uuid.UUID, reg subject.Date) subject.Right {
	return subject.Right{
		ID: id, Premise: premise, Kind: subject.RightSole, Registered: reg,
		Number:         "77:01:0001001:1234-77/011/2020-1",
		Owners:         []subject.Owner{{Subject: owner, Kind: subject.OwnerPerson}},
		TitleDocuments: []uuid.UUID{rightID(9001)}, RegistrationDocuments: []uuid.UUID{rightID(9002)},
	}
}

func rightSharedOf(t testing.TB, id, premise, owner uuid.UUID, reg subject.Date, share string) subject.Right {
	return subject.Right{
		ID: id, Premise: premise, Kind: subject.RightShared, Registered: reg,
		Owners: []subject.Owner{{Subject: owner, Kind: subject.OwnerPerson, Share: rightShare(t, share)}},
	}
}

func rightIDs(rs []subject.Right) []uuid.UUID {
	out := make([]uuid.UUID, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func rightAddGet(t *testing.T, repo subject.RightRepository) {
	ctx := t.Context()
	r := subject.Right{
		ID: rightID(1), Premise: rightID(100), Kind: subject.RightShared,
		Number: "77:01:0001001:1234-77/011/2020-3", Registered: rightDate(2020, 3, 1),
		Owners: []subject.Owner{
			{Subject: rightID(200), Kind: subject.OwnerPerson, Share: rightShare(t, "25/100")},
			{Subject: rightID(201), Kind: subject.OwnerLegalEntity, Share: rightShare(t, "0,75")},
		},
		TitleDocuments:        []uuid.UUID{rightID(300), rightID(301)},
		RegistrationDocuments: []uuid.UUID{rightID(302)},
	}
	require.NoError(t, repo.Add(ctx, r, nil))
	got, err := repo.Get(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, r, got)
	assert.Equal(t, "25/100", got.Owners[0].Share.String(), "a share is kept as registered")
	assert.Equal(t, "0,75", got.Owners[1].Share.String())

	_, err = repo.Get(ctx, rightID(2))
	assert.ErrorIs(t, err, subject.ErrNotFound)
	assert.True(t, subject.HasCode(err, subject.CodeRightNotFound), "want code %s: %v", subject.CodeRightNotFound, err)
}

func rightDuplicate(t *testing.T, repo subject.RightRepository) {
	ctx := t.Context()
	r := rightSole(rightID(1), rightID(100), rightID(200), rightDate(2020, 1, 1))
	require.NoError(t, repo.Add(ctx, r, nil))
	other := rightSole(rightID(1), rightID(101), rightID(201), rightDate(2021, 1, 1))
	err := repo.Add(ctx, other, nil)
	assert.ErrorIs(t, err, subject.ErrConflict)
	assert.True(t, subject.HasCode(err, subject.CodeRightExists), "want code %s: %v", subject.CodeRightExists, err)
	got, err := repo.Get(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, r, got)
	rs, err := repo.RightsOf(ctx, rightID(101))
	require.NoError(t, err)
	assert.Empty(t, rs, "a refused right leaves nothing behind")
}

func rightCopies(t *testing.T, repo subject.RightRepository) {
	ctx := t.Context()
	r := rightSole(rightID(1), rightID(100), rightID(200), rightDate(2020, 1, 1))
	want := r.Clone()
	require.NoError(t, repo.Add(ctx, r, nil))
	r.Owners[0].Subject = rightID(999)
	r.TitleDocuments[0] = rightID(999)

	got, err := repo.Get(ctx, want.ID)
	require.NoError(t, err)
	require.Equal(t, want, got, "the repository keeps its own copy of what it was given")
	got.Owners[0].Subject = rightID(998)
	got.RegistrationDocuments[0] = rightID(998)

	rs, err := repo.RightsOf(ctx, want.Premise)
	require.NoError(t, err)
	require.Equal(t, []subject.Right{want}, rs, "callers get copies")
	rs[0].Owners[0].Subject = rightID(997)
	rs, err = repo.RightsOfOwner(ctx, rightID(200))
	require.NoError(t, err)
	require.Equal(t, []subject.Right{want}, rs)
}

func rightCheck(t *testing.T, repo subject.RightRepository) {
	ctx := t.Context()
	p, q := rightID(100), rightID(101)
	a := rightSharedOf(t, rightID(1), p, rightID(200), rightDate(2020, 1, 1), "1/2")
	b := rightSharedOf(t, rightID(2), q, rightID(201), rightDate(2020, 1, 1), "1/2")
	c := rightSharedOf(t, rightID(3), p, rightID(202), rightDate(2020, 1, 1), "1/4")
	require.NoError(t, repo.Add(ctx, a, nil))
	require.NoError(t, repo.Add(ctx, b, nil))
	require.NoError(t, repo.Add(ctx, c, nil))
	require.NoError(t, repo.Terminate(ctx, c.ID, rightDate(2021, 1, 1)))
	c.Ended = rightDate(2021, 1, 1)

	var seen []subject.Right
	d := rightSharedOf(t, rightID(4), p, rightID(203), rightDate(2022, 1, 1), "1/4")
	require.NoError(t, repo.Add(ctx, d, func(stored []subject.Right) error {
		seen = stored
		return nil
	}))
	assert.Equal(t, []subject.Right{a, c}, seen, "check sees every right of the premise, ended ones included, and no other")

	refused := errors.New("refused")
	e := rightSharedOf(t, rightID(5), p, rightID(204), rightDate(2022, 1, 1), "1/4")
	err := repo.Add(ctx, e, func([]subject.Right) error { return refused })
	assert.Same(t, refused, err, "the error of check is returned as it is")
	_, err = repo.Get(ctx, e.ID)
	assert.ErrorIs(t, err, subject.ErrNotFound, "a refused right is not stored")
	rs, err := repo.RightsOfOwner(ctx, rightID(204))
	require.NoError(t, err)
	assert.Empty(t, rs)
	rs, err = repo.RightsOf(ctx, p)
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{a.ID, c.ID, d.ID}, rightIDs(rs))
}

func rightTerminate(t *testing.T, repo subject.RightRepository) {
	ctx := t.Context()
	r := rightSole(rightID(1), rightID(100), rightID(200), rightDate(2020, 1, 1))
	require.NoError(t, repo.Add(ctx, r, nil))

	err := repo.Terminate(ctx, r.ID, rightDate(2019, 12, 31))
	assert.ErrorIs(t, err, subject.ErrInvalid)
	assert.True(t, subject.HasCode(err, subject.CodeRightEnded))
	err = repo.Terminate(ctx, r.ID, subject.Date{})
	assert.ErrorIs(t, err, subject.ErrInvalid)
	assert.True(t, subject.HasCode(err, subject.CodeRightEnded), "want code %s: %v", subject.CodeRightEnded, err)
	err = repo.Terminate(ctx, rightID(2), rightDate(2021, 1, 1))
	assert.ErrorIs(t, err, subject.ErrNotFound)
	assert.True(t, subject.HasCode(err, subject.CodeRightNotFound), "want code %s: %v", subject.CodeRightNotFound, err)

	require.NoError(t, repo.Terminate(ctx, r.ID, rightDate(2020, 1, 1)), "a right may end on the day it was registered")
	err = repo.Terminate(ctx, r.ID, rightDate(2022, 1, 1))
	assert.ErrorIs(t, err, subject.ErrConflict)
	assert.True(t, subject.HasCode(err, subject.CodeRightEndedAlready), "want code %s: %v", subject.CodeRightEndedAlready, err)
	err = repo.Terminate(ctx, r.ID, rightDate(2019, 1, 1))
	assert.ErrorIs(t, err, subject.ErrConflict, "an ended right is a conflict before its dates are checked")
	assert.True(t, subject.HasCode(err, subject.CodeRightEndedAlready))
	got, err := repo.Get(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, rightDate(2020, 1, 1), got.Ended, "the first end date stays")
	got.Ended = subject.Date{}
	assert.Equal(t, r, got, "Terminate changes nothing but the end date")
	rs, err := repo.RightsOf(ctx, r.Premise)
	require.NoError(t, err)
	assert.Len(t, rs, 1, "an ended right stays in the history")
}

func rightRightsOf(t *testing.T, repo subject.RightRepository) {
	ctx := t.Context()
	p := rightID(100)
	// Added out of order: the result is ordered by registration, then ID.
	r3 := rightSole(rightID(3), p, rightID(202), rightDate(2022, 5, 1))
	r1 := rightSole(rightID(1), p, rightID(200), rightDate(2010, 1, 1))
	r2 := rightSole(rightID(2), p, rightID(201), rightDate(2015, 1, 1))
	r0 := rightSole(rightID(9), p, rightID(201), rightDate(2015, 1, 1))
	for _, r := range []subject.Right{r3, r0, r1, r2} {
		require.NoError(t, repo.Add(ctx, r, nil))
	}
	rs, err := repo.RightsOf(ctx, p)
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{r1.ID, r2.ID, r0.ID, r3.ID}, rightIDs(rs))
	rs, err = repo.RightsOf(ctx, rightID(101))
	require.NoError(t, err)
	assert.Empty(t, rs, "an unknown premise has no rights")
}

func rightRightsOfOwner(t *testing.T, repo subject.RightRepository) {
	ctx := t.Context()
	owner := rightID(200)
	a := rightSole(rightID(1), rightID(100), owner, rightDate(2020, 1, 1))
	b := subject.Right{
		ID: rightID(2), Premise: rightID(101), Kind: subject.RightJoint, Registered: rightDate(2018, 1, 1),
		Owners: []subject.Owner{{Subject: rightID(201), Kind: subject.OwnerPerson}, {Subject: owner, Kind: subject.OwnerPerson}},
	}
	c := rightSole(rightID(3), rightID(102), rightID(202), rightDate(2019, 1, 1))
	for _, r := range []subject.Right{a, b, c} {
		require.NoError(t, repo.Add(ctx, r, nil))
	}
	require.NoError(t, repo.Terminate(ctx, b.ID, rightDate(2019, 6, 1)))
	rs, err := repo.RightsOfOwner(ctx, owner)
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{b.ID, a.ID}, rightIDs(rs), "ended rights are part of an owner's history")
	rs, err = repo.RightsOfOwner(ctx, rightID(999))
	require.NoError(t, err)
	assert.Empty(t, rs)
}

func rightRegister(t *testing.T, repo subject.RightRepository) {
	ctx := t.Context()
	var n atomic.Uint64
	n.Store(1000)
	reg := subject.NewRightRegister(repo,
		func() subject.Date { return rightDate(2024, 1, 1) },
		func() (uuid.UUID, error) { return rightID(n.Add(1)), nil })
	p := rightID(100)

	// A sole owner sells the flat to two buyers in shares 1/2 and 1/3; the
	// third buyer registers later.
	seller, err := reg.Add(ctx, subject.Right{Premise: p, Kind: subject.RightSole, Registered: rightDate(2010, 1, 1),
		Owners: []subject.Owner{{Subject: rightID(200), Kind: subject.OwnerPerson}}})
	require.NoError(t, err)
	assert.Equal(t, rightID(1001), seller.ID, "IDs come from the injected function")

	buyer := rightSharedOf(t, uuid.Nil, p, rightID(201), rightDate(2020, 1, 1), "1/2")
	_, err = reg.Add(ctx, buyer)
	assert.True(t, subject.HasCode(err, subject.CodeSoleNotAlone), "a share beside a sole right is refused: %v", err)

	require.NoError(t, reg.Terminate(ctx, seller.ID, rightDate(2020, 1, 1)))
	_, err = reg.Add(ctx, buyer)
	require.NoError(t, err, "shares short of 1 are allowed")
	_, err = reg.Add(ctx, rightSharedOf(t, uuid.Nil, p, rightID(202), rightDate(2020, 1, 1), "1/3"))
	require.NoError(t, err)

	err = reg.Check(ctx, p, rightDate(2021, 1, 1))
	assert.True(t, subject.HasCode(err, subject.CodeSharesShort))
	assert.ErrorContains(t, err, "не хватает 1/6")

	_, err = reg.Add(ctx, rightSharedOf(t, uuid.Nil, p, rightID(203), rightDate(2021, 1, 1), "1/4"))
	assert.ErrorIs(t, err, subject.ErrInvalid)
	assert.True(t, subject.HasCode(err, subject.CodeSharesExcess))
	assert.ErrorContains(t, err, "превышение на 1/12")

	_, err = reg.Add(ctx, rightSharedOf(t, uuid.Nil, p, rightID(203), rightDate(2021, 1, 1), "2/12"))
	require.NoError(t, err)
	require.NoError(t, reg.Check(ctx, p, rightDate(2021, 1, 1)))

	owners, err := reg.OwnersAt(ctx, p, rightDate(2015, 1, 1))
	require.NoError(t, err)
	assert.Equal(t, []subject.Owner{{Subject: rightID(200), Kind: subject.OwnerPerson}}, owners, "past owners come from the history")
	owners, err = reg.Owners(ctx, p)
	require.NoError(t, err)
	assert.Len(t, owners, 3)
	rs, err := repo.RightsOf(ctx, p)
	require.NoError(t, err)
	assert.Len(t, rs, 4)
}

// rightRace makes many writers add a 1/3 share to one premise at once,
// half through subject.RightRegister and half through Add with a slow
// check: exactly three succeed, the others are refused for the excess, and the
// stored shares sum to exactly 1.
func rightRace(t *testing.T, repo subject.RightRepository) {
	ctx := t.Context()
	var n atomic.Uint64
	reg := subject.NewRightRegister(repo,
		func() subject.Date { return rightDate(2024, 1, 1) },
		func() (uuid.UUID, error) { return rightID(n.Add(1)), nil })
	p := rightID(100000)
	third := rightShare(t, "1/3")
	const writers = 32
	var (
		wg       sync.WaitGroup
		start    = make(chan struct{})
		ok, excs atomic.Int32
		others   = make(chan error, writers)
	)
	for i := range writers {
		wg.Go(func() {
			<-start
			r := subject.Right{
				Premise: p, Kind: subject.RightShared, Registered: rightDate(2020, 1, 1),
				Owners: []subject.Owner{{Subject: rightID(uint64(200000 + i)), Kind: subject.OwnerPerson, Share: third}},
			}
			var err error
			if i%2 == 0 {
				_, err = reg.Add(ctx, r)
			} else {
				// A slow check widens the window between reading the
				// premise and inserting: an adapter that does not hold
				// the premise for the whole Add lets a second share in.
				r.ID = rightID(uint64(300000 + i))
				err = repo.Add(ctx, r, func(stored []subject.Right) error {
					time.Sleep(time.Millisecond)
					return subject.CheckAddition(stored, r)
				})
			}
			switch {
			case err == nil:
				ok.Add(1)
			case subject.HasCode(err, subject.CodeSharesExcess):
				excs.Add(1)
			default:
				others <- err
			}
		})
	}
	close(start)
	wg.Wait()
	close(others)
	for err := range others {
		t.Errorf("unexpected error: %v", err)
	}
	assert.EqualValues(t, 3, ok.Load(), "exactly three 1/3 shares fit")
	assert.EqualValues(t, writers-3, excs.Load())

	rs, err := repo.RightsOf(ctx, p)
	require.NoError(t, err)
	sum := new(big.Rat)
	for _, r := range rs {
		for _, o := range r.Owners {
			sum.Add(sum, o.Share.Rat())
		}
	}
	assert.Equal(t, "1", sum.RatString(), "the stored shares never exceed 1")
	require.NoError(t, subject.CheckPremise(rs, rightDate(2024, 1, 1)))
}

// rightParallelPremises writes to many premises at once while readers
// read them; every write lands.
func rightParallelPremises(t *testing.T, repo subject.RightRepository) {
	ctx := t.Context()
	const premises, perPremise = 8, 4
	var rights [premises][perPremise]subject.Right
	for p := range premises {
		for k := range perPremise {
			id := uint64(1 + p*perPremise + k)
			rights[p][k] = rightSharedOf(t, rightID(id), rightID(uint64(5000+p)), rightID(6000+id), rightDate(2020, 1, 1), "1/4")
		}
	}
	var wg sync.WaitGroup
	for p := range premises {
		wg.Go(func() {
			for _, r := range rights[p] {
				if err := repo.Add(ctx, r, func(stored []subject.Right) error { return subject.CheckAddition(stored, r) }); err != nil {
					t.Errorf("add %s: %v", r.ID, err)
				}
			}
		})
		wg.Go(func() {
			for range perPremise * 4 {
				if _, err := repo.RightsOf(ctx, rightID(uint64(5000+p))); err != nil {
					t.Errorf("rights of %d: %v", p, err)
				}
			}
		})
	}
	wg.Wait()
	for p := range premises {
		rs, err := repo.RightsOf(ctx, rightID(uint64(5000+p)))
		require.NoError(t, err)
		assert.Len(t, rs, perPremise)
		assert.NoError(t, subject.CheckPremise(rs, rightDate(2021, 1, 1)))
	}
}
