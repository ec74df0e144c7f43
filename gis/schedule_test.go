package gis_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/openzhkh/zhkh/gis"
)

func TestOfficialSchedule(t *testing.T) {
	t.Parallel()
	s := gis.OfficialSchedule()
	var got []time.Duration
	for attempt := range 7 {
		got = append(got, s.Delay(attempt))
	}
	assert.Equal(t, []time.Duration{10 * time.Second, 60 * time.Second, 300 * time.Second, 900 * time.Second,
		1800 * time.Second, 1800 * time.Second, 1800 * time.Second}, got)
	assert.False(t, s.Expired(24*time.Hour-time.Nanosecond))
	assert.True(t, s.Expired(24*time.Hour))
	assert.False(t, s.IsZero())
	assert.True(t, gis.Schedule{}.IsZero())
}

func TestScheduleDelay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		s       gis.Schedule
		attempt int
		want    time.Duration
	}{
		{"negative attempt is the first", gis.Schedule{Steps: []time.Duration{time.Second, 2 * time.Second}}, -3, time.Second},
		{"step", gis.Schedule{Steps: []time.Duration{time.Second, 2 * time.Second}, Every: time.Minute}, 1, 2 * time.Second},
		{"every after the steps", gis.Schedule{Steps: []time.Duration{time.Second}, Every: time.Minute}, 5, time.Minute},
		{"last step repeats without every", gis.Schedule{Steps: []time.Duration{time.Second, 2 * time.Second}}, 9, 2 * time.Second},
		{"only every", gis.Schedule{Every: time.Minute}, 0, time.Minute},
		{"empty waits nothing", gis.Schedule{}, 3, 0},
		{"negative step waits nothing", gis.Schedule{Steps: []time.Duration{-time.Second}}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, tt.s.Delay(tt.attempt))
		})
	}
}

func TestScheduleExpired(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		s       gis.Schedule
		elapsed time.Duration
		want    bool
	}{
		{"before the deadline", gis.Schedule{Deadline: time.Minute}, 59 * time.Second, false},
		{"at the deadline", gis.Schedule{Deadline: time.Minute}, time.Minute, true},
		{"after the deadline", gis.Schedule{Deadline: time.Minute}, time.Hour, true},
		{"no deadline", gis.Schedule{Every: time.Minute}, 1000 * time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, tt.s.Expired(tt.elapsed))
		})
	}
}
