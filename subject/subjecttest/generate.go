package subjecttest

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/subject"
)

// SNILS returns the n-th valid SNILS (n from 0 to 997 998 000), as its 11
// digits with a correct check number. Different n give different numbers,
// all above 001-001-998, so every one is checksum-checked.
func SNILS(n int) string {
	v := 2_000_000 + n
	var d [9]int
	for i := 8; i >= 0; i-- {
		d[i] = v % 10
		v /= 10
	}
	sum := 0
	for i, x := range d {
		sum += x * (9 - i)
	}
	var check int
	switch {
	case sum < 100:
		check = sum
	case sum <= 101:
		check = 0
	default:
		check = sum % 101
		if check == 100 {
			check = 0
		}
	}
	return fmt.Sprintf("%d%d%d%d%d%d%d%d%d%02d", d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], check)
}

// INN returns the n-th valid 12-digit INN of a person (n from 0 to
// 9 999 999), with correct check digits. Different n give different
// numbers.
func INN(n int) string {
	var d [12]int
	v := 7700000000 + n
	for i := 9; i >= 0; i-- {
		d[i] = v % 10
		v /= 10
	}
	w11 := [10]int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
	w12 := [11]int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
	s := 0
	for i, w := range w11 {
		s += d[i] * w
	}
	d[10] = s % 11 % 10
	s = 0
	for i, w := range w12 {
		s += d[i] * w
	}
	d[11] = s % 11 % 10
	b := make([]byte, 12)
	for i, x := range d {
		b[i] = byte('0' + x)
	}
	return string(b)
}

// Passport returns the n-th valid passport series and number as 10
// digits; different n give different numbers.
func Passport(n int) string {
	return fmt.Sprintf("%04d%06d", 4500+n/999_999, n%999_999+1)
}

var (
	surnames   = []string{"Иванов", "Петров", "Сидоров", "Семёнов", "Кузнецов", "Смирнов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Егоров", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв"}
	names      = []string{"Иван", "Пётр", "Сергей", "Алексей", "Андрей", "Дмитрий", "Михаил", "Николай", "Олег", "Павел", "Юрий", "Артём"}
	femNames   = []string{"Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Юлия", "Алёна", "Дарья", "Ксения"}
	fatherName = []string{"Иван", "Петр", "Сергей", "Алексей", "Андрей", "Дмитрий", "Михаил", "Николай"}
)

// Person returns the n-th synthetic person, deterministic and valid: a
// surname from a list of common ones (feminine for even n), a name, a
// patronymic, a birth date between 1940 and 2009, SNILS(n), INN(n) for n
// below ten million, a passport Passport(n) and the applicant role. The
// ID, Version and times are left for the register.
func Person(n int) subject.Person {
	female := n%2 == 0
	sur := surnames[n%len(surnames)]
	name := names[(n/7)%len(names)]
	father := fatherName[(n/3)%len(fatherName)]
	patr := father + "ович"
	if father == "Николай" || father == "Андрей" || father == "Алексей" || father == "Сергей" || father == "Дмитрий" {
		patr = father[:len(father)-len("й")] + "евич"
	}
	if female {
		sur += "а"
		name = femNames[(n/7)%len(femNames)]
		patr = patr[:len(patr)-len("ич")] + "на"
	}
	sex := subject.SexMale
	if female {
		sex = subject.SexFemale
	}
	birth := subject.Date{Year: 1940, Month: time.January, Day: 1}.AddDays((n * 7919) % (70 * 365))
	p := subject.Person{
		Surname: sur, Name: name, Patronymic: patr,
		BirthDate: birth, BirthPlace: "г. Москва", Sex: sex,
		SNILS:     subject.SNILS(SNILS(n)),
		Documents: []subject.IdentityDocument{{Type: document.TypePassportRF, Number: subject.DocumentNumber(Passport(n))}},
		Roles:     []subject.Role{subject.RoleApplicant},
	}
	if n < 10_000_000 {
		p.INN = subject.INN(INN(n))
	}
	return p
}

// SequentialIDs returns an ID source that gives the UUIDs
// 00000000-0000-4000-8000-000000000001, …-000000000002 and so on, in call
// order, so that IDs sort in creation order as UUIDv7 do. It is safe for
// concurrent use; each call starts its own sequence.
func SequentialIDs() func() (uuid.UUID, error) {
	var n atomic.Uint64
	return func() (uuid.UUID, error) {
		v := n.Add(1)
		var u uuid.UUID
		u[6], u[8] = 0x40, 0x80
		for i := 15; i >= 10; i-- {
			u[i] = byte(v)
			v >>= 8
		}
		return u, nil
	}
}

// FixedClock returns a clock that always reads t.
func FixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }
