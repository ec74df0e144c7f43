// Package gartest writes synthetic FIAS GAR distributions, for tests and
// examples of code that reads the register: the files of package gar's
// published layout, filled from generated regions of package addresstest
// (or any addresstest.Dataset), as a directory tree (Write) or a zip
// archive (WriteZip).
//
// The files have the shapes of the real ones and validate against the
// official XSD schemas (provided each region has address objects and
// houses: the schemas of AS_ADDR_OBJ, AS_HOUSES and the hierarchies want
// at least one record): the same root and record elements, attributes in
// the same order, 0/1 flags in data files and true/false in catalogs,
// ENDDATE 2079-06-06 for periods that have not ended, REGIONCODE without
// a leading zero, hierarchy PATHs from the region down to the object, and
// a top row with PARENTOBJID 0 for the region in both hierarchies. The
// catalogs carry the real identifiers of the types data files refer to
// (house type 2 «д.», additional number type 1 «к.», apartment type 2
// «кв.», room type 0 without a short name, parameter type 5 the postal
// code), with entries typed for this package; the catalog of address
// object types holds the types the datasets use, plus inactive undotted
// twins («ул» beside «ул.») as the real catalog does. With
// Options.History the files also carry older versions of objects, ended
// hierarchy rows and a deleted object per region, so that a loader meets
// what a full distribution holds.
//
// Output is deterministic: the same regions and options give
// byte-identical files with the same names. Files are streamed through a
// buffer, so writing a large region keeps little but the per-object
// identifiers in memory.
//
// Mapping from a dataset: objects of GAR levels 1–8 (and the legacy
// 13–16) go to AS_ADDR_OBJ (LEVEL the GAR level, TYPENAME the type, NAME
// the name), land plots to AS_STEADS, buildings to AS_HOUSES (HOUSENUM the
// name, HOUSETYPE by the type or, without one, by the first element;
// ADDNUM1/ADDTYPE1 and ADDNUM2/ADDTYPE2 from the elements), premises to
// AS_APARTMENTS, rooms to AS_ROOMS and parking spaces to AS_CARPLACES;
// every object gets a row in AS_REESTR_OBJECTS, and its postal code, OKATO,
// OKTMO and cadastral number go to the *_PARAMS file of its kind (types 5,
// 6, 7 and 8). Each relation is a row of AS_ADM_HIERARCHY or
// AS_MUN_HIERARCHY. An object with an End is written as deleted: its
// actual version has ISACTIVE=0 and OPERTYPEID 30, and its links are
// inactive.
package gartest
