package gar

import (
	"io"
	"sync/atomic"
)

// CountingReader passes reads through to an io.Reader and counts the
// bytes. N may be called from another goroutine while reads go on.
type CountingReader struct {
	r io.Reader
	n atomic.Int64
}

// NewCountingReader returns a CountingReader reading r.
func NewCountingReader(r io.Reader) *CountingReader { return &CountingReader{r: r} }

// Read reads from the underlying reader and counts what it got.
func (c *CountingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// N returns the number of bytes read so far.
func (c *CountingReader) N() int64 { return c.n.Load() }

// Progress is a snapshot of the progress of reading a set of GAR files.
// Byte counts are of uncompressed file contents, as File.Size is.
type Progress struct {
	// BytesRead is the number of bytes read so far, over all files.
	BytesRead int64
	// BytesTotal is the total size of the files to read.
	BytesTotal int64
	// FilesDone is the number of files read to the end.
	FilesDone int
	// FilesTotal is the number of files to read.
	FilesTotal int
	// Records is the number of records read so far, by kind.
	Records map[Kind]int64
}

// Fraction returns BytesRead/BytesTotal in [0, 1], or 0 when the total is
// unknown.
func (p Progress) Fraction() float64 {
	if p.BytesTotal <= 0 {
		return 0
	}
	f := float64(p.BytesRead) / float64(p.BytesTotal)
	return min(max(f, 0), 1)
}
