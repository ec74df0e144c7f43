package postgres_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/document/documenttest"
)

func TestScanStore(t *testing.T) {
	t.Parallel()
	documenttest.RunScanStore(t, func(t *testing.T) document.ScanStore {
		return postgres.NewScanStore(pgtest.NewPool(t), 64<<10)
	})
}

func TestScanStoreDefaultLimit(t *testing.T) {
	t.Parallel()
	require.Equal(t, document.DefaultScanLimit, postgres.NewScanStore(nil, 0).Limit())
	require.Equal(t, int64(1000), postgres.NewScanStore(nil, 1000).Limit())
}

// TestScanStoreSharesContent checks that two stores over one database see
// the same scans: the content lives in the database, not in the store.
func TestScanStoreSharesContent(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	pool := pgtest.NewPool(t)
	a, b := postgres.NewScanStore(pool, 0), postgres.NewScanStore(pool, 0)
	data := documenttest.PDF(2, "общий")
	info, err := a.Put(ctx, bytes.NewReader(data))
	require.NoError(t, err)
	got, err := b.Stat(ctx, info.Hash)
	require.NoError(t, err)
	require.Equal(t, info, got)
	require.NoError(t, b.Delete(ctx, info.Hash))
	_, err = a.Stat(ctx, info.Hash)
	require.ErrorIs(t, err, document.ErrNotFound)
}
