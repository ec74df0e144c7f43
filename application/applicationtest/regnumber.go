package applicationtest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/internal/conformance"
)

// RunRegNumbers runs the conformance suite of the application.RegNumbers
// port. An integrator who writes an adapter runs it from the adapter's own
// tests:
//
//	func TestRegNumbers(t *testing.T) {
//		applicationtest.RunRegNumbers(t, func(t *testing.T) application.RegNumbers {
//			return myadapter.New(...)
//		})
//	}
//
// Every subtest calls newNumbers for a fresh numberer whose sequences have
// not been used, and runs in parallel with the others. The suite checks
// the format and the start of a sequence, independent sequences per office
// and year, validation that uses up no number, cancelled contexts, and
// that 50 goroutines taking 20 numbers each of one office and year get
// exactly 1..1000 with no gap and no repeat. Run it with -race.
func RunRegNumbers(t *testing.T, newNumbers func(t *testing.T) application.RegNumbers) {
	conformance.Run(t, newNumbers, []conformance.Case[application.RegNumbers]{
		{Name: "Sequence", Run: regSequence},
		{Name: "Independent", Run: regIndependent},
		{Name: "Invalid", Run: regInvalid},
		{Name: "CanceledContext", Run: regCanceled},
		{Name: "Concurrent", Run: regConcurrent},
	})
}

func regNext(t *testing.T, n application.RegNumbers, office string, year int) string {
	t.Helper()
	s, err := n.Next(t.Context(), office, year)
	require.NoError(t, err, "next %s %d", office, year)
	return s
}

func regSequence(t *testing.T, n application.RegNumbers) {
	for i := 1; i <= 12; i++ {
		s := regNext(t, n, "MFC01", 2026)
		assert.Equal(t, fmt.Sprintf("MFC01-2026-%06d", i), s)
		parsed, err := application.ParseRegNumber(s)
		require.NoError(t, err)
		assert.Equal(t, application.RegNumber{Office: "MFC01", Year: 2026, Seq: i}, parsed)
	}
	assert.Equal(t, "MFC-77-1-2026-000001", regNext(t, n, "MFC-77-1", 2026), "an office code with hyphens")
}

func regIndependent(t *testing.T, n application.RegNumbers) {
	assert.Equal(t, "MFC01-2026-000001", regNext(t, n, "MFC01", 2026))
	assert.Equal(t, "MFC01-2026-000002", regNext(t, n, "MFC01", 2026))
	assert.Equal(t, "MFC02-2026-000001", regNext(t, n, "MFC02", 2026))
	assert.Equal(t, "MFC01-2027-000001", regNext(t, n, "MFC01", 2027))
	assert.Equal(t, "MFC01-2026-000003", regNext(t, n, "MFC01", 2026))
	assert.Equal(t, "MFC02-2026-000002", regNext(t, n, "MFC02", 2026))
}

func regInvalid(t *testing.T, n application.RegNumbers) {
	tests := []struct {
		office string
		year   int
		codes  []string
	}{
		{"", 2026, []string{application.CodeRegOffice}},
		{"mfc01", 2026, []string{application.CodeRegOffice}},
		{"MFC 01", 2026, []string{application.CodeRegOffice}},
		{"МФЦ01", 2026, []string{application.CodeRegOffice}},
		{"MFC0123456789ABCD", 2026, []string{application.CodeRegOffice}},
		{"-MFC01", 2026, []string{application.CodeRegOffice}},
		{"MFC01", 0, []string{application.CodeRegYear}},
		{"MFC01", 26, []string{application.CodeRegYear}},
		{"MFC01", 10000, []string{application.CodeRegYear}},
		{"", -1, []string{application.CodeRegOffice, application.CodeRegYear}},
	}
	for _, tc := range tests {
		_, err := n.Next(t.Context(), tc.office, tc.year)
		require.ErrorIs(t, err, application.ErrInvalid, "%q %d", tc.office, tc.year)
		var ve *application.ValidationError
		require.ErrorAs(t, err, &ve)
		got := []string{}
		for _, v := range ve.Violations {
			got = append(got, v.Code)
		}
		assert.Equal(t, tc.codes, got, "%q %d", tc.office, tc.year)
	}
	assert.Equal(t, "MFC01-2026-000001", regNext(t, n, "MFC01", 2026), "failed calls use up no number")
}

func regCanceled(t *testing.T, n application.RegNumbers) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := n.Next(ctx, "MFC01", 2026)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, "MFC01-2026-000001", regNext(t, n, "MFC01", 2026), "a cancelled call uses up no number")
}

func regConcurrent(t *testing.T, n application.RegNumbers) {
	const workers, each = 50, 20
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		seen = map[int]int{}
		errs []error
	)
	for range workers {
		wg.Go(func() {
			for range each {
				s, err := n.Next(t.Context(), "MFC01", 2026)
				var seq int
				if err == nil {
					var r application.RegNumber
					r, err = application.ParseRegNumber(s)
					seq = r.Seq
				}
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				} else {
					seen[seq]++
				}
				mu.Unlock()
			}
		})
		// Another office and year in parallel must not disturb the sequence.
		wg.Go(func() {
			_, err := n.Next(t.Context(), "MFC02", 2026)
			if err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	require.Empty(t, errs)
	require.Len(t, seen, workers*each, "no repeats")
	for i := 1; i <= workers*each; i++ {
		require.Equal(t, 1, seen[i], "number %d is issued once", i)
	}
	assert.Equal(t, fmt.Sprintf("MFC01-2026-%06d", workers*each+1), regNext(t, n, "MFC01", 2026))
	assert.Equal(t, fmt.Sprintf("MFC02-2026-%06d", workers+1), regNext(t, n, "MFC02", 2026))
}
