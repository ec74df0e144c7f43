package memory_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/document/documenttest"
)

func TestScanStore(t *testing.T) {
	t.Parallel()
	documenttest.RunScanStore(t, func(*testing.T) document.ScanStore {
		return memory.NewScanStore(64 << 10)
	})
}

func TestScanStoreDefaultLimit(t *testing.T) {
	t.Parallel()
	require.Equal(t, document.DefaultScanLimit, memory.NewScanStore(0).Limit())
}

func ExampleScanStore_Put() {
	ctx := context.Background()
	store := memory.NewScanStore(0)
	info, err := store.Put(ctx, bytes.NewReader(documenttest.PDF(2, "паспорт")))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(info.MediaType, info.Pages, len(info.Hash))

	_, err = store.Put(ctx, bytes.NewReader([]byte("<html>не скан</html>")))
	fmt.Println(document.HasCode(err, document.CodeScanMediaType))
	fmt.Println(err)
	// Output:
	// application/pdf 2 64
	// true
	// scan: Недопустимый формат файла: электронный образ документа принимается только в формате PDF, JPEG, PNG или TIFF
}
