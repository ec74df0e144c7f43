package memory

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sync"

	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/internal/fault"
)

// ScanStore is an in-memory document.ScanStore. Contents are kept as
// immutable byte slices, so readers returned by Get stay valid after a
// Delete.
type ScanStore struct {
	limit int64

	mu    sync.RWMutex
	scans map[string]memScan
}

type memScan struct {
	data []byte
	info document.ScanInfo
}

var _ document.ScanStore = (*ScanStore)(nil)

// NewScanStore returns an empty store of scans of at most limit bytes; a
// limit of zero or less means document.DefaultScanLimit.
func NewScanStore(limit int64) *ScanStore {
	if limit <= 0 {
		limit = document.DefaultScanLimit
	}
	return &ScanStore{limit: limit, scans: map[string]memScan{}}
}

// Limit returns the largest size of a scan the store accepts.
func (s *ScanStore) Limit() int64 { return s.limit }

// Put reads and stores a scan; the same content is kept once.
func (s *ScanStore) Put(ctx context.Context, r io.Reader) (document.ScanInfo, error) {
	if err := ctx.Err(); err != nil {
		return document.ScanInfo{}, err
	}
	data, info, err := document.ReadScan(ctx, r, s.limit)
	if err != nil {
		return document.ScanInfo{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.scans[info.Hash]; ok {
		return old.info, nil
	}
	s.scans[info.Hash] = memScan{data: data, info: info}
	return info, nil
}

func (s *ScanStore) lookup(ctx context.Context, hash string) (memScan, error) {
	if err := ctx.Err(); err != nil {
		return memScan{}, err
	}
	if err := document.CheckHash(hash); err != nil {
		return memScan{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	sc, ok := s.scans[hash]
	if !ok {
		return memScan{}, scanNotFound(hash)
	}
	return sc, nil
}

// Get opens the content of the scan with the hash.
func (s *ScanStore) Get(ctx context.Context, hash string) (io.ReadCloser, error) {
	sc, err := s.lookup(ctx, hash)
	if err != nil {
		return nil, err
	}
	return io.NopCloser(bytes.NewReader(sc.data)), nil
}

// Stat returns the info of the scan with the hash.
func (s *ScanStore) Stat(ctx context.Context, hash string) (document.ScanInfo, error) {
	sc, err := s.lookup(ctx, hash)
	return sc.info, err
}

// Delete removes the scan with the hash.
func (s *ScanStore) Delete(ctx context.Context, hash string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := document.CheckHash(hash); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.scans[hash]; !ok {
		return scanNotFound(hash)
	}
	delete(s.scans, hash)
	return nil
}

// scanNotFound is the error of a hash no scan has.
func scanNotFound(hash string) error {
	return &fault.Error{Kind: fault.NotFound, Code: document.CodeScanNotFound,
		Message: "Электронный образ документа не найден", Err: errors.New("scan " + hash)}
}
