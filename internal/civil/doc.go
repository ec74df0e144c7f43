// Package civil holds Date, the one date-without-time type of the module.
// Domain packages re-export it as an alias (address.Date), so values pass
// between packages without conversion.
package civil
