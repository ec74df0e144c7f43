package gis_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openzhkh/zhkh/gis"
)

// addSeeds adds every testdata file with one of the prefixes, and a few
// hostile inputs, to the fuzz corpus.
func addSeeds(f *testing.F, prefixes ...string) {
	f.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		for _, p := range prefixes {
			if strings.HasPrefix(e.Name(), p) && strings.HasSuffix(e.Name(), ".xml") {
				data, err := os.ReadFile(filepath.Join("testdata", e.Name()))
				if err != nil {
					f.Fatal(err)
				}
				f.Add(data)
			}
		}
	}
	f.Add([]byte(""))
	f.Add([]byte("<"))
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`))
	f.Add([]byte(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault/></s:Body></s:Envelope>`))
}

// checkParseError fails unless err is nil, a *gis.Error or matches
// ErrInvalid.
func checkParseError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var ge *gis.Error
	if !errors.As(err, &ge) && !errors.Is(err, gis.ErrInvalid) {
		t.Fatalf("untyped error: %v", err)
	}
}

func FuzzParseAck(f *testing.F) {
	addSeeds(f, "ack_", "fault_")
	f.Fuzz(func(t *testing.T, data []byte) {
		ack, err := gis.ParseAck(data)
		checkParseError(t, err)
		if err == nil && (ack.MessageGUID == [16]byte{} || ack.RequesterMessageGUID == [16]byte{}) {
			t.Fatalf("accepted an Ack without GUIDs: %+v", ack)
		}
	})
}

func FuzzParseStateResult(f *testing.F) {
	addSeeds(f, "state_", "fault_")
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := gis.ParseStateResult(data)
		checkParseError(t, err)
		if err != nil {
			return
		}
		if r.Service == "" || r.State < gis.StateReceived || r.State > gis.StateDone {
			t.Fatalf("accepted a result without service or state: %+v", r)
		}
		for _, c := range r.Results {
			if c.TransportGUID == [16]byte{} {
				t.Fatalf("accepted an item result without TransportGUID")
			}
		}
	})
}
