package memory_test

import (
	"testing"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/application/applicationtest"
)

func TestApplicationRepository(t *testing.T) {
	t.Parallel()
	applicationtest.RunRepository(t, func(*testing.T) application.Repository {
		return memory.NewApplicationRepository()
	})
}
