package gis

import (
	"time"

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

// ImportItemResult is the outcome of one of the caller's items of an
// import whose result carries nothing beyond the common result: readings
// (importMeteringDeviceValues) and debt responses (importResponses).
type ImportItemResult struct {
	// Index is the item's index in the caller's input.
	Index int `json:"index"`
	// GUID is the identifier GIS gave the item, when it did.
	GUID uuid.UUID `json:"guid,omitzero"`
	// UpdateDate is when GIS stored the item.
	UpdateDate time.Time `json:"updateDate,omitzero"`
	// Errors are the item's errors; empty on success.
	Errors []*Error `json:"errors,omitempty"`
}

// OK reports whether GIS stored the item.
func (r ImportItemResult) OK() bool { return len(r.Errors) == 0 }

// readImportItems reads the per-item outcome of an import message m from
// its finished result r, in the order of r.
func readImportItems(m *Message, r *StateResult) ([]ImportItemResult, error) {
	items, err := correlateDone(m, r)
	if err != nil {
		return nil, err
	}
	out := make([]ImportItemResult, len(items))
	for i, it := range items {
		out[i] = ImportItemResult{Index: it.Index, GUID: it.GUID, UpdateDate: it.UpdateDate, Errors: it.Errors}
	}
	return out, nil
}

// listItem is an input item that checks itself at a field path.
type listItem interface {
	validate(v *violations, field string)
}

// validateList checks every item of a non-empty list named name
// ("meters"), each at its path ("meters[3]"); empty is the Russian message
// for an empty list.
func validateList[T listItem](list []T, name, empty string) error {
	var v violations
	if len(list) == 0 {
		v.add(name, "required", empty)
	}
	for i, item := range list {
		item.validate(&v, path(name, i))
	}
	return v.err()
}

// exportMessage builds one message of an export (or of any request
// without items): a body of the operation name at version ("" for the
// default), filled by fill, which returns the objects the message
// concerns.
func (b *Builder) exportMessage(name, version string, fill func(body *etree.Element) []ObjectRef) (*Message, error) {
	op, err := requireOperation(name)
	if err != nil {
		return nil, err
	}
	body, err := b.NewBody(op, version)
	if err != nil {
		return nil, err
	}
	objects := fill(body)
	m, err := b.Wrap(op, body)
	if err != nil {
		return nil, err
	}
	m.Objects = objects
	return m, nil
}
