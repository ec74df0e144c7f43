// Package applicationtest holds what tests of code built on package
// application need: the conformance suites of its ports, which every
// adapter runs — RunRepository (with 50 goroutines racing one transition),
// RunReferenceRepository, RunProviderRepository and RunRegNumbers, each
// with a concurrency case — and FakeSystem, a
// provider's external system in memory with settable answers, delay and
// error. An integrator who writes an adapter runs the same suites from the
// adapter's tests.
package applicationtest
