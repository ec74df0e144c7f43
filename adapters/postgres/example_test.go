package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/application"
)

// The adapters are built from one pool whose database Migrate has brought
// up to date; errors.Is tells a lost database from a domain error. The
// example needs a server, so it is compiled but not run by go test.
func Example() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	if err := postgres.Migrate(ctx, pool); err != nil {
		log.Fatal(err)
	}

	numbers := postgres.NewRegNumbers(pool)
	apps := postgres.NewApplicationRepository(pool)
	num, err := numbers.Next(ctx, "MFC01", time.Now().Year())
	switch {
	case errors.Is(err, postgres.ErrUnavailable):
		log.Fatal("база данных недоступна, повторите позже")
	case err != nil:
		log.Fatal(err)
	}
	fmt.Println("номер:", num)

	page, _, err := apps.Incoming(ctx, application.IncomingQuery{Limit: 10})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("входящих:", len(page))
}

// Integrators who run migrations with their own tooling take the SQL files
// from Migrations; they are in the goose format.
func ExampleMigrations() {
	names, err := fs.Glob(postgres.Migrations(), "*.sql")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(names[0])
	// Output: 00001_base.sql
}
