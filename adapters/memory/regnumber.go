package memory

import (
	"context"
	"sync"

	"github.com/openzhkh/zhkh/application"
)

// RegNumbers is an in-memory application.RegNumbers: one counter per
// office and year, advanced under a lock, so numbers are unique and
// gapless. The counters live as long as the value.
type RegNumbers struct {
	mu   sync.Mutex
	last map[regKey]int
}

type regKey struct {
	office string
	year   int
}

var _ application.RegNumbers = (*RegNumbers)(nil)

// NewRegNumbers returns a numberer whose every sequence starts at 1.
func NewRegNumbers() *RegNumbers { return &RegNumbers{last: map[regKey]int{}} }

// Next returns the next registration number of the office in the year.
func (r *RegNumbers) Next(ctx context.Context, office string, year int) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if err := application.CheckRegNumber(office, year); err != nil {
		return "", err
	}
	k := regKey{office, year}
	r.mu.Lock()
	defer r.mu.Unlock()
	seq := r.last[k] + 1
	if seq > application.MaxRegSeq {
		return "", application.RegExhaustedError(office, year)
	}
	n, err := application.FormatRegNumber(office, year, seq)
	if err != nil {
		return "", err
	}
	r.last[k] = seq
	return n, nil
}
