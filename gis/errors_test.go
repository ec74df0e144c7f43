package gis_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openzhkh/zhkh/gis"
)

func TestClassifyCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code string
		want gis.Class
	}{
		{"INT002012", gis.ClassEmpty},
		{"EXP002001", gis.ClassRetry},
		{"EXP002002", gis.ClassRetry},
		{"EXP002003", gis.ClassRetry},
		{"INT002018", gis.ClassRetry},
		{"INT002029", gis.ClassRetry},
		{"HTTP502", gis.ClassRetry},
		{"HTTP503", gis.ClassRetry},
		{"HTTP504", gis.ClassRetry},
		{"HTTP500", gis.ClassUnknown},
		{"EXP001000", gis.ClassResend},
		{"AUT011000", gis.ClassFatal},
		{"AUT011003", gis.ClassFatal},
		{"FMT001300", gis.ClassFatal},
		{"INT002013", gis.ClassFatal},
		{"INT002000", gis.ClassUnknown},
		{"SRV023213", gis.ClassUnknown},
		{"", gis.ClassUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, gis.ClassifyCode(tt.code))
			assert.Equal(t, tt.want, gis.ClassOf(&gis.Error{Code: tt.code}))
		})
	}
}

// timeoutError is a net.Error that timed out.
type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

func TestClassOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want gis.Class
	}{
		{"nil", nil, gis.ClassUnknown},
		{"HTTP 503 without a code", &gis.Error{HTTPStatus: 503}, gis.ClassRetry},
		{"HTTP 502 with a fatal code", &gis.Error{Code: "AUT011003", HTTPStatus: 502}, gis.ClassRetry},
		{"HTTP 504", &gis.Error{HTTPStatus: 504}, gis.ClassRetry},
		{"HTTP 500", &gis.Error{HTTPStatus: 500}, gis.ClassUnknown},
		{"wrapped GIS error", fmt.Errorf("send: %w", &gis.Error{Code: "EXP001000"}), gis.ClassResend},
		{"deadline", context.DeadlineExceeded, gis.ClassRetry},
		{"wrapped deadline", fmt.Errorf("post: %w", context.DeadlineExceeded), gis.ClassRetry},
		{"net timeout", timeoutError{}, gis.ClassRetry},
		{"dropped connection", &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}, gis.ClassRetry},
		{"cancelled by the caller", context.Canceled, gis.ClassUnknown},
		{"other", os.ErrPermission, gis.ClassUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, gis.ClassOf(tt.err))
		})
	}
}

func TestErrorText(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "ГИС ЖКХ: INT002012: Нет объектов для экспорта", (&gis.Error{Code: "INT002012", Text: "Нет объектов для экспорта"}).Error())
	assert.Equal(t, "ГИС ЖКХ: HTTP503", (&gis.Error{Code: "HTTP503"}).Error())
	assert.Equal(t, "ГИС ЖКХ: Некорректный XML", (&gis.Error{Text: "Некорректный XML"}).Error())
}

func TestClassString(t *testing.T) {
	t.Parallel()
	for c, want := range map[gis.Class]string{
		gis.ClassUnknown: "unknown", gis.ClassEmpty: "empty", gis.ClassRetry: "retry",
		gis.ClassResend: "resend", gis.ClassFatal: "fatal", gis.Class(99): "unknown",
	} {
		assert.Equal(t, want, c.String())
	}
}

func TestValidCode(t *testing.T) {
	t.Parallel()
	for code, want := range map[string]bool{
		"INT002012": true, "AUT011003": true, "int002012": false, "INT00201": false,
		"INT0020123": false, "ИНТ002012": false, "": false, "HTTP503": false,
	} {
		assert.Equal(t, want, gis.ValidCode(code), code)
	}
}
