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

func TestExportHouseDataSchemaValid(t *testing.T) {
	t.Parallel()
	op, ok := gis.LookupOperation("exportHouseData")
	require.True(t, ok)
	versions := append([]string{""}, op.Versions...)
	for _, v := range versions {
		t.Run("version "+v, func(t *testing.T) {
			t.Parallel()
			m, err := builderA(t).ExportHouseData(gis.HouseQuery{FIASHouseGUID: aHouse, Version: v})
			require.NoError(t, err)
			schematest.Validate(t, m)
			want := v
			if want == "" {
				want = op.DefaultVersion()
			}
			assert.Equal(t, want, m.Version)
			body := bodyA(t, m)
			assert.Equal(t, want, body.SelectAttrValue("base:version", ""))
			assert.Equal(t, aHouse.String(), body.SelectElement("FIASHouseGuid").Text())
			assert.Equal(t, []gis.ObjectRef{{Kind: "house", Key: aHouse.String()}}, m.Objects)
		})
	}
}

func TestExportHouseDataViolations(t *testing.T) {
	t.Parallel()
	_, err := builderA(t).ExportHouseData(gis.HouseQuery{Version: "10.0.0.0"})
	var ve *gis.ValidationError
	require.ErrorAs(t, err, &ve)
	got := map[string]string{}
	for _, v := range ve.Violations {
		got[v.Field] = v.Code
	}
	assert.Equal(t, map[string]string{"fiasHouseGuid": "required", "version": "format"}, got)
}

func TestReadExportHouseDataApartmentHouse(t *testing.T) {
	t.Parallel()
	data := testdataA(t, "house_apartment_result.xml")
	schematest.ValidateBytes(t, data, "house-management")
	r, err := gis.ParseStateResult(data)
	require.NoError(t, err)
	h, err := gis.ReadExportHouseData(r)
	require.NoError(t, err)
	assert.Equal(t, gis.HouseApartment, h.Kind)
	assert.Equal(t, "77000001234", h.UniqueNumber)
	assert.True(t, h.Modified.Equal(time.Date(2025, 10, 10, 7, 10, 10, 0, time.UTC)))
	assert.Equal(t, uuid.MustParse("b0111111-2222-4333-8444-555555555555"), h.HouseGUID)
	assert.Equal(t, aHouse, h.FIASHouseGUID)
	assert.Equal(t, "77:01:0001001:1001", h.CadastralNumber)
	assert.Equal(t, "3520.5", h.TotalSquare.String())
	assert.Equal(t, "Исправный", h.State.Name)
	assert.Equal(t, 1975, h.UsedYear)
	assert.Equal(t, "9", h.FloorCount)
	assert.Equal(t, "1", h.UndergroundFloorCount)
	assert.Equal(t, "45382000", h.OKTMO)
	assert.Equal(t, "Управляющая организация", h.ManagementType.Name)

	require.Len(t, h.Entrances, 2)
	assert.Equal(t, gis.HouseEntrance{
		GUID: uuid.MustParse("b2111111-2222-4333-8444-555555555555"), Number: "1",
		Modified: h.Entrances[0].Modified, StoreysCount: 9, CreationYear: 1975,
	}, h.Entrances[0])
	assert.Equal(t, "2 «бис» & ё", h.Entrances[1].Number)
	assert.Equal(t, gis.Date{Year: 2024, Month: 1, Day: 1}, h.Entrances[1].TerminationDate)

	require.Len(t, h.ResidentialPremises, 2)
	p := h.ResidentialPremises[0]
	assert.Equal(t, aPremise, p.GUID)
	assert.Equal(t, "77000001234-1", p.UniqueNumber)
	assert.Equal(t, "1", p.Number)
	assert.Equal(t, "1", p.Floor)
	assert.Equal(t, "1", p.EntranceNumber)
	assert.Equal(t, "77:01:0001001:2001", p.CadastralNumber)
	assert.Equal(t, "54.1234", p.TotalArea.String())
	assert.Equal(t, "38.5", p.GrossArea.String())
	assert.Equal(t, "1", p.Characteristic.Code)
	communal := h.ResidentialPremises[1]
	assert.Nil(t, communal.GrossArea)
	require.Len(t, communal.Rooms, 2)
	assert.Equal(t, aRoom, communal.Rooms[0].GUID)
	assert.Equal(t, "77000001234-2-1", communal.Rooms[0].UniqueNumber)
	assert.Equal(t, "18.2", communal.Rooms[0].Square.String())
	assert.Equal(t, "77:01:0001001:3002", communal.Rooms[1].CadastralNumber)

	require.Len(t, h.NonResidentialPremises, 1)
	n := h.NonResidentialPremises[0]
	assert.Equal(t, "I", n.Number)
	assert.True(t, n.IsCommonProperty)
	assert.Equal(t, "120.75", n.TotalArea.String())
	assert.Empty(t, h.Blocks)
	assert.Empty(t, h.Rooms)
}

func TestReadExportHouseDataLivingHouse(t *testing.T) {
	t.Parallel()
	data := testdataA(t, "house_living_result.xml")
	schematest.ValidateBytes(t, data, "house-management")
	r, err := gis.ParseStateResult(data)
	require.NoError(t, err)
	h, err := gis.ReadExportHouseData(r)
	require.NoError(t, err)
	assert.Equal(t, gis.HouseLiving, h.Kind)
	assert.Equal(t, uuid.MustParse("c4111111-2222-4333-8444-555555555555"), h.HouseGUID, "a living house carries its GUID inside")
	assert.True(t, h.HasBlocks)
	require.Len(t, h.Blocks, 2)
	assert.Equal(t, "50000005678-Б1", h.Blocks[0].UniqueNumber)
	assert.Equal(t, "50", h.Blocks[0].GrossArea.String())
	require.Len(t, h.Blocks[0].Rooms, 1)
	assert.Equal(t, "1", h.Blocks[0].Rooms[0].Number)
	assert.Empty(t, h.Blocks[1].Rooms)
	assert.Empty(t, h.Entrances)
}

func TestReadExportHouseDataFailures(t *testing.T) {
	t.Parallel()
	empty, err := gis.ParseStateResult(testdataA(t, "account_state_empty.xml"))
	require.NoError(t, err)
	_, err = gis.ReadExportHouseData(empty)
	require.ErrorIs(t, err, gis.ErrNotFound)

	data := string(testdataA(t, "house_apartment_result.xml"))
	for _, tc := range []struct{ name, old, new string }{
		{"bad area", "<hm:TotalArea>54.1234", "<hm:TotalArea>54,1234"},
		{"bad room GUID", "<hm:LivingRoomGUID>21111111", "<hm:LivingRoomGUID>2111"},
		{"bad year", "<hm:UsedYear>1975", "<hm:UsedYear>тысяча"},
		{"bad modification date", "<hm:ModificationDate>2025-10-10T10:10:10.000+03:00", "<hm:ModificationDate>10.10.2025"},
		{"bad flag", "<hm:IsCommonProperty>true", "<hm:IsCommonProperty>да"},
		{"no house", "<hm:ApartmentHouse>", "<hm:Unknown>"},
		{"no characteristics", "<hm:BasicCharacteristicts>", "<hm:Other>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			broken := strings.Replace(data, tc.old, tc.new, 1)
			require.NotEqual(t, data, broken)
			if strings.HasPrefix(tc.new, "<hm:Unknown") {
				broken = strings.Replace(broken, "</hm:ApartmentHouse>", "</hm:Unknown>", 1)
			}
			if strings.HasPrefix(tc.new, "<hm:Other") {
				broken = strings.Replace(broken, "</hm:BasicCharacteristicts>", "</hm:Other>", 1)
			}
			r, err := gis.ParseStateResult([]byte(broken))
			require.NoError(t, err)
			_, err = gis.ReadExportHouseData(r)
			require.ErrorIs(t, err, gis.ErrInvalid)
		})
	}
}
