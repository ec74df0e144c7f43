package subject_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/subject"
)

func rightUUID(n byte) uuid.UUID {
	var u uuid.UUID
	u[6], u[8], u[15] = 0x40, 0x80, n
	return u
}

func rightDay(y int, m time.Month, d int) subject.Date {
	return subject.Date{Year: y, Month: m, Day: d}
}

func rightPerson(n byte) subject.Owner {
	return subject.Owner{Subject: rightUUID(n), Kind: subject.OwnerPerson}
}

func rightOwnerWith(t testing.TB, n byte, share string) subject.Owner {
	o := rightPerson(n)
	o.Share = shareOf(t, share)
	return o
}

func rightOf(id byte, kind subject.RightKind, owners ...subject.Owner) subject.Right {
	return subject.Right{
		ID: rightUUID(id), Premise: rightUUID(100), Kind: kind,
		Registered: rightDay(2020, 1, 1), Owners: owners,
	}
}

func rightViolations(t *testing.T, err error) []subject.Violation {
	t.Helper()
	if err == nil {
		return nil
	}
	assert.ErrorIs(t, err, subject.ErrInvalid)
	var ve *subject.ValidationError
	require.ErrorAs(t, err, &ve)
	return ve.Violations
}

func TestRightValidate(t *testing.T) {
	t.Parallel()
	legal := subject.Owner{Subject: rightUUID(60), Kind: subject.OwnerLegalEntity}
	tests := []struct {
		name string
		r    subject.Right
		want []subject.Violation
	}{
		{"sole", rightOf(1, subject.RightSole, rightPerson(50)), nil},
		{"sole legal entity", rightOf(1, subject.RightSole, legal), nil},
		{"joint", rightOf(1, subject.RightJoint, rightPerson(50), rightPerson(51)), nil},
		{"shared", rightOf(1, subject.RightShared, rightOwnerWith(t, 50, "1/2"), rightOwnerWith(t, 51, "1/2")), nil},
		{"shared short is fine on its own", rightOf(1, subject.RightShared, rightOwnerWith(t, 50, "1/3")), nil},
		{"empty", subject.Right{}, []subject.Violation{
			{Field: "id", Code: subject.CodeRightID, Message: "Не указан идентификатор права"},
			{Field: "premise", Code: subject.CodeRightPremise, Message: "Не указано помещение"},
			{Field: "kind", Code: subject.CodeRightKind, Message: "Вид права должен быть одним из: собственность, общая совместная, общая долевая"},
			{Field: "registered", Code: subject.CodeRightRegistered, Message: "Не указана дата регистрации права"},
			{Field: "owners", Code: subject.CodeRightOwners, Message: "Не указаны собственники"},
		}},
		{"ended before registered", func() subject.Right {
			r := rightOf(1, subject.RightSole, rightPerson(50))
			r.Ended = rightDay(2019, 12, 31)
			return r
		}(), []subject.Violation{
			{Field: "ended", Code: subject.CodeRightEnded, Message: "Дата прекращения права раньше даты его регистрации"},
		}},
		{"owners without subject or kind, twice", rightOf(1, subject.RightJoint,
			subject.Owner{Kind: subject.OwnerPerson}, subject.Owner{Subject: rightUUID(50), Kind: "cat"}, rightPerson(50)),
			[]subject.Violation{
				{Field: "owners[0].subject", Code: subject.CodeOwnerSubject, Message: "Не указан собственник"},
				{Field: "owners[1].kind", Code: subject.CodeOwnerKind, Message: "Собственник должен быть физическим или юридическим лицом"},
				{Field: "owners[2].subject", Code: subject.CodeOwnerDuplicate, Message: "Собственник указан дважды"},
			}},
		{"sole with two owners", rightOf(1, subject.RightSole, rightPerson(50), rightPerson(51)), []subject.Violation{
			{Field: "owners", Code: subject.CodeSoleOwners, Message: "У права собственности должен быть ровно один собственник"},
		}},
		{"sole with a share", rightOf(1, subject.RightSole, rightOwnerWith(t, 50, "1")), []subject.Violation{
			{Field: "owners[0].share", Code: subject.CodeShareUnexpected, Message: "Доля указывается только в общей долевой собственности"},
		}},
		{"joint with one owner", rightOf(1, subject.RightJoint, rightPerson(50)), []subject.Violation{
			{Field: "owners", Code: subject.CodeJointOwners, Message: "У общей совместной собственности должно быть не меньше двух собственников"},
		}},
		{"joint with shares", rightOf(1, subject.RightJoint, rightPerson(50), rightOwnerWith(t, 51, "1/2")), []subject.Violation{
			{Field: "owners[1].share", Code: subject.CodeShareUnexpected, Message: "Доля указывается только в общей долевой собственности"},
		}},
		{"shared without a share", rightOf(1, subject.RightShared, rightOwnerWith(t, 50, "1/2"), rightPerson(51)), []subject.Violation{
			{Field: "owners[1].share", Code: subject.CodeShareMissing, Message: "Не указана доля собственника в общей долевой собственности"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, rightViolations(t, tc.r.Validate()))
		})
	}
}

func TestRightActiveAt(t *testing.T) {
	t.Parallel()
	r := rightOf(1, subject.RightSole, rightPerson(50))
	r.Registered, r.Ended = rightDay(2020, 3, 1), rightDay(2021, 3, 1)
	assert.False(t, r.ActiveAt(rightDay(2020, 2, 29)), "before registration")
	assert.True(t, r.ActiveAt(rightDay(2020, 3, 1)), "on the registration date")
	assert.True(t, r.ActiveAt(rightDay(2021, 2, 28)))
	assert.False(t, r.ActiveAt(rightDay(2021, 3, 1)), "on the end date the right is no longer in force")
	r.Ended = subject.Date{}
	assert.True(t, r.ActiveAt(rightDay(2100, 1, 1)), "a right without an end date stays in force")
}

func TestCheckPremise(t *testing.T) {
	t.Parallel()
	at := rightDay(2021, 1, 1)
	ended := func(r subject.Right) subject.Right { r.Ended = rightDay(2020, 6, 1); return r }
	future := func(r subject.Right) subject.Right { r.Registered = rightDay(2022, 1, 1); return r }
	tests := []struct {
		name   string
		rights []subject.Right
		want   []subject.Violation
	}{
		{"no rights", nil, nil},
		{"sole", []subject.Right{rightOf(1, subject.RightSole, rightPerson(50))}, nil},
		{"joint", []subject.Right{rightOf(1, subject.RightJoint, rightPerson(50), rightPerson(51), rightPerson(52))}, nil},
		{"shared in one right", []subject.Right{rightOf(1, subject.RightShared, rightOwnerWith(t, 50, "1/2"), rightOwnerWith(t, 51, "0,5"))}, nil},
		{"thirds in three rights", []subject.Right{
			rightOf(1, subject.RightShared, rightOwnerWith(t, 50, "1/3")),
			rightOf(2, subject.RightShared, rightOwnerWith(t, 51, "1/3")),
			rightOf(3, subject.RightShared, rightOwnerWith(t, 52, "1/3")),
		}, nil},
		{"registered as 25/100 and 3/4", []subject.Right{
			rightOf(1, subject.RightShared, rightOwnerWith(t, 50, "25/100"), rightOwnerWith(t, 51, "3/4")),
		}, nil},
		{"history is skipped", []subject.Right{
			ended(rightOf(1, subject.RightSole, rightPerson(49))),
			rightOf(2, subject.RightShared, rightOwnerWith(t, 50, "1/2"), rightOwnerWith(t, 51, "1/2")),
			future(rightOf(3, subject.RightSole, rightPerson(52))),
		}, nil},
		{"shares short", []subject.Right{
			rightOf(1, subject.RightShared, rightOwnerWith(t, 50, "1/2")),
			rightOf(2, subject.RightShared, rightOwnerWith(t, 51, "1/3")),
		}, []subject.Violation{
			{Field: "rights", Code: subject.CodeSharesShort, Message: "Сумма долей меньше единицы: не хватает 1/6"},
		}},
		{"shares in excess", []subject.Right{
			rightOf(1, subject.RightShared, rightOwnerWith(t, 50, "1/2"), rightOwnerWith(t, 51, "1/3")),
			rightOf(2, subject.RightShared, rightOwnerWith(t, 52, "1/4")),
		}, []subject.Violation{
			{Field: "rights", Code: subject.CodeSharesExcess, Message: "Сумма долей больше единицы: превышение на 1/12"},
		}},
		{"excess of a whole", []subject.Right{
			rightOf(1, subject.RightShared, rightOwnerWith(t, 50, "1")),
			rightOf(2, subject.RightShared, rightOwnerWith(t, 51, "1,0")),
		}, []subject.Violation{
			{Field: "rights", Code: subject.CodeSharesExcess, Message: "Сумма долей больше единицы: превышение на 1"},
		}},
		{"sole not alone", []subject.Right{
			rightOf(1, subject.RightShared, rightOwnerWith(t, 50, "1")),
			rightOf(2, subject.RightSole, rightPerson(51)),
		}, []subject.Violation{
			{Field: "rights[1].kind", Code: subject.CodeSoleNotAlone, Message: "Помещение в единоличной собственности не может иметь других действующих прав"},
		}},
		{"every violation at once", []subject.Right{
			ended(rightOf(1, subject.RightSole, rightPerson(40), rightPerson(41))),
			rightOf(2, subject.RightSole, rightPerson(50), rightPerson(51)),
			rightOf(3, subject.RightJoint, rightOwnerWith(t, 52, "1/2")),
			rightOf(4, subject.RightShared, rightOwnerWith(t, 53, "1/2"), rightPerson(54)),
		}, []subject.Violation{
			{Field: "rights[1].owners", Code: subject.CodeSoleOwners, Message: "У права собственности должен быть ровно один собственник"},
			{Field: "rights[2].owners", Code: subject.CodeJointOwners, Message: "У общей совместной собственности должно быть не меньше двух собственников"},
			{Field: "rights[2].owners[0].share", Code: subject.CodeShareUnexpected, Message: "Доля указывается только в общей долевой собственности"},
			{Field: "rights[3].owners[1].share", Code: subject.CodeShareMissing, Message: "Не указана доля собственника в общей долевой собственности"},
			{Field: "rights[1].kind", Code: subject.CodeSoleNotAlone, Message: "Помещение в единоличной собственности не может иметь других действующих прав"},
			{Field: "rights", Code: subject.CodeSharesShort, Message: "Сумма долей меньше единицы: не хватает 1/2"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, rightViolations(t, subject.CheckPremise(tc.rights, at)))
		})
	}
}

func TestCheckAddition(t *testing.T) {
	t.Parallel()
	half := rightOf(1, subject.RightShared, rightOwnerWith(t, 50, "1/2"))
	tests := []struct {
		name   string
		stored []subject.Right
		add    subject.Right
		codes  []string
	}{
		{"first share", nil, half, nil},
		{"short is allowed", []subject.Right{half}, rightOf(2, subject.RightShared, rightOwnerWith(t, 51, "1/3")), nil},
		{"exactly one", []subject.Right{half}, rightOf(2, subject.RightShared, rightOwnerWith(t, 51, "2/4")), nil},
		{"excess", []subject.Right{half}, rightOf(2, subject.RightShared, rightOwnerWith(t, 51, "0,6")), []string{subject.CodeSharesExcess}},
		{"beside a sole right", []subject.Right{rightOf(1, subject.RightSole, rightPerson(50))}, rightOf(2, subject.RightShared, rightOwnerWith(t, 51, "1/2")), []string{subject.CodeSoleNotAlone}},
		{"sole beside shares", []subject.Right{half}, rightOf(2, subject.RightSole, rightPerson(51)), []string{subject.CodeSoleNotAlone}},
		{"invalid on its own", nil, rightOf(2, subject.RightJoint, rightPerson(51)), []string{subject.CodeJointOwners}},
		{"after the sole right ended", []subject.Right{func() subject.Right {
			r := rightOf(1, subject.RightSole, rightPerson(50))
			r.Ended = rightDay(2020, 1, 1)
			return r
		}()}, rightOf(2, subject.RightShared, rightOwnerWith(t, 51, "1/2")), nil},
		{"a past right that collides with a later registration", []subject.Right{func() subject.Right {
			r := rightOf(1, subject.RightSole, rightPerson(50))
			r.Registered = rightDay(2022, 1, 1)
			return r
		}()}, rightOf(2, subject.RightShared, rightOwnerWith(t, 51, "1/2")), []string{subject.CodeSoleNotAlone}},
		{"a past right that ended before a later registration", []subject.Right{func() subject.Right {
			r := rightOf(1, subject.RightSole, rightPerson(50))
			r.Registered = rightDay(2022, 1, 1)
			return r
		}()}, func() subject.Right {
			r := rightOf(2, subject.RightShared, rightOwnerWith(t, 51, "1/2"))
			r.Ended = rightDay(2022, 1, 1)
			return r
		}(), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			stored := slices.Clone(tc.stored)
			var codes []string
			for _, v := range rightViolations(t, subject.CheckAddition(stored, tc.add)) {
				codes = append(codes, v.Code)
			}
			assert.Equal(t, tc.codes, codes)
			assert.Equal(t, tc.stored, stored, "CheckAddition changes nothing")
		})
	}
}

func TestOwnersAt(t *testing.T) {
	t.Parallel()
	old := rightOf(1, subject.RightSole, rightPerson(50))
	old.Registered, old.Ended = rightDay(2010, 1, 1), rightDay(2020, 1, 1)
	now := rightOf(2, subject.RightShared, rightOwnerWith(t, 51, "1/2"), rightOwnerWith(t, 52, "1/2"))
	rights := []subject.Right{old, now}
	assert.Nil(t, subject.OwnersAt(rights, rightDay(2009, 1, 1)))
	assert.Equal(t, []subject.Owner{rightPerson(50)}, subject.OwnersAt(rights, rightDay(2019, 12, 31)))
	assert.Equal(t, now.Owners, subject.OwnersAt(rights, rightDay(2020, 1, 1)))
}

func TestRightJSON(t *testing.T) {
	t.Parallel()
	r := rightOf(1, subject.RightShared, rightOwnerWith(t, 50, "25/100"))
	r.Number = "77:01:0001001:1234-77/011/2020-3"
	r.TitleDocuments = []uuid.UUID{rightUUID(70)}
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"id":"00000000-0000-4000-8000-000000000001",
		"premise":"00000000-0000-4000-8000-000000000064",
		"kind":"shared",
		"number":"77:01:0001001:1234-77/011/2020-3",
		"registered":"2020-01-01",
		"owners":[{"subject":"00000000-0000-4000-8000-000000000032","kind":"person","share":"25/100"}],
		"titleDocuments":["00000000-0000-4000-8000-000000000046"]
	}`, string(b))
	var back subject.Right
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, r, back)
}

func TestRightClone(t *testing.T) {
	t.Parallel()
	r := rightOf(1, subject.RightSole, rightPerson(50))
	r.TitleDocuments = []uuid.UUID{rightUUID(70)}
	c := r.Clone()
	c.Owners[0].Subject = rightUUID(99)
	c.TitleDocuments[0] = rightUUID(99)
	assert.Equal(t, rightUUID(50), r.Owners[0].Subject)
	assert.Equal(t, rightUUID(70), r.TitleDocuments[0])
}
