package gis

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/internal/fault"
)

// ErrExpired reports that the polling deadline of the Schedule passed
// before GIS ZhKKh finished the request; the exchange log marks the
// exchange expired. GIS may still finish it: call Client.Poll with the
// same Submission on a Client whose Schedule has a later Deadline, or
// send an export anew. Do not resend an import blindly: GIS may have
// stored it. ClassOf returns ClassUnknown for it, so check
// errors.Is(err, ErrExpired) first.
var ErrExpired = errors.New("ГИС ЖКХ: истек срок ожидания результата обработки запроса")

// ClientConfig configures a Client.
type ClientConfig struct {
	// Builder makes the getState messages; it must name the same
	// organisation as the messages sent. Required.
	Builder *Builder
	// Transport carries the messages. Required.
	Transport Transport
	// Signer signs every request before it is sent. Required: NoSigner
	// for the test stands and tests.
	Signer Signer
	// Log, when set, records every exchange: the request when it goes,
	// the Ack when it comes, and the last answer, state and error when
	// the exchange ends.
	Log ExchangeLog
	// Schedule is when getState is asked; OfficialSchedule when zero.
	Schedule Schedule
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Sleep waits d or until ctx ends, returning ctx's error then; a
	// timer when nil. Tests pass a fake that advances their clock.
	Sleep func(ctx context.Context, d time.Duration) error
	// NewID makes the IDs of exchange log records; uuid.NewV7 when nil.
	NewID func() (uuid.UUID, error)
	// Logger receives debug records of the exchanges; nothing is logged
	// when nil.
	Logger *slog.Logger
}

// Client runs the asynchronous exchange with GIS ZhKKh: it signs and
// sends a request, reads the Ack, asks getState by its Schedule until GIS
// reports RequestState 3, and keeps the exchange log. It is safe for
// concurrent use.
//
// The Client never sends a request twice on its own. Every error it
// returns can be classified with ClassOf, and the caller decides:
//
//   - ClassEmpty (INT002012): nothing to export; not a failure.
//   - ClassRetry (busy, maintenance, HTTP 502/503/504, a timeout): when
//     Submit failed, build the message again and submit it later (a
//     signed Message is submitted once); when a getState failed after
//     the Ack, call Poll or Resume later: the request is in GIS already.
//   - ClassResend (EXP001000): build the message again, with a new
//     MessageGUID, date and signature, and send the new one; the same
//     packet again loops.
//   - ClassFatal and ClassUnknown: the request is wrong or not allowed;
//     fix it before sending anything.
//
// ErrExpired means the Schedule's deadline passed. A context cancelled
// while the Client polls stops it with the context's error and leaves the
// exchange open in the log for Resume; cancelled while the request itself
// is under way, it ends the exchange as failed (no Ack, nothing to poll).
type Client struct {
	builder   *Builder
	transport Transport
	signer    Signer
	log       ExchangeLog
	schedule  Schedule
	now       func() time.Time
	sleep     func(ctx context.Context, d time.Duration) error
	newID     func() (uuid.UUID, error)
	logger    *slog.Logger
}

// NewClient returns a Client. It returns an error matching ErrInvalid
// when the Builder, the Transport or the Signer is missing.
func NewClient(cfg ClientConfig) (*Client, error) {
	var v violations
	if cfg.Builder == nil {
		v.add("builder", "required", "не задан построитель сообщений")
	}
	if cfg.Transport == nil {
		v.add("transport", "required", "не задан транспорт")
	}
	if cfg.Signer == nil {
		v.add("signer", "required", "не задана подпись (для тестового стенда — NoSigner)")
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	c := &Client{
		builder:   cfg.Builder,
		transport: cfg.Transport,
		signer:    cfg.Signer,
		log:       cfg.Log,
		schedule:  cfg.Schedule,
		now:       cfg.Now,
		sleep:     cfg.Sleep,
		newID:     cfg.NewID,
		logger:    cfg.Logger,
	}
	if c.schedule.IsZero() {
		c.schedule = OfficialSchedule()
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.sleep == nil {
		c.sleep = sleepTimer
	}
	if c.newID == nil {
		c.newID = uuid.NewV7
	}
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	return c, nil
}

// sleepTimer waits d or until ctx ends.
func sleepTimer(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Submission is a request GIS ZhKKh has acknowledged: what Poll needs to
// ask about it, also after a restart (persist it, or use Resume with the
// exchange log).
type Submission struct {
	// ExchangeID is the exchange log record of the request; zero when the
	// Client keeps no log.
	ExchangeID uuid.UUID `json:"exchangeId"`
	// Service is the service to ask getState of.
	Service string `json:"service"`
	// Ack is what GIS answered.
	Ack Ack `json:"ack"`
	// AckedAt is when the Ack came; the Schedule's deadline counts from it.
	AckedAt time.Time `json:"ackedAt"`
}

// Send signs msg, sends it, and polls getState until GIS has processed
// it: Submit and then Poll. It returns the result; when GIS reports a
// whole-message error (an ErrorMessage, such as INT002012 for an empty
// export) it returns the result and that *Error. Per-item errors of an
// import are in the result's Results, not in the error.
func (c *Client) Send(ctx context.Context, msg *Message) (*StateResult, error) {
	s, err := c.Submit(ctx, msg)
	if err != nil {
		return nil, err
	}
	return c.Poll(ctx, s)
}

// Submit signs msg (its Body, when it has one), serialises it once,
// records it in the exchange log and sends it, and reads the Ack. A SOAP
// fault comes back as a *Error, an HTTP failure as the Transport's error;
// either ends the exchange as failed in the log. Submit sends nothing
// when signing or recording fails. A Message is signed once: Submit
// returns an error matching ErrInvalid for a message whose body carries a
// signature already; build it again instead.
func (c *Client) Submit(ctx context.Context, msg *Message) (Submission, error) {
	if msg == nil || msg.Doc == nil {
		return Submission{}, invalidf("нет сообщения для отправки")
	}
	op := msg.Operation
	if msg.Body != nil {
		if first := firstElement(msg.Body); first != nil && first.Tag == "Signature" && first.NamespaceURI() == NSXMLDSig {
			return Submission{}, invalidf("сообщение %s уже подписано: соберите его заново", msg.MessageGUID)
		}
		if err := c.signer.Sign(ctx, msg.Doc, msg.Body); err != nil {
			return Submission{}, fmt.Errorf("подпись сообщения %s: %w", op.Name, err)
		}
	}
	data, err := msg.Bytes()
	if err != nil {
		return Submission{}, err
	}
	var id uuid.UUID
	if c.log != nil {
		if id, err = c.newID(); err != nil {
			return Submission{}, fmt.Errorf("идентификатор записи журнала обмена: %w", err)
		}
		err = c.log.Record(ctx, Exchange{
			ID:          id,
			Service:     op.Service,
			Operation:   op.Name,
			MessageGUID: msg.MessageGUID,
			Request:     data,
			SentAt:      c.now(),
			State:       ExchangeSent,
			Objects:     msg.Objects,
		})
		if err != nil {
			return Submission{}, fmt.Errorf("запись в журнал обмена: %w", err)
		}
	}
	c.logger.DebugContext(ctx, "gis: sending", "operation", op.Name, "service", op.Service, "messageGUID", msg.MessageGUID, "exchange", id)

	answer, err := c.transport.Send(ctx, op, data)
	if err != nil {
		return Submission{}, c.finish(ctx, id, nil, ExchangeFailed, err)
	}
	ack, err := ParseAck(answer)
	if err == nil && ack.RequesterMessageGUID != msg.MessageGUID {
		err = invalidf("Ack относится к сообщению %s, отправлено %s", ack.RequesterMessageGUID, msg.MessageGUID)
	}
	if err != nil {
		return Submission{}, c.finish(ctx, id, answer, ExchangeFailed, err)
	}
	s := Submission{ExchangeID: id, Service: op.Service, Ack: ack, AckedAt: c.now()}
	if err := c.update(ctx, id, func(e *Exchange) {
		e.Ack = answer
		e.AckGUID = ack.MessageGUID
		e.AckedAt = s.AckedAt
		e.State = ExchangeAcked
	}); err != nil {
		return s, err
	}
	c.logger.DebugContext(ctx, "gis: acknowledged", "operation", op.Name, "ackGUID", ack.MessageGUID, "exchange", id)
	return s, nil
}

// Poll asks getState about a submitted request by the Schedule until GIS
// reports RequestState 3, and returns the result, or the result and its
// whole-message *Error. It returns an error wrapping ErrExpired when the
// Schedule's deadline (counted from s.AckedAt) passes first, the context's
// error when ctx ends, and the Transport's or the parser's error when a
// getState fails; in those cases the exchange stays open (acknowledged)
// in the log, except after ErrExpired, which closes it as expired. A SOAP
// fault of getState that is not ClassRetry (INT002013: the request is not
// known) closes the exchange as failed.
func (c *Client) Poll(ctx context.Context, s Submission) (*StateResult, error) {
	start := s.AckedAt
	if start.IsZero() {
		start = c.now()
	}
	for attempt := 0; ; attempt++ {
		elapsed := c.now().Sub(start)
		if c.schedule.Expired(elapsed) {
			return nil, c.expire(ctx, s, elapsed)
		}
		wait := c.schedule.Delay(attempt)
		if c.schedule.Deadline > 0 {
			wait = min(wait, c.schedule.Deadline-elapsed)
		}
		if err := c.sleep(ctx, wait); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r, answer, err := c.getState(ctx, s)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			state := ExchangeAcked
			var ge *Error
			if errors.As(err, &ge) && ge.Fault && ge.Class() != ClassRetry {
				state = ExchangeFailed
			}
			return nil, c.finish(ctx, s.ExchangeID, answer, state, err)
		}
		c.logger.DebugContext(ctx, "gis: state", "service", s.Service, "ackGUID", s.Ack.MessageGUID, "state", r.State, "attempt", attempt)
		if !r.Done() {
			continue
		}
		if r.Error != nil {
			return r, c.finish(ctx, s.ExchangeID, answer, ExchangeFailed, r.Error)
		}
		return r, c.update(ctx, s.ExchangeID, func(e *Exchange) {
			e.Response = answer
			e.DoneAt = c.now()
			e.State = ExchangeDone
			e.ErrorCode, e.ErrorText = "", ""
		})
	}
}

// Resume continues polling an exchange of the log that is still open
// (acknowledged), as Poll does: after a restart, or after Poll returned a
// ClassRetry error. It returns an error matching ErrNotFound when the log
// has no such exchange, ErrConflict when the exchange is not open, and
// ErrInvalid when the Client keeps no log.
func (c *Client) Resume(ctx context.Context, exchangeID uuid.UUID) (*StateResult, error) {
	if c.log == nil {
		return nil, fault.New(fault.Invalid, "gis.client.no_log", "у клиента нет журнала обмена")
	}
	e, err := c.log.Get(ctx, exchangeID)
	if err != nil {
		return nil, err
	}
	if e.State != ExchangeAcked || e.AckGUID == uuid.Nil {
		return nil, fault.New(fault.Conflict, "gis.client.not_open",
			fmt.Sprintf("обмен %s не ожидает результата (состояние %s)", exchangeID, e.State))
	}
	return c.Poll(ctx, Submission{
		ExchangeID: e.ID,
		Service:    e.Service,
		Ack:        Ack{MessageGUID: e.AckGUID, RequesterMessageGUID: e.MessageGUID},
		AckedAt:    e.AckedAt,
	})
}

// getState sends one getState and parses the answer, which it returns
// too for the log.
func (c *Client) getState(ctx context.Context, s Submission) (*StateResult, []byte, error) {
	msg, err := c.builder.GetState(s.Service, s.Ack.MessageGUID)
	if err != nil {
		return nil, nil, err
	}
	data, err := msg.Bytes()
	if err != nil {
		return nil, nil, err
	}
	answer, err := c.transport.Send(ctx, msg.Operation, data)
	if err != nil {
		return nil, nil, err
	}
	r, err := ParseStateResult(answer)
	if err != nil {
		return nil, answer, err
	}
	if r.MessageGUID != uuid.Nil && r.MessageGUID != s.Ack.MessageGUID {
		return nil, answer, invalidf("getState ответил о сообщении %s, запрошено %s", r.MessageGUID, s.Ack.MessageGUID)
	}
	return r, answer, nil
}

// expire closes the exchange as expired and returns the error wrapping
// ErrExpired.
func (c *Client) expire(ctx context.Context, s Submission, elapsed time.Duration) error {
	err := fmt.Errorf("%w (сообщение %s, прошло %s)", ErrExpired, s.Ack.MessageGUID, elapsed)
	return c.finish(ctx, s.ExchangeID, nil, ExchangeExpired, err)
}

// finish records how an exchange ended (or, with ExchangeAcked, the error
// of a getState that leaves it open) with the answer that ended it, as
// the Ack while the exchange was not acknowledged and as the Response
// after, and returns cause, joined with the log's error when the log
// could not be updated.
func (c *Client) finish(ctx context.Context, id uuid.UUID, answer []byte, state ExchangeState, cause error) error {
	code, text := logError(cause)
	lerr := c.update(ctx, id, func(e *Exchange) {
		if answer != nil {
			if e.State == ExchangeSent {
				e.Ack = answer
			} else {
				e.Response = answer
			}
		}
		if state != ExchangeAcked {
			e.DoneAt = c.now()
		}
		e.State = state
		e.ErrorCode, e.ErrorText = code, text
	})
	if lerr != nil {
		return errors.Join(cause, lerr)
	}
	return cause
}

// update applies fn to the exchange's log record; a no-op without a log.
// It writes even when ctx was cancelled, so that the log shows how the
// exchange ended, and returns the log's error wrapped.
func (c *Client) update(ctx context.Context, id uuid.UUID, fn func(*Exchange)) error {
	if c.log == nil || id == uuid.Nil {
		return nil
	}
	_, err := c.log.Update(context.WithoutCancel(ctx), id, func(e *Exchange) error {
		fn(e)
		return nil
	})
	if err != nil {
		return fmt.Errorf("запись в журнал обмена: %w", err)
	}
	return nil
}

// logError returns the code and text the exchange log keeps for err.
func logError(err error) (code, text string) {
	var ge *Error
	switch {
	case errors.As(err, &ge):
		code, text = ge.Code, ge.Text
		if code == "" {
			code = CodeBadAnswer
		}
		if text == "" {
			text = ge.Error()
		}
		return code, text
	case errors.Is(err, ErrExpired):
		return CodeExpired, err.Error()
	case errors.Is(err, ErrInvalid):
		return CodeBadAnswer, err.Error()
	default:
		return CodeTransportFailure, "нет ответа от ГИС ЖКХ: " + err.Error()
	}
}
