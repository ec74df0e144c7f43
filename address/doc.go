// Package address is the address graph of housing services: the address
// structure from the region down to the room, the classifiers of object
// types and identifying elements, the relations between objects in the
// administrative and the municipal hierarchy, full address strings, and
// search. It follows FIAS GAR, the state address register, and keeps what
// GAR says; package address/gar reads GAR files into it.
//
// # The model
//
// An Object is one address object: a region (субъект РФ), municipality,
// settlement, locality, street, house, premise or room (Level), with the
// GAR level it came from (GARLevel: planning-structure elements, land
// plots, parking spaces and the legacy levels fold into the eight levels).
// Its own designation is a Type short name and a Name («ул.» «Ленина»,
// «д.» «5», «кв.» «12»); a house adds Elements for its корпус, строение,
// сооружение and литер, and may have no main number at all. Types are
// entries of a classifier keyed by level and short name in any spelling
// («ул» and «ул.» are the same type).
//
// Objects do not store their parent. A Relation places a child under a
// parent in one Hierarchy for a period, so an object can have a different
// parent in each hierarchy and a history of parents. Objects and relations
// are retired (given an End date) rather than deleted.
//
// # Ports and rules
//
// Repository is the storage port; adapters/memory and adapters/postgres
// implement it, and addresstest.RunRepository is the conformance suite
// every implementation passes. Graph writes through the port and keeps the
// rules: every relation joins known objects, a child is never at a
// shallower level than its parent, and no relation closes a cycle. A
// refused write is a *ValidationError listing every violation with a
// stable code and a Russian message, and leaves the repository as it was.
// Graph.Apply writes a Batch of types, objects and relations atomically.
//
// # Strings and search
//
// The full address string is built by walking the actual parent chain in
// a chosen hierarchy at a chosen date: real data skips levels, puts
// garages under buildings and houses under localities or planning
// elements, and the walk renders exactly what is there. Graph.Full walks
// the repository; an Index, built once from it, renders the same strings
// from memory (about a microsecond each) and answers searches by level,
// type, name (case-insensitive, ё = е, exact or prefix), parent, ancestor,
// FIAS GUID, house number with its elements and premise number, in a
// deterministic order with paging. ParseHouseNumber reads house numbers
// the way people type them («5к2», «10А лит. Б», «д.43»).
//
// Where to start: NewGraph and Graph.Apply to load, BuildIndex, then
// Index.Full and Index.Search.
package address
