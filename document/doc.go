// Package document holds what the project knows about documents: checks of
// Russian identifiers (INN, KPP, OGRN, SNILS, BIK, accounts, passport and
// birth-certificate numbers, cadastral numbers, OKTMO, OKATO, postal codes,
// FIAS GUIDs), document types whose fields and rules are data, the
// document registry, scans, and the document packages an application
// needs. It is the lowest domain package: it imports no other.
package document
