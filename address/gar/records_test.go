package gar_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/gar"
	"github.com/openzhkh/zhkh/internal/fault"
)

func day(y int, m time.Month, d int) address.Date { return address.Date{Year: y, Month: m, Day: d} }

func TestDecodeAddrObj(t *testing.T) {
	t.Parallel()
	objs := decodeAll[gar.AddrObj](t, distFile(t, gar.KindAddrObj, "77"))
	require.Len(t, objs, 3)
	assert.Equal(t, gar.AddrObj{
		ID: 1003, ObjectID: 5002, ObjectGUID: uuid.MustParse("92276658-1e27-41c0-8a6a-63ec24ede6a4"), ChangeID: 9003,
		Name: "Тестовая", TypeName: "ул.", Level: 8, OperTypeID: 20, PrevID: 1002, NextID: 0,
		UpdateDate: day(2022, 3, 4), StartDate: day(2022, 3, 4), EndDate: gar.OpenEnd,
		IsActual: true, IsActive: true,
	}, objs[2])
	assert.False(t, objs[1].IsActual)
	assert.Equal(t, int64(1003), objs[1].NextID)
	assert.Equal(t, "ул", objs[1].TypeName)
}

func TestDecodeHouses(t *testing.T) {
	t.Parallel()
	hs := decodeAll[gar.House](t, distFile(t, gar.KindHouses, "77"))
	require.Len(t, hs, 4)
	assert.Equal(t, gar.House{
		ID: 2002, ObjectID: 6002, ObjectGUID: uuid.MustParse("923a7369-94e3-4f91-9a61-dbe22e44158b"), ChangeID: 9102,
		HouseNum: "3а", AddNum1: "2", AddNum2: "1", HouseType: 2, AddType1: 1, AddType2: 2, OperTypeID: 10,
		UpdateDate: day(2021, 5, 6), StartDate: day(2021, 5, 6), EndDate: gar.OpenEnd, IsActual: true, IsActive: true,
	}, hs[1])
	assert.Empty(t, hs[2].HouseNum, "an empty HOUSENUM is not an error")
	assert.Zero(t, hs[2].NextID, "a missing NEXTID is zero")
	assert.True(t, hs[3].IsActual)
	assert.False(t, hs[3].IsActive, "a deleted house stays actual but inactive")
	assert.True(t, gar.IsOpenEnd(hs[3].EndDate))
}

func TestDecodePremises(t *testing.T) {
	t.Parallel()
	apts := decodeAll[gar.Apartment](t, distFile(t, gar.KindApartments, "77"))
	require.Len(t, apts, 2)
	assert.Equal(t, "12Б", apts[1].Number)
	assert.Equal(t, 0, apts[1].ApartType)
	assert.Equal(t, 2, apts[0].ApartType)

	rooms := decodeAll[gar.Room](t, distFile(t, gar.KindRooms, "77"))
	require.Len(t, rooms, 2)
	assert.Equal(t, gar.Room{
		ID: 4002, ObjectID: 8002, ObjectGUID: uuid.MustParse("3f98e277-4cbd-47ad-9c90-a9587403e430"), ChangeID: 9302,
		Number: "13/14", RoomType: 0, OperTypeID: 10,
		UpdateDate: day(2021, 5, 8), StartDate: day(2015, 11, 12), EndDate: gar.OpenEnd, IsActual: true, IsActive: true,
	}, rooms[1])

	steads := decodeAll[gar.Stead](t, distFile(t, gar.KindSteads, "77"))
	require.Len(t, steads, 1)
	assert.Equal(t, "5/1", steads[0].Number)
	assert.Zero(t, steads[0].PrevID)

	cars := decodeAll[gar.CarPlace](t, distFile(t, gar.KindCarPlaces, "77"))
	require.Len(t, cars, 1)
	assert.Equal(t, gar.CarPlace{
		ID: 6001, ObjectID: 9601, ObjectGUID: uuid.MustParse("4cdd2055-930d-4eaf-94f4-733f3e7d1bfb"), ChangeID: 9501,
		Number: "18", OperTypeID: 10,
		UpdateDate: day(2021, 3, 16), StartDate: day(2020, 10, 27), EndDate: day(2021, 3, 16),
	}, cars[0])
}

func TestDecodeHierarchy(t *testing.T) {
	t.Parallel()
	adm := decodeAll[gar.Hierarchy](t, distFile(t, gar.KindAdmHierarchy, "77"))
	require.Len(t, adm, 3)
	assert.Equal(t, gar.Hierarchy{
		ID: 11, ObjectID: 5002, ParentObjID: 5001, ChangeID: 9003,
		RegionCode: "77", AreaCode: "0", CityCode: "0", PlaceCode: "0", PlanCode: "0", StreetCode: "12",
		UpdateDate: day(2022, 3, 4), StartDate: day(2022, 3, 4), EndDate: gar.OpenEnd, IsActive: true, Path: "5001.5002",
	}, adm[0])
	assert.Zero(t, adm[2].ParentObjID, "the top object has no parent")

	mun := decodeAll[gar.Hierarchy](t, distFile(t, gar.KindMunHierarchy, "77"))
	require.Len(t, mun, 2)
	assert.Equal(t, "45000000001", mun[1].OKTMO)
	assert.Empty(t, mun[1].RegionCode)
	assert.False(t, mun[1].IsActive)
	path, err := gar.ParsePath(mun[1].Path)
	require.NoError(t, err)
	assert.Equal(t, []int64{5001, 5002, 6001}, path)
}

func TestDecodeOthers(t *testing.T) {
	t.Parallel()
	ro := decodeAll[gar.ReestrObject](t, distFile(t, gar.KindReestrObjects, "77"))
	require.Len(t, ro, 2)
	assert.Equal(t, gar.ReestrObject{
		ObjectID: 6001, CreateDate: day(2021, 5, 6), ChangeID: 9101, LevelID: 10, UpdateDate: day(2021, 5, 6),
		ObjectGUID: uuid.MustParse("ae97ba94-d0ed-482f-8f6d-05584ef8aa38"), IsActive: true,
	}, ro[0])

	ps := decodeAll[gar.Param](t, distFile(t, gar.KindHousesParams, "77"))
	require.Len(t, ps, 4)
	assert.Equal(t, gar.Param{
		ID: 103, ObjectID: 6002, ChangeID: 9101, ChangeIDEnd: 9999, TypeID: 5, Value: "101001",
		UpdateDate: day(2021, 5, 6), StartDate: day(2021, 5, 6), EndDate: day(2023, 2, 3),
	}, ps[3])
	assert.Empty(t, decodeAll[gar.Param](t, distFile(t, gar.KindRoomsParams, "77")), "<PARAMS /> has no records")

	div := decodeAll[gar.AddrObjDivision](t, distFile(t, gar.KindAddrObjDivision, "77"))
	assert.Equal(t, []gar.AddrObjDivision{{ID: 1, ParentID: 5002, ChildID: 5003, ChangeID: 9010}}, div)

	docs := decodeAll[gar.NormativeDoc](t, distFile(t, gar.KindNormativeDocs, "77"))
	require.Len(t, docs, 1)
	assert.Equal(t, `О присвоении адреса "Тестовая, 1"`, docs[0].Name)
	assert.Equal(t, "12-АБ", docs[0].Number)
	assert.Equal(t, day(2021, 5, 1), docs[0].AccDate)
	assert.True(t, docs[0].RegDate.IsZero())

	ch := decodeAll[gar.ChangeHistory](t, distFile(t, gar.KindChangeHistory, "77"))
	require.Len(t, ch, 2)
	assert.Equal(t, int64(31), ch[0].NDocID)
	assert.Zero(t, ch[1].NDocID)
	assert.Equal(t, uuid.MustParse("92276658-1e27-41c0-8a6a-63ec24ede6a4"), ch[1].AdrObjectID)
}

func TestDecodeCatalogs(t *testing.T) {
	t.Parallel()
	levels := decodeAll[gar.ObjectLevel](t, distFile(t, gar.KindObjectLevels, ""))
	require.Len(t, levels, 4)
	assert.Equal(t, gar.ObjectLevel{Level: 8, Name: "Элемент улично-дорожной сети", ShortName: "улица",
		UpdateDate: day(1900, 1, 1), StartDate: day(1900, 1, 1), EndDate: gar.OpenEnd, IsActive: true}, levels[1])
	assert.False(t, levels[3].IsActive, `ISACTIVE="false"`)

	types := decodeAll[gar.AddrObjType](t, distFile(t, gar.KindAddrObjTypes, ""))
	require.Len(t, types, 4)
	assert.Equal(t, gar.AddrObjType{ID: 3, Level: 8, ShortName: "ул.", Name: "Улица", Desc: "Улица",
		UpdateDate: day(2021, 10, 1), StartDate: day(1900, 1, 1), EndDate: gar.OpenEnd, IsActive: true}, types[2])
	assert.Empty(t, types[3].Desc)

	hts := decodeAll[gar.HouseType](t, distFile(t, gar.KindHouseTypes, ""))
	require.Len(t, hts, 3)
	assert.Equal(t, "д.", hts[1].ShortName)
	adds := decodeAll[gar.HouseType](t, distFile(t, gar.KindAddHouseTypes, ""))
	require.Len(t, adds, 2)
	assert.Equal(t, "к.", adds[0].ShortName)

	ats := decodeAll[gar.ApartmentType](t, distFile(t, gar.KindApartmentTypes, ""))
	require.Len(t, ats, 2)
	assert.Equal(t, "кв.", ats[1].ShortName)

	rts := decodeAll[gar.RoomType](t, distFile(t, gar.KindRoomTypes, ""))
	require.Len(t, rts, 2)
	assert.Equal(t, gar.RoomType{ID: 0, Name: "Не определено", Desc: "Не определено",
		UpdateDate: day(2011, 1, 1), StartDate: day(1900, 1, 1), EndDate: day(2015, 11, 5), IsActive: true}, rts[0])

	pts := decodeAll[gar.ParamType](t, distFile(t, gar.KindParamTypes, ""))
	require.Len(t, pts, 3)
	assert.Equal(t, "PostIndex", pts[0].Code)

	ots := decodeAll[gar.OperationType](t, distFile(t, gar.KindOperationTypes, ""))
	require.Len(t, ots, 3)
	assert.Equal(t, `Сведения ООО "Тест" & партнёры`, ots[2].Name)
	assert.Equal(t, `Сведения <тест>`, ots[2].ShortName)

	kinds := decodeAll[gar.NormativeDocKind](t, distFile(t, gar.KindNormativeDocsKinds, ""))
	assert.Equal(t, []gar.NormativeDocKind{{0, "Не определено"}, {1, "Тестовый документ"}}, kinds)
	dts := decodeAll[gar.NormativeDocType](t, distFile(t, gar.KindNormativeDocsTypes, ""))
	require.Len(t, dts, 2)
	assert.Equal(t, day(2016, 3, 31), dts[0].EndDate)
}

func TestDecodeAttributeForms(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		attrs  string
		want   gar.House
		code   string
		attr   string
		detail string
	}{
		{name: "booleans as true/false", attrs: `ISACTUAL="true" ISACTIVE="false"`, want: gar.House{IsActual: true}},
		{name: "booleans as 1/0", attrs: `ISACTUAL="1" ISACTIVE="0"`, want: gar.House{IsActual: true}},
		{name: "empty values are zero", attrs: `ID="" HOUSETYPE="" OBJECTGUID="" ENDDATE="" ISACTIVE=""`, want: gar.House{}},
		{name: "signs and leading zeros", attrs: `ID="+007" PREVID="-1"`, want: gar.House{ID: 7, PrevID: -1}},
		{name: "int64 range", attrs: `ID="9223372036854775807" PREVID="-9223372036854775808"`,
			want: gar.House{ID: 1<<63 - 1, PrevID: -1 << 63}},
		{name: "unknown attributes are ignored", attrs: `NEWATTR="x" HOUSENUM="5"`, want: gar.House{HouseNum: "5"}},
		{name: "not a number", attrs: `OBJECTID="abc"`, code: gar.CodeInt, attr: "OBJECTID", detail: `ожидалось целое число, получено "abc"`},
		{name: "int64 overflow", attrs: `ID="9223372036854775808"`, code: gar.CodeInt, attr: "ID"},
		{name: "spaces around a number", attrs: `HOUSETYPE=" 2"`, code: gar.CodeInt, attr: "HOUSETYPE"},
		{name: "lone sign", attrs: `ID="-"`, code: gar.CodeInt, attr: "ID"},
		{name: "bad boolean", attrs: `ISACTIVE="yes"`, code: gar.CodeBool, attr: "ISACTIVE"},
		{name: "boolean in capitals", attrs: `ISACTIVE="TRUE"`, code: gar.CodeBool, attr: "ISACTIVE"},
		{name: "no such day", attrs: `STARTDATE="2024-02-30"`, code: gar.CodeDate, attr: "STARTDATE"},
		{name: "date with time", attrs: `UPDATEDATE="2024-02-03T00:00:00"`, code: gar.CodeDate, attr: "UPDATEDATE"},
		{name: "bad GUID", attrs: `OBJECTGUID="0c5b2444-70a0-4932-980c-b4dc0d3f02bZ"`, code: gar.CodeGUID, attr: "OBJECTGUID"},
		{name: "GUID in braces", attrs: `OBJECTGUID="{0c5b2444-70a0-4932-980c-b4dc0d3f02b5}"`, code: gar.CodeGUID, attr: "OBJECTGUID"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc := "<HOUSES>\n<HOUSE " + tc.attrs + " />\n</HOUSES>"
			var got []gar.House
			err := gar.Decode(strings.NewReader(doc), func(h *gar.House) error {
				got = append(got, *h)
				return nil
			}, gar.WithFile("AS_HOUSES_X.XML"))
			if tc.code == "" {
				require.NoError(t, err)
				require.Len(t, got, 1)
				assert.Equal(t, tc.want, got[0])
				return
			}
			var pe *gar.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.code, pe.Code)
			assert.Equal(t, tc.attr, pe.Attr)
			assert.Equal(t, "HOUSE", pe.Element)
			assert.Equal(t, 1, pe.Record)
			assert.Equal(t, 2, pe.Line)
			assert.Equal(t, int64(9), pe.Offset)
			assert.ErrorIs(t, err, fault.Invalid)
			assert.True(t, fault.HasCode(err, tc.code))
			assert.True(t, address.HasCode(err, tc.code))
			prefix := "AS_HOUSES_X.XML, строка 2, смещение 9, запись 1: атрибут " + tc.attr + ": "
			assert.True(t, strings.HasPrefix(err.Error(), prefix), err.Error())
			if tc.detail != "" {
				assert.Equal(t, prefix+tc.detail, err.Error())
			}
		})
	}
}

func TestDecodeBrokenFixtures(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file, code, attr string
		record, line     int
	}{
		{"typed_bad_objectid.xml", gar.CodeInt, "OBJECTID", 2, 3},
		{"typed_bad_date.xml", gar.CodeDate, "STARTDATE", 1, 1},
		{"typed_bad_guid.xml", gar.CodeGUID, "OBJECTGUID", 1, 1},
		{"typed_bad_bool.xml", gar.CodeBool, "ISACTIVE", 1, 1},
		{"typed_bad_element.xml", gar.CodeElement, "", 1, 1},
		{"bad_truncated.xml", gar.CodeTruncated, "", 2, 4},
		{"bad_duplicate_attr.xml", gar.CodeDuplicateAttr, "", 2, 1},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			f, err := os.Open(filepath.Join("testdata", "scan", tc.file))
			require.NoError(t, err)
			defer f.Close()
			n := 0
			err = gar.Decode(f, func(*gar.House) error { n++; return nil }, gar.WithFile(tc.file))
			var pe *gar.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.code, pe.Code, err.Error())
			assert.Equal(t, tc.attr, pe.Attr)
			assert.Equal(t, tc.record, pe.Record)
			assert.Equal(t, tc.line, pe.Line)
			assert.Equal(t, tc.record-1, n, "records before the broken one are delivered")
			assert.ErrorIs(t, err, fault.Invalid)
			if pe.Err != nil {
				assert.Equal(t, pe.Err, errors.Unwrap(err))
			}
		})
	}
}

func TestDecodeStopsOnCallbackError(t *testing.T) {
	t.Parallel()
	stop := errors.New("stop")
	n := 0
	err := gar.Decode(strings.NewReader(`<PARAMS><PARAM ID="1"/><PARAM ID="2"/></PARAMS>`), func(p *gar.Param) error {
		n++
		return stop
	})
	require.Same(t, stop, err)
	assert.Equal(t, 1, n)
}

func TestParsePath(t *testing.T) {
	t.Parallel()
	cases := []struct {
		path string
		want []int64
		ok   bool
	}{
		{"", nil, true},
		{"5705", []int64{5705}, true},
		{"5705.95230429.6006.12851.177178419", []int64{5705, 95230429, 6006, 12851, 177178419}, true},
		{"1..2", nil, false},
		{".1", nil, false},
		{"1.", nil, false},
		{"1.a", nil, false},
		{"1.-2", nil, false},
		{"99999999999999999999", nil, false},
	}
	for _, tc := range cases {
		got, err := gar.ParsePath(tc.path)
		if !tc.ok {
			require.Error(t, err, tc.path)
			assert.True(t, fault.HasCode(err, gar.CodePath))
			assert.ErrorIs(t, err, fault.Invalid)
			continue
		}
		require.NoError(t, err, tc.path)
		assert.Equal(t, tc.want, got, tc.path)
		// The decoder accepts exactly the paths ParsePath accepts.
		_, derr := decodeHierarchyPath(tc.path)
		assert.NoError(t, derr)
	}
	for _, bad := range []string{"1..2", "1.", "x", "1.99999999999999999999"} {
		_, err := decodeHierarchyPath(bad)
		var pe *gar.ParseError
		require.ErrorAs(t, err, &pe, bad)
		assert.Equal(t, gar.CodePath, pe.Code)
	}
	buf := make([]int64, 0, 8)
	buf, err := gar.AppendPath(buf[:0], "1.2")
	require.NoError(t, err)
	assert.Equal(t, []int64{1, 2}, buf)
}

func decodeHierarchyPath(path string) (gar.Hierarchy, error) {
	var h gar.Hierarchy
	err := gar.Decode(strings.NewReader(`<ITEMS><ITEM PATH="`+path+`"/></ITEMS>`), func(v *gar.Hierarchy) error {
		h = *v
		return nil
	})
	return h, err
}

func TestIsOpenEnd(t *testing.T) {
	t.Parallel()
	assert.True(t, gar.IsOpenEnd(day(2079, 6, 6)))
	assert.True(t, gar.IsOpenEnd(address.Date{}))
	assert.False(t, gar.IsOpenEnd(day(2079, 6, 5)))
	assert.False(t, gar.IsOpenEnd(day(2024, 1, 1)))
}

func TestKindNewDecodesEveryKind(t *testing.T) {
	t.Parallel()
	src, err := gar.OpenDir("testdata/dist")
	require.NoError(t, err)
	seen := map[gar.Kind]bool{}
	for _, f := range src.Files() {
		seen[f.Kind] = true
		n, err := decodeFileAnyKind(f)
		require.NoError(t, err, f.Path)
		want, err := countRecordsXML(f)
		require.NoError(t, err)
		assert.Equal(t, want, n, f.Path)
	}
	for _, k := range gar.Kinds() {
		assert.True(t, seen[k], "no fixture of kind %s", k)
		assert.NotNil(t, k.New(), k)
		assert.NotEmpty(t, k.Root(), k)
		assert.NotEmpty(t, k.Element(), k)
	}
	assert.Nil(t, gar.Kind("NOPE").New())
}

// decodeFileAnyKind decodes every record of f with the typed record of its
// kind and returns the number of records.
func decodeFileAnyKind(f gar.File) (int, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	return decodeAnyKind(rc, f.Kind, f.Name())
}

func decodeAnyKind(r io.Reader, k gar.Kind, name string) (int, error) {
	v := k.New()
	sc := gar.NewScanner(r, gar.WithFile(name), gar.WithKind(k))
	n := 0
	for sc.Next() {
		if err := v.DecodeRecord(sc.Record()); err != nil {
			return n, err
		}
		n++
	}
	return n, sc.Err()
}

// countRecordsXML counts the children of the root element with
// encoding/xml, independently of the Scanner.
func countRecordsXML(f gar.File) (int, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return 0, err
	}
	return countXML(bytes.TrimPrefix(data, []byte("\uFEFF")))
}

func countXML(data []byte) (int, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	depth, n := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 2 {
				n++
			}
		case xml.EndElement:
			depth--
		}
	}
}

// TestDecodeRealSamples reads every real sample file, of every kind,
// through its typed decoder and checks the number of records against a
// count made with encoding/xml.
func TestDecodeRealSamples(t *testing.T) {
	t.Parallel()
	dir := samplesDir(t)
	src, err := gar.OpenDir(dir)
	require.NoError(t, err)
	files := src.Files()
	require.Len(t, files, len(xmlFiles(t, dir)), "every sample file is a known kind")
	total := 0
	for _, f := range files {
		n, err := decodeFileAnyKind(f)
		require.NoError(t, err, f.Path)
		want, err := countRecordsXML(f)
		require.NoError(t, err, f.Path)
		assert.Equal(t, want, n, f.Path)
		total += n
	}
	assert.Greater(t, total, 10000)
}
