package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/gis"
)

// parsed is the JSON `gisctl parse` writes: one of an Ack, a fault or a
// getStateResult.
type parsed struct {
	// Kind is "ack", "fault" or "state".
	Kind  string     `json:"kind"`
	Ack   *ackJSON   `json:"ack,omitempty"`
	Fault *errorJSON `json:"fault,omitempty"`
	State *stateJSON `json:"state,omitempty"`
	// Data is what the typed reader of -op made of the result.
	Data any `json:"data,omitempty"`
}

// ackJSON is the JSON of an Ack: GIS accepted the request.
type ackJSON struct {
	MessageGUID          uuid.UUID `json:"messageGuid"`
	RequesterMessageGUID uuid.UUID `json:"requesterMessageGuid"`
}

// errorJSON is the JSON of a *gis.Error.
type errorJSON struct {
	Code       string `json:"code,omitempty"`
	Text       string `json:"text,omitempty"`
	StackTrace string `json:"stackTrace,omitempty"`
	HTTPStatus int    `json:"httpStatus,omitempty"`
	Fault      bool   `json:"fault,omitempty"`
	// Class tells what to do: empty, retry, resend, fatal or unknown.
	Class string `json:"class"`
}

// stateJSON is the JSON of a getStateResult.
type stateJSON struct {
	Service     string       `json:"service"`
	Version     string       `json:"version,omitempty"`
	State       int          `json:"state"`
	StateName   string       `json:"stateName"`
	MessageGUID uuid.UUID    `json:"messageGuid"`
	Error       *errorJSON   `json:"error,omitempty"`
	Results     []resultJSON `json:"results,omitempty"`
	Payload     []string     `json:"payload,omitempty"`
	IsNextPage  bool         `json:"isNextPage,omitempty"`
}

// resultJSON is the JSON of one item of a getStateResult.
type resultJSON struct {
	TransportGUID uuid.UUID    `json:"transportGuid"`
	GUID          uuid.UUID    `json:"guid,omitzero"`
	UniqueNumber  string       `json:"uniqueNumber,omitempty"`
	UpdateDate    time.Time    `json:"updateDate,omitzero"`
	Errors        []*errorJSON `json:"errors,omitempty"`
	Extra         []string     `json:"extra,omitempty"`
}

// errorOf converts e to its JSON; nil gives nil.
func errorOf(e *gis.Error) *errorJSON {
	if e == nil {
		return nil
	}
	return &errorJSON{Code: e.Code, Text: e.Text, StackTrace: e.StackTrace, HTTPStatus: e.HTTPStatus, Fault: e.Fault, Class: e.Class().String()}
}

// stateName names a request state in the JSON.
func stateName(s gis.RequestState) string {
	switch s {
	case gis.StateReceived:
		return "received"
	case gis.StateProcessing:
		return "processing"
	case gis.StateDone:
		return "done"
	}
	return "unknown"
}

// xmlOf serialises an element for the JSON output as a standalone
// document: the namespace declarations of its ancestors that it does not
// override are copied onto it.
func xmlOf(e *etree.Element) string {
	cp := gis.Standalone(e)
	doc := etree.NewDocument()
	doc.SetRoot(cp)
	s, err := doc.WriteToString()
	if err != nil {
		return ""
	}
	return s
}

// stateOf converts a getStateResult to its JSON.
func stateOf(r *gis.StateResult) *stateJSON {
	s := &stateJSON{
		Service: r.Service, Version: r.Version, State: int(r.State), StateName: stateName(r.State),
		MessageGUID: r.MessageGUID, Error: errorOf(r.Error), IsNextPage: r.IsNextPage,
	}
	for _, c := range r.Results {
		rj := resultJSON{TransportGUID: c.TransportGUID, GUID: c.GUID, UniqueNumber: c.UniqueNumber, UpdateDate: c.UpdateDate}
		for _, e := range c.Errors {
			rj.Errors = append(rj.Errors, errorOf(e))
		}
		for _, x := range c.Extra {
			rj.Extra = append(rj.Extra, xmlOf(x))
		}
		s.Results = append(s.Results, rj)
	}
	for _, p := range r.Payload {
		s.Payload = append(s.Payload, xmlOf(p))
	}
	return s
}

// runParse runs `gisctl parse`: a GIS answer on stdin to JSON on stdout.
func runParse(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("parse", stderr)
	opName := fs.String("op", "", "операция запроса: разобрать результат типизированно (см. gisctl ops)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("лишние аргументы: %s", strings.Join(fs.Args(), " "))
	}
	var reader resultReader
	if *opName != "" {
		var ok bool
		if reader, ok = readerTable()[*opName]; !ok {
			return usagef("для операции %q нет типизированного разбора; без -op ответ разбирается в общем виде", *opName)
		}
	}
	data, err := readInput(stdin)
	if err != nil {
		return err
	}
	out, err := parseResponse(data, reader)
	if err != nil {
		return err
	}
	return writeJSON(stdout, out)
}

// parseResponse reads an Ack, a fault or a getStateResult.
func parseResponse(data []byte, reader resultReader) (*parsed, error) {
	r, err := gis.ParseStateResult(data)
	var ge *gis.Error
	switch {
	case err == nil:
		out := &parsed{Kind: "state", State: stateOf(r)}
		if reader != nil && r.Done() && r.Error == nil {
			v, rerr := reader(r)
			if rerr != nil {
				return nil, fmt.Errorf("разбор результата: %w", rerr)
			}
			out.Data = v
		}
		return out, nil
	case errors.As(err, &ge):
		return &parsed{Kind: "fault", Fault: errorOf(ge)}, nil
	}
	ack, aerr := gis.ParseAck(data)
	switch {
	case aerr == nil:
		return &parsed{Kind: "ack", Ack: &ackJSON{MessageGUID: ack.MessageGUID, RequesterMessageGUID: ack.RequesterMessageGUID}}, nil
	case errors.As(aerr, &ge):
		return &parsed{Kind: "fault", Fault: errorOf(ge)}, nil
	}
	return nil, fmt.Errorf("ответ не является ни getStateResult (%v), ни AckRequest (%v)", err, aerr)
}
