package address_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/address"
)

func TestParseHouseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want address.HouseNumber
	}{
		// The main number.
		{"5", address.HouseNumber{Number: "5"}},
		{"10А", address.HouseNumber{Number: "10А"}},
		{"10а", address.HouseNumber{Number: "10А"}},
		{"10 а", address.HouseNumber{Number: "10А"}},
		{"10-а", address.HouseNumber{Number: "10А"}},
		{"10 - а", address.HouseNumber{Number: "10А"}},
		{"10–а", address.HouseNumber{Number: "10А"}},
		{"12/1", address.HouseNumber{Number: "12/1"}},
		{"12/1А", address.HouseNumber{Number: "12/1А"}},
		{"12а/1", address.HouseNumber{Number: "12А/1"}},
		{"12 / 1 а", address.HouseNumber{Number: "12/1А"}},
		{"007", address.HouseNumber{Number: "007"}},
		{"10b", address.HouseNumber{Number: "10B"}},

		// The house keyword.
		{"д.43", address.HouseNumber{Number: "43"}},
		{"д. 43", address.HouseNumber{Number: "43"}},
		{"д43", address.HouseNumber{Number: "43"}},
		{"Д 5а", address.HouseNumber{Number: "5А"}},
		{"дом 7 корпус 1", address.HouseNumber{Number: "7", Corpus: "1"}},
		{"дом. 7", address.HouseNumber{Number: "7"}},
		{"влд 3", address.HouseNumber{Number: "3"}},
		{"владение 3 строение 2", address.HouseNumber{Number: "3", Building: "2"}},
		{"двлд. 8", address.HouseNumber{Number: "8"}},
		{"домовладение 12", address.HouseNumber{Number: "12"}},

		// Elements, glued and spaced.
		{"5к2", address.HouseNumber{Number: "5", Corpus: "2"}},
		{"5К2С1", address.HouseNumber{Number: "5", Corpus: "2", Building: "1"}},
		{"5к2с1", address.HouseNumber{Number: "5", Corpus: "2", Building: "1"}},
		{"12с1", address.HouseNumber{Number: "12", Building: "1"}},
		{"5 корп. 2 стр. 1", address.HouseNumber{Number: "5", Corpus: "2", Building: "1"}},
		{"5, корп. 2", address.HouseNumber{Number: "5", Corpus: "2"}},
		{"  5 , к.2 ", address.HouseNumber{Number: "5", Corpus: "2"}},
		{"5 к 2А", address.HouseNumber{Number: "5", Corpus: "2А"}},
		{"5к2а", address.HouseNumber{Number: "5", Corpus: "2А"}},
		{"5 корпус 2 строение 3 сооружение 4 литера Б",
			address.HouseNumber{Number: "5", Corpus: "2", Building: "3", Structure: "4", Liter: "Б"}},
		{"5 соор. 1", address.HouseNumber{Number: "5", Structure: "1"}},
		{"5соор1", address.HouseNumber{Number: "5", Structure: "1"}},
		{"5 стр 1 корп 2", address.HouseNumber{Number: "5", Corpus: "2", Building: "1"}},
		{"5,,к2,,с1", address.HouseNumber{Number: "5", Corpus: "2", Building: "1"}},
		{"5\tк.\u00a02", address.HouseNumber{Number: "5", Corpus: "2"}},

		// Литера.
		{"10А лит. Б", address.HouseNumber{Number: "10А", Liter: "Б"}},
		{"10Алит.Б", address.HouseNumber{Number: "10А", Liter: "Б"}},
		{"10 лит А1", address.HouseNumber{Number: "10", Liter: "А1"}},
		{"10 литер б", address.HouseNumber{Number: "10", Liter: "Б"}},
		{"10 литера аб", address.HouseNumber{Number: "10", Liter: "АБ"}},
		{"10 лит. к", address.HouseNumber{Number: "10", Liter: "К"}},
		{"5к2лит.Б", address.HouseNumber{Number: "5", Corpus: "2", Liter: "Б"}},

		// ё is е; case does not matter.
		{"10ё", address.HouseNumber{Number: "10Е"}},
		{"10 лит. Ё", address.HouseNumber{Number: "10", Liter: "Е"}},
		{"ДОМ 5 КОРПУС 2 СТРОЁНИЕ 1", address.HouseNumber{Number: "5", Corpus: "2", Building: "1"}},
		{"5 СООРУЖЁНИЕ 3", address.HouseNumber{Number: "5", Structure: "3"}},

		// A single letter without a value is the number's letter.
		{"5к", address.HouseNumber{Number: "5К"}},
		{"5с", address.HouseNumber{Number: "5С"}},
		{"5 к", address.HouseNumber{Number: "5К"}},
		{"5к, стр. 1", address.HouseNumber{Number: "5К", Building: "1"}},
		{"5ак2", address.HouseNumber{Number: "5А", Corpus: "2"}},

		// Only an element, no main number.
		{"стр. 1", address.HouseNumber{Building: "1"}},
		{"с1", address.HouseNumber{Building: "1"}},
		{"корп. 3", address.HouseNumber{Corpus: "3"}},
		{"корп. 3, стр. 2", address.HouseNumber{Corpus: "3", Building: "2"}},
		{"лит. А", address.HouseNumber{Liter: "А"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := address.ParseHouseNumber(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)

			again, err := address.ParseHouseNumber(got.String())
			require.NoError(t, err, "canonical form %q", got.String())
			assert.Equal(t, got, again, "canonical form %q", got.String())
		})
	}
}

func TestParseHouseNumberErrors(t *testing.T) {
	tests := []struct {
		in       string
		code     string
		fragment string // expected in the message
	}{
		{"", address.CodeHouseNumberEmpty, "Не указан номер дома"},
		{"   ", address.CodeHouseNumberEmpty, "Не указан номер дома"},
		{"\t\u00a0\n", address.CodeHouseNumberEmpty, "Не указан номер дома"},
		{"xyz", address.CodeHouseNumberInvalid, "«xyz»"},
		{"5 xyz", address.CodeHouseNumberInvalid, "«xyz»"},
		{"5xyz", address.CodeHouseNumberInvalid, "«xyz»"},
		{"5 аб", address.CodeHouseNumberInvalid, "«аб»"},
		{"корп", address.CodeHouseNumberInvalid, "«корп»"},
		{"5 корп.", address.CodeHouseNumberInvalid, "«корп.»"},
		{"5 к.", address.CodeHouseNumberInvalid, "«к.»"},
		{"5, к", address.CodeHouseNumberInvalid, "«к»"},
		{"5 лит.", address.CodeHouseNumberInvalid, "«лит.»"},
		{"5 лит. корп", address.CodeHouseNumberInvalid, "«лит.»"},
		{"д.", address.CodeHouseNumberInvalid, "«д.»"},
		{"дом корп 2", address.CodeHouseNumberInvalid, "«дом»"},
		{"5 дом 6", address.CodeHouseNumberInvalid, "«дом»"},
		{"5 6", address.CodeHouseNumberInvalid, "«6»"},
		{"10а2", address.CodeHouseNumberInvalid, "«2»"},
		{"12-1", address.CodeHouseNumberInvalid, "«-1»"},
		{"12/", address.CodeHouseNumberInvalid, "«/»"},
		{"12/1/2", address.CodeHouseNumberInvalid, "«/2»"},
		{"5-к2", address.CodeHouseNumberInvalid, "«-к2»"},
		{"литБ", address.CodeHouseNumberInvalid, "«литБ»"},
		{"10а.", address.CodeHouseNumberInvalid, "«а.»"},
		{"#!?", address.CodeHouseNumberInvalid, "«#!?»"},
		{",,,", address.CodeHouseNumberInvalid, "«,,,»"},
		{"5 cтроение 1", address.CodeHouseNumberInvalid, "«cтроение»"}, // Latin c
		{"5 к ２", address.CodeHouseNumberInvalid, "«２»"},               // fullwidth digit
		{"5 \xff", address.CodeHouseNumberInvalid, "«\uFFFD»"},
		{"123456789012345678901", address.CodeHouseNumberInvalid, "длиннее 20 символов"},
		{"5 лит. абвгдежзиклмнопрстуфх", address.CodeHouseNumberInvalid, "длиннее 20 символов"},
		{strings.Repeat("1", 101), address.CodeHouseNumberInvalid, "длиннее 100 символов"},
		{"5 к1 к2", address.CodeHouseNumberDuplicate, "Корпус указан дважды"},
		{"5к1к2", address.CodeHouseNumberDuplicate, "Корпус указан дважды"},
		{"5 стр. 1 с 2", address.CodeHouseNumberDuplicate, "Строение указано дважды"},
		{"5 соор 1 сооружение 2", address.CodeHouseNumberDuplicate, "Сооружение указано дважды"},
		{"5 лит. А литера Б", address.CodeHouseNumberDuplicate, "Литера указана дважды"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := address.ParseHouseNumber(tt.in)
			require.Error(t, err)
			assert.True(t, got.IsZero(), "result on error: %+v", got)
			assert.ErrorIs(t, err, address.ErrInvalid)

			var ve *address.ValidationError
			require.True(t, errors.As(err, &ve), "error %T is not a *ValidationError", err)
			require.NotEmpty(t, ve.Violations)
			assert.True(t, address.HasCode(err, tt.code), "codes: %+v", ve.Violations)
			for _, v := range ve.Violations {
				assert.Equal(t, "house_number", v.Field)
			}
			assert.Contains(t, err.Error(), tt.fragment)
		})
	}
}

func TestParseHouseNumberSeveralDuplicates(t *testing.T) {
	_, err := address.ParseHouseNumber("5 к1 с1 к2 с2")
	var ve *address.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []address.Violation{
		{Field: "house_number", Code: address.CodeHouseNumberDuplicate, Message: "Корпус указан дважды"},
		{Field: "house_number", Code: address.CodeHouseNumberDuplicate, Message: "Строение указано дважды"},
	}, ve.Violations)
}

func TestParseHouseNumberInvalidMessage(t *testing.T) {
	_, err := address.ParseHouseNumber("5 xyz")
	var ve *address.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Violations, 1)
	assert.Equal(t, "Не удалось разобрать номер дома: непонятный фрагмент «xyz»", ve.Violations[0].Message)
}

func TestHouseNumberString(t *testing.T) {
	tests := []struct {
		h    address.HouseNumber
		want string
	}{
		{address.HouseNumber{}, ""},
		{address.HouseNumber{Number: "5"}, "5"},
		{address.HouseNumber{Number: "5", Corpus: "2", Building: "1", Liter: "Б"}, "5, корп. 2, стр. 1, лит. Б"},
		{address.HouseNumber{Number: "5", Corpus: "2", Building: "1", Structure: "3", Liter: "Б"},
			"5, корп. 2, стр. 1, соор. 3, лит. Б"},
		{address.HouseNumber{Building: "1"}, "стр. 1"},
		{address.HouseNumber{Corpus: "3", Liter: "А"}, "корп. 3, лит. А"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.h.String())
		})
	}
}

func TestHouseNumberIsZero(t *testing.T) {
	assert.True(t, address.HouseNumber{}.IsZero())
	assert.False(t, address.HouseNumber{Liter: "А"}.IsZero())
}

func TestParseHouseNumberLongCanonicalForm(t *testing.T) {
	// 100 runes of input whose canonical form would be longer than 100.
	in := "1234567890123456789" + "к1234567890123456789" + "с1234567890123456789" +
		"соор123456789012345" + "лит.АБВГДЕЖ"
	require.LessOrEqual(t, len([]rune(in)), 100)
	_, err := address.ParseHouseNumber(in)
	require.Error(t, err)
	assert.True(t, address.HasCode(err, address.CodeHouseNumberInvalid))
}

func BenchmarkParseHouseNumber(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = address.ParseHouseNumber("д. 5 корп. 2 стр. 1")
	}
}
