// Package fault holds the error kinds shared by every domain package of the
// module: the sentinels callers branch on with errors.Is (not found,
// conflict, invalid input, invalid transition, forbidden), the typed Error
// that carries a stable code and a Russian message, and ValidationError,
// which reports every violation of an input at once.
//
// Domain packages re-export these names as aliases (address.ErrNotFound,
// address.ValidationError, ...), so that one value is the same error kind
// whichever package returned it, and an HTTP adapter can map kinds to
// statuses in one place.
package fault
