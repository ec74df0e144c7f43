package postgres

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/internal/fault"
	"github.com/openzhkh/zhkh/internal/testenv"
)

// testURL returns the connection string of the test server; the tests of
// this package cannot use pgtest, which imports it.
func testURL(t *testing.T) string {
	t.Helper()
	url := os.Getenv("ZHKH_TEST_DATABASE_URL")
	if url == "" {
		testenv.Missing(t, "ZHKH_TEST_DATABASE_URL is not set: PostgreSQL tests need a server")
	}
	return url
}

// onePool returns a pool of one connection to the test server's own
// database, so that temporary tables stay visible.
func onePool(t *testing.T) *pgxpool.Pool {
	t.Helper()
	cfg, err := pgxpool.ParseConfig(testURL(t))
	require.NoError(t, err)
	cfg.MaxConns = 1
	pool, err := pgxpool.NewWithConfig(t.Context(), cfg)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return pool
}

// Real violations of each kind of constraint become the domain's kinds,
// chosen by SQLSTATE, and a named constraint the caller knows becomes the
// caller's error.
func TestTranslateBySQLStateAndConstraint(t *testing.T) {
	t.Parallel()
	pool := onePool(t)
	ctx := t.Context()
	_, err := pool.Exec(ctx, `
		CREATE TEMP TABLE tr_parent (id int CONSTRAINT tr_parent_pk PRIMARY KEY);
		CREATE TEMP TABLE tr_child (
			id int CONSTRAINT tr_child_pk PRIMARY KEY,
			parent int CONSTRAINT tr_child_parent_fk REFERENCES tr_parent (id),
			n int CONSTRAINT tr_child_n_positive CHECK (n > 0),
			code varchar(2));
		INSERT INTO tr_parent VALUES (1);
		INSERT INTO tr_child VALUES (1, 1, 1, 'a');`)
	require.NoError(t, err)

	exec := func(sql string) error {
		_, err := pool.Exec(ctx, sql)
		require.Error(t, err, sql)
		return err
	}
	for _, c := range []struct {
		sql  string
		kind *fault.Kind
		code string
	}{
		{`INSERT INTO tr_child VALUES (1, 1, 1, 'b')`, fault.Conflict, CodeDuplicate},
		{`INSERT INTO tr_child VALUES (2, 99, 1, 'b')`, fault.NotFound, CodeReference},
		{`INSERT INTO tr_child VALUES (3, 1, -1, 'b')`, fault.Invalid, CodeConstraint},
		{`INSERT INTO tr_child VALUES (4, 1, 1, 'abc')`, fault.Invalid, CodeConstraint},
		{`INSERT INTO tr_parent VALUES (NULL)`, fault.Invalid, CodeConstraint},
	} {
		err := translate(exec(c.sql), "проверка")
		assert.ErrorIs(t, err, c.kind, c.sql)
		assert.True(t, fault.HasCode(err, c.code), "%s: %v", c.sql, err)
		assert.NotErrorIs(t, err, ErrUnavailable)
	}

	mine := errors.New("ребенок уже есть")
	err = translate(exec(`INSERT INTO tr_child VALUES (1, 1, 1, 'b')`), "проверка",
		Constraint{Name: "tr_other", Err: errors.New("не то")}, Constraint{Name: "tr_child_pk", Err: mine})
	assert.Same(t, mine, err, "the named constraint decides")

	assert.NoError(t, translate(nil, "проверка"))
	assert.Same(t, context.Canceled, translate(context.Canceled, "проверка"))
}

// A serialization failure or a deadlock runs the transaction once more;
// when the retry fails too, the caller gets a conflict.
func TestWithTxRetriesSerializationFailureOnce(t *testing.T) {
	t.Parallel()
	pool := onePool(t)
	for _, code := range []string{"40001", "40P01"} {
		calls := 0
		err := withTx(t.Context(), pool, func(tx pgx.Tx) error {
			calls++
			if calls == 1 {
				return &pgconn.PgError{Code: code}
			}
			_, err := tx.Exec(t.Context(), `SELECT 1`)
			return err
		})
		require.NoError(t, err, code)
		assert.Equal(t, 2, calls, "one retry after %s", code)

		calls = 0
		err = withTx(t.Context(), pool, func(pgx.Tx) error {
			calls++
			return &pgconn.PgError{Code: code}
		})
		assert.Equal(t, 2, calls, "no more than one retry after %s", code)
		err = translate(err, "проверка")
		assert.ErrorIs(t, err, fault.Conflict)
		assert.True(t, fault.HasCode(err, CodeSerialization), "%v", err)
	}

	calls := 0
	other := errors.New("другая ошибка")
	err := withTx(t.Context(), pool, func(pgx.Tx) error {
		calls++
		return other
	})
	assert.Same(t, other, err)
	assert.Equal(t, 1, calls, "other errors are not retried")
}

// A real serialization failure between two serializable transactions is
// what the retry is for: the second writer gets 40001, and translate makes
// a conflict of it.
func TestRealSerializationFailureIsRetryable(t *testing.T) {
	t.Parallel()
	url := testURL(t)
	ctx := t.Context()
	a, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	defer a.Close(context.WithoutCancel(ctx))
	b, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	defer b.Close(context.WithoutCancel(ctx))
	// A table of its own, dropped at the end: serializable conflicts need
	// two sessions, which temporary tables cannot share.
	table := pgx.Identifier{fmt.Sprintf("tr_serial_%d", time.Now().UnixNano())}.Sanitize()
	_, err = a.Exec(ctx, `CREATE TABLE `+table+` (id int PRIMARY KEY, n int);
		INSERT INTO `+table+` VALUES (1, 0)`)
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = a.Exec(context.WithoutCancel(ctx), `DROP TABLE IF EXISTS `+table) })

	ser := pgx.TxOptions{IsoLevel: pgx.Serializable}
	ta, err := a.BeginTx(ctx, ser)
	require.NoError(t, err)
	tb, err := b.BeginTx(ctx, ser)
	require.NoError(t, err)
	var n int
	require.NoError(t, ta.QueryRow(ctx, `SELECT n FROM `+table+` WHERE id = 1`).Scan(&n))
	require.NoError(t, tb.QueryRow(ctx, `SELECT n FROM `+table+` WHERE id = 1`).Scan(&n))
	_, err = ta.Exec(ctx, `UPDATE `+table+` SET n = n + 1 WHERE id = 1`)
	require.NoError(t, err)
	require.NoError(t, ta.Commit(ctx))
	_, err = tb.Exec(ctx, `UPDATE `+table+` SET n = n + 1 WHERE id = 1`)
	require.Error(t, err)
	_ = tb.Rollback(context.WithoutCancel(ctx))
	assert.True(t, isRetryable(err), "%v", err)
	assert.ErrorIs(t, translate(err, "проверка"), fault.Conflict)
}
