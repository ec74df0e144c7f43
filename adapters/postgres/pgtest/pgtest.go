package pgtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/internal/testenv"
)

// EnvURL is the environment variable with the connection string of the
// PostgreSQL server the tests use. Its database is only used to create and
// drop the test databases; the role needs the CREATEDB privilege.
const EnvURL = "ZHKH_TEST_DATABASE_URL"

// templateLockID is the key of the advisory lock that guards the creation
// of template databases.
const templateLockID int64 = 0x7a686b68_00000002

// setupTimeout bounds the creation of a template and of a test database.
const setupTimeout = 2 * time.Minute

// URL returns the connection string of ZHKH_TEST_DATABASE_URL, skipping
// the test (failing it under CI) when it is not set.
func URL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		testenv.Missing(tb, "%s is not set: PostgreSQL tests need a server (see the README, «PostgreSQL tests»)", EnvURL)
	}
	return u
}

// NewPool returns a pool connected to a new database with the current
// schema, which is dropped, with the pool closed, when the test ends.
func NewPool(tb testing.TB) *pgxpool.Pool {
	tb.Helper()
	return Connect(tb, NewDatabase(tb))
}

// Connect returns a pool to the database of the connection string, closed
// when the test ends.
func Connect(tb testing.TB, connString string) *pgxpool.Pool {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	pool, err := pgxpool.New(ctx, connString)
	if err != nil {
		tb.Fatalf("pgtest: connecting: %v", err)
	}
	tb.Cleanup(pool.Close)
	return pool
}

// NewDatabase creates a new database with the current schema for the test
// and returns its connection string; the database is dropped when the test
// ends, even when connections to it are still open. Use it when something
// other than a pool of the test connects, such as a child process.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	base := URL(tb)
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	name := fmt.Sprintf("zhkh_test_%d_%s", time.Now().Unix(), randomSuffix())
	// A test process built from other migrations drops this template as
	// stale when it makes its own; when that happens between the two
	// steps, the template is made again, once.
	var err error
	for range 2 {
		var tpl string
		if tpl, err = ensureTemplate(ctx, base); err != nil {
			tb.Fatalf("pgtest: template database: %v", err)
		}
		err = exec(ctx, base, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+" TEMPLATE "+pgx.Identifier{tpl}.Sanitize())
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "3D000" { // invalid_catalog_name: no such template
			break
		}
	}
	if err != nil {
		tb.Fatalf("pgtest: creating database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
		defer cancel()
		if err := exec(ctx, base, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			tb.Errorf("pgtest: dropping database %s: %v", name, err)
		}
		dropAbandoned(ctx, base)
	})
	return withDatabase(base, name)
}

// KeptDatabase returns the connection string of a database with the
// current schema named after prefix and the template (schema hash and
// role), creating it from the template when it does not exist, and
// reports whether it was created now. The database is kept after the
// test, for benchmarks that seed much data once and reuse it; a changed
// schema makes a new one, and the kept databases of the prefix made for
// older schemas are dropped then.
func KeptDatabase(tb testing.TB, prefix string) (connString string, created bool) {
	tb.Helper()
	base := URL(tb)
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	tpl, err := ensureTemplate(ctx, base)
	if err != nil {
		tb.Fatalf("pgtest: template database: %v", err)
	}
	name := prefix + "_" + strings.TrimPrefix(tpl, "zhkh_tpl_")
	err = withLock(ctx, base, func(conn *pgx.Conn) error {
		if exists, err := databaseExists(ctx, conn, name); err != nil || exists {
			return err
		}
		// The kept databases of older schemas go, unless in use.
		stale, err := databaseNames(ctx, conn, `SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND datname <> $2`,
			prefix+"_", name)
		if err != nil {
			return err
		}
		for _, old := range stale {
			_ = dropQuietly(ctx, conn, old)
		}
		created = true
		_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+" TEMPLATE "+pgx.Identifier{tpl}.Sanitize())
		return err
	})
	if err != nil {
		tb.Fatalf("pgtest: database %s: %v", name, err)
	}
	return withDatabase(base, name), created
}

// abandonedAfter is the age after which a test database is taken for the
// leftover of a test process that was killed before its cleanup.
const abandonedAfter = 6 * time.Hour

// dropAbandoned drops the test databases older than abandonedAfter that
// no one is connected to: the leftovers of killed test processes. The
// name of a test database carries the Unix time of its creation.
func dropAbandoned(ctx context.Context, base string) {
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return
	}
	defer conn.Close(context.WithoutCancel(ctx))
	names, err := databaseNames(ctx, conn, `SELECT datname FROM pg_database WHERE datname ~ '^zhkh_test_[0-9]+_[0-9a-f]+$'`)
	if err != nil {
		return
	}
	for _, name := range names {
		var created int64
		if _, err := fmt.Sscanf(name, "zhkh_test_%d_", &created); err != nil {
			continue
		}
		if time.Since(time.Unix(created, 0)) > abandonedAfter {
			// Without FORCE: a database someone uses stays.
			_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize())
		}
	}
}

// SchemaHash returns a short hash of the embedded migrations: their names
// and contents.
func SchemaHash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(postgres.Migrations(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(postgres.Migrations(), path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// ensureTemplate returns the name of the template database of the current
// migrations, creating it when it is missing: under an advisory lock, it
// builds the schema in a scratch database and renames it, so a process
// killed midway never leaves a half-migrated template.
func ensureTemplate(ctx context.Context, base string) (string, error) {
	hash, err := SchemaHash()
	if err != nil {
		return "", err
	}
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", err
	}
	// Each role has templates of its own: the tables of a template belong
	// to the role that migrated it, and another role could not use them.
	var user string
	if err := conn.QueryRow(ctx, "SELECT current_user").Scan(&user); err != nil {
		_ = conn.Close(ctx)
		return "", err
	}
	sum := sha256.Sum256([]byte(user))
	owner := hex.EncodeToString(sum[:4])
	tpl := "zhkh_tpl_" + hash + "_" + owner
	ok, err := databaseExists(ctx, conn, tpl)
	_ = conn.Close(ctx)
	if err != nil || ok {
		return tpl, err
	}
	err = withLock(ctx, base, func(conn *pgx.Conn) error {
		if ok, err := databaseExists(ctx, conn, tpl); err != nil || ok {
			return err
		}
		build := tpl + "_build"
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{build}.Sanitize()+" WITH (FORCE)"); err != nil {
			return err
		}
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{build}.Sanitize()); err != nil {
			return err
		}
		if err := migrate(ctx, withDatabase(base, build)); err != nil {
			return errors.Join(err, dropQuietly(ctx, conn, build))
		}
		if _, err := conn.Exec(ctx, "ALTER DATABASE "+pgx.Identifier{build}.Sanitize()+" RENAME TO "+pgx.Identifier{tpl}.Sanitize()); err != nil {
			return err
		}
		if _, err := conn.Exec(ctx, "ALTER DATABASE "+pgx.Identifier{tpl}.Sanitize()+" IS_TEMPLATE true"); err != nil {
			return err
		}
		dropStaleTemplates(ctx, conn, tpl, owner)
		return nil
	})
	return tpl, err
}

// migrate applies the migrations to the database of the connection string.
func migrate(ctx context.Context, connString string) error {
	pool, err := pgxpool.New(ctx, connString)
	if err != nil {
		return err
	}
	defer pool.Close()
	return postgres.Migrate(ctx, pool)
}

// dropStaleTemplates drops the role's templates of other schema versions
// that no one is using; one in use stays, for a later run to drop.
func dropStaleTemplates(ctx context.Context, conn *pgx.Conn, keep, owner string) {
	names, err := databaseNames(ctx, conn, `SELECT datname FROM pg_database
		WHERE datname LIKE 'zhkh\_tpl\_%\_' || $2 AND datname <> $1`, keep, owner)
	if err != nil {
		return
	}
	for _, name := range names {
		_ = dropQuietly(ctx, conn, name)
	}
}

// databaseExists reports whether the server has a database of the name.
func databaseExists(ctx context.Context, conn *pgx.Conn, name string) (bool, error) {
	var ok bool
	err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&ok)
	return ok, err
}

// databaseNames returns the names the query, which selects datname, finds.
func databaseNames(ctx context.Context, conn *pgx.Conn, sql string, args ...any) ([]string, error) {
	rows, err := conn.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// dropQuietly drops a database that may be a template, unless someone is
// connected to it.
func dropQuietly(ctx context.Context, conn *pgx.Conn, name string) error {
	id := pgx.Identifier{name}.Sanitize()
	if _, err := conn.Exec(ctx, "ALTER DATABASE "+id+" IS_TEMPLATE false"); err != nil {
		return err
	}
	_, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+id)
	return err
}

// withLock runs fn on a connection to the base database while holding the
// session advisory lock of template creation.
func withLock(ctx context.Context, base string, fn func(*pgx.Conn) error) error {
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", templateLockID); err != nil {
		return err
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", templateLockID) //nolint:errcheck // closing the session unlocks too
	return fn(conn)
}

// exec runs one statement on a fresh connection to the base database.
func exec(ctx context.Context, base, sql string) error {
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	_, err = conn.Exec(ctx, sql)
	return err
}

// withDatabase returns the connection string base with the database
// replaced by name; base is a URL or a keyword/value string.
func withDatabase(base, name string) string {
	if u, err := url.Parse(base); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path = "/" + name
		u.RawPath = ""
		return u.String()
	}
	return base + " dbname=" + name
}

// randomSuffix returns 16 random hexadecimal digits.
func randomSuffix() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
