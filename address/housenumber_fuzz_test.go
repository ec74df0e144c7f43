package address_test

import (
	"errors"
	"testing"

	"github.com/openzhkh/zhkh/address"
)

func FuzzParseHouseNumber(f *testing.F) {
	for _, s := range []string{
		"", " ", "5", "10А", "10 а", "10-а", "12/1", "12/1А", "12а/1", "д.43", "дом 7 корпус 1",
		"влд 3", "домовладение 12", "5к2", "5К2С1", "5к2с1", "5 корп. 2 стр. 1", "  5 , к.2 ",
		"5 к 2А", "10А лит. Б", "10Алит.Б", "10 лит А1", "5 соор. 1", "стр. 1", "корп. 3",
		"лит. А", "5к", "5с", "5 к", "5ак2", "10ё", "СТРОЁНИЕ 2", "5 к1 к2", "5 к.", "5 xyz",
		"12/", "12-1", "5-к2", ",,,", "#!?", "5 \xff", "10 лит. к", "5 лит. корп",
		"5 корпус 2 строение 3 сооружение 4 литера Б", "1234567890123456789к1234567890123456789",
		"д 12/1а к 3 стр 2 соор 1 лит б", "лит.А1к2", "5кс1", "5 к 2 с", "двлд. 8", "владение 3 строение 2",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := address.ParseHouseNumber(s)
		if err != nil {
			if !h.IsZero() {
				t.Fatalf("ParseHouseNumber(%q) = %+v with error %v; want the zero HouseNumber", s, h, err)
			}
			var ve *address.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("ParseHouseNumber(%q): error %T %v is not a *ValidationError", s, err, err)
			}
			if len(ve.Violations) == 0 {
				t.Fatalf("ParseHouseNumber(%q): no violations", s)
			}
			for _, v := range ve.Violations {
				switch v.Code {
				case address.CodeHouseNumberEmpty, address.CodeHouseNumberInvalid, address.CodeHouseNumberDuplicate:
				default:
					t.Fatalf("ParseHouseNumber(%q): unexpected code %q", s, v.Code)
				}
				if v.Field != "house_number" || v.Message == "" {
					t.Fatalf("ParseHouseNumber(%q): bad violation %+v", s, v)
				}
			}
			return
		}
		if h.IsZero() {
			t.Fatalf("ParseHouseNumber(%q) succeeded with the zero HouseNumber", s)
		}
		canon := h.String()
		again, err := address.ParseHouseNumber(canon)
		if err != nil {
			t.Fatalf("ParseHouseNumber(%q) = %+v, but its String %q does not parse: %v", s, h, canon, err)
		}
		if again != h {
			t.Fatalf("ParseHouseNumber(%q) = %+v, but its String %q parses to %+v", s, h, canon, again)
		}
	})
}
