package memory_test

import (
	"testing"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/subject"
	"github.com/openzhkh/zhkh/subject/subjecttest"
)

func TestRightRepository(t *testing.T) {
	t.Parallel()
	subjecttest.RunRightRepository(t, func(*testing.T) subject.RightRepository {
		return memory.NewRightRepository()
	})
}
