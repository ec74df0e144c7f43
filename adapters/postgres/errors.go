package postgres

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/openzhkh/zhkh/internal/fault"
)

// ErrUnavailable matches, under errors.Is, every error of this package
// that means the database could not be reached or the connection was lost
// during the call (refused or reset connections, an administrator
// shutdown, SQLSTATE class 08). The call may be retried later; the pool
// reconnects by itself when the database is back.
var ErrUnavailable = errors.New("postgres: база данных недоступна")

// Stable codes of the errors this package makes from database errors.
const (
	// CodeDuplicate: a unique constraint refused the write.
	CodeDuplicate = "storage.duplicate"
	// CodeReference: a foreign key refused the write: what it refers to
	// does not exist, or it is still referred to.
	CodeReference = "storage.reference"
	// CodeConstraint: a check or not-null constraint, or a value too long
	// for its column, refused the write.
	CodeConstraint = "storage.constraint"
	// CodeSerialization: a serialization failure or a deadlock, still
	// there after one retry.
	CodeSerialization = "storage.serialization"
	// CodeUnavailable: the database could not be reached.
	CodeUnavailable = "storage.unavailable"
)

// unavailableError is a connection failure: it matches ErrUnavailable and
// keeps the cause for logs.
type unavailableError struct {
	what string
	err  error
}

// Error returns the Russian message with what was being done and the cause.
func (e *unavailableError) Error() string {
	return "база данных недоступна (" + e.what + "): " + e.err.Error()
}

// Is reports whether target is ErrUnavailable.
func (e *unavailableError) Is(target error) bool { return target == ErrUnavailable }

// Unwrap returns the cause.
func (e *unavailableError) Unwrap() error { return e.err }

// Constraint tells translate what a violation of one named constraint
// means in the domain: Err is returned (wrapping nothing) in place of the
// generic error of the SQLSTATE.
type Constraint struct {
	// Name is the constraint's name in the schema.
	Name string
	// Err is the domain error the violation means.
	Err error
}

// translate turns an error of pgx into an error of the domain, by SQLSTATE
// and constraint name, never by message text. what names the operation in
// Russian for the message ("заявление", "справочник"). A violation of a
// constraint listed in known returns that constraint's Err. Otherwise:
// 23505 → conflict (CodeDuplicate), 23503 → not found (CodeReference),
// 23514/23502/22001 → invalid (CodeConstraint), 40001/40P01 → conflict
// (CodeSerialization), lost or refused connections → ErrUnavailable.
// Domain errors, context errors and nil pass through unchanged.
func translate(err error, what string, known ...Constraint) error {
	if err == nil {
		return nil
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		for _, c := range known {
			if c.Name != "" && c.Name == pgErr.ConstraintName {
				return c.Err
			}
		}
		switch code := pgErr.Code; {
		case code == "23505":
			return &fault.Error{Kind: fault.Conflict, Code: CodeDuplicate,
				Message: what + ": такая запись уже существует", Err: err}
		case code == "23503":
			return &fault.Error{Kind: fault.NotFound, Code: CodeReference,
				Message: what + ": связанная запись не найдена или на запись есть ссылки", Err: err}
		case code == "23514", code == "23502", code == "22001":
			return &fault.Error{Kind: fault.Invalid, Code: CodeConstraint,
				Message: what + ": данные не прошли проверку базы данных", Err: err}
		case isRetryable(err):
			return &fault.Error{Kind: fault.Conflict, Code: CodeSerialization,
				Message: what + ": одновременное изменение, повторите операцию", Err: err}
		case strings.HasPrefix(code, "08"), code == "57P01", code == "57P02", code == "57P03":
			return &unavailableError{what: what, err: err}
		}
		return err
	}
	if isUnavailable(err) {
		return &unavailableError{what: what, err: err}
	}
	return err
}

// isRetryable reports whether err is a serialization failure (40001) or a
// deadlock (40P01), after which the whole transaction may be run again.
func isRetryable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "40001" || pgErr.Code == "40P01")
}

// isUnavailable reports whether err, which is not a *pgconn.PgError, is a
// failure to reach the database or a connection lost mid-call.
func isUnavailable(err error) bool {
	if errors.Is(err, ErrUnavailable) {
		return true
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, pgx.ErrNoRows) || errors.Is(err, pgx.ErrTxClosed) {
		return false
	}
	// A *net.OpError is a net.Error too.
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	switch {
	case errors.As(err, &connectErr), errors.As(err, &netErr):
		return true
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return true
	}
	return pgconn.SafeToRetry(err)
}

// IsUnavailable reports whether err means the database could not be
// reached or the connection was lost: it matches ErrUnavailable, or is an
// untranslated pgx error of that sort. Callers decide with it whether to
// answer "try again later".
func IsUnavailable(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return errors.Is(translate(err, ""), ErrUnavailable)
	}
	return err != nil && isUnavailable(err)
}
