package gartest_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
	"github.com/openzhkh/zhkh/address/gar"
	"github.com/openzhkh/zhkh/address/gar/gartest"
	"github.com/openzhkh/zhkh/internal/testenv"
)

// twoRegions are the regions most tests write.
func twoRegions() []gartest.Region {
	return []gartest.Region{
		{Code: "66", Data: addresstest.Generate(1, 3000)},
		{Code: "02", Data: addresstest.Generate(2, 2000)},
	}
}

var historyOpts = gartest.Options{History: true}

func writeDir(t *testing.T, regions []gartest.Region, opts gartest.Options) (string, *gartest.Manifest) {
	t.Helper()
	dir := t.TempDir()
	m, err := gartest.Write(dir, regions, opts)
	require.NoError(t, err)
	return dir, m
}

func openDir(t *testing.T, dir string) *gar.Source {
	t.Helper()
	src, err := gar.OpenDir(dir)
	require.NoError(t, err)
	require.Empty(t, src.Skipped())
	return src
}

var (
	catalogKinds = []gar.Kind{
		gar.KindObjectLevels, gar.KindAddrObjTypes, gar.KindHouseTypes, gar.KindAddHouseTypes,
		gar.KindApartmentTypes, gar.KindRoomTypes, gar.KindParamTypes, gar.KindOperationTypes,
	}
	regionKinds = []gar.Kind{
		gar.KindAddrObj, gar.KindHouses, gar.KindSteads, gar.KindApartments, gar.KindRooms, gar.KindCarPlaces,
		gar.KindReestrObjects, gar.KindAdmHierarchy, gar.KindMunHierarchy,
		gar.KindAddrObjParams, gar.KindHousesParams, gar.KindSteadsParams, gar.KindApartmentsParams,
		gar.KindRoomsParams, gar.KindCarPlacesParams,
	}
)

func TestWriteLayout(t *testing.T) {
	t.Parallel()
	dir, m := writeDir(t, twoRegions(), historyOpts)
	src := openDir(t, dir)
	files := src.Files()

	var paths []string
	got := make(map[string][]gar.Kind)
	for _, f := range files {
		paths = append(paths, f.Path)
		got[f.Region] = append(got[f.Region], f.Kind)
		assert.Equal(t, address.Date{Year: 2026, Month: time.January, Day: 26}, f.Date, f.Path)
		assert.Equal(t, gartest.FileName(f.Region, f.Kind, f.Date), f.Name())
		if f.Region != "" {
			assert.Equal(t, f.Region+"/"+f.Name(), f.Path)
		}
	}
	assert.ElementsMatch(t, m.Files, paths)
	assert.ElementsMatch(t, catalogKinds, got[""])
	assert.ElementsMatch(t, regionKinds, got["66"])
	assert.ElementsMatch(t, regionKinds, got["02"])
	assert.Equal(t, []string{"02", "66"}, src.Regions())
	assert.Len(t, m.Retired, 2)

	// Other dates go into the names.
	d := address.Date{Year: 2024, Month: time.March, Day: 1}
	m2, err := gartest.Write(t.TempDir(), twoRegions()[:1], gartest.Options{Date: d})
	require.NoError(t, err)
	assert.Contains(t, m2.Files[0], "_20240301_")
}

func TestWellFormedXML(t *testing.T) {
	t.Parallel()
	dir, _ := writeDir(t, twoRegions(), historyOpts)
	for _, f := range openDir(t, dir).Files() {
		rc, err := f.Open()
		require.NoError(t, err)
		dec := xml.NewDecoder(rc)
		var root string
		elems := 0
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			require.NoError(t, err, f.Path)
			if se, ok := tok.(xml.StartElement); ok {
				if root == "" {
					root = se.Name.Local
				} else {
					assert.Equal(t, f.Kind.Element(), se.Name.Local, f.Path)
					elems++
				}
			}
		}
		require.NoError(t, rc.Close())
		assert.Equal(t, f.Kind.Root(), root, f.Path)
	}
}

// validate checks the files below dir against the official XSD schemas
// with xmllint.
func validate(t *testing.T, dir string) {
	t.Helper()
	xmllint := testenv.Command(t, "xmllint")
	xsdDir := filepath.Join(testenv.SharedDir(t), "address", "gar-xsd")
	if _, err := os.Stat(xsdDir); err != nil {
		testenv.Missing(t, "the GAR schemas are not in %s", xsdDir)
	}
	bySchema := make(map[string][]string)
	for _, f := range openDir(t, dir).Files() {
		name := "AS_" + string(f.Kind) + "_2_*.xsd"
		switch {
		case f.Kind.IsParams():
			name = "AS_PARAM_2_*.xsd"
		case f.Kind == gar.KindAddHouseTypes:
			name = "AS_HOUSE_TYPES_2_*.xsd"
		}
		schemas, err := filepath.Glob(filepath.Join(xsdDir, name))
		require.NoError(t, err)
		require.Len(t, schemas, 1, "schema for %s", f.Kind)
		bySchema[schemas[0]] = append(bySchema[schemas[0]], filepath.Join(dir, filepath.FromSlash(f.Path)))
	}
	for _, schema := range slices.Sorted(maps.Keys(bySchema)) {
		args := append([]string{"--noout", "--schema", schema}, bySchema[schema]...)
		out, err := exec.Command(xmllint, args...).CombinedOutput()
		assert.NoError(t, err, "%s", out)
	}
}

func TestValidatesAgainstXSD(t *testing.T) {
	t.Parallel()
	dir, _ := writeDir(t, twoRegions(), historyOpts)
	validate(t, dir)
}

// decodeFile decodes every record of f with the typed decoder of its kind
// and passes each (reused) value to fn.
func decodeFile(t *testing.T, f gar.File, fn func(v gar.Decodable)) {
	t.Helper()
	rc, err := f.Open()
	require.NoError(t, err)
	defer rc.Close()
	sc := gar.NewScanner(rc, gar.WithFile(f.Name()), gar.WithKind(f.Kind))
	v := f.Kind.New()
	require.NotNil(t, v, f.Kind)
	for sc.Next() {
		require.NoError(t, v.DecodeRecord(sc.Record()))
		fn(v)
	}
	require.NoError(t, sc.Err(), f.Path)
}

// record is what the tests keep of a record of an object.
type record struct {
	kind               gar.Kind
	id, objectID       int64
	guid               uuid.UUID
	prev, next         int64
	start, end         address.Date
	actual, active     bool
	oper               int
	number, typeName   string
	level, typ         int
	add1, add2         string
	addType1, addType2 int
	region             string
	changeID           int64
	updateDate         address.Date
}

// decoded is a distribution read back.
type decoded struct {
	records   []record
	hier      map[gar.Kind][]gar.Hierarchy
	reestr    []gar.ReestrObject
	params    map[gar.Kind][]gar.Param
	addrTypes []gar.AddrObjType
	catalogs  map[gar.Kind]map[int]bool // type identifiers of the catalogs
	counts    map[gar.Kind]int
}

func decodeAll(t *testing.T, src *gar.Source) *decoded {
	t.Helper()
	d := &decoded{
		hier:     make(map[gar.Kind][]gar.Hierarchy),
		params:   make(map[gar.Kind][]gar.Param),
		catalogs: make(map[gar.Kind]map[int]bool),
		counts:   make(map[gar.Kind]int),
	}
	for _, f := range src.Files() {
		decodeFile(t, f, func(v gar.Decodable) {
			d.counts[f.Kind]++
			r := record{kind: f.Kind, region: f.Region}
			switch v := v.(type) {
			case *gar.AddrObj:
				r.id, r.objectID, r.guid, r.prev, r.next = v.ID, v.ObjectID, v.ObjectGUID, v.PrevID, v.NextID
				r.start, r.end, r.actual, r.active, r.oper = v.StartDate, v.EndDate, v.IsActual, v.IsActive, v.OperTypeID
				r.number, r.typeName, r.level, r.changeID, r.updateDate = v.Name, v.TypeName, v.Level, v.ChangeID, v.UpdateDate
			case *gar.House:
				r.id, r.objectID, r.guid, r.prev, r.next = v.ID, v.ObjectID, v.ObjectGUID, v.PrevID, v.NextID
				r.start, r.end, r.actual, r.active, r.oper = v.StartDate, v.EndDate, v.IsActual, v.IsActive, v.OperTypeID
				r.number, r.typ, r.changeID, r.updateDate = v.HouseNum, v.HouseType, v.ChangeID, v.UpdateDate
				r.add1, r.add2, r.addType1, r.addType2 = v.AddNum1, v.AddNum2, v.AddType1, v.AddType2
			case *gar.Apartment:
				r.id, r.objectID, r.guid, r.prev, r.next = v.ID, v.ObjectID, v.ObjectGUID, v.PrevID, v.NextID
				r.start, r.end, r.actual, r.active, r.oper = v.StartDate, v.EndDate, v.IsActual, v.IsActive, v.OperTypeID
				r.number, r.typ, r.changeID, r.updateDate = v.Number, v.ApartType, v.ChangeID, v.UpdateDate
			case *gar.Room:
				r.id, r.objectID, r.guid, r.prev, r.next = v.ID, v.ObjectID, v.ObjectGUID, v.PrevID, v.NextID
				r.start, r.end, r.actual, r.active, r.oper = v.StartDate, v.EndDate, v.IsActual, v.IsActive, v.OperTypeID
				r.number, r.typ, r.changeID, r.updateDate = v.Number, v.RoomType, v.ChangeID, v.UpdateDate
			case *gar.Stead, *gar.CarPlace:
				t.Errorf("%s: no steads or car places were written", f.Path)
				return
			case *gar.Hierarchy:
				d.hier[f.Kind] = append(d.hier[f.Kind], *v)
				return
			case *gar.ReestrObject:
				d.reestr = append(d.reestr, *v)
				return
			case *gar.Param:
				d.params[f.Kind] = append(d.params[f.Kind], *v)
				return
			case *gar.AddrObjType:
				d.addrTypes = append(d.addrTypes, *v)
				return
			case *gar.HouseType:
				d.catalogID(f.Kind, v.ID)
				return
			case *gar.ApartmentType:
				d.catalogID(f.Kind, v.ID)
				return
			case *gar.RoomType:
				d.catalogID(f.Kind, v.ID)
				return
			case *gar.ParamType:
				d.catalogID(f.Kind, v.ID)
				return
			case *gar.ObjectLevel:
				d.catalogID(f.Kind, v.Level)
				return
			case *gar.OperationType:
				d.catalogID(f.Kind, v.ID)
				return
			default:
				t.Errorf("%s: unexpected record %T", f.Path, v)
				return
			}
			d.records = append(d.records, r)
		})
	}
	return d
}

func (d *decoded) catalogID(k gar.Kind, id int) {
	if d.catalogs[k] == nil {
		d.catalogs[k] = make(map[int]bool)
	}
	d.catalogs[k][id] = true
}

// actual returns the actual record of each object by OBJECTID.
func (d *decoded) actual(t *testing.T) map[int64]record {
	t.Helper()
	out := make(map[int64]record)
	for _, r := range d.records {
		if !r.actual {
			continue
		}
		_, dup := out[r.objectID]
		assert.False(t, dup, "object %d has two actual versions", r.objectID)
		out[r.objectID] = r
	}
	return out
}

func TestReadBack(t *testing.T) {
	t.Parallel()
	regions := twoRegions()
	dir, m := writeDir(t, regions, historyOpts)
	d := decodeAll(t, openDir(t, dir))

	// Every record counted in the manifest was read.
	for k, n := range m.Records {
		assert.Equal(t, n, d.counts[k], k)
	}

	// The objects that exist are the datasets' objects, under the
	// OBJECTIDs of the manifest, with their IDs as OBJECTGUIDs.
	want := make(map[uuid.UUID]address.Object)
	for _, r := range regions {
		for _, o := range r.Data.Objects {
			want[o.ID] = o
		}
	}
	actual := d.actual(t)
	got := make(map[uuid.UUID]bool)
	for oid, r := range actual {
		assert.Equal(t, m.ObjectIDs[r.guid], oid)
		if r.active {
			got[r.guid] = true
		}
	}
	assert.Len(t, got, len(want))
	assert.Equal(t, len(want)+len(m.Retired), len(actual))
	assert.Len(t, m.ObjectIDs, len(want)+len(m.Retired))
	for id := range want {
		assert.True(t, got[id], "object %s", id)
	}
	for _, id := range m.Retired {
		r := actual[m.ObjectIDs[id]]
		assert.False(t, r.active)
		assert.Equal(t, 30, r.oper)
		assert.Equal(t, gar.OpenEnd, r.end)
	}

	// Objects land in the file of their level with their names.
	for _, r := range actual {
		o, ok := want[r.guid]
		if !ok {
			continue
		}
		assert.Equal(t, map[address.Level]gar.Kind{
			address.LevelRegion: gar.KindAddrObj, address.LevelMunicipality: gar.KindAddrObj,
			address.LevelSettlement: gar.KindAddrObj, address.LevelLocality: gar.KindAddrObj,
			address.LevelStreet: gar.KindAddrObj, address.LevelHouse: gar.KindHouses,
			address.LevelPremise: gar.KindApartments, address.LevelRoom: gar.KindRooms,
		}[o.Level], r.kind)
		assert.Equal(t, o.Name, r.number)
		if r.kind == gar.KindAddrObj {
			assert.Equal(t, int(o.GARLevel), r.level)
			assert.Equal(t, o.Type, r.typeName)
		}
		assert.Equal(t, o.Start, r.start)
		assert.Equal(t, gar.OpenEnd, r.end)
		assert.Equal(t, address.Date{Year: 2026, Month: time.January, Day: 26}, r.updateDate)
	}

	// Versions: the older versions chain to the actual ones.
	byID := make(map[gar.Kind]map[int64]record)
	for _, r := range d.records {
		if byID[r.kind] == nil {
			byID[r.kind] = make(map[int64]record)
		}
		_, dup := byID[r.kind][r.id]
		require.False(t, dup, "version ID %d repeats in %s", r.id, r.kind)
		byID[r.kind][r.id] = r
	}
	renumbered := 0
	for _, r := range d.records {
		if r.actual {
			continue
		}
		assert.False(t, r.active)
		next, ok := byID[r.kind][r.next]
		require.True(t, ok, "NEXTID %d of %d", r.next, r.id)
		assert.Equal(t, r.objectID, next.objectID)
		assert.Equal(t, r.id, next.prev)
		assert.Equal(t, next.start, r.end)
		assert.True(t, r.start.Before(r.end))
		if next.active {
			renumbered++
			assert.Equal(t, gar.KindHouses, r.kind)
			assert.NotEqual(t, next.number, r.number)
			assert.Equal(t, 20, next.oper)
		}
	}
	houses := len(regions[0].Data.Of(address.LevelHouse)) + len(regions[1].Data.Of(address.LevelHouse))
	assert.InDelta(t, houses/50, renumbered, 2, "about 2%% of %d houses", houses)

	// Every object is in the registry, once, with its level.
	assert.Len(t, d.reestr, len(actual))
	for _, ro := range d.reestr {
		r, ok := actual[ro.ObjectID]
		require.True(t, ok)
		assert.Equal(t, r.guid, ro.ObjectGUID)
		assert.Equal(t, r.active, ro.IsActive)
		if o, ok := want[ro.ObjectGUID]; ok {
			assert.Equal(t, int(o.GARLevel), ro.LevelID)
		} else {
			assert.Equal(t, 10, ro.LevelID)
		}
	}

	checkHierarchies(t, d, m, regions, true)
	checkReferences(t, d)

	// Postal codes go to HOUSES_PARAMS.
	postal := make(map[int64]string)
	for _, p := range d.params[gar.KindHousesParams] {
		assert.Equal(t, 5, p.TypeID)
		assert.Zero(t, p.ChangeIDEnd)
		assert.Equal(t, gar.OpenEnd, p.EndDate)
		postal[p.ObjectID] = p.Value
	}
	n := 0
	for _, o := range want {
		if o.PostalCode != "" {
			n++
			assert.Equal(t, o.PostalCode, postal[m.ObjectIDs[o.ID]])
		}
	}
	assert.Len(t, postal, n)
}

// checkHierarchies checks the rows of both hierarchies against the
// relations of the datasets.
func checkHierarchies(t *testing.T, d *decoded, m *gartest.Manifest, regions []gartest.Region, history bool) {
	t.Helper()
	objects := make(map[int64]bool)
	for _, r := range d.records {
		objects[r.objectID] = true
	}
	active := make(map[uuid.UUID]bool)
	for _, r := range regions {
		for _, o := range r.Data.Objects {
			active[o.ID] = o.Active()
		}
	}
	for kind, h := range map[gar.Kind]address.Hierarchy{
		gar.KindAdmHierarchy: address.HierarchyAdministrative, gar.KindMunHierarchy: address.HierarchyMunicipal,
	} {
		type link struct {
			child, parent int64
			end           address.Date
		}
		rows := make(map[link]gar.Hierarchy)
		ids := make(map[int64]gar.Hierarchy)
		for _, row := range d.hier[kind] {
			ids[row.ID] = row
			path, err := gar.ParsePath(row.Path)
			require.NoError(t, err)
			require.NotEmpty(t, path)
			assert.Equal(t, row.ObjectID, path[len(path)-1], row.Path)
			if row.ParentObjID == 0 {
				assert.Len(t, path, 1, "a top row has only itself in its PATH")
			} else {
				require.GreaterOrEqual(t, len(path), 2)
				assert.Equal(t, row.ParentObjID, path[len(path)-2], row.Path)
			}
			for _, id := range path {
				assert.True(t, objects[id], "PATH %s names unknown object %d", row.Path, id)
			}
			if kind == gar.KindAdmHierarchy {
				assert.NotEmpty(t, row.RegionCode)
				assert.NotEqual(t, '0', row.RegionCode[0])
			} else {
				assert.Empty(t, row.RegionCode)
			}
			end := row.EndDate
			if gar.IsOpenEnd(end) {
				end = address.Date{}
			} else {
				assert.False(t, row.IsActive, "an ended link is inactive")
			}
			rows[link{row.ObjectID, row.ParentObjID, end}] = row
		}
		for _, row := range d.hier[kind] {
			if row.NextID != 0 {
				assert.Equal(t, row.ID, ids[row.NextID].PrevID)
				assert.Equal(t, row.ObjectID, ids[row.NextID].ObjectID)
			}
		}
		wantRows := 0
		for _, r := range regions {
			for _, o := range r.Data.Objects {
				if o.Level == address.LevelRegion {
					row, ok := rows[link{m.ObjectIDs[o.ID], 0, address.Date{}}]
					assert.True(t, ok, "top row of the region in %s", kind)
					assert.True(t, row.IsActive)
					wantRows++
				}
			}
			for _, rel := range r.Data.Relations {
				if rel.Hierarchy != h || !history && !rel.End.IsZero() {
					continue
				}
				wantRows++
				row, ok := rows[link{m.ObjectIDs[rel.Child], m.ObjectIDs[rel.Parent], rel.End}]
				if assert.True(t, ok, "relation %+v in %s", rel, kind) {
					assert.Equal(t, rel.Start, row.StartDate)
					assert.Equal(t, rel.End.IsZero() && active[rel.Child], row.IsActive, "relation %+v", rel)
				}
			}
		}
		if history {
			wantRows += len(m.Retired) // beside the first house, under one parent
		}
		assert.Len(t, d.hier[kind], wantRows, kind)
	}
}

// checkReferences checks that the records refer to catalog entries that
// exist.
func checkReferences(t *testing.T, d *decoded) {
	t.Helper()
	types := make(map[string]bool)
	for _, at := range d.addrTypes {
		types[strconv.Itoa(at.Level)+" "+at.ShortName] = true
	}
	for _, r := range d.records {
		switch r.kind {
		case gar.KindAddrObj:
			assert.True(t, types[strconv.Itoa(r.level)+" "+r.typeName], "type %q of level %d", r.typeName, r.level)
		case gar.KindHouses:
			if r.typ != 0 {
				assert.True(t, d.catalogs[gar.KindHouseTypes][r.typ], "HOUSETYPE %d", r.typ)
			}
			for _, at := range []int{r.addType1, r.addType2} {
				if at != 0 {
					assert.True(t, d.catalogs[gar.KindAddHouseTypes][at], "ADDTYPE %d", at)
				}
			}
		case gar.KindApartments:
			assert.True(t, d.catalogs[gar.KindApartmentTypes][r.typ] || r.typ == 0, "APARTTYPE %d", r.typ)
		case gar.KindRooms:
			assert.True(t, d.catalogs[gar.KindRoomTypes][r.typ], "ROOMTYPE %d", r.typ)
		}
		assert.True(t, d.catalogs[gar.KindOperationTypes][r.oper], "OPERTYPEID %d", r.oper)
	}
	for _, ps := range d.params {
		for _, p := range ps {
			assert.True(t, d.catalogs[gar.KindParamTypes][p.TypeID], "TYPEID %d", p.TypeID)
		}
	}
	assert.Len(t, d.catalogs[gar.KindObjectLevels], 17)
	for _, id := range []int{5, 6, 7, 8} {
		assert.True(t, d.catalogs[gar.KindParamTypes][id])
	}
}

func TestWriteZip(t *testing.T) {
	t.Parallel()
	regions := twoRegions()
	dir, m := writeDir(t, regions, historyOpts)
	name := filepath.Join(t.TempDir(), "gar_xml.zip")
	out, err := os.Create(name)
	require.NoError(t, err)
	mz, err := gartest.WriteZip(out, regions, historyOpts)
	require.NoError(t, err)
	require.NoError(t, out.Close())
	assert.Equal(t, m, mz)

	zsrc, err := gar.OpenZip(name)
	require.NoError(t, err)
	defer zsrc.Close()
	dfiles, zfiles := openDir(t, dir).Files(), zsrc.Files()
	require.Len(t, zfiles, len(dfiles))
	for i, zf := range zfiles {
		df := dfiles[i]
		assert.Equal(t, df.Path, zf.Path)
		assert.Equal(t, df.Kind, zf.Kind)
		assert.Equal(t, df.Region, zf.Region)
		assert.Equal(t, df.Size, zf.Size)
		assert.Equal(t, readAll(t, df), readAll(t, zf), zf.Path)
	}

	// The archive reads back like the directory.
	d := decodeAll(t, zsrc)
	for k, n := range m.Records {
		assert.Equal(t, n, d.counts[k], k)
	}
}

func readAll(t *testing.T, f gar.File) []byte {
	t.Helper()
	rc, err := f.Open()
	require.NoError(t, err)
	defer rc.Close()
	b, err := io.ReadAll(rc)
	require.NoError(t, err)
	return b
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	for _, opts := range []gartest.Options{historyOpts, {SingleLine: true, BOM: true}} {
		dir1, m1 := writeDir(t, twoRegions(), opts)
		dir2, m2 := writeDir(t, twoRegions(), opts)
		assert.Equal(t, m1, m2)
		for _, p := range m1.Files {
			b1, err := os.ReadFile(filepath.Join(dir1, p))
			require.NoError(t, err)
			b2, err := os.ReadFile(filepath.Join(dir2, p))
			require.NoError(t, err)
			assert.True(t, bytes.Equal(b1, b2), "%s differs", p)
		}
		var z1, z2 bytes.Buffer
		_, err := gartest.WriteZip(&z1, twoRegions(), opts)
		require.NoError(t, err)
		_, err = gartest.WriteZip(&z2, twoRegions(), opts)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(z1.Bytes(), z2.Bytes()), "archives differ")
	}
}

func TestFormatOptions(t *testing.T) {
	t.Parallel()
	regions := twoRegions()[1:]
	dir, m := writeDir(t, regions, gartest.Options{SingleLine: true, BOM: true})
	for _, p := range m.Files {
		b, err := os.ReadFile(filepath.Join(dir, p))
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(b, []byte("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><")), p)
		assert.NotContains(t, string(b), "\n", p)
	}
	b, err := os.ReadFile(filepath.Join(dir, "02", gartest.FileName("02", gar.KindCarPlaces, address.Date{Year: 2026, Month: 1, Day: 26})))
	require.NoError(t, err)
	assert.Equal(t, "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><CARPLACES />", string(b))

	dir, m = writeDir(t, regions, gartest.Options{})
	for _, p := range m.Files {
		b, err := os.ReadFile(filepath.Join(dir, p))
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(b, []byte("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<")), p)
		assert.True(t, bytes.HasSuffix(b, []byte(">\n")), p)
	}

	// Without history: current versions and links only, no deleted house.
	assert.Empty(t, m.Retired)
	d := decodeAll(t, openDir(t, dir))
	for _, r := range d.records {
		assert.True(t, r.actual && r.active)
		assert.Zero(t, r.prev)
		assert.Zero(t, r.next)
	}
	checkHierarchies(t, d, m, regions, false)
	checkReferences(t, d)
}

// handMade is a small region with what the generator lacks: a street that
// moved, names with markup characters, every element and premises type,
// codes, an object without a FIAS GUID and a deleted object.
func handMade() *addresstest.Dataset {
	id := func(n byte) uuid.UUID { return uuid.UUID{6: 0x40, 8: 0x80, 15: n} }
	origin := address.Date{Year: 2000, Month: time.January, Day: 1}
	moved := address.Date{Year: 2015, Month: time.January, Day: 1}
	obj := func(n byte, l address.Level, typ, name string) address.Object {
		return address.Object{ID: id(n), FIASGUID: id(n), Level: l, Type: typ, Name: name, Start: origin}
	}
	objs := []address.Object{
		obj(1, address.LevelRegion, "обл.", "Тестовая"),
		obj(2, address.LevelMunicipality, "м.р-н", "Район"),
		obj(3, address.LevelLocality, "г.", `Город "Новый" & <Ко> 'Ё'`),
		obj(4, address.LevelLocality, "с.", "Старое"),
		obj(5, address.LevelStreet, "ул.", "Ленина"),
		obj(6, address.LevelHouse, "д.", "5"),
		obj(7, address.LevelHouse, "", ""),
		obj(8, address.LevelHouse, "г-ж", "7"),
		obj(9, address.LevelPremise, "кв.", "12"),
		obj(10, address.LevelPremise, "офис", "3"),
		obj(11, address.LevelRoom, "ком.", "1"),
		obj(12, address.LevelHouse, "д.", "9"),
	}
	objs[0].OKATO, objs[0].OKTMO = "65000000000", "65000000"
	objs[1].GARLevel, objs[1].OKTMO = address.GARMunicipalDistrict, "65701000"
	objs[2].GARLevel = address.GARCity
	objs[3].FIASGUID = uuid.Nil
	objs[5].Elements = []address.Element{
		{Kind: address.ElementCorpus, Type: "корп.", Value: "2"},
		{Kind: address.ElementBuilding, Type: "стр.", Value: "1"},
	}
	objs[5].PostalCode, objs[5].CadastralNumber = "620000", "66:41:0000000:1"
	objs[6].Elements = []address.Element{{Kind: address.ElementBuilding, Type: "стр.", Value: "3"}}
	objs[11].End = address.Date{Year: 2020, Month: time.May, Day: 1}

	var rels []address.Relation
	rel := func(h address.Hierarchy, child, parent byte, start, end address.Date) {
		rels = append(rels, address.Relation{Hierarchy: h, Child: id(child), Parent: id(parent), Start: start, End: end})
	}
	both := func(child, parent byte) {
		rel(address.HierarchyAdministrative, child, parent, origin, address.Date{})
		rel(address.HierarchyMunicipal, child, parent, origin, address.Date{})
	}
	both(2, 1)
	rel(address.HierarchyAdministrative, 3, 1, origin, address.Date{})
	rel(address.HierarchyMunicipal, 3, 2, origin, address.Date{})
	both(4, 2)
	for _, h := range []address.Hierarchy{address.HierarchyAdministrative, address.HierarchyMunicipal} {
		rel(h, 5, 3, moved, address.Date{})
		rel(h, 5, 4, origin, moved)
	}
	for _, house := range []byte{6, 7, 8, 12} {
		both(house, 5)
	}
	both(9, 6)
	both(10, 6)
	both(11, 9)
	return &addresstest.Dataset{Types: address.DefaultTypes(), Objects: objs, Relations: rels}
}

func TestHandMade(t *testing.T) {
	t.Parallel()
	ds := handMade()
	regions := []gartest.Region{{Code: "05", Data: ds}}
	dir, m := writeDir(t, regions, gartest.Options{History: true, SingleLine: true, BOM: true})
	validate(t, dir)
	d := decodeAll(t, openDir(t, dir))
	checkHierarchies(t, d, m, regions, true)
	checkReferences(t, d)

	oid := func(n int) int64 { return m.ObjectIDs[ds.Objects[n-1].ID] }
	actual := d.actual(t)
	obj := func(n int) record { return actual[oid(n)] }

	assert.Equal(t, `Город "Новый" & <Ко> 'Ё'`, obj(3).number)
	assert.Equal(t, 5, obj(3).level)
	assert.Equal(t, 6, obj(4).level)
	assert.Equal(t, ds.Objects[3].ID, obj(4).guid, "without a FIAS GUID the ID is the OBJECTGUID")

	h := obj(6)
	assert.Equal(t, "5", h.number)
	assert.Equal(t, 2, h.typ)
	assert.Equal(t, "2", h.add1)
	assert.Equal(t, 1, h.addType1)
	assert.Equal(t, "1", h.add2)
	assert.Equal(t, 2, h.addType2)
	h = obj(7)
	assert.Empty(t, h.number)
	assert.Equal(t, 7, h.typ, "a house with only a строение")
	assert.Equal(t, "3", h.add1)
	assert.Equal(t, 2, h.addType1)
	assert.Equal(t, 4, obj(8).typ)
	assert.Equal(t, 2, obj(9).typ)
	assert.Equal(t, 3, obj(10).typ)
	assert.Equal(t, 1, obj(11).typ)

	// The deleted house: an older version, then the deletion.
	del := obj(12)
	assert.False(t, del.active)
	assert.Equal(t, 30, del.oper)
	assert.Equal(t, ds.Objects[11].End, del.start)
	assert.NotZero(t, del.prev)

	// Codes go to the parameters of the object's kind.
	params := func(k gar.Kind, n int) map[int]string {
		out := make(map[int]string)
		for _, p := range d.params[k] {
			if p.ObjectID == oid(n) {
				out[p.TypeID] = p.Value
			}
		}
		return out
	}
	assert.Equal(t, map[int]string{6: "65000000000", 7: "65000000"}, params(gar.KindAddrObjParams, 1))
	assert.Equal(t, map[int]string{7: "65701000"}, params(gar.KindAddrObjParams, 2))
	assert.Equal(t, map[int]string{5: "620000", 8: "66:41:0000000:1"}, params(gar.KindHousesParams, 6))

	// The street moved: the old link ended, inactive, its PATH through
	// the old parents, chained to the new one.
	rowsOf := func(k gar.Kind, n int) []gar.Hierarchy {
		var out []gar.Hierarchy
		for _, row := range d.hier[k] {
			if row.ObjectID == oid(n) {
				out = append(out, row)
			}
		}
		return out
	}
	path := func(ns ...int) string {
		var s []string
		for _, n := range ns {
			s = append(s, strconv.FormatInt(oid(n), 10))
		}
		return strings.Join(s, ".")
	}
	adm := rowsOf(gar.KindAdmHierarchy, 5)
	require.Len(t, adm, 2)
	assert.Equal(t, oid(4), adm[0].ParentObjID)
	assert.Equal(t, address.Date{Year: 2015, Month: time.January, Day: 1}, adm[0].EndDate)
	assert.False(t, adm[0].IsActive)
	assert.Equal(t, path(1, 2, 4, 5), adm[0].Path)
	assert.Equal(t, adm[1].ID, adm[0].NextID)
	assert.Equal(t, oid(3), adm[1].ParentObjID)
	assert.True(t, adm[1].IsActive)
	assert.Equal(t, gar.OpenEnd, adm[1].EndDate)
	assert.Equal(t, path(1, 3, 5), adm[1].Path)
	assert.Equal(t, "5", adm[1].RegionCode)
	mun := rowsOf(gar.KindMunHierarchy, 5)
	require.Len(t, mun, 2)
	assert.Equal(t, path(1, 2, 4, 5), mun[0].Path)
	assert.Equal(t, path(1, 2, 3, 5), mun[1].Path)
	assert.Equal(t, path(1, 3, 5, 6, 9, 11), rowsOf(gar.KindAdmHierarchy, 11)[0].Path)

	// The top rows of the region, with its OKTMO in the municipal one.
	top := rowsOf(gar.KindMunHierarchy, 1)
	require.Len(t, top, 1)
	assert.Zero(t, top[0].ParentObjID)
	assert.Equal(t, "65000000", top[0].OKTMO)
	assert.Equal(t, path(1), top[0].Path)

	// The links of deleted houses are inactive with an open end.
	require.Len(t, m.Retired, 1)
	for _, n := range []int64{oid(12), m.ObjectIDs[m.Retired[0]]} {
		for _, k := range []gar.Kind{gar.KindAdmHierarchy, gar.KindMunHierarchy} {
			for _, row := range d.hier[k] {
				if row.ObjectID == n {
					assert.False(t, row.IsActive)
					assert.Equal(t, gar.OpenEnd, row.EndDate)
				}
			}
		}
	}

	// Without history the moved street has its current link only and the
	// deleted house one version.
	dir, m = writeDir(t, regions, gartest.Options{})
	d = decodeAll(t, openDir(t, dir))
	adm = nil
	for _, row := range d.hier[gar.KindAdmHierarchy] {
		if row.ObjectID == m.ObjectIDs[ds.Objects[4].ID] {
			adm = append(adm, row)
		}
	}
	require.Len(t, adm, 1)
	assert.Zero(t, adm[0].PrevID)
	assert.True(t, adm[0].IsActive)
	del = d.actual(t)[m.ObjectIDs[ds.Objects[11].ID]]
	assert.False(t, del.active)
	assert.Zero(t, del.prev)
}

func TestWriteErrors(t *testing.T) {
	t.Parallel()
	ds := handMade()
	three := handMade()
	three.Objects[5].Elements = append(three.Objects[5].Elements, address.Element{Kind: address.ElementLiter, Type: "лит.", Value: "А"})
	orphan := handMade()
	orphan.Relations = append(orphan.Relations, address.Relation{
		Hierarchy: address.HierarchyAdministrative, Child: orphan.Objects[0].ID, Parent: uuid.New(),
	})
	badLevel := handMade()
	badLevel.Objects[0].Level, badLevel.Objects[0].GARLevel = 0, 0
	for name, regions := range map[string][]gartest.Region{
		"code":       {{Code: "6", Data: ds}},
		"letters":    {{Code: "AB", Data: ds}},
		"twice":      {{Code: "05", Data: ds}, {Code: "05", Data: handMade()}},
		"no data":    {{Code: "05"}},
		"same IDs":   {{Code: "05", Data: ds}, {Code: "06", Data: handMade()}},
		"elements":   {{Code: "05", Data: three}},
		"orphan":     {{Code: "05", Data: orphan}},
		"GAR level":  {{Code: "05", Data: badLevel}},
		"bad parent": {{Code: "05", Data: &addresstest.Dataset{Relations: ds.Relations}}},
	} {
		dir := t.TempDir()
		_, err := gartest.Write(dir, regions, gartest.Options{})
		assert.Error(t, err, name)
		entries, _ := os.ReadDir(dir)
		assert.Empty(t, entries, "%s: nothing is written", name)
	}
}
