package application_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/document"
)

var (
	provID     = uuid.MustParse("0191c2d4-0000-7000-8000-000000000001")
	provLegal  = uuid.MustParse("0191c2d4-0000-7000-8000-000000000002")
	provHouse  = uuid.MustParse("0191c2d4-0000-7000-8000-000000000003")
	provSystem = uuid.MustParse("0191c2d4-0000-7000-8000-000000000004")
	provTmpl   = uuid.MustParse("0191c2d4-0000-7000-8000-000000000005")
)

func validProvider() application.Provider {
	return application.Provider{
		ID: provID, LegalEntity: provLegal, Kind: application.ProviderResourceSupplier,
		Services:  []string{"cold_water_supply", "sewerage"},
		Areas:     []uuid.UUID{provHouse},
		Templates: []application.ProviderTemplate{{FormKind: "account_opening", TemplateID: provTmpl}},
		Documents: document.Package{Items: []document.Item{{Type: "passport_rf", Name: "паспорт", Required: true}}},
		System:    application.ExternalSystem{ID: provSystem, Name: "Водоканал", BaseURL: "https://vk.example.ru/api/v1"},
	}
}

func TestProviderValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		edit   func(*application.Provider)
		fields []string
		codes  []string
	}{
		{"valid", func(*application.Provider) {}, nil, nil},
		{"no system", func(p *application.Provider) { p.System = application.ExternalSystem{} }, nil, nil},
		{"package of its own", func(p *application.Provider) { p.Documents.Provider = provID }, nil, nil},
		{"empty", func(p *application.Provider) { *p = application.Provider{} },
			[]string{"id", "legal_entity", "kind"},
			[]string{application.CodeProviderID, application.CodeProviderLegalEntity, application.CodeProviderKind}},
		{"services", func(p *application.Provider) { p.Services = []string{"Heating", "sewerage", "sewerage"} },
			[]string{"services[0]", "services[2]"},
			[]string{application.CodeProviderService, application.CodeProviderDuplicateItem}},
		{"areas", func(p *application.Provider) { p.Areas = []uuid.UUID{uuid.Nil, provHouse, provHouse} },
			[]string{"areas[0]", "areas[2]"},
			[]string{application.CodeProviderArea, application.CodeProviderDuplicateItem}},
		{"templates", func(p *application.Provider) {
			p.Templates = append(p.Templates, application.ProviderTemplate{FormKind: "account_opening"},
				application.ProviderTemplate{FormKind: "", TemplateID: provTmpl})
		},
			[]string{"templates[1].form_kind", "templates[1].template_id", "templates[2].form_kind"},
			[]string{application.CodeProviderDuplicateItem, application.CodeProviderTemplate, application.CodeProviderTemplate}},
		{"documents", func(p *application.Provider) {
			p.Documents.Provider = provHouse
			p.Documents.Items = append(p.Documents.Items, document.Item{Type: "snils"})
		},
			[]string{"documents.provider", "documents.items[1].name"},
			[]string{application.CodeProviderDocuments, document.CodePackageItem}},
		{"system", func(p *application.Provider) {
			p.System = application.ExternalSystem{BaseURL: "ftp://vk.example.ru", ClientID: "a b"}
		},
			[]string{"system.id", "system.name", "system.base_url", "system.client_id"},
			[]string{application.CodeProviderSystem, application.CodeProviderSystem, application.CodeProviderSystem, application.CodeProviderSystem}},
		{"relative url", func(p *application.Provider) { p.System.BaseURL = "/api" },
			[]string{"system.base_url"}, []string{application.CodeProviderSystem}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := validProvider()
			tc.edit(&p)
			err := p.Validate()
			if tc.codes == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, application.ErrInvalid)
			var ve *application.ValidationError
			require.ErrorAs(t, err, &ve)
			var fields, codes []string
			for _, v := range ve.Violations {
				fields = append(fields, v.Field)
				codes = append(codes, v.Code)
				assert.NotEmpty(t, v.Message)
			}
			assert.Equal(t, tc.fields, fields)
			assert.Equal(t, tc.codes, codes)
		})
	}
}

func TestProviderHelpers(t *testing.T) {
	t.Parallel()
	p := validProvider()
	id, ok := p.Template("account_opening")
	assert.True(t, ok)
	assert.Equal(t, provTmpl, id)
	_, ok = p.Template("meter_acceptance")
	assert.False(t, ok)
	assert.True(t, p.Serves([]uuid.UUID{provID, provHouse}))
	assert.False(t, p.Serves([]uuid.UUID{provID}))
	assert.True(t, p.Provides("sewerage"))
	assert.False(t, p.Provides("heating"))

	c := p.Clone()
	c.Services[0], c.Areas[0], c.Templates[0].FormKind, c.Documents.Items[0].Type = "x", uuid.Nil, "x", "x"
	assert.Equal(t, validProvider(), p, "a clone shares no memory")

	for _, k := range application.ProviderKinds() {
		assert.True(t, k.Valid())
		assert.NotEmpty(t, k.Title(), k)
	}
	assert.False(t, application.ProviderKind("bank").Valid())
	assert.Empty(t, application.ProviderKind("bank").Title())
}

func TestCheckProvider(t *testing.T) {
	t.Parallel()
	refs := memory.NewReferenceRepository()
	require.NoError(t, application.SeedReferences(t.Context(), refs, application.Defaults()))
	require.NoError(t, refs.Retire(t.Context(), application.BookServices, "sewerage", time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)))

	p := validProvider()
	p.Services = []string{"cold_water_supply", "sewerage", "teleport", "Bad"}
	p.Kind = ""
	err := application.CheckProvider(t.Context(), refs, p)
	var ve *application.ValidationError
	require.ErrorAs(t, err, &ve)
	var fields []string
	for _, v := range ve.Violations {
		fields = append(fields, v.Field)
	}
	assert.Equal(t, []string{"kind", "services[3]", "services[1]", "services[2]"}, fields)

	p = validProvider()
	p.Services = []string{"cold_water_supply"}
	require.NoError(t, application.CheckProvider(t.Context(), refs, p))
}

func TestCheckSharedSystem(t *testing.T) {
	t.Parallel()
	p := validProvider()
	other := validProvider()
	other.ID = provHouse
	require.NoError(t, application.CheckSharedSystem(p, []application.Provider{p, other}))
	other.System.ClientID = "other"
	err := application.CheckSharedSystem(p, []application.Provider{other})
	require.ErrorIs(t, err, application.ErrConflict)
	var e *application.Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, application.CodeProviderSystemMismatch, e.Code)
	p.System = application.ExternalSystem{}
	require.NoError(t, application.CheckSharedSystem(p, []application.Provider{other}))
}

func TestProviderErrors(t *testing.T) {
	t.Parallel()
	assert.ErrorIs(t, application.ProviderNotFoundError(provID), application.ErrNotFound)
	assert.ErrorIs(t, application.ProviderExistsError(provID), application.ErrConflict)
	assert.ErrorIs(t, application.DuplicateLegalEntityError(validProvider()), application.ErrConflict)
	assert.Equal(t, -1, application.CompareProviders(validProvider(), application.Provider{ID: provHouse}))
}
