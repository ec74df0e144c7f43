package gar_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/gar"
	"github.com/openzhkh/zhkh/internal/fault"
)

// agreement runs the Scanner three ways (whole input at once; one byte per
// read with a 3-byte buffer that has to grow; half reads with a 64-byte
// buffer) and the reference, and reports a difference as an error. The
// Scanner agrees with the reference when it yields the same records
// (element name, attribute names and values in order, offset and line of
// each record) and both stop with an error or both without; when both
// fail, the records before the failure must match too. The three Scanner
// runs must also fail with the same code at the same offset.
func agreement(data []byte) (string, bool) {
	want, wantErr := refScan(data)
	type run struct {
		name string
		r    io.Reader
		opts []gar.Option
	}
	runs := []run{
		{"whole", bytes.NewReader(data), nil},
		{"one-byte", iotest.OneByteReader(bytes.NewReader(data)), []gar.Option{gar.WithBufferSize(3)}},
		{"half", iotest.HalfReader(bytes.NewReader(data)), []gar.Option{gar.WithBufferSize(64)}},
	}
	var firstErr *gar.ParseError
	for i, r := range runs {
		got, err := scanAll(r.r, r.opts...)
		if (err == nil) != (wantErr == nil) {
			return r.name + ": scanner error " + errString(err) + ", reference error " + errString(wantErr), false
		}
		if !equalRecs(got, want) {
			return r.name + ": records differ:\n got " + recsString(got) + "\nwant " + recsString(want), false
		}
		if err == nil {
			continue
		}
		var pe *gar.ParseError
		if !errors.As(err, &pe) || !errors.Is(err, fault.Invalid) {
			return r.name + ": error is not a *ParseError matching fault.Invalid: " + err.Error(), false
		}
		if i == 0 {
			firstErr = pe
		} else if pe.Code != firstErr.Code || pe.Offset != firstErr.Offset || pe.Line != firstErr.Line {
			return r.name + ": error " + pe.Error() + " differs from " + firstErr.Error(), false
		}
	}
	return "", true
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func equalRecs(a, b []rec) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].String() != b[i].String() {
			return false
		}
	}
	return true
}

func recsString(rs []rec) string {
	var b strings.Builder
	for i, r := range rs {
		if i == 8 {
			b.WriteString(" …")
			break
		}
		b.WriteString(r.String())
		b.WriteString("; ")
	}
	return b.String()
}

func TestScannerAgreesWithEncodingXMLOnFixtures(t *testing.T) {
	t.Parallel()
	for _, p := range xmlFiles(t, "testdata") {
		t.Run(filepath.ToSlash(p), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			msg, ok := agreement(data)
			require.True(t, ok, msg)
			_, err = scanAll(bytes.NewReader(data))
			if strings.HasPrefix(filepath.Base(p), "bad_") {
				require.Error(t, err, "a broken fixture must fail")
			} else {
				require.NoError(t, err)
			}
		})
	}
}

func TestScannerAgreesWithEncodingXMLOnRealSamples(t *testing.T) {
	t.Parallel()
	dir := samplesDir(t)
	files := xmlFiles(t, dir)
	for _, p := range files {
		rel, _ := filepath.Rel(dir, p)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			msg, ok := agreement(data)
			require.True(t, ok, msg)
			_, err = scanAll(bytes.NewReader(data))
			require.NoError(t, err)
		})
	}
}

func TestScannerRecords(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		input string
		want  []rec
	}{
		{
			name:  "self-closing, single line",
			input: `<?xml version="1.0" encoding="utf-8"?><R><A X="1" Y="2"/><B/></R>`,
			want: []rec{
				{Name: "A", Attrs: [][2]string{{"X", "1"}, {"Y", "2"}}, Offset: 41, Line: 1},
				{Name: "B", Offset: 57, Line: 1},
			},
		},
		{
			name:  "BOM and CRLF, attributes across lines",
			input: "\uFEFF<?xml version=\"1.0\"?>\r\n<R>\r\n  <A\r\n    X='1'\r\n    Y = \"2\" />\r\n</R>\r\n",
			want:  []rec{{Name: "A", Attrs: [][2]string{{"X", "1"}, {"Y", "2"}}, Offset: 33, Line: 3}},
		},
		{
			name:  "entities and character references",
			input: `<R><A V="&lt;&gt;&amp;&quot;&apos;&#1046;&#x416;&#x1f600;"/></R>`,
			want:  []rec{{Name: "A", Attrs: [][2]string{{"V", `<>&"'ЖЖ😀`}}, Offset: 3, Line: 1}},
		},
		{
			name:  "line ends in values are normalised like encoding/xml",
			input: "<R><A V=\"a\r\nb\rc\" W=\"&#13;\"/></R>",
			want:  []rec{{Name: "A", Attrs: [][2]string{{"V", "a\nb\nc"}, {"W", "\r"}}, Offset: 3, Line: 1}},
		},
		{
			name:  "explicit end tag",
			input: "<R><A V=\"1\">\n</A></R>",
			want:  []rec{{Name: "A", Attrs: [][2]string{{"V", "1"}}, Offset: 3, Line: 1}},
		},
		{
			name:  "empty root",
			input: `<ITEMS />`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := scanAll(strings.NewReader(tc.input))
			require.NoError(t, err)
			assert.Equal(t, recsString(tc.want), recsString(got))
			msg, ok := agreement([]byte(tc.input))
			assert.True(t, ok, msg)
		})
	}
}

func TestScannerErrors(t *testing.T) {
	t.Parallel()
	const decl = `<?xml version="1.0" encoding="utf-8"?>`
	cases := []struct {
		name   string
		input  string
		code   string
		line   int
		offset int64
		record int
	}{
		{"empty input", "", gar.CodeTruncated, 1, 0, 0},
		{"truncated inside a record", decl + "\n<R>\n<A X=\"1\" Y=\"2", gar.CodeTruncated, 3, 56, 1},
		{"truncated after a record", decl + "<R><A/>", gar.CodeTruncated, 1, 45, 0},
		{"unclosed tag", decl + `<R><A X="1" <B/></R>`, gar.CodeMalformed, 1, 50, 1},
		{"attribute without value", decl + `<R><A X/></R>`, gar.CodeMalformed, 1, 45, 1},
		{"unquoted value", decl + `<R><A X=1/></R>`, gar.CodeMalformed, 1, 46, 1},
		{"mismatched root end", decl + `<R><A/></Q>`, gar.CodeMalformed, 1, 45, 0},
		{"garbage between records", decl + "<R><A/>\n  junk<B/></R>", gar.CodeMalformed, 2, 48, 0},
		{"duplicate attribute", decl + `<R><A X="1" Y="2" X="3"/></R>`, gar.CodeDuplicateAttr, 1, 56, 1},
		{"invalid UTF-8", decl + "<R><A X=\"\xff\"/></R>", gar.CodeEncoding, 1, 47, 1},
		{"illegal character", decl + "<R><A X=\"\x0b\"/></R>", gar.CodeEncoding, 1, 47, 1},
		{"unknown entity", decl + `<R><A X="&nbsp;"/></R>`, gar.CodeEntity, 1, 47, 1},
		{"reference to NUL", decl + `<R><A X="&#0;"/></R>`, gar.CodeEncoding, 1, 47, 1},
		{"< in value", decl + `<R><A X="<"/></R>`, gar.CodeMalformed, 1, 47, 1},
		{"nested element", decl + `<R><A><B/></A></R>`, gar.CodeMalformed, 1, 44, 1},
		{"comment", decl + `<R><!-- x --><A/></R>`, gar.CodeMalformed, 1, 41, 1},
		{"content after root", decl + `<R/><R/>`, gar.CodeMalformed, 1, 42, 0},
		{"encoding not UTF-8", `<?xml version="1.0" encoding="koi8-r"?><R/>`, gar.CodeEncoding, 1, 0, 0},
		{"version not 1.0", `<?xml version="1.1"?><R/>`, gar.CodeEncoding, 1, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := scanAll(strings.NewReader(tc.input), gar.WithFile("AS_TEST.XML"))
			require.Error(t, err)
			var pe *gar.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.code, pe.Code, err.Error())
			assert.Equal(t, tc.line, pe.Line, "line")
			assert.Equal(t, tc.offset, pe.Offset, "offset")
			assert.Equal(t, tc.record, pe.Record, "record")
			assert.Equal(t, "AS_TEST.XML", pe.File)
			assert.ErrorIs(t, err, fault.Invalid)
			assert.ErrorIs(t, err, address.ErrInvalid)
			assert.Contains(t, err.Error(), "AS_TEST.XML, строка ")
			msg, ok := agreement([]byte(tc.input))
			assert.True(t, ok, msg)
		})
	}
}

func TestScannerKindCheck(t *testing.T) {
	t.Parallel()
	_, err := scanAll(strings.NewReader(`<PARAMS><PARAM ID="1"/></PARAMS>`), gar.WithKind(gar.KindHouses))
	var pe *gar.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, gar.CodeElement, pe.Code)
	_, err = scanAll(strings.NewReader(`<PARAMS><PARAM ID="1"/></PARAMS>`), gar.WithKind(gar.KindHousesParams))
	require.NoError(t, err)
}

func TestScannerTooLarge(t *testing.T) {
	t.Parallel()
	long := `<R><A X="` + strings.Repeat("x", 5000) + `"/></R>`
	_, err := scanAll(strings.NewReader(long), gar.WithBufferSize(512), gar.WithMaxRecordSize(1024))
	var pe *gar.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, gar.CodeTooLarge, pe.Code)
	assert.Equal(t, int64(3), pe.Offset)
	// The same record fits when the limit allows it: the buffer grows.
	got, err := scanAll(strings.NewReader(long), gar.WithBufferSize(512))
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Len(t, got[0].Attrs[0][1], 5000)
}

func TestScannerReadError(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	r := io.MultiReader(strings.NewReader(`<R><A X="1"/>`), iotest.ErrReader(boom))
	got, err := scanAll(r)
	require.Len(t, got, 1)
	require.ErrorIs(t, err, boom)
	var pe *gar.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, gar.CodeIO, pe.Code)
	assert.NotErrorIs(t, err, fault.Invalid, "a read failure is not invalid input")
}

func TestRecordAccessors(t *testing.T) {
	t.Parallel()
	sc := gar.NewScanner(strings.NewReader("<HOUSES>\n<HOUSE ID=\"7\" HOUSENUM=\"5&quot;А&quot;\"/>\n</HOUSES>"), gar.WithFile("f.XML"))
	require.True(t, sc.Next())
	r := sc.Record()
	assert.Equal(t, "HOUSE", r.Name())
	assert.Equal(t, "HOUSES", sc.Root())
	v, ok := r.Attr("HOUSENUM")
	require.True(t, ok)
	assert.Equal(t, `5"А"`, string(v))
	_, ok = r.Attr("NOPE")
	assert.False(t, ok)
	assert.Len(t, r.Attrs(), 2)
	assert.Equal(t, 2, r.Line())
	assert.Equal(t, int64(9), r.Offset())
	assert.Equal(t, 1, r.Index())
	assert.Equal(t, "f.XML", r.File())
	assert.Equal(t, "f.XML", sc.File())
	assert.False(t, sc.Next())
	require.NoError(t, sc.Err())
	assert.False(t, sc.Next(), "Next stays false at the end")
}

// TestScannerHugeSingleLine reads a 50 MB AS_HOUSES document written on
// one line, generated on the fly, and checks that the heap stays small:
// the Scanner must not hold the line.
func TestScannerHugeSingleLine(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	const size = 50 << 20
	gen := newHousesGen(size, false)
	peak, n, err := measurePeak(func() (int, error) {
		sc := gar.NewScanner(gen)
		n := 0
		for sc.Next() {
			n++
		}
		if sc.Line() != 1 {
			return n, errors.New("expected one line")
		}
		return n, sc.Err()
	})
	require.NoError(t, err)
	assert.Equal(t, gen.records, n)
	assert.Less(t, peak, uint64(16<<20), "peak heap %d bytes", peak)
	runtime.KeepAlive(gen)
}

// TestScannerAgreesOnCharRefs checks every character reference around the
// edges of the XML character range, in decimal and hexadecimal, against
// encoding/xml: fuzzing rarely spells them.
func TestScannerAgreesOnCharRefs(t *testing.T) {
	t.Parallel()
	var ns []int
	for n := 0; n <= 0x120; n++ {
		ns = append(ns, n)
	}
	for _, edge := range []int{0xD7FF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x10FFFF, 0x110000, 1 << 32, 1<<63 - 1} {
		for d := -1; d <= 1; d++ {
			ns = append(ns, edge+d)
		}
	}
	for _, n := range ns {
		for _, ref := range []string{fmt.Sprintf("&#%d;", n), fmt.Sprintf("&#x%x;", n), fmt.Sprintf("&#x%X;", n), fmt.Sprintf("&#%06d;", n)} {
			doc := []byte(`<R><A X="a` + ref + `b"/></R>`)
			msg, ok := agreement(doc)
			require.True(t, ok, "%s: %s", doc, msg)
		}
	}
}

// TestScannerAgreesOnEveryByteEdit replaces each byte of small valid
// documents with each byte value of a set, and inserts each such value at
// each position, checking agreement with encoding/xml for each result.
func TestScannerAgreesOnEveryByteEdit(t *testing.T) {
	t.Parallel()
	templates := []string{
		"\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<R>\r\n <A X=\"1\" Y='Ж&amp;'/>\r\n <B Z=\"&#65;\"></B>\r\n</R>\r\n",
		`<R a="1"><A X="&lt;"/></R>`,
	}
	// Every ASCII byte, and the high bytes that matter to UTF-8 (continuation,
	// invalid leads, leads of 2-, 3- and 4-byte sequences, the first bytes of
	// surrogates, U+FFFE/U+FFFF and the BOM).
	var values []byte
	for c := 0; c < 0x80; c++ {
		values = append(values, byte(c))
	}
	values = append(values, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xD0, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF)
	for _, tpl := range templates {
		for i := 0; i <= len(tpl); i++ {
			for _, c := range values {
				ins := tpl[:i] + string([]byte{byte(c)}) + tpl[i:]
				msg, ok := agreement([]byte(ins))
				require.True(t, ok, "insert %#x at %d: %q: %s", c, i, ins, msg)
				if i < len(tpl) {
					rep := tpl[:i] + string([]byte{byte(c)}) + tpl[i+1:]
					msg, ok := agreement([]byte(rep))
					require.True(t, ok, "replace at %d with %#x: %q: %s", i, c, rep, msg)
				}
			}
		}
	}
}

func TestScannerKindCheckRecords(t *testing.T) {
	t.Parallel()
	_, err := scanAll(strings.NewReader(`<PARAMS><PARAM ID="1"/><ITEM ID="2"/></PARAMS>`), gar.WithKind(gar.KindHousesParams))
	var pe *gar.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, gar.CodeElement, pe.Code)
	assert.Equal(t, 2, pe.Record)
}
