package gis

import (
	"context"
	"encoding/csv"
	"io"
	"time"
)

// Error codes the Client writes into the exchange log for failures that
// carry no GIS code, so that the error report lists them too.
const (
	// CodeTransportFailure: the request or a getState did not reach GIS
	// or no answer came back (a dropped connection, a timeout).
	CodeTransportFailure = "TRANSPORT"
	// CodeExpired: the polling deadline passed without a result.
	CodeExpired = "EXPIRED"
	// CodeBadAnswer: GIS answered something the package could not read.
	CodeBadAnswer = "BAD_ANSWER"
)

// ErrorReportRow is one line of the report of exchange errors for a
// period: when the request went and when the answer came, which service
// and method, and the error GIS gave.
type ErrorReportRow struct {
	// RequestedAt is when the request was sent.
	RequestedAt time.Time `json:"requestedAt"`
	// AnsweredAt is when the exchange ended (failed or given up); for an
	// exchange still open after a failed getState it is the time of the
	// Ack, as the log keeps no time of the failed getState; zero when the
	// request was never acknowledged and the exchange is open.
	AnsweredAt time.Time `json:"answeredAt"`
	// Service is the folder of the service ("house-management").
	Service string `json:"service"`
	// Operation is the WSDL method ("importAccountData").
	Operation string `json:"operation"`
	// ErrorCode is the GIS code ("INT002013"), an HTTP status
	// ("HTTP503") or one of CodeTransportFailure, CodeExpired,
	// CodeBadAnswer.
	ErrorCode string `json:"errorCode"`
	// ErrorText is the text of the error.
	ErrorText string `json:"errorText"`
}

// ErrorReport returns the report of exchange errors for the period
// from ≤ sent < to (a zero bound is open): every exchange of the log with a
// whole-message error code, ordered by the time of the request. Item
// errors of an import that GIS otherwise processed are not in it; they
// stay in the response XML of the exchange. It returns the log's error
// as it is.
func ErrorReport(ctx context.Context, log ExchangeLog, from, to time.Time) ([]ErrorReportRow, error) {
	found, err := log.Find(ctx, ExchangeFilter{From: from, To: to, OnlyErrors: true})
	if err != nil {
		return nil, err
	}
	rows := make([]ErrorReportRow, 0, len(found))
	for _, e := range found {
		answered := e.DoneAt
		if answered.IsZero() {
			answered = e.AckedAt
		}
		rows = append(rows, ErrorReportRow{
			RequestedAt: e.SentAt,
			AnsweredAt:  answered,
			Service:     e.Service,
			Operation:   e.Operation,
			ErrorCode:   e.ErrorCode,
			ErrorText:   e.ErrorText,
		})
	}
	return rows, nil
}

// ErrorReportHeader returns the column headings of the error report, in
// the order WriteErrorReportCSV writes the columns.
func ErrorReportHeader() []string {
	return []string{
		"Дата и время запроса",
		"Дата и время ответа",
		"Сервис",
		"Метод",
		"Код ошибки",
		"Текст ошибки",
	}
}

// ReportTimeLayout is how the error report prints times: day, month,
// year, hours, minutes and seconds, as Russian users read them.
const ReportTimeLayout = "02.01.2006 15:04:05"

// WriteErrorReportCSV writes the report as CSV for spreadsheet programs
// of a Russian locale: a UTF-8 byte order mark, semicolons between the
// fields, the Russian headings of ErrorReportHeader first, times in loc
// (Moscow time, UTC+3, when loc is nil) by ReportTimeLayout and an empty
// field for a zero time. It returns the writer's error.
func WriteErrorReportCSV(w io.Writer, rows []ErrorReportRow, loc *time.Location) error {
	if loc == nil {
		loc = moscowTime
	}
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	if err := cw.Write(ErrorReportHeader()); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write([]string{
			reportTime(r.RequestedAt, loc),
			reportTime(r.AnsweredAt, loc),
			r.Service,
			r.Operation,
			r.ErrorCode,
			r.ErrorText,
		}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// reportTime formats t in loc by ReportTimeLayout, and a zero t as "".
func reportTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(ReportTimeLayout)
}
