package application_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/application/applicationtest"
)

var (
	houseID = uuid.MustParse("0191c2d4-1111-7000-8000-000000000001")
	provA   = uuid.MustParse("0191c2d4-aaaa-7000-8000-00000000000a")
	provB   = uuid.MustParse("0191c2d4-bbbb-7000-8000-00000000000b")
	provC   = uuid.MustParse("0191c2d4-cccc-7000-8000-00000000000c")
	provX   = uuid.MustParse("0191c2d4-eeee-7000-8000-00000000000e")
)

func fakeWith(provider uuid.UUID, ids ...string) *applicationtest.FakeSystem {
	f := &applicationtest.FakeSystem{}
	var accs []application.Account
	var ms []application.Meter
	for _, id := range ids {
		accs = append(accs, application.Account{ID: id, Number: "N-" + id, Provider: provider, Address: houseID,
			Debt: decimal.RequireFromString("10.01")})
		ms = append(ms, application.Meter{ID: "m-" + id, Account: id, Kind: application.MeterIndividual, Resource: "cold_water"})
	}
	f.SetAccounts(accs...)
	f.SetMeters(ms...)
	return f
}

// errCode returns the code of a per-provider *Error, or "" for nil.
func errCode(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *application.Error
	require.ErrorAs(t, err, &e)
	assert.NotEmpty(t, e.Message)
	return e.Code
}

func TestAggregatorAccountsByAddress(t *testing.T) {
	t.Parallel()
	failure := errors.New("connection refused")
	tests := []struct {
		name      string
		setup     func(a, b, c *applicationtest.FakeSystem)
		providers []uuid.UUID
		wantIDs   []string
		wantCodes []string // one per result, "" for success
	}{
		{"all answer, in the order given", nil, []uuid.UUID{provC, provA, provB},
			[]string{"c1", "a1", "a2"}, []string{"", "", ""}},
		{"one fails", func(a, _, _ *applicationtest.FakeSystem) { a.SetError(failure) }, []uuid.UUID{provA, provB, provC},
			[]string{"c1"}, []string{application.CodeProviderFailed, "", ""}},
		{"one is late", func(_, b, _ *applicationtest.FakeSystem) { b.SetDelay(time.Hour) }, []uuid.UUID{provA, provB, provC},
			[]string{"a1", "a2", "c1"}, []string{"", application.CodeProviderTimeout, ""}},
		{"one ignores its context", func(_, b, _ *applicationtest.FakeSystem) { b.SetDelay(time.Second); b.SetIgnoreContext(true) },
			[]uuid.UUID{provB, provC}, []string{"c1"}, []string{application.CodeProviderTimeout, ""}},
		{"unknown provider", nil, []uuid.UUID{provX, provA},
			[]string{"a1", "a2"}, []string{application.CodeProviderUnknown, ""}},
		{"a provider given twice is asked once", nil, []uuid.UUID{provA, provA},
			[]string{"a1", "a2"}, []string{""}},
		{"no providers", nil, nil, nil, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, b, c := fakeWith(provA, "a1", "a2"), fakeWith(provB), fakeWith(provC, "c1")
			if tc.setup != nil {
				tc.setup(a, b, c)
			}
			agg := application.NewAggregator(map[uuid.UUID]application.SystemWithTimeout{
				provA: {System: a, Timeout: time.Second},
				provB: {System: b, Timeout: 50 * time.Millisecond},
				provC: {System: c, Timeout: time.Second},
			})
			res := agg.AccountsByAddress(t.Context(), tc.providers, houseID)
			assert.Equal(t, tc.wantIDs, idsOrNil(res.Items()))
			codes := []string{}
			for i, r := range res.Results {
				codes = append(codes, errCode(t, r.Err))
				if r.Err != nil {
					assert.Nil(t, r.Items, "result %d", i)
				}
			}
			assert.Equal(t, tc.wantCodes, codes)
			assert.Len(t, res.Failed(), len(codes)-countEmpty(codes))
			if len(res.Failed()) == 0 {
				assert.NoError(t, res.Err())
			} else {
				assert.Error(t, res.Err())
			}
			if len(tc.providers) > 0 && tc.providers[0] == provA {
				assert.Equal(t, 1, a.Calls(applicationtest.MethodAccountsByAddress))
			}
		})
	}
}

func idsOrNil(as []application.Account) []string {
	if as == nil {
		return nil
	}
	return accountIDs(as)
}

func countEmpty(ss []string) int {
	n := 0
	for _, s := range ss {
		if s == "" {
			n++
		}
	}
	return n
}

func TestAggregatorErrors(t *testing.T) {
	t.Parallel()
	failure := errors.New("HTTP 502")
	failing := fakeWith(provA)
	failing.SetError(failure)
	slow := fakeWith(provB, "b1")
	slow.SetDelay(time.Hour)
	agg := application.NewAggregator(map[uuid.UUID]application.SystemWithTimeout{
		provA: {System: failing, Timeout: time.Second},
		provB: {System: slow, Timeout: 20 * time.Millisecond},
	})
	res := agg.AccountsByIDs(t.Context(), []uuid.UUID{provA, provB, provX}, []string{"b1"})
	require.Len(t, res.Results, 3)
	assert.ErrorIs(t, res.Results[0].Err, failure, "a failure wraps its cause")
	assert.ErrorIs(t, res.Results[1].Err, context.DeadlineExceeded, "a timeout wraps context.DeadlineExceeded")
	assert.Contains(t, res.Results[1].Err.Error(), "не ответила")
	assert.ErrorIs(t, res.Results[2].Err, application.ErrNotFound, "an unknown provider is not found")
	joined := res.Err()
	assert.ErrorIs(t, joined, failure)
	assert.ErrorIs(t, joined, application.ErrNotFound)
}

func TestAggregatorCanceled(t *testing.T) {
	t.Parallel()
	slow := fakeWith(provA, "a1")
	slow.SetDelay(time.Hour)
	agg := application.NewAggregator(map[uuid.UUID]application.SystemWithTimeout{provA: {System: slow, Timeout: time.Hour}})
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(20*time.Millisecond, cancel)
	res := agg.Meters(ctx, []uuid.UUID{provA}, []string{"a1"})
	require.Len(t, res.Results, 1)
	assert.Equal(t, application.CodeProviderCanceled, errCode(t, res.Results[0].Err))
	assert.ErrorIs(t, res.Results[0].Err, context.Canceled)
}

type panicking struct{ applicationtest.FakeSystem }

func (*panicking) Meters(context.Context, []string) ([]application.Meter, error) { panic("bug") }

func TestAggregatorMetersAndPanics(t *testing.T) {
	t.Parallel()
	agg := application.NewAggregator(map[uuid.UUID]application.SystemWithTimeout{
		provA: {System: fakeWith(provA, "a1", "a2")},
		provB: {System: &panicking{}},
	})
	res := agg.Meters(t.Context(), []uuid.UUID{provA, provB}, []string{"a2"})
	require.Len(t, res.Items(), 1)
	assert.Equal(t, "m-a2", res.Items()[0].ID)
	assert.Equal(t, application.CodeProviderFailed, errCode(t, res.Results[1].Err))
}

// TestAggregatorSlowProvider checks that one slow provider does not hold
// the answer past its own timeout. The bound of one second is a
// correctness bound (the provider takes five), not a performance target.
func TestAggregatorSlowProvider(t *testing.T) {
	t.Parallel()
	for _, ignore := range []bool{false, true} {
		t.Run(fmt.Sprintf("ignoreContext=%v", ignore), func(t *testing.T) {
			t.Parallel()
			slow := fakeWith(provB, "b1")
			slow.SetDelay(5 * time.Second)
			slow.SetIgnoreContext(ignore)
			agg := application.NewAggregator(map[uuid.UUID]application.SystemWithTimeout{
				provA: {System: fakeWith(provA, "a1"), Timeout: time.Second},
				provB: {System: slow, Timeout: 50 * time.Millisecond},
			})
			start := time.Now()
			res := agg.AccountsByAddress(t.Context(), []uuid.UUID{provA, provB}, houseID)
			elapsed := time.Since(start)
			assert.Less(t, elapsed, time.Second)
			assert.Equal(t, []string{"a1"}, accountIDs(res.Items()))
			assert.Equal(t, application.CodeProviderTimeout, errCode(t, res.Results[1].Err))
			assert.Nil(t, res.Results[1].Items)
		})
	}
}

// TestAggregatorConcurrentUse runs many aggregations at once under -race;
// late answers of systems that ignore their context must not reach any
// result.
func TestAggregatorConcurrentUse(t *testing.T) {
	t.Parallel()
	late := fakeWith(provB, "b1")
	late.SetDelay(30 * time.Millisecond)
	late.SetIgnoreContext(true)
	agg := application.NewAggregator(map[uuid.UUID]application.SystemWithTimeout{
		provA: {System: fakeWith(provA, "a1")},
		provB: {System: late, Timeout: 5 * time.Millisecond},
	})
	var wg sync.WaitGroup
	results := make([]application.AggregateResult[application.Account], 32)
	for i := range results {
		wg.Go(func() { results[i] = agg.AccountsByAddress(t.Context(), []uuid.UUID{provA, provB}, houseID) })
	}
	wg.Wait()
	time.Sleep(60 * time.Millisecond) // let the late answers arrive
	for _, r := range results {
		assert.Equal(t, []string{"a1"}, accountIDs(r.Items()))
		assert.Nil(t, r.Results[1].Items)
	}
	assert.Equal(t, 32, late.Calls(applicationtest.MethodAccountsByAddress))
}

func TestNewAggregatorCopiesMap(t *testing.T) {
	t.Parallel()
	systems := map[uuid.UUID]application.SystemWithTimeout{provA: {System: fakeWith(provA, "a1")}}
	agg := application.NewAggregator(systems)
	delete(systems, provA)
	systems[provB] = application.SystemWithTimeout{System: fakeWith(provB, "b1")}
	res := agg.AccountsByAddress(t.Context(), []uuid.UUID{provA, provB}, houseID)
	assert.Equal(t, []string{"a1"}, accountIDs(res.Items()))
	assert.Equal(t, application.CodeProviderUnknown, errCode(t, res.Results[1].Err))
}
