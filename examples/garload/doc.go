// Command garload loads FIAS GAR data into the address graph and prints what
// it got: counts, sample addresses, or with -list one line per house,
// premise and room.
//
// With no arguments it writes a small synthetic GAR dataset (three regions
// with streets, houses, premises, rooms, both hierarchies and postal
// codes) into a temporary folder and loads that, so it runs on a fresh
// machine:
//
//	go run ./examples/garload
//
// With -dir or -zip it reads real data, a full archive or a daily delta:
//
//	go run ./examples/garload -zip gar_xml.zip -region 66 -style full
//	go run ./examples/garload -lenient -dir ../shared/address/gar-samples -list
//
// Flags:
//
//	-dir DIR        read the GAR files below DIR
//	-zip FILE       read the GAR files inside a zip archive, without unpacking
//	-region LIST    load only these regions, such as 02,72
//	-hierarchy H    adm (administrative, the default) or mun (municipal)
//	-style S        short (the default) or full type names
//	-lenient        report bad or dangling records on stderr and go on
//	                (a daily delta alone references parents it does not hold)
//	-list           print <OBJECTGUID><TAB><full address> for every house,
//	                premise and room, ordered by address
//
// Progress goes to stderr: a bar when stderr is a terminal, plain lines
// otherwise.
package main
