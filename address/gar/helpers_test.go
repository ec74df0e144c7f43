package gar_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openzhkh/zhkh/address/gar"

	"github.com/openzhkh/zhkh/internal/testenv"
)

// rec is one record as both the Scanner and the reference see it.
type rec struct {
	Name   string
	Attrs  [][2]string
	Offset int64
	Line   int
}

func (r rec) String() string {
	return fmt.Sprintf("<%s %v> @%d line %d", r.Name, r.Attrs, r.Offset, r.Line)
}

// scanAll reads every record of r with a Scanner.
func scanAll(r io.Reader, opts ...gar.Option) ([]rec, error) {
	sc := gar.NewScanner(r, opts...)
	var out []rec
	for sc.Next() {
		rc := sc.Record()
		x := rec{Name: rc.Name(), Offset: sc.Offset(), Line: sc.Line()}
		for _, a := range rc.Attrs() {
			x.Attrs = append(x.Attrs, [2]string{string(a.Name), string(a.Value)})
		}
		out = append(out, x)
	}
	return out, sc.Err()
}

// refScan is the reference reader: encoding/xml (RawToken, strict) with
// the GAR shape enforced on top. Its rules, which define what "agree"
// means for the Scanner:
//
//   - one leading UTF-8 BOM is skipped;
//   - an XML declaration (<?xml …?>, checked by encoding/xml) may only be
//     the very first token; any other processing instruction, comments and
//     directives (DOCTYPE) are errors;
//   - text (CharData, CDATA included) is allowed only as raw white space
//     (space, tab, CR, LF) — checked on the raw bytes, so "&#32;" or a
//     CDATA section is an error;
//   - exactly one root element; its children are the records; an element
//     inside a record is an error; a record may be <X …/> or <X …></X>
//     with white space between;
//   - element and attribute names must be ASCII [A-Za-z_][A-Za-z0-9_.-]*
//     (no namespace prefixes), and an element must not repeat an
//     attribute name;
//   - end tags must match (RawToken does not check it; the reference does);
//   - the input must end after the root element, with only white space
//     after it.
//
// A record is reported when its end tag is read, with the offset (the BOM
// counted) and the line of its '<'.
func refScan(data []byte) ([]rec, error) {
	off := 0
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		off = 3
	}
	body := data[off:]
	d := xml.NewDecoder(bytes.NewReader(body))
	var (
		out      []rec
		stack    []string
		cur      rec
		first    = true
		rootDone bool
	)
	for {
		start := d.InputOffset()
		line, _ := d.InputPos()
		tok, err := d.RawToken()
		if err == io.EOF {
			if !rootDone {
				return out, errors.New("ref: input ends before the root element is closed")
			}
			return out, nil
		}
		if err != nil {
			return out, err
		}
		isFirst := first
		first = false
		switch t := tok.(type) {
		case xml.ProcInst:
			if t.Target != "xml" || !isFirst {
				return out, errors.New("ref: processing instruction")
			}
		case xml.Comment:
			return out, errors.New("ref: comment")
		case xml.Directive:
			return out, errors.New("ref: directive")
		case xml.CharData:
			raw := body[start:d.InputOffset()]
			if len(bytes.Trim(raw, " \t\r\n")) != 0 {
				return out, errors.New("ref: text")
			}
		case xml.StartElement:
			if !refName(t.Name) {
				return out, errors.New("ref: element name")
			}
			seen := map[string]bool{}
			for _, a := range t.Attr {
				if !refName(a.Name) {
					return out, errors.New("ref: attribute name")
				}
				if seen[a.Name.Local] {
					return out, errors.New("ref: duplicate attribute")
				}
				seen[a.Name.Local] = true
			}
			switch len(stack) {
			case 0:
				if rootDone {
					return out, errors.New("ref: second root")
				}
			case 1:
				cur = rec{Name: t.Name.Local, Offset: int64(off) + start, Line: line}
				for _, a := range t.Attr {
					cur.Attrs = append(cur.Attrs, [2]string{a.Name.Local, a.Value})
				}
			default:
				return out, errors.New("ref: nested element")
			}
			stack = append(stack, t.Name.Local)
		case xml.EndElement:
			if len(stack) == 0 || t.Name.Space != "" || t.Name.Local != stack[len(stack)-1] {
				return out, errors.New("ref: end tag does not match")
			}
			stack = stack[:len(stack)-1]
			switch len(stack) {
			case 1:
				out = append(out, cur)
			case 0:
				rootDone = true
			}
		}
	}
}

func refName(n xml.Name) bool {
	if n.Space != "" || n.Local == "" {
		return false
	}
	for i := 0; i < len(n.Local); i++ {
		c := n.Local[i]
		letter := 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_'
		if !letter && (i == 0 || !('0' <= c && c <= '9' || c == '.' || c == '-')) {
			return false
		}
	}
	return true
}

// samplesDir returns the folder of the real GAR samples in the shared
// folder; see testenv.SharedDir for when it skips or fails.
func samplesDir(t testing.TB) string {
	t.Helper()
	return filepath.Join(testenv.SharedDir(t), "address", "gar-samples")
}

// xmlFiles lists the *.xml files (any case) below dir.
func xmlFiles(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".xml") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no XML files in %s", dir)
	}
	return out
}

// distFile returns the one fixture of kind k in region ("" for a catalog)
// of testdata/dist.
func distFile(t testing.TB, k gar.Kind, region string) gar.File {
	t.Helper()
	src, err := gar.OpenDir("testdata/dist")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range src.Files() {
		if f.Kind == k && f.Region == region {
			return f
		}
	}
	t.Fatalf("no fixture of kind %s in region %q", k, region)
	return gar.File{}
}

// decodeAll decodes every record of f into a slice of T.
func decodeAll[T any, P interface {
	*T
	gar.Decodable
}](t testing.TB, f gar.File) []T {
	t.Helper()
	var out []T
	err := gar.DecodeFile[T, P](f, func(v *T) error {
		out = append(out, *v)
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", f.Path, err)
	}
	return out
}
