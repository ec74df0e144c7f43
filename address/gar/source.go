package gar

import (
	"archive/zip"
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/openzhkh/zhkh/address"
)

// File is one GAR file of a Source.
type File struct {
	// Kind is the kind taken from the file name, such as KindHouses.
	Kind Kind
	// Region is the two-digit code of the region, taken from the nearest
	// parent folder whose name is exactly two digits; "" for files outside
	// such folders (the root catalogs).
	Region string
	// Date is the date written in the file name (the date of the
	// distribution).
	Date address.Date
	// Path is the slash-separated path of the file relative to the root of
	// the Source.
	Path string
	// Size is the (uncompressed) size of the file in bytes.
	Size int64

	open func() (io.ReadCloser, error)
}

// Name returns the base name of the file, such as
// "AS_HOUSES_20260129_d00ea393-….XML".
func (f File) Name() string { return path.Base(f.Path) }

// Open opens the file for reading. Files of one Source may be opened and
// read concurrently; each call gives an independent reader, which the
// caller closes.
func (f File) Open() (io.ReadCloser, error) {
	if f.open == nil {
		return nil, fmt.Errorf("gar: file %q has no source", f.Path)
	}
	return f.open()
}

// Source lists the GAR files below a root: a directory (OpenDir) or a zip
// archive read in place (OpenZip). Files are recognised by name anywhere
// below the root: AS_<KIND>_<YYYYMMDD>_<uuid>.XML in any letter case.
// Files whose kind is unknown or whose name does not follow that pattern
// are not listed; Skipped tells their paths.
type Source struct {
	files   []File
	skipped []string
	closer  io.Closer
}

// OpenDir lists the GAR files below the directory dir. Symbolic links to
// files are followed, links to directories are not.
func OpenDir(dir string) (*Source, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("gar: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("gar: %s is not a directory", dir)
	}
	s := &Source{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		var size int64
		switch {
		case d.Type().IsRegular():
			fi, err := d.Info()
			if err != nil {
				return err
			}
			size = fi.Size()
		case d.Type()&fs.ModeSymlink != 0:
			fi, err := os.Stat(p)
			if err != nil || !fi.Mode().IsRegular() {
				return nil
			}
			size = fi.Size()
		default:
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		full := p
		s.add(filepath.ToSlash(rel), size, func() (io.ReadCloser, error) { return os.Open(full) })
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("gar: %w", err)
	}
	s.sort()
	return s, nil
}

// OpenZip lists the GAR files in the zip archive at name without
// unpacking it. Close the Source to close the archive.
func OpenZip(name string) (*Source, error) {
	zr, err := zip.OpenReader(name)
	if err != nil {
		return nil, fmt.Errorf("gar: %w", err)
	}
	s := newZip(&zr.Reader)
	s.closer = zr
	return s, nil
}

// NewZip lists the GAR files in the zip archive read from r, of size
// bytes. The caller keeps r open while the files are read.
func NewZip(r io.ReaderAt, size int64) (*Source, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("gar: %w", err)
	}
	return newZip(zr), nil
}

func newZip(zr *zip.Reader) *Source {
	s := &Source{}
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() {
			continue
		}
		p := strings.ReplaceAll(zf.Name, `\`, "/")
		s.add(p, int64(zf.UncompressedSize64), zf.Open)
	}
	s.sort()
	return s
}

func (s *Source) add(p string, size int64, open func() (io.ReadCloser, error)) {
	base := path.Base(p)
	if len(base) < 3 || !strings.EqualFold(base[:3], "AS_") {
		return
	}
	kind, date, ok := ParseFileName(base)
	if !ok || !kind.Known() {
		s.skipped = append(s.skipped, p)
		return
	}
	s.files = append(s.files, File{
		Kind:   kind,
		Region: regionOf(p),
		Date:   date,
		Path:   p,
		Size:   size,
		open:   open,
	})
}

func (s *Source) sort() {
	slices.SortFunc(s.files, func(a, b File) int {
		return cmp.Or(
			cmp.Compare(kindOrder[a.Kind], kindOrder[b.Kind]),
			cmp.Compare(a.Region, b.Region),
			cmp.Compare(a.Path, b.Path),
		)
	})
	slices.Sort(s.skipped)
}

// Files returns the files of the Source sorted by kind (in the order of
// Kinds), region and path. With regions given, it keeps the files outside
// region folders (the catalogs) and the files of those regions only; a
// one-digit code such as "2" stands for "02".
func (s *Source) Files(regions ...string) []File {
	if len(regions) == 0 {
		return slices.Clone(s.files)
	}
	want := make(map[string]bool, len(regions))
	for _, r := range regions {
		if len(r) == 1 {
			r = "0" + r
		}
		want[r] = true
	}
	var out []File
	for _, f := range s.files {
		if f.Region == "" || want[f.Region] {
			out = append(out, f)
		}
	}
	return out
}

// Regions returns the sorted codes of the regions that have files.
func (s *Source) Regions() []string {
	var out []string
	for _, f := range s.files {
		if f.Region != "" && !slices.Contains(out, f.Region) {
			out = append(out, f.Region)
		}
	}
	slices.Sort(out)
	return out
}

// Skipped returns the sorted paths of the files named AS_* that are not
// listed: an unknown kind or a name not of the form
// AS_<KIND>_<YYYYMMDD>_<uuid>.XML.
func (s *Source) Skipped() []string { return slices.Clone(s.skipped) }

// Close releases the archive of a zip Source; for a directory it does
// nothing. Files must not be opened after Close.
func (s *Source) Close() error {
	if s.closer == nil {
		return nil
	}
	err := s.closer.Close()
	s.closer = nil
	return err
}

// ParseFileName parses a GAR file name of the form
// AS_<KIND>_<YYYYMMDD>_<uuid>.XML, in any letter case, into its upper-cased
// kind and its date. It does not check that the kind is known (see
// Kind.Known).
func ParseFileName(name string) (Kind, address.Date, bool) {
	const suffix = 1 + 8 + 1 + 36 + 4 // _YYYYMMDD_<uuid>.XML
	if len(name) < 3+1+suffix || !strings.EqualFold(name[:3], "AS_") ||
		!strings.EqualFold(name[len(name)-4:], ".XML") {
		return "", address.Date{}, false
	}
	tail := name[len(name)-suffix:]
	if tail[0] != '_' || tail[9] != '_' || !isUUID(tail[10:46]) {
		return "", address.Date{}, false
	}
	ds := tail[1:9]
	for i := 0; i < len(ds); i++ {
		if ds[i] < '0' || ds[i] > '9' {
			return "", address.Date{}, false
		}
	}
	date := address.Date{
		Year:  atoiDigits(ds[0:4]),
		Month: time.Month(atoiDigits(ds[4:6])),
		Day:   atoiDigits(ds[6:8]),
	}
	if !date.Valid() {
		return "", address.Date{}, false
	}
	kind := name[3 : len(name)-suffix]
	if kind == "" {
		return "", address.Date{}, false
	}
	return Kind(strings.ToUpper(kind)), date, true
}

func atoiDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// regionOf returns the name of the nearest parent folder of p whose name
// is exactly two digits, or "".
func regionOf(p string) string {
	dir := path.Dir(p)
	for dir != "." && dir != "/" && dir != "" {
		b := path.Base(dir)
		if len(b) == 2 && b[0] >= '0' && b[0] <= '9' && b[1] >= '0' && b[1] <= '9' {
			return b
		}
		dir = path.Dir(dir)
	}
	return ""
}
