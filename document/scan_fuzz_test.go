package document_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/document/documenttest"
)

var magics = [][]byte{
	[]byte("%PDF-"),
	{0xFF, 0xD8, 0xFF},
	[]byte("\x89PNG\r\n\x1a\n"),
	[]byte("II*\x00"),
	[]byte("MM\x00*"),
}

// FuzzSniffMediaType checks that the sniffer never panics, admits only
// inputs that start with a known magic, admits every input that does, and
// that the Inspector agrees with it however the input is split.
func FuzzSniffMediaType(f *testing.F) {
	f.Add([]byte("%PDF-1.4"), 3)
	f.Add([]byte("\xff\xd8\xff\xe0"), 1)
	f.Add([]byte("\x89PNG\r\n\x1a\n"), 4)
	f.Add([]byte("II*\x00"), 2)
	f.Add([]byte("MM\x00*\x00"), 9)
	f.Add([]byte("<html>"), 2)
	f.Add([]byte{}, 0)
	f.Fuzz(func(t *testing.T, b []byte, split int) {
		media, ok := document.SniffMediaType(b)
		starts := false
		for _, m := range magics {
			starts = starts || bytes.HasPrefix(b, m)
		}
		if ok != starts || ok != (media != "") {
			t.Fatalf("SniffMediaType(%q) = %q, %v; starts with a magic: %v", b, media, ok, starts)
		}
		in := document.NewInspector(1 << 20)
		if split < 0 {
			split = -split
		}
		if len(b) > 0 {
			split %= len(b) + 1
		} else {
			split = 0
		}
		_, err1 := in.Write(b[:split])
		_, err2 := in.Write(b[split:])
		info, err := in.Info()
		switch {
		case len(b) == 0:
			if !document.HasCode(err, document.CodeScanEmpty) {
				t.Fatalf("empty input: %v", err)
			}
		case ok:
			if err1 != nil || err2 != nil || err != nil || info.MediaType != media || info.Size != int64(len(b)) {
				t.Fatalf("admitted input %q: %v %v %v %+v", b, err1, err2, err, info)
			}
		default:
			if !document.HasCode(err, document.CodeScanMediaType) {
				t.Fatalf("refused input %q: %v", b, err)
			}
		}
	})
}

// FuzzCountPDFPages checks that the page counter never panics, reads at
// most its bound, finds no more pages than "/Page" occurrences, and gives
// the same count whole or byte by byte.
func FuzzCountPDFPages(f *testing.F) {
	f.Add(documenttest.PDF(3, "seed"), int64(1<<20))
	f.Add([]byte("/Type /Page /Type/Page"), int64(12))
	f.Add([]byte("/Type /Pages"), int64(100))
	f.Add([]byte("/Type\x00/Page\x00"), int64(100))
	f.Add([]byte{}, int64(0))
	f.Fuzz(func(t *testing.T, b []byte, max int64) {
		r := bytes.NewReader(b)
		n := document.CountPDFPages(r, max)
		read := int64(len(b)) - int64(r.Len())
		if read > max && !(max < 0 && read == 0) {
			t.Fatalf("read %d bytes with a bound of %d", read, max)
		}
		if n < 0 || n > strings.Count(string(b), "/Page") {
			t.Fatalf("%d pages in %q", n, b)
		}
		var one int
		if max > 0 {
			one = document.CountPDFPages(&oneByte{b: b}, max)
		}
		if max > 0 && one != n {
			t.Fatalf("whole: %d pages, byte by byte: %d", n, one)
		}
	})
}

type oneByte struct{ b []byte }

func (r *oneByte) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.b[0]
	r.b = r.b[1:]
	return 1, nil
}
