package postgres_test

import (
	"io/fs"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
)

func TestMigrationsHaveUpAndDown(t *testing.T) {
	t.Parallel()
	names, err := fs.Glob(postgres.Migrations(), "*.sql")
	require.NoError(t, err)
	require.NotEmpty(t, names)
	for _, name := range names {
		b, err := fs.ReadFile(postgres.Migrations(), name)
		require.NoError(t, err)
		text := string(b)
		assert.Contains(t, text, "-- +goose Up", name)
		assert.Contains(t, text, "-- +goose Down", name)
		down := text[strings.Index(text, "-- +goose Down"):]
		assert.NotEmpty(t, strings.TrimSpace(strings.TrimPrefix(down, "-- +goose Down")), "%s: empty Down section", name)
	}
}

func TestMigrateUpDownUp(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	pool := pgtest.NewPool(t) // already migrated from the template

	p, err := postgres.NewMigrator(pool)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, p.Close()) })

	current, target, err := p.GetVersions(ctx)
	require.NoError(t, err)
	require.Equal(t, target, current, "the template must be fully migrated")

	_, err = p.DownTo(ctx, 0)
	require.NoError(t, err)
	version, err := p.GetDBVersion(ctx)
	require.NoError(t, err)
	assert.Zero(t, version)
	var tables int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM pg_tables
		WHERE schemaname = 'public' AND tablename <> $1`, postgres.VersionTable).Scan(&tables))
	assert.Zero(t, tables, "Down sections must drop every table")

	require.NoError(t, postgres.Migrate(ctx, pool))
	version, err = p.GetDBVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, target, version)
	pending, err := p.HasPending(ctx)
	require.NoError(t, err)
	assert.False(t, pending)
}

func TestMigrateConcurrentlyIsIdempotent(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	pool := pgtest.NewPool(t)
	p, err := postgres.NewMigrator(pool)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, p.Close()) })
	_, err = p.DownTo(ctx, 0)
	require.NoError(t, err)

	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { errs[i] = postgres.Migrate(ctx, pool) })
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	_, target, err := p.GetVersions(ctx)
	require.NoError(t, err)
	version, err := p.GetDBVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, target, version)
}

func TestMigrateUnreachableIsUnavailable(t *testing.T) {
	t.Parallel()
	// Nothing listens on port 1 of the loopback interface.
	pool, err := pgxpool.New(t.Context(), "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=5")
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	err = postgres.Migrate(t.Context(), pool)
	require.Error(t, err)
	assert.ErrorIs(t, err, postgres.ErrUnavailable, "%v", err)
	_, err = postgres.NewApplicationRepository(pool).Get(t.Context(), uuid.MustParse("01900000-0000-7000-8000-000000000001"))
	assert.ErrorIs(t, err, postgres.ErrUnavailable, "%v", err)
}
