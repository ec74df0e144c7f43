package application

import (
	"encoding/base64"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/internal/fault"
)

// IncomingBounds are the checked bounds of one page of Repository.Incoming.
type IncomingBounds struct {
	// Limit is the page size: the query's Limit, or DefaultIncomingLimit
	// for a zero one.
	Limit int
	// HasCursor is true when the page starts after a cursor.
	HasCursor bool
	// After and AfterID are the position the cursor names: the page
	// starts after the application sent at After with the ID AfterID, in
	// the order (time sent, ID).
	After   time.Time
	AfterID uuid.UUID
}

// Bounds checks q as every Repository.Incoming must and returns the bounds
// of its page. It returns a *ValidationError matching ErrInvalid with a
// violation for a negative Limit or one above MaxIncomingLimit
// (CodeIncomingLimit), an unknown state (CodeIncomingState), or a cursor
// that IncomingCursor did not make (CodeIncomingCursor).
func (q IncomingQuery) Bounds() (IncomingBounds, error) {
	var vs []Violation
	b := IncomingBounds{Limit: q.Limit}
	switch {
	case q.Limit == 0:
		b.Limit = DefaultIncomingLimit
	case q.Limit < 0 || q.Limit > MaxIncomingLimit:
		vs = append(vs, Violation{Field: "limit", Code: CodeIncomingLimit,
			Message: "Размер страницы должен быть от 1 до 1000"})
	}
	for _, st := range q.States {
		if !st.Valid() {
			vs = append(vs, Violation{Field: "states", Code: CodeIncomingState,
				Message: "Неизвестное состояние заявления «" + string(st) + "»"})
		}
	}
	if q.Cursor != "" {
		at, id, ok := decodeIncomingCursor(q.Cursor)
		if !ok {
			vs = append(vs, Violation{Field: "cursor", Code: CodeIncomingCursor,
				Message: "Неверный курсор страницы"})
		}
		b.HasCursor, b.After, b.AfterID = true, at, id
	}
	return b, fault.Validation(vs...)
}

// IncomingCursor returns the opaque cursor of the page that starts after
// the application sent at the time with the ID: every adapter makes its
// cursors with it, so a cursor of one reads in another.
func IncomingCursor(sentAt time.Time, id uuid.UUID) string {
	return base64.RawURLEncoding.EncodeToString([]byte(sentAt.UTC().Format(time.RFC3339Nano) + " " + id.String()))
}

// decodeIncomingCursor reads a cursor IncomingCursor made.
func decodeIncomingCursor(s string) (time.Time, uuid.UUID, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return time.Time{}, uuid.Nil, false
	}
	ts, ids, ok := strings.Cut(string(b), " ")
	if !ok {
		return time.Time{}, uuid.Nil, false
	}
	at, err := time.Parse(time.RFC3339Nano, ts)
	if err != nil {
		return time.Time{}, uuid.Nil, false
	}
	id, err := uuid.Parse(ids)
	if err != nil {
		return time.Time{}, uuid.Nil, false
	}
	return at, id, true
}
