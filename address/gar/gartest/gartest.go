package gartest

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
	"github.com/openzhkh/zhkh/address/gar"
)

// Region is one region to write: its two-digit code, such as "66" or
// "02", which names its folder, and its data.
type Region struct {
	Code string
	Data *addresstest.Dataset
}

// Options shape the files written.
type Options struct {
	// Date is the date of the distribution: it is written in the file
	// names and as UPDATEDATE of the data records. The zero Date stands
	// for 2026-01-26.
	Date address.Date
	// SingleLine writes each file as one line, as the tax service does,
	// instead of one record a line.
	SingleLine bool
	// BOM starts each file with a UTF-8 byte order mark, as the tax
	// service does.
	BOM bool
	// History adds what a real full distribution holds besides the
	// current state. About 2% of the houses get an older version
	// (ISACTUAL=0, ISACTIVE=0, another HOUSENUM, ending on the day the
	// current version starts) chained to the current one by PREVID and
	// NEXTID. Relations of the dataset that have ended (the streets that
	// moved) are written as hierarchy rows with their ENDDATE and, as in
	// the real files, ISACTIVE=0, chained to the rows that replaced them;
	// their PATH runs through the parents of the day they started. Each region gets one deleted house that
	// is not in the dataset (its actual version has ISACTUAL=1, ISACTIVE=0
	// and OPERTYPEID 30; Manifest.Retired lists it). Without History only
	// the relations without an end are written.
	History bool
}

// Manifest tells what Write or WriteZip wrote.
type Manifest struct {
	// Files are the slash-separated paths of the files relative to the
	// root of the layout, in the order they were written: the catalogs,
	// then the files of each region.
	Files []string
	// Records counts the records written per kind of file, over all
	// regions; every version and every hierarchy row counts.
	Records map[gar.Kind]int
	// ObjectIDs gives the OBJECTID written for each object, by the ID of
	// the object in its dataset; the deleted houses added by
	// Options.History are there too, by their OBJECTGUID.
	ObjectIDs map[uuid.UUID]int64
	// Retired lists the OBJECTGUIDs of the deleted houses added by
	// Options.History, one per region, in the order of the regions.
	Retired []uuid.UUID
}

// Write writes the regions below dir in the layout of a published GAR
// distribution: the catalogs at the root (AS_OBJECT_LEVELS,
// AS_ADDR_OBJ_TYPES, AS_HOUSE_TYPES, AS_ADDHOUSE_TYPES,
// AS_APARTMENT_TYPES, AS_ROOM_TYPES, AS_PARAM_TYPES, AS_OPERATION_TYPES)
// and, in a folder per region named by its code, AS_ADDR_OBJ, AS_HOUSES,
// AS_STEADS, AS_APARTMENTS, AS_ROOMS, AS_CARPLACES, AS_REESTR_OBJECTS,
// AS_ADM_HIERARCHY, AS_MUN_HIERARCHY and the six AS_*_PARAMS files (empty
// files are an empty root). Files are named AS_<KIND>_<YYYYMMDD>_<uuid>.XML
// with a uuid derived from the region, the kind and the date, so that
// the same input always gives the same, byte-identical files. Write
// creates dir when needed and overwrites files of the same names.
//
// Each object gets an OBJECTID unique over all the regions of the call
// (the GARObjectID of the datasets is not used: it restarts at 1 in each
// generated dataset) and its OBJECTGUID is its FIASGUID, or its ID when
// that is zero. Write fails, having written nothing, when a region code
// is not two digits or repeats, a dataset is missing, an object ID
// repeats, a relation names an unknown object, an object has a GAR level
// out of 1–17 or a house has more than two elements; it fails midway when
// a hierarchy has a cycle or a file cannot be written.
func Write(dir string, regions []Region, opts Options) (*Manifest, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("gartest: %w", err)
	}
	return write(&dirSink{dir: dir}, regions, opts)
}

// WriteZip writes the same files as Write, in the same layout, into a
// zip archive written to w (gar.OpenZip and gar.NewZip read it). The
// archive entries are deflated and dated by Options.Date, so the archive
// too is the same for the same input.
func WriteZip(w io.Writer, regions []Region, opts Options) (*Manifest, error) {
	if opts.Date.IsZero() {
		opts.Date = defaultDate
	}
	zs := &zipSink{zw: zip.NewWriter(w), modified: opts.Date.Time(time.UTC)}
	m, err := write(zs, regions, opts)
	if cerr := zs.zw.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("gartest: %w", cerr)
	}
	if err != nil {
		return nil, err
	}
	return m, nil
}

// FileName returns the name of a file of the kind dated d, written for
// the region ("" for a catalog): AS_<KIND>_<YYYYMMDD>_<uuid>.XML with the
// uuid Write uses.
func FileName(region string, kind gar.Kind, d address.Date) string {
	ymd := fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
	id := uuid.NewSHA1(namespace, []byte(region+"/"+string(kind)+"/"+ymd))
	return "AS_" + string(kind) + "_" + ymd + "_" + id.String() + ".XML"
}

// namespace is the namespace of the name-based UUIDs the package makes.
var namespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/openzhkh/zhkh/address/gar/gartest"))

// sink receives the files one at a time.
type sink interface {
	create(path string) (io.Writer, error)
	closeFile() error
}

type dirSink struct {
	dir string
	f   *os.File
}

func (s *dirSink) create(p string) (io.Writer, error) {
	full := filepath.Join(s.dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(full)
	if err != nil {
		return nil, err
	}
	s.f = f
	return f, nil
}

func (s *dirSink) closeFile() error {
	err := s.f.Close()
	s.f = nil
	return err
}

type zipSink struct {
	zw       *zip.Writer
	modified time.Time
}

func (s *zipSink) create(p string) (io.Writer, error) {
	return s.zw.CreateHeader(&zip.FileHeader{Name: p, Method: zip.Deflate, Modified: s.modified})
}

func (s *zipSink) closeFile() error { return nil }

// writer writes one layout.
type writer struct {
	opts       Options
	sink       sink
	m          *Manifest
	buf        *bufio.Writer
	nextObject int64
	nextChange int64
	nextID     map[string]int64 // version and row identifiers by counter name
}

// The first identifiers given. Object, version and change identifiers
// come from different ranges, so that mixing them up does not go unseen.
const (
	firstObjectID = 1_000_001
	firstChangeID = 5_000_001
)

func write(s sink, regions []Region, opts Options) (*Manifest, error) {
	if opts.Date.IsZero() {
		opts.Date = defaultDate
	}
	if !opts.Date.Valid() {
		return nil, fmt.Errorf("gartest: invalid date %v", opts.Date)
	}
	w := &writer{
		opts: opts,
		sink: s,
		m: &Manifest{
			Records:   make(map[gar.Kind]int),
			ObjectIDs: make(map[uuid.UUID]int64),
		},
		buf:        bufio.NewWriterSize(io.Discard, 64<<10),
		nextObject: firstObjectID,
		nextChange: firstChangeID,
		nextID:     make(map[string]int64),
	}
	plans := make([]*plan, 0, len(regions))
	codes := make(map[string]bool, len(regions))
	types := &addrTypeCatalog{used: make(map[addrTypeKey]string)}
	for _, r := range regions {
		if len(r.Code) != 2 || r.Code[0] < '0' || r.Code[0] > '9' || r.Code[1] < '0' || r.Code[1] > '9' {
			return nil, fmt.Errorf("gartest: region code %q is not two digits", r.Code)
		}
		if codes[r.Code] {
			return nil, fmt.Errorf("gartest: region %s given twice", r.Code)
		}
		codes[r.Code] = true
		if r.Data == nil {
			return nil, fmt.Errorf("gartest: region %s has no data", r.Code)
		}
		p, err := w.prepare(r, types)
		if err != nil {
			return nil, fmt.Errorf("gartest: region %s: %w", r.Code, err)
		}
		plans = append(plans, p)
	}
	if err := w.writeCatalogs(types.entries()); err != nil {
		return nil, err
	}
	for _, p := range plans {
		if err := w.writeRegion(p); err != nil {
			return nil, err
		}
	}
	return w.m, nil
}

// id returns the next identifier of the counter.
func (w *writer) id(counter string, n int) int64 {
	first := w.nextID[counter] + 1
	w.nextID[counter] += int64(n)
	return first
}

func (w *writer) change() int64 {
	w.nextChange++
	return w.nextChange - 1
}

// file writes one file of the kind, for the region or ("") at the root.
func (w *writer) file(region string, kind gar.Kind, body func(f *xmlFile) error) error {
	p := FileName(region, kind, w.opts.Date)
	if region != "" {
		p = path.Join(region, p)
	}
	out, err := w.sink.create(p)
	if err != nil {
		return fmt.Errorf("gartest: %w", err)
	}
	w.buf.Reset(out)
	f := newXMLFile(w.buf, kind.Root(), kind.Element(), &w.opts)
	berr := body(f)
	if berr == nil {
		f.close()
	}
	err = w.buf.Flush()
	if cerr := w.sink.closeFile(); err == nil {
		err = cerr
	}
	w.buf.Reset(io.Discard)
	if berr != nil {
		return fmt.Errorf("gartest: %s: %w", p, berr)
	}
	if err != nil {
		return fmt.Errorf("gartest: %w", err)
	}
	w.m.Files = append(w.m.Files, p)
	w.m.Records[kind] += f.records
	return nil
}

// records writes a file whose body cannot fail.
func (w *writer) records(region string, kind gar.Kind, body func(f *xmlFile)) error {
	return w.file(region, kind, func(f *xmlFile) error { body(f); return nil })
}

// regionNumber is the region code without a leading zero, as REGIONCODE
// has it.
func regionNumber(code string) string {
	if s := strings.TrimLeft(code, "0"); s != "" {
		return s
	}
	return "0"
}
