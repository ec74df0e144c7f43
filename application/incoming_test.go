package application_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/application"
)

func TestIncomingBounds(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 22, 10, 30, 0, 123456789, time.FixedZone("MSK", 3*3600))
	id := uuid.MustParse("0190f3a0-0000-7000-8000-000000000001")

	b, err := application.IncomingQuery{}.Bounds()
	require.NoError(t, err)
	assert.Equal(t, application.IncomingBounds{Limit: application.DefaultIncomingLimit}, b)

	b, err = application.IncomingQuery{Limit: 7, Cursor: application.IncomingCursor(at, id)}.Bounds()
	require.NoError(t, err)
	assert.Equal(t, 7, b.Limit)
	assert.True(t, b.HasCursor)
	assert.True(t, b.After.Equal(at), "the cursor keeps the instant to the nanosecond: %v", b.After)
	assert.Equal(t, id, b.AfterID)

	_, err = application.IncomingQuery{
		Limit:  application.MaxIncomingLimit + 1,
		States: []application.State{application.StateSent, "nonsense"},
		Cursor: "not a cursor!",
	}.Bounds()
	var ve *application.ValidationError
	require.ErrorAs(t, err, &ve)
	require.ErrorIs(t, err, application.ErrInvalid)
	for _, code := range []string{application.CodeIncomingLimit, application.CodeIncomingState, application.CodeIncomingCursor} {
		assert.True(t, ve.Has(code), code)
	}
	_, err = application.IncomingQuery{Limit: -1}.Bounds()
	require.ErrorIs(t, err, application.ErrInvalid)
}

// Whatever a caller sends as a cursor, Bounds answers with bounds or a
// validation error, never a panic; a cursor it accepts names a position
// that makes the same cursor again.
func FuzzIncomingBounds(f *testing.F) {
	f.Add(application.IncomingCursor(time.Unix(1700000000, 5), uuid.Nil))
	f.Add("")
	f.Add("not a cursor!")
	f.Add("MjAyNi0xMS0yMlQxMDozMDowMFogeA")
	f.Fuzz(func(t *testing.T, cursor string) {
		b, err := application.IncomingQuery{Cursor: cursor}.Bounds()
		if err != nil {
			require.ErrorIs(t, err, application.ErrInvalid)
			return
		}
		if b.HasCursor {
			again, err := application.IncomingQuery{Cursor: application.IncomingCursor(b.After, b.AfterID)}.Bounds()
			require.NoError(t, err)
			assert.True(t, again.After.Equal(b.After))
			assert.Equal(t, b.AfterID, again.AfterID)
		}
	})
}
