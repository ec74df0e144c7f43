package subject_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/subject"
)

func TestNormalizePhone(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"8 (912) 345-67-89": "+79123456789",
		"+7 912 3456789":    "+79123456789",
		"9123456789":        "+79123456789",
		"7-912-345-67-89":   "+79123456789",
		"+7(343)371-11-11":  "+73433711111",
		" 8.912.345.67.89 ": "+79123456789",
	} {
		got, err := subject.NormalizePhone(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "123", "+8 912 345 67 89", "8 912 345 67 89 0", "8-912-345-67-8x", "++79123456789", "79123456789+", "+9123456789", "+7 912 345 67 8"} {
		_, err := subject.NormalizePhone(in)
		assert.True(t, subject.HasCode(err, subject.CodePhoneFormat), "%q: %v", in, err)
	}
}

func TestCheckEmail(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"ivanov@mail.ru", "a.b+c@example.co.uk", " user@домен.рф "} {
		assert.NoError(t, subject.CheckEmail(ok), ok)
	}
	for _, bad := range []string{"", "ivanov", "ivanov@", "@mail.ru", "ivanov@mail", "Иван <ivanov@mail.ru>", "a@b.c.", "a b@c.ru", "a@@b.ru"} {
		assert.True(t, subject.HasCode(subject.CheckEmail(bad), subject.CodeEmailFormat), bad)
	}
}

func TestNormalizeContacts(t *testing.T) {
	t.Parallel()
	cs, vs := subject.NormalizeContacts([]subject.Contact{
		{Channel: subject.ChannelPhone, Value: "8 (912) 345-67-89", Preferred: true},
		{Channel: subject.ChannelPhone, Value: "+7 343 3711111", Preferred: true},
		{Channel: subject.ChannelEmail, Value: "нет почты"},
		{Channel: "fax", Value: "1"},
	}, "contacts")
	assert.Equal(t, "+79123456789", cs[0].Value)
	var got []string
	for _, v := range vs {
		got = append(got, v.Field+" "+v.Code)
	}
	assert.Equal(t, []string{
		"contacts[1].preferred contact.preferred",
		"contacts[2].value contact.email.format",
		"contacts[3].channel contact.channel",
	}, got)
	c, ok := subject.PreferredContact(cs, subject.ChannelPhone)
	assert.True(t, ok)
	assert.Equal(t, "+79123456789", c.Value)
	_, ok = subject.PreferredContact(nil, subject.ChannelEmail)
	assert.False(t, ok)
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"8 (912) 345-67-89", "+7 912 3456789", "9123456789", "", "+", "8", "((((", "+79123456789"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := subject.NormalizePhone(s)
		if err != nil {
			if !subject.HasCode(err, subject.CodePhoneFormat) {
				t.Fatalf("NormalizePhone(%q) = %v, not a phone format error", s, err)
			}
			return
		}
		if len(got) != 12 || got[:2] != "+7" {
			t.Fatalf("NormalizePhone(%q) = %q, not +7 and 10 digits", s, got)
		}
		again, err := subject.NormalizePhone(got)
		if err != nil || again != got {
			t.Fatalf("NormalizePhone is not idempotent on %q: %q, %v", got, again, err)
		}
	})
}

func FuzzCheckEmail(f *testing.F) {
	for _, s := range []string{"ivanov@mail.ru", "", "a@b", "<a@b.ru>", "\"x y\"@b.ru"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if err := subject.CheckEmail(s); err != nil && !subject.HasCode(err, subject.CodeEmailFormat) {
			t.Fatalf("CheckEmail(%q) = %v", s, err)
		}
	})
}
