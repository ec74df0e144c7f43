package postgres_test

import (
	"testing"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/application/applicationtest"
)

func TestReferenceRepository(t *testing.T) {
	t.Parallel()
	applicationtest.RunReferenceRepository(t, func(t *testing.T) application.ReferenceRepository {
		return postgres.NewReferenceRepository(pgtest.NewPool(t))
	})
}
