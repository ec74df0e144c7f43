// Package subjecttest helps test code that stores subjects: the
// conformance suites every adapter of the subject package's ports must
// pass — RunPersonRepository, RunLegalEntityRepository and
// RunRightRepository, each with concurrency cases — and deterministic
// generators of valid personal identifiers, persons and legal entities for
// tests and benchmarks.
package subjecttest
