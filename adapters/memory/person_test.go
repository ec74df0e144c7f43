package memory_test

import (
	"testing"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/subject"
	"github.com/openzhkh/zhkh/subject/subjecttest"
)

func TestPersonRepository(t *testing.T) {
	t.Parallel()
	subjecttest.RunPersonRepository(t, func(*testing.T) subject.PersonRepository {
		return memory.NewPersonRepository()
	})
}
