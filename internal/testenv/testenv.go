package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// InCI reports whether the tests run under CI.
func InCI() bool { return os.Getenv("CI") != "" }

// Missing skips the test with the reason, or fails it under CI.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if InCI() {
		t.Fatalf("CI: "+format, args...)
	}
	t.Skipf(format, args...)
}

// SharedDir returns the project's shared data folder: $ZHKH_SHARED_DIR, or
// ../shared beside the module root. When it does not exist the test is
// skipped, or failed under CI.
func SharedDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("ZHKH_SHARED_DIR")
	if dir == "" {
		root, err := ModuleRoot()
		if err != nil {
			t.Fatalf("finding the module root: %v", err)
		}
		dir = filepath.Join(root, "..", "shared")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		Missing(t, "shared data folder %s is not there (set ZHKH_SHARED_DIR)", dir)
	}
	return dir
}

// Command returns the path of the command, skipping the test (failing it
// under CI) when it is not on PATH.
func Command(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		Missing(t, "%s is not on PATH", name)
	}
	return path
}

// ModuleRoot returns the folder of the go.mod above the working directory.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
