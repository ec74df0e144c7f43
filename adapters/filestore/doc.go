// Package filestore holds a document.ScanStore that keeps scans as files
// in a folder of the local file system.
//
// A scan lives at <root>/ab/cd/<hash>, where <hash> is the SHA-256 of its
// content in lower-case hex and ab, cd are its first two pairs of digits,
// so that no folder grows too large. Paths are built only from hashes the
// store computed or checked (document.ValidHash), never from other input.
// A Put streams the content into a temporary file under the root,
// computing the hash and checking the rules of document.Inspector as it
// goes, fsyncs it, and renames it into place, then fsyncs the folder: a
// crash leaves either the whole scan or none of it (and perhaps a stray
// temporary file, which New removes once it is older than StaleTemp).
package filestore
