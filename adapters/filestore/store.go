package filestore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/internal/fault"
)

// The permissions of what the store creates.
const (
	// FileMode is the mode of scan files: the owner reads and writes, the
	// group reads.
	FileMode fs.FileMode = 0o640
	// DirMode is the mode of the fan-out folders.
	DirMode fs.FileMode = 0o750
)

// StaleTemp is the age after which New takes a temporary file for the
// leftover of a crashed Put and removes it. Younger ones may belong to a
// Put running in another Store over the same folder.
const StaleTemp = time.Hour

// tmpPrefix starts the names of temporary files; they sit in the root,
// on the same file system as the scans, so that a rename is atomic.
const tmpPrefix = ".put-"

// Store is a document.ScanStore over a folder. It is safe for concurrent
// use, also by several processes sharing the folder: content-addressed
// files are never changed once in place, and Puts of the same content
// rename identical files over each other.
type Store struct {
	root  string
	limit int64
}

var _ document.ScanStore = (*Store)(nil)

// New returns a store in the folder root, creating it when it is missing,
// for scans of at most limit bytes (zero or less means
// document.DefaultScanLimit). It removes the temporary files older than
// StaleTemp that a crashed Put left behind.
func New(root string, limit int64) (*Store, error) {
	if limit <= 0 {
		limit = document.DefaultScanLimit
	}
	if err := os.MkdirAll(root, DirMode); err != nil {
		return nil, fmt.Errorf("filestore: %w", err)
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("filestore: %w", err)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return nil, fmt.Errorf("filestore: %w", err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), tmpPrefix) {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > StaleTemp {
			_ = os.Remove(filepath.Join(abs, e.Name()))
		}
	}
	return &Store{root: abs, limit: limit}, nil
}

// Limit returns the largest size of a scan the store accepts.
func (s *Store) Limit() int64 { return s.limit }

// Root returns the absolute path of the store's folder.
func (s *Store) Root() string { return s.root }

// path returns the file of a hash that document.ValidHash accepted.
func (s *Store) path(hash string) string {
	return filepath.Join(s.root, hash[0:2], hash[2:4], hash)
}

// Put streams the content into a temporary file and renames it into place.
func (s *Store) Put(ctx context.Context, r io.Reader) (info document.ScanInfo, err error) {
	if err := ctx.Err(); err != nil {
		return document.ScanInfo{}, err
	}
	tmp, err := os.CreateTemp(s.root, tmpPrefix+"*")
	if err != nil {
		return document.ScanInfo{}, fmt.Errorf("filestore: %w", err)
	}
	tmpName := tmp.Name()
	defer func() {
		if tmp != nil {
			_ = tmp.Close()
		}
		if err != nil {
			_ = os.Remove(tmpName)
		}
	}()
	in := document.NewInspector(s.limit)
	if _, err := io.Copy(io.MultiWriter(in, tmp), io.LimitReader(document.ContextReader(ctx, r), s.limit+1)); err != nil {
		return document.ScanInfo{}, wrapIO(err)
	}
	if info, err = in.Info(); err != nil {
		return document.ScanInfo{}, err
	}
	if err := tmp.Chmod(FileMode); err != nil {
		return document.ScanInfo{}, fmt.Errorf("filestore: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return document.ScanInfo{}, fmt.Errorf("filestore: %w", err)
	}
	if err := tmp.Close(); err != nil {
		tmp = nil
		return document.ScanInfo{}, fmt.Errorf("filestore: %w", err)
	}
	tmp = nil
	if err := ctx.Err(); err != nil {
		return document.ScanInfo{}, err
	}
	final := s.path(info.Hash)
	if st, err := os.Stat(final); err == nil && st.Mode().IsRegular() && st.Size() == info.Size {
		_ = os.Remove(tmpName) // the same content is in place already
		return info, nil
	}
	if err := s.mkdirs(info.Hash); err != nil {
		return document.ScanInfo{}, err
	}
	if err := os.Rename(tmpName, final); err != nil {
		return document.ScanInfo{}, fmt.Errorf("filestore: %w", err)
	}
	if err := syncDir(filepath.Dir(final)); err != nil {
		return document.ScanInfo{}, err
	}
	return info, nil
}

// mkdirs creates the fan-out folders of the hash, fsyncing each parent
// whose entries change.
func (s *Store) mkdirs(hash string) error {
	dir := s.root
	for _, part := range []string{hash[0:2], hash[2:4]} {
		sub := filepath.Join(dir, part)
		err := os.Mkdir(sub, DirMode)
		switch {
		case err == nil:
			if err := syncDir(dir); err != nil {
				return err
			}
		case errors.Is(err, fs.ErrExist):
		default:
			return fmt.Errorf("filestore: %w", err)
		}
		dir = sub
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("filestore: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("filestore: syncing %s: %w", dir, err)
	}
	return nil
}

// wrapIO keeps validation and context errors as they are and marks others
// as coming from the store.
func wrapIO(err error) error {
	if errors.Is(err, document.ErrInvalid) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("filestore: %w", err)
}

// scanNotFound is the error of a hash no scan has; cause is the error of
// the file system, which names the file.
func scanNotFound(cause error) error {
	return &fault.Error{Kind: fault.NotFound, Code: document.CodeScanNotFound,
		Message: "Электронный образ документа не найден", Err: cause}
}

func (s *Store) open(ctx context.Context, hash string) (*os.File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := document.CheckHash(hash); err != nil {
		return nil, err
	}
	f, err := os.Open(s.path(hash))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, scanNotFound(err)
	}
	if err != nil {
		return nil, fmt.Errorf("filestore: %w", err)
	}
	return f, nil
}

// Get opens the file of the scan with the hash. A missing scan gives an
// error matching document.ErrNotFound with the code
// document.CodeScanNotFound, as in Stat and Delete.
func (s *Store) Get(ctx context.Context, hash string) (io.ReadCloser, error) {
	return s.open(ctx, hash)
}

// Stat reads the scan with the hash once to learn its info: the media
// type and page count are not kept apart from the content.
func (s *Store) Stat(ctx context.Context, hash string) (document.ScanInfo, error) {
	f, err := s.open(ctx, hash)
	if err != nil {
		return document.ScanInfo{}, err
	}
	defer f.Close()
	in := document.NewInspector(1 << 62) // a smaller limit may have been in force when it was put
	if _, err := io.Copy(in, document.ContextReader(ctx, f)); err != nil {
		return document.ScanInfo{}, wrapIO(err)
	}
	info, err := in.Info()
	if err != nil {
		return document.ScanInfo{}, fmt.Errorf("filestore: scan %s is damaged: %v", hash, err)
	}
	if info.Hash != hash {
		return document.ScanInfo{}, fmt.Errorf("filestore: scan %s is damaged: its content hashes to %s", hash, info.Hash)
	}
	return info, nil
}

// Delete removes the file of the scan with the hash. The fan-out folders
// stay.
func (s *Store) Delete(ctx context.Context, hash string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := document.CheckHash(hash); err != nil {
		return err
	}
	p := s.path(hash)
	err := os.Remove(p)
	if errors.Is(err, fs.ErrNotExist) {
		return scanNotFound(err)
	}
	if err != nil {
		return fmt.Errorf("filestore: %w", err)
	}
	return syncDir(filepath.Dir(p))
}
