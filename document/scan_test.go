package document_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/document/documenttest"
)

func TestSniffMediaType(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		head string
		want string
	}{
		{"PDF", "%PDF-1.7\n", document.MediaPDF},
		{"JPEG", "\xff\xd8\xff\xe1Exif", document.MediaJPEG},
		{"PNG", "\x89PNG\r\n\x1a\n\x00", document.MediaPNG},
		{"TIFFII", "II*\x00\x08\x00\x00\x00", document.MediaTIFF},
		{"TIFFMM", "MM\x00*\x00\x00\x00\x08", document.MediaTIFF},
		{"Empty", "", ""},
		{"PDFLower", "%pdf-1.7", ""},
		{"PDFNoDash", "%PDF1.7", ""},
		{"PDFLate", "\n%PDF-1.7", ""},
		{"JPEGShort", "\xff\xd8", ""},
		{"PNGBroken", "\x89PNG\r\n\x1a", ""},
		{"BigTIFF", "II+\x00", ""},
		{"GIF", "GIF89a", ""},
		{"HTML", "<html>", ""},
		{"BOMPDF", "\xef\xbb\xbf%PDF-1.4", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := document.SniffMediaType([]byte(tc.head))
			require.Equal(t, tc.want, got)
			require.Equal(t, tc.want != "", ok)
		})
	}
}

func TestCountPDFPages(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		pdf  string
		max  int64
		want int
	}{
		{"Generated", string(documenttest.PDF(5, "x")), 1 << 20, 5},
		{"Spaces", "<< /Type /Page >> << /Type\r\n/Page/Parent 2 0 R >> << /Type\t /Page>>", 1 << 20, 3},
		{"NotPages", "<< /Type /Pages /Count 2 >> << /Type /PageLabels >> << /Type /Pagex >>", 1 << 20, 0},
		{"Mixed", "/Type /Pages /Type /Page[", 1 << 20, 1},
		{"Slashes", "//Type//Page /Type /Type /Page\n", 1 << 20, 1},
		{"Delimiters", "/Type/Page(/Type/Page</Type/Page%/Type/Page/", 1 << 20, 4},
		{"AtEnd", "/Type /Page", 1 << 20, 0},
		{"Bounded", "/Type /Page " + strings.Repeat(" ", 100) + "/Type /Page ", 50, 1},
		{"Zero", "/Type /Page ", 0, 0},
		{"Garbage", "\x00\xff/Typ/Type /Pag /Page", 1 << 20, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tc.want, document.CountPDFPages(strings.NewReader(tc.pdf), tc.max))
			// The same, read one byte at a time: matches across reads.
			require.Equal(t, tc.want, document.CountPDFPages(iotest.OneByteReader(strings.NewReader(tc.pdf)), tc.max))
		})
	}
}

func TestCountPDFPagesReadsAtMostMax(t *testing.T) {
	t.Parallel()
	r := strings.NewReader(strings.Repeat("/Type /Page ", 1000))
	document.CountPDFPages(r, 120)
	assert.Equal(t, int64(12000-120), int64(r.Len()))
}

func TestValidHash(t *testing.T) {
	t.Parallel()
	good := strings.Repeat("0123456789abcdef", 4)
	assert.True(t, document.ValidHash(good))
	for _, bad := range []string{"", good[:63], good + "0", strings.ToUpper(good), "../" + good[3:], good[:63] + "g"} {
		assert.False(t, document.ValidHash(bad), "%q", bad)
		assert.True(t, document.HasCode(document.CheckHash(bad), document.CodeScanHash))
	}
	assert.NoError(t, document.CheckHash(good))
}

func TestInspector(t *testing.T) {
	t.Parallel()
	pdf := documenttest.PDF(2, "inspect")
	h := sha256.Sum256(pdf)
	for _, chunk := range []int{1, 3, 8, 100, len(pdf)} {
		in := document.NewInspector(int64(len(pdf)))
		for b := pdf; len(b) > 0; {
			n := min(chunk, len(b))
			_, err := in.Write(b[:n])
			require.NoError(t, err)
			b = b[n:]
		}
		info, err := in.Info()
		require.NoError(t, err)
		require.Equal(t, document.ScanInfo{Hash: hex.EncodeToString(h[:]), Size: int64(len(pdf)), MediaType: document.MediaPDF, Pages: 2}, info, "chunks of %d", chunk)
	}

	in := document.NewInspector(int64(len(pdf)) - 1)
	_, err := in.Write(pdf)
	require.True(t, document.HasCode(err, document.CodeScanTooLarge))
	_, err = in.Info()
	require.True(t, document.HasCode(err, document.CodeScanTooLarge), "Info repeats the error")

	in = document.NewInspector(0)
	_, err = in.Write([]byte("<html><body>"))
	require.True(t, document.HasCode(err, document.CodeScanMediaType), "refused as soon as the head is known")
	_, err = in.Write([]byte("%PDF-"))
	require.True(t, document.HasCode(err, document.CodeScanMediaType), "and stays refused")

	in = document.NewInspector(0)
	_, err = in.Write([]byte("\xff\xd8\xff"))
	require.NoError(t, err)
	info, err := in.Info()
	require.NoError(t, err)
	require.Equal(t, document.MediaJPEG, info.MediaType, "a content shorter than the longest magic")

	_, err = document.NewInspector(0).Info()
	require.True(t, document.HasCode(err, document.CodeScanEmpty))
}

func TestTooLargeMessage(t *testing.T) {
	t.Parallel()
	for limit, want := range map[int64]string{
		20 << 20: "20 МБ",
		64 << 10: "64 КБ",
		1000:     "1000 байт",
	} {
		err := document.TooLargeError(limit)
		assert.Contains(t, err.Error(), want)
		assert.ErrorIs(t, err, document.ErrInvalid)
	}
}

func TestReadScan(t *testing.T) {
	t.Parallel()
	png := documenttest.PNG("read")
	data, info, err := document.ReadScan(t.Context(), iotest.HalfReader(bytes.NewReader(png)), 1<<10)
	require.NoError(t, err)
	require.Equal(t, png, data)
	require.Equal(t, document.MediaPNG, info.MediaType)
	require.Equal(t, 1, info.Pages)

	_, _, err = document.ReadScan(t.Context(), bytes.NewReader(png), int64(len(png)-1))
	require.True(t, document.HasCode(err, document.CodeScanTooLarge))

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, _, err = document.ReadScan(ctx, bytes.NewReader(png), 0)
	require.ErrorIs(t, err, context.Canceled)

	_, _, err = document.ReadScan(t.Context(), iotest.ErrReader(iotest.ErrTimeout), 0)
	require.ErrorIs(t, err, iotest.ErrTimeout)
}

func TestScanInfoJSON(t *testing.T) {
	t.Parallel()
	info := document.ScanInfo{Hash: scanH, Size: 10, MediaType: document.MediaTIFF}
	b, err := json.Marshal(info)
	require.NoError(t, err)
	require.JSONEq(t, `{"hash":"`+scanH+`","size":10,"mediaType":"image/tiff"}`, string(b))
}
