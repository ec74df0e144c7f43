package postgres_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/application/applicationtest"
)

func TestRegNumbers(t *testing.T) {
	t.Parallel()
	applicationtest.RunRegNumbers(t, func(t *testing.T) application.RegNumbers {
		return postgres.NewRegNumbers(pgtest.NewPool(t))
	})
}

func TestRegNumbersExhausted(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	pool := pgtest.NewPool(t)
	_, err := pool.Exec(ctx, `INSERT INTO reg_counter (office, year, last) VALUES ('MFC01', 2026, $1)`, application.MaxRegSeq-1)
	require.NoError(t, err)
	n := postgres.NewRegNumbers(pool)

	got, err := n.Next(ctx, "MFC01", 2026)
	require.NoError(t, err)
	assert.Equal(t, "MFC01-2026-999999", got)
	for range 2 {
		_, err = n.Next(ctx, "MFC01", 2026)
		require.ErrorIs(t, err, application.ErrConflict)
		var fe *application.Error
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, application.CodeRegExhausted, fe.Code)
	}
	got, err = n.Next(ctx, "MFC01", 2027)
	require.NoError(t, err)
	assert.Equal(t, "MFC01-2027-000001", got, "another year is not exhausted")
}

func TestRegNumbersNextTxRollsBack(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	pool := pgtest.NewPool(t)
	n := postgres.NewRegNumbers(pool)

	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	got, err := n.NextTx(ctx, tx, "MFC01", 2026)
	require.NoError(t, err)
	assert.Equal(t, "MFC01-2026-000001", got)
	require.NoError(t, tx.Rollback(ctx))

	got, err = n.Next(ctx, "MFC01", 2026)
	require.NoError(t, err)
	assert.Equal(t, "MFC01-2026-000001", got, "a rolled back number is issued again")
}
