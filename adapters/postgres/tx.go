package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// querier is what both a pool and a transaction offer, so that a read is
// written once for both.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// withTx runs fn in a read-committed transaction on a connection of the
// pool and commits it when fn returns nil; on an error it rolls back. A
// serialization failure or deadlock (40001/40P01) from fn or the commit
// runs the whole transaction once more; when the retry fails too the
// error is returned for translate to make a conflict of it. fn must be
// safe to run twice and must not keep values from a failed run. Errors are
// returned untranslated: the caller translates them with the name of what
// it stores.
func withTx(ctx context.Context, pool *pgxpool.Pool, fn func(pgx.Tx) error) error {
	err := runTx(ctx, pool, fn)
	if isRetryable(err) && ctx.Err() == nil {
		err = runTx(ctx, pool, fn)
	}
	return err
}

// runTx runs fn in one read-committed transaction.
func runTx(ctx context.Context, pool *pgxpool.Pool, fn func(pgx.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		// The rollback error is dropped: fn's error is the one that
		// matters, and a broken connection is discarded by the pool.
		_ = tx.Rollback(context.WithoutCancel(ctx))
		return err
	}
	return tx.Commit(ctx)
}

// withPipelinedTx runs a read-modify-write transaction in two round
// trips: BEGIN goes in one batch with the statements read queues (the
// reads that lock what will change); then write looks at what they read
// and queues the writes, which go in a second batch with the COMMIT. When
// a statement of the second batch fails, the server skips the rest of it,
// COMMIT included, and the transaction is rolled back. On an error of the
// first batch or of write it is rolled back too (a connection left in a
// transaction is discarded by the pool). A serialization failure or
// deadlock runs the whole transaction once more, so read and write must be
// safe to run twice. Errors are returned untranslated.
func withPipelinedTx(ctx context.Context, pool *pgxpool.Pool, read func(*pgx.Batch), write func(*pgx.Batch) error) error {
	err := runPipelinedTx(ctx, pool, read, write)
	if isRetryable(err) && ctx.Err() == nil {
		err = runPipelinedTx(ctx, pool, read, write)
	}
	return err
}

// runPipelinedTx runs the two batches of withPipelinedTx once.
func runPipelinedTx(ctx context.Context, pool *pgxpool.Pool, read func(*pgx.Batch), write func(*pgx.Batch) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	rollback := func() {
		if conn.Conn().PgConn().TxStatus() != 'I' {
			_, _ = conn.Exec(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}
	first := &pgx.Batch{}
	first.Queue("BEGIN")
	read(first)
	if err := conn.SendBatch(ctx, first).Close(); err != nil {
		rollback()
		return err
	}
	second := &pgx.Batch{}
	if err := write(second); err != nil {
		rollback()
		return err
	}
	committed := false
	second.Queue("COMMIT").Exec(func(tag pgconn.CommandTag) error {
		committed = tag.String() == "COMMIT"
		return nil
	})
	if err := conn.SendBatch(ctx, second).Close(); err != nil {
		rollback()
		return err
	}
	if !committed {
		// COMMIT of a failed transaction rolls it back without an error.
		return errRolledBack
	}
	return nil
}

// errRolledBack is the error of a commit that the server turned into a
// rollback because a statement of the transaction had failed.
var errRolledBack = errors.New("postgres: the transaction was rolled back")
