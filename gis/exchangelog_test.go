package gis_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/gis"
)

func elExchange(n int, sent time.Time, state gis.ExchangeState, code, text string) gis.Exchange {
	id, _ := clIDs("cccccccc")()
	id[15] = byte(n)
	return gis.Exchange{ID: id, Service: "house-management", Operation: "importAccountData", SentAt: sent,
		AckedAt: sent.Add(time.Second), DoneAt: sent.Add(time.Minute), State: state, ErrorCode: code, ErrorText: text}
}

func TestErrorReport(t *testing.T) {
	t.Parallel()
	log := memory.NewExchangeLog()
	day := time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)
	ok := elExchange(1, day.Add(time.Hour), gis.ExchangeDone, "", "")
	fault := elExchange(2, day.Add(2*time.Hour), gis.ExchangeFailed, "AUT011003", "Доступ запрещен для поставщика данных")
	fault.Service, fault.Operation = "nsi", "exportDataProviderNsiItem"
	open := elExchange(3, day.Add(3*time.Hour), gis.ExchangeAcked, "HTTP503", "сервер ответил HTTP 503 (Service Unavailable)")
	open.DoneAt = time.Time{}
	before := elExchange(4, day.Add(-time.Hour), gis.ExchangeFailed, "INT002013", "Запрос не найден")
	after := elExchange(5, day.Add(24*time.Hour), gis.ExchangeFailed, "INT002013", "Запрос не найден")
	for _, e := range []gis.Exchange{after, open, ok, before, fault} {
		require.NoError(t, log.Record(t.Context(), e))
	}

	rows, err := gis.ErrorReport(t.Context(), log, day, day.Add(24*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, []gis.ErrorReportRow{
		{RequestedAt: fault.SentAt, AnsweredAt: fault.DoneAt, Service: "nsi", Operation: "exportDataProviderNsiItem",
			ErrorCode: "AUT011003", ErrorText: "Доступ запрещен для поставщика данных"},
		{RequestedAt: open.SentAt, AnsweredAt: open.AckedAt, Service: "house-management", Operation: "importAccountData",
			ErrorCode: "HTTP503", ErrorText: "сервер ответил HTTP 503 (Service Unavailable)"},
	}, rows)

	var buf bytes.Buffer
	require.NoError(t, gis.WriteErrorReportCSV(&buf, rows, nil))
	assert.Equal(t, "\uFEFF"+
		"Дата и время запроса;Дата и время ответа;Сервис;Метод;Код ошибки;Текст ошибки\r\n"+
		"01.03.2026 05:00:00;01.03.2026 05:01:00;nsi;exportDataProviderNsiItem;AUT011003;Доступ запрещен для поставщика данных\r\n"+
		"01.03.2026 06:00:00;01.03.2026 06:00:01;house-management;importAccountData;HTTP503;сервер ответил HTTP 503 (Service Unavailable)\r\n",
		buf.String())
}

func TestWriteErrorReportCSVQuoting(t *testing.T) {
	t.Parallel()
	rows := []gis.ErrorReportRow{{
		RequestedAt: time.Date(2026, time.March, 1, 10, 0, 0, 0, time.UTC),
		Service:     "bills", Operation: "importPaymentDocumentData", ErrorCode: "INT002000",
		ErrorText: "Поле «Сумма; итого» содержит \"кавычки\"\nи перенос",
	}}
	var buf bytes.Buffer
	require.NoError(t, gis.WriteErrorReportCSV(&buf, rows, time.UTC))
	assert.Equal(t, "\uFEFF"+
		"Дата и время запроса;Дата и время ответа;Сервис;Метод;Код ошибки;Текст ошибки\r\n"+
		"01.03.2026 10:00:00;;bills;importPaymentDocumentData;INT002000;\"Поле «Сумма; итого» содержит \"\"кавычки\"\"\r\nи перенос\"\r\n",
		buf.String(), "a zero time is an empty field; separators and quotes are quoted")
	assert.Len(t, gis.ErrorReportHeader(), 6)
}

type elFailingWriter struct{}

func (elFailingWriter) Write([]byte) (int, error) { return 0, errors.New("диск заполнен") }

type elFailingLog struct{ gis.ExchangeLog }

func (elFailingLog) Find(context.Context, gis.ExchangeFilter) ([]gis.Exchange, error) {
	return nil, errors.New("база недоступна")
}

func TestErrorReportFailures(t *testing.T) {
	t.Parallel()
	require.Error(t, gis.WriteErrorReportCSV(elFailingWriter{}, nil, nil))
	_, err := gis.ErrorReport(t.Context(), elFailingLog{}, time.Time{}, time.Time{})
	require.EqualError(t, err, "база недоступна")
	rows, err := gis.ErrorReport(t.Context(), memory.NewExchangeLog(), time.Time{}, time.Time{})
	require.NoError(t, err)
	assert.Empty(t, rows)
}
