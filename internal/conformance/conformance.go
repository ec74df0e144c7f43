package conformance

import "testing"

// Case is one case of a conformance suite: a name and a check of a fresh
// value of the port.
type Case[P any] struct {
	Name string
	Run  func(t *testing.T, p P)
}

// Run runs every case as a parallel subtest, each on its own value from
// newPort, and fails a case whose newPort returns nil.
func Run[P any](t *testing.T, newPort func(t *testing.T) P, cases []Case[P]) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			p := newPort(t)
			if any(p) == nil {
				t.Fatal("the constructor of the port under test returned nil")
			}
			c.Run(t, p)
		})
	}
}
