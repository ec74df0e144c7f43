package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
	"github.com/openzhkh/zhkh/address/gar"
	"github.com/openzhkh/zhkh/address/gar/gartest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr, isTerminal(os.Stderr)); err != nil {
		fmt.Fprintln(os.Stderr, "garload:", err)
		os.Exit(1)
	}
}

// config is what the flags say.
type config struct {
	dir, zip  string
	regions   []string
	hierarchy address.Hierarchy
	style     address.Style
	lenient   bool
	list      bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("garload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	var regions, hierarchy, style string
	fs.StringVar(&c.dir, "dir", "", "read the GAR files below `DIR`")
	fs.StringVar(&c.zip, "zip", "", "read the GAR files inside the zip archive `FILE`")
	fs.StringVar(&regions, "region", "", "load only these regions, such as 02,72")
	fs.StringVar(&hierarchy, "hierarchy", "adm", "adm (administrative) or mun (municipal)")
	fs.StringVar(&style, "style", "short", "short or full type names")
	fs.BoolVar(&c.lenient, "lenient", false, "report bad or dangling records on stderr and go on")
	fs.BoolVar(&c.list, "list", false, "print <OBJECTGUID><TAB><full address> for every house, premise and room")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if c.dir != "" && c.zip != "" {
		return c, errors.New("give -dir or -zip, not both")
	}
	for r := range strings.SplitSeq(regions, ",") {
		if r = strings.TrimSpace(r); r != "" {
			c.regions = append(c.regions, fmt.Sprintf("%02s", r))
		}
	}
	switch hierarchy {
	case "adm":
		c.hierarchy = address.HierarchyAdministrative
	case "mun":
		c.hierarchy = address.HierarchyMunicipal
	default:
		return c, fmt.Errorf("-hierarchy must be adm or mun, not %q", hierarchy)
	}
	switch style {
	case "short":
		c.style = address.ShortStyle()
	case "full":
		c.style = address.FullStyle()
	default:
		return c, fmt.Errorf("-style must be short or full, not %q", style)
	}
	return c, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, terminal bool) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	src, cleanup, err := open(c, stderr)
	if err != nil {
		return err
	}
	defer cleanup()

	repo := memory.NewAddressRepository()
	graph := address.NewGraph(repo, uuid.NewV7)
	bar := &progressBar{w: stderr, terminal: terminal}
	start := time.Now()
	rep, err := gar.Load(ctx, src, graph, gar.LoadOptions{Regions: c.regions, Lenient: c.lenient, Progress: bar.show})
	bar.done()
	if err != nil {
		return fmt.Errorf("loading: %w", err)
	}
	elapsed := time.Since(start)
	for _, p := range rep.Problems {
		fmt.Fprintln(stderr, "пропущено:", p)
	}
	ix, err := address.BuildIndex(ctx, repo)
	if err != nil {
		return fmt.Errorf("indexing: %w", err)
	}
	opts := address.FullOptions{Hierarchy: c.hierarchy, Style: c.style}
	if c.list {
		return list(ix, opts, stdout)
	}
	return summary(ix, rep, elapsed, opts, stdout)
}

// open returns the source the flags name, or a synthetic one.
func open(c config, stderr io.Writer) (*gar.Source, func(), error) {
	switch {
	case c.dir != "":
		src, err := gar.OpenDir(c.dir)
		return src, func() { _ = src.Close() }, err
	case c.zip != "":
		src, err := gar.OpenZip(c.zip)
		if err != nil {
			return nil, nil, err
		}
		return src, func() { _ = src.Close() }, nil
	}
	dir, err := os.MkdirTemp("", "garload-")
	if err != nil {
		return nil, nil, err
	}
	cleanup := func() { _ = os.RemoveAll(dir) }
	regions := []gartest.Region{
		{Code: "66", Data: addresstest.Generate(66, 6000)},
		{Code: "02", Data: renamed(addresstest.Generate(2, 4000), "респ.", "Башкортостан")},
		{Code: "72", Data: renamed(addresstest.Generate(72, 3000), "обл.", "Тюменская")},
	}
	if _, err := gartest.Write(dir, regions, gartest.Options{History: true}); err != nil {
		cleanup()
		return nil, nil, fmt.Errorf("writing the synthetic dataset: %w", err)
	}
	fmt.Fprintf(stderr, "no -dir or -zip: loading a synthetic GAR dataset of regions 66, 02 and 72 written to %s\n", dir)
	src, err := gar.OpenDir(dir)
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	return src, func() { _ = src.Close(); cleanup() }, nil
}

// renamed gives the region of a generated dataset another type and name.
func renamed(d *addresstest.Dataset, typ, name string) *addresstest.Dataset {
	for i := range d.Objects {
		if d.Objects[i].Level == address.LevelRegion {
			d.Objects[i].Type, d.Objects[i].Name = typ, name
		}
	}
	return d
}

// addressed is an object with its full address.
type addressed struct {
	id   uuid.UUID
	full string
}

// addresses returns the full addresses of the active objects of the
// levels, ordered by address and then ID.
func addresses(ix *address.Index, opts address.FullOptions, levels ...address.Level) ([]addressed, error) {
	var out []addressed
	for _, level := range levels {
		for offset := 0; ; offset += address.MaxLimit {
			res, err := ix.Search(address.Query{Level: level, ActiveOnly: true, Offset: offset, Limit: address.MaxLimit})
			if err != nil {
				return nil, err
			}
			for _, id := range res.IDs {
				s, err := ix.Full(id, opts)
				if err != nil {
					return nil, err
				}
				out = append(out, addressed{id, s})
			}
			if offset+address.MaxLimit >= res.Total {
				break
			}
		}
	}
	slices.SortFunc(out, func(a, b addressed) int {
		return cmp.Or(strings.Compare(a.full, b.full), slices.Compare(a.id[:], b.id[:]))
	})
	return out, nil
}

func list(ix *address.Index, opts address.FullOptions, stdout io.Writer) error {
	all, err := addresses(ix, opts, address.LevelHouse, address.LevelPremise, address.LevelRoom)
	if err != nil {
		return err
	}
	for _, a := range all {
		if _, err := fmt.Fprintf(stdout, "%s\t%s\n", a.id, a.full); err != nil {
			return err
		}
	}
	return nil
}

func summary(ix *address.Index, rep *gar.Report, elapsed time.Duration, opts address.FullOptions, stdout io.Writer) error {
	w := &errWriter{w: stdout}
	w.printf("read %d files, %.1f MB in %s (%.1f MB/s)\n", rep.Files, float64(rep.Bytes)/1e6, elapsed.Round(time.Millisecond),
		float64(rep.Bytes)/1e6/max(elapsed.Seconds(), 1e-9))
	kinds := slices.Sorted(func(yield func(gar.Kind) bool) {
		for k := range rep.Records {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range kinds {
		w.printf("  %-20s %8d records\n", k, rep.Records[k])
	}
	w.printf("loaded %d types, %d objects, %d relations; %d records left out\n", rep.Types, rep.Objects, rep.Relations, len(rep.Problems))
	for level := address.LevelRegion; level <= address.LevelRoom; level++ {
		res, err := ix.Search(address.Query{Level: level, Limit: 1})
		if err != nil {
			return err
		}
		w.printf("  %-26s %8d\n", level, res.Total)
	}
	regions, err := addresses(ix, opts, address.LevelRegion)
	if err != nil {
		return err
	}
	for _, r := range regions {
		w.printf("region %s  %s\n", r.id, r.full)
	}
	if n := ix.Dangling(); n > 0 {
		w.printf("%d relations name objects that are not loaded\n", n)
	}
	for _, level := range []address.Level{address.LevelHouse, address.LevelPremise, address.LevelRoom} {
		all, err := addresses(ix, opts, level)
		if err != nil {
			return err
		}
		if len(all) == 0 {
			continue
		}
		w.printf("sample %s addresses:\n", level)
		for i := 0; i < 3 && i < len(all); i++ {
			a := all[i*len(all)/3]
			w.printf("  %s  %s\n", a.id, a.full)
		}
	}
	return w.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// progressBar draws the load's progress on stderr.
type progressBar struct {
	w        io.Writer
	terminal bool
	lastPct  int
	drawn    bool
}

func (p *progressBar) show(pr gar.Progress) {
	pct := int(pr.Fraction() * 100)
	if p.terminal {
		const width = 40
		n := pct * width / 100
		fmt.Fprintf(p.w, "\r[%s%s] %3d%%  %d/%d files, %.1f/%.1f MB", strings.Repeat("#", n), strings.Repeat(".", width-n),
			pct, pr.FilesDone, pr.FilesTotal, float64(pr.BytesRead)/1e6, float64(pr.BytesTotal)/1e6)
		p.drawn = true
		return
	}
	if pct/10 > p.lastPct/10 || pr.FilesDone == pr.FilesTotal {
		if pct == p.lastPct && p.drawn {
			return
		}
		fmt.Fprintf(p.w, "progress: %d%%, %d/%d files, %.1f/%.1f MB\n", pct, pr.FilesDone, pr.FilesTotal,
			float64(pr.BytesRead)/1e6, float64(pr.BytesTotal)/1e6)
		p.lastPct, p.drawn = pct, true
	}
}

func (p *progressBar) done() {
	if p.terminal && p.drawn {
		fmt.Fprintln(p.w)
	}
}

// isTerminal reports whether f is a character device, such as a terminal.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
