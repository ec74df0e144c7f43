// Package zhkh is the root of openzhkh, a library for Russian housing and
// communal services (ЖКХ). This package holds no code; it is the map of the
// library.
//
// The job the library serves: a citizen comes to an MFC office, a
// specialist checks the documents and files an application to open a
// personal account (лицевой счет) with a provider (исполнитель ЖКУ); the
// provider's external system fetches the application over REST, opens the
// account or refuses, and the MFC hands over the result.
//
// # Packages
//
//   - address: the address graph — objects from the region to the room,
//     type classifiers, relations in the administrative and municipal
//     hierarchies with validity periods, full address strings, search, and
//     the house-number parser. Start at address.NewGraph and
//     address.BuildIndex.
//   - address/gar: reads official FIAS GAR XML — a folder or the zip
//     archive, the full register or a daily delta — into the address graph,
//     streaming, with a lenient mode that reports bad records. Start at
//     gar.OpenZip and gar.Load.
//   - address/addresstest: the conformance suite of address.Repository and
//     a generator of synthetic regions; address/gar/gartest writes such
//     regions as GAR files.
//   - document: identifier checks (INN, SNILS, OGRN …), document types whose
//     fields and rules are data, the document registry, scans and the
//     document packages an application needs. Start at document.CheckSNILS,
//     document.Catalogue and document.NewRegistry.
//   - document/documenttest: the conformance suites of document.Repository
//     and document.ScanStore.
//   - subject: persons and their roles, representation, legal entities,
//     contacts, ownership rights with exact shares. Start at
//     subject.NewPersonRegister and subject.CheckPremise.
//   - subject/subjecttest: the conformance suites of the subject ports.
//   - application: the account-opening flow — the Application and its
//     state machine, the Service that runs it for the MFC and for the
//     providers' external systems, providers, reference books,
//     registration numbers, notifications, the report of approved
//     packages, and the port to providers' own systems with an aggregator.
//     Start at application.NewService.
//   - application/applicationtest: the conformance suites of the
//     application ports, and a fake provider system.
//   - gis: GIS ZhKKh (dom.gosuslugi.ru), the state system of housing and
//     communal services — the operation table of the 16.3.0.0 formats,
//     envelopes, typed builders and result readers, the asynchronous client
//     and its exchange log, data-quality checks. It imports no other domain
//     package. Start at gis.NewBuilder and gis.NewClient.
//   - gis/gistest: a fake GIS ZhKKh server and the conformance suite of
//     gis.ExchangeLog.
//   - adapters/memory: in-memory adapters of every port, for tests and
//     small deployments.
//   - adapters/filestore: a document.ScanStore on the file system.
//   - adapters/postgres: the PostgreSQL adapter of every repository port,
//     with embedded migrations and COPY bulk loading of the address graph;
//     adapters/postgres/pgtest gives each test a fresh database.
//   - examples/garload: loads GAR data and prints addresses; the program a
//     newcomer runs first.
//   - examples/gisctl: GIS ZhKKh messages from the command line.
//
// Still to come, in the order of the project's issues: print,
// adapters/httpapi, and the example server.
//
// # How the packages join
//
// Domain packages declare ports — interfaces named by role, such as
// address.Repository — and keep the algorithms; adapters implement the
// ports; programs under examples assemble both. Dependencies point inward:
// domain packages never import adapters, and the import rules are checked
// by a test in internal/layout. Errors of every package share the kinds
// not found, conflict and invalid (address.ErrNotFound and its peers),
// and validation failures list every violation with a stable code and a
// Russian message.
package zhkh
