// Package documenttest holds the conformance suites of the ports of
// package document: RunRepository for document.Repository and
// RunScanStore for document.ScanStore, and the helpers they use to make
// deterministic IDs, times and scan contents. Every adapter of these ports
// runs them from its own tests, and so does an integrator's adapter.
package documenttest
