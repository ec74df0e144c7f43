package gar_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/gar"
)

func TestParseFileName(t *testing.T) {
	t.Parallel()
	const id = "_20260129_90642212-36f6-4b2b-9dd8-530786bd00b7.XML"
	cases := []struct {
		name string
		kind gar.Kind
		ok   bool
	}{
		{"AS_ADDR_OBJ" + id, gar.KindAddrObj, true},
		{"AS_ADDR_OBJ_PARAMS" + id, gar.KindAddrObjParams, true},
		{"AS_ADDR_OBJ_TYPES" + id, gar.KindAddrObjTypes, true},
		{"AS_ADDR_OBJ_DIVISION" + id, gar.KindAddrObjDivision, true},
		{"AS_HOUSES" + id, gar.KindHouses, true},
		{"AS_HOUSES_PARAMS" + id, gar.KindHousesParams, true},
		{"AS_ADDHOUSE_TYPES" + id, gar.KindAddHouseTypes, true},
		{"AS_NORMATIVE_DOCS_KINDS" + id, gar.KindNormativeDocsKinds, true},
		{"as_houses" + strings.ToLower(id), gar.KindHouses, true},
		{"As_Rooms_Params_20260129_90642212-36F6-4B2B-9DD8-530786BD00B7.Xml", gar.KindRoomsParams, true},
		{"AS_SOMETHING_NEW" + id, "SOMETHING_NEW", true},
		{"AS_HOUSES_2026012_90642212-36f6-4b2b-9dd8-530786bd00b7.XML", "", false},
		{"AS_HOUSES_20261329_90642212-36f6-4b2b-9dd8-530786bd00b7.XML", "", false},
		{"AS_HOUSES_20260129_90642212-36f6-4b2b-9dd8-530786bd00bX.XML", "", false},
		{"AS_HOUSES_20260129_90642212-36f6-4b2b-9dd8-530786bd00b7.XSD", "", false},
		{"AS__20260129_90642212-36f6-4b2b-9dd8-530786bd00b7.XML", "", false},
		{"HOUSES" + id, "", false},
		{"AS_HOUSES.XML", "", false},
	}
	for _, tc := range cases {
		kind, date, ok := gar.ParseFileName(tc.name)
		assert.Equal(t, tc.ok, ok, tc.name)
		assert.Equal(t, tc.kind, kind, tc.name)
		if ok {
			assert.Equal(t, address.Date{Year: 2026, Month: time.January, Day: 29}, date, tc.name)
		}
	}
}

func TestOpenDir(t *testing.T) {
	t.Parallel()
	src, err := gar.OpenDir("testdata/dist")
	require.NoError(t, err)
	defer src.Close()
	files := src.Files()
	require.Len(t, files, 29)

	// Sorted by kind order, then region, then path.
	order := map[gar.Kind]int{}
	for i, k := range gar.Kinds() {
		order[k] = i
	}
	for i := 1; i < len(files); i++ {
		a, b := files[i-1], files[i]
		require.True(t, order[a.Kind] < order[b.Kind] ||
			order[a.Kind] == order[b.Kind] && (a.Region < b.Region || a.Region == b.Region && a.Path < b.Path),
			"%s before %s", a.Path, b.Path)
	}
	assert.Equal(t, gar.KindObjectLevels, files[0].Kind)

	byPath := map[string]gar.File{}
	for _, f := range files {
		byPath[f.Path] = f
		assert.Equal(t, f.Region == "", f.Kind.IsCatalog(), "%s: catalogs sit at the root", f.Path)
		st, err := os.Stat(filepath.Join("testdata/dist", filepath.FromSlash(f.Path)))
		require.NoError(t, err)
		assert.Equal(t, st.Size(), f.Size, f.Path)
	}
	houses := filesOf(files, gar.KindHouses)
	require.Len(t, houses, 2)
	assert.Equal(t, "50", houses[0].Region, "nearest two-digit folder, however deep")
	assert.True(t, strings.HasPrefix(houses[0].Path, "regions/50/AS_HOUSES_20240106_"), houses[0].Path)
	assert.Equal(t, address.Date{Year: 2024, Month: time.January, Day: 6}, houses[0].Date)
	assert.Equal(t, "77", houses[1].Region)
	assert.Equal(t, houses[1].Path[3:], houses[1].Name())

	add := filesOf(files, gar.KindAddHouseTypes)
	require.Len(t, add, 1)
	assert.True(t, strings.HasPrefix(add[0].Name(), "AS_addhouse_types_"), "names in any case")

	assert.Equal(t, []string{"50", "77"}, src.Regions())
	skipped := src.Skipped()
	require.Len(t, skipped, 1)
	assert.True(t, strings.HasPrefix(skipped[0], "AS_SOMETHING_NEW_"), skipped[0])

	rc, err := houses[1].Open()
	require.NoError(t, err)
	head := make([]byte, 8)
	_, err = io.ReadFull(rc, head)
	require.NoError(t, err)
	require.NoError(t, rc.Close())
	assert.Equal(t, "<?xml ve", string(head))
}

func filesOf(files []gar.File, k gar.Kind) []gar.File {
	var out []gar.File
	for _, f := range files {
		if f.Kind == k {
			out = append(out, f)
		}
	}
	return out
}

func TestSourceRegionFilter(t *testing.T) {
	t.Parallel()
	src, err := gar.OpenDir("testdata/dist")
	require.NoError(t, err)
	count := func(files []gar.File) (catalogs int, regions map[string]int) {
		regions = map[string]int{}
		for _, f := range files {
			if f.Region == "" {
				catalogs++
			} else {
				regions[f.Region]++
			}
		}
		return
	}
	cases := []struct {
		regions []string
		want    map[string]int
	}{
		{nil, map[string]int{"77": 18, "50": 1}},
		{[]string{"77"}, map[string]int{"77": 18}},
		{[]string{"50", "77"}, map[string]int{"77": 18, "50": 1}},
		{[]string{"2"}, map[string]int{}},
		{[]string{"99"}, map[string]int{}},
	}
	for _, tc := range cases {
		cat, regs := count(src.Files(tc.regions...))
		assert.Equal(t, 10, cat, "catalogs are always kept: %v", tc.regions)
		assert.Equal(t, tc.want, regs, "%v", tc.regions)
	}
}

// zipDir packs dir into a zip archive, with directory entries and, for
// one file, a Windows-style name.
func zipDir(t *testing.T, dir string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	_, err := zw.Create("gar_xml/")
	require.NoError(t, err)
	first := true
	err = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		name := "gar_xml/" + filepath.ToSlash(rel)
		if first && strings.Contains(rel, string(filepath.Separator)) {
			name = strings.ReplaceAll(name, "/", `\`)
			first = false
		}
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestOpenZipMatchesOpenDir(t *testing.T) {
	t.Parallel()
	dirSrc, err := gar.OpenDir("testdata/dist")
	require.NoError(t, err)
	data := zipDir(t, "testdata/dist")
	path := filepath.Join(t.TempDir(), "gar_delta_xml.zip")
	require.NoError(t, os.WriteFile(path, data, 0o600))

	zipSrc, err := gar.OpenZip(path)
	require.NoError(t, err)
	memSrc, err := gar.NewZip(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)

	for _, src := range []*gar.Source{zipSrc, memSrc} {
		zf, df := src.Files(), dirSrc.Files()
		require.Len(t, zf, len(df))
		assert.Equal(t, dirSrc.Regions(), src.Regions())
		var wg sync.WaitGroup
		for i := range zf {
			assert.Equal(t, "gar_xml/"+df[i].Path, zf[i].Path)
			assert.Equal(t, df[i].Kind, zf[i].Kind)
			assert.Equal(t, df[i].Region, zf[i].Region)
			assert.Equal(t, df[i].Date, zf[i].Date)
			assert.Equal(t, df[i].Size, zf[i].Size)
			wg.Add(1)
			go func() { // files of one archive can be read at the same time
				defer wg.Done()
				assert.Equal(t, readFile(t, df[i]), readFile(t, zf[i]), zf[i].Path)
			}()
		}
		wg.Wait()
	}
	require.NoError(t, zipSrc.Close())
	require.NoError(t, zipSrc.Close(), "Close is idempotent")
	require.NoError(t, memSrc.Close())
}

func readFile(t *testing.T, f gar.File) []byte {
	rc, err := f.Open()
	if !assert.NoError(t, err) {
		return nil
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	assert.NoError(t, err)
	return data
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	_, err := gar.OpenDir("testdata/nope")
	require.Error(t, err)
	_, err = gar.OpenDir("testdata/scan/no_decl.xml")
	require.Error(t, err)
	_, err = gar.OpenZip("testdata/scan/no_decl.xml")
	require.Error(t, err)
	_, err = gar.File{Path: "x"}.Open()
	require.Error(t, err)
}

func TestOpenDirRealSamples(t *testing.T) {
	t.Parallel()
	dir := samplesDir(t)
	src, err := gar.OpenDir(dir)
	require.NoError(t, err)
	assert.Empty(t, src.Skipped())
	assert.Empty(t, src.Regions(), "the sample folders are not named by region code")
	for _, f := range src.Files() {
		assert.True(t, f.Kind.Known(), f.Path)
	}
}
