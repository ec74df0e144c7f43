package document

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"

	"github.com/openzhkh/zhkh/internal/fault"
)

// The media types of the scans the library admits.
const (
	// MediaPDF is the media type of PDF documents.
	MediaPDF = "application/pdf"
	// MediaJPEG is the media type of JPEG images.
	MediaJPEG = "image/jpeg"
	// MediaPNG is the media type of PNG images.
	MediaPNG = "image/png"
	// MediaTIFF is the media type of TIFF images.
	MediaTIFF = "image/tiff"
)

// DefaultScanLimit is the size limit of a scan, in bytes, that adapters
// use when they are given none: 20 MiB.
const DefaultScanLimit int64 = 20 << 20

// Codes of the violations and errors about scans.
const (
	// CodeScanEmpty: the file is empty.
	CodeScanEmpty = "scan.empty"
	// CodeScanTooLarge: the file is larger than the store's limit.
	CodeScanTooLarge = "scan.too_large"
	// CodeScanMediaType: the content is not PDF, JPEG, PNG or TIFF.
	CodeScanMediaType = "scan.media_type"
	// CodeScanHash: the string is not a SHA-256 hash in lower-case hex.
	CodeScanHash = "scan.hash"
	// CodeScanNotFound: no scan has the hash; the error of a ScanStore
	// matches ErrNotFound. Every adapter reports this code.
	CodeScanNotFound = "scan.not_found"
)

// ScanInfo describes a stored scan (электронный образ документа). Documents
// refer to their scans by it.
type ScanInfo struct {
	// Hash is the SHA-256 of the content, 64 lower-case hex digits; it is
	// the key of the scan in a ScanStore.
	Hash string `json:"hash"`
	// Size is the length of the content in bytes.
	Size int64 `json:"size"`
	// MediaType is one of MediaPDF, MediaJPEG, MediaPNG and MediaTIFF, as
	// the content shows, whatever the client claimed.
	MediaType string `json:"mediaType"`
	// Pages is the number of pages: 1 for JPEG and PNG, the approximation
	// of CountPDFPages for PDF, and 0 when unknown (TIFF, and PDFs whose
	// page objects are compressed).
	Pages int `json:"pages,omitempty"`
}

// ScanStore is the storage port of scans. Scans are kept by the SHA-256 of
// their content, so storing the same file twice keeps one copy. Stores
// admit only PDF, JPEG, PNG and TIFF, recognised by their magic bytes, up
// to a size limit; Inspector implements these rules once for every
// adapter.
type ScanStore interface {
	// Put reads the content from r, at most Limit()+1 bytes, and stores it.
	// It returns the scan's info; the same content put again gives the same
	// info and no error. It returns a *ValidationError matching ErrInvalid
	// with the code CodeScanEmpty, CodeScanTooLarge or CodeScanMediaType
	// when the content is refused, the error of r when reading fails, or
	// the context's error; nothing is stored when it fails.
	Put(ctx context.Context, r io.Reader) (ScanInfo, error)
	// Get opens the content of the scan with the hash; the caller closes
	// it. It returns an error matching ErrNotFound (code CodeScanNotFound)
	// when there is no such scan, and one matching ErrInvalid (code
	// CodeScanHash) when hash is not a SHA-256 hash in lower-case hex.
	Get(ctx context.Context, hash string) (io.ReadCloser, error)
	// Stat returns the info of the scan with the hash, with the errors of
	// Get.
	Stat(ctx context.Context, hash string) (ScanInfo, error)
	// Delete removes the scan with the hash, with the errors of Get. A
	// reader opened by Get before may still read the content.
	Delete(ctx context.Context, hash string) error
	// Limit returns the largest size of a scan the store accepts, in bytes.
	Limit() int64
}

// ValidHash reports whether s is a SHA-256 hash in lower-case hex, the
// only form of scan key that stores accept (and the only one that may
// become part of a file path).
func ValidHash(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// CheckHash returns nil when s is a valid scan hash, and otherwise a
// *ValidationError with the code CodeScanHash.
func CheckHash(s string) error {
	if ValidHash(s) {
		return nil
	}
	return fault.Validation(Violation{Field: "hash", Code: CodeScanHash, Message: "Неверный идентификатор электронного образа"})
}

// sniffLen is how many leading bytes SniffMediaType needs at most.
const sniffLen = 8

// SniffMediaType returns the media type of content that starts with head,
// judged only by the magic bytes: "%PDF-" for PDF, FF D8 FF for JPEG, the
// eight-byte PNG signature, and "II*\0" or "MM\0*" for TIFF. It returns
// false for anything else, whatever the file is called or claimed to be.
func SniffMediaType(head []byte) (string, bool) {
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return MediaPDF, true
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return MediaJPEG, true
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return MediaPNG, true
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return MediaTIFF, true
	}
	return "", false
}

// CountPDFPages estimates the number of pages of a PDF by counting its
// page objects, "/Type /Page" (with any white space or none between the
// two names, and not "/Pages", "/PageLabels" and the like), in the first
// max bytes of r. It is an approximation: it counts page objects that are
// no longer used by the page tree (incremental updates), and misses those
// inside compressed object streams (PDF 1.5+), for which it gives 0,
// meaning unknown. It never reads more than max bytes and never panics.
func CountPDFPages(r io.Reader, max int64) int {
	var pc pageCounter
	_, _ = io.Copy(&pc, io.LimitReader(r, max))
	return pc.n
}

var (
	pdfTypeName = []byte("/Type")
	pdfPageName = []byte("/Page")
)

// pageCounter counts "/Type /Page" objects in bytes written to it in any
// chunks; it keeps a few bytes of state and no buffer.
type pageCounter struct {
	n     int
	state int // 1..4: matched pdfTypeName[:state]; 5: after /Type; 6..9: matched pdfPageName[:state-5]; 10: after /Page
}

func (pc *pageCounter) Write(p []byte) (int, error) {
	for _, c := range p {
		pc.step(c)
	}
	return len(p), nil
}

func (pc *pageCounter) step(c byte) {
	for {
		switch s := pc.state; {
		case s <= 0: // looking for "/"
			pc.state = 0
			if c == '/' {
				pc.state = 1
			}
			return
		case s <= 4: // inside "/Type"
			if c == pdfTypeName[s] {
				pc.state = s + 1
				return
			}
		case s == 5: // after "/Type"
			if isPDFSpace(c) {
				return
			}
			if c == '/' {
				pc.state = 6
				return
			}
		case s <= 9: // inside "/Page"
			if c == pdfPageName[s-5] {
				pc.state = s + 1
				return
			}
			if s == 6 { // only "/" is matched: it may start "/Type"
				pc.state = 1
				continue
			}
		default: // after "/Page": a delimiter ends the name
			if isPDFSpace(c) || isPDFDelim(c) {
				pc.n++
			}
		}
		// No match here: look at c again from the start.
		pc.state = 0
	}
}

func isPDFSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// Inspector learns the ScanInfo of a scan from its content as it is
// written to it, and enforces the rules of the ScanStore port: not empty,
// no larger than the limit, and PDF, JPEG, PNG or TIFF by the magic bytes.
// Adapters copy the content through it (io.MultiWriter) while they store
// it; it keeps only a hash state and a few bytes. Its Write fails, so that
// the copy stops early, as soon as the content breaks a rule.
type Inspector struct {
	limit int64
	n     int64
	sum   hash.Hash
	head  []byte
	media string
	pages pageCounter
	err   error
}

// NewInspector returns an inspector for scans of at most limit bytes; a
// limit of zero or less means DefaultScanLimit.
func NewInspector(limit int64) *Inspector {
	if limit <= 0 {
		limit = DefaultScanLimit
	}
	return &Inspector{limit: limit, sum: sha256.New(), head: make([]byte, 0, sniffLen)}
}

// Write takes the next bytes of the content. It returns the violation of
// the first rule the content breaks, and then that same error again.
func (in *Inspector) Write(p []byte) (int, error) {
	if in.err != nil {
		return 0, in.err
	}
	if in.n+int64(len(p)) > in.limit {
		in.err = TooLargeError(in.limit)
		return 0, in.err
	}
	in.n += int64(len(p))
	in.sum.Write(p)
	if len(in.head) < sniffLen {
		in.head = append(in.head, p[:min(len(p), sniffLen-len(in.head))]...)
		if len(in.head) == sniffLen {
			if err := in.sniff(); err != nil {
				return 0, err
			}
		}
	}
	if in.media == MediaPDF || len(in.head) < sniffLen {
		_, _ = in.pages.Write(p)
	}
	return len(p), nil
}

func (in *Inspector) sniff() error {
	media, ok := SniffMediaType(in.head)
	if !ok {
		in.err = fault.Validation(Violation{Field: "scan", Code: CodeScanMediaType,
			Message: "Недопустимый формат файла: электронный образ документа принимается только в формате PDF, JPEG, PNG или TIFF"})
		return in.err
	}
	in.media = media
	return nil
}

// Info returns the info of the content written so far, or the violation
// it breaks: it is empty, too large, or of a media type not admitted.
func (in *Inspector) Info() (ScanInfo, error) {
	if in.err != nil {
		return ScanInfo{}, in.err
	}
	if in.n == 0 {
		return ScanInfo{}, fault.Validation(Violation{Field: "scan", Code: CodeScanEmpty, Message: "Файл электронного образа пуст"})
	}
	if in.media == "" {
		if err := in.sniff(); err != nil {
			return ScanInfo{}, err
		}
	}
	info := ScanInfo{Hash: hex.EncodeToString(in.sum.Sum(nil)), Size: in.n, MediaType: in.media}
	switch in.media {
	case MediaPDF:
		info.Pages = in.pages.n
	case MediaJPEG, MediaPNG:
		info.Pages = 1
	}
	return info, nil
}

// TooLargeError returns the violation of a scan larger than limit bytes,
// with the code CodeScanTooLarge.
func TooLargeError(limit int64) error {
	return fault.Validation(Violation{Field: "scan", Code: CodeScanTooLarge,
		Message: fmt.Sprintf("Файл электронного образа больше допустимого размера %s", scanSizeText(limit))})
}

func scanSizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d МБ", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d КБ", n>>10)
	}
	return fmt.Sprintf("%d байт", n)
}

// ReadScan reads a scan from r, at most limit+1 bytes (a limit of zero or
// less means DefaultScanLimit), and returns its content and info, or the
// violation it breaks, the error of r, or the context's error, which is
// checked between reads. It is what an in-memory store does in Put.
func ReadScan(ctx context.Context, r io.Reader, limit int64) ([]byte, ScanInfo, error) {
	in := NewInspector(limit)
	var buf bytes.Buffer
	if _, err := io.Copy(io.MultiWriter(in, &buf), io.LimitReader(ContextReader(ctx, r), in.limit+1)); err != nil {
		return nil, ScanInfo{}, err
	}
	info, err := in.Info()
	if err != nil {
		return nil, ScanInfo{}, err
	}
	return buf.Bytes(), info, nil
}

// ContextReader returns a reader of r that fails with the context's error
// once ctx is done, so that a long copy stops between reads.
func ContextReader(ctx context.Context, r io.Reader) io.Reader {
	return ctxReader{ctx: ctx, r: r}
}

type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
