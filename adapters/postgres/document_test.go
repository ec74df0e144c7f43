package postgres_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/document/documenttest"
)

func TestDocumentRepository(t *testing.T) {
	t.Parallel()
	documenttest.RunRepository(t, func(t *testing.T) document.Repository {
		return postgres.NewDocumentRepository(pgtest.NewPool(t))
	})
}

// TestDocumentRepositoryEmptyCollections checks what the suite leaves to
// the adapter: empty values, subjects and scans come back as nil, and a
// document stored without values can be edited in Update.
func TestDocumentRepositoryEmptyCollections(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	repo := postgres.NewDocumentRepository(pgtest.NewPool(t))
	id := documenttest.ID(1)
	require.NoError(t, repo.Create(ctx, document.Document{ID: id, Type: "snils", Values: document.Values{},
		Subjects: []uuid.UUID{}, Scans: []document.ScanInfo{}}))
	got, err := repo.Get(ctx, id)
	require.NoError(t, err)
	require.Nil(t, got.Values)
	require.Nil(t, got.Subjects)
	require.Nil(t, got.Scans)
	got, err = repo.Update(ctx, id, func(d *document.Document) error {
		d.Values = document.Values{"number": "112-233-445 95"}
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, document.Values{"number": "112-233-445 95"}, got.Values)
	require.Equal(t, int64(2), got.Version)
}
