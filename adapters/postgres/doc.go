// Package postgres is the reference persistent adapter of the library: it
// implements the repository ports of the domain packages over a
// github.com/jackc/pgx/v5 connection pool and passes the same conformance
// suites as the in-memory adapters.
//
// Every adapter is built from a *pgxpool.Pool by a constructor named after
// the port it implements, for example NewApplicationRepository(pool). The
// schema comes with the package: Migrations returns the embedded SQL files
// (goose format, so integrators can run them with their own tooling) and
// Migrate applies them, safely when several processes start at once.
//
// The adapters and the ports they implement: AddressRepository
// (address.Repository), DocumentRepository (document.Repository), ScanStore
// (document.ScanStore, bytea with a size limit), PersonRepository,
// LegalEntityRepository and RightRepository (the subject ports),
// ApplicationRepository, ReferenceRepository, ProviderRepository and
// RegNumbers (the application ports), and ExchangeLog (gis.ExchangeLog).
// Read-modify-write (Update) runs in a transaction that locks the row with
// SELECT … FOR UPDATE and checks a version column.
//
// The address graph is also searched in SQL when it is too big for memory:
// AddressRepository.Search and Full narrow the graph with indexes (folded
// name prefixes, parent links) and recursive queries, then rank with the
// domain's own algorithm, so the results equal address.Index's. BulkLoad
// streams a GAR source into the tables with COPY in one transaction
// (BulkImport for any graph, CopyGraph for a stored one): a load that fails
// or is killed leaves nothing behind. adapters/postgres/bench/copycompare.sh
// measures it against a plain psql \copy of the same rows.
//
// Errors are translated at the boundary by SQLSTATE and constraint name:
// a unique violation becomes the domain's conflict, a foreign key
// violation a not-found or invalid error, a serialization failure or a
// deadlock is retried once and then reported as a conflict, and a lost or
// refused connection matches ErrUnavailable, so callers can tell "try
// again later" from "this is wrong".
package postgres
