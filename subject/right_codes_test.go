package subject_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/subject"
)

func TestRightTerminate(t *testing.T) {
	r := rightOf(1, subject.RightSole, rightPerson(200))
	before := r.Clone()

	for _, end := range []subject.Date{{}, rightDay(2019, 12, 31)} {
		err := r.Terminate(end)
		assert.ErrorIs(t, err, subject.ErrInvalid, "end %s", end)
		assert.True(t, subject.HasCode(err, subject.CodeRightEnded), "end %s: %v", end, err)
		assert.Equal(t, before, r, "a refused end changes nothing")
	}

	require.NoError(t, r.Terminate(rightDay(2020, 1, 1)), "a right may end on the day it was registered")
	assert.Equal(t, rightDay(2020, 1, 1), r.Ended)
	r.Ended = subject.Date{}
	assert.Equal(t, before, r, "Terminate sets nothing but the end date")

	r.Ended = rightDay(2021, 1, 1)
	for _, end := range []subject.Date{rightDay(2022, 1, 1), rightDay(2019, 1, 1), {}} {
		err := r.Terminate(end)
		assert.ErrorIs(t, err, subject.ErrConflict, "end %s", end)
		assert.NotErrorIs(t, err, subject.ErrInvalid)
		assert.True(t, subject.HasCode(err, subject.CodeRightEndedAlready), "end %s: %v", end, err)
		assert.ErrorContains(t, err, "уже прекращено 2021-01-01")
		assert.Equal(t, rightDay(2021, 1, 1), r.Ended, "the first end date stays")
	}
}
