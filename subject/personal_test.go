package subject_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/subject"
	"github.com/openzhkh/zhkh/subject/subjecttest"
)

func TestMaskedValues(t *testing.T) {
	t.Parallel()
	cases := []struct{ got, want string }{
		{subject.SNILS("11223344595").String(), "***-***-445 95"},
		{subject.SNILS("").String(), ""},
		{subject.SNILS("123").String(), "***"},
		{subject.INN("500100732259").String(), "********2259"},
		{subject.DocumentNumber("1234567890").String(), "*******890"},
		{subject.DocumentNumber("II-АБ 123456").String(), "**-** ***456"},
		{subject.DocumentNumber("12").String(), "**"},
		{subject.DocumentNumber("12<>34").String(), "******"},
		{subject.MaskDate(subject.Date{Year: 1980, Month: 5, Day: 1}), "****-**-**"},
		{fmt.Sprintf("%#v", subject.SNILS("11223344595")), `"***-***-445 95"`},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, c.got)
	}
	assert.Equal(t, "11223344595", subject.SNILS("11223344595").Reveal())
}

func TestPersonNeverShowsPersonalData(t *testing.T) {
	t.Parallel()
	reg := subject.NewPersonRegister(newRepo(), subjecttest.FixedClock(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)), subjecttest.SequentialIDs())
	in := subjecttest.Person(7)
	in.Documents = append(in.Documents, subject.IdentityDocument{Type: document.TypeBirthCertificate, Number: "IVАБ654321"})
	p, err := reg.Register(t.Context(), in)
	require.NoError(t, err)
	secrets := []string{p.SNILS.Reveal()}
	secrets = append(secrets, p.INN.Reveal(), p.Documents[0].Number.Reveal(), "654321", p.BirthDate.String(),
		mustFormat(t, document.FormatSNILS, p.SNILS.Reveal()), mustFormat(t, document.FormatPassportRF, p.Documents[0].Number.Reveal()))

	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("registered", "person", p, "snils", p.SNILS, "doc", p.Documents[1])
	_, dupErr := reg.Register(t.Context(), in)
	require.Error(t, dupErr)
	bad := in
	bad.SNILS = subject.SNILS(p.SNILS.Reveal()[:10] + "0")
	_, badErr := reg.Register(t.Context(), bad)
	require.Error(t, badErr)

	outputs := map[string]string{
		"Sprint": fmt.Sprint(p), "%v": fmt.Sprintf("%v", p), "%+v": fmt.Sprintf("%+v", p), "%#v": fmt.Sprintf("%#v", p),
		"%s ptr": fmt.Sprintf("%s", &p), "%v docs": fmt.Sprintf("%v", p.Documents), "%+v docs": fmt.Sprintf("%+v", p.Documents),
		"slog": logged.String(), "duplicate": dupErr.Error(), "invalid": badErr.Error(),
	}
	for name, out := range outputs {
		for _, s := range secrets {
			assert.NotContains(t, out, s, name)
		}
	}
	assert.Contains(t, outputs["%v"], "***-***-")
	assert.Contains(t, logged.String(), `"snils":"***-***-`)

	// JSON is the API: it carries the full values.
	js, err := json.Marshal(p)
	require.NoError(t, err)
	assert.Contains(t, string(js), `"snils":"`+p.SNILS.Reveal()+`"`)
	var back subject.Person
	require.NoError(t, json.Unmarshal(js, &back))
	assert.Equal(t, p, back)
}

func mustFormat(t *testing.T, f func(string) (string, error), s string) string {
	t.Helper()
	out, err := f(s)
	require.NoError(t, err)
	return out
}
