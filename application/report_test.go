package application_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/application"
)

// processed creates, sends and processes an application to the provider
// through the system, and returns it.
func processed(t *testing.T, e *svcEnv, provider, system uuid.UUID, account string) *application.Application {
	t.Helper()
	ctx := t.Context()
	d := e.draft()
	d.Provider = provider
	a, err := e.svc.CreateDraft(ctx, e.user, "MFC01", d)
	require.NoError(t, err)
	_, err = e.svc.Send(ctx, e.user, a.ID, "")
	require.NoError(t, err)
	a, err = e.svc.Process(ctx, system, a.ID, application.ProcessInput{Account: application.OpenedAccount{Number: account}})
	require.NoError(t, err)
	return a
}

func TestApprovedPackages(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	e := newSvcEnv(t, nil)
	a1 := processed(t, e, e.provider.ID, e.system, "A1")
	processed(t, e, e.other.ID, e.otherSys, "B1")
	a2 := processed(t, e, e.provider.ID, e.system, "A2")
	_, err := e.svc.Issue(ctx, e.user, a2.ID, "") // issued later: still counted
	require.NoError(t, err)

	// Sent but not processed, rejected, and a draft: not in the report.
	d, err := e.svc.CreateDraft(ctx, e.user, "MFC01", e.draft())
	require.NoError(t, err)
	_, err = e.svc.Send(ctx, e.user, d.ID, "")
	require.NoError(t, err)
	r, err := e.svc.CreateDraft(ctx, e.user, "MFC01", e.draft())
	require.NoError(t, err)
	_, err = e.svc.Send(ctx, e.user, r.ID, "")
	require.NoError(t, err)
	_, err = e.svc.Reject(ctx, e.system, r.ID, "Нет права", "")
	require.NoError(t, err)
	_, err = e.svc.CreateDraft(ctx, e.user, "MFC01", e.draft())
	require.NoError(t, err)

	calls := 0
	full := func(_ context.Context, id uuid.UUID) (string, error) {
		calls++
		require.Equal(t, e.premise, id)
		return "г. Каменск, ул. Ленина, д. 1, кв. 12", nil
	}
	rep, err := application.ApprovedPackages(ctx, e.repo, svcStart, svcStart.Add(24*time.Hour), full)
	require.NoError(t, err)
	assert.Equal(t, 1, calls, "one call per premise")
	require.Len(t, rep.Rows, 3)
	assert.Equal(t, 3, rep.Applications)
	assert.Equal(t, 3, rep.Documents)

	first, second := e.provider.ID, e.other.ID
	if bytes.Compare(first[:], second[:]) > 0 {
		first, second = second, first
	}
	want := map[uuid.UUID][]string{e.provider.ID: {"A1", "A2"}, e.other.ID: {"B1"}}
	var got []string
	for _, row := range rep.Rows {
		got = append(got, row.Account.Number)
		assert.Equal(t, "г. Каменск, ул. Ленина, д. 1, кв. 12", row.Address)
		assert.NotEmpty(t, row.RegNumber)
		assert.True(t, row.SentAt.Before(row.ProcessedAt))
		assert.Equal(t, 1, row.Documents)
	}
	assert.Equal(t, append(append([]string{}, want[first]...), want[second]...), got, "by provider, then time processed")
	require.Len(t, rep.Totals, 2)
	assert.Equal(t, first, rep.Totals[0].Provider)
	assert.Equal(t, len(want[first]), rep.Totals[0].Applications)
	assert.Equal(t, len(want[second]), rep.Totals[1].Documents)

	// The period is half-open: ending at a1's processing time leaves a1 out.
	pa1, _ := a1.Account()
	assert.Equal(t, "A1", pa1.Number)
	var a1At time.Time
	for _, h := range a1.History() {
		if h.Action == application.ActionProcess {
			a1At = h.At
		}
	}
	rep, err = application.ApprovedPackages(ctx, e.repo, svcStart, a1At, nil)
	require.NoError(t, err)
	assert.Empty(t, rep.Rows)
	assert.Empty(t, rep.Totals)
	rep, err = application.ApprovedPackages(ctx, e.repo, a1At, a1At.Add(time.Nanosecond), nil)
	require.NoError(t, err)
	require.Len(t, rep.Rows, 1)
	assert.Equal(t, a1.ID, rep.Rows[0].Application)
	assert.Empty(t, rep.Rows[0].Address)

	_, err = application.ApprovedPackages(ctx, e.repo, svcStart, svcStart, nil)
	var ve *application.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has(application.CodeReportPeriod))

	boom := errors.New("address store down")
	_, err = application.ApprovedPackages(ctx, e.repo, svcStart, svcStart.Add(24*time.Hour),
		func(context.Context, uuid.UUID) (string, error) { return "", boom })
	require.ErrorIs(t, err, boom)
}
