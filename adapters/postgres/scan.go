package postgres

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/internal/fault"
)

// ScanStore is a document.ScanStore over PostgreSQL: the table
// document_scans (migration 00020_document.sql) keeps each scan once, by
// the SHA-256 of its content, as bytea next to its info. Put reads at
// most Limit()+1 bytes and refuses what document.Inspector refuses (empty,
// too large, not PDF, JPEG, PNG or TIFF) before it writes anything. It is
// safe for concurrent use.
type ScanStore struct {
	pool  *pgxpool.Pool
	limit int64
}

var _ document.ScanStore = (*ScanStore)(nil)

// scanWhat names scans in the messages of translated errors.
const scanWhat = "электронный образ документа"

// NewScanStore returns a store of scans of at most limit bytes over the
// pool, whose database must be migrated (see Migrate); a limit of zero or
// less means document.DefaultScanLimit. A scan is held in memory whole
// while it is put and read, so the limit also bounds the memory of a call.
func NewScanStore(pool *pgxpool.Pool, limit int64) *ScanStore {
	if limit <= 0 {
		limit = document.DefaultScanLimit
	}
	return &ScanStore{pool: pool, limit: limit}
}

// Limit returns the largest size of a scan the store accepts, in bytes.
func (s *ScanStore) Limit() int64 { return s.limit }

// Put reads the content from r, at most Limit()+1 bytes, checks it, and
// stores it unless the same content is stored already.
func (s *ScanStore) Put(ctx context.Context, r io.Reader) (document.ScanInfo, error) {
	if err := ctx.Err(); err != nil {
		return document.ScanInfo{}, err
	}
	data, info, err := document.ReadScan(ctx, r, s.limit)
	if err != nil {
		return document.ScanInfo{}, err
	}
	_, err = s.pool.Exec(ctx, `INSERT INTO document_scans (hash, size, media_type, pages, content)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hash) DO NOTHING`,
		info.Hash, info.Size, info.MediaType, info.Pages, data)
	if err != nil {
		return document.ScanInfo{}, translate(err, scanWhat)
	}
	return info, nil
}

// Get opens the content of the scan with the hash. The content is read
// whole, so the reader stays valid after a Delete.
func (s *ScanStore) Get(ctx context.Context, hash string) (io.ReadCloser, error) {
	if err := s.check(ctx, hash); err != nil {
		return nil, err
	}
	var data []byte
	err := s.pool.QueryRow(ctx, `SELECT content FROM document_scans WHERE hash = $1`, hash).Scan(&data)
	if err != nil {
		return nil, scanError(err, hash)
	}
	return io.NopCloser(bytes.NewReader(data)), nil
}

// Stat returns the info of the scan with the hash, without reading the
// content.
func (s *ScanStore) Stat(ctx context.Context, hash string) (document.ScanInfo, error) {
	if err := s.check(ctx, hash); err != nil {
		return document.ScanInfo{}, err
	}
	info := document.ScanInfo{Hash: hash}
	err := s.pool.QueryRow(ctx, `SELECT size, media_type, pages FROM document_scans WHERE hash = $1`, hash).
		Scan(&info.Size, &info.MediaType, &info.Pages)
	if err != nil {
		return document.ScanInfo{}, scanError(err, hash)
	}
	return info, nil
}

// Delete removes the scan with the hash.
func (s *ScanStore) Delete(ctx context.Context, hash string) error {
	if err := s.check(ctx, hash); err != nil {
		return err
	}
	tag, err := s.pool.Exec(ctx, `DELETE FROM document_scans WHERE hash = $1`, hash)
	if err != nil {
		return translate(err, scanWhat)
	}
	if tag.RowsAffected() == 0 {
		return scanNotFound(hash)
	}
	return nil
}

// check returns the context's error, or the violation of a malformed hash.
func (s *ScanStore) check(ctx context.Context, hash string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return document.CheckHash(hash)
}

// scanError translates an error of reading the scan with the hash.
func scanError(err error, hash string) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return scanNotFound(hash)
	}
	return translate(err, scanWhat)
}

// scanNotFound is the error of a hash no scan has.
func scanNotFound(hash string) error {
	return &fault.Error{Kind: fault.NotFound, Code: document.CodeScanNotFound,
		Message: "Электронный образ документа не найден", Err: fmt.Errorf("scan %s", hash)}
}
