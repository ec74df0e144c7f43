package postgres_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/postgres"
	"github.com/openzhkh/zhkh/adapters/postgres/pgtest"
	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/gis/gistest"
)

func TestExchangeLog(t *testing.T) {
	t.Parallel()
	gistest.RunExchangeLog(t, func(t *testing.T) gis.ExchangeLog {
		return postgres.NewExchangeLog(pgtest.NewPool(t))
	})
}

func TestExchangeLogKeepsXMLByteForByte(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	log := postgres.NewExchangeLog(pgtest.NewPool(t))
	// Not valid UTF-8, a NUL byte and a BOM: the log stores bytes, not text.
	request := []byte("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>\xcb\xd1\x00</a>\r\n")
	e := gis.Exchange{ID: uuid.MustParse("01900000-0000-7000-8000-000000000001"), Service: "bills",
		Operation: "importPaymentDocumentData", Request: request, State: gis.ExchangeSent,
		SentAt: time.Date(2026, 3, 2, 9, 30, 0, 123456789, time.UTC)}
	require.NoError(t, log.Record(ctx, e))
	got, err := log.Get(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, request, got.Request)
	assert.Equal(t, e.SentAt.Truncate(time.Microsecond), got.SentAt, "times are kept to the microsecond")
}

func TestExchangeLogFindUsesIndexes(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	pool := pgtest.NewPool(t)
	_, err := pool.Exec(ctx, `INSERT INTO gis_exchange (id, version, service, operation, message_guid, ack_guid,
			sent_at, state, error_code, objects)
		SELECT gen_random_uuid(), 1, 'house-management', 'op' || (i % 50), gen_random_uuid(), gen_random_uuid(),
			timestamptz '2026-01-01' + i * interval '1 second', 'done',
			CASE WHEN i % 100 = 0 THEN 'INT002012' ELSE '' END,
			jsonb_build_array(jsonb_build_object('kind', 'account', 'key', i::text))
		FROM generate_series(1, 20000) AS i`)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `ANALYZE gis_exchange`)
	require.NoError(t, err)

	tests := []struct {
		name, where, index string
	}{
		{"object", `objects @> '[{"kind":"account","key":"77"}]'`, "gis_exchange_objects_idx"},
		{"error code", `error_code = 'INT002012'`, "gis_exchange_error_idx"},
		{"period", `sent_at >= '2026-01-01 01:00:00+00' AND sent_at < '2026-01-01 01:01:00+00'`, "gis_exchange_sent_idx"},
		{"operation", `service = 'house-management' AND operation = 'op7'`, "gis_exchange_operation_idx"},
	}
	for _, tt := range tests {
		var plan string
		rows, err := pool.Query(ctx, `EXPLAIN SELECT id FROM gis_exchange WHERE `+tt.where+` ORDER BY sent_at, id`)
		require.NoError(t, err)
		for rows.Next() {
			var line string
			require.NoError(t, rows.Scan(&line))
			plan += line + "\n"
		}
		require.NoError(t, rows.Err())
		assert.Contains(t, plan, tt.index, "%s:\n%s", tt.name, plan)
	}
}
