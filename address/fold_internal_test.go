package address

import (
	"strings"
	"testing"
)

// FuzzFoldCut checks the allocation-free comparison against Fold.
func FuzzFoldCut(f *testing.F) {
	for _, s := range [][2]string{
		{"Ленина", "лен"}, {"Берёзовая", "березовая"}, {"1  Мая", "1 ма"}, {" x", "x"},
		{"ул. 8 Марта", "ул. 8 марта"}, {"", ""}, {"abc", ""}, {"\xff", "\xff"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, name, q string) {
		fq := Fold(q)
		fn := Fold(name)
		eq, pre := FoldCut(name, fq)
		if eq != (fn == fq) {
			t.Fatalf("FoldCut(%q, %q) equal = %v, Fold gives %q", name, fq, eq, fn)
		}
		if pre != strings.HasPrefix(fn, fq) {
			t.Fatalf("FoldCut(%q, %q) prefix = %v, Fold gives %q", name, fq, pre, fn)
		}
		if Fold(fn) != fn {
			t.Fatalf("Fold is not idempotent on %q", name)
		}
	})
}
