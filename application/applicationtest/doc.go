// Package applicationtest holds what tests of code built on package
// application need: the conformance suite of the application.ReferenceRepository
// port (RunReferenceRepository), which every adapter runs, and FakeSystem, a
// provider's external system in memory with settable answers, delay and
// error. An integrator who writes an adapter runs the same suite from the
// adapter's tests.
package applicationtest
