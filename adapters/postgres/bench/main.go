package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
)

// seed of the generated region; both halves of the comparison use it.
const seed = 42

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: bench gen|migrate|copy|load [flags]")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	n := fs.Int("n", 1_000_000, "objects in the generated region")
	out := fs.String("out", ".", "folder of the CSV files (gen)")
	url := fs.String("url", "", "connection string (migrate, copy, load)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	switch args[0] {
	case "gen":
		return gen(addresstest.Generate(seed, *n), *out)
	case "migrate", "load", "copy":
		pool, err := pgxpool.New(ctx, *url)
		if err != nil {
			return err
		}
		defer pool.Close()
		switch args[0] {
		case "migrate":
			return postgres.Migrate(ctx, pool)
		case "copy":
			return copyGraph(ctx, pool, addresstest.Generate(seed, *n))
		}
		return load(ctx, pool, addresstest.Generate(seed, *n))
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// load bulk-loads the dataset and prints the rows and the seconds.
func load(ctx context.Context, pool *pgxpool.Pool, d *addresstest.Dataset) error {
	began := time.Now()
	st, err := postgres.BulkImport(ctx, pool, func(ctx context.Context, g *address.Graph) error {
		return g.Apply(ctx, d.Batch())
	}, postgres.BulkOptions{})
	if err != nil {
		return err
	}
	total := time.Since(began)
	fmt.Printf("rows=%d seconds=%.3f stage=%.3f copy=%.3f analyze=%.3f commit=%.3f fresh=%t\n",
		st.Objects+st.Relations, total.Seconds(), st.Stage.Seconds(), st.Copy.Seconds(), st.Analyze.Seconds(), st.Commit.Seconds(), st.Fresh)
	return nil
}

// copyGraph applies the dataset to the memory adapter, untimed, as the
// CSV files of psql are written untimed, then copies it and prints the
// rows and the seconds.
func copyGraph(ctx context.Context, pool *pgxpool.Pool, d *addresstest.Dataset) error {
	mem := memory.NewAddressRepository()
	ids := func() (uuid.UUID, error) { return uuid.Nil, errors.New("every generated object has an ID") }
	if err := address.NewGraph(mem, ids).Apply(ctx, d.Batch()); err != nil {
		return err
	}
	began := time.Now()
	st, err := postgres.CopyGraph(ctx, pool, mem, postgres.BulkOptions{})
	if err != nil {
		return err
	}
	fmt.Printf("rows=%d seconds=%.3f copy=%.3f analyze=%.3f commit=%.3f fresh=%t\n",
		st.Objects+st.Relations, time.Since(began).Seconds(), st.Copy.Seconds(), st.Analyze.Seconds(), st.Commit.Seconds(), st.Fresh)
	return nil
}

// gen writes the objects and the relations of d as CSV rows of
// address_object and address_relation.
func gen(d *addresstest.Dataset, dir string) error {
	rows := func(name string, fn func(w *csv.Writer) error) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(f, 1<<20)
		w := csv.NewWriter(bw)
		err = fn(w)
		w.Flush()
		return errors.Join(err, w.Error(), bw.Flush(), f.Close())
	}
	err := rows("objects.csv", func(w *csv.Writer) error {
		for _, o := range d.Objects {
			var elems string
			if len(o.Elements) > 0 {
				b, err := json.Marshal(o.Elements)
				if err != nil {
					return err
				}
				elems = string(b)
			}
			gar := o.GARLevel
			if gar == 0 {
				gar = o.Level.GAR()
			}
			if err := w.Write([]string{
				o.ID.String(), optUUID(o.FIASGUID), optInt(o.GARObjectID), strconv.Itoa(int(o.Level)), strconv.Itoa(int(gar)),
				o.Type, o.Name, address.Fold(o.Name), elems, o.PostalCode, o.OKATO, o.OKTMO, o.CadastralNumber,
				day(o.Start, "-infinity"), day(o.End, "infinity"),
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return rows("relations.csv", func(w *csv.Writer) error {
		for _, r := range d.Relations {
			if err := w.Write([]string{r.Child.String(), strconv.Itoa(int(r.Hierarchy)), day(r.Start, "-infinity"),
				r.Parent.String(), day(r.End, "infinity")}); err != nil {
				return err
			}
		}
		return nil
	})
}

// optUUID is an empty field (NULL in CSV) for the nil UUID.
func optUUID(u uuid.UUID) string {
	if u == uuid.Nil {
		return ""
	}
	return u.String()
}

func optInt(v int64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatInt(v, 10)
}

func day(d address.Date, open string) string {
	if d.IsZero() {
		return open
	}
	return d.String()
}
