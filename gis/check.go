package gis

import (
	"fmt"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/openzhkh/zhkh/internal/fault"
)

// violations collects the broken rules of one input so that every one is
// reported at once.
type violations struct {
	list []fault.Violation
}

// add records a violation of field.
func (v *violations) add(field, code, message string) {
	v.list = append(v.list, fault.Violation{Field: field, Code: code, Message: message})
}

// err returns a *ValidationError of what was collected, or nil.
func (v *violations) err() error { return fault.Validation(v.list...) }

// required records a violation when s is empty.
func (v *violations) required(field, s string) {
	if s == "" {
		v.add(field, "required", "обязательное поле не заполнено")
	}
}

// requiredGUID records a violation when id is the zero UUID.
func (v *violations) requiredGUID(field string, id uuid.UUID) {
	if id == uuid.Nil {
		v.add(field, "required", "обязательный идентификатор не заполнен")
	}
}

// maxLen records a violation when s has more than n characters.
func (v *violations) maxLen(field, s string, n int) {
	if utf8.RuneCountInString(s) > n {
		v.add(field, "too_long", fmt.Sprintf("не более %d символов", n))
	}
}

// path joins a list name and an index: path("accounts", 2) is "accounts[2]".
func path(list string, i int) string { return fmt.Sprintf("%s[%d]", list, i) }

// batches splits n items into consecutive [start, end) ranges of at most
// limit items each: the messages an import of n items needs.
func batches(n, limit int) [][2]int {
	var out [][2]int
	for start := 0; start < n; start += limit {
		out = append(out, [2]int{start, min(start+limit, n)})
	}
	return out
}
