package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// VersionTable is the table in which Migrate records the applied
// migrations; it is the library's own, so it never collides with the
// integrator's migration tooling.
const VersionTable = "zhkh_schema_version"

// The keys of the advisory locks of this package, all in one place so that
// no two share one: "zhkh" in ASCII in the high half, then a number of its
// own (pgtest's template lock is 0x7a686b68_00000002).
const (
	// migrationLockID is the session lock Migrate holds while it applies
	// migrations.
	migrationLockID int64 = 0x7a686b68_00000001
	// addressWriteLockID is the transaction lock that serialises the
	// writes to the address graph: every Write and every bulk load holds it
	// until it commits or rolls back.
	addressWriteLockID int64 = 0x7a686b68_00000010
	// providerLockID is the transaction lock that serialises the writes of
	// providers.
	providerLockID int64 = 0x7a686b68_00000020
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrations returns the schema migrations of the adapter: SQL files in
// the goose format ("-- +goose Up" / "-- +goose Down"), named
// NNNNN_name.sql, at the root of the returned file system. Integrators who
// run migrations with their own tooling apply these files.
func Migrations() fs.FS {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		// fs.Sub fails only for an invalid path, and "migrations" is valid.
		panic(err)
	}
	return sub
}

// NewMigrator returns a goose provider over the embedded migrations and
// the database of the pool, recording versions in VersionTable and holding
// a PostgreSQL session advisory lock while it runs, so two processes that
// start at once do not apply a migration twice. The caller closes the
// provider, which closes its own connection (never the pool). Use it for
// what Migrate does not do, such as DownTo in tests.
func NewMigrator(pool *pgxpool.Pool) (*goose.Provider, error) {
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(migrationLockID), lock.WithLockTimeout(1, 600))
	if err != nil {
		return nil, fmt.Errorf("postgres: migration lock: %w", err)
	}
	db := stdlib.OpenDB(*pool.Config().ConnConfig.Copy())
	p, err := goose.NewProvider(goose.DialectPostgres, db, Migrations(),
		goose.WithTableName(VersionTable),
		goose.WithSessionLocker(locker),
		goose.WithDisableGlobalRegistry(true),
	)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("postgres: migrations: %w", err), db.Close())
	}
	return p, nil
}

// Migrate brings the schema of the pool's database up to date by applying
// every pending migration in order. It is idempotent, and safe when
// several processes call it at once: they queue on an advisory lock and
// the later ones find nothing to do. It returns an error matching
// ErrUnavailable when the database cannot be reached.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	p, err := NewMigrator(pool)
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	if cerr := p.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return translate(fmt.Errorf("postgres: migrate: %w", err), "миграция схемы")
	}
	return nil
}
