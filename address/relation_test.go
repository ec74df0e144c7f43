package address_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"

	"github.com/openzhkh/zhkh/address"
)

func TestPutRelationKeepsOrderAndReplacesByKey(t *testing.T) {
	t.Parallel()
	child := uuid.New()
	rel := func(h address.Hierarchy, year int, parent byte) address.Relation {
		return address.Relation{Hierarchy: h, Child: child, Parent: uuid.UUID{parent},
			Start: address.Date{Year: year, Month: 1, Day: 1}}
	}
	adm, mun := address.HierarchyAdministrative, address.HierarchyMunicipal

	var rs []address.Relation
	for _, r := range []address.Relation{rel(mun, 2020, 1), rel(adm, 2022, 2), rel(adm, 2019, 3), rel(mun, 2010, 4)} {
		rs = address.PutRelation(rs, r)
	}
	assert.Equal(t, []address.Relation{rel(adm, 2019, 3), rel(adm, 2022, 2), rel(mun, 2010, 4), rel(mun, 2020, 1)}, rs)

	// The same key replaces: hierarchy and start decide, the parent is data.
	rs = address.PutRelation(rs, rel(adm, 2022, 9))
	assert.Equal(t, []address.Relation{rel(adm, 2019, 3), rel(adm, 2022, 9), rel(mun, 2010, 4), rel(mun, 2020, 1)}, rs)
}
