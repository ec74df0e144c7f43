package subject_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/subject"
	"github.com/openzhkh/zhkh/subject/subjecttest"
)

func newRepo() subject.PersonRepository { return memory.NewPersonRepository() }

var today = subject.Date{Year: 2026, Month: time.March, Day: 1}

func personViolations(t *testing.T, err error) []string {
	t.Helper()
	var ve *subject.ValidationError
	require.ErrorAs(t, err, &ve)
	var out []string
	for _, v := range ve.Violations {
		out = append(out, v.Field+" "+v.Code)
	}
	return out
}

func TestPersonNormalize(t *testing.T) {
	t.Parallel()
	ok := subject.Person{
		Surname: "  Салтыков-Щедрин ", Name: "Михаил", Patronymic: "Евграфович",
		BirthDate: subject.Date{Year: 1990, Month: 1, Day: 26}, SNILS: "112-233-445 95", INN: " 500100732259 ",
		Documents: []subject.IdentityDocument{{Type: document.TypePassportRF, Number: "12 34 567890"},
			{Type: document.TypeBirthCertificate, Number: "IIАБ123456"}},
		Contacts: []subject.Contact{{Channel: subject.ChannelEmail, Value: " a@b.ru "}},
		Roles:    []subject.Role{subject.RoleOwner, subject.RoleUser, subject.RoleOwner},
	}
	got, err := ok.Normalize(today)
	require.NoError(t, err)
	assert.Equal(t, "Салтыков-Щедрин", got.Surname)
	assert.Equal(t, subject.SNILS("11223344595"), got.SNILS)
	assert.Equal(t, subject.INN("500100732259"), got.INN)
	assert.Equal(t, subject.DocumentNumber("1234567890"), got.Documents[0].Number)
	assert.Equal(t, subject.DocumentNumber("II-АБ 123456"), got.Documents[1].Number)
	assert.Equal(t, []subject.Role{subject.RoleUser, subject.RoleOwner}, got.Roles)
	assert.Equal(t, "a@b.ru", got.Contacts[0].Value)
	assert.Equal(t, "12 34 567890", string(ok.Documents[0].Number), "the input is not changed")

	cases := []struct {
		name string
		edit func(p *subject.Person)
		want []string
	}{
		{"all at once", func(p *subject.Person) {
			p.Surname, p.Name, p.Patronymic = "", "Иван3", "!"
			p.SNILS, p.INN = "112-233-445 96", "1234"
			p.BirthDate = subject.Date{Year: 2030, Month: 1, Day: 1}
			p.Sex = "x"
			p.Documents = []subject.IdentityDocument{{Type: "snils", Number: "1"}, {Type: document.TypePassportRF, Number: "0000 000000"}}
			p.Contacts = []subject.Contact{{Channel: subject.ChannelPhone, Value: "12"}}
			p.Roles = []subject.Role{"boss"}
		}, []string{
			"surname person.name.required", "name person.name.format", "patronymic person.name.format",
			"birth_date person.birth_date.future", "sex person.sex.unknown",
			"snils " + document.CodeSNILSChecksum, "inn " + document.CodeINNLength,
			"documents[0].type person.document.type", "documents[1].number " + document.CodePassportRFZero,
			"contacts[0].value contact.phone.format", "roles[0] person.role.unknown",
		}},
		{"bad date", func(p *subject.Person) { p.BirthDate = subject.Date{Year: 2001, Month: 2, Day: 29} },
			[]string{"birth_date person.birth_date.invalid"}},
		{"same document twice", func(p *subject.Person) { p.Documents[1] = p.Documents[0]; p.Documents[1].Number = "1234567890" },
			[]string{"documents[1].number person.document.duplicate"}},
		{"long name", func(p *subject.Person) { p.Name = string(make([]rune, 101)) }, []string{"name person.name.length"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := ok.Clone()
			c.edit(&p)
			_, err := p.Normalize(today)
			assert.ErrorIs(t, err, subject.ErrInvalid)
			assert.ElementsMatch(t, c.want, personViolations(t, err))
		})
	}
}

func TestRoles(t *testing.T) {
	t.Parallel()
	var p subject.Person
	p.Grant(subject.RoleOwner)
	p.Grant(subject.RoleApplicant)
	p.Grant(subject.RoleOwner)
	assert.Equal(t, []subject.Role{subject.RoleApplicant, subject.RoleOwner}, p.Roles)
	assert.True(t, p.HasRole(subject.RoleOwner))
	p.Revoke(subject.RoleOwner)
	assert.False(t, p.HasRole(subject.RoleOwner))
}

func TestRepresentationValidate(t *testing.T) {
	t.Parallel()
	a, b, doc := uuid.New(), uuid.New(), uuid.New()
	d := func(y, m, dd int) subject.Date { return subject.Date{Year: y, Month: time.Month(m), Day: dd} }
	cases := []struct {
		name string
		r    subject.Representation
		want []string
	}{
		{"parent ok", subject.Representation{Representative: a, Represented: b, Ground: subject.GroundParent, Document: doc}, nil},
		{"parent without certificate", subject.Representation{Representative: a, Represented: b, Ground: subject.GroundParent},
			[]string{"document representation.document_required"}},
		{"self", subject.Representation{Representative: a, Represented: a, Ground: subject.GroundGuardian, Document: doc},
			[]string{"represented representation.self"}},
		{"power of attorney without term", subject.Representation{Representative: a, Represented: b, Ground: subject.GroundPowerOfAttorney, Document: doc, ValidFrom: d(2026, 1, 1)},
			[]string{"valid_to representation.period_required"}},
		{"reversed term", subject.Representation{Representative: a, Represented: b, Ground: subject.GroundPowerOfAttorney, Document: doc, ValidFrom: d(2026, 1, 1), ValidTo: d(2025, 1, 1)},
			[]string{"valid_to representation.period.order"}},
		{"nothing", subject.Representation{}, []string{"representative representation.person_required",
			"represented representation.person_required", "ground representation.ground.unknown"}},
	}
	for _, c := range cases {
		err := c.r.Validate()
		if c.want == nil {
			assert.NoError(t, err, c.name)
			continue
		}
		assert.ElementsMatch(t, c.want, personViolations(t, err), c.name)
	}
	r := subject.Representation{ValidFrom: d(2026, 1, 1), ValidTo: d(2026, 12, 31)}
	assert.False(t, r.ActiveAt(d(2025, 12, 31)))
	assert.True(t, r.ActiveAt(d(2026, 1, 1)))
	assert.True(t, r.ActiveAt(d(2026, 12, 31)))
	assert.False(t, r.ActiveAt(d(2027, 1, 1)))
	assert.True(t, subject.Representation{}.ActiveAt(d(1900, 1, 1)))
}

func TestPersonQueryNormalize(t *testing.T) {
	t.Parallel()
	q, err := subject.PersonQuery{SNILS: "112-233-445 95", DocumentNumber: "iiаб 123456", Surname: " СЕМЁНОВ* ", Name: "Пётр"}.Normalize()
	require.NoError(t, err)
	assert.Equal(t, "11223344595", q.SNILS)
	assert.Equal(t, "семенов*", q.Surname)
	assert.Equal(t, "петр", q.Name)
	assert.Equal(t, "II-АБ 123456", q.DocumentNumber)
	again, err := q.Normalize()
	require.NoError(t, err)
	assert.Equal(t, q, again)

	_, err = subject.PersonQuery{SNILS: "1", INN: "2", DocumentNumber: "x", Surname: "*", Name: "a*b", Role: "boss"}.Normalize()
	assert.Len(t, personViolations(t, err), 6)
}

func TestPersonRepository(t *testing.T) {
	t.Parallel()
	subjecttest.RunPersonRepository(t, func(*testing.T) subject.PersonRepository { return newRepo() })
}

func FuzzPersonQuery(f *testing.F) {
	for _, s := range []string{"Семёнов", "сем*", "*", "a*b", "ЁЛКИН", " И  ван ", "\xff", "Ä*"} {
		f.Add(s, "Семенов", "112-233-445 95", "12 34 567890")
	}
	f.Fuzz(func(t *testing.T, pattern, surname, snils, number string) {
		q, err := subject.PersonQuery{Surname: pattern, SNILS: snils, DocumentNumber: number}.Normalize()
		if err != nil {
			var ve *subject.ValidationError
			require.ErrorAs(t, err, &ve)
			require.NotEmpty(t, ve.Violations)
			return
		}
		again, err := q.Normalize()
		require.NoError(t, err)
		require.Equal(t, q, again, "normalize is idempotent")
		p := subject.Person{Surname: surname, SNILS: subject.SNILS(q.SNILS)}
		if q.DocumentNumber != "" {
			p.Documents = []subject.IdentityDocument{{Number: subject.DocumentNumber(q.DocumentNumber)}}
		}
		text, prefix := subject.NamePattern(q.Surname)
		folded := subject.FoldName(surname)
		want := text == "" || folded == text || (prefix && len(folded) >= len(text) && folded[:len(text)] == text)
		require.Equal(t, want, q.Matches(p), "%q %q", q.Surname, surname)
	})
}
