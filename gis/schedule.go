package gis

import "time"

// Schedule is when a client asks getState about a request GIS ZhKKh has
// acknowledged: Steps are the waits before the first getStates, Every is
// the wait between the later ones, and Deadline is how long after the Ack
// the client gives up waiting for the result.
//
// The official schedule (OfficialSchedule) waits at least 10 s after the
// Ack, then 60, 300 and 900 s, then every 1800 s. Tests and the fake
// server use a fast schedule with the same shape.
type Schedule struct {
	// Steps are the waits before getState number 0, 1, 2, ...
	Steps []time.Duration
	// Every is the wait before each getState after the Steps.
	Every time.Duration
	// Deadline is the time after the Ack past which the client stops
	// polling and reports ErrExpired; zero polls until the context ends.
	Deadline time.Duration
}

// The figures of the official polling schedule.
const (
	// OfficialEvery is the wait between getStates once the steps are
	// used up: 30 minutes.
	OfficialEvery = 1800 * time.Second
	// OfficialDeadline is how long the official schedule waits for a
	// result: 24 hours, the longest processing time clients report.
	OfficialDeadline = 24 * time.Hour
)

// OfficialSchedule returns the polling schedule of the GIS ZhKKh
// regulations: getState no sooner than 10 s after the Ack, then after 60,
// 300 and 900 s, then every 1800 s, giving up after 24 hours.
func OfficialSchedule() Schedule {
	return Schedule{
		Steps:    []time.Duration{10 * time.Second, 60 * time.Second, 300 * time.Second, 900 * time.Second},
		Every:    OfficialEvery,
		Deadline: OfficialDeadline,
	}
}

// IsZero reports whether the schedule is unset; a Client then uses
// OfficialSchedule.
func (s Schedule) IsZero() bool { return len(s.Steps) == 0 && s.Every == 0 && s.Deadline == 0 }

// Delay returns the wait before getState number attempt (0 for the first
// one after the Ack). A negative attempt is taken as 0; a schedule without
// Every repeats its last step, and an empty one does not wait.
func (s Schedule) Delay(attempt int) time.Duration {
	attempt = max(attempt, 0)
	if attempt < len(s.Steps) {
		return max(s.Steps[attempt], 0)
	}
	if s.Every > 0 {
		return s.Every
	}
	if n := len(s.Steps); n > 0 {
		return max(s.Steps[n-1], 0)
	}
	return 0
}

// Expired reports whether the exchange is to be given up elapsed after
// the Ack: when the schedule has a Deadline and elapsed reached it.
func (s Schedule) Expired(elapsed time.Duration) bool {
	return s.Deadline > 0 && elapsed >= s.Deadline
}
