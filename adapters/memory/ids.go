package memory

import (
	"bytes"

	"github.com/google/uuid"
)

// compareIDs orders IDs by their bytes, which for version 7 IDs is the
// order they were made in; every adapter of the package lists by it.
func compareIDs(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }
