package subject_test

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/subject"
)

func shareOf(t testing.TB, s string) subject.Share {
	t.Helper()
	sh, err := subject.ParseShare(s)
	require.NoError(t, err)
	return sh
}

func TestParseShare(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, str, rat string
	}{
		{"1/3", "1/3", "1/3"},
		{"25/100", "25/100", "1/4"},
		{" 2 / 4 ", "2/4", "1/2"},
		{"1", "1", "1"},
		{"1/1", "1/1", "1"},
		{"001/3", "1/3", "1/3"},
		{"0,25", "0,25", "1/4"},
		{"0.25", "0,25", "1/4"},
		{"0,250", "0,250", "1/4"},
		{"0,05", "0,05", "1/20"},
		{"1,0", "1,0", "1"},
		{"1,000", "1,000", "1"},
		{"0,000000000000000001", "0,000000000000000001", "1/1000000000000000000"},
		{"999999999999999999/999999999999999999", "999999999999999999/999999999999999999", "1"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			s, err := subject.ParseShare(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.str, s.String())
			assert.Equal(t, tc.rat, s.Rat().RatString())
			assert.False(t, s.IsZero())
		})
	}
}

func TestParseShareErrors(t *testing.T) {
	t.Parallel()
	const format = "Доля указывается дробью (1/3), целым числом (1) или десятичной дробью (0,25)"
	const rng = "Доля должна быть больше нуля и не больше единицы"
	tests := []struct {
		in, code, msg string
	}{
		{"", subject.CodeShareFormat, format},
		{"abc", subject.CodeShareFormat, format},
		{"1/", subject.CodeShareFormat, format},
		{"/3", subject.CodeShareFormat, format},
		{"1/3/4", subject.CodeShareFormat, format},
		{"-1/3", subject.CodeShareFormat, format},
		{"1/-3", subject.CodeShareFormat, format},
		{"+1/3", subject.CodeShareFormat, format},
		{"0,", subject.CodeShareFormat, format},
		{",5", subject.CodeShareFormat, format},
		{"0,2,5", subject.CodeShareFormat, format},
		{"0,2/5", subject.CodeShareFormat, format},
		{"½", subject.CodeShareFormat, format},
		{"１/3", subject.CodeShareFormat, format},
		{"1e-1", subject.CodeShareFormat, format},
		{"1/3 доли", subject.CodeShareFormat, format},
		{"1/0", subject.CodeShareFormat, "Знаменатель доли не может быть равен нулю"},
		{"1/1000000000000000000", subject.CodeShareFormat, format},
		{"0,0000000000000000001", subject.CodeShareFormat, format},
		{"0", subject.CodeShareRange, rng},
		{"0/3", subject.CodeShareRange, rng},
		{"0,0", subject.CodeShareRange, rng},
		{"4/3", subject.CodeShareRange, rng},
		{"2", subject.CodeShareRange, rng},
		{"1,5", subject.CodeShareRange, rng},
		{"1,01", subject.CodeShareRange, rng},
		{"12,5", subject.CodeShareRange, rng},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			s, err := subject.ParseShare(tc.in)
			require.Error(t, err)
			assert.True(t, s.IsZero())
			assert.ErrorIs(t, err, subject.ErrInvalid)
			var ve *subject.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Len(t, ve.Violations, 1)
			assert.Equal(t, subject.Violation{Field: "share", Code: tc.code, Message: tc.msg}, ve.Violations[0])
		})
	}
}

func TestNewShare(t *testing.T) {
	t.Parallel()
	s, err := subject.NewShare(25, 100)
	require.NoError(t, err)
	assert.Equal(t, "25/100", s.String())
	assert.Equal(t, int64(25), s.Num())
	assert.Equal(t, int64(100), s.Den())
	for _, c := range [][2]int64{{1, 0}, {1, -2}, {1 << 62, 1 << 62}} {
		_, err := subject.NewShare(c[0], c[1])
		assert.True(t, subject.HasCode(err, subject.CodeShareFormat), "%v", c)
	}
	for _, c := range [][2]int64{{0, 1}, {-1, 2}, {3, 2}} {
		_, err := subject.NewShare(c[0], c[1])
		assert.True(t, subject.HasCode(err, subject.CodeShareRange), "%v", c)
	}
}

func TestShareArithmetic(t *testing.T) {
	t.Parallel()
	third := shareOf(t, "1/3")
	assert.Equal(t, "1", subject.SumShares(third, third, third).RatString(), "1/3 + 1/3 + 1/3 is exactly 1")
	assert.Equal(t, "2/3", third.Add(third).RatString())
	assert.Equal(t, "5/6", shareOf(t, "1/2").Add(third).RatString())
	assert.Equal(t, "1", shareOf(t, "0,75").Add(shareOf(t, "25/100")).RatString())
	assert.Equal(t, "0", subject.SumShares().RatString())
	assert.Equal(t, "1/3", subject.SumShares(third, subject.Share{}).RatString(), "the zero Share adds nothing")

	assert.True(t, shareOf(t, "25/100").Equal(shareOf(t, "1/4")))
	assert.True(t, shareOf(t, "0,25").Equal(shareOf(t, "1/4")))
	assert.NotEqual(t, shareOf(t, "25/100"), shareOf(t, "1/4"), "== compares the notation")
	assert.Equal(t, -1, third.Cmp(shareOf(t, "1/2")))
	assert.Equal(t, 1, third.Cmp(shareOf(t, "333/1000")))
	assert.Equal(t, 0, shareOf(t, "1").Cmp(shareOf(t, "1,0")))
	assert.Equal(t, -1, subject.Share{}.Cmp(third))
	assert.Equal(t, 0, subject.Share{}.Cmp(subject.Share{}))
	big1 := shareOf(t, "999999999999999998/999999999999999999")
	big2 := shareOf(t, "999999999999999997/999999999999999998")
	assert.Equal(t, 1, big1.Cmp(big2), "comparison is exact for 18-digit terms")
	assert.Equal(t, big1.Rat().Cmp(big2.Rat()), big1.Cmp(big2))
	assert.Equal(t, "0", subject.Share{}.Rat().RatString())
}

// TestShareSumOverflow sums shares whose common denominator does not fit
// in int64: the sum moves to big.Rat and stays exact.
func TestShareSumOverflow(t *testing.T) {
	t.Parallel()
	primes := []string{
		"1/999999999999999989", "1/999999999999999967", "1/999999999999999877",
		"1/2", "1/3", "1/999999999999999863",
	}
	want := new(big.Rat)
	var shares []subject.Share
	for _, p := range primes {
		s := shareOf(t, p)
		shares = append(shares, s)
		want.Add(want, s.Rat())
	}
	assert.Equal(t, want.RatString(), subject.SumShares(shares...).RatString())
	same := shareOf(t, "999999999999999998/999999999999999999")
	assert.Equal(t, new(big.Rat).Add(same.Rat(), same.Rat()).RatString(), same.Add(same).RatString(), "numerators that overflow")
}

func TestShareJSON(t *testing.T) {
	t.Parallel()
	o := subject.Owner{Kind: subject.OwnerPerson, Share: shareOf(t, "25/100")}
	b, err := json.Marshal(o)
	require.NoError(t, err)
	assert.JSONEq(t, `{"subject":"00000000-0000-0000-0000-000000000000","kind":"person","share":"25/100"}`, string(b))
	var back subject.Owner
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, o, back)

	b, err = json.Marshal(subject.Owner{Kind: subject.OwnerPerson})
	require.NoError(t, err)
	assert.NotContains(t, string(b), "share", "no share is omitted")
	var none subject.Share
	require.NoError(t, json.Unmarshal([]byte(`""`), &none))
	assert.True(t, none.IsZero())

	var bad subject.Share
	err = json.Unmarshal([]byte(`"3/2"`), &bad)
	assert.True(t, subject.HasCode(err, subject.CodeShareRange))
	err = json.Unmarshal([]byte(`0.5`), &bad)
	assert.Error(t, err, "a share is a string in JSON, never a number")
}
