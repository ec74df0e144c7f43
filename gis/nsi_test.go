package gis_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/gis/internal/schematest"
)

func TestExportNsiBuildersSchemaValid(t *testing.T) {
	t.Parallel()
	after := time.Date(2025, 12, 31, 23, 0, 0, 0, time.FixedZone("MSK", 3*3600))
	item := gis.NsiItemQuery{RegistryNumber: 22, ListGroup: gis.NsiGroupNSI}
	itemAfter := gis.NsiItemQuery{RegistryNumber: 9999999999, ListGroup: gis.NsiGroupNSIRAO, ModifiedAfter: after}
	for _, tc := range []struct {
		name   string
		build  func(b *gis.Builder) (*gis.Message, error)
		header string
		want   []string
	}{
		{"list of every group", func(b *gis.Builder) (*gis.Message, error) { return b.ExportNsiList("") }, "ISRequestHeader", []string{"<nsic:exportNsiListRequest"}},
		{"list of NSIRAO", func(b *gis.Builder) (*gis.Message, error) { return b.ExportNsiList(gis.NsiGroupNSIRAO) }, "ISRequestHeader", []string{"<nsi-base:ListGroup>NSIRAO</nsi-base:ListGroup>"}},
		{"item", func(b *gis.Builder) (*gis.Message, error) { return b.ExportNsiItem(item) }, "ISRequestHeader", []string{"<nsic:RegistryNumber>22</nsic:RegistryNumber><nsi-base:ListGroup>NSI</nsi-base:ListGroup></nsic:exportNsiItemRequest>"}},
		{"item modified after", func(b *gis.Builder) (*gis.Message, error) { return b.ExportNsiItem(itemAfter) }, "ISRequestHeader", []string{"<nsic:ModifiedAfter>2025-12-31T23:00:00.000+03:00</nsic:ModifiedAfter>"}},
		{"paging item", func(b *gis.Builder) (*gis.Message, error) {
			return b.ExportNsiPagingItem(gis.NsiPagingItemQuery{NsiItemQuery: itemAfter, Page: 3})
		}, "ISRequestHeader", []string{"<nsic:Page>3</nsic:Page><nsic:ModifiedAfter>"}},
		{"data provider item", func(b *gis.Builder) (*gis.Message, error) {
			return b.ExportDataProviderNsiItem(gis.DataProviderNsiItemQuery{RegistryNumber: 337, ModifiedAfter: after})
		}, "RequestHeader", []string{"<nsi:RegistryNumber>337</nsi:RegistryNumber><nsi:ModifiedAfter>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m, err := tc.build(builderA(t))
			require.NoError(t, err)
			schematest.Validate(t, m)
			data, err := m.Bytes()
			require.NoError(t, err)
			assert.Contains(t, string(data), "<base:"+tc.header+" ")
			for _, w := range tc.want {
				assert.Contains(t, string(data), w)
			}
		})
	}
}

func TestExportNsiViolations(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		build func(b *gis.Builder) (*gis.Message, error)
		want  map[string]string
	}{
		{"unknown group", func(b *gis.Builder) (*gis.Message, error) { return b.ExportNsiList("nsi") }, map[string]string{"listGroup": "format"}},
		{"item without number and group", func(b *gis.Builder) (*gis.Message, error) { return b.ExportNsiItem(gis.NsiItemQuery{}) },
			map[string]string{"registryNumber": "range", "listGroup": "required"}},
		{"item with too long a number", func(b *gis.Builder) (*gis.Message, error) {
			return b.ExportNsiItem(gis.NsiItemQuery{RegistryNumber: 10000000000, ListGroup: "X"})
		}, map[string]string{"registryNumber": "range", "listGroup": "format"}},
		{"page zero", func(b *gis.Builder) (*gis.Message, error) {
			return b.ExportNsiPagingItem(gis.NsiPagingItemQuery{NsiItemQuery: gis.NsiItemQuery{RegistryNumber: -1, ListGroup: gis.NsiGroupNSI}})
		}, map[string]string{"registryNumber": "range", "page": "range"}},
		{"registry the provider does not keep", func(b *gis.Builder) (*gis.Message, error) {
			return b.ExportDataProviderNsiItem(gis.DataProviderNsiItemQuery{RegistryNumber: 22})
		}, map[string]string{"registryNumber": "range"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := tc.build(builderA(t))
			require.ErrorIs(t, err, gis.ErrInvalid)
			var ve *gis.ValidationError
			require.ErrorAs(t, err, &ve)
			got := map[string]string{}
			for _, v := range ve.Violations {
				got[v.Field] = v.Code
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestReadExportNsiList(t *testing.T) {
	t.Parallel()
	data := testdataA(t, "nsi_list_result.xml")
	schematest.ValidateBytes(t, data, "nsi-common")
	r, err := gis.ParseStateResult(data)
	require.NoError(t, err)
	got, err := gis.ReadExportNsiList(r)
	require.NoError(t, err)
	assert.Equal(t, gis.NsiGroupNSI, got.ListGroup)
	assert.True(t, got.Created.Equal(time.Date(2026, 3, 1, 9, 4, 0, 0, time.UTC)))
	require.Len(t, got.Items, 2)
	assert.Equal(t, 22, got.Items[0].RegistryNumber)
	assert.Equal(t, "Причина закрытия лицевого счета", got.Items[0].Name)
	assert.Equal(t, "Документ, удостоверяющий личность & «прочее»", got.Items[1].Name)
	assert.True(t, got.Items[1].Modified.Equal(time.Date(2024, 1, 30, 21, 0, 0, 0, time.UTC)), "a time without a zone is Moscow time")
}

func TestReadExportNsiItem(t *testing.T) {
	t.Parallel()
	data := testdataA(t, "nsi_item_result.xml")
	schematest.ValidateBytes(t, data, "nsi-common")
	r, err := gis.ParseStateResult(data)
	require.NoError(t, err)
	got, err := gis.ReadExportNsiItem(r)
	require.NoError(t, err)
	assert.Equal(t, 22, got.RegistryNumber)
	assert.Zero(t, got.TotalPages)
	require.Len(t, got.Elements, 2)
	e := got.Elements[0]
	assert.Equal(t, "1", e.Code)
	assert.Equal(t, uuid.MustParse("a1111111-2222-4333-8444-555555555555"), e.GUID)
	assert.True(t, e.IsActual)
	assert.False(t, e.Modified.IsZero())
	want := []gis.NsiField{
		{Name: "Причина закрытия", Type: gis.NsiFieldString, HasValue: true, String: "Смена собственника & «переезд»"},
		{Name: "Признак", Type: gis.NsiFieldBoolean, HasValue: true, Bool: true},
		{Name: "Коэффициент", Type: gis.NsiFieldFloat, HasValue: true, Float: 1.25},
		{Name: "Дата начала", Type: gis.NsiFieldDate, HasValue: true, Date: gis.Date{Year: 2024, Month: time.February, Day: 29}},
		{Name: "Порядок", Type: gis.NsiFieldInteger, HasValue: true, Integer: -42},
		{Name: "Вид", Type: gis.NsiFieldEnum, HasValue: true, Positions: []gis.NsiEnumPosition{
			{GUID: "b1111111-2222-4333-8444-555555555555", Value: "Первый"},
			{GUID: "b2111111-2222-4333-8444-555555555555", Value: "Второй"},
		}},
		{Name: "Справочник", Type: gis.NsiFieldNsi, HasValue: true, RegistryNumber: 2, ListGroup: gis.NsiGroupNSI},
		{Name: "Вид коммунального ресурса", Type: gis.NsiFieldNsiRef, HasValue: true, RegistryNumber: 2,
			Ref: gis.NsiRef{Code: "1", GUID: uuid.MustParse("c1111111-2222-4333-8444-555555555555"), Name: "Холодная вода"}},
		{Name: "Единица измерения", Type: gis.NsiFieldOkeiRef, HasValue: true, OKEI: "113"},
		{Name: "Адрес", Type: gis.NsiFieldFiasAddressRef, HasValue: true, FIASGUID: "0c5b2444-70a0-4932-980c-b4dc0d3f02b5", AOGUID: "d1111111-2222-4333-8444-555555555555"},
		{Name: "Файл", Type: gis.NsiFieldAttachment, HasValue: true, Attachment: &gis.Attachment{
			Name: "положение.pdf", Description: "Положение", GUID: uuid.MustParse("e1111111-2222-4333-8444-555555555555"), Hash: "00ff"}},
		{Name: "Пустое поле", Type: gis.NsiFieldString},
	}
	assert.Equal(t, want, e.Fields)
	f, ok := e.Field("Порядок")
	assert.True(t, ok)
	assert.Equal(t, int64(-42), f.Integer)
	_, ok = e.Field("Нет такого")
	assert.False(t, ok)
	require.Len(t, e.Children, 1)
	c := e.Children[0]
	assert.Equal(t, "1.1", c.Code)
	assert.False(t, c.IsActual)
	assert.True(t, c.Modified.IsZero())
	assert.True(t, c.StartDate.Equal(time.Date(2023, 12, 31, 21, 0, 0, 0, time.UTC)))
	assert.True(t, c.EndDate.Equal(time.Date(2030, 12, 31, 20, 59, 59, 0, time.UTC)))
	assert.Empty(t, got.Elements[1].Fields)
}

func TestReadExportNsiPagingItem(t *testing.T) {
	t.Parallel()
	data := testdataA(t, "nsi_paging_result.xml")
	schematest.ValidateBytes(t, data, "nsi")
	r, err := gis.ParseStateResult(data)
	require.NoError(t, err)
	got, err := gis.ReadExportNsiItem(r)
	require.NoError(t, err)
	assert.Equal(t, 1, got.RegistryNumber)
	assert.Equal(t, 1001, got.TotalItems)
	assert.Equal(t, 2, got.TotalPages)
	assert.Equal(t, 2, got.CurrentPage)
	require.Len(t, got.Elements, 1)
	require.Len(t, got.Elements[0].Fields, 1)
	assert.Equal(t, "Домофон", got.Elements[0].Fields[0].String, "xsi:type is read whatever prefix xsi has")
}

func TestReadExportNsiItemBadFields(t *testing.T) {
	t.Parallel()
	item := string(testdataA(t, "nsi_item_result.xml"))
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"unknown type", `xsi:type="nsi-base:NsiElementBooleanFieldType"`, `xsi:type="nsi-base:NsiElementColourFieldType"`, "NsiElementColourFieldType"},
		{"not a field type", `xsi:type="nsi-base:NsiElementBooleanFieldType"`, `xsi:type="nsi-base:Something"`, "Something"},
		{"no type", `xsi:type="nsi-base:NsiElementBooleanFieldType"`, ``, "Признак"},
		{"bad boolean", `<nsi-base:Value>true</nsi-base:Value>`, `<nsi-base:Value>да</nsi-base:Value>`, "да"},
		{"bad float", `<nsi-base:Value>1.25</nsi-base:Value>`, `<nsi-base:Value>1,25</nsi-base:Value>`, "1,25"},
		{"bad date", `<nsi-base:Value>2024-02-29</nsi-base:Value>`, `<nsi-base:Value>2023-02-29</nsi-base:Value>`, "2023-02-29"},
		{"bad integer", `<nsi-base:Value>-42</nsi-base:Value>`, `<nsi-base:Value>99999999999999999999</nsi-base:Value>`, "99999999999999999999"},
		{"bad GUID", `<nsi-base:GUID>a1111111-`, `<nsi-base:GUID>x1111111-`, "GUID"},
		{"bad attachment GUID", `<base:AttachmentGUID>e1111111`, `<base:AttachmentGUID>e111`, "AttachmentGUID"},
		{"bad modified", `<nsi-base:Modified>2025-11-02T10:00:00+03:00</nsi-base:Modified>`, `<nsi-base:Modified>вчера</nsi-base:Modified>`, "вчера"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			data := strings.Replace(item, tc.old, tc.new, 1)
			require.NotEqual(t, item, data)
			r, err := gis.ParseStateResult([]byte(data))
			require.NoError(t, err)
			_, err = gis.ReadExportNsiItem(r)
			require.ErrorIs(t, err, gis.ErrInvalid)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestReadNsiEmptyNotDoneAndFailed(t *testing.T) {
	t.Parallel()
	empty, err := gis.ParseStateResult(testdataA(t, "account_state_empty.xml"))
	require.NoError(t, err)
	item, err := gis.ReadExportNsiItem(empty)
	require.NoError(t, err)
	assert.Empty(t, item.Elements)
	list, err := gis.ReadExportNsiList(empty)
	require.NoError(t, err)
	assert.Empty(t, list.Items)

	failed, err := gis.ParseStateResult(testdataA(t, "account_state_error.xml"))
	require.NoError(t, err)
	_, err = gis.ReadExportNsiItem(failed)
	var ge *gis.Error
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, "FMT001300", ge.Code)

	_, err = gis.ReadExportNsiItem(&gis.StateResult{State: gis.StateReceived})
	require.ErrorIs(t, err, gis.ErrInvalid)
	_, err = gis.ReadExportNsiList(nil)
	require.ErrorIs(t, err, gis.ErrInvalid)
}
