package pgtest_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
)

func TestNewPoolGivesEachTestItsOwnMigratedDatabase(t *testing.T) {
	t.Parallel()
	url := pgtest.URL(t) // skips here, not in the subtests, without a server
	var names []string
	for range 2 {
		t.Run("db", func(t *testing.T) {
			pool := pgtest.NewPool(t)
			var name string
			require.NoError(t, pool.QueryRow(t.Context(), "SELECT current_database()").Scan(&name))
			assert.Regexp(t, `^zhkh_test_[0-9]+_[0-9a-f]{16}$`, name)
			p, err := postgres.NewMigrator(pool)
			require.NoError(t, err)
			t.Cleanup(func() { assert.NoError(t, p.Close()) })
			pending, err := p.HasPending(t.Context())
			require.NoError(t, err)
			assert.False(t, pending, "the database is fully migrated")
			_, err = pool.Exec(t.Context(), "CREATE TABLE scratch (n int)")
			require.NoError(t, err, "each test may change its database freely")
			names = append(names, name)
		})
	}
	require.Len(t, names, 2)
	assert.NotEqual(t, names[0], names[1])

	// The databases are dropped when their tests end.
	conn, err := pgx.Connect(t.Context(), url)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	var left int
	require.NoError(t, conn.QueryRow(t.Context(), "SELECT count(*) FROM pg_database WHERE datname = ANY($1)", names).Scan(&left))
	assert.Zero(t, left)
}

func TestSchemaHashIsStable(t *testing.T) {
	t.Parallel()
	a, err := pgtest.SchemaHash()
	require.NoError(t, err)
	b, err := pgtest.SchemaHash()
	require.NoError(t, err)
	assert.Equal(t, a, b)
	assert.Len(t, a, 16)
}
