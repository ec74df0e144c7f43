// Package pgtest gives tests of the PostgreSQL adapter a database of their
// own. NewPool reads ZHKH_TEST_DATABASE_URL, makes sure a template
// database with the current migrations exists (its name carries a hash of
// the migrations, so a changed schema gets a new template; creation is
// guarded by an advisory lock, so parallel test binaries do not race),
// creates a fresh database from the template for the test and drops it
// when the test ends. Tests therefore run in parallel and leave nothing
// behind; the databases of a test process killed before its cleanup are
// dropped by a later run once they are six hours old and unused.
//
// Templates belong to the role that made them (the tables of a template
// are the role's), so their names carry a hash of the role as well as of
// the migrations.
//
// When ZHKH_TEST_DATABASE_URL is not set, the test is skipped with a
// message, or failed when CI is set, so CI never passes by skipping.
package pgtest
