package civil

import (
	"fmt"
	"time"
)

// Date is a calendar date without time or zone, such as 2024-03-01. The
// zero Date means "not set"; in validity periods it stands for an open end.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Of returns the date of t in t's location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// Parse reads a date in the form YYYY-MM-DD.
func Parse(s string) (Date, error) {
	var d Date
	if err := d.UnmarshalText([]byte(s)); err != nil {
		return Date{}, err
	}
	return d, nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d names a real calendar day.
func (d Date) Valid() bool {
	if d.Month < time.January || d.Month > time.December || d.Day < 1 || d.Year < 1 || d.Year > 9999 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

// String returns the date as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return string(d.AppendText(nil))
}

// AppendText appends the YYYY-MM-DD form of d to b.
func (d Date) AppendText(b []byte) []byte {
	b = append4(b, d.Year)
	b = append(b, '-')
	b = append2(b, int(d.Month))
	b = append(b, '-')
	return append2(b, d.Day)
}

// MarshalText returns the YYYY-MM-DD form; the zero Date marshals as "".
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	if !d.Valid() {
		return nil, fmt.Errorf("civil: invalid date %04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	return d.AppendText(nil), nil
}

// UnmarshalText reads YYYY-MM-DD; the empty text gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return fmt.Errorf("civil: date %q is not in the form YYYY-MM-DD", b)
	}
	y, ok1 := digits(b[0:4])
	m, ok2 := digits(b[5:7])
	dd, ok3 := digits(b[8:10])
	v := Date{Year: y, Month: time.Month(m), Day: dd}
	if !ok1 || !ok2 || !ok3 || !v.Valid() {
		return fmt.Errorf("civil: %q is not a calendar date", b)
	}
	*d = v
	return nil
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp(int(d.Month), int(e.Month))
	default:
		return cmp(d.Day, e.Day)
	}
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Days returns the number of days from 1970-01-01 to d (negative before
// it). It is the compact form used by indexes.
func (d Date) Days() int32 {
	// Days from civil, after Howard Hinnant's algorithm.
	y := d.Year
	m := int(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int32(era*146097 + doe - 719468)
}

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date {
	return Of(time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC))
}

// Time returns midnight of d in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func append4(b []byte, n int) []byte {
	return append(b, byte('0'+n/1000%10), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
}

func append2(b []byte, n int) []byte {
	return append(b, byte('0'+n/10%10), byte('0'+n%10))
}

func cmp(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
