package gar_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
	"github.com/openzhkh/zhkh/address/gar"
	"github.com/openzhkh/zhkh/address/gar/gartest"
	"github.com/openzhkh/zhkh/internal/testenv"
)

// The GUIDs of the hand-made region below.
var (
	gRegion = uuid.MustParse("00000000-0000-4000-8000-000000000001")
	gCity   = uuid.MustParse("00000000-0000-4000-8000-000000000002")
	gStreet = uuid.MustParse("00000000-0000-4000-8000-000000000003")
	gHouse  = uuid.MustParse("00000000-0000-4000-8000-000000000004")
	gStr    = uuid.MustParse("00000000-0000-4000-8000-000000000005")
	gFlat   = uuid.MustParse("00000000-0000-4000-8000-000000000006")
	gRoom   = uuid.MustParse("00000000-0000-4000-8000-000000000007")
	gOld    = uuid.MustParse("00000000-0000-4000-8000-000000000008")
	gGone   = uuid.MustParse("00000000-0000-4000-8000-000000000009")
)

const open = `ENDDATE="2079-06-06"`

// region66 is a small, connected region in the published layout: a BOM
// file, a single-line file, a house with only a строение, a historical
// version, an inactive object, and a street that changed its parent.
var region66 = map[string]string{
	"AS_HOUSE_TYPES_20260101_00000000-0000-4000-8000-0000000000a1.XML": `<?xml version="1.0" encoding="utf-8"?><HOUSETYPES>` +
		`<HOUSETYPE ID="2" NAME="Дом" SHORTNAME="д." DESC="Дом" ISACTIVE="true" UPDATEDATE="1900-01-01" STARTDATE="1900-01-01" ENDDATE="2079-06-06" />` +
		`<HOUSETYPE ID="7" NAME="Строение" SHORTNAME="стр." DESC="Строение" ISACTIVE="true" UPDATEDATE="1900-01-01" STARTDATE="1900-01-01" ENDDATE="2079-06-06" /></HOUSETYPES>`,
	"AS_ADDR_OBJ_TYPES_20260101_00000000-0000-4000-8000-0000000000a2.XML": "\ufeff" + `<?xml version="1.0" encoding="utf-8"?><ADDRESSOBJECTTYPES>` +
		`<ADDRESSOBJECTTYPE ID="1" LEVEL="1" NAME="Область" SHORTNAME="обл" DESC="Область" UPDATEDATE="1900-01-01" STARTDATE="1900-01-01" ENDDATE="2015-11-05" ISACTIVE="false" />` +
		`<ADDRESSOBJECTTYPE ID="2" LEVEL="1" NAME="Область" SHORTNAME="обл." DESC="Область" UPDATEDATE="1900-01-01" STARTDATE="2015-11-05" ENDDATE="2079-06-06" ISACTIVE="true" />` +
		`<ADDRESSOBJECTTYPE ID="3" LEVEL="5" NAME="Город" SHORTNAME="г." DESC="Город" UPDATEDATE="1900-01-01" STARTDATE="1900-01-01" ENDDATE="2079-06-06" ISACTIVE="true" />` +
		`<ADDRESSOBJECTTYPE ID="4" LEVEL="8" NAME="Улица" SHORTNAME="ул." DESC="Улица" UPDATEDATE="1900-01-01" STARTDATE="1900-01-01" ENDDATE="2079-06-06" ISACTIVE="true" /></ADDRESSOBJECTTYPES>`,
	"66/AS_ADDR_OBJ_20260101_00000000-0000-4000-8000-0000000000b1.XML": `<?xml version="1.0" encoding="utf-8"?>
<ADDRESSOBJECTS>
  <OBJECT ID="1" OBJECTID="101" OBJECTGUID="` + gRegion.String() + `" CHANGEID="1" NAME="Свердловская" TYPENAME="обл" LEVEL="1" OPERTYPEID="1" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="1900-01-01" ` + open + ` ISACTUAL="1" ISACTIVE="1" />
  <OBJECT ID="2" OBJECTID="102" OBJECTGUID="` + gCity.String() + `" CHANGEID="2" NAME="Екатеринбург" TYPENAME="г" LEVEL="5" OPERTYPEID="1" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="1900-01-01" ` + open + ` ISACTUAL="1" ISACTIVE="1" />
  <OBJECT ID="3" OBJECTID="103" OBJECTGUID="` + gStreet.String() + `" CHANGEID="3" NAME="Ленина" TYPENAME="ул" LEVEL="8" OPERTYPEID="1" PREVID="0" NEXTID="9" UPDATEDATE="2020-01-01" STARTDATE="1900-01-01" ENDDATE="2010-01-01" ISACTUAL="0" ISACTIVE="0" />
  <OBJECT ID="9" OBJECTID="103" OBJECTGUID="` + gStreet.String() + `" CHANGEID="9" NAME="Ленина" TYPENAME="ул." LEVEL="8" OPERTYPEID="20" PREVID="3" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="2010-01-01" ` + open + ` ISACTUAL="1" ISACTIVE="1" />
  <OBJECT ID="4" OBJECTID="108" OBJECTGUID="` + gOld.String() + `" CHANGEID="4" NAME="Березовский" TYPENAME="г" LEVEL="5" OPERTYPEID="1" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="1900-01-01" ` + open + ` ISACTUAL="1" ISACTIVE="1" />
</ADDRESSOBJECTS>`,
	"66/AS_HOUSES_20260101_00000000-0000-4000-8000-0000000000b2.XML": `<?xml version="1.0" encoding="utf-8"?><HOUSES>` +
		`<HOUSE ID="10" OBJECTID="104" OBJECTGUID="` + gHouse.String() + `" CHANGEID="10" HOUSENUM="5" ADDNUM1="2" HOUSETYPE="2" ADDTYPE1="1" OPERTYPEID="10" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="2000-01-01" ` + open + ` ISACTUAL="1" ISACTIVE="1" />` +
		`<HOUSE ID="11" OBJECTID="105" OBJECTGUID="` + gStr.String() + `" CHANGEID="11" ADDNUM1="3" ADDTYPE1="2" OPERTYPEID="10" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="2000-01-01" ` + open + ` ISACTUAL="1" ISACTIVE="1" />` +
		`<HOUSE ID="12" OBJECTID="109" OBJECTGUID="` + gGone.String() + `" CHANGEID="12" HOUSENUM="9" HOUSETYPE="2" OPERTYPEID="50" PREVID="0" NEXTID="0" UPDATEDATE="2021-03-01" STARTDATE="2000-01-01" ` + open + ` ISACTUAL="1" ISACTIVE="0" />` +
		`</HOUSES>`,
	"66/AS_APARTMENTS_20260101_00000000-0000-4000-8000-0000000000b3.XML": `<?xml version="1.0" encoding="utf-8"?><APARTMENTS>` +
		`<APARTMENT ID="20" OBJECTID="106" OBJECTGUID="` + gFlat.String() + `" CHANGEID="20" NUMBER="12" APARTTYPE="2" OPERTYPEID="10" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="2000-01-01" ` + open + ` ISACTUAL="1" ISACTIVE="1" /></APARTMENTS>`,
	"66/AS_ROOMS_20260101_00000000-0000-4000-8000-0000000000b4.XML": `<?xml version="1.0" encoding="utf-8"?><ROOMS>` +
		`<ROOM ID="30" OBJECTID="107" OBJECTGUID="` + gRoom.String() + `" CHANGEID="30" NUMBER="1" ROOMTYPE="0" OPERTYPEID="10" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="2000-01-01" ` + open + ` ISACTUAL="1" ISACTIVE="1" /></ROOMS>`,
	"66/AS_ADM_HIERARCHY_20260101_00000000-0000-4000-8000-0000000000b5.XML": `<?xml version="1.0" encoding="utf-8"?><ITEMS>` +
		`<ITEM ID="1" OBJECTID="101" PARENTOBJID="0" CHANGEID="1" REGIONCODE="66" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="1900-01-01" ` + open + ` ISACTIVE="1" PATH="101" />` +
		`<ITEM ID="2" OBJECTID="102" PARENTOBJID="101" CHANGEID="2" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="1900-01-01" ` + open + ` ISACTIVE="1" PATH="101.102" />` +
		`<ITEM ID="8" OBJECTID="108" PARENTOBJID="101" CHANGEID="8" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="1900-01-01" ` + open + ` ISACTIVE="1" PATH="101.108" />` +
		`<ITEM ID="3" OBJECTID="103" PARENTOBJID="108" CHANGEID="3" PREVID="0" NEXTID="9" UPDATEDATE="2020-01-01" STARTDATE="1900-01-01" ENDDATE="2015-01-01" ISACTIVE="1" PATH="101.108.103" />` +
		`<ITEM ID="9" OBJECTID="103" PARENTOBJID="102" CHANGEID="9" PREVID="3" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="2015-01-01" ` + open + ` ISACTIVE="1" PATH="101.102.103" />` +
		`<ITEM ID="4" OBJECTID="104" PARENTOBJID="103" CHANGEID="4" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="2000-01-01" ` + open + ` ISACTIVE="1" PATH="101.102.103.104" />` +
		`<ITEM ID="5" OBJECTID="105" PARENTOBJID="103" CHANGEID="5" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="2000-01-01" ` + open + ` ISACTIVE="1" PATH="101.102.103.105" />` +
		`<ITEM ID="6" OBJECTID="106" PARENTOBJID="104" CHANGEID="6" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="2000-01-01" ` + open + ` ISACTIVE="1" PATH="101.102.103.104.106" />` +
		`<ITEM ID="7" OBJECTID="107" PARENTOBJID="106" CHANGEID="7" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="2000-01-01" ` + open + ` ISACTIVE="1" PATH="101.102.103.104.106.107" />` +
		`<ITEM ID="10" OBJECTID="109" PARENTOBJID="103" CHANGEID="10" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="2000-01-01" ` + open + ` ISACTIVE="1" PATH="101.102.103.109" />` +
		`</ITEMS>`,
	"66/AS_HOUSES_PARAMS_20260101_00000000-0000-4000-8000-0000000000b6.XML": `<?xml version="1.0" encoding="utf-8"?><PARAMS>` +
		`<PARAM ID="1" OBJECTID="104" CHANGEID="1" CHANGEIDEND="0" TYPEID="5" VALUE="620014" UPDATEDATE="2020-01-01" STARTDATE="2020-01-01" ` + open + ` />` +
		`<PARAM ID="2" OBJECTID="104" CHANGEID="1" CHANGEIDEND="5" TYPEID="5" VALUE="620000" UPDATEDATE="2019-01-01" STARTDATE="2019-01-01" ENDDATE="2020-01-01" />` +
		`<PARAM ID="3" OBJECTID="104" CHANGEID="1" CHANGEIDEND="0" TYPEID="8" VALUE="66:41:0000000:1" UPDATEDATE="2020-01-01" STARTDATE="2020-01-01" ` + open + ` />` +
		`<PARAM ID="4" OBJECTID="104" CHANGEID="1" CHANGEIDEND="0" TYPEID="7" VALUE="65701000001" UPDATEDATE="2020-01-01" STARTDATE="2020-01-01" ` + open + ` />` +
		`</PARAMS>`,
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	return dir
}

func load(t *testing.T, dir string, g *address.Graph, opts gar.LoadOptions) (*gar.Report, error) {
	t.Helper()
	src, err := gar.OpenDir(dir)
	require.NoError(t, err)
	t.Cleanup(func() { _ = src.Close() })
	return gar.Load(t.Context(), src, g, opts)
}

func newGraph() (*memory.AddressRepository, *address.Graph) {
	repo := memory.NewAddressRepository()
	return repo, address.NewGraph(repo, uuid.NewV7)
}

func TestLoadRegion(t *testing.T) {
	t.Parallel()
	repo, g := newGraph()
	rep, err := load(t, writeFiles(t, region66), g, gar.LoadOptions{})
	require.NoError(t, err)
	assert.Empty(t, rep.Problems)
	assert.Equal(t, 9, rep.Objects)
	assert.Equal(t, 9, rep.Relations)
	ix, err := address.BuildIndex(t.Context(), repo)
	require.NoError(t, err)
	full := func(id uuid.UUID, opts address.FullOptions) string {
		s, err := ix.Full(id, opts)
		require.NoError(t, err)
		return s
	}
	assert.Equal(t, "обл. Свердловская, г. Екатеринбург, ул. Ленина, д. 5, к. 2, кв. 12, ком. 1", full(gRoom, address.FullOptions{}))
	assert.Equal(t, "область Свердловская, город Екатеринбург, улица Ленина, дом 5, корпус 2", full(gHouse, address.FullOptions{Style: address.FullStyle()}))
	assert.Equal(t, "обл. Свердловская, г. Екатеринбург, ул. Ленина, стр. 3", full(gStr, address.FullOptions{}), "a house with only a строение")
	assert.Equal(t, "обл. Свердловская, г. Березовский, ул. Ленина, д. 5, к. 2", full(gHouse, address.FullOptions{At: address.Date{Year: 2012, Month: 1, Day: 1}}),
		"the closed hierarchy row is history")
	assert.Equal(t, "620014, обл. Свердловская, г. Екатеринбург, ул. Ленина, д. 5, к. 2, кв. 12", full(gFlat, address.FullOptions{Style: address.Style{PostalCode: true}}))

	house, err := repo.Object(t.Context(), gHouse)
	require.NoError(t, err)
	assert.Equal(t, int64(104), house.GARObjectID)
	assert.Equal(t, gHouse, house.FIASGUID)
	assert.Equal(t, address.GARBuilding, house.GARLevel)
	assert.Equal(t, "620014", house.PostalCode, "the current postal code, not the ended one")
	assert.Equal(t, "65701000001", house.OKTMO)
	assert.Equal(t, "66:41:0000000:1", house.CadastralNumber)
	assert.Equal(t, []address.Element{{Kind: address.ElementCorpus, Type: "к.", Value: "2"}}, house.Elements)

	street, err := repo.Object(t.Context(), gStreet)
	require.NoError(t, err)
	assert.Equal(t, "ул.", street.Type, "the actual version wins over the historical one")
	assert.True(t, street.Active())

	gone, err := repo.Object(t.Context(), gGone)
	require.NoError(t, err)
	assert.False(t, gone.Active(), "an inactive actual version is kept retired")
	assert.Equal(t, address.Date{Year: 2021, Month: 3, Day: 1}, gone.End)

	typ, err := repo.Type(t.Context(), address.KeyOf(address.LevelRegion, "обл"))
	require.NoError(t, err)
	assert.Equal(t, "обл.", typ.Short, "the active catalog entry wins over its undotted twin")
	assert.Equal(t, "область", typ.Full)
}

func TestLoadDeltaIsIdempotent(t *testing.T) {
	t.Parallel()
	repo, g := newGraph()
	dir := writeFiles(t, region66)
	_, err := load(t, dir, g, gar.LoadOptions{})
	require.NoError(t, err)
	objects, relations := addresstest.Snapshot(t, repo)

	// A delta: the house gets a new postal code and the flat is deleted.
	delta := writeFiles(t, map[string]string{
		"66/AS_APARTMENTS_20260102_00000000-0000-4000-8000-0000000000c1.XML": `<?xml version="1.0" encoding="utf-8"?><APARTMENTS>` +
			`<APARTMENT ID="21" OBJECTID="106" OBJECTGUID="` + gFlat.String() + `" CHANGEID="21" NUMBER="12" APARTTYPE="2" OPERTYPEID="50" PREVID="20" NEXTID="0" UPDATEDATE="2026-01-02" STARTDATE="2000-01-01" ` + open + ` ISACTUAL="1" ISACTIVE="0" /></APARTMENTS>`,
		"66/AS_HOUSES_PARAMS_20260102_00000000-0000-4000-8000-0000000000c2.XML": `<?xml version="1.0" encoding="utf-8"?><PARAMS>` +
			`<PARAM ID="9" OBJECTID="104" CHANGEID="9" CHANGEIDEND="0" TYPEID="5" VALUE="620015" UPDATEDATE="2026-01-02" STARTDATE="2026-01-02" ` + open + ` /></PARAMS>`,
	})
	rep, err := load(t, delta, g, gar.LoadOptions{})
	require.NoError(t, err)
	assert.Empty(t, rep.Problems)
	flat, err := repo.Object(t.Context(), gFlat)
	require.NoError(t, err)
	assert.False(t, flat.Active(), "the delta retired the flat")
	house, err := repo.Object(t.Context(), gHouse)
	require.NoError(t, err)
	assert.Equal(t, "620015", house.PostalCode, "a parameter of an object the delta does not hold")
	afterOnce, relsOnce := addresstest.Snapshot(t, repo)
	assert.NotEqual(t, objects, afterOnce)
	assert.Equal(t, relations, relsOnce)

	_, err = load(t, delta, g, gar.LoadOptions{})
	require.NoError(t, err)
	afterTwice, relsTwice := addresstest.Snapshot(t, repo)
	assert.Equal(t, afterOnce, afterTwice, "applying a delta twice changes nothing")
	assert.Equal(t, relsOnce, relsTwice)

	_, err = load(t, dir, g, gar.LoadOptions{})
	require.NoError(t, err)
	again, relsAgain := addresstest.Snapshot(t, repo)
	assert.Equal(t, objects, again, "reloading the full region restores it")
	assert.Equal(t, relations, relsAgain)
}

func TestLoadFailureLeavesTheGraphAsItWas(t *testing.T) {
	t.Parallel()
	bad := map[string]string{
		"truncated": `<?xml version="1.0" encoding="utf-8"?><HOUSES><HOUSE ID="1" OBJECTID="9" OBJECTGUID="` + uuid.NewString() + `" HOUSENUM="1"`,
		"wrong type": `<?xml version="1.0" encoding="utf-8"?><HOUSES>` +
			`<HOUSE ID="1" OBJECTID="9" OBJECTGUID="` + uuid.NewString() + `" HOUSENUM="1" HOUSETYPE="2" UPDATEDATE="2020-01-01" STARTDATE="2000-01-01" ` + open + ` ISACTUAL="1" ISACTIVE="1" />` +
			`<HOUSE ID="2" OBJECTID="abc" OBJECTGUID="` + uuid.NewString() + `" HOUSENUM="2" /></HOUSES>`,
		"dangling": `<?xml version="1.0" encoding="utf-8"?><HOUSES>` +
			`<HOUSE ID="1" OBJECTID="9" OBJECTGUID="` + uuid.NewString() + `" HOUSENUM="1" HOUSETYPE="2" UPDATEDATE="2020-01-01" STARTDATE="2000-01-01" ` + open + ` ISACTUAL="1" ISACTIVE="1" /></HOUSES>`,
	}
	wantCode := map[string]string{"truncated": gar.CodeTruncated, "wrong type": gar.CodeInt, "dangling": gar.CodeDanglingRelation}
	for name, houses := range bad {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			repo, g := newGraph()
			_, err := load(t, writeFiles(t, region66), g, gar.LoadOptions{})
			require.NoError(t, err)
			objects, relations := addresstest.Snapshot(t, repo)

			files := map[string]string{"77/AS_HOUSES_20260103_00000000-0000-4000-8000-0000000000d1.XML": houses}
			if name == "dangling" {
				files["77/AS_ADM_HIERARCHY_20260103_00000000-0000-4000-8000-0000000000d2.XML"] = `<?xml version="1.0" encoding="utf-8"?><ITEMS>` +
					`<ITEM ID="1" OBJECTID="9" PARENTOBJID="555" CHANGEID="1" PREVID="0" NEXTID="0" UPDATEDATE="2020-01-01" STARTDATE="2000-01-01" ` + open + ` ISACTIVE="1" PATH="555.9" /></ITEMS>`
			}
			dir := writeFiles(t, files)
			_, err = load(t, dir, g, gar.LoadOptions{})
			require.Error(t, err)
			var pe *gar.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, wantCode[name], pe.Code)
			assert.Contains(t, pe.Error(), "AS_", "the error names the file")
			assert.True(t, pe.Offset >= 0, "and the byte offset")
			assert.ErrorIs(t, err, address.ErrInvalid)
			afterObjects, afterRelations := addresstest.Snapshot(t, repo)
			assert.Equal(t, objects, afterObjects, "a failed load keeps nothing")
			assert.Equal(t, relations, afterRelations)

			rep, err := load(t, dir, g, gar.LoadOptions{Lenient: true})
			require.NoError(t, err, "lenient goes on")
			require.NotEmpty(t, rep.Problems)
			assert.Equal(t, wantCode[name], rep.Problems[0].Code)
		})
	}
}

func TestLoadRegionFilter(t *testing.T) {
	t.Parallel()
	files := map[string]string{}
	for k, v := range region66 {
		files[k] = v
	}
	files["77/AS_HOUSES_20260101_00000000-0000-4000-8000-0000000000e1.XML"] = `<?xml version="1.0" encoding="utf-8"?><HOUSES>` +
		`<HOUSE ID="99" OBJECTID="999" OBJECTGUID="` + uuid.NewString() + `" HOUSENUM="1" HOUSETYPE="2" UPDATEDATE="2020-01-01" STARTDATE="2000-01-01" ` + open + ` ISACTUAL="1" ISACTIVE="1" /></HOUSES>`
	dir := writeFiles(t, files)
	_, g := newGraph()
	rep, err := load(t, dir, g, gar.LoadOptions{Regions: []string{"77"}})
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Objects)
	_, g = newGraph()
	rep, err = load(t, dir, g, gar.LoadOptions{Regions: []string{"66", "77"}})
	require.NoError(t, err)
	assert.Equal(t, 10, rep.Objects)
}

func TestLoadProgress(t *testing.T) {
	t.Parallel()
	_, g := newGraph()
	var seen []gar.Progress
	rep, err := load(t, writeFiles(t, region66), g, gar.LoadOptions{Progress: func(p gar.Progress) { seen = append(seen, p) }})
	require.NoError(t, err)
	require.NotEmpty(t, seen)
	last := seen[len(seen)-1]
	assert.Equal(t, rep.Files, last.FilesDone)
	assert.Equal(t, last.BytesTotal, last.BytesRead)
	assert.Equal(t, int64(5), last.Records[gar.KindAddrObj])
	assert.True(t, slices.IsSortedFunc(seen, func(a, b gar.Progress) int { return int(a.BytesRead - b.BytesRead) }))
}

func TestLoadCancelled(t *testing.T) {
	t.Parallel()
	repo, g := newGraph()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	src, err := gar.OpenDir(writeFiles(t, region66))
	require.NoError(t, err)
	_, err = gar.Load(ctx, src, g, gar.LoadOptions{})
	assert.True(t, errors.Is(err, context.Canceled))
	objects, _ := addresstest.Snapshot(t, repo)
	assert.Empty(t, objects)
}

func TestLoadSharedSamples(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(testenv.SharedDir(t), "address", "gar-samples")
	src, err := gar.OpenDir(dir)
	require.NoError(t, err)
	defer src.Close()
	_, g := newGraph()
	_, err = gar.Load(t.Context(), src, g, gar.LoadOptions{})
	require.Error(t, err, "a delta alone names parents it does not hold")
	repo, g := newGraph()
	rep, err := gar.Load(t.Context(), src, g, gar.LoadOptions{Lenient: true})
	require.NoError(t, err)
	assert.Positive(t, rep.Objects)
	assert.Positive(t, rep.Relations)
	for _, p := range rep.Problems {
		assert.True(t, p.Code == gar.CodeDanglingParam || p.Code == gar.CodeDanglingRelation || p.Code == address.CodeRelationUnknown,
			"only dangling records are left out of the samples: %v", p)
		assert.True(t, strings.HasPrefix(p.File, "AS_"), p.File)
	}
	objects, relations := addresstest.Snapshot(t, repo)
	_, err = gar.Load(t.Context(), src, g, gar.LoadOptions{Lenient: true})
	require.NoError(t, err)
	again, relsAgain := addresstest.Snapshot(t, repo)
	assert.Equal(t, objects, again, "loading the delta twice changes nothing")
	assert.Equal(t, relations, relsAgain)
}

// TestLoadRoundTrip writes generated regions as GAR files, loads them, and
// compares every full address with the one the dataset itself gives.
func TestLoadRoundTrip(t *testing.T) {
	t.Parallel()
	regions := []gartest.Region{{Code: "66", Data: addresstest.Generate(1, 3000)}, {Code: "02", Data: addresstest.Generate(2, 2000)}}
	dir := t.TempDir()
	_, err := gartest.Write(dir, regions, gartest.Options{History: true, SingleLine: true, BOM: true})
	require.NoError(t, err)
	repo, g := newGraph()
	rep, err := load(t, dir, g, gar.LoadOptions{BatchSize: 500})
	require.NoError(t, err)
	require.Empty(t, rep.Problems)
	loaded, err := address.BuildIndex(t.Context(), repo)
	require.NoError(t, err)

	for _, r := range regions {
		direct := memory.NewAddressRepository()
		require.NoError(t, address.NewGraph(direct, uuid.NewV7).Apply(t.Context(), r.Data.Batch()))
		want, err := address.BuildIndex(t.Context(), direct)
		require.NoError(t, err)
		for _, o := range r.Data.Objects {
			for _, opts := range []address.FullOptions{
				{Style: address.FullStyle()},
				{Hierarchy: address.HierarchyMunicipal, Style: address.Style{Long: true, PostalCode: true}},
			} {
				w, err := want.Full(o.ID, opts)
				require.NoError(t, err)
				got, err := loaded.Full(o.ID, opts)
				require.NoError(t, err)
				require.Equal(t, w, got, "object %s", o.ID)
			}
		}
	}
}
