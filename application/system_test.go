package application_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/application/applicationtest"
)

func TestMeterClone(t *testing.T) {
	t.Parallel()
	m := application.Meter{ID: "m1", Seals: []application.Seal{{Number: "1"}},
		Readings: []application.Reading{{Value: decimal.RequireFromString("12.5")}}}
	c := m.Clone()
	c.Seals[0].Number = "2"
	c.Readings[0].Zone = "night"
	assert.Equal(t, "1", m.Seals[0].Number)
	assert.Empty(t, m.Readings[0].Zone)
}

func TestAccountJSON(t *testing.T) {
	t.Parallel()
	a := application.Account{ID: "a1", Number: "100200", Debt: decimal.RequireFromString("1234.56")}
	b, err := json.Marshal(a)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"debt":"1234.56"`)
	m := application.Meter{ID: "m1", Kind: application.MeterIndividual,
		VerifiedOn: application.Date{Year: 2024, Month: time.March, Day: 1},
		Readings:   []application.Reading{{Value: decimal.RequireFromString("0.001"), TakenOn: application.Date{Year: 2025, Month: time.January, Day: 25}}}}
	b, err = json.Marshal(m)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"verified_on":"2024-03-01"`)
	assert.Contains(t, string(b), `"taken_on":"2025-01-25"`)
	assert.NotContains(t, string(b), "installed_on")
	var back application.Meter
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, back.Readings[0].Value.Equal(m.Readings[0].Value))
	assert.Equal(t, m.VerifiedOn, back.VerifiedOn)
}

func TestFakeSystem(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	house, other := uuid.MustParse("0191c2d4-0000-7000-8000-000000000001"), uuid.MustParse("0191c2d4-0000-7000-8000-000000000002")
	var f applicationtest.FakeSystem
	f.SetAccounts(
		application.Account{ID: "a1", Address: house},
		application.Account{ID: "a2", Address: other},
		application.Account{ID: "a3", Address: house},
	)
	f.SetMeters(application.Meter{ID: "m1", Account: "a1"}, application.Meter{ID: "m2", Account: "a2"})

	accs, err := f.AccountsByAddress(ctx, house)
	require.NoError(t, err)
	assert.Equal(t, []string{"a1", "a3"}, accountIDs(accs))
	accs, err = f.AccountsByIDs(ctx, []string{"a2", "zz"})
	require.NoError(t, err)
	assert.Equal(t, []string{"a2"}, accountIDs(accs))
	ms, err := f.Meters(ctx, []string{"a1"})
	require.NoError(t, err)
	require.Len(t, ms, 1)
	assert.Equal(t, "m1", ms[0].ID)

	boom := assert.AnError
	f.SetError(boom)
	_, err = f.Meters(ctx, nil)
	require.ErrorIs(t, err, boom)
	f.SetError(nil)

	f.SetDelay(time.Hour)
	short, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	_, err = f.AccountsByAddress(short, house)
	require.ErrorIs(t, err, context.DeadlineExceeded)

	assert.Equal(t, 2, f.Calls(applicationtest.MethodAccountsByAddress))
	assert.Equal(t, 1, f.Calls(applicationtest.MethodAccountsByIDs))
	assert.Equal(t, 2, f.Calls(applicationtest.MethodMeters))
}

func accountIDs(as []application.Account) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}
