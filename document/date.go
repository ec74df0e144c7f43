package document

import "github.com/openzhkh/zhkh/internal/civil"

// Date is a calendar date without time, the one civil-date type of the
// module (YYYY-MM-DD in JSON); the same type as address.Date.
type Date = civil.Date

// ParseDate reads a date in the form YYYY-MM-DD.
func ParseDate(s string) (Date, error) { return civil.Parse(s) }
