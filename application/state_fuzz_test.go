package application_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/application"
)

// FuzzApply applies random sequences of transitions, two bytes each: the
// first picks the action and the actor, the second which data to leave
// out or add. It checks that Apply never panics, the state is always one
// of the states, the history grows by one exactly on success, Issued comes
// only after Processed, and a refused transition changes nothing.
func FuzzApply(f *testing.F) {
	f.Add([]byte{0, 0, 3, 0, 8, 0})       // send, process, issue
	f.Add([]byte{0, 0, 5, 0})             // send, reject
	f.Add([]byte{8, 0, 0, 0})             // delete, send
	f.Add([]byte{0, 1, 2, 0, 3, 2, 1, 0}) // data left out, wrong actors
	f.Add([]byte{255, 255, 7, 4})
	actions := append(application.Actions(), "archive")
	f.Fuzz(func(t *testing.T, ops []byte) {
		a := validApp()
		ok := 0
		for i := 0; i+1 < len(ops); i += 2 {
			op, data := ops[i], ops[i+1]
			act := actions[int(op>>1)%len(actions)]
			who := application.Actor{Kind: application.ActorUser, ID: userID}
			if op&1 == 1 {
				who = application.Actor{Kind: application.ActorSystem, ID: systemID}
			}
			tt := tr(act, who)
			tt.At = tt.At.Add(time.Duration(i) * time.Minute)
			switch data % 8 {
			case 1:
				tt.RegNumber, tt.AccountNumber, tt.Reason = "", "", ""
			case 2:
				tt.Reason = "причина"
			case 3:
				tt.Actor.ID = uuid.Nil
			case 4:
				tt.At = time.Time{}
			case 5:
				tt.Actor.Kind = "robot"
			}
			before := a.Clone()
			if err := a.Apply(tt); err != nil {
				require.Equal(t, before, a, "a refused transition changes nothing")
			} else {
				ok++
			}
			require.True(t, a.State().Valid(), a.State())
			h := a.History()
			require.Len(t, h, ok)
			if a.State() == application.StateIssued {
				require.True(t, slices.ContainsFunc(h, func(e application.Entry) bool { return e.To == application.StateProcessed }))
			}
			for j, e := range h {
				if j > 0 {
					require.Equal(t, h[j-1].To, e.From)
				}
			}
		}
	})
}
