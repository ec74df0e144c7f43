// Package application is the heart of the product: the application to open
// a personal account (лицевой счет) with a provider of housing services,
// its state machine, the service that runs the flow, providers, reference
// books, and the ports to providers' own systems. It uses package document,
// package subject and package address.
//
// What it holds:
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
//   - the Service that runs the flow over ports — applications
//     (Repository), providers, documents, addresses, persons, registration
//     numbers (RegNumbers: <office>-<year>-<6-digit sequence>), the
//     Notifier, a clock and an ID function: drafts, Send, Issue and Delete
//     for the MFC, and for a provider's external system, scoped to the
//     providers it represents, Incoming (cursor paging in a stable order),
//     Fetch (recording the first delivery), Process and Reject, which
//     notify the applicant by e-mail;
//   - ApprovedPackages, the data of the report of approved packages;
//   - the port to providers' external systems (ProviderSystem) with an
//     Aggregator that asks every provider of a house at once, each with its
//     own timeout.
//
// The memory adapters are in adapters/memory and the conformance suites in
// applicationtest.
package application
