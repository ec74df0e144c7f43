package subject

import (
	"net/mail"
	"strconv"
	"strings"
)

// Channel is a way to reach a subject.
type Channel string

// The contact channels.
const (
	ChannelPhone Channel = "phone"
	ChannelEmail Channel = "email"
)

// Stable codes of contact violations.
const (
	CodePhoneFormat      = "contact.phone.format"
	CodeEmailFormat      = "contact.email.format"
	CodeContactChannel   = "contact.channel"
	CodeContactPreferred = "contact.preferred"
)

// Contact is a phone number or an e-mail address of a subject. Phones are
// kept as +7XXXXXXXXXX, e-mails as given, trimmed.
type Contact struct {
	Channel   Channel `json:"channel"`
	Value     string  `json:"value"`
	Preferred bool    `json:"preferred,omitempty"`
	// Note is a free remark: «рабочий», «после 18:00».
	Note string `json:"note,omitempty"`
}

// NormalizePhone reads a Russian phone number as people type it —
// «8 (912) 345-67-89», «+7 912 3456789», «9123456789» — and returns it as
// +7XXXXXXXXXX. Spaces, hyphens, dots and parentheses are allowed between
// digits; anything else is a *ValidationError with CodePhoneFormat.
func NormalizePhone(s string) (string, error) {
	var digits [16]byte
	n := 0
	plus := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if n == len(digits) {
				return "", phoneError()
			}
			digits[n] = c
			n++
		case c == '+' && n == 0 && !plus:
			plus = true
		case c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' || c == '\t':
		default:
			return "", phoneError()
		}
	}
	d := digits[:n]
	switch {
	case n == 11 && d[0] == '7':
		d = d[1:]
	case n == 11 && d[0] == '8' && !plus:
		d = d[1:]
	case n == 10 && !plus:
	default:
		return "", phoneError()
	}
	return "+7" + string(d), nil
}

func phoneError() error {
	return &ValidationError{Violations: []Violation{{Code: CodePhoneFormat,
		Message: "Неверный номер телефона: ожидается российский номер из 10 цифр после +7 или 8"}}}
}

// CheckEmail checks the syntax of an e-mail address: one address, with a
// local part and a domain that has a dot, and nothing else around it.
func CheckEmail(s string) error {
	s = strings.TrimSpace(s)
	a, err := mail.ParseAddress(s)
	at := strings.LastIndexByte(s, '@')
	if err != nil || a.Address != s || a.Name != "" || at <= 0 || !strings.Contains(s[at+1:], ".") ||
		strings.HasSuffix(s, ".") || strings.ContainsAny(s, " \t<>") {
		return &ValidationError{Violations: []Violation{{Code: CodeEmailFormat,
			Message: "Неверный адрес электронной почты"}}}
	}
	return nil
}

// NormalizeContact returns c with its value in the stored form (a phone as
// +7XXXXXXXXXX, an e-mail trimmed), or the violations of c under the field
// path.
func NormalizeContact(c Contact, field string) (Contact, []Violation) {
	c.Value = strings.TrimSpace(c.Value)
	var err error
	switch c.Channel {
	case ChannelPhone:
		c.Value, err = NormalizePhone(c.Value)
	case ChannelEmail:
		err = CheckEmail(c.Value)
	default:
		return c, []Violation{{Field: field + ".channel", Code: CodeContactChannel, Message: "Неизвестный вид контакта"}}
	}
	if ve, ok := err.(*ValidationError); ok {
		vs := make([]Violation, len(ve.Violations))
		for i, v := range ve.Violations {
			v.Field = field + ".value"
			vs[i] = v
		}
		return c, vs
	}
	return c, nil
}

// NormalizeContacts normalises every contact and checks that each channel
// has at most one preferred contact; it reports every violation, with paths
// under field ("contacts[1].value").
func NormalizeContacts(cs []Contact, field string) ([]Contact, []Violation) {
	out := make([]Contact, len(cs))
	var vs []Violation
	preferred := map[Channel]bool{}
	for i, c := range cs {
		path := field + "[" + strconv.Itoa(i) + "]"
		n, v := NormalizeContact(c, path)
		vs = append(vs, v...)
		if n.Preferred {
			if preferred[n.Channel] {
				vs = append(vs, Violation{Field: path + ".preferred", Code: CodeContactPreferred,
					Message: "Предпочтительным может быть только один контакт каждого вида"})
			}
			preferred[n.Channel] = true
		}
		out[i] = n
	}
	return out, vs
}

// PreferredContact returns the preferred contact of the channel, or the
// first of that channel, and whether there is one.
func PreferredContact(cs []Contact, ch Channel) (Contact, bool) {
	var first *Contact
	for i := range cs {
		if cs[i].Channel != ch {
			continue
		}
		if cs[i].Preferred {
			return cs[i], true
		}
		if first == nil {
			first = &cs[i]
		}
	}
	if first == nil {
		return Contact{}, false
	}
	return *first, true
}
