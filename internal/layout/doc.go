// Package layout holds no code: its test enforces the architecture rules of
// DESIGN.md (which package may import which, which libraries are allowed,
// what stands at the top level) from the output of go list, so that they
// cannot rot.
package layout
