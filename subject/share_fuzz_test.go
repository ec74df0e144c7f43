package subject_test

import (
	"math/big"
	"testing"

	"github.com/openzhkh/zhkh/subject"
)

func FuzzParseShare(f *testing.F) {
	for _, s := range []string{
		"1/3", "25/100", "1", "0,25", "0.25", " 2 / 4 ", "0", "4/3", "1/0", "1,5", "",
		"abc", "0,", ",5", "999999999999999999/999999999999999999", "1/1000000000000000000",
		"0,000000000000000001", "½", "1/3/4", "-1/3",
	} {
		f.Add(s)
	}
	one := big.NewRat(1, 1)
	f.Fuzz(func(t *testing.T, in string) {
		s, err := subject.ParseShare(in)
		if err != nil {
			if !s.IsZero() {
				t.Fatalf("ParseShare(%q) failed with a non-zero share %v", in, s)
			}
			if !subject.HasCode(err, subject.CodeShareFormat) && !subject.HasCode(err, subject.CodeShareRange) {
				t.Fatalf("ParseShare(%q): error without a share code: %v", in, err)
			}
			return
		}
		r := s.Rat()
		if r.Sign() <= 0 || r.Cmp(one) > 0 {
			t.Fatalf("ParseShare(%q) = %v, outside (0, 1]", in, r)
		}
		if got := big.NewRat(s.Num(), s.Den()); got.Cmp(r) != 0 {
			t.Fatalf("ParseShare(%q): Rat %v differs from Num/Den %v", in, r, got)
		}
		back, err := subject.ParseShare(s.String())
		if err != nil {
			t.Fatalf("ParseShare(%q).String() = %q does not parse: %v", in, s.String(), err)
		}
		if back != s || !back.Equal(s) || back.String() != s.String() {
			t.Fatalf("ParseShare(%q) = %q, parsed back as %q", in, s.String(), back.String())
		}
		if c := s.Cmp(back); c != 0 {
			t.Fatalf("Cmp of equal shares = %d", c)
		}
		if sum, want := s.Add(s), new(big.Rat).Add(r, r); sum.Cmp(want) != 0 {
			t.Fatalf("%v + %v = %v, want %v", s, s, sum, want)
		}
	})
}
