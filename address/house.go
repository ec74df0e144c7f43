package address

// Elements returns the corpus, строение, сооружение and литер of h as
// elements of a house object, labelled with the short types of
// DefaultTypes («корп.», «стр.», «соор.», «лит.»). The main number is not
// among them: it is the house object's Name.
func (h HouseNumber) Elements() []Element {
	var es []Element
	add := func(kind ElementKind, typ, v string) {
		if v != "" {
			es = append(es, Element{Kind: kind, Type: typ, Value: v})
		}
	}
	add(ElementCorpus, "корп.", h.Corpus)
	add(ElementBuilding, "стр.", h.Building)
	add(ElementStructure, "соор.", h.Structure)
	add(ElementLiter, "лит.", h.Liter)
	return es
}

// HouseNumberOf returns the house number of a house object: its Name and
// its corpus, строение, сооружение and литер elements.
func HouseNumberOf(o *Object) HouseNumber {
	return HouseNumber{
		Number:    o.Name,
		Corpus:    o.Element(ElementCorpus),
		Building:  o.Element(ElementBuilding),
		Structure: o.Element(ElementStructure),
		Liter:     o.Element(ElementLiter),
	}
}
