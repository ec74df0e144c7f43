package gis_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/gis/internal/schematest"
)

var (
	bSubrequest = uuid.MustParse("c1000000-0000-4000-8000-000000000001")
	bExecutor   = uuid.MustParse("c2000000-0000-4000-8000-000000000001")
	bFile       = uuid.MustParse("c3000000-0000-4000-8000-000000000001")
)

// fileB is an uploaded file.
func fileB(name string) gis.Attachment {
	return gis.Attachment{Name: name, Description: "Решение суда", GUID: bFile, Hash: "a1b2c3d4"}
}

// debtResponse is a full response with a debt.
func debtResponse(sub uuid.UUID) gis.DebtResponse {
	return gis.DebtResponse{
		SubrequestGUID: sub,
		HasDebt:        true,
		Files:          []gis.Attachment{fileB("решение.pdf")},
		Description:    `Долг & <пени> "по суду"`,
		ExecutorGUID:   bExecutor,
		Debts: []gis.DebtInfo{{
			Person: gis.DebtPerson{
				LastName: "Иванов", FirstName: "Пётр", MiddleName: "Ильич", SNILS: "12345678901",
				Document: &gis.DebtPersonDocument{Type: nsiB("1"), Series: "4510", Number: "123456"},
			},
			Documents: []gis.DebtDocument{{Type: nsiB("2"), File: fileB("приказ.pdf")}},
		}},
	}
}

func TestImportResponsesSchemaValid(t *testing.T) {
	t.Parallel()
	noDebt := gis.DebtResponse{SubrequestGUID: bSubrequest, ExecutorGUID: bExecutor}
	byRegistry := gis.DebtResponse{SubrequestGUID: bSubrequest, HasDebt: true, ExecutorGUID: bExecutor, DebtGUIDs: []uuid.UUID{bFile}}
	revoke := gis.DebtResponse{SubrequestGUID: bSubrequest, Action: gis.DebtRevoke}
	for _, tc := range []struct {
		name string
		r    gis.DebtResponse
		want []string
	}{
		{"no debt", noDebt, []string{"<drs:actionType>Send</drs:actionType><drs:responseData><drs:hasDebt>false</drs:hasDebt><drs:executorGUID>" + bExecutor.String()}},
		{"full with debt", debtResponse(bSubrequest), []string{"<drs:additionalFile><base:Name>решение.pdf</base:Name>", "Долг &amp; &lt;пени&gt; &quot;по суду&quot;", "<drs:snils>12345678901</drs:snils>", "<drs:document><drs:type><nsi-base:Code>2</nsi-base:Code>"}},
		{"registry records", byRegistry, []string{"<drs:debtGUID>" + bFile.String()}},
		{"revoke", revoke, []string{"<drs:actionType>Revoke</drs:actionType></drs:action>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			msgs, err := builderB(t).ImportResponses([]gis.DebtResponse{tc.r})
			require.NoError(t, err)
			require.Len(t, msgs, 1)
			schematest.Validate(t, msgs[0])
			wire, _ := wireB(t, msgs[0])
			for _, w := range tc.want {
				assert.Contains(t, wire, w)
			}
			assert.Equal(t, []gis.ObjectRef{{Kind: "debt_subrequest", Key: bSubrequest.String()}}, msgs[0].Objects)
		})
	}
}

// manyResponses returns n responses to distinct subrequests.
func manyResponses(n int) []gis.DebtResponse {
	out := make([]gis.DebtResponse, n)
	for i := range out {
		out[i] = debtResponse(uuid.NewSHA1(uuid.NameSpaceOID, fmt.Append(nil, i)))
	}
	return out
}

func TestImportResponsesBatches(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n     int
		sizes []int
	}{
		{100, []int{100}},
		{101, []int{100, 1}},
		{250, []int{100, 100, 50}},
	} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			t.Parallel()
			in := manyResponses(tc.n)
			msgs, err := builderB(t).ImportResponses(in)
			require.NoError(t, err)
			require.Len(t, msgs, len(tc.sizes))
			for i, m := range msgs {
				_, body := wireB(t, m)
				actions := body.SelectElements("action")
				require.Len(t, actions, tc.sizes[i])
				for j, a := range actions {
					idx := m.Items[uuid.MustParse(a.SelectElement("TransportGUID").Text())]
					assert.Equal(t, 100*i+j, idx)
					assert.Equal(t, in[idx].SubrequestGUID.String(), a.SelectElement("subrequestGUID").Text())
				}
				if i == 0 {
					schematest.Validate(t, m)
				}
			}
		})
	}
}

func TestImportResponsesViolations(t *testing.T) {
	t.Parallel()
	bad := debtResponse(bSubrequest)
	bad.ExecutorGUID = uuid.Nil
	bad.DebtGUIDs = []uuid.UUID{bFile}
	bad.Description = strings.Repeat("д", 1001)
	bad.Files[0].Hash = ""
	bad.Debts[0].Person.FirstName = ""
	bad.Debts[0].Person.SNILS = "123-456"
	bad.Debts[0].Person.Document.Number = ""
	bad.Debts[0].Documents[0].Type = gis.NsiRef{}
	noDebt := gis.DebtResponse{SubrequestGUID: uuid.Nil, ExecutorGUID: bExecutor, Files: []gis.Attachment{fileB("x")}}
	revoke := gis.DebtResponse{SubrequestGUID: bSubrequest, Action: gis.DebtRevoke, HasDebt: true}
	weird := gis.DebtResponse{SubrequestGUID: bFile, Action: "delete"}
	_, err := builderB(t).ImportResponses([]gis.DebtResponse{bad, noDebt, revoke, weird})
	got := violationsB(t, err)
	assert.Equal(t, []string{
		"responses[0].executorGuid required",
		"responses[0].description too_long",
		"responses[0].debtGuids not_allowed",
		"responses[0].files[0].hash required",
		"responses[0].debts[0].person.firstName required",
		"responses[0].debts[0].person.snils format",
		"responses[0].debts[0].person.document.number required",
		"responses[0].debts[0].documents[0].type.code required",
		"responses[0].debts[0].documents[0].type.guid required",
		"responses[1].subrequestGuid required",
		"responses[1].files not_allowed",
		"responses[2].action not_allowed",
		"responses[2].subrequestGuid duplicate",
		"responses[3].action format",
	}, got)
	for _, v := range got {
		assert.NotContains(t, v, "123-456", "personal data never reaches a message")
	}
	_, err = builderB(t).ImportResponses(nil)
	assert.Equal(t, []string{"responses required"}, violationsB(t, err))
}

func TestDebtPersonStringMasksSNILS(t *testing.T) {
	t.Parallel()
	p := gis.DebtPerson{LastName: "Иванов", FirstName: "Пётр", SNILS: "12345678901", Document: &gis.DebtPersonDocument{Type: nsiB("1"), Number: "123456"}}
	assert.Equal(t, "Иванов Пётр, СНИЛС *********01", p.String())
	assert.NotContains(t, p.Document.String(), "1234")
}

func TestReadImportResponses(t *testing.T) {
	t.Parallel()
	msgs, err := builderB(t).ImportResponses(manyResponses(2))
	require.NoError(t, err)
	m := msgs[0]
	tgs := make([]uuid.UUID, 2)
	for tg, i := range m.Items {
		tgs[i] = tg
	}
	resp := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/" xmlns:drs="http://dom.gosuslugi.ru/schema/integration/drs/">%s
<soapenv:Body><drs:getStateResult base:version="14.0.0.0"><base:RequestState>3</base:RequestState><base:MessageGUID>9a0b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d</base:MessageGUID>
<drs:importResult><base:TransportGUID>%s</base:TransportGUID><base:Error><base:ErrorCode>INT002000</base:ErrorCode><base:Description>Подзапрос &lt;не найден&gt;</base:Description></base:Error></drs:importResult>
<drs:importResult><base:GUID>e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b</base:GUID><base:TransportGUID>%s</base:TransportGUID><base:UpdateDate>2026-03-02T09:59:00.5Z</base:UpdateDate></drs:importResult>
</drs:getStateResult></soapenv:Body></soapenv:Envelope>`, resultHeaderB, tgs[1], tgs[0])
	schematest.ValidateBytes(t, []byte(resp), "debt-requests")
	r, err := gis.ParseStateResult([]byte(resp))
	require.NoError(t, err)
	res, err := gis.ReadImportResponses(m, r)
	require.NoError(t, err)
	require.Len(t, res, 2)
	assert.Equal(t, 1, res[0].Index)
	assert.False(t, res[0].OK())
	assert.Equal(t, "Подзапрос <не найден>", res[0].Errors[0].Text)
	assert.Equal(t, 0, res[1].Index)
	assert.True(t, res[1].OK())
	assert.Equal(t, time.Date(2026, 3, 2, 9, 59, 0, 500000000, time.UTC), res[1].UpdateDate.UTC())
}

func TestExportDebtSubrequests(t *testing.T) {
	t.Parallel()
	many := gis.DebtSubrequestQuery{}
	for i := range gis.DebtQueryLimit {
		many.SubrequestGUIDs = append(many.SubrequestGUIDs, uuid.NewSHA1(uuid.NameSpaceOID, fmt.Append(nil, i)))
	}
	for _, tc := range []struct {
		name string
		q    gis.DebtSubrequestQuery
		want []string
	}{
		{"period minimal", gis.DebtSubrequestQuery{PeriodFrom: dateB(2026, 1, 1), PeriodTo: dateB(2026, 6, 30)}, []string{"<drs:periodOfSendingRequest><base:startDate>2026-01-01</base:startDate><base:endDate>2026-06-30</base:endDate></drs:periodOfSendingRequest>"}},
		{"period full next page", gis.DebtSubrequestQuery{
			Version: "15.3.0.0", PeriodFrom: dateB(2025, 8, 31), PeriodTo: dateB(2026, 2, 28), HouseGUIDs: []uuid.UUID{bHouse},
			RequestStatus: gis.DebtRequestSent, ResponseStatuses: []string{gis.DebtResponseNotSent, gis.DebtResponseAutoGenerated},
			NextSubrequestGUID: bSubrequest, IncludeResponses: true,
		}, []string{`base:version="15.3.0.0"`, "<drs:houseGUID>", "<drs:requestStatus>Sent</drs:requestStatus><drs:responseStatus>NotSent</drs:responseStatus><drs:responseStatus>AutoGenerated</drs:responseStatus><drs:exportSubrequestGUID>" + bSubrequest.String(), "<drs:includeResponses>true"}},
		{"subrequests at limit", many, []string{"<drs:subrequestGUID>"}},
		{"request numbers", gis.DebtSubrequestQuery{RequestNumbers: []string{"З-2026/01 & <1>"}, Version: "13.1.10.1"}, []string{"<drs:requestNumber>З-2026/01 &amp; &lt;1&gt;</drs:requestNumber>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m, err := builderB(t).ExportDebtSubrequests(tc.q)
			require.NoError(t, err)
			schematest.Validate(t, m)
			wire, _ := wireB(t, m)
			for _, w := range tc.want {
				assert.Contains(t, wire, w)
			}
		})
	}
}

func TestExportDebtSubrequestsViolations(t *testing.T) {
	t.Parallel()
	tooMany := make([]uuid.UUID, gis.DebtQueryLimit+1)
	for i := range tooMany {
		tooMany[i] = uuid.NewSHA1(uuid.NameSpaceOID, fmt.Append(nil, i))
	}
	for _, tc := range []struct {
		name string
		q    gis.DebtSubrequestQuery
		want []string
	}{
		{"nothing", gis.DebtSubrequestQuery{}, []string{"periodFrom required"}},
		{"too long period", gis.DebtSubrequestQuery{PeriodFrom: dateB(2026, 1, 1), PeriodTo: dateB(2026, 7, 2)}, []string{"periodTo range"}},
		{"six months from the end of August", gis.DebtSubrequestQuery{PeriodFrom: dateB(2025, 8, 31), PeriodTo: dateB(2026, 3, 1)}, []string{"periodTo range"}},
		{"reversed", gis.DebtSubrequestQuery{PeriodFrom: dateB(2026, 2, 1), PeriodTo: dateB(2026, 1, 1)}, []string{"periodTo range"}},
		{"filters without period", gis.DebtSubrequestQuery{RequestStatus: "Lost", ResponseStatuses: []string{"A", "Sent", "NotSent"}}, []string{"periodFrom required", "periodTo required", "requestStatus format", "responseStatuses too_many", "responseStatuses[0] format"}},
		{"two selectors", gis.DebtSubrequestQuery{SubrequestGUIDs: tooMany, RequestNumbers: []string{strings.Repeat("1", 31)}}, []string{"subrequestGuids not_allowed", "subrequestGuids too_many", "requestNumbers[0] too_long"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := builderB(t).ExportDebtSubrequests(tc.q)
			assert.Equal(t, tc.want, violationsB(t, err))
		})
	}
}

func TestReadExportDebtSubrequests(t *testing.T) {
	t.Parallel()
	data := testdataB(t, "debt_export_result.xml")
	schematest.ValidateBytes(t, data, "debt-requests")
	r, err := gis.ParseStateResult(data)
	require.NoError(t, err)
	page, err := gis.ReadExportDebtSubrequests(r)
	require.NoError(t, err)
	assert.Equal(t, bSubrequest, page.NextSubrequestGUID)
	assert.False(t, page.LastPage)
	assert.Equal(t, []uuid.UUID{bFile}, page.NotFoundGUIDs)
	require.Len(t, page.Subrequests, 2)

	s := page.Subrequests[0]
	assert.Equal(t, uuid.MustParse("d1000000-0000-4000-8000-000000000001"), s.GUID)
	assert.Equal(t, "З-2026/0001", s.RequestNumber)
	assert.Equal(t, "УК «Дом & Сад»", s.Organization.Name)
	assert.Equal(t, bHouse, s.HouseGUID)
	assert.Equal(t, "кв. 5", s.AddressDetails)
	assert.Equal(t, "г. Москва, ул. Ленина, д. 1 <корп. 2>", s.Address)
	assert.Equal(t, dateB(2025, 1, 1), s.PeriodFrom)
	assert.Equal(t, dateB(2025, 12, 31), s.PeriodTo)
	assert.Equal(t, gis.DebtRequestSent, s.RequestStatus)
	assert.Equal(t, dateB(2026, 2, 20), s.SentDate)
	assert.Equal(t, "Петрова А. А.", s.RequestExecutor.Name)
	assert.Equal(t, gis.DebtResponseNotSent, s.ResponseStatus)
	assert.Nil(t, s.Response)

	s = page.Subrequests[1]
	assert.Equal(t, bPremise, s.HMObjectGUID)
	assert.Equal(t, "Apartment", s.HMObjectType)
	require.NotNil(t, s.Response)
	assert.True(t, s.Response.HasDebt)
	require.Len(t, s.Response.Debts, 1)
	assert.Equal(t, "Иванов", s.Response.Debts[0].Person.LastName)
	require.Len(t, s.Response.Debts[0].Documents, 1)
	assert.Equal(t, bFile, s.Response.Debts[0].Documents[0].File.GUID)
	assert.Equal(t, "Сидоров И. И.", s.Response.Executor.Name)

	last := strings.Replace(string(data), "<drs:nextSubrequestGUID>"+bSubrequest.String()+"</drs:nextSubrequestGUID>", "<drs:lastPage>true</drs:lastPage>", 1)
	schematest.ValidateBytes(t, []byte(last), "debt-requests")
	r, err = gis.ParseStateResult([]byte(last))
	require.NoError(t, err)
	page, err = gis.ReadExportDebtSubrequests(r)
	require.NoError(t, err)
	assert.True(t, page.LastPage)
	assert.Equal(t, uuid.Nil, page.NextSubrequestGUID)

	broken := strings.Replace(string(data), "<drs:sentDate>2026-02-20</drs:sentDate>", "<drs:sentDate>20.02.2026</drs:sentDate>", 1)
	r, err = gis.ParseStateResult([]byte(broken))
	require.NoError(t, err)
	_, err = gis.ReadExportDebtSubrequests(r)
	require.ErrorIs(t, err, gis.ErrInvalid)

	page, err = gis.ReadExportDebtSubrequests(&gis.StateResult{State: gis.StateDone, Error: &gis.Error{Code: "INT002012"}})
	require.NoError(t, err)
	assert.Empty(t, page.Subrequests)
}
