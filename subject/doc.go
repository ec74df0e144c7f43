// Package subject holds the subjects of housing services and their rights
// to premises. It uses package document for identifiers and package
// address for premises.
//
// # Registers
//
// A Person has a name, birth date and place, sex, identity documents
// (passport, birth certificate), INN, SNILS, contacts and any number of
// roles at once (user, applicant, legal representative, owner); a
// Representation says who represents whom and on what ground (a parent
// with the birth certificate, a guardian, a power of attorney with its
// period). A LegalEntity has its names, INN, KPP, OGRN, addresses, bank
// details, head, contacts and OKTMO/OKPO/OKVED. PersonRegister and
// LegalEntityRegister validate and normalise records (every violation at
// once, Russian messages), stamp IDs and times through an injected clock
// and ID function, and store them through the PersonRepository and
// LegalEntityRepository ports, which refuse duplicates (a person by SNILS,
// an organisation by OGRN or INN+KPP) with a conflict naming the existing
// record, and search by name parts (case-insensitive, ё = е), birth date,
// SNILS, INN, OGRN and document number. Contacts normalise phones to
// +7XXXXXXXXXX (NormalizePhone) and check e-mails.
//
// # Personal data
//
// SNILS, INN, document numbers and birth dates are masked wherever they
// may leak — String, slog values, error messages (SNILS prints as
// ***-***-445 95) — and come in full only through Reveal and JSON.
//
// # Ownership rights
//
// A Right places owners on a premise with a kind — sole, joint or shared —
// a registration date and number, title and registration documents, and
// an end date once terminated. Shares are exact fractions (ParseShare
// reads «1/3», «25/100», «1», «0,25» and keeps the registered form); never
// floats. CheckPremise checks the rights of a premise at a date — a sole
// right alone and with one owner, a joint right with two or more owners,
// shares that sum to exactly one — and says what is missing or in excess
// («не хватает 1/6», «превышение на 1/12»); OwnersAt answers who owned it
// on a past date. RightRegister adds rights through the RightRepository
// port, which runs the rules atomically with the insert, so racing writers
// can never push the shares of a premise above one.
//
// The memory adapters are in adapters/memory; the conformance suites are
// in subjecttest.
package subject
