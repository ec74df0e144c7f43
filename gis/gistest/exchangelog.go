package gistest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/internal/conformance"
	"github.com/openzhkh/zhkh/internal/fault"
)

// RunExchangeLog runs the conformance suite of the gis.ExchangeLog port.
// An integrator who writes an adapter runs it from the adapter's own
// tests:
//
//	func TestExchangeLog(t *testing.T) {
//		gistest.RunExchangeLog(t, func(t *testing.T) gis.ExchangeLog {
//			return myadapter.NewExchangeLog(...)
//		})
//	}
//
// Every subtest calls newLog for a fresh, empty log of its own and runs in
// parallel with the others, so newLog must return independent logs. The
// suite checks Record and Get (copies, Version 1, a taken ID is a
// conflict, the zero ID invalid, a missing ID not found), Find by the
// half-open period, service, operation, error code, errors only, object
// and limit with its order by SentAt and then ID, Update (the version
// rises, the ID is kept, fn's error leaves the record as it was), and 50
// goroutines updating one record at once with none of their changes
// lost. Times are stored to the microsecond. Run it with -race.
func RunExchangeLog(t *testing.T, newLog func(t *testing.T) gis.ExchangeLog) {
	conformance.Run(t, newLog, []conformance.Case[gis.ExchangeLog]{
		{Name: "RecordGet", Run: logRecordGet},
		{Name: "GetMissing", Run: logGetMissing},
		{Name: "RecordDuplicate", Run: logRecordDuplicate},
		{Name: "RecordZeroID", Run: logRecordZeroID},
		{Name: "Copies", Run: logCopies},
		{Name: "FindEmpty", Run: logFindEmpty},
		{Name: "FindPeriod", Run: logFindPeriod},
		{Name: "FindFields", Run: logFindFields},
		{Name: "FindObject", Run: logFindObject},
		{Name: "FindOrderAndLimit", Run: logFindOrder},
		{Name: "FindNegativeLimit", Run: logFindNegativeLimit},
		{Name: "Update", Run: logUpdate},
		{Name: "UpdateMissing", Run: logUpdateMissing},
		{Name: "UpdateError", Run: logUpdateError},
		{Name: "CanceledContext", Run: logCanceled},
		{Name: "ConcurrentUpdate", Run: logConcurrentUpdate},
		{Name: "ConcurrentRecord", Run: logConcurrentRecord},
	})
}

// logBase is the time the suite's exchanges are sent around.
var logBase = time.Date(2026, time.March, 2, 9, 30, 0, 0, time.UTC)

// logID returns a fixed, distinct ID for n.
func logID(n int) uuid.UUID {
	return uuid.MustParse(fmt.Sprintf("01900000-0000-7000-8000-%012d", n))
}

// sample returns a complete exchange numbered n, sent at logBase + n
// minutes.
func sample(n int) gis.Exchange {
	sent := logBase.Add(time.Duration(n) * time.Minute)
	return gis.Exchange{
		ID:          logID(n),
		Service:     "house-management",
		Operation:   "importAccountData",
		MessageGUID: uuid.MustParse(fmt.Sprintf("0a9b8c7d-6e5f-4a3b-8c2d-%012d", n)),
		AckGUID:     uuid.MustParse(fmt.Sprintf("1b9b8c7d-6e5f-4a3b-8c2d-%012d", n)),
		Request:     []byte(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>Лицевой счёт &amp; «кавычки»</soapenv:Body></soapenv:Envelope>`),
		Ack:         []byte(`<Ack/>`),
		Response:    []byte(`<getStateResult/>`),
		SentAt:      sent,
		AckedAt:     sent.Add(2 * time.Second),
		DoneAt:      sent.Add(75*time.Second + 123456*time.Microsecond),
		State:       gis.ExchangeDone,
		Objects:     []gis.ObjectRef{{Kind: "account", Key: fmt.Sprintf("ЛС-%d", n)}},
	}
}

// normal brings e to the form every adapter can return: times in UTC
// without a monotonic reading, empty slices as nil.
func normal(e gis.Exchange) gis.Exchange {
	ut := func(t time.Time) time.Time {
		if t.IsZero() {
			return time.Time{}
		}
		return t.UTC().Round(0)
	}
	e.SentAt, e.AckedAt, e.DoneAt = ut(e.SentAt), ut(e.AckedAt), ut(e.DoneAt)
	if len(e.Request) == 0 {
		e.Request = nil
	}
	if len(e.Ack) == 0 {
		e.Ack = nil
	}
	if len(e.Response) == 0 {
		e.Response = nil
	}
	if len(e.Objects) == 0 {
		e.Objects = nil
	}
	return e
}

// record stores es in log, failing the test on an error.
func record(t *testing.T, log gis.ExchangeLog, es ...gis.Exchange) {
	t.Helper()
	for _, e := range es {
		require.NoError(t, log.Record(t.Context(), e), "record %s", e.ID)
	}
}

// ids returns the IDs of es, in order.
func ids(es []gis.Exchange) []uuid.UUID {
	out := make([]uuid.UUID, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

// find returns the IDs of the exchanges log finds for f, in order.
func find(t *testing.T, log gis.ExchangeLog, f gis.ExchangeFilter) []uuid.UUID {
	t.Helper()
	found, err := log.Find(t.Context(), f)
	require.NoError(t, err)
	return ids(found)
}

func logRecordGet(t *testing.T, log gis.ExchangeLog) {
	full := sample(1)
	open := gis.Exchange{ID: logID(2), Service: "nsi-common", Operation: "exportNsiItem",
		MessageGUID: logID(3), Request: []byte("<x/>"), SentAt: logBase, State: gis.ExchangeSent}
	record(t, log, full, open)

	got, err := log.Get(t.Context(), full.ID)
	require.NoError(t, err)
	want := full
	want.Version = 1
	assert.Equal(t, normal(want), normal(got))

	got, err = log.Get(t.Context(), open.ID)
	require.NoError(t, err)
	want = open
	want.Version = 1
	assert.Equal(t, normal(want), normal(got), "zero times and empty fields come back zero")
}

func logGetMissing(t *testing.T, log gis.ExchangeLog) {
	_, err := log.Get(t.Context(), logID(1))
	require.ErrorIs(t, err, gis.ErrNotFound)
	assert.True(t, fault.HasCode(err, gis.CodeExchangeNotFound), "%v", err)
	record(t, log, sample(1))
	_, err = log.Get(t.Context(), logID(2))
	require.ErrorIs(t, err, gis.ErrNotFound)
}

func logRecordDuplicate(t *testing.T, log gis.ExchangeLog) {
	first := sample(1)
	record(t, log, first)
	again := sample(2)
	again.ID = first.ID
	err := log.Record(t.Context(), again)
	require.ErrorIs(t, err, gis.ErrConflict)
	assert.True(t, fault.HasCode(err, gis.CodeExchangeExists), "%v", err)
	got, err := log.Get(t.Context(), first.ID)
	require.NoError(t, err)
	assert.Equal(t, first.MessageGUID, got.MessageGUID, "the first record stays")
}

func logRecordZeroID(t *testing.T, log gis.ExchangeLog) {
	e := sample(1)
	e.ID = uuid.Nil
	err := log.Record(t.Context(), e)
	require.ErrorIs(t, err, gis.ErrInvalid)
	assert.True(t, fault.HasCode(err, gis.CodeExchangeID), "%v", err)
	found, err := log.Find(t.Context(), gis.ExchangeFilter{})
	require.NoError(t, err)
	assert.Empty(t, found, "nothing is recorded")
}

func logCopies(t *testing.T, log gis.ExchangeLog) {
	e := sample(1)
	record(t, log, e)
	e.Request[0] = 'X'
	e.Objects[0].Key = "changed"

	got, err := log.Get(t.Context(), e.ID)
	require.NoError(t, err)
	assert.Equal(t, byte('<'), got.Request[0], "the log keeps its own copy of Request")
	assert.Equal(t, "ЛС-1", got.Objects[0].Key, "the log keeps its own copy of Objects")

	got.Request[0] = 'Y'
	got.Objects[0].Key = "changed again"
	found, err := log.Find(t.Context(), gis.ExchangeFilter{})
	require.NoError(t, err)
	require.Len(t, found, 1)
	assert.Equal(t, byte('<'), found[0].Request[0], "Get hands out a copy")
	assert.Equal(t, "ЛС-1", found[0].Objects[0].Key, "Get hands out a copy")

	found[0].Objects[0].Key = "from find"
	updated, err := log.Update(t.Context(), e.ID, func(x *gis.Exchange) error {
		assert.Equal(t, "ЛС-1", x.Objects[0].Key, "Find hands out a copy")
		return nil
	})
	require.NoError(t, err)
	updated.Objects[0].Key = "from update"
	got, err = log.Get(t.Context(), e.ID)
	require.NoError(t, err)
	assert.Equal(t, "ЛС-1", got.Objects[0].Key, "Update hands out a copy")
}

func logFindEmpty(t *testing.T, log gis.ExchangeLog) {
	found, err := log.Find(t.Context(), gis.ExchangeFilter{})
	require.NoError(t, err)
	assert.Empty(t, found)
}

func logFindPeriod(t *testing.T, log gis.ExchangeLog) {
	record(t, log, sample(0), sample(1), sample(2), sample(3))
	at := func(n int) time.Time { return logBase.Add(time.Duration(n) * time.Minute) }
	tests := []struct {
		name     string
		from, to time.Time
		want     []uuid.UUID
	}{
		{"open", time.Time{}, time.Time{}, []uuid.UUID{logID(0), logID(1), logID(2), logID(3)}},
		{"from is inclusive", at(1), time.Time{}, []uuid.UUID{logID(1), logID(2), logID(3)}},
		{"to is exclusive", time.Time{}, at(2), []uuid.UUID{logID(0), logID(1)}},
		{"half-open", at(1), at(3), []uuid.UUID{logID(1), logID(2)}},
		{"one microsecond", at(2), at(2).Add(time.Microsecond), []uuid.UUID{logID(2)}},
		{"empty period", at(2), at(2), []uuid.UUID{}},
		{"other zone", at(1).In(time.FixedZone("MSK", 3*60*60)), at(2).In(time.FixedZone("MSK", 3*60*60)), []uuid.UUID{logID(1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, find(t, log, gis.ExchangeFilter{From: tt.from, To: tt.to}))
		})
	}
}

func logFindFields(t *testing.T, log gis.ExchangeLog) {
	a := sample(1)
	b := sample(2)
	b.Service, b.Operation = "nsi-common", "exportNsiItem"
	b.State, b.ErrorCode, b.ErrorText = gis.ExchangeFailed, "INT002012", "Нет объектов для экспорта"
	c := sample(3)
	c.Operation = "exportAccountData"
	c.State, c.ErrorCode, c.ErrorText = gis.ExchangeFailed, "AUT011003", "Доступ запрещен"
	d := sample(4)
	d.State, d.ErrorCode, d.ErrorText = gis.ExchangeFailed, "INT002012", "Нет объектов для экспорта"
	record(t, log, d, c, b, a)

	tests := []struct {
		name string
		f    gis.ExchangeFilter
		want []uuid.UUID
	}{
		{"service", gis.ExchangeFilter{Service: "house-management"}, []uuid.UUID{a.ID, c.ID, d.ID}},
		{"operation", gis.ExchangeFilter{Operation: "importAccountData"}, []uuid.UUID{a.ID, d.ID}},
		{"service and operation", gis.ExchangeFilter{Service: "nsi-common", Operation: "exportNsiItem"}, []uuid.UUID{b.ID}},
		{"error code", gis.ExchangeFilter{ErrorCode: "INT002012"}, []uuid.UUID{b.ID, d.ID}},
		{"only errors", gis.ExchangeFilter{OnlyErrors: true}, []uuid.UUID{b.ID, c.ID, d.ID}},
		{"only errors of a service", gis.ExchangeFilter{OnlyErrors: true, Service: "house-management"}, []uuid.UUID{c.ID, d.ID}},
		{"nothing matches", gis.ExchangeFilter{Service: "bills"}, []uuid.UUID{}},
		{"errors in a period", gis.ExchangeFilter{OnlyErrors: true, From: b.SentAt, To: d.SentAt}, []uuid.UUID{b.ID, c.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, find(t, log, tt.f))
		})
	}
}

func logFindObject(t *testing.T, log gis.ExchangeLog) {
	a := sample(1)
	a.Objects = []gis.ObjectRef{{Kind: "account", Key: "100"}, {Kind: "house", Key: "7e1e7a3c-0000-4000-8000-000000000001"}}
	b := sample(2)
	b.Objects = []gis.ObjectRef{{Kind: "meter", Key: "100"}}
	c := sample(3)
	c.Objects = nil
	d := sample(4)
	d.Objects = []gis.ObjectRef{{Kind: "account", Key: "200"}, {Kind: "account", Key: "100"}}
	record(t, log, a, b, c, d)

	tests := []struct {
		name string
		ref  gis.ObjectRef
		want []uuid.UUID
	}{
		{"account", gis.ObjectRef{Kind: "account", Key: "100"}, []uuid.UUID{a.ID, d.ID}},
		{"kind matters", gis.ObjectRef{Kind: "meter", Key: "100"}, []uuid.UUID{b.ID}},
		{"house", gis.ObjectRef{Kind: "house", Key: "7e1e7a3c-0000-4000-8000-000000000001"}, []uuid.UUID{a.ID}},
		{"unknown", gis.ObjectRef{Kind: "account", Key: "300"}, []uuid.UUID{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, find(t, log, gis.ExchangeFilter{Object: &tt.ref}))
		})
	}
}

func logFindOrder(t *testing.T, log gis.ExchangeLog) {
	// Three exchanges share a SentAt: they come by ID.
	same := []gis.Exchange{sample(5), sample(6), sample(7)}
	for i := range same {
		same[i].SentAt = logBase.Add(time.Hour)
	}
	early := sample(9)
	early.SentAt = logBase
	record(t, log, same[2], early, same[0], same[1])

	all := find(t, log, gis.ExchangeFilter{})
	assert.Equal(t, []uuid.UUID{early.ID, same[0].ID, same[1].ID, same[2].ID}, all)
	assert.Equal(t, all[:2], find(t, log, gis.ExchangeFilter{Limit: 2}))
	assert.Equal(t, all, find(t, log, gis.ExchangeFilter{Limit: 10}))
	assert.Equal(t, []uuid.UUID{same[0].ID}, find(t, log, gis.ExchangeFilter{From: logBase.Add(time.Minute), Limit: 1}))
}

func logFindNegativeLimit(t *testing.T, log gis.ExchangeLog) {
	_, err := log.Find(t.Context(), gis.ExchangeFilter{Limit: -1})
	require.ErrorIs(t, err, gis.ErrInvalid)
	assert.True(t, fault.HasCode(err, gis.CodeExchangeLimit), "%v", err)
}

func logUpdate(t *testing.T, log gis.ExchangeLog) {
	e := gis.Exchange{ID: logID(1), Service: "house-management", Operation: "importAccountData",
		MessageGUID: logID(2), Request: []byte("<request/>"), SentAt: logBase, State: gis.ExchangeSent,
		Objects: []gis.ObjectRef{{Kind: "account", Key: "1"}}}
	record(t, log, e)

	acked, err := log.Update(t.Context(), e.ID, func(x *gis.Exchange) error {
		assert.Equal(t, 1, x.Version, "fn sees the stored version")
		x.AckGUID = logID(3)
		x.Ack = []byte("<ack/>")
		x.AckedAt = logBase.Add(time.Second)
		x.State = gis.ExchangeAcked
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 2, acked.Version)
	assert.Equal(t, gis.ExchangeAcked, acked.State)

	done, err := log.Update(t.Context(), e.ID, func(x *gis.Exchange) error {
		x.ID = logID(99) // ignored: the record keeps its ID
		x.Version = 42   // ignored: the log counts
		x.Response = []byte("<result/>")
		x.DoneAt = logBase.Add(time.Minute)
		x.State = gis.ExchangeFailed
		x.ErrorCode, x.ErrorText = "INT002013", "Запрос не найден"
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, e.ID, done.ID)
	assert.Equal(t, 3, done.Version)

	got, err := log.Get(t.Context(), e.ID)
	require.NoError(t, err)
	assert.Equal(t, normal(done), normal(got), "Update returns what it stored")
	want := e
	want.AckGUID, want.Ack, want.AckedAt = logID(3), []byte("<ack/>"), logBase.Add(time.Second)
	want.Response, want.DoneAt = []byte("<result/>"), logBase.Add(time.Minute)
	want.State, want.ErrorCode, want.ErrorText = gis.ExchangeFailed, "INT002013", "Запрос не найден"
	want.Version = 3
	assert.Equal(t, normal(want), normal(got))
	_, err = log.Get(t.Context(), logID(99))
	require.ErrorIs(t, err, gis.ErrNotFound)
	assert.Equal(t, []uuid.UUID{e.ID}, find(t, log, gis.ExchangeFilter{ErrorCode: "INT002013"}), "Find sees the update")
}

func logUpdateMissing(t *testing.T, log gis.ExchangeLog) {
	called := false
	_, err := log.Update(t.Context(), logID(1), func(*gis.Exchange) error { called = true; return nil })
	require.ErrorIs(t, err, gis.ErrNotFound)
	assert.False(t, called, "fn is not called for a missing exchange")
}

var errRefused = errors.New("refused by the test")

func logUpdateError(t *testing.T, log gis.ExchangeLog) {
	e := sample(1)
	record(t, log, e)
	_, err := log.Update(t.Context(), e.ID, func(x *gis.Exchange) error {
		x.State = gis.ExchangeFailed
		x.ErrorCode = "EXP001000"
		x.Objects = append(x.Objects, gis.ObjectRef{Kind: "meter", Key: "2"})
		return errRefused
	})
	require.ErrorIs(t, err, errRefused)
	got, err := log.Get(t.Context(), e.ID)
	require.NoError(t, err)
	want := e
	want.Version = 1
	assert.Equal(t, normal(want), normal(got), "the record is unchanged")
}

func logCanceled(t *testing.T, log gis.ExchangeLog) {
	record(t, log, sample(1))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	require.ErrorIs(t, log.Record(ctx, sample(2)), context.Canceled)
	_, err := log.Get(ctx, logID(1))
	require.ErrorIs(t, err, context.Canceled)
	_, err = log.Find(ctx, gis.ExchangeFilter{})
	require.ErrorIs(t, err, context.Canceled)
	_, err = log.Update(ctx, logID(1), func(x *gis.Exchange) error { x.ErrorCode = "X"; return nil })
	require.ErrorIs(t, err, context.Canceled)

	got, err := log.Get(t.Context(), logID(1))
	require.NoError(t, err)
	assert.Equal(t, 1, got.Version, "nothing changed")
	_, err = log.Get(t.Context(), logID(2))
	require.ErrorIs(t, err, gis.ErrNotFound, "nothing was recorded")
}

func logConcurrentUpdate(t *testing.T, log gis.ExchangeLog) {
	e := sample(1)
	e.Objects = nil
	record(t, log, e)
	const n = 50
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, err := log.Update(t.Context(), e.ID, func(x *gis.Exchange) error {
				x.Objects = append(x.Objects, gis.ObjectRef{Kind: "account", Key: fmt.Sprint(i)})
				return nil
			})
			assert.NoError(t, err)
			_, err = log.Get(t.Context(), e.ID)
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	got, err := log.Get(t.Context(), e.ID)
	require.NoError(t, err)
	assert.Equal(t, n+1, got.Version, "every update raised the version")
	keys := map[string]bool{}
	for _, o := range got.Objects {
		keys[o.Key] = true
	}
	assert.Len(t, got.Objects, n, "no update is lost")
	assert.Len(t, keys, n, "every goroutine's object is there once")
}

func logConcurrentRecord(t *testing.T, log gis.ExchangeLog) {
	const n = 50
	var wg sync.WaitGroup
	var mu sync.Mutex
	conflicts := 0
	for i := range n {
		wg.Go(func() {
			// Two goroutines race for each ID: one wins, one conflicts.
			err := log.Record(t.Context(), sample(i/2))
			if err != nil {
				assert.ErrorIs(t, err, gis.ErrConflict)
				mu.Lock()
				conflicts++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	assert.Equal(t, n/2, conflicts)
	found, err := log.Find(t.Context(), gis.ExchangeFilter{})
	require.NoError(t, err)
	assert.Len(t, found, n/2)
}
