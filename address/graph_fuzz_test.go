package address_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/address/addresstest"
)

// FuzzGraphRules drives the Graph with arbitrary relations among a few
// objects and checks the rules after every step: a refused write changes
// nothing and is a validation error, and what is stored never has a child
// shallower than its parent or a cycle among current relations.
func FuzzGraphRules(f *testing.F) {
	f.Add([]byte{0, 1, 0, 1, 2, 0, 2, 0, 0})
	f.Add([]byte{3, 4, 1, 4, 3, 1, 0, 0, 0, 7, 7, 0})
	f.Add([]byte{0, 1, 0x81, 1, 0, 0x42, 5, 5, 5, 2, 3, 0x12})
	levels := []address.Level{address.LevelRegion, address.LevelLocality, address.LevelStreet, address.LevelStreet,
		address.LevelHouse, address.LevelHouse, address.LevelPremise, address.LevelRoom}
	f.Fuzz(func(t *testing.T, ops []byte) {
		ctx := context.Background()
		repo := memory.NewAddressRepository()
		g := address.NewGraph(repo, addresstest.SequentialIDs())
		ids := make([]uuid.UUID, len(levels))
		for i, l := range levels {
			o, err := g.AddObject(ctx, address.Object{Level: l, Name: "x"})
			if err != nil {
				t.Fatal(err)
			}
			ids[i] = o.ID
		}
		if len(ops) > 3*40 {
			ops = ops[:3*40]
		}
		for ; len(ops) >= 3; ops = ops[3:] {
			child, parent, flags := ids[int(ops[0])%len(ids)], ids[int(ops[1])%len(ids)], ops[2]
			r := address.Relation{Hierarchy: address.Hierarchy(1 + flags&1), Child: child, Parent: parent}
			if flags&2 != 0 {
				r.Start = address.Date{Year: 2000 + int(flags>>4), Month: time.January, Day: 1}
			}
			if flags&4 != 0 {
				r.End = address.Date{Year: 2005 + int(flags>>5), Month: time.January, Day: 1}
			}
			beforeObjects, beforeRels := addresstest.Snapshot(t, repo)
			err := g.Relate(ctx, r)
			if err != nil {
				var ve *address.ValidationError
				if !errors.As(err, &ve) || !errors.Is(err, address.ErrInvalid) {
					t.Fatalf("Relate(%+v) = %v, not a validation error", r, err)
				}
				afterObjects, afterRels := addresstest.Snapshot(t, repo)
				if len(afterObjects) != len(beforeObjects) || len(afterRels) != len(beforeRels) {
					t.Fatalf("a refused relation changed the graph")
				}
				for i := range afterRels {
					if afterRels[i] != beforeRels[i] {
						t.Fatalf("a refused relation changed %+v into %+v", beforeRels[i], afterRels[i])
					}
				}
			}
			checkInvariants(t, repo, levels, ids)
		}
	})
}

func checkInvariants(t *testing.T, repo *memory.AddressRepository, levels []address.Level, ids []uuid.UUID) {
	t.Helper()
	level := map[uuid.UUID]address.Level{}
	for i, id := range ids {
		level[id] = levels[i]
	}
	parents := map[address.Hierarchy]map[uuid.UUID][]uuid.UUID{1: {}, 2: {}}
	_, rels := addresstest.Snapshot(t, repo)
	for _, r := range rels {
		if level[r.Child] < level[r.Parent] {
			t.Fatalf("stored %+v puts a shallower child under its parent", r)
		}
		if r.Child == r.Parent {
			t.Fatalf("stored %+v relates an object to itself", r)
		}
		if r.End.IsZero() {
			parents[r.Hierarchy][r.Child] = append(parents[r.Hierarchy][r.Child], r.Parent)
		}
	}
	for h, ps := range parents {
		for _, start := range ids {
			seen := map[uuid.UUID]bool{}
			stack := []uuid.UUID{start}
			for len(stack) > 0 {
				cur := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, p := range ps[cur] {
					if p == start {
						t.Fatalf("a cycle through %s among current relations of hierarchy %d", start, h)
					}
					if !seen[p] {
						seen[p] = true
						stack = append(stack, p)
					}
				}
			}
		}
	}
}
