package address

import "github.com/openzhkh/zhkh/internal/civil"

// Date is a calendar date without time, the one civil-date type of the
// module (YYYY-MM-DD in JSON). In validity periods the zero Date is an open
// end. Build one with a literal: Date{Year: 2024, Month: time.March, Day: 1}.
type Date = civil.Date

// ParseDate reads a date in the form YYYY-MM-DD.
func ParseDate(s string) (Date, error) { return civil.Parse(s) }
