// Package subject holds the subjects of housing services: legal entities,
// persons and the roles they hold (user, applicant, legal representative,
// owner), representation, contacts, and ownership rights to premises with
// exact shares. It uses package document for identifiers and documents and
// package address for premises.
package subject
