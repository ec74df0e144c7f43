// Package conformance runs the cases of a port's conformance suite: each
// as a parallel subtest on a fresh value of the port. The exported suites
// (documenttest, applicationtest, subjecttest) list their cases and hand
// them to Run.
package conformance
