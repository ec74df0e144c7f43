package gis

import (
	"github.com/beevik/etree"
	"github.com/google/uuid"
	"github.com/openzhkh/zhkh/internal/fault"
)

// requireOperation returns the operation of the table by name; a name the
// table lacks is a programming error of this package, reported as invalid.
func requireOperation(name string) (Operation, error) {
	op, ok := LookupOperation(name)
	if !ok {
		return Operation{}, fault.New(fault.Invalid, "gis.operation", "операция "+name+" не найдена в таблице операций")
	}
	return op, nil
}

// span returns the indexes start, start+1, …, end-1: the caller's items of
// one range that batches gave.
func span(r [2]int) []int {
	idx := make([]int, r[1]-r[0])
	for i := range idx {
		idx[i] = r[0] + i
	}
	return idx
}

// importMessage builds one message of an import: a fresh body of op, then
// head (what precedes the items, such as a house or a billing period; nil
// for nothing), then every item of idx written by item under a fresh
// TransportGUID. Message.Items maps each TransportGUID to the item's index
// in the caller's input; Message.Objects lists, once each, the objects
// item names (a zero ObjectRef names none).
func (b *Builder) importMessage(op Operation, idx []int,
	head func(body *etree.Element) error,
	item func(body *etree.Element, i int, transport uuid.UUID) ObjectRef,
) (*Message, error) {
	body, err := b.NewBody(op, "")
	if err != nil {
		return nil, err
	}
	if head != nil {
		if err := head(body); err != nil {
			return nil, err
		}
	}
	items := make(map[uuid.UUID]int, len(idx))
	objects := make([]ObjectRef, 0, len(idx))
	named := make(map[ObjectRef]bool, len(idx))
	for _, i := range idx {
		tg, err := b.newID()
		if err != nil {
			return nil, err
		}
		if _, dup := items[tg]; dup {
			return nil, fault.New(fault.Conflict, "gis.transport_guid", "источник идентификаторов выдал повторяющийся TransportGUID")
		}
		items[tg] = i
		if ref := item(body, i, tg); ref != (ObjectRef{}) && !named[ref] {
			named[ref] = true
			objects = append(objects, ref)
		}
	}
	m, err := b.Wrap(op, body)
	if err != nil {
		return nil, err
	}
	m.Items, m.Objects = items, objects
	return m, nil
}
