package address

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold returns s as names are compared: lower case, ё as е, runs of white
// space as one space, no space at the ends. Two names are the same name when
// their folds are equal.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune folds one rune: lower case, ё as е.
func foldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case 'А' <= r && r <= 'Я':
		return r + 'а' - 'А'
	case r == 'ё' || r == 'Ё':
		return 'е'
	case 'а' <= r && r <= 'я':
		return r
	}
	return unicode.ToLower(r)
}

// FoldCut compares name, folded on the fly, with q, which must be folded
// already (see Fold). It reports whether the fold of name equals q and
// whether q is a prefix of it. It does not allocate, which makes it the
// comparison of choice on search paths.
func FoldCut(name, q string) (equal, prefix bool) {
	i := 0
	space := false
	started := false
	for _, r := range name {
		if unicode.IsSpace(r) {
			space = started
			continue
		}
		if space {
			if i == len(q) {
				return false, true
			}
			if q[i] != ' ' {
				return false, false
			}
			i++
			space = false
		}
		started = true
		if i == len(q) {
			return false, true
		}
		f := foldRune(r)
		qr, n := utf8.DecodeRuneInString(q[i:])
		if qr != f {
			return false, false
		}
		i += n
	}
	if i == len(q) {
		return true, true
	}
	return false, false
}

// typeKey is the classifier key of a type short name: folded, with the
// trailing dots dropped, so that «ул», «ул.» and «Ул.» are one key.
func typeKey(short string) string {
	return strings.TrimRight(Fold(short), ".")
}

// foldHash returns the FNV-1a hash of the fold of s, computed without
// building the fold: equal folds hash equal.
func foldHash(s string) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	add := func(r rune) {
		for v := uint32(r); ; v >>= 8 {
			h ^= uint64(v & 0xff)
			h *= prime
			if v < 0x100 {
				return
			}
		}
	}
	space, started := false, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = started
			continue
		}
		if space {
			add(' ')
			space = false
		}
		started = true
		add(foldRune(r))
	}
	return h
}
