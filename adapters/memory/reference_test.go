package memory_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/application/applicationtest"
)

func TestReferenceRepository(t *testing.T) {
	t.Parallel()
	applicationtest.RunReferenceRepository(t, func(*testing.T) application.ReferenceRepository {
		return memory.NewReferenceRepository()
	})
}

// TestReferenceRepositorySeeded checks the documented way to start from
// the built-in books.
func TestReferenceRepositorySeeded(t *testing.T) {
	t.Parallel()
	repo := memory.NewReferenceRepository()
	require.NoError(t, application.SeedReferences(t.Context(), repo, application.Defaults()))
	services, err := repo.List(t.Context(), application.BookServices)
	require.NoError(t, err)
	require.Len(t, services, 7)
	require.Equal(t, "cold_water_supply", services[0].Code)
}
