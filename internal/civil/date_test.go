package civil_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/internal/civil"
)

func TestParse(t *testing.T) {
	t.Parallel()
	good := map[string]civil.Date{
		"2024-02-29": {Year: 2024, Month: time.February, Day: 29},
		"2079-06-06": {Year: 2079, Month: time.June, Day: 6},
		"0001-01-01": {Year: 1, Month: time.January, Day: 1},
		"":           {},
	}
	for in, want := range good {
		got, err := civil.Parse(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
		assert.Equal(t, in, got.String())
	}
	for _, in := range []string{"2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "20240101", "2024-01-32", "0000-01-01", "abcd-ef-gh", "2024-01-01T00:00"} {
		_, err := civil.Parse(in)
		assert.Error(t, err, in)
	}
}

func TestDaysAndCompare(t *testing.T) {
	t.Parallel()
	epoch := civil.Date{Year: 1970, Month: time.January, Day: 1}
	assert.Equal(t, int32(0), epoch.Days())
	for _, d := range []civil.Date{{Year: 1900, Month: 1, Day: 1}, {Year: 2000, Month: 2, Day: 29}, {Year: 2079, Month: 6, Day: 6}, {Year: 1, Month: 1, Day: 1}} {
		want := int32(d.Time(time.UTC).Unix() / 86400)
		assert.Equal(t, want, d.Days(), d.String())
		assert.Equal(t, d, epoch.AddDays(int(d.Days())), d.String())
	}
	a, b := civil.Date{Year: 2020, Month: 5, Day: 1}, civil.Date{Year: 2020, Month: 5, Day: 2}
	assert.True(t, a.Before(b))
	assert.True(t, b.After(a))
	assert.Equal(t, 0, a.Compare(a))
	assert.Equal(t, a, civil.Of(time.Date(2020, 5, 1, 23, 59, 0, 0, time.UTC)))
}

func TestJSON(t *testing.T) {
	t.Parallel()
	type doc struct {
		Start civil.Date `json:"start"`
		End   civil.Date `json:"end"`
	}
	b, err := json.Marshal(doc{Start: civil.Date{Year: 2024, Month: 3, Day: 1}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"start":"2024-03-01","end":""}`, string(b))
	var d doc
	require.NoError(t, json.Unmarshal(b, &d))
	assert.Equal(t, 2024, d.Start.Year)
	assert.True(t, d.End.IsZero())
	_, err = json.Marshal(doc{Start: civil.Date{Year: 2024, Month: 2, Day: 30}})
	assert.Error(t, err, "an impossible date does not marshal")
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2024-02-29", "", "2079-06-06", "1900-01-01", "9999-12-31", "2024-02-30", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := civil.Parse(s)
		if err != nil {
			return
		}
		if s != "" && !d.Valid() {
			t.Fatalf("Parse(%q) = %v, which is not valid", s, d)
		}
		if d.String() != s {
			t.Fatalf("Parse(%q).String() = %q", s, d.String())
		}
		ref, err := time.Parse(time.DateOnly, s)
		if s != "" && (err != nil || civil.Of(ref) != d) {
			t.Fatalf("Parse(%q) = %v, time.Parse gives %v, %v", s, d, ref, err)
		}
	})
}
