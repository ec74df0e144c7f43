package memory_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/application/applicationtest"
)

func TestRegNumbers(t *testing.T) {
	t.Parallel()
	applicationtest.RunRegNumbers(t, func(*testing.T) application.RegNumbers {
		return memory.NewRegNumbers()
	})
}

// TestRegNumbersManyOffices runs sequences of several offices and years at
// once; each must be gapless on its own.
func TestRegNumbersManyOffices(t *testing.T) {
	t.Parallel()
	n := memory.NewRegNumbers()
	type key struct {
		office string
		year   int
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		seen = map[key][]int{}
	)
	for i := range 40 {
		wg.Go(func() {
			k := key{fmt.Sprintf("MFC%02d", i%4), 2025 + i%2}
			for range 25 {
				s, err := n.Next(t.Context(), k.office, k.year)
				assert.NoError(t, err)
				r, err := application.ParseRegNumber(s)
				assert.NoError(t, err)
				mu.Lock()
				seen[k] = append(seen[k], r.Seq)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	require.Len(t, seen, 4)
	for k, seqs := range seen {
		assert.ElementsMatch(t, rangeInts(1, 250), seqs, "%v", k)
	}
}

func rangeInts(from, to int) []int {
	out := make([]int, 0, to-from+1)
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}
