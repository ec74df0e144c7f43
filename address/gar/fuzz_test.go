package gar_test

import (
	"os"
	"slices"
	"testing"
)

// FuzzScanner checks that for any input the Scanner agrees with the
// reference reader built on encoding/xml (refScan), in the sense of
// agreement: the same records with the same names, attribute values,
// offsets and lines, and an error on one side exactly when there is one on
// the other; it also checks that reading in one-byte pieces through a
// tiny buffer and reading in half-reads give the same records and the same
// error (code, offset, line) as reading the whole input at once.
//
// The seeds are the synthetic fixtures and short inputs around the edges
// of the grammar (entities, line ends, declarations, end tags), so that
// the fuzzer starts from documents both sides accept and mutates them into
// near misses.
func FuzzScanner(f *testing.F) {
	for _, p := range xmlFiles(f, "testdata") {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		`<R><A X="1"/></R>`,
		`<?xml version="1.0" encoding="UTF-8"?><R/>`,
		`<?xml version='1.0' encoding="utf-8" ?>` + "\r\n" + `<R>` + "\r\n" + `<A X='a"b' Y="c'd"/></R>`,
		`<?xml version="1.1"?><R/>`,
		`<?xml encoding="latin1"?><R/>`,
		`<?xml?><R/>`,
		`<?xmlx?><R/>`,
		`<R><A X="&#x10FFFF;&#xD800;&#1114112;&#X41;&#;&#x;"/></R>`,
		`<R><A X="&#65" Y="&amp"/></R>`,
		`<R><A X="&lt;&gt;&amp;&apos;&quot;&LT;"/></R>`,
		"<R><A X=\"a\r\r\nb\r&#10;\n\"/></R>",
		"<R><A X=\"\xef\xbf\xbe\xef\xbf\xbd\xed\xa0\x80\"/></R>",
		`<R><A X="1"Y="2"/></R>`,
		`<R><A X="1"></A><B></B ></R >`,
		`<R><A X="1"> <B/> </A></R>`,
		`<R><A X="]]>"/></R>`,
		`<R>]]></R>`,
		`<R><![CDATA[x]]></R>`,
		`<R>&#32;</R>`,
		`<R><a:A/></R>`,
		`<R><A a:X="1"/></R>`,
		`<R><A xmlns:a="u" a:X="1"/></R>`,
		"<R><\xc3\xa9/></R>",
		`<R><A X="1" X="1"/></R>`,
		`<R/>  `,
		`<R></R><R/>`,
		"\xef\xbb\xbf\xef\xbb\xbf<R/>",
		`</R>`,
		`<R><A/></R`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<14 {
			t.Skip("the one-byte run is quadratic in the record length")
		}
		if msg, ok := agreement(data); !ok {
			t.Fatalf("%s\ninput: %q", msg, data)
		}
	})
}

// fuzzTokens are the pieces FuzzScannerTokens builds documents from: the
// XML markup of GAR files and the near misses around it (entities and
// character references of every form, line ends, quotes, byte order marks,
// invalid UTF-8, characters XML forbids, comments, CDATA, namespaces).
// Plain byte mutations rarely spell "&#11;" or "encoding='utf8'"; token
// mutations do.
var fuzzTokens = []string{
	`<?xml version="1.0" encoding="utf-8"?>`, "<?xml", "?>", " version=", " encoding=", " standalone=",
	`"1.0"`, `'1.1'`, `"UTF-8"`, `'utf8'`, "\uFEFF",
	"<R>", "</R>", "<R/>", "<A", "<B", "</A>", "</B>", "<a:A", "/>", ">", "/", "<", "</",
	" ", "\t", "\n", "\r", "\r\n",
	` X="`, ` Y='`, " X", " Y", "X", "=", `"`, "'",
	"&", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#", "&#x", "&#X", ";",
	"0", "1", "9", "a", "F", "B", "11", "12", "13", "31", "32", "127", "55296", "65534", "1114112",
	"D7FF", "D800", "DFFF", "E000", "FFFD", "FFFE", "FFFF", "10000", "10FFFF", "110000", "0000000041", "&nbsp;", "&lt",
	"<!--", "-->", "--", "<![CDATA[", "]]>", "<!DOCTYPE R>", "<?pi x?>",
	"é", "Ж", "\xff", "\xc3", "\xef\xbf\xbe", "\xef\xbf\xbd", "\xed\xa0\x80", "\x00", "\x0b", "\x7f", "\xc2\x85", "😀",
	":", "-", ".", "_", "xmlns", "?", "!", "[", "]", "text",
}

// tokenDoc builds a document from data, one token per byte.
func tokenDoc(data []byte) []byte {
	var out []byte
	for _, b := range data {
		out = append(out, fuzzTokens[int(b)%len(fuzzTokens)]...)
	}
	return out
}

// tokenSeed encodes a sequence of tokens as fuzz input.
func tokenSeed(tb testing.TB, toks ...string) []byte {
	var out []byte
	for _, tok := range toks {
		i := slices.Index(fuzzTokens, tok)
		if i < 0 {
			tb.Fatalf("no token %q", tok)
		}
		out = append(out, byte(i))
	}
	return out
}

// FuzzScannerTokens is FuzzScanner over documents assembled from
// fuzzTokens, with the same notion of agreement.
func FuzzScannerTokens(f *testing.F) {
	decl := `<?xml version="1.0" encoding="utf-8"?>`
	f.Add(tokenSeed(f, decl, "<R>", "<A", ` X="`, "1", `"`, "/>", "</R>"))
	f.Add(tokenSeed(f, "\uFEFF", decl, "\r\n", "<R>", "\r\n", "<A", "\r\n", ` X="`, "&#", "9", ";", "&amp;", `"`, ` Y='`, "Ж", "'", "/>", "\r\n", "</R>"))
	f.Add(tokenSeed(f, "<?xml", " version=", `"1.0"`, " encoding=", `"UTF-8"`, "?>", "<R>", "<A", ` X="`, "&#x", "10FFFF", ";", `"`, ">", "</A>", "</R>"))
	f.Add(tokenSeed(f, "<R>", "<A", " X", "=", "'", "a", "\r", "\n", "&lt;", "'", "/>", "<B", "/>", "</R>", "\n"))
	f.Add(tokenSeed(f, "<R/>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<11 {
			t.Skip("long enough")
		}
		doc := tokenDoc(data)
		if msg, ok := agreement(doc); !ok {
			t.Fatalf("%s\ninput: %q", msg, doc)
		}
	})
}
