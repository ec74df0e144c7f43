package documenttest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/internal/conformance"
)

// RunScanStore runs the conformance suite of the document.ScanStore port.
// An adapter runs it from its own tests:
//
//	func TestScanStore(t *testing.T) {
//		documenttest.RunScanStore(t, func(t *testing.T) document.ScanStore {
//			return myadapter.New(t.TempDir(), 1<<16)
//		})
//	}
//
// Every subtest calls newStore for a fresh, empty store of its own and runs
// in parallel with the others. The suite writes contents of up to
// Limit()+1 bytes, generated as they are read, so a small limit (64 KiB)
// keeps it fast. It checks that Put admits PDF, JPEG, PNG and TIFF by
// their magic bytes and nothing else, reads at most Limit()+1 bytes,
// keeps the same content once, stores nothing when it fails; that Get,
// Stat and Delete find scans by hash, refuse malformed hashes and report
// missing scans (document.CodeScanNotFound); and concurrent Puts, Gets and Deletes of the same and of
// different contents. Run it with -race.
func RunScanStore(t *testing.T, newStore func(t *testing.T) document.ScanStore) {
	conformance.Run(t, func(t *testing.T) document.ScanStore {
		s := newStore(t)
		if s != nil {
			require.Positive(t, s.Limit(), "Limit")
		}
		return s
	}, []conformance.Case[document.ScanStore]{
		{Name: "PutAndGet", Run: scanPutAndGet},
		{Name: "Idempotent", Run: scanIdempotent},
		{Name: "MediaType", Run: scanMediaType},
		{Name: "Limit", Run: scanLimit},
		{Name: "ReaderFails", Run: scanReaderFails},
		{Name: "Delete", Run: scanDelete},
		{Name: "BadHash", Run: scanBadHash},
		{Name: "Canceled", Run: scanCanceled},
		{Name: "Concurrent", Run: scanConcurrent},
	})
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// read returns the content of the scan with the hash.
func read(t *testing.T, s document.ScanStore, hash string) []byte {
	t.Helper()
	rc, err := s.Get(t.Context(), hash)
	require.NoError(t, err, "Get %s", hash)
	b, err := io.ReadAll(rc)
	require.NoError(t, err)
	require.NoError(t, rc.Close())
	return b
}

func stat(t *testing.T, s document.ScanStore, hash string) document.ScanInfo {
	t.Helper()
	info, err := s.Stat(t.Context(), hash)
	require.NoError(t, err, "Stat %s", hash)
	return info
}

func missing(t *testing.T, s document.ScanStore, hash, msg string) {
	t.Helper()
	_, err := s.Stat(t.Context(), hash)
	require.ErrorIs(t, err, document.ErrNotFound, "Stat: %s", msg)
	require.True(t, document.HasCode(err, document.CodeScanNotFound), "Stat: code of %v", err)
	_, err = s.Get(t.Context(), hash)
	require.ErrorIs(t, err, document.ErrNotFound, "Get: %s", msg)
	require.True(t, document.HasCode(err, document.CodeScanNotFound), "Get: code of %v", err)
}

func scanPutAndGet(t *testing.T, s document.ScanStore) {
	for _, tc := range []struct {
		name  string
		data  []byte
		media string
		pages int
	}{
		{"PDF", PDF(3, "a"), document.MediaPDF, 3},
		{"PDFOnePage", PDF(1, "b"), document.MediaPDF, 1},
		{"JPEG", JPEG("c"), document.MediaJPEG, 1},
		{"PNG", PNG("d"), document.MediaPNG, 1},
		{"TIFFLittleEndian", TIFF(false, "e"), document.MediaTIFF, 0},
		{"TIFFBigEndian", TIFF(true, "f"), document.MediaTIFF, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, err := s.Put(t.Context(), bytes.NewReader(tc.data))
			require.NoError(t, err)
			want := document.ScanInfo{Hash: sum(tc.data), Size: int64(len(tc.data)), MediaType: tc.media, Pages: tc.pages}
			require.Equal(t, want, info)
			require.Equal(t, want, stat(t, s, info.Hash))
			require.Equal(t, tc.data, read(t, s, info.Hash))
		})
	}
}

func scanIdempotent(t *testing.T, s document.ScanStore) {
	data := PDF(2, "same")
	first, err := s.Put(t.Context(), bytes.NewReader(data))
	require.NoError(t, err)
	for range 3 {
		again, err := s.Put(t.Context(), iotestHalf(data))
		require.NoError(t, err, "putting the same content again")
		require.Equal(t, first, again)
	}
	require.Equal(t, data, read(t, s, first.Hash))
	require.NoError(t, s.Delete(t.Context(), first.Hash))
	missing(t, s, first.Hash, "one Delete removes the content however often it was put")
}

// iotestHalf returns a reader of data that returns at most 7 bytes per
// Read, to exercise stores that read in chunks.
func iotestHalf(data []byte) io.Reader { return &smallReader{data: data} }

type smallReader struct{ data []byte }

func (r *smallReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 7)], r.data)
	r.data = r.data[n:]
	return n, nil
}

func scanMediaType(t *testing.T, s document.ScanStore) {
	for _, tc := range []struct {
		name string
		data []byte
		code string
	}{
		{"Empty", nil, document.CodeScanEmpty},
		{"Text", []byte("Паспорт гражданина РФ, серия 65 04"), document.CodeScanMediaType},
		{"HTML", []byte("<!DOCTYPE html><html><body>%PDF-1.4</body></html>"), document.CodeScanMediaType},
		{"PDFNotAtStart", append([]byte(" "), PDF(1, "x")...), document.CodeScanMediaType},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00"), document.CodeScanMediaType},
		{"ZIP", []byte("PK\x03\x04\x14\x00\x00\x00"), document.CodeScanMediaType},
		{"ShortPDFPrefix", []byte("%PD"), document.CodeScanMediaType},
		{"BrokenPNG", []byte("\x89PNG\r\n\x1a\x00rest"), document.CodeScanMediaType},
		{"BrokenTIFF", []byte("II*\x01rest"), document.CodeScanMediaType},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Put(t.Context(), bytes.NewReader(tc.data))
			require.ErrorIs(t, err, document.ErrInvalid)
			require.True(t, document.HasCode(err, tc.code), "code %s in %v", tc.code, err)
			var ve *document.ValidationError
			require.ErrorAs(t, err, &ve)
			for _, v := range ve.Violations {
				require.NotEmpty(t, v.Message)
			}
			missing(t, s, sum(tc.data), "a refused content is stored")
		})
	}
}

// genReader yields head followed by filler bytes up to size bytes in all,
// without holding them, and counts what was read.
type genReader struct {
	head []byte
	size int64
	read int64
}

func (g *genReader) Read(p []byte) (int, error) {
	if g.read >= g.size {
		return 0, io.EOF
	}
	n := int(min(int64(len(p)), g.size-g.read))
	for i := range n {
		pos := g.read + int64(i)
		if pos < int64(len(g.head)) {
			p[i] = g.head[pos]
		} else {
			p[i] = byte('a' + pos%26)
		}
	}
	g.read += int64(n)
	return n, nil
}

func (g *genReader) bytes() []byte {
	b, _ := io.ReadAll(&genReader{head: g.head, size: g.size})
	return b
}

func scanLimit(t *testing.T, s document.ScanStore) {
	limit := s.Limit()
	head := []byte("%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n")

	exact := &genReader{head: head, size: limit}
	info, err := s.Put(t.Context(), exact)
	require.NoError(t, err, "a scan of exactly Limit bytes")
	require.Equal(t, limit, info.Size)
	require.Equal(t, 1, info.Pages)
	require.Equal(t, sum(exact.bytes()), info.Hash)

	over := &genReader{head: head, size: limit + 1}
	_, err = s.Put(t.Context(), over)
	require.ErrorIs(t, err, document.ErrInvalid)
	require.True(t, document.HasCode(err, document.CodeScanTooLarge), "code of %v", err)
	missing(t, s, sum(over.bytes()), "a scan over the limit is stored")

	huge := &genReader{head: head, size: 4*limit + 1<<20}
	_, err = s.Put(t.Context(), huge)
	require.True(t, document.HasCode(err, document.CodeScanTooLarge), "code of %v", err)
	require.LessOrEqual(t, huge.read, limit+1, "Put read more than Limit()+1 bytes")
}

var errRead = errors.New("documenttest: the reader failed on purpose")

type failingReader struct {
	data []byte
	sent bool
}

func (r *failingReader) Read(p []byte) (int, error) {
	if !r.sent {
		r.sent = true
		return copy(p, r.data), nil
	}
	return 0, errRead
}

func scanReaderFails(t *testing.T, s document.ScanStore) {
	data := PDF(1, "half")
	_, err := s.Put(t.Context(), &failingReader{data: data})
	require.ErrorIs(t, err, errRead)
	missing(t, s, sum(data), "a scan whose reader failed is stored")
}

func scanDelete(t *testing.T, s document.ScanStore) {
	a, err := s.Put(t.Context(), bytes.NewReader(PNG("a")))
	require.NoError(t, err)
	b, err := s.Put(t.Context(), bytes.NewReader(PNG("b")))
	require.NoError(t, err)
	rc, err := s.Get(t.Context(), a.Hash)
	require.NoError(t, err)
	require.NoError(t, s.Delete(t.Context(), a.Hash))
	missing(t, s, a.Hash, "after Delete")
	err = s.Delete(t.Context(), a.Hash)
	require.ErrorIs(t, err, document.ErrNotFound, "deleting twice")
	require.True(t, document.HasCode(err, document.CodeScanNotFound), "code of %v", err)
	err = s.Delete(t.Context(), sum([]byte("never stored")))
	require.ErrorIs(t, err, document.ErrNotFound)
	require.True(t, document.HasCode(err, document.CodeScanNotFound), "code of %v", err)
	got, err := io.ReadAll(rc)
	require.NoError(t, err, "a reader opened before Delete still reads")
	require.Equal(t, PNG("a"), got)
	require.NoError(t, rc.Close())
	require.Equal(t, PNG("b"), read(t, s, b.Hash), "Delete removed another scan")

	again, err := s.Put(t.Context(), bytes.NewReader(PNG("a")))
	require.NoError(t, err, "putting a deleted content again")
	require.Equal(t, a, again)
	require.Equal(t, PNG("a"), read(t, s, a.Hash))
}

func scanBadHash(t *testing.T, s document.ScanStore) {
	good, err := s.Put(t.Context(), bytes.NewReader(JPEG("x")))
	require.NoError(t, err)
	for _, h := range []string{
		"",
		"../../../../etc/passwd",
		strings.ToUpper(good.Hash),
		good.Hash[:63],
		good.Hash + "0",
		good.Hash[:2] + "/" + good.Hash[3:],
		"..",
		strings.Repeat("g", 64),
		good.Hash[:62] + "\x00a",
	} {
		t.Run(fmt.Sprintf("%q", h), func(t *testing.T) {
			_, err := s.Get(t.Context(), h)
			require.ErrorIs(t, err, document.ErrInvalid, "Get")
			require.True(t, document.HasCode(err, document.CodeScanHash))
			_, err = s.Stat(t.Context(), h)
			require.ErrorIs(t, err, document.ErrInvalid, "Stat")
			require.ErrorIs(t, s.Delete(t.Context(), h), document.ErrInvalid, "Delete")
		})
	}
	require.Equal(t, JPEG("x"), read(t, s, good.Hash))
}

func scanCanceled(t *testing.T, s document.ScanStore) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	data := PDF(1, "canceled")
	_, err := s.Put(ctx, bytes.NewReader(data))
	require.ErrorIs(t, err, context.Canceled)
	missing(t, s, sum(data), "a Put with a canceled context stored the scan")
	_, err = s.Get(ctx, sum(data))
	require.ErrorIs(t, err, context.Canceled)
}

func scanConcurrent(t *testing.T, s document.ScanStore) {
	const contents, workers = 6, 6
	data := make([][]byte, contents)
	for i := range data {
		switch i % 3 {
		case 0:
			data[i] = PDF(1+i, fmt.Sprint(i))
		case 1:
			data[i] = JPEG(strings.Repeat(fmt.Sprint(i), 4000))
		default:
			data[i] = TIFF(i%2 == 0, fmt.Sprint(i))
		}
	}
	var wg sync.WaitGroup
	for w := range workers {
		for i, d := range data {
			wg.Go(func() {
				info, err := s.Put(t.Context(), iotestHalf(d))
				if !assert.NoError(t, err) {
					return
				}
				assert.Equal(t, sum(d), info.Hash)
				for range 3 {
					rc, err := s.Get(t.Context(), info.Hash)
					if !assert.NoError(t, err) {
						return
					}
					got, err := io.ReadAll(rc)
					assert.NoError(t, err)
					assert.NoError(t, rc.Close())
					assert.Equal(t, d, got, "worker %d read a torn or wrong scan %d", w, i)
				}
			})
		}
	}
	// A content put and deleted over and over next to the others.
	churn := PNG("churn")
	wg.Go(func() {
		for range 20 {
			info, err := s.Put(t.Context(), bytes.NewReader(churn))
			if !assert.NoError(t, err) {
				return
			}
			if err := s.Delete(t.Context(), info.Hash); err != nil {
				assert.ErrorIs(t, err, document.ErrNotFound)
				assert.True(t, document.HasCode(err, document.CodeScanNotFound), "code of %v", err)
			}
		}
	})
	wg.Wait()
	for _, d := range data {
		require.Equal(t, d, read(t, s, sum(d)))
	}
}
