// Package application is the heart of the product: the application to open
// a personal account (лицевой счет) with a provider of housing services,
// its state machine, the service that runs the flow, providers, reference
// books, and the ports to providers' own systems. It uses package document,
// package subject and package address.
//
// What is here so far: the reference books (communal resources, units of
// measure with OKEI codes, purposes of use, housing and communal services)
// and the port to providers' external systems with an aggregator that asks
// every provider of a house at once.
package application
