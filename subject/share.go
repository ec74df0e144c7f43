package subject

import (
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// Stable codes of share violations.
const (
	// CodeShareFormat: the text is not a fraction, a whole number or a
	// decimal fraction.
	CodeShareFormat = "share.format"
	// CodeShareRange: the share is not in (0, 1].
	CodeShareRange = "share.range"
)

// maxShareDigits bounds the digits of a numerator or a denominator, so that
// both fit in an int64 (10^18 - 1 < 2^63).
const maxShareDigits = 18

// The notations a share may be registered in.
const (
	formFraction uint8 = iota // 1/3
	formWhole                 // 1
	formDecimal               // 0,25
)

// Share is a share in a right of common shared ownership (доля в праве),
// an exact fraction in (0, 1]. It keeps the numerator, the denominator and
// the notation as registered — 25/100 stays 25/100, 0,25 stays 0,25 — and
// compares and sums by the exact value, so 25/100 equals 1/4 and
// 1/3 + 1/3 + 1/3 equals 1.
//
// The numerator and the denominator are int64 values of at most 18 digits.
// Comparison multiplies them into 128 bits and never overflows; sums are
// kept in int64 with overflow-checked arithmetic and move to math/big.Rat
// when a sum no longer fits, so no result is ever rounded. No float or
// decimal type is involved anywhere.
//
// The zero Share is "no share", as for the owners of a sole or a joint
// right; IsZero reports it. Share is comparable, but == compares the
// registered notation: use Cmp or Equal for the value.
type Share struct {
	num, den int64
	form     uint8
}

// ParseShare reads a share as people write it: a fraction «1/3»,
// «25/100» (spaces around the slash allowed), the whole number «1», or a
// decimal fraction «0,25» or «0.25». The result keeps the notation: its
// String is the text as registered, normalised only in spacing and leading
// zeros, with a comma as the decimal separator. Text that is none of these
// is a *ValidationError with CodeShareFormat; a value outside (0, 1] is
// one with CodeShareRange.
func ParseShare(s string) (Share, error) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '/'); i >= 0 {
		num, ok1 := shareDigits(strings.TrimSpace(s[:i]))
		den, ok2 := shareDigits(strings.TrimSpace(s[i+1:]))
		if !ok1 || !ok2 {
			return Share{}, shareFormatError()
		}
		if den == 0 {
			return Share{}, shareError(CodeShareFormat, "Знаменатель доли не может быть равен нулю")
		}
		return newShare(num, den, formFraction)
	}
	if i := strings.IndexAny(s, ",."); i >= 0 {
		whole, ok1 := shareDigits(s[:i])
		frac := s[i+1:]
		fn, ok2 := shareDigits(frac)
		if !ok1 || !ok2 || len(frac) > maxShareDigits {
			return Share{}, shareFormatError()
		}
		den := pow10[len(frac)]
		if whole > 1 {
			return Share{}, shareRangeError()
		}
		return newShare(whole*den+fn, den, formDecimal)
	}
	n, ok := shareDigits(s)
	if !ok {
		return Share{}, shareFormatError()
	}
	return newShare(n, 1, formWhole)
}

// NewShare returns the share num/den, registered as a fraction. A
// denominator that is not positive is a *ValidationError with
// CodeShareFormat; a value outside (0, 1] one with CodeShareRange.
func NewShare(num, den int64) (Share, error) {
	if den <= 0 || den >= pow10[maxShareDigits] || num >= pow10[maxShareDigits] {
		return Share{}, shareFormatError()
	}
	return newShare(num, den, formFraction)
}

func newShare(num, den int64, form uint8) (Share, error) {
	if num <= 0 || num > den {
		return Share{}, shareRangeError()
	}
	return Share{num: num, den: den, form: form}, nil
}

var pow10 = func() [maxShareDigits + 1]int64 {
	var p [maxShareDigits + 1]int64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// shareDigits reads a non-empty run of ASCII digits of at most
// maxShareDigits significant digits.
func shareDigits(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	var n int64
	sig := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if n > 0 || c != '0' {
			sig++
		}
		if sig > maxShareDigits {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

func shareError(code, msg string) error {
	return &ValidationError{Violations: []Violation{{Field: "share", Code: code, Message: msg}}}
}

func shareFormatError() error {
	return shareError(CodeShareFormat, "Доля указывается дробью (1/3), целым числом (1) или десятичной дробью (0,25)")
}

func shareRangeError() error {
	return shareError(CodeShareRange, "Доля должна быть больше нуля и не больше единицы")
}

// IsZero reports whether s is the zero Share, "no share".
func (s Share) IsZero() bool { return s.den == 0 }

// Num returns the numerator as registered (25 for 25/100); 0 for no share.
func (s Share) Num() int64 { return s.num }

// Den returns the denominator as registered (100 for 25/100, 1 for the
// whole number 1); 0 for no share.
func (s Share) Den() int64 { return s.den }

// String returns the share as registered: «1/3», «25/100», «1», «0,25».
// The zero Share is the empty string.
func (s Share) String() string {
	return string(s.AppendText(nil))
}

// AppendText appends the share as String writes it to b.
func (s Share) AppendText(b []byte) []byte {
	switch {
	case s.den == 0:
		return b
	case s.form == formWhole:
		return strconv.AppendInt(b, s.num, 10)
	case s.form == formDecimal:
		b = strconv.AppendInt(b, s.num/s.den, 10)
		b = append(b, ',')
		scale := len(strconv.FormatInt(s.den, 10)) - 1
		frac := strconv.FormatInt(s.num%s.den, 10)
		for range scale - len(frac) {
			b = append(b, '0')
		}
		return append(b, frac...)
	default:
		b = strconv.AppendInt(b, s.num, 10)
		b = append(b, '/')
		return strconv.AppendInt(b, s.den, 10)
	}
}

// MarshalText writes the share as registered, so that in JSON a share is
// the string "25/100". The zero Share is the empty string.
func (s Share) MarshalText() ([]byte, error) {
	return s.AppendText(nil), nil
}

// UnmarshalText reads a share with ParseShare; the empty string is the
// zero Share.
func (s *Share) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = Share{}
		return nil
	}
	v, err := ParseShare(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Rat returns the exact value of the share, reduced (1/4 for 25/100); 0
// for the zero Share.
func (s Share) Rat() *big.Rat {
	if s.den == 0 {
		return new(big.Rat)
	}
	return big.NewRat(s.num, s.den)
}

// Cmp compares the exact values of s and t and returns -1, 0 or +1. The
// zero Share counts as 0.
func (s Share) Cmp(t Share) int {
	// s.num/s.den <=> t.num/t.den  ⇔  s.num*t.den <=> t.num*s.den; the
	// zero Share has num 0 and any positive denominator works for it.
	sd, td := max(s.den, 1), max(t.den, 1)
	h1, l1 := bits.Mul64(uint64(s.num), uint64(td))
	h2, l2 := bits.Mul64(uint64(t.num), uint64(sd))
	switch {
	case h1 < h2 || h1 == h2 && l1 < l2:
		return -1
	case h1 == h2 && l1 == l2:
		return 0
	}
	return 1
}

// Equal reports whether s and t have the same exact value, whatever their
// notation: 25/100, 1/4 and 0,25 are equal.
func (s Share) Equal(t Share) bool { return s.Cmp(t) == 0 }

// Add returns the exact sum of s and t. A sum may exceed 1, so it is a
// *big.Rat, not a Share.
func (s Share) Add(t Share) *big.Rat {
	var a shareSum
	a.add(s)
	a.add(t)
	return a.rat()
}

// SumShares returns the exact sum of the shares; the zero Share adds
// nothing.
func SumShares(shares ...Share) *big.Rat {
	var a shareSum
	for _, s := range shares {
		a.add(s)
	}
	return a.rat()
}

// shareSum adds shares exactly without allocating while the sum fits in
// int64: n/d with 0 < d, overflow-checked, and moves to big.Rat when it
// would not fit. The zero value is the sum 0.
type shareSum struct {
	n, d uint64
	big  *big.Rat
}

func (a *shareSum) add(s Share) {
	if s.den == 0 {
		return
	}
	if a.big != nil {
		a.big.Add(a.big, big.NewRat(s.num, s.den))
		return
	}
	n, d := uint64(s.num), uint64(s.den)
	if a.d == 0 {
		a.n, a.d = n, d
		return
	}
	if a.d == d {
		if sum, carry := bits.Add64(a.n, n, 0); carry == 0 && sum <= 1<<63-1 {
			a.n = sum
			return
		}
		a.overflow(s)
		return
	}
	g := gcd(a.d, d)
	// lcm = a.d/g * d; new numerator = a.n*(d/g) + n*(a.d/g).
	ma, mb := d/g, a.d/g
	hi, l := bits.Mul64(a.d/g, d)
	h1, x := bits.Mul64(a.n, ma)
	h2, y := bits.Mul64(n, mb)
	sum, carry := bits.Add64(x, y, 0)
	if hi != 0 || h1 != 0 || h2 != 0 || carry != 0 || l > 1<<63-1 || sum > 1<<63-1 {
		a.overflow(s)
		return
	}
	a.n, a.d = sum, l
	if a.d > 1<<40 { // keep the denominator small while it is cheap
		if g := gcd(a.n, a.d); g > 1 {
			a.n, a.d = a.n/g, a.d/g
		}
	}
}

func (a *shareSum) overflow(s Share) {
	a.big = new(big.Rat).SetFrac(new(big.Int).SetUint64(a.n), new(big.Int).SetUint64(a.d))
	a.big.Add(a.big, big.NewRat(s.num, s.den))
}

// cmpOne compares the sum with 1.
func (a *shareSum) cmpOne() int {
	if a.big != nil {
		return a.big.Cmp(ratOne)
	}
	if a.d == 0 {
		return -1
	}
	switch {
	case a.n < a.d:
		return -1
	case a.n == a.d:
		return 0
	}
	return 1
}

func (a *shareSum) rat() *big.Rat {
	if a.big != nil {
		return new(big.Rat).Set(a.big)
	}
	if a.d == 0 {
		return new(big.Rat)
	}
	return new(big.Rat).SetFrac(new(big.Int).SetUint64(a.n), new(big.Int).SetUint64(a.d))
}

var ratOne = big.NewRat(1, 1)

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
