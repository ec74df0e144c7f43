// Package application is the heart of the product: the application to open
// a personal account (лицевой счет) with a provider of housing services,
// its state machine, the service that runs the flow, providers, reference
// books, and the ports to providers' own systems. It uses package document,
// package subject and package address.
//
// What is here so far:
//
//   - the reference books (communal resources, units of measure with OKEI
//     codes, purposes of use, housing and communal services) with their
//     defaults, behind the ReferenceRepository port;
//   - providers (исполнители ЖКУ) with their services, areas, templates,
//     document package and external system, behind ProviderRepository;
//   - the Application aggregate, its state machine (Draft → Sent →
//     Processed → Issued, Sent → Rejected, a draft deleted) as one
//     hand-written table with an append-only history, and CheckSend, the
//     completeness check that refuses an incomplete application with every
//     violation at once;
//   - registration numbers (RegNumbers: <office>-<year>-<6-digit
//     sequence>, gapless per office and year) and the Notifier port with
//     the Russian texts of the processing and rejection messages;
//   - the port to providers' external systems (ProviderSystem) with an
//     Aggregator that asks every provider of a house at once, each with its
//     own timeout.
//
// Still to come: the Service that runs the flow over these ports, the
// application repository, the REST operations for providers' systems, and
// the report of approved packages.
package application
