// Package addresstest helps test code that uses the address graph: the
// conformance suite every address.Repository adapter must pass
// (RunRepository), and a deterministic generator of synthetic regions of any
// size (Generate) for tests and benchmarks.
package addresstest
