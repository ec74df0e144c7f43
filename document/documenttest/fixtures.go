package documenttest

import (
	"bytes"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
)

// SequentialIDs returns an ID function for document.NewRegistry that
// makes the UUIDs 00000000-0000-7000-8000-000000000001, …-000000000002 and
// so on, in call order, so that they also sort in call order. It is safe
// for concurrent use; each call of SequentialIDs starts its own sequence.
func SequentialIDs() func() (uuid.UUID, error) {
	var n atomic.Uint64
	return func() (uuid.UUID, error) { return ID(n.Add(1)), nil }
}

// ID returns the n-th UUID of SequentialIDs.
func ID(n uint64) uuid.UUID {
	var u uuid.UUID
	u[6], u[8] = 0x70, 0x80
	for i := 15; i >= 10; i-- {
		u[i] = byte(n)
		n >>= 8
	}
	return u
}

// Clock returns a clock for document.NewRegistry that starts at start and
// advances by step on every call. It is safe for concurrent use.
func Clock(start time.Time, step time.Duration) func() time.Time {
	var mu sync.Mutex
	t := start
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now := t
		t = t.Add(step)
		return now
	}
}

// PDF returns a small well-formed PDF with the pages, whose text
// mentions note so that different notes give different contents. Its page
// tree has a "/Type /Pages" node, which page counters must not count.
func PDF(pages int, note string) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	kids := ""
	for i := range pages {
		kids += fmt.Sprintf(" %d 0 R", 3+i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s ] /Count %d >>", kids, pages))
	for i := range pages {
		sep := " "
		if i%2 == 1 {
			sep = "" // both spellings: "/Type /Page" and "/Type/Page"
		}
		obj(fmt.Sprintf("<< /Type%s/Page /Parent 2 0 R /MediaBox [0 0 595 842] >>", sep))
	}
	obj(fmt.Sprintf("<< /Title (%s) >>", note))
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// JPEG returns bytes that start as a JPEG file does (SOI and an APP0
// marker) followed by note; enough for sniffing, not for decoding.
func JPEG(note string) []byte {
	return append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"), note+"\xff\xd9"...)
}

// PNG returns bytes that start with the PNG signature followed by note.
func PNG(note string) []byte {
	return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), note...)
}

// TIFF returns bytes that start with a TIFF header, little-endian ("II")
// or big-endian ("MM"), followed by note.
func TIFF(bigEndian bool, note string) []byte {
	if bigEndian {
		return append([]byte("MM\x00*\x00\x00\x00\x08"), note...)
	}
	return append([]byte("II*\x00\x08\x00\x00\x00"), note...)
}
