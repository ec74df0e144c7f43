package postgres_test

import (
	"testing"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/application/applicationtest"
)

func TestProviderRepository(t *testing.T) {
	t.Parallel()
	applicationtest.RunProviderRepository(t, func(t *testing.T) application.ProviderRepository {
		return postgres.NewProviderRepository(pgtest.NewPool(t))
	})
}
