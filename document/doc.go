// Package document holds what the project knows about documents. It is the
// lowest domain package: it imports no other, and the others use it for
// every document and identifier.
//
// # Identifier checks
//
// CheckINN, CheckKPP, CheckOGRN, CheckOGRNIP, CheckSNILS, CheckBIK,
// CheckSettlementAccount, CheckCorrespondentAccount, CheckPassportRF,
// CheckBirthCertificate, CheckCadastralNumber, CheckOKTMO, CheckOKATO,
// CheckPostalCode and CheckFIASGUID return nil, or a *ValidationError with
// a stable code («snils.checksum») and a Russian message that never repeats
// the value (it may be personal data). They accept the separators people
// type where the official form has them and nothing else, run without
// allocating on valid input, and have Normalize… and Format… companions
// (NormalizeSNILS("112-233-445 95") is "11223344595", FormatSNILS gives
// it back). LookupCheck finds a check by name, and RegisterValidations
// registers them as tags of go-playground/validator for integrators who
// validate their own structs.
//
// # Document types are data
//
// A TypeDef — code, Russian name, fields (реквизиты) with their kind,
// normalisation, display mask, pattern, lengths, allowed values, date
// bounds and named check, cross-field rules, and the scans required — is
// plain data that round-trips through JSON, so an administrator can add or
// change a type without a release. NewType and ParseType compile it once
// (reporting every definition error at once) into an immutable *Type,
// whose Validate reports every violation of a set of Values with its field
// path, and whose Format applies the display masks. The package never reads
// the clock: «not in the future» is judged against the date the caller
// passes. Catalogue and BuiltinType give the seed's document types:
// passport, birth certificate, INN, SNILS, contracts of sale, gift and
// exchange, inheritance certificate, EGRN extract, meter passport, meter
// commissioning act, account-opening application, questionnaire and power
// of attorney.
//
// # Registry, scans and packages
//
// Registry keeps documents in a Repository (adapters/memory, with the
// conformance suite in documenttest): it gives them IDs and stamps who and
// when created and changed them through an injected clock and ID function,
// validates them through their types (ValidatorsAt adapts the catalogue),
// and retires rather than deletes. A ScanStore keeps scans by SHA-256 of
// their content, admits only PDF, JPEG, PNG and TIFF by their bytes
// whatever the client claims, enforces a size limit and counts PDF pages;
// adapters/memory and adapters/filestore implement it and pass
// documenttest.RunScanStore. A Package lists the document types an
// application needs, required or optional, with minimum counts and
// conditions (a representative acts, shared ownership, meters declared);
// Package.Check reports everything missing or invalid at once, so an
// incomplete application is refused before it is sent.
package document
