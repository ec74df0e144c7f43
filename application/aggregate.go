package application

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/internal/fault"
)

// Codes of the per-provider errors of the Aggregator.
const (
	// CodeProviderTimeout: the provider's system did not answer within its
	// timeout. The error wraps context.DeadlineExceeded.
	CodeProviderTimeout = "provider.timeout"
	// CodeProviderFailed: the provider's system answered with an error,
	// which the error wraps.
	CodeProviderFailed = "provider.failed"
	// CodeProviderUnknown: the Aggregator has no system for the provider.
	// The error matches ErrNotFound.
	CodeProviderUnknown = "provider.unknown"
	// CodeProviderCanceled: the caller's context was done before the
	// provider's system answered. The error wraps the context's error.
	CodeProviderCanceled = "provider.canceled"
)

// DefaultProviderTimeout is the timeout of a provider whose
// SystemWithTimeout has none.
const DefaultProviderTimeout = 10 * time.Second

// SystemWithTimeout is a provider's system and how long the Aggregator
// waits for each of its answers; a Timeout of zero or less means
// DefaultProviderTimeout.
type SystemWithTimeout struct {
	// System is the port to the provider's system.
	System ProviderSystem
	// Timeout bounds each call to System.
	Timeout time.Duration
}

// Aggregator asks the systems of several providers at once — for example
// every provider serving a house — and returns what it has when all have
// answered or their timeouts have passed. One slow or failing provider
// never blocks or spoils the answers of the others: its failure is
// reported next to them. An Aggregator is safe for concurrent use.
//
// Each call starts one goroutine per provider and waits for none of them
// past its timeout. A system that honours its context returns when the
// timeout cancels it; one that ignores its context keeps its goroutine
// until it returns by itself, and its late answer is dropped.
type Aggregator struct {
	systems map[uuid.UUID]SystemWithTimeout
}

// NewAggregator returns an Aggregator over the systems of the providers,
// keyed by provider ID. It copies the map, so later changes to it do not
// reach the Aggregator.
func NewAggregator(systems map[uuid.UUID]SystemWithTimeout) *Aggregator {
	return &Aggregator{systems: maps.Clone(systems)}
}

// ProviderResult is what one provider answered: its items, or the error
// that stands in for them.
type ProviderResult[T any] struct {
	// Provider is the provider asked.
	Provider uuid.UUID
	// Items is the provider's answer; nil when Err is set.
	Items []T
	// Err is nil, or a *Error with CodeProviderTimeout,
	// CodeProviderFailed, CodeProviderUnknown or CodeProviderCanceled.
	Err error
}

// AggregateResult is the answer of every provider asked, in the order the
// providers were given (a provider given twice is asked once).
type AggregateResult[T any] struct {
	// Results holds one entry per provider.
	Results []ProviderResult[T]
}

// Items returns the items of every provider that answered, in provider
// order.
func (r AggregateResult[T]) Items() []T {
	var out []T
	for _, p := range r.Results {
		if p.Err == nil {
			out = append(out, p.Items...)
		}
	}
	return out
}

// Failed returns the results of the providers that failed, timed out or
// are unknown, in provider order.
func (r AggregateResult[T]) Failed() []ProviderResult[T] {
	var out []ProviderResult[T]
	for _, p := range r.Results {
		if p.Err != nil {
			out = append(out, p)
		}
	}
	return out
}

// Err joins the per-provider errors with errors.Join; it is nil when every
// provider answered.
func (r AggregateResult[T]) Err() error {
	var errs []error
	for _, p := range r.Results {
		if p.Err != nil {
			errs = append(errs, p.Err)
		}
	}
	return errors.Join(errs...)
}

// AccountsByAddress asks every provider for its accounts at the address
// object with ProviderSystem.AccountsByAddress.
func (a *Aggregator) AccountsByAddress(ctx context.Context, providers []uuid.UUID, address uuid.UUID) AggregateResult[Account] {
	return fanOut(ctx, a, providers, func(ctx context.Context, s ProviderSystem) ([]Account, error) {
		return s.AccountsByAddress(ctx, address)
	})
}

// AccountsByIDs asks every provider for the accounts with the IDs with
// ProviderSystem.AccountsByIDs.
func (a *Aggregator) AccountsByIDs(ctx context.Context, providers []uuid.UUID, ids []string) AggregateResult[Account] {
	return fanOut(ctx, a, providers, func(ctx context.Context, s ProviderSystem) ([]Account, error) {
		return s.AccountsByIDs(ctx, ids)
	})
}

// Meters asks every provider for the meters of the accounts with
// ProviderSystem.Meters.
func (a *Aggregator) Meters(ctx context.Context, providers []uuid.UUID, accountIDs []string) AggregateResult[Meter] {
	return fanOut(ctx, a, providers, func(ctx context.Context, s ProviderSystem) ([]Meter, error) {
		return s.Meters(ctx, accountIDs)
	})
}

type outcome[T any] struct {
	items []T
	err   error
}

func fanOut[T any](ctx context.Context, a *Aggregator, providers []uuid.UUID,
	call func(context.Context, ProviderSystem) ([]T, error)) AggregateResult[T] {
	seen := make(map[uuid.UUID]bool, len(providers))
	results := make([]ProviderResult[T], 0, len(providers))
	for _, p := range providers {
		if !seen[p] {
			seen[p] = true
			results = append(results, ProviderResult[T]{Provider: p})
		}
	}
	done := make(chan struct{}, len(results))
	started := 0
	for i := range results {
		p := results[i].Provider
		sys, ok := a.systems[p]
		if !ok || sys.System == nil {
			results[i].Err = &Error{Kind: fault.NotFound, Code: CodeProviderUnknown,
				Message: fmt.Sprintf("Внешняя система исполнителя %s не зарегистрирована", p)}
			continue
		}
		started++
		// Each wrapper writes only its own element of results, and only
		// before it signals done; the call's goroutine writes only into its
		// own buffered channel, so a late answer never reaches results.
		go func() {
			defer func() { done <- struct{}{} }()
			results[i].Items, results[i].Err = ask(ctx, p, sys, call)
		}()
	}
	for range started {
		<-done
	}
	return AggregateResult[T]{Results: results}
}

func ask[T any](ctx context.Context, p uuid.UUID, sys SystemWithTimeout,
	call func(context.Context, ProviderSystem) ([]T, error)) ([]T, error) {
	timeout := sys.Timeout
	if timeout <= 0 {
		timeout = DefaultProviderTimeout
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	answer := make(chan outcome[T], 1)
	go func() {
		var o outcome[T]
		defer func() {
			if r := recover(); r != nil {
				o = outcome[T]{err: fmt.Errorf("panic: %v", r)}
			}
			answer <- o
		}()
		o.items, o.err = call(cctx, sys.System)
	}()
	select {
	case o := <-answer:
		if o.err == nil {
			return o.items, nil
		}
		if cctx.Err() != nil {
			return nil, late(ctx, p, timeout)
		}
		return nil, &Error{Code: CodeProviderFailed, Err: o.err,
			Message: fmt.Sprintf("Внешняя система исполнителя %s вернула ошибку", p)}
	case <-cctx.Done():
		return nil, late(ctx, p, timeout)
	}
}

// late reports a call cut short by its context: a timeout, or the
// caller's cancellation.
func late(parent context.Context, p uuid.UUID, timeout time.Duration) error {
	if err := parent.Err(); err != nil {
		return &Error{Code: CodeProviderCanceled, Err: err,
			Message: fmt.Sprintf("Запрос к внешней системе исполнителя %s отменен", p)}
	}
	return &Error{Code: CodeProviderTimeout, Err: context.DeadlineExceeded,
		Message: fmt.Sprintf("Внешняя система исполнителя %s не ответила за %s", p, timeout)}
}
