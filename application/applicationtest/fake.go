package applicationtest

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/application"
)

// The method names FakeSystem.Calls counts.
const (
	MethodAccountsByAddress = "AccountsByAddress"
	MethodAccountsByIDs     = "AccountsByIDs"
	MethodMeters            = "Meters"
)

// FakeSystem is an application.ProviderSystem in memory for tests. Tests
// set the accounts and meters it knows, a delay before each answer, an
// error to return instead, and whether it ignores its context; it counts
// the calls of each method. The zero FakeSystem is ready to use and knows
// nothing; it is safe for concurrent use, and the setters may be called
// while calls are running.
type FakeSystem struct {
	mu            sync.Mutex
	accounts      []application.Account
	meters        []application.Meter
	delay         time.Duration
	err           error
	ignoreContext bool
	calls         map[string]int
}

var _ application.ProviderSystem = (*FakeSystem)(nil)

// SetAccounts replaces the accounts the system knows.
func (f *FakeSystem) SetAccounts(accounts ...application.Account) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.accounts = slices.Clone(accounts)
}

// SetMeters replaces the meters the system knows.
func (f *FakeSystem) SetMeters(meters ...application.Meter) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.meters = make([]application.Meter, len(meters))
	for i, m := range meters {
		f.meters[i] = m.Clone()
	}
}

// SetDelay makes every later call wait d before it answers. While it
// waits, a call returns ctx.Err() as soon as its context is done, unless
// SetIgnoreContext(true) was called; a long delay makes a system that
// blocks until its context is done.
func (f *FakeSystem) SetDelay(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.delay = d
}

// SetError makes every later call return err (after the delay) instead
// of an answer; nil restores answers.
func (f *FakeSystem) SetError(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err = err
}

// SetIgnoreContext makes later calls ignore their context: they sleep the
// whole delay and answer whether or not the context is done, like a badly
// written adapter.
func (f *FakeSystem) SetIgnoreContext(ignore bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ignoreContext = ignore
}

// Calls returns how many times the method (MethodAccountsByAddress,
// MethodAccountsByIDs or MethodMeters) has been called, finished or not.
func (f *FakeSystem) Calls(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method]
}

// AccountsByAddress returns the accounts whose Address is address.
func (f *FakeSystem) AccountsByAddress(ctx context.Context, address uuid.UUID) ([]application.Account, error) {
	if err := f.begin(ctx, MethodAccountsByAddress); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []application.Account
	for _, a := range f.accounts {
		if a.Address == address {
			out = append(out, a)
		}
	}
	return out, nil
}

// AccountsByIDs returns the accounts with the IDs, in the order they were
// set, leaving out unknown IDs.
func (f *FakeSystem) AccountsByIDs(ctx context.Context, ids []string) ([]application.Account, error) {
	if err := f.begin(ctx, MethodAccountsByIDs); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []application.Account
	for _, a := range f.accounts {
		if slices.Contains(ids, a.ID) {
			out = append(out, a)
		}
	}
	return out, nil
}

// Meters returns the meters of the accounts, in the order they were set.
func (f *FakeSystem) Meters(ctx context.Context, accountIDs []string) ([]application.Meter, error) {
	if err := f.begin(ctx, MethodMeters); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []application.Meter
	for _, m := range f.meters {
		if slices.Contains(accountIDs, m.Account) {
			out = append(out, m.Clone())
		}
	}
	return out, nil
}

// begin counts the call, waits the delay and returns the error to answer
// with, if any.
func (f *FakeSystem) begin(ctx context.Context, method string) error {
	f.mu.Lock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[method]++
	delay, ignore := f.delay, f.ignoreContext
	f.mu.Unlock()
	if !ignore {
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	if delay > 0 {
		if ignore {
			time.Sleep(delay)
		} else {
			t := time.NewTimer(delay)
			defer t.Stop()
			select {
			case <-t.C:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}
