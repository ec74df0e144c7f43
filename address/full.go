package address

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
)

// Style says how a full address string is rendered.
type Style struct {
	// Long renders full type names («улица Ленина») instead of short ones
	// («ул. Ленина»).
	Long bool
	// PostalCode puts the postal code first: the object's own, or that of
	// its nearest ancestor that has one.
	PostalCode bool
	// Positions overrides, per type, where the type name stands:
	// {KeyOf(LevelRegion, "обл."): After} renders «Свердловская обл.».
	// Types not named keep their classifier position.
	Positions map[TypeKey]Position
}

// ShortStyle returns the short style: «обл. Свердловская, г. Екатеринбург,
// ул. Ленина, д. 5, корп. 2, кв. 12».
func ShortStyle() Style { return Style{} }

// FullStyle returns the full style: «область Свердловская, город
// Екатеринбург, улица Ленина, дом 5, корпус 2, квартира 12».
func FullStyle() Style { return Style{Long: true} }

// FullOptions choose the hierarchy, the date and the style of a full
// address string.
type FullOptions struct {
	// Hierarchy to walk; zero means HierarchyAdministrative.
	Hierarchy Hierarchy
	// At is the date whose relations are walked; the zero date walks the
	// current (not retired) relations.
	At Date
	// Style of the string.
	Style Style
}

// maxDepth bounds a walk up the graph; real chains are under 20 objects.
const maxDepth = 64

// separator joins the parts of a full address.
const separator = ", "

// appendPart appends «label value» or «value label», or just the value when
// there is no label, or nothing when there is no value.
func appendPart(dst []byte, first bool, label string, pos Position, value string) []byte {
	if value == "" {
		return dst
	}
	if !first {
		dst = append(dst, separator...)
	}
	switch {
	case label == "":
		return append(dst, value...)
	case pos == After:
		dst = append(dst, value...)
		dst = append(dst, ' ')
		return append(dst, label...)
	default:
		dst = append(dst, label...)
		dst = append(dst, ' ')
		return append(dst, value...)
	}
}

// labelOf returns the label and position of a type under a style.
func labelOf(t Type, st *Style) (string, Position) {
	label := t.Short
	if st.Long && t.Full != "" {
		label = t.Full
	}
	pos := t.Position
	if len(st.Positions) > 0 {
		if p, ok := st.Positions[t.Key()]; ok {
			pos = p
		}
	}
	return label, pos
}

// Full returns the full address string of the object, walking its parents
// in the repository through the chosen hierarchy at the chosen date. The
// walk follows the actual parent chain, whatever levels it skips. It
// returns an error matching ErrNotFound for an unknown object. For many
// strings, build an Index: it renders the same strings without storage
// round trips.
func (g *Graph) Full(ctx context.Context, id uuid.UUID, opts FullOptions) (string, error) {
	h := opts.Hierarchy.or()
	var chain []Object
	for cur := id; len(chain) < maxDepth; {
		o, err := g.repo.Object(ctx, cur)
		if err != nil {
			return "", fmt.Errorf("address: reading object %s: %w", cur, err)
		}
		chain = append(chain, o)
		rels, err := g.repo.Relations(ctx, cur)
		if err != nil {
			return "", fmt.Errorf("address: reading relations of %s: %w", cur, err)
		}
		parent, ok := parentAt(rels, h, opts.At)
		if !ok {
			break
		}
		cur = parent
	}
	types := map[TypeKey]Type{}
	typeOf := func(level Level, short string) (Type, error) {
		if short == "" {
			return Type{}, nil
		}
		k := KeyOf(level, short)
		if t, ok := types[k]; ok {
			return t, nil
		}
		t, err := g.repo.Type(ctx, k)
		switch {
		case errors.Is(err, ErrNotFound):
			t = Type{Level: level, Short: short}
		case err != nil:
			return Type{}, fmt.Errorf("address: reading type %q: %w", short, err)
		}
		types[k] = t
		return t, nil
	}
	var dst []byte
	if opts.Style.PostalCode {
		for _, o := range chain {
			if o.PostalCode != "" {
				dst = append(dst, o.PostalCode...)
				break
			}
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		o := &chain[i]
		t, err := typeOf(o.Level, o.Type)
		if err != nil {
			return "", err
		}
		label, pos := labelOf(t, &opts.Style)
		dst = appendPart(dst, len(dst) == 0, label, pos, o.Name)
		for _, e := range o.Elements {
			t, err := typeOf(o.Level, e.Type)
			if err != nil {
				return "", err
			}
			label, pos := labelOf(t, &opts.Style)
			dst = appendPart(dst, len(dst) == 0, label, pos, e.Value)
		}
	}
	return string(dst), nil
}
