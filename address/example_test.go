package address_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/address"
)

// buildExample makes a region with one flat, the way an integrator loads
// data: objects and relations in one atomic batch through the Graph.
func buildExample(ctx context.Context) (*address.Graph, map[string]uuid.UUID) {
	ids := map[string]uuid.UUID{}
	n := byte(0)
	obj := func(key string, level address.Level, typ, name string, elems ...address.Element) address.Object {
		n++
		ids[key] = uuid.UUID{15: n}
		return address.Object{ID: ids[key], Level: level, Type: typ, Name: name, Elements: elems}
	}
	adm := func(child, parent string) address.Relation {
		return address.Relation{Hierarchy: address.HierarchyAdministrative, Child: ids[child], Parent: ids[parent]}
	}
	graph := address.NewGraph(memory.NewAddressRepository(), uuid.NewV7)
	batch := address.Batch{
		Types: address.DefaultTypes(),
		Objects: []address.Object{
			obj("region", address.LevelRegion, "обл", "Свердловская"),
			obj("city", address.LevelLocality, "г", "Екатеринбург"),
			obj("street", address.LevelStreet, "ул", "Ленина"),
			obj("house", address.LevelHouse, "д", "5", address.Element{Kind: address.ElementCorpus, Type: "корп", Value: "2"}),
			obj("flat", address.LevelPremise, "кв", "12"),
		},
	}
	batch.Relations = []address.Relation{adm("city", "region"), adm("street", "city"), adm("house", "street"), adm("flat", "house")}
	if err := graph.Apply(ctx, batch); err != nil {
		panic(err)
	}
	return graph, ids
}

func ExampleIndex_Full() {
	ctx := context.Background()
	graph, ids := buildExample(ctx)
	ix, err := address.BuildIndex(ctx, graph.Repository())
	if err != nil {
		panic(err)
	}
	short, _ := ix.Full(ids["flat"], address.FullOptions{})
	full, _ := ix.Full(ids["flat"], address.FullOptions{Style: address.FullStyle()})
	regionLast, _ := ix.Full(ids["flat"], address.FullOptions{Style: address.Style{
		Positions: map[address.TypeKey]address.Position{address.KeyOf(address.LevelRegion, "обл."): address.After},
	}})
	fmt.Println(short)
	fmt.Println(full)
	fmt.Println(regionLast)
	// Output:
	// обл. Свердловская, г. Екатеринбург, ул. Ленина, д. 5, корп. 2, кв. 12
	// область Свердловская, город Екатеринбург, улица Ленина, дом 5, корпус 2, квартира 12
	// Свердловская обл., г. Екатеринбург, ул. Ленина, д. 5, корп. 2, кв. 12
}

func ExampleIndex_Search() {
	ctx := context.Background()
	graph, ids := buildExample(ctx)
	ix, err := address.BuildIndex(ctx, graph.Repository())
	if err != nil {
		panic(err)
	}
	// What a specialist types: a city, the start of a street, a house.
	house, err := address.ParseHouseNumber("5к2")
	if err != nil {
		panic(err)
	}
	res, err := ix.Search(address.Query{
		Level: address.LevelHouse,
		House: house,
		Within: &address.Query{
			Level: address.LevelStreet, Name: "лен", Match: address.MatchPrefix, Ancestor: ids["city"],
		},
	})
	if err != nil {
		panic(err)
	}
	for _, id := range res.IDs {
		s, _ := ix.Full(id, address.FullOptions{})
		fmt.Println(res.Total, s)
	}
	// Output:
	// 1 обл. Свердловская, г. Екатеринбург, ул. Ленина, д. 5, корп. 2
}

func ExampleGraph_Relate() {
	ctx := context.Background()
	graph, ids := buildExample(ctx)
	// A region under a flat would put a shallower object under a deeper one.
	err := graph.Relate(ctx, address.Relation{
		Hierarchy: address.HierarchyMunicipal, Child: ids["region"], Parent: ids["flat"],
	})
	var ve *address.ValidationError
	if errors.As(err, &ve) {
		for _, v := range ve.Violations {
			fmt.Println(v.Field, v.Code, v.Message)
		}
	}
	// Output:
	// relations[0].parent address.relation.shallower Объект уровня «субъект РФ» не может входить в объект уровня «помещение»
}
