package application

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
)

// CodeReportPeriod: the end of a report's period is not after its start.
const CodeReportPeriod = "report.period"

// ReportRow is one application in the report of approved document
// packages (отчет о положительно рассмотренных пакетах документов).
type ReportRow struct {
	// Application is the ID of the application.
	Application uuid.UUID `json:"application"`
	// RegNumber is its registration number.
	RegNumber string `json:"reg_number"`
	// Provider is the ID of the provider that processed it.
	Provider uuid.UUID `json:"provider"`
	// Premise is the ID of the address object of the premise.
	Premise uuid.UUID `json:"premise"`
	// Address is the full address of the premise, as the addresses func
	// of ApprovedPackages gave it.
	Address string `json:"address"`
	// SentAt is when the MFC sent it.
	SentAt time.Time `json:"sent_at"`
	// ProcessedAt is when the provider processed it.
	ProcessedAt time.Time `json:"processed_at"`
	// Account is the account the provider opened.
	Account OpenedAccount `json:"account"`
	// Documents is the number of supporting documents of the package.
	Documents int `json:"documents"`
}

// ProviderTotal sums the rows of one provider in a Report.
type ProviderTotal struct {
	// Provider is the ID of the provider.
	Provider uuid.UUID `json:"provider"`
	// Applications is the number of its processed applications.
	Applications int `json:"applications"`
	// Documents is the number of documents in their packages.
	Documents int `json:"documents"`
}

// Report is the report of approved document packages for a period: every
// application processed in [From, To). Rows are ordered by provider (as
// CompareProviders), then by the time processed, then by registration
// number; Totals has one entry per provider in the same order. Russian
// titles and layout are the print package's job.
type Report struct {
	// From is the start of the period, inclusive.
	From time.Time `json:"from"`
	// To is the end of the period, exclusive.
	To time.Time `json:"to"`
	// Rows are the applications.
	Rows []ReportRow `json:"rows"`
	// Totals are the sums per provider.
	Totals []ProviderTotal `json:"totals"`
	// Applications is the number of rows.
	Applications int `json:"applications"`
	// Documents is the number of documents in all rows.
	Documents int `json:"documents"`
}

// ApprovedPackages builds the report of approved document packages: one
// row per application repo reports processed in [from, to) — processed
// applications later issued included — with the premise's full address
// from addresses (called once per premise; nil leaves addresses empty).
// It returns a *ValidationError (ErrInvalid, CodeReportPeriod) when to is
// not after from, and the errors of repo and addresses.
func ApprovedPackages(ctx context.Context, repo Repository, from, to time.Time,
	addresses func(ctx context.Context, id uuid.UUID) (string, error)) (Report, error) {
	if !to.After(from) {
		return Report{}, validation([]Violation{{Field: "to", Code: CodeReportPeriod,
			Message: "Конец периода отчета должен быть позже его начала"}})
	}
	apps, err := repo.ProcessedBetween(ctx, from, to)
	if err != nil {
		return Report{}, err
	}
	r := Report{From: from, To: to, Rows: []ReportRow{}, Totals: []ProviderTotal{}}
	full := map[uuid.UUID]string{}
	for _, a := range apps {
		proc, ok := a.last(ActionProcess)
		if !ok {
			continue
		}
		sent, _ := a.last(ActionSend)
		acc, _ := a.Account()
		row := ReportRow{Application: a.ID, RegNumber: a.RegNumber(), Provider: a.Provider, Premise: a.Premise.Object,
			SentAt: sent.At, ProcessedAt: proc.At, Account: acc, Documents: len(a.Documents)}
		if addresses != nil && a.Premise.Object != uuid.Nil {
			s, seen := full[a.Premise.Object]
			if !seen {
				s, err = addresses(ctx, a.Premise.Object)
				if err != nil {
					return Report{}, fmt.Errorf("application: address of premise %s: %w", a.Premise.Object, err)
				}
				full[a.Premise.Object] = s
			}
			row.Address = s
		}
		r.Rows = append(r.Rows, row)
	}
	slices.SortFunc(r.Rows, func(x, y ReportRow) int {
		return cmp.Or(bytes.Compare(x.Provider[:], y.Provider[:]), x.ProcessedAt.Compare(y.ProcessedAt),
			cmp.Compare(x.RegNumber, y.RegNumber), bytes.Compare(x.Application[:], y.Application[:]))
	})
	for _, row := range r.Rows {
		if n := len(r.Totals); n == 0 || r.Totals[n-1].Provider != row.Provider {
			r.Totals = append(r.Totals, ProviderTotal{Provider: row.Provider})
		}
		t := &r.Totals[len(r.Totals)-1]
		t.Applications++
		t.Documents += row.Documents
		r.Applications++
		r.Documents += row.Documents
	}
	return r, nil
}
