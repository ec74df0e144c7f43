// Package memory holds in-memory adapters for every port of the module.
// They keep everything in process memory, are safe for concurrent use, and
// pass the same conformance suites as the PostgreSQL adapter, so test
// suites and small deployments can run on them.
//
// AddressRepository implements address.Repository, DocumentRepository
// implements document.Repository, ScanStore implements
// document.ScanStore, RightRepository implements
// subject.RightRepository, PersonRepository implements
// subject.PersonRepository, LegalEntityRepository implements
// subject.LegalEntityRepository, ReferenceRepository implements
// application.ReferenceRepository, ProviderRepository implements
// application.ProviderRepository, ApplicationRepository implements
// application.Repository, RegNumbers implements
// application.RegNumbers, Notifier implements application.Notifier and
// ExchangeLog implements gis.ExchangeLog.
package memory
