package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/internal/testenv"
)

const (
	org   = "5b8e2c3a-1c7c-4f4e-9a51-0a1b2c3d4e5f"
	house = "00000000-0000-4000-8000-000000000100"
)

// testEnv returns a fixed clock and GUIDs numbered from 1.
func testEnv() env {
	var mu sync.Mutex
	n := 0
	return env{
		now: func() time.Time { return time.Date(2025, time.June, 15, 9, 30, 0, 0, time.UTC) },
		newID: func() (uuid.UUID, error) {
			mu.Lock()
			defer mu.Unlock()
			n++
			return uuid.MustParse(fmt.Sprintf("00000000-0000-4000-8000-%012d", n)), nil
		},
	}
}

// result is what one run produced.
type result struct {
	code           int
	stdout, stderr string
}

func runT(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errs bytes.Buffer
	code := runEnv(t.Context(), testEnv(), args, strings.NewReader(stdin), &out, &errs)
	return result{code, out.String(), errs.String()}
}

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return string(b)
}

func account(number string) string {
	return fmt.Sprintf(`{"kind":"uo","accountNumber":%q,"accommodations":[{"fiasHouseGuid":"00000000-0000-4000-8000-000000000100"}],"payer":{"individual":{"surname":"Иванова","firstName":"Анна"}}}`, number)
}

func TestUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no command", nil, exitUsage, "Использование"},
		{"unknown command", []string{"send"}, exitUsage, `неизвестная команда "send"`},
		{"unknown flag", []string{"ops", "-xml"}, exitUsage, "flag provided but not defined"},
		{"extra argument", []string{"ops", "all"}, exitUsage, "лишние аргументы: all"},
		{"build without operation", []string{"build"}, exitUsage, "укажите операцию"},
		{"build of an unsupported operation", []string{"build", "exportAppeal"}, exitUsage, `операция "exportAppeal" не поддерживается`},
		{"build without org", []string{"build", "importAccountData"}, exitUsage, "нужен -org"},
		{"build with a bad org", []string{"build", "importAccountData", "-org", "x"}, exitUsage, `-org: "x" не является GUID`},
		{"build with a version the schema does not allow", []string{"build", "importAccountData", "-org", org, "-version", "9.9"}, exitUsage, `версия "9.9" недопустима`},
		{"build with extra arguments", []string{"build", "importAccountData", "-org", org, "more"}, exitUsage, "лишние аргументы: more"},
		{"parse with an operation without reader", []string{"parse", "-op", "importAccountData"}, exitUsage, "нет типизированного разбора"},
		{"check with a bad date", []string{"check", "-today", "15.06.2025"}, exitUsage, `-today: "15.06.2025" не является датой`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runT(t, "", tt.args...)
			assert.Equal(t, tt.code, r.code)
			assert.Contains(t, r.stderr, tt.err)
			assert.Empty(t, r.stdout)
		})
	}
	r := runT(t, "", "help")
	assert.Equal(t, exitOK, r.code)
	assert.Contains(t, r.stdout, "Коды завершения")
	assert.Equal(t, exitOK, runT(t, "", "ops", "-h").code, "-h is not an error")
}

func TestOps(t *testing.T) {
	t.Parallel()
	r := runT(t, "", "ops")
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	assert.Len(t, lines, len(gis.Operations())+1)
	assert.Regexp(t, `(?m)^importAccountData\s+house-management\s+urn:importAccountData\s+RequestHeader\s+10\.0\.1\.1 \(фикс\.\)\s+да$`, r.stdout)
	assert.Regexp(t, `(?m)^exportNsiList\s+nsi-common\s+urn:exportNsiList\s+ISRequestHeader\s`, r.stdout)

	r = runT(t, "", "ops", "-json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var infos []opInfo
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &infos))
	require.Len(t, infos, len(gis.Operations()))
	byName := map[string]opInfo{}
	for _, o := range infos {
		if o.Name != "getState" {
			byName[o.Name] = o
		} else {
			assert.False(t, o.Buildable)
			assert.Empty(t, o.Versions)
		}
	}
	acc := byName["importAccountData"]
	assert.Equal(t, opInfo{
		Name: "importAccountData", Service: "house-management", Path: acc.Path, SOAPAction: "urn:importAccountData",
		Header: "RequestHeader", Request: "hm:importAccountRequest", Versions: []string{"10.0.1.1"}, VersionFixed: true, Buildable: true,
		Input: "массив gis.Account (accounts)",
	}, acc)
	assert.NotEmpty(t, acc.Path)
	for name := range buildTable() {
		assert.True(t, byName[name].Buildable, "%s is in the build table and the operation table", name)
	}
	assert.False(t, byName["exportAppeal"].Buildable)

	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	for name := range buildTable() {
		assert.Contains(t, string(doc), "//\t"+name+" ", "doc.go lists the input of %s", name)
	}
	for name := range readerTable() {
		_, ok := byName[name]
		assert.True(t, ok, "the reader of %s is for a known operation", name)
		assert.Contains(t, string(doc), name)
	}
}

func TestBuildImportAccountData(t *testing.T) {
	t.Parallel()
	r := runT(t, "["+account("ЛС-1")+","+account(`ЛС "2" & <3>`)+"]", "build", "importAccountData", "-org", org, "-operator")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	doc := etree.NewDocument()
	require.NoError(t, doc.ReadFromString(r.stdout), "a single envelope is written as it is")
	body := doc.FindElement("//importAccountRequest")
	require.NotNil(t, body)
	assert.Equal(t, "10.0.1.1", body.SelectAttrValue("base:version", ""))
	assert.Len(t, body.SelectElements("Account"), 2)
	assert.Equal(t, org, doc.FindElement("//RequestHeader/orgPPAGUID").Text())
	assert.Equal(t, "true", doc.FindElement("//RequestHeader/IsOperatorSignature").Text())
	assert.Contains(t, r.stdout, `ЛС &quot;2&quot; &amp; &lt;3&gt;`)
	validateBody(t, doc, "house-management")

	// The default version can be named explicitly.
	again := runT(t, "["+account("ЛС-1")+","+account(`ЛС "2" & <3>`)+"]", "build", "-org", org, "-operator", "importAccountData", "-version", "10.0.1.1")
	require.Equal(t, exitOK, again.code, again.stderr)
	assert.Equal(t, r.stdout, again.stdout, "flags before and after the operation; fixed clock and GUIDs")
}

func TestBuildSplitsIntoMessages(t *testing.T) {
	t.Parallel()
	items := make([]string, gis.AccountsPerImport+1)
	for i := range items {
		items[i] = account(fmt.Sprintf("ЛС-%03d", i))
	}
	input := "[" + strings.Join(items, ",") + "]"
	r := runT(t, input, "build", "importAccountData", "-org", org)
	require.Equal(t, exitOK, r.code, r.stderr)
	sep := regexp.MustCompile(`(?m)^=== (\d)/2 importAccountData ([0-9a-f-]{36})\n`)
	marks := sep.FindAllStringSubmatchIndex(r.stdout, -1)
	require.Len(t, marks, 2)
	assert.Zero(t, marks[0][0], "the output starts with the first separator")
	parts := sep.Split(r.stdout, -1)[1:]
	require.Len(t, parts, 2)
	for i, part := range parts {
		doc := etree.NewDocument()
		require.NoError(t, doc.ReadFromString(part))
		want := []int{gis.AccountsPerImport, 1}[i]
		assert.Len(t, doc.FindElements("//importAccountRequest/Account"), want)
		guid := r.stdout[marks[i][4]:marks[i][5]]
		assert.Equal(t, guid, doc.FindElement("//RequestHeader/MessageGUID").Text())
	}

	dir := filepath.Join(t.TempDir(), "out")
	r = runT(t, input, "build", "importAccountData", "-org", org, "-out", dir)
	require.Equal(t, exitOK, r.code, r.stderr)
	files := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, files, 2)
	for i, f := range files {
		assert.Regexp(t, fmt.Sprintf(`^%03d-importAccountData-[0-9a-f-]{36}\.xml$`, i+1), filepath.Base(f))
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.Equal(t, strings.TrimSuffix(parts[i], "\n"), strings.TrimSuffix(string(b), "\n"))
	}
}

func TestBuildExports(t *testing.T) {
	t.Parallel()
	tests := []struct {
		op, input string
		args      []string
		element   string
	}{
		{"exportAccountData", `{"fiasHouseGuid":"00000000-0000-4000-8000-000000000100"}`, []string{"-org", org}, "//exportAccountRequest/FIASHouseGuid"},
		{"exportNsiList", `{"listGroup":"NSIRAO"}`, nil, "//exportNsiListRequest/ListGroup"},
		{"exportNsiList", `{}`, nil, "//exportNsiListRequest"},
		{"exportNsiItem", `{"registryNumber":16,"listGroup":"NSI"}`, nil, "//exportNsiItemRequest/RegistryNumber"},
		{"exportOrgRegistry", `{"criteria":[{"ogrn":"1027700132195"}]}`, nil, "//exportOrgRegistryRequest"},
		{"exportHouseData", `{"fiasHouseGuid":"` + house + `"}`, []string{"-org", org}, "//exportHouseRequest/FIASHouseGuid"},
		{"exportMeteringDeviceData", `{"fiasHouseGuid":"` + house + `"}`, []string{"-org", org}, "//exportMeteringDeviceDataRequest"},
		{"exportMeteringDeviceHistory", `{"fiasHouseGuids":["` + house + `"],"meterRootGuids":["` + house + `"]}`, []string{"-org", org}, "//exportMeteringDeviceHistoryRequest"},
		{"exportPaymentDocumentData", `{"year":2025,"month":5,"fiasHouseGuid":"` + house + `","accountNumbers":["ЛС-1"]}`, []string{"-org", org}, "//exportPaymentDocumentRequest"},
		{"exportDebtSubrequests", `{"periodFrom":"2025-05-01","periodTo":"2025-05-31"}`, []string{"-org", org}, "//exportDSRsRequest"},
		{"importMeteringDeviceValues", `[{"meterRootGuid":"` + house + `","resource":{"code":"1","guid":"` + house + `"},"value":"12.5","date":"2025-06-01"}]`, []string{"-org", org}, "//importMeteringDeviceValuesRequest"},
		{"importResponses", `[{"subrequestGuid":"` + house + `","executorGuid":"` + house + `","hasDebt":false}]`, []string{"-org", org}, "//importDSRResponsesRequest"},
		{"importPaymentDocumentData", `[{"year":2025,"month":5,"accountGuid":"` + house + `","bankDetails":{"bik":"044525225","accountNumber":"40702810938000000001"},
			"charges":[{"service":{"code":"1","guid":"` + house + `"},"rate":"10","totalPayable":"100.00"}]}]`, []string{"-org", org}, "//importPaymentDocumentRequest/PaymentDocument"},
		{"importPaymentDocumentData", `{"documentIds":["12АБ345678-01-5011"]}`, []string{"-org", org}, "//importPaymentDocumentRequest/WithdrawPaymentDocument"},
	}
	for _, tt := range tests {
		t.Run(tt.op+tt.element, func(t *testing.T) {
			t.Parallel()
			r := runT(t, tt.input, append([]string{"build", tt.op}, tt.args...)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			doc := etree.NewDocument()
			require.NoError(t, doc.ReadFromString(r.stdout))
			assert.NotNil(t, doc.FindElement(tt.element), r.stdout)
			op, ok := gis.LookupOperation(tt.op)
			require.True(t, ok)
			validateBody(t, doc, op.Service)
		})
	}
}

// validateBody checks the body root of an envelope against the schema of
// the service with xmllint. It skips locally (fails in CI) when xmllint or
// the schemas are missing.
func validateBody(t *testing.T, doc *etree.Document, service string) {
	t.Helper()
	schema := filepath.Join(testenv.SharedDir(t), "gis", "xsd", "16.3.0.0", service, "hcs-"+service+"-types.xsd")
	xmllint := testenv.Command(t, "xmllint")
	bodies := doc.FindElements("/Envelope/Body/*")
	require.Len(t, bodies, 1)
	body := bodies[0]
	cp := body.Copy()
	declared := map[string]bool{}
	for _, a := range cp.Attr {
		if a.Space == "xmlns" {
			declared[a.Key] = true
		}
	}
	for p := body.Parent(); p != nil; p = p.Parent() {
		for _, a := range p.Attr {
			if a.Space == "xmlns" && !declared[a.Key] {
				declared[a.Key] = true
				cp.CreateAttr("xmlns:"+a.Key, a.Value)
			}
		}
	}
	out := etree.NewDocument()
	out.SetRoot(cp)
	file := filepath.Join(t.TempDir(), "body.xml")
	require.NoError(t, out.WriteToFile(file))
	cmd := exec.CommandContext(t.Context(), xmllint, "--noout", "--nonet", "--schema", schema, file)
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s\n%s", msg, out)
}

func TestBuildVersion(t *testing.T) {
	t.Parallel()
	input := `{"fiasHouseGuid":"` + house + `"}`
	def := runT(t, input, "build", "exportHouseData", "-org", org)
	require.Equal(t, exitOK, def.code, def.stderr)
	op, ok := gis.LookupOperation("exportHouseData")
	require.True(t, ok)
	require.Greater(t, len(op.Versions), 1)
	assert.Contains(t, def.stdout, `base:version="`+op.DefaultVersion()+`"`)
	other := op.Versions[len(op.Versions)-1]
	r := runT(t, input, "build", "exportHouseData", "-org", org, "-version", other)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `base:version="`+other+`"`)

	r = runT(t, `{"fiasHouseGuid":"`+house+`","version":"`+op.DefaultVersion()+`"}`, "build", "exportHouseData", "-org", org, "-version", other)
	assert.Equal(t, exitBadInput, r.code)
	assert.Contains(t, r.stderr, "противоречит -version")
}

func TestBuildBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, input string
		want        []string
	}{
		{"empty", "", []string{"JSON: нет входных данных"}},
		{"syntax", "[\n  " + account("1") + ",\n  {\"kind\": \"uo\",}\n]", []string{"синтаксическая ошибка в строке 3, столбце 17"}},
		{"truncated", `[{"kind": "uo"`, []string{"данные оборваны"}},
		{"trailing data", "[]\n[]", []string{"лишние данные после значения (строка 2, столбец 1)"}},
		{"not an array", `{"kind":"uo"}`, []string{"поле accounts: ожидается массив"}},
		{"wrong types everywhere", `[` + account("1") + `,
			{"kind":"uo","accountNumber":2,"totalSquare":"много","livingPersonsNumber":1.5,"accommodations":[{"premisesGuid":"nope"}],"creationDate":"01.02.2024","payer":{"isRenter":"да"}}]`,
			[]string{
				"поле accounts[1].accommodations[0].premisesGuid: ожидается GUID",
				"поле accounts[1].accountNumber: ожидается строка",
				"поле accounts[1].creationDate: ожидается дата вида ГГГГ-ММ-ДД",
				"поле accounts[1].livingPersonsNumber: ожидается целое число",
				"поле accounts[1].payer.isRenter: ожидается логическое значение",
				"поле accounts[1].totalSquare: ожидается десятичное число",
			}},
		{"unknown fields", `[{"kind":"uo","acountNumber":"1","payer":{"individual":{"surname":"И","firstName":"И","midName":"И"}}}]`,
			[]string{"поле accounts[0].acountNumber: неизвестное поле", "поле accounts[0].payer.individual.midName: неизвестное поле"}},
		{"validation lists every violation", `[{"kind":"uo"},{"kind":"nope","accountNumber":"2","accommodations":[{"fiasHouseGuid":"00000000-0000-4000-8000-000000000100"}]}]`,
			[]string{"данные не прошли проверку:", "accounts[0].accountNumber:", "(required)", "accounts[1].kind: неизвестный вид лицевого счета (format)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runT(t, tt.input, "build", "importAccountData", "-org", org)
			assert.Equal(t, exitBadInput, r.code)
			assert.Empty(t, r.stdout)
			for _, w := range tt.want {
				assert.Contains(t, r.stderr, w)
			}
		})
	}
	r := runT(t, `{"registryNumber":"16"}`, "build", "exportNsiItem")
	assert.Equal(t, exitBadInput, r.code)
	assert.Contains(t, r.stderr, "поле registryNumber: ожидается целое число")
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, fixture string
		args          []string
		want          string
	}{
		{"ack", "ack.xml", nil, `{"kind":"ack","ack":{"messageGuid":"3f4e5d6c-7b8a-4990-8a1b-2c3d4e5f6071","requesterMessageGuid":"0a0b0c0d-0e0f-4a1b-8c2d-3e4f5a6b7c8d"}}`},
		{"fault", "fault.xml", nil, `{"kind":"fault","fault":{"code":"FMT001300","text":"Сообщение не соответствует схеме","fault":true,"class":"fatal"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runT(t, readFixture(t, tt.fixture), append([]string{"parse"}, tt.args...)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.JSONEq(t, tt.want, r.stdout)
		})
	}
}

func TestParseImportResult(t *testing.T) {
	t.Parallel()
	r := runT(t, readFixture(t, "state_import.xml"), "parse")
	require.Equal(t, exitOK, r.code, r.stderr)
	var out parsed
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
	require.Equal(t, "state", out.Kind)
	s := out.State
	require.NotNil(t, s)
	assert.Equal(t, "house-management", s.Service)
	assert.Equal(t, 3, s.State)
	assert.Equal(t, "done", s.StateName)
	require.Len(t, s.Results, 2)
	assert.Equal(t, "72ЖК123456", s.Results[0].UniqueNumber)
	require.NotNil(t, s.Results[0].UpdateDate)
	assert.True(t, s.Results[0].UpdateDate.Equal(time.Date(2025, time.June, 15, 6, 34, 10, 0, time.UTC)))
	require.Len(t, s.Results[0].Extra, 1)
	extra := etree.NewDocument()
	require.NoError(t, extra.ReadFromString(s.Results[0].Extra[0]))
	sid := extra.FindElement("//ServiceID")
	require.NotNil(t, sid)
	assert.Equal(t, "72ЖК123456-01", sid.Text())
	assert.Equal(t, "http://dom.gosuslugi.ru/schema/integration/account-base/", sid.NamespaceURI(), "the extra XML declares its namespaces")
	assert.Equal(t, "http://dom.gosuslugi.ru/schema/integration/house-management/", extra.Root().NamespaceURI())
	require.Len(t, s.Results[1].Errors, 1)
	assert.Equal(t, errorJSON{Code: "INT002034", Text: "Помещение не найдено & не <актуально>", Class: "unknown"}, *s.Results[1].Errors[0])
}

func TestParseTyped(t *testing.T) {
	t.Parallel()
	r := runT(t, readFixture(t, "state_nsi_list.xml"), "parse", "-op", "exportNsiList")
	require.Equal(t, exitOK, r.code, r.stderr)
	var out struct {
		Kind  string          `json:"kind"`
		State stateJSON       `json:"state"`
		Data  json.RawMessage `json:"data"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
	assert.Equal(t, "nsi-common", out.State.Service)
	require.Len(t, out.State.Payload, 1)
	assert.Contains(t, string(out.Data), "Межповерочный интервал")
}

func TestParseBadInput(t *testing.T) {
	t.Parallel()
	for _, input := range []string{"", "not xml", `<?xml version="1.0"?><a/>`, readFixture(t, "ack.xml")[:200]} {
		r := runT(t, input, "parse")
		assert.Equal(t, exitBadInput, r.code, input)
		assert.Contains(t, r.stderr, "ответ не является ни getStateResult")
		assert.Empty(t, r.stdout)
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	input := readFixture(t, "quality.json")
	r := runT(t, input, "check", "-today", "2025-06-15")
	require.Equal(t, exitOK, r.code, r.stderr)
	var found []gis.Finding
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &found))
	var codes []string
	for _, f := range found {
		codes = append(codes, f.Check)
	}
	assert.Equal(t, []string{
		gis.CheckOrganisationNoGUID, gis.CheckOrganisationDuplicateOGRN, gis.CheckServiceNoOKEI,
		gis.CheckHouseNoAccounts, gis.CheckPremiseNoAccounts,
		gis.CheckMeterSealNoDate, gis.CheckMeterVerificationExpired,
	}, codes)

	text := runT(t, input, "check", "-today", "2025-06-15", "-text")
	require.Equal(t, exitOK, text.code, text.stderr)
	assert.Contains(t, text.stdout, "ОБЪЕКТ")
	assert.Regexp(t, `(?m)^прибор учета\s+ХВ-1\s+meters\[0\]\s+meter\.verification_expired\s+срок поверки истек 2023-01-10`, text.stdout)
	assert.Contains(t, text.stdout, "Проверка на 2025-06-15: найдено проблем: 7.")

	// The default day is today in Moscow: 2025-06-15 09:30 UTC.
	def := runT(t, input, "check")
	assert.Equal(t, r.stdout, def.stdout)

	clean := runT(t, `{}`, "check", "-text")
	require.Equal(t, exitOK, clean.code)
	assert.Equal(t, "Проверка на 2025-06-15: проблем не найдено.\n", clean.stdout)
	empty := runT(t, `{}`, "check")
	assert.Equal(t, "[]\n", empty.stdout)

	bad := runT(t, `{"meters":[{"serialNumber":1}],"houses":[]}`, "check")
	assert.Equal(t, exitBadInput, bad.code)
	assert.Contains(t, bad.stderr, "поле houses: неизвестное поле")
	assert.Contains(t, bad.stderr, "поле meters[0].serialNumber: ожидается строка")
}

func TestDecodeStrictCapsProblems(t *testing.T) {
	t.Parallel()
	items := make([]string, 2*maxProblems)
	for i := range items {
		items[i] = `{"x":1}`
	}
	var v []struct{}
	err := decodeStrict([]byte("["+strings.Join(items, ",")+"]"), &v, "items")
	var ie *inputError
	require.ErrorAs(t, err, &ie)
	assert.Len(t, ie.problems, maxProblems)
	assert.Equal(t, "поле items[0].x: неизвестное поле", ie.problems[0])
}

func TestPosition(t *testing.T) {
	t.Parallel()
	data := []byte("ab\ncd\n\nef")
	for _, tt := range []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {7, 4, 1}, {9, 4, 3}, {100, 4, 3}, {-1, 1, 1},
	} {
		line, col := position(data, tt.off)
		assert.Equal(t, [2]int{tt.line, tt.col}, [2]int{line, col}, "offset %d", tt.off)
	}
}

// FuzzDecodeStrict feeds arbitrary bytes to the JSON input reader of
// build and check: it never panics and always explains a failure.
func FuzzDecodeStrict(f *testing.F) {
	for _, s := range []string{"", "[]", "{}", "[" + account("1") + "]", `[{"kind":1}]`, `{"meters":[{"seal":{"date":"x"}}]}`, "[1,", `[{"totalSquare":"1e999999"}]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var accounts []gis.Account
		if err := decodeStrict(data, &accounts, "accounts"); err != nil {
			var ie *inputError
			require.ErrorAs(t, err, &ie)
			require.NotEmpty(t, ie.problems)
		}
		var in gis.QualityInput
		if err := decodeStrict(data, &in, ""); err != nil {
			var ie *inputError
			require.ErrorAs(t, err, &ie)
			require.NotEmpty(t, ie.problems)
		}
	})
}

func TestWithVersion(t *testing.T) {
	t.Parallel()
	op, ok := gis.LookupOperation("importAccountData")
	require.True(t, ok)
	msgs := []*gis.Message{{Operation: op, Version: "10.0.1.1"}}
	got, err := withVersion(msgs, "")
	require.NoError(t, err)
	assert.Equal(t, msgs, got)
	got, err = withVersion(msgs, "10.0.1.1")
	require.NoError(t, err)
	assert.Equal(t, msgs, got)
	_, err = withVersion(msgs, "11.0.0.0")
	var ue *usageError
	require.ErrorAs(t, err, &ue)
	assert.Contains(t, ue.Error(), "пишет версию 10.0.1.1")

	q := struct{ Version string }{}
	require.NoError(t, setVersion(&q, "15.6.0.1"))
	assert.Equal(t, "15.6.0.1", q.Version)
	require.NoError(t, setVersion(&q, "15.6.0.1"), "the same version twice is fine")
	require.Error(t, setVersion(&q, "12.2.0.1"))
	var noVersion struct{ Year int }
	require.NoError(t, setVersion(&noVersion, "1"))
	var list []int
	require.NoError(t, setVersion(&list, "1"))
}
