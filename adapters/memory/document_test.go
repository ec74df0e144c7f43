package memory_test

import (
	"testing"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/document/documenttest"
)

func TestDocumentRepository(t *testing.T) {
	t.Parallel()
	documenttest.RunRepository(t, func(*testing.T) document.Repository {
		return memory.NewDocumentRepository()
	})
}
