package fault_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openzhkh/zhkh/internal/fault"
)

func TestKinds(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("reading: %w", &fault.Error{Kind: fault.NotFound, Code: "x.not_found", Message: "Не найдено"})
	assert.ErrorIs(t, err, fault.NotFound)
	assert.NotErrorIs(t, err, fault.Conflict)
	assert.True(t, fault.HasCode(err, "x.not_found"))
	assert.False(t, fault.HasCode(err, "y"))
	assert.Equal(t, "reading: Не найдено", err.Error())
	cause := errors.New("disk")
	e := &fault.Error{Kind: fault.Conflict, Err: cause}
	assert.ErrorIs(t, e, cause)
	assert.Equal(t, "конфликт с существующими данными: disk", e.Error())
	assert.Equal(t, "conflict", fault.Conflict.Code())
}

func TestValidation(t *testing.T) {
	t.Parallel()
	assert.NoError(t, fault.Validation())
	err := fault.Validation(
		fault.Violation{Field: "applicant.snils", Code: "snils.checksum", Message: "Неверная контрольная сумма СНИЛС"},
		fault.Violation{Code: "x", Message: "Ошибка"},
	)
	assert.ErrorIs(t, err, fault.Invalid)
	var ve *fault.ValidationError
	assert.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("snils.checksum"))
	assert.True(t, fault.HasCode(fmt.Errorf("wrapped: %w", err), "x"))
	assert.Equal(t, "applicant.snils: Неверная контрольная сумма СНИЛС; Ошибка", err.Error())
	assert.Equal(t, "данные заполнены неверно", (&fault.ValidationError{}).Error())
}
