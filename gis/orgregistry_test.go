package gis_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/gis/internal/schematest"
)

func TestExportOrgRegistrySchemaValid(t *testing.T) {
	t.Parallel()
	hundred := make([]gis.OrgSearch, 100)
	for i := range hundred {
		hundred[i] = gis.OrgSearch{OGRN: fmt.Sprintf("10277001%05d", i)}
	}
	all := []gis.OrgSearch{
		{OGRN: "1027700132195"},
		{OGRN: "1027700132195", KPP: "770701001", OnlyRegistered: true},
		{OGRNIP: "304500116000157"},
		{NZA: "10150000123"},
		{OrgVersionGUID: aOrgVersion},
		{OrgRootEntityGUID: aHouse},
		{OrgPPAGUID: orgA, OnlyRegistered: true},
	}
	for _, tc := range []struct {
		name    string
		q       gis.OrgRegistryQuery
		sizes   []int
		want    []string
		objects []gis.ObjectRef
	}{
		{"minimal", gis.OrgRegistryQuery{Criteria: []gis.OrgSearch{{OGRN: "1027700132195"}}}, []int{1},
			[]string{"<orgcom:SearchCriteria><organizations-base:OGRN>1027700132195</organizations-base:OGRN></orgcom:SearchCriteria></orgcom:exportOrgRegistryRequest>", "<base:ISRequestHeader "},
			[]gis.ObjectRef{{Kind: "organisation", Key: "1027700132195"}}},
		{"every criterion", gis.OrgRegistryQuery{Criteria: all, LastEditingDateFrom: gis.Date{Year: 2025, Month: 1, Day: 1}}, []int{7},
			[]string{"<organizations-base:KPP>770701001</organizations-base:KPP><orgcom:isRegistered>true</orgcom:isRegistered>", "<orgcom:lastEditingDateFrom>2025-01-01</orgcom:lastEditingDateFrom>", "<orgcom:orgPPAGUID>" + orgA.String()},
			nil},
		{"at the limit", gis.OrgRegistryQuery{Criteria: hundred}, []int{100}, nil, nil},
		{"over the limit", gis.OrgRegistryQuery{Criteria: append(hundred, hundred[:51]...)}, []int{100, 51}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			msgs, err := builderA(t).ExportOrgRegistry(tc.q)
			require.NoError(t, err)
			require.Len(t, msgs, len(tc.sizes))
			for i, m := range msgs {
				schematest.Validate(t, m)
				assert.Len(t, bodyA(t, m).SelectElements("SearchCriteria"), tc.sizes[i])
				assert.Len(t, m.Objects, tc.sizes[i])
			}
			data, err := msgs[0].Bytes()
			require.NoError(t, err)
			for _, w := range tc.want {
				assert.Contains(t, string(data), w)
			}
			if tc.objects != nil {
				assert.Equal(t, tc.objects, msgs[0].Objects)
			}
		})
	}
}

func TestExportOrgRegistryViolations(t *testing.T) {
	t.Parallel()
	_, err := builderA(t).ExportOrgRegistry(gis.OrgRegistryQuery{
		Criteria: []gis.OrgSearch{
			{OGRN: "1027700132195"},
			{},
			{OGRN: "102770013219", OGRNIP: "30450011600015x"},
			{KPP: "7707010010", NZA: "1"},
			{OrgVersionGUID: aOrgVersion, OrgPPAGUID: orgA},
		},
		LastEditingDateFrom: gis.Date{Year: 2025, Month: 2, Day: 30},
	})
	var ve *gis.ValidationError
	require.ErrorAs(t, err, &ve)
	got := map[string]string{}
	for _, v := range ve.Violations {
		got[v.Field] = v.Code
	}
	assert.Equal(t, map[string]string{
		"criteria[1]":         "required",
		"criteria[2]":         "choice",
		"criteria[2].ogrn":    "format",
		"criteria[2].ogrnip":  "format",
		"criteria[3].nza":     "format",
		"criteria[3].kpp":     "choice",
		"criteria[4]":         "choice",
		"lastEditingDateFrom": "format",
	}, got)
	assert.True(t, ve.Has("format"))

	_, err = builderA(t).ExportOrgRegistry(gis.OrgRegistryQuery{})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "criteria", ve.Violations[0].Field)
}

func TestReadExportOrgRegistry(t *testing.T) {
	t.Parallel()
	data := testdataA(t, "orgregistry_result.xml")
	schematest.ValidateBytes(t, data, "organizations-registry-common")
	r, err := gis.ParseStateResult(data)
	require.NoError(t, err)
	page, err := gis.ReadExportOrgRegistry(r)
	require.NoError(t, err)
	assert.True(t, page.IsNextPage)
	require.Len(t, page.Organizations, 4)

	legal := page.Organizations[0]
	assert.Equal(t, gis.OrgLegal, legal.Kind)
	assert.Equal(t, uuid.MustParse("f1111111-2222-4333-8444-555555555555"), legal.RootEntityGUID)
	assert.Equal(t, uuid.MustParse("f2111111-2222-4333-8444-555555555555"), legal.VersionGUID)
	assert.Equal(t, gis.Date{Year: 2025, Month: 12, Day: 1}, legal.LastEditingDate)
	assert.True(t, legal.IsActual)
	assert.Equal(t, `ООО «УК "Ёлка" & К»`, legal.ShortName)
	assert.True(t, strings.HasPrefix(legal.FullName, "Общество"))
	assert.Equal(t, "1027700132195", legal.OGRN)
	assert.Equal(t, "7707083893", legal.INN)
	assert.Equal(t, "770701001", legal.KPP)
	assert.Equal(t, "12300", legal.OKOPF)
	assert.Equal(t, "г. Москва, ул. Ленина, д. 1 <офис 2>", legal.Address)
	assert.Equal(t, aHouse, legal.FIASHouseGUID)
	assert.Equal(t, gis.Date{Year: 2002, Month: 7, Day: 1}, legal.StateRegistrationDate)
	assert.Equal(t, "P", legal.Status)
	assert.Equal(t, orgA, legal.OrgPPAGUID)
	assert.True(t, legal.Registered)
	require.Len(t, legal.Roles, 2)
	assert.Equal(t, gis.NsiRef{Code: "1", GUID: uuid.MustParse("f3111111-2222-4333-8444-555555555555"), Name: "Управляющая организация"}, legal.Roles[0])

	sub := page.Organizations[1]
	assert.Equal(t, gis.OrgSubsidiary, sub.Kind)
	assert.False(t, sub.IsActual)
	assert.Equal(t, "770702001", sub.KPP)
	assert.Equal(t, legal.VersionGUID, sub.ParentVersionGUID)
	assert.False(t, sub.Registered)

	ip := page.Organizations[2]
	assert.Equal(t, gis.OrgEntrepreneur, ip.Kind)
	assert.Equal(t, "Пётров", ip.Surname)
	assert.Equal(t, "Иван", ip.FirstName)
	assert.Equal(t, "Сергеевич", ip.Patronymic)
	assert.Equal(t, "304500116000157", ip.OGRNIP)
	assert.Equal(t, "500100732259", ip.INN)

	fb := page.Organizations[3]
	assert.Equal(t, gis.OrgForeignBranch, fb.Kind)
	assert.Equal(t, "10150000123", fb.NZA)
}

func TestReadExportOrgRegistryBroken(t *testing.T) {
	t.Parallel()
	data := string(testdataA(t, "orgregistry_result.xml"))
	for _, tc := range []struct{ name, old, new string }{
		{"bad root GUID", "<orb:orgRootEntityGUID>f1111111", "<orb:orgRootEntityGUID>g1111111"},
		{"bad date", "<orgcom:lastEditingDate>2025-12-01", "<orgcom:lastEditingDate>2025-13-01"},
		{"bad flag", "<orgcom:IsActual>true", "<orgcom:IsActual>yes"},
		{"no organisation", "<orgcom:Legal>", "<orgcom:Other>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			broken := strings.Replace(data, tc.old, tc.new, 1)
			broken = strings.Replace(broken, "</orgcom:Legal>", "</orgcom:Other>", strings.Count(tc.new, "Other"))
			r, err := gis.ParseStateResult([]byte(broken))
			require.NoError(t, err)
			_, err = gis.ReadExportOrgRegistry(r)
			require.ErrorIs(t, err, gis.ErrInvalid)
		})
	}
	empty, err := gis.ParseStateResult(testdataA(t, "account_state_empty.xml"))
	require.NoError(t, err)
	page, err := gis.ReadExportOrgRegistry(empty)
	require.NoError(t, err)
	assert.Empty(t, page.Organizations)
}
