package memory_test

import (
	"testing"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/gis/gistest"
)

func TestExchangeLog(t *testing.T) {
	t.Parallel()
	gistest.RunExchangeLog(t, func(*testing.T) gis.ExchangeLog { return memory.NewExchangeLog() })
}
