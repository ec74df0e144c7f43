package memory_test

import (
	"testing"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/application/applicationtest"
)

func TestProviderRepository(t *testing.T) {
	t.Parallel()
	applicationtest.RunProviderRepository(t, func(*testing.T) application.ProviderRepository {
		return memory.NewProviderRepository()
	})
}
