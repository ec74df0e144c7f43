package gis_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/gis/internal/schematest"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

// TestTestdataMatchesSchemas proves the hand-written responses the
// parsers are tested on follow the official schemas.
func TestTestdataMatchesSchemas(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"ack_ok.xml":                "house-management",
		"ack_default_namespace.xml": "house-management",
		"state_hm_import.xml":       "house-management",
		"state_hm_import_error.xml": "house-management",
		"state_bills_import.xml":    "bills",
		"state_drs_import.xml":      "debt-requests",
		"state_nsic_empty.xml":      "nsi-common",
		"state_nsic_list.xml":       "nsi-common",
		"state_dm_processing.xml":   "device-metering",
		"state_orgcom_export.xml":   "organizations-registry-common",
	}
	for name, service := range files {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			schematest.ValidateBytes(t, readTestdata(t, name), service)
		})
	}
}

func TestParseAck(t *testing.T) {
	t.Parallel()
	want := gis.Ack{
		MessageGUID:          uuid.MustParse("7d2e1f3a-4b5c-4d6e-8f70-8192a3b4c5d6"),
		RequesterMessageGUID: uuid.MustParse("0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d"),
	}
	for _, name := range []string{"ack_ok.xml", "ack_default_namespace.xml"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := gis.ParseAck(readTestdata(t, name))
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

func TestParseFault(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want gis.Error
	}{
		{file: "fault_aut.xml", want: gis.Error{
			Code: "AUT011003", Text: "Доступ запрещен для поставщика данных <ИС> & организации",
			StackTrace: "ru.lanit.hcs.AccessDenied at line 42", Fault: true,
		}},
		{file: "fault_plain.xml", want: gis.Error{Text: "Некорректный XML", Fault: true}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			data := readTestdata(t, tt.file)
			_, err := gis.ParseAck(data)
			var ge *gis.Error
			require.ErrorAs(t, err, &ge)
			assert.Equal(t, tt.want, *ge)
			_, err = gis.ParseStateResult(data)
			require.ErrorAs(t, err, &ge)
			assert.Equal(t, tt.want, *ge)
			assert.NotErrorIs(t, err, gis.ErrInvalid)
		})
	}
	_, err := gis.ParseAck(readTestdata(t, "fault_aut.xml"))
	assert.Equal(t, gis.ClassFatal, gis.ClassOf(err))
}

func TestParseStateResultImportShapes(t *testing.T) {
	t.Parallel()
	msk := time.FixedZone("", 3*60*60)

	t.Run("house-management CommonResult with extra block", func(t *testing.T) {
		t.Parallel()
		r, err := gis.ParseStateResult(readTestdata(t, "state_hm_import.xml"))
		require.NoError(t, err)
		assert.Equal(t, "house-management", r.Service)
		assert.Equal(t, "13.2.3.2", r.Version)
		assert.Equal(t, gis.StateDone, r.State)
		assert.True(t, r.Done())
		assert.Equal(t, uuid.MustParse("7d2e1f3a-4b5c-4d6e-8f70-8192a3b4c5d6"), r.MessageGUID)
		assert.Nil(t, r.Error)
		assert.Empty(t, r.Payload)
		require.Len(t, r.Results, 2)

		ok := r.Results[0]
		assert.True(t, ok.OK())
		assert.Equal(t, uuid.MustParse("11111111-1111-4111-8111-111111111111"), ok.TransportGUID)
		assert.Equal(t, uuid.MustParse("c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"), ok.GUID)
		assert.Equal(t, "77АБ000001", ok.UniqueNumber)
		assert.True(t, ok.UpdateDate.Equal(time.Date(2025, 1, 31, 12, 4, 59, 123e6, msk)))
		require.Len(t, ok.Extra, 1)
		assert.Equal(t, "ImportAccount", ok.Extra[0].Tag)
		assert.Equal(t, "77АБ000001-01", ok.Extra[0].FindElement("ServiceID").Text())

		bad := r.Results[1]
		assert.False(t, bad.OK())
		assert.True(t, bad.UpdateDate.IsZero())
		require.Len(t, bad.Errors, 2)
		assert.Equal(t, "INT002034", bad.Errors[0].Code)
		assert.Equal(t, `Значение в поле "Номер ЛС" & <прочие> отсутствует в реестре`, bad.Errors[1].Text)
		assert.Equal(t, "trace", bad.Errors[1].StackTrace)
		assert.False(t, bad.Errors[0].Fault)

		byGUID := r.ByTransportGUID()
		assert.Len(t, byGUID, 2)
		assert.Equal(t, "77АБ000001", byGUID[ok.TransportGUID].UniqueNumber)
	})

	t.Run("house-management ImportResult error", func(t *testing.T) {
		t.Parallel()
		r, err := gis.ParseStateResult(readTestdata(t, "state_hm_import_error.xml"))
		require.NoError(t, err)
		require.NotNil(t, r.Error)
		assert.Equal(t, "EXP001000", r.Error.Code)
		assert.Equal(t, gis.ClassResend, gis.ClassOf(r.Error))
		assert.Empty(t, r.Results)
	})

	t.Run("bills ImportResult is CommonResultType", func(t *testing.T) {
		t.Parallel()
		r, err := gis.ParseStateResult(readTestdata(t, "state_bills_import.xml"))
		require.NoError(t, err)
		assert.Equal(t, "bills", r.Service)
		require.Len(t, r.Results, 2)
		assert.Equal(t, "00АА123456-01-5011", r.Results[0].UniqueNumber)
		assert.Equal(t, uuid.MustParse("d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a"), r.Results[0].GUID)
		// Without a zone the time is Moscow time.
		assert.True(t, r.Results[0].UpdateDate.Equal(time.Date(2025, 2, 1, 9, 59, 58, 0, msk)))
		assert.Empty(t, r.Results[0].Extra)
		require.Len(t, r.Results[1].Errors, 1)
		assert.Equal(t, "INT002000", r.Results[1].Errors[0].Code)
	})

	t.Run("debt-requests lower-case importResult", func(t *testing.T) {
		t.Parallel()
		r, err := gis.ParseStateResult(readTestdata(t, "state_drs_import.xml"))
		require.NoError(t, err)
		assert.Equal(t, "debt-requests", r.Service)
		assert.Equal(t, "14.0.0.0", r.Version)
		require.Len(t, r.Results, 1)
		assert.Equal(t, uuid.MustParse("55555555-5555-4555-8555-555555555555"), r.Results[0].TransportGUID)
		assert.True(t, r.Results[0].UpdateDate.Equal(time.Date(2025, 2, 1, 9, 59, 0, 5e8, time.UTC)))
	})
}

func TestParseStateResultOtherShapes(t *testing.T) {
	t.Parallel()
	t.Run("empty export", func(t *testing.T) {
		t.Parallel()
		r, err := gis.ParseStateResult(readTestdata(t, "state_nsic_empty.xml"))
		require.NoError(t, err)
		assert.Equal(t, "nsi-common", r.Service)
		require.NotNil(t, r.Error)
		assert.Equal(t, "INT002012", r.Error.Code)
		assert.Equal(t, "Нет объектов для экспорта", r.Error.Text)
		assert.Equal(t, gis.ClassEmpty, gis.ClassOf(r.Error))
	})
	t.Run("processing", func(t *testing.T) {
		t.Parallel()
		r, err := gis.ParseStateResult(readTestdata(t, "state_dm_processing.xml"))
		require.NoError(t, err)
		assert.Equal(t, "device-metering", r.Service)
		assert.Equal(t, gis.StateProcessing, r.State)
		assert.False(t, r.Done())
		assert.Empty(t, r.Results)
		assert.Empty(t, r.Payload)
	})
	t.Run("payload", func(t *testing.T) {
		t.Parallel()
		r, err := gis.ParseStateResult(readTestdata(t, "state_nsic_list.xml"))
		require.NoError(t, err)
		require.Len(t, r.Payload, 1)
		assert.Equal(t, "NsiList", r.Payload[0].Tag)
		assert.Equal(t, "http://dom.gosuslugi.ru/schema/integration/nsi-common/", r.Payload[0].NamespaceURI())
		assert.False(t, r.IsNextPage)
	})
	t.Run("paged export", func(t *testing.T) {
		t.Parallel()
		r, err := gis.ParseStateResult(readTestdata(t, "state_orgcom_export.xml"))
		require.NoError(t, err)
		assert.Equal(t, "organizations-registry-common", r.Service)
		require.Len(t, r.Payload, 2)
		assert.Equal(t, "exportDataProviderResult", r.Payload[1].Tag)
		assert.True(t, r.IsNextPage)
	})
}

// envelopeOf wraps a body in a SOAP envelope.
func envelopeOf(body string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:base="http://dom.gosuslugi.ru/schema/integration/base/"><s:Body>` + body + `</s:Body></s:Envelope>`)
}

const hmState = `<hm:getStateResult xmlns:hm="http://dom.gosuslugi.ru/schema/integration/house-management/" base:version="1">%s</hm:getStateResult>`

func TestParseRefusesBadInput(t *testing.T) {
	t.Parallel()
	goodState := "<base:RequestState>3</base:RequestState><base:MessageGUID>7d2e1f3a-4b5c-4d6e-8f70-8192a3b4c5d6</base:MessageGUID>"
	state := func(inner string) []byte { return envelopeOf(strings.Replace(hmState, "%s", inner, 1)) }
	tests := []struct {
		name string
		data []byte
	}{
		{name: "empty", data: nil},
		{name: "not XML", data: []byte("<<<")},
		{name: "unclosed", data: []byte("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>")},
		{name: "not an envelope", data: []byte(`<Envelope><Body/></Envelope>`)},
		{name: "SOAP 1.2 envelope", data: []byte(`<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><x/></e:Body></e:Envelope>`)},
		{name: "no body", data: []byte(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>`)},
		{name: "empty body", data: envelopeOf("")},
		{name: "other element", data: envelopeOf(`<base:AckRequest/>`)},
		{name: "unknown namespace", data: envelopeOf(`<x:getStateResult xmlns:x="urn:x">` + goodState + `</x:getStateResult>`)},
		{name: "no request state", data: state("<base:MessageGUID>7d2e1f3a-4b5c-4d6e-8f70-8192a3b4c5d6</base:MessageGUID>")},
		{name: "bad request state", data: state(strings.Replace(goodState, ">3<", ">7<", 1))},
		{name: "bad message GUID", data: state(strings.Replace(goodState, "7d2e1f3a-", "zz2e1f3a-", 1))},
		{name: "result without transport GUID", data: state(goodState + "<hm:ImportResult><hm:CommonResult><base:UpdateDate>2025-01-01T00:00:00Z</base:UpdateDate></hm:CommonResult></hm:ImportResult>")},
		{name: "bad update date", data: state(goodState + "<hm:ImportResult><hm:CommonResult><base:TransportGUID>11111111-1111-4111-8111-111111111111</base:TransportGUID><base:UpdateDate>вчера</base:UpdateDate></hm:CommonResult></hm:ImportResult>")},
		{name: "bad GUID in result", data: state(goodState + "<hm:ImportResult><base:GUID>x</base:GUID><base:TransportGUID>11111111-1111-4111-8111-111111111111</base:TransportGUID></hm:ImportResult>")},
		{name: "too large", data: append(state(goodState), make([]byte, gis.MaxResponseSize)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := gis.ParseStateResult(tt.data)
			require.ErrorIs(t, err, gis.ErrInvalid)
		})
	}
	ackTests := []struct {
		name string
		data []byte
	}{
		{name: "not an ack", data: state(goodState)},
		{name: "no Ack", data: envelopeOf(`<base:AckRequest/>`)},
		{name: "no requester GUID", data: envelopeOf(`<base:AckRequest><base:Ack><base:MessageGUID>7d2e1f3a-4b5c-4d6e-8f70-8192a3b4c5d6</base:MessageGUID></base:Ack></base:AckRequest>`)},
		{name: "bad GUID", data: envelopeOf(`<base:AckRequest><base:Ack><base:MessageGUID>nope</base:MessageGUID><base:RequesterMessageGUID>7d2e1f3a-4b5c-4d6e-8f70-8192a3b4c5d6</base:RequesterMessageGUID></base:Ack></base:AckRequest>`)},
		{name: "nil GUID", data: envelopeOf(`<base:AckRequest><base:Ack><base:MessageGUID>00000000-0000-0000-0000-000000000000</base:MessageGUID><base:RequesterMessageGUID>7d2e1f3a-4b5c-4d6e-8f70-8192a3b4c5d6</base:RequesterMessageGUID></base:Ack></base:AckRequest>`)},
		{name: "wrong namespace", data: envelopeOf(`<x:AckRequest xmlns:x="urn:x"/>`)},
	}
	for _, tt := range ackTests {
		t.Run("ack "+tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := gis.ParseAck(tt.data)
			require.ErrorIs(t, err, gis.ErrInvalid)
		})
	}
}

func TestParseRefusesDoctype(t *testing.T) {
	t.Parallel()
	ack := string(readTestdata(t, "ack_ok.xml"))
	laughs := `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><x>&lol9;</x></s:Body></s:Envelope>`
	tests := map[string]string{
		"billion laughs":    laughs,
		"external entity":   `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` + strings.TrimPrefix(ack, `<?xml version="1.0" encoding="UTF-8"?>`),
		"plain doctype":     strings.Replace(ack, "?>", "?><!DOCTYPE Envelope>", 1),
		"doctype by entity": strings.Replace(ack, "?>", "?><!ENTITY x \"y\">", 1),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := gis.ParseAck([]byte(data))
			require.ErrorIs(t, err, gis.ErrInvalid)
			assert.Contains(t, err.Error(), "DOCTYPE")
			_, err = gis.ParseStateResult([]byte(data))
			require.ErrorIs(t, err, gis.ErrInvalid)
		})
	}
}
