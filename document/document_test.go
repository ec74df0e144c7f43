package document_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/document/documenttest"
)

var (
	t0     = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	clerk  = uuid.MustParse("0195f3a0-0000-7000-8000-0000000000c1")
	clerk2 = uuid.MustParse("0195f3a0-0000-7000-8000-0000000000c2")
	owner  = uuid.MustParse("0195f3a0-0000-7000-8000-000000000101")
	scanH  = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
)

// passportTypes knows one type, "passport_rf", whose number is required.
func passportTypes(code string) (document.Validator, bool) {
	if code != "passport_rf" {
		return nil, false
	}
	return document.ValidatorFunc(func(v document.Values) error {
		var vs []document.Violation
		if v["number"] == "" {
			vs = append(vs, document.Violation{Field: "number", Code: "document.required", Message: "Не заполнено поле «Номер»"})
		}
		if v["series"] == "" {
			vs = append(vs, document.Violation{Field: "series", Code: "document.required", Message: "Не заполнено поле «Серия»"})
		}
		if len(vs) > 0 {
			return &document.ValidationError{Violations: vs}
		}
		return nil
	}), true
}

func newRegistry() (*document.Registry, *memory.DocumentRepository) {
	repo := memory.NewDocumentRepository()
	return document.NewRegistry(repo, passportTypes, documenttest.Clock(t0, time.Minute), documenttest.SequentialIDs()), repo
}

func passport() document.Document {
	return document.Document{
		Type:     "passport_rf",
		Values:   document.Values{"series": "65 04", "number": "123456"},
		Subjects: []uuid.UUID{owner},
		Scans:    []document.ScanInfo{{Hash: scanH, Size: 10, MediaType: document.MediaPDF, Pages: 1}},
	}
}

func violations(t *testing.T, err error) []string {
	t.Helper()
	require.ErrorIs(t, err, document.ErrInvalid)
	var ve *document.ValidationError
	require.ErrorAs(t, err, &ve)
	out := make([]string, len(ve.Violations))
	for i, v := range ve.Violations {
		assert.NotEmpty(t, v.Message)
		out[i] = v.Field + " " + v.Code
	}
	return out
}

func TestRegistryCreate(t *testing.T) {
	t.Parallel()
	reg, repo := newRegistry()
	in := passport()
	in.ID, in.Version = uuid.MustParse("0195f3a0-0000-7000-8000-00000000dead"), 9
	in.CreatedBy, in.RetiredAt = clerk2, t0.Add(-time.Hour)
	got, err := reg.Create(t.Context(), clerk, in)
	require.NoError(t, err)
	want := passport()
	want.ID, want.Version = documenttest.ID(1), 1
	want.CreatedBy, want.CreatedAt, want.UpdatedBy, want.UpdatedAt = clerk, t0, clerk, t0
	require.Equal(t, want, got, "the registry stamps ID, users and times and ignores what the caller set")
	stored, err := repo.Get(t.Context(), got.ID)
	require.NoError(t, err)
	require.Equal(t, want, stored)

	in.Values["number"] = "changed"
	require.Equal(t, "123456", got.Values["number"], "the result aliases the input")
}

func TestRegistryCreateInvalid(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		edit func(*document.Document)
		want []string
	}{
		{"NoType", func(d *document.Document) { d.Type = " " }, []string{"type document.type_required"}},
		{"UnknownType", func(d *document.Document) { d.Type = "diploma" }, []string{"type document.type_unknown"}},
		{"Values", func(d *document.Document) { d.Values = nil }, []string{"values.number document.required", "values.series document.required"}},
		{"Everything", func(d *document.Document) {
			d.Values = document.Values{"series": "1"}
			d.Subjects = append(d.Subjects, uuid.Nil)
			d.Scans = append(d.Scans, document.ScanInfo{Hash: "../etc/passwd"})
		}, []string{"values.number document.required", "subjects[1] document.subject_nil", "scans[1].hash scan.hash"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			reg, repo := newRegistry()
			d := passport()
			tc.edit(&d)
			_, err := reg.Create(t.Context(), clerk, d)
			require.Equal(t, tc.want, violations(t, err))
			all, err := repo.List(t.Context(), document.Query{IncludeRetired: true})
			require.NoError(t, err)
			require.Empty(t, all, "an invalid document was stored")
		})
	}
}

func TestRegistryCreateFailures(t *testing.T) {
	t.Parallel()
	errID := errors.New("no entropy")
	repo := memory.NewDocumentRepository()
	reg := document.NewRegistry(repo, passportTypes, documenttest.Clock(t0, 0), func() (uuid.UUID, error) { return uuid.Nil, errID })
	_, err := reg.Create(t.Context(), clerk, passport())
	require.ErrorIs(t, err, errID)

	reg = document.NewRegistry(repo, passportTypes, documenttest.Clock(t0, 0), func() (uuid.UUID, error) { return documenttest.ID(1), nil })
	_, err = reg.Create(t.Context(), clerk, passport())
	require.NoError(t, err)
	_, err = reg.Create(t.Context(), clerk, passport())
	require.ErrorIs(t, err, document.ErrConflict, "the repository's error comes through")

	reg = document.NewRegistry(repo, nil, documenttest.Clock(t0, 0), documenttest.SequentialIDs())
	_, err = reg.Create(t.Context(), clerk, passport())
	require.Equal(t, []string{"type document.type_unknown"}, violations(t, err), "no type lookup knows no type")
}

func TestRegistryUpdate(t *testing.T) {
	t.Parallel()
	reg, _ := newRegistry()
	d, err := reg.Create(t.Context(), clerk, passport())
	require.NoError(t, err)

	got, err := reg.Update(t.Context(), clerk2, d.ID, func(x *document.Document) error {
		x.Values["number"] = "654321"
		x.CreatedBy, x.CreatedAt = clerk2, time.Time{} // restored
		x.RetiredAt = t0                               // restored: retire with Retire
		return nil
	})
	require.NoError(t, err)
	want := d.Clone()
	want.Values["number"] = "654321"
	want.UpdatedBy, want.UpdatedAt, want.Version = clerk2, t0.Add(time.Minute), 2
	require.Equal(t, want, got)

	_, err = reg.Update(t.Context(), clerk2, d.ID, func(x *document.Document) error {
		x.Type = "diploma"
		return nil
	})
	require.Equal(t, []string{"type document.type_unknown"}, violations(t, err))
	errStop := errors.New("stop")
	_, err = reg.Update(t.Context(), clerk2, d.ID, func(*document.Document) error { return errStop })
	require.ErrorIs(t, err, errStop)
	_, err = reg.Update(t.Context(), clerk2, documenttest.ID(99), func(*document.Document) error { return nil })
	require.ErrorIs(t, err, document.ErrNotFound)
	cur, err := reg.Get(t.Context(), d.ID)
	require.NoError(t, err)
	require.Equal(t, want, cur, "failed updates left changes behind")
}

func TestRegistryRetire(t *testing.T) {
	t.Parallel()
	reg, _ := newRegistry()
	d, err := reg.Create(t.Context(), clerk, passport())
	require.NoError(t, err)
	other, err := reg.Create(t.Context(), clerk, passport())
	require.NoError(t, err)

	got, err := reg.Retire(t.Context(), clerk2, d.ID)
	require.NoError(t, err)
	require.True(t, got.Retired())
	require.Equal(t, clerk2, got.RetiredBy)
	require.Equal(t, t0.Add(2*time.Minute), got.RetiredAt)
	require.Equal(t, got.RetiredAt, got.UpdatedAt)

	_, err = reg.Retire(t.Context(), clerk2, d.ID)
	require.True(t, document.HasCode(err, document.CodeRetired), "retiring twice: %v", err)
	_, err = reg.Update(t.Context(), clerk2, d.ID, func(*document.Document) error { return nil })
	require.True(t, document.HasCode(err, document.CodeRetired), "changing a retired document: %v", err)

	kept, err := reg.Get(t.Context(), d.ID)
	require.NoError(t, err)
	require.Equal(t, got, kept, "a retired document stays in the registry")
	list, err := reg.List(t.Context(), document.Query{Subject: owner})
	require.NoError(t, err)
	require.Len(t, list, 1)
	require.Equal(t, other.ID, list[0].ID)
	list, err = reg.List(t.Context(), document.Query{Subject: owner, IncludeRetired: true})
	require.NoError(t, err)
	require.Len(t, list, 2)
}

func TestDocumentJSON(t *testing.T) {
	t.Parallel()
	d := passport()
	d.ID, d.Version = documenttest.ID(1), 3
	d.CreatedBy, d.CreatedAt, d.UpdatedBy, d.UpdatedAt = clerk, t0, clerk2, t0.Add(time.Hour)
	b, err := json.Marshal(d)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "retired", "zero retirement is left out")
	var back document.Document
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, d, back)

	d.RetiredBy, d.RetiredAt = clerk, t0.Add(2*time.Hour)
	b, err = json.Marshal(d)
	require.NoError(t, err)
	back = document.Document{}
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, d, back)
}

func TestDocumentClone(t *testing.T) {
	t.Parallel()
	d := passport()
	c := d.Clone()
	c.Values["number"], c.Subjects[0], c.Scans[0].Pages = "x", uuid.Nil, 7
	require.Equal(t, passport(), d)
	require.True(t, d.HasSubject(owner))
	require.False(t, d.HasSubject(clerk))
	require.Equal(t, document.Document{}, document.Document{}.Clone())
}

// The document types of the package plug into the registry.
var _ document.DatedValidator = (*document.Type)(nil)

type datedFake struct{ days *[]document.Date }

func (f datedFake) Validate(v document.Values, today document.Date) error {
	*f.days = append(*f.days, today)
	if v["number"] == "" {
		return &document.ValidationError{Violations: []document.Violation{{Field: "number", Code: "document.required", Message: "Не заполнено поле «Номер»"}}}
	}
	return nil
}

func TestValidatorsAt(t *testing.T) {
	t.Parallel()
	var days []document.Date
	lookup := func(code string) (datedFake, bool) { return datedFake{&days}, code == "passport_rf" }
	day := document.Date{Year: 2026, Month: 3, Day: 1}
	types := document.ValidatorsAt(lookup, func() document.Date { day.Day++; return day })
	_, ok := types("diploma")
	require.False(t, ok)
	v, ok := types("passport_rf")
	require.True(t, ok)
	require.NoError(t, v.Validate(document.Values{"number": "1"}))
	require.True(t, document.HasCode(v.Validate(document.Values{}), "document.required"))
	require.Equal(t, []document.Date{{Year: 2026, Month: 3, Day: 2}, {Year: 2026, Month: 3, Day: 3}}, days, "each Validate asks for the day")

	reg := document.NewRegistry(memory.NewDocumentRepository(), types, documenttest.Clock(t0, 0), documenttest.SequentialIDs())
	_, err := reg.Create(t.Context(), clerk, document.Document{Type: "passport_rf"})
	require.Equal(t, []string{"values.number document.required"}, violations(t, err))
}
