// Package gar reads the state address register of Russia, ФИАС ГАР, as the
// ФНС publishes it: a zip archive (gar_xml.zip for the full register,
// gar_delta_xml.zip for a daily delta) of XML files named
// AS_<KIND>_<YYYYMMDD>_<uuid>.XML. The catalogs (object levels, the types
// of objects, houses, premises, rooms, parameters, operations, normative
// documents) sit at the root of the archive; the data of each region sits
// in a folder named by its two-digit code ("02", "77"). This package is
// the reading layer only: it lists the files, scans them as streams and
// decodes records into typed structs — and Load, on top of it, builds the
// address graph from them.
//
// # Reading
//
// A Source (OpenDir, OpenZip, NewZip) lists the files, with their Kind,
// Region, date and size, and opens them; a zip archive is read in place,
// and its files may be read concurrently. Files(regions...) keeps the
// catalogs and the files of the given regions.
//
// A Scanner reads one file record by record. Decode and DecodeFile put a
// Scanner and a typed record (House, AddrObj, Hierarchy, Param, …; see
// Kind.New for the type of each kind) together:
//
//	err := gar.DecodeFile(f, func(h *gar.House) error {
//		// h is reused for the next record: copy what you keep.
//		return nil
//	})
//
// A CountingReader counts the bytes read, for progress reports.
//
// # Loading
//
// Load reads a Source into an address.Graph through its Repository port,
// whatever the adapter: the type catalogs first (falling back to the
// official identifiers where a catalog file is missing, as in a delta),
// then region by region the parameters, the objects and the hierarchies.
// An object's ID is its OBJECTGUID and it keeps its OBJECTID, so a daily
// delta applied to a loaded graph upserts by object, retires what became
// inactive, and applying it twice changes nothing. Objects and relations
// go to the graph in batches (LoadOptions.BatchSize), all inside one unit
// of work, so a failed load leaves the graph as it was. LoadOptions.Lenient
// collects bad and dangling records into the Report and goes on.
//
// How records become the graph:
//
//   - Of the versions of an object, the actual one (ISACTUAL=1) is kept;
//     when it is inactive the object is kept retired (End = its ENDDATE,
//     or UPDATEDATE when the end is open). An object with no actual
//     version keeps its latest.
//   - AS_ADDR_OBJ gives Type (TYPENAME as written) and Name; AS_HOUSES the
//     house type's short name, HOUSENUM as Name and ADDNUM1/ADDNUM2 as
//     корпус, строение, сооружение or литер elements; premises and rooms
//     their type (помещ. and ком. when APARTTYPE or ROOMTYPE is 0) and
//     NUMBER; steads «з/у» and car places «м/м» with NUMBER.
//   - Parameters 5, 6, 7 and 8 fill PostalCode, OKATO, OKTMO and
//     CadastralNumber with the value that holds now (CHANGEIDEND 0, open
//     end); a parameter of an object that the files do not hold updates
//     the object already in the graph.
//   - Each hierarchy row becomes a relation with the row's period; an
//     inactive row becomes a retired one, so the history of parents stays.
//     Rows that name an object neither in the files nor in the graph are
//     dangling.
//
// # Streaming guarantees
//
// A Scanner holds one buffer, DefaultBufferSize (64 KiB) unless set
// otherwise, whatever the size of the file: GAR region files reach
// gigabytes, and some are one single line. The buffer grows only for a
// single tag longer than itself, and at most to DefaultMaxRecordSize
// (WithMaxRecordSize); a longer tag is an error (CodeTooLarge), not a
// reason to read the file into memory. Record data is handed out as views
// into the buffer, valid until the next call of Next; the typed decoders
// parse numbers, dates, GUIDs and booleans straight from those views and
// copy each string once. On AS_HOUSES-shaped data the Scanner reads about
// 1 GB/s on one core and decoding into House about 700 MB/s; reading a
// 1 GB file keeps the live heap under 1 MB (4 MB with decoding).
//
// # What XML is accepted
//
// Every GAR file is an optional UTF-8 byte order mark, an optional XML
// declaration, one root element and, inside it, flat record elements with
// attributes only, self-closing (<HOUSE … />) or not (<HOUSE …></HOUSE>),
// separated by any white space or by none. Within that shape the Scanner
// accepts exactly what encoding/xml (in its default, strict mode) accepts
// and yields the same names and values: entities (&amp; &lt; &gt; &quot;
// &apos;) and character references (&#NN; &#xNN;) are decoded, "\r\n" and
// a lone "\r" in values become "\n" (tabs and line feeds are kept, not
// turned into spaces), both quote characters and white space around '='
// are allowed, and, as in encoding/xml, attributes need no white space
// between them and a reference to a surrogate gives U+FFFD. Invalid UTF-8,
// characters XML forbids, unknown entities, a truncated file, an unclosed
// tag, an attribute without a quoted value, a mismatched end tag and
// anything but white space between records or after the root are errors.
//
// On purpose the Scanner rejects some XML that encoding/xml would read
// but GAR never contains: comments, processing instructions other than
// the XML declaration at the very start, DOCTYPE and other directives,
// CDATA sections, text, elements nested in records, names with a
// namespace prefix or non-ASCII letters (names are
// [A-Za-z_][A-Za-z0-9_.-]*), a second root, and an element repeating an
// attribute (encoding/xml accepts duplicates; for a record they make no
// sense). The tests compare the Scanner with a reference reader built on
// encoding/xml with those same rules, on every fixture, on the real sample
// files and under fuzzing.
//
// # Typed records
//
// Field types follow the XSD schemas of the register: identifiers are
// int64, small codes int, dates address.Date, GUIDs uuid.UUID, flags
// bool. Real files are looser than the schemas, so a missing or empty
// attribute decodes to the zero value and is never an error, unknown
// attributes are ignored, and booleans are read both as 0/1 (data files)
// and true/false (catalogs). An attribute that is present but not of its
// type (OBJECTID="abc", a date that is not YYYY-MM-DD or not a calendar
// day, a GUID that is not 36 characters of the 8-4-4-4-12 form, a boolean
// other than 0, 1, true, false, a PATH that is not dot-separated
// identifiers) is an error, and so is a record element that is not the
// one the type reads (CodeElement).
//
// # Errors
//
// Every error about the input is a *ParseError that names the file, the
// line, the byte offset and the ordinal of the record, with a Russian
// message and a stable code (CodeMalformed, CodeTruncated, CodeInt, …); it
// matches fault.Invalid (address.ErrInvalid) under errors.Is, and
// fault.HasCode finds its code. A failure of the underlying reader is a
// ParseError with CodeIO that does not match fault.Invalid and unwraps to
// the reader's error.
//
// # Facts of the real data
//
// Seen in the real files (an unmodified daily delta of 2026 for region 02,
// the catalogs of 2026 and a 2023 extract for region 72); the loader must
// reckon with them:
//
//   - ENDDATE 2079-06-06 (OpenEnd) means "not ended"; IsOpenEnd tells it.
//     Catalogs are not consistent about it: entries with ISACTIVE=false and
//     an open end, entries with ISACTIVE=true and an end in the past, and
//     entries whose STARTDATE equals their ENDDATE all occur.
//   - Objects (address objects, houses, steads, premises, rooms, car
//     places) come in versions: several records share an OBJECTID and
//     differ in ID; exactly one has ISACTUAL=1. Versions are chained by
//     PREVID/NEXTID (record IDs, not object IDs, 0 or missing at the ends);
//     a replaced version has ISACTUAL=0 and ENDDATE equal to the STARTDATE
//     of its successor.
//   - A deleted object is not ended by date: its actual version has
//     ISACTUAL=1, ISACTIVE=0, OPERTYPEID 30 (deletion; 55, 60 for other
//     ends) and still ENDDATE 2079-06-06. Whether an object exists is
//     ISACTIVE of its actual version, not its ENDDATE.
//   - PREVID may point at a record of another object: when a stead is
//     divided, the old object's last version (OPERTYPEID 60, ISACTIVE=0)
//     is the PREVID of each new object (OPERTYPEID 61).
//   - AS_ADDR_OBJ names the type of an object by its short name
//     (TYPENAME="ул."), not by an ID. The catalog AS_ADDR_OBJ_TYPES is keyed
//     by LEVEL and SHORTNAME and holds both "ул" and "ул." (the undotted
//     ones mostly inactive since 2022), and older records still use the
//     undotted names, so the lookup must include inactive types.
//   - HOUSETYPE refers to AS_HOUSE_TYPES, ADDTYPE1/ADDTYPE2 to
//     AS_ADDHOUSE_TYPES (a separate catalog with its own numbering: 1
//     корпус, 2 строение, 3 сооружение, 4 литера), APARTTYPE to
//     AS_APARTMENT_TYPES, ROOMTYPE to AS_ROOM_TYPES. ROOMTYPE="0" and
//     APARTTYPE="0" occur, and room type 0 ("Не определено") has no
//     SHORTNAME. HOUSENUM may be empty.
//   - The hierarchies (AS_ADM_HIERARCHY, AS_MUN_HIERARCHY) have one row per
//     version of a link, with its own PREVID/NEXTID and no ISACTUAL; a row
//     with ISACTIVE=0 and an open ENDDATE belongs to a deleted object.
//     PATH lists OBJECTIDs from the region down to the object itself (its
//     last element is OBJECTID, the one before PARENTOBJID); the municipal
//     path is usually longer than the administrative one. REGIONCODE is
//     written without a leading zero ("2" for the folder "02"); AREACODE,
//     CITYCODE, PLACECODE, PLANCODE, STREETCODE come only with some
//     administrative rows; OKTMO has 8 or 11 digits.
//   - AS_REESTR_OBJECTS gives the level (LEVELID) and GUID of every
//     object ID: 10 houses, 9 steads, 11 premises, 12 rooms, 17 car
//     places, 1…8 address objects.
//   - Parameters (AS_*_PARAMS) are versioned too: CHANGEIDEND is 0 while a
//     value holds; an ended value has CHANGEIDEND and a closed ENDDATE.
//     TYPEID refers to AS_PARAM_TYPES (5 postal code, 6 OKATO, 7 OKTMO, 8
//     cadastral number, 10/11 KLADR code, 13 registry number, 15 ordinal).
//   - A delta holds changed records only: most parents named by
//     PARENTOBJID or PATH are not in it.
//   - Empty files are an empty root, such as <ITEMS />. Official files
//     start with a byte order mark and are one line; other tools write
//     them pretty-printed, with attributes on lines of their own, with or
//     without the mark.
package gar
