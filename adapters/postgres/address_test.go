package postgres_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
	"github.com/openzhkh/zhkh/address/gar"
)

// TestAddressRepository runs the conformance suite of address.Repository,
// each subtest in a database of its own.
func TestAddressRepository(t *testing.T) {
	t.Parallel()
	pgtest.URL(t)
	addresstest.RunRepository(t, func(t *testing.T) address.Repository {
		return postgres.NewAddressRepository(pgtest.NewPool(t))
	})
}

// ExampleBulkLoad loads a GAR distribution into the address graph in
// PostgreSQL in one transaction, then searches it and renders a full
// address string, in SQL.
func ExampleBulkLoad() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer pool.Close()
	if err := postgres.Migrate(ctx, pool); err != nil {
		fmt.Println(err)
		return
	}
	src, err := gar.OpenZip("gar_xml.zip")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer src.Close()
	// One region per call keeps the staged load within memory.
	rep, st, err := postgres.BulkLoad(ctx, pool, src, gar.LoadOptions{Regions: []string{"66"}}, postgres.BulkOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.Objects, "objects,", st.Relations, "relations")

	repo := postgres.NewAddressRepository(pool)
	res, err := repo.Search(ctx, address.Query{Level: address.LevelStreet, Name: "Лен", Match: address.MatchPrefix})
	if err != nil || len(res.IDs) == 0 {
		fmt.Println(res.Total, err)
		return
	}
	full, err := repo.Full(ctx, res.IDs[0], address.FullOptions{Style: address.FullStyle()})
	fmt.Println(full, err)
}
