// Package gistest holds what tests of code built on package gis need:
// FakeServer, a GIS ZhKKh stand-in over httptest that acknowledges
// requests, answers getState with RequestState 1, 2 and then 3 and the
// result a test chooses (an item result per TransportGUID, a
// whole-message error, a SOAP fault, an HTTP status), and records what it
// received; and RunExchangeLog, the conformance suite of the
// gis.ExchangeLog port that every adapter runs, with a concurrency case.
package gistest
