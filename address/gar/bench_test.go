package gar_test

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openzhkh/zhkh/address/gar"
)

// housesGen is an io.Reader that generates an AS_HOUSES document of about
// size bytes on the fly: the XML declaration, <HOUSES>, records shaped like
// the real ones (some with additional numbers, Cyrillic letters, closed
// historical versions) and </HOUSES>. With pretty set, each record is on a
// line of its own (CRLF); otherwise the whole document is one line.
type housesGen struct {
	head, block, tail []byte
	blocks            int // number of blocks to emit
	records           int // records in the whole document
	perBlock          int

	part, emitted, off int // 0 head, 1 blocks, 2 tail, 3 done
}

func newHousesGen(size int64, pretty bool) *housesGen {
	var blk bytes.Buffer
	const perBlock = 512
	sep := ""
	if pretty {
		sep = "\r\n  "
	}
	for i := 0; i < perBlock; i++ {
		id := 50000000 + i*7
		fmt.Fprintf(&blk, `%s<HOUSE ID="%d" OBJECTID="%d" OBJECTGUID="%08x-4a95-4e1b-bd68-8238d871f96c" CHANGEID="%d" HOUSENUM="%d%s"`,
			sep, id, 80000000+i*13, 0x5ed1f19f+i, 120000000+i*31, i%300+1, []string{"", "", "", "а", "/1", "Б"}[i%6])
		if i%9 == 0 {
			fmt.Fprintf(&blk, ` ADDNUM1="%d" ADDTYPE1="1"`, i%4+1)
		}
		closed := i%5 == 0
		end, actual, next := "2079-06-06", 1, 0
		if closed {
			end, actual, next = "2024-03-18", 0, id+1
		}
		fmt.Fprintf(&blk, ` HOUSETYPE="%d" OPERTYPEID="%d" PREVID="0" NEXTID="%d" UPDATEDATE="2024-03-18" STARTDATE="2019-07-%02d" ENDDATE="%s" ISACTUAL="%d" ISACTIVE="%d" />`,
			[]int{2, 2, 5, 7, 2}[i%5], []int{10, 20, 10}[i%3], next, i%28+1, end, actual, actual)
	}
	head := []byte("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><HOUSES>")
	tail := []byte("</HOUSES>")
	if pretty {
		head = append(head, "\r\n"...)
		tail = []byte("\r\n</HOUSES>\r\n")
	}
	blocks := int((size - int64(len(head)+len(tail)) + int64(blk.Len()) - 1) / int64(blk.Len()))
	blocks = max(blocks, 1)
	return &housesGen{head: head, block: blk.Bytes(), tail: tail, blocks: blocks, perBlock: perBlock, records: blocks * perBlock}
}

// Size returns the total size of the document.
func (g *housesGen) Size() int64 {
	return int64(len(g.head)) + int64(g.blocks)*int64(len(g.block)) + int64(len(g.tail))
}

func (g *housesGen) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		var src []byte
		switch g.part {
		case 0:
			src = g.head
		case 1:
			src = g.block
		case 2:
			src = g.tail
		default:
			if n == 0 {
				return 0, io.EOF
			}
			return n, nil
		}
		c := copy(p[n:], src[g.off:])
		n += c
		g.off += c
		if g.off == len(src) {
			g.off = 0
			if g.part == 1 {
				g.emitted++
				if g.emitted < g.blocks {
					continue
				}
			}
			g.part++
		}
	}
	return n, nil
}

// measurePeak runs fn while sampling the live heap every millisecond and
// returns the largest sample.
func measurePeak(fn func() (int, error)) (uint64, int, error) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak atomic.Uint64
	read := func() {
		metrics.Read(sample)
		if v := sample[0].Value.Uint64(); v > peak.Load() {
			peak.Store(v)
		}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				read()
			}
		}
	}()
	n, err := fn()
	read()
	close(stop)
	wg.Wait()
	return peak.Load(), n, err
}

// housesDoc is a ~8 MB AS_HOUSES document in memory.
func housesDoc(pretty bool) []byte {
	g := newHousesGen(8<<20, pretty)
	data, _ := io.ReadAll(g)
	return data
}

func BenchmarkScanHouses(b *testing.B) {
	for _, pretty := range []bool{false, true} {
		name := "single-line"
		if pretty {
			name = "pretty-crlf"
		}
		data := housesDoc(pretty)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			r := bytes.NewReader(data)
			for b.Loop() {
				r.Reset(data)
				sc := gar.NewScanner(r)
				n := 0
				for sc.Next() {
					n += len(sc.Record().Attrs())
				}
				if sc.Err() != nil || n == 0 {
					b.Fatal(sc.Err())
				}
			}
		})
	}
}

func BenchmarkDecodeHouses(b *testing.B) {
	data := housesDoc(false)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	r := bytes.NewReader(data)
	for b.Loop() {
		r.Reset(data)
		n := 0
		err := gar.Decode(r, func(h *gar.House) error {
			n += int(h.HouseType)
			return nil
		})
		if err != nil || n == 0 {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanHousesGB reads a 1 GB AS_HOUSES document generated on the
// fly (nothing is written to disk) and reports the peak live heap while
// reading, in MB.
func BenchmarkScanHousesGB(b *testing.B) {
	for _, decode := range []bool{false, true} {
		name := "scan"
		if decode {
			name = "decode"
		}
		b.Run(name, func(b *testing.B) {
			var worst uint64
			for b.Loop() {
				gen := newHousesGen(1<<30, false)
				b.SetBytes(gen.Size())
				peak, n, err := measurePeak(func() (int, error) {
					if decode {
						n := 0
						err := gar.Decode(gen, func(*gar.House) error { n++; return nil })
						return n, err
					}
					sc := gar.NewScanner(gen)
					n := 0
					for sc.Next() {
						n++
					}
					return n, sc.Err()
				})
				if err != nil || n != gen.records {
					b.Fatalf("%d records of %d: %v", n, gen.records, err)
				}
				worst = max(worst, peak)
			}
			b.ReportMetric(float64(worst)/1e6, "peak-MB")
		})
	}
}
