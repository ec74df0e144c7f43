package memory_test

import (
	"testing"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/subject"
	"github.com/openzhkh/zhkh/subject/subjecttest"
)

func TestLegalEntityRepository(t *testing.T) {
	t.Parallel()
	subjecttest.RunLegalEntityRepository(t, func(*testing.T) subject.LegalEntityRepository {
		return memory.NewLegalEntityRepository()
	})
}
