package layout_test

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/internal/testenv"
)

const module = "github.com/openzhkh/zhkh"

// domains are the domain packages and the domain packages each may import.
var domains = map[string][]string{
	"address":     {},
	"document":    {},
	"subject":     {"document", "address"},
	"application": {"subject", "document", "address"},
	"gis":         {},
	"print":       {"address", "subject", "document", "application"},
}

// allowed are the libraries DESIGN.md allows; every other module needs a
// line here and a reason in the closing note of the change that adds it.
var allowed = []string{
	"github.com/google/uuid",
	"github.com/shopspring/decimal",
	"github.com/go-playground/validator/v10",
	"github.com/beevik/etree",
	"github.com/jackc/pgx/v5",
	"github.com/go-chi/chi/v5",
	"github.com/stretchr/testify",
	// Schema migrations of adapters/postgres (issue 8): embedded SQL files,
	// an advisory-locked version table, up and down.
	"github.com/pressly/goose/v3",
}

// infrastructure may never be imported by domain code.
var infrastructure = []string{module + "/adapters", module + "/examples", "github.com/jackc/pgx", "github.com/go-chi/chi"}

// topLevel is everything allowed at the root of the module.
var topLevel = []string{"address", "subject", "document", "application", "gis", "print", "adapters", "examples",
	"internal", "go.mod", "go.sum", "doc.go", "README.md", "LICENSE"}

type pkg struct {
	ImportPath   string
	Imports      []string
	TestImports  []string
	XTestImports []string
	Deps         []string
	Standard     bool
	Module       *struct{ Path string }
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-test=false", "-json", module+"/...")
	cmd.Dir = moduleRoot(t)
	out, err := cmd.Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		t.Fatalf("go list: %v\n%s", err, ee.Stderr)
	}
	require.NoError(t, err)
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else {
			require.NoError(t, err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := testenv.ModuleRoot()
	require.NoError(t, err)
	return root
}

// domainOf returns the domain a package of the module belongs to, or "".
func domainOf(path string) string {
	rest, ok := strings.CutPrefix(path, module+"/")
	if !ok {
		return ""
	}
	top, _, _ := strings.Cut(rest, "/")
	if _, ok := domains[top]; ok {
		return top
	}
	return ""
}

func TestDomainImports(t *testing.T) {
	t.Parallel()
	for _, p := range listPackages(t) {
		d := domainOf(p.ImportPath)
		if d == "" {
			continue
		}
		for _, imp := range p.Imports {
			if other := domainOf(imp); other != "" && other != d && !slices.Contains(domains[d], other) {
				t.Errorf("%s imports %s: %s may import only %v", p.ImportPath, imp, d, domains[d])
			}
		}
		for _, dep := range p.Deps {
			for _, bad := range infrastructure {
				if dep == bad || strings.HasPrefix(dep, bad+"/") {
					t.Errorf("%s depends on %s: domain code never imports adapters, examples, pgx or chi", p.ImportPath, dep)
				}
			}
		}
	}
}

func TestLibrariesAreAllowed(t *testing.T) {
	t.Parallel()
	for _, p := range listPackages(t) {
		if !strings.HasPrefix(p.ImportPath, module) {
			continue
		}
		imports := slices.Concat(p.Imports, p.TestImports, p.XTestImports)
		for _, imp := range imports {
			if !strings.Contains(strings.Split(imp, "/")[0], ".") || strings.HasPrefix(imp, module) {
				continue // the standard library or the module itself
			}
			if !slices.ContainsFunc(allowed, func(a string) bool { return imp == a || strings.HasPrefix(imp, a+"/") }) {
				t.Errorf("%s imports %s, which is not an allowed library (see DESIGN.md)", p.ImportPath, imp)
			}
		}
	}
}

func TestTopLevel(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir(moduleRoot(t))
	require.NoError(t, err)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || slices.Contains(topLevel, e.Name()) {
			continue
		}
		t.Errorf("%s stands at the top level; DESIGN.md allows only %v and dotfiles", e.Name(), topLevel)
	}
}

func TestEveryPackageHasDocGo(t *testing.T) {
	t.Parallel()
	root := moduleRoot(t)
	for _, p := range listPackages(t) {
		rest, ok := strings.CutPrefix(p.ImportPath, module)
		if !ok {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(rest), "doc.go")); err != nil {
			t.Errorf("%s has no doc.go", p.ImportPath)
		}
	}
}
