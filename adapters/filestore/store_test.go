package filestore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/filestore"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/document/documenttest"
)

func newStore(t *testing.T) *filestore.Store {
	t.Helper()
	s, err := filestore.New(t.TempDir(), 64<<10)
	require.NoError(t, err)
	return s
}

func TestStore(t *testing.T) {
	t.Parallel()
	documenttest.RunScanStore(t, func(t *testing.T) document.ScanStore { return newStore(t) })
}

// files lists the regular files under root, relative to it.
func files(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	require.NoError(t, filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(root, p)
			require.NoError(t, err)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	}))
	return out
}

func TestLayout(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	data := documenttest.PDF(1, "layout")
	info, err := s.Put(t.Context(), bytes.NewReader(data))
	require.NoError(t, err)
	h := info.Hash
	require.Equal(t, []string{h[:2] + "/" + h[2:4] + "/" + h}, files(t, s.Root()), "the fan-out path, and no temporary file left")
	st, err := os.Stat(filepath.Join(s.Root(), h[:2], h[2:4], h))
	require.NoError(t, err)
	require.Equal(t, filestore.FileMode, st.Mode().Perm())
	dir, err := os.Stat(filepath.Join(s.Root(), h[:2]))
	require.NoError(t, err)
	require.Equal(t, filestore.DirMode, dir.Mode().Perm()&^umaskBits(t))

	_, err = s.Put(t.Context(), bytes.NewReader([]byte("not a scan")))
	require.ErrorIs(t, err, document.ErrInvalid)
	_, err = s.Put(t.Context(), bytes.NewReader(append(data, make([]byte, 64<<10)...)))
	require.True(t, document.HasCode(err, document.CodeScanTooLarge))
	require.Len(t, files(t, s.Root()), 1, "a refused Put left a file behind")
}

// umaskBits returns the permission bits the process umask clears, learnt
// from a folder made with 0o777.
func umaskBits(t *testing.T) fs.FileMode {
	t.Helper()
	p := filepath.Join(t.TempDir(), "probe")
	require.NoError(t, os.Mkdir(p, 0o777))
	st, err := os.Stat(p)
	require.NoError(t, err)
	return 0o777 &^ st.Mode().Perm()
}

func TestNewRemovesStaleTemporaryFiles(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	stale := filepath.Join(root, ".put-123")
	require.NoError(t, os.WriteFile(stale, []byte("%PDF-half"), 0o600))
	old := time.Now().Add(-2 * filestore.StaleTemp)
	require.NoError(t, os.Chtimes(stale, old, old))
	require.NoError(t, os.WriteFile(filepath.Join(root, ".put-456"), []byte("%PDF-running"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(root, "keep.txt"), []byte("x"), 0o600))
	s, err := filestore.New(root, 0)
	require.NoError(t, err)
	require.Equal(t, document.DefaultScanLimit, s.Limit())
	require.Equal(t, []string{".put-456", "keep.txt"}, files(t, root), "only the stale temporary file is removed")
}

func TestReopen(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	s1, err := filestore.New(root, 0)
	require.NoError(t, err)
	data := documenttest.PDF(4, "reopen")
	info, err := s1.Put(t.Context(), bytes.NewReader(data))
	require.NoError(t, err)
	s2, err := filestore.New(root, 0)
	require.NoError(t, err)
	got, err := s2.Stat(t.Context(), info.Hash)
	require.NoError(t, err)
	require.Equal(t, info, got, "a scan survives a new Store over the folder")
}

func TestDamagedFile(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	info, err := s.Put(t.Context(), bytes.NewReader(documenttest.PNG("damaged")))
	require.NoError(t, err)
	p := filepath.Join(s.Root(), info.Hash[:2], info.Hash[2:4], info.Hash)
	require.NoError(t, os.Chmod(p, 0o600))
	require.NoError(t, os.WriteFile(p, documenttest.PNG("other"), 0o600))
	_, err = s.Stat(t.Context(), info.Hash)
	require.Error(t, err)
	require.NotErrorIs(t, err, document.ErrInvalid, "damage on disk is no fault of the caller's input")
	require.True(t, strings.Contains(err.Error(), "damaged"), "%v", err)

	again, err := s.Put(t.Context(), bytes.NewReader(documenttest.PNG("damaged")))
	require.NoError(t, err)
	require.Equal(t, info, again)
}

func TestManyStoresOneFolder(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	data := documenttest.JPEG(strings.Repeat("x", 10000))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			s, err := filestore.New(root, 0)
			if !assert.NoError(t, err) {
				return
			}
			_, err = s.Put(t.Context(), bytes.NewReader(data))
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	s, err := filestore.New(root, 0)
	require.NoError(t, err)
	require.Len(t, files(t, root), 1)
	info, err := s.Stat(t.Context(), documenttestSum(data))
	require.NoError(t, err)
	require.Equal(t, int64(len(data)), info.Size)
}

func documenttestSum(b []byte) string {
	in := document.NewInspector(0)
	_, _ = in.Write(b)
	info, _ := in.Info()
	return info.Hash
}

func ExampleStore_Put() {
	dir, err := os.MkdirTemp("", "scans")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	store, err := filestore.New(dir, 10<<20)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	info, err := store.Put(ctx, bytes.NewReader(documenttest.PDF(3, "выписка из ЕГРН")))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(info.MediaType, info.Pages, "pages")
	again, _ := store.Put(ctx, bytes.NewReader(documenttest.PDF(3, "выписка из ЕГРН")))
	fmt.Println(again == info)
	_, err = store.Put(ctx, strings.NewReader("MZ\x90\x00 исполняемый файл"))
	fmt.Println(errors.Is(err, document.ErrInvalid), document.HasCode(err, document.CodeScanMediaType))
	// Output:
	// application/pdf 3 pages
	// true
	// true true
}
