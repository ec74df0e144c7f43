package gar_test

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/address/gar"
)

func TestCountingReader(t *testing.T) {
	t.Parallel()
	cr := gar.NewCountingReader(strings.NewReader("0123456789"))
	n, err := io.Copy(io.Discard, cr)
	require.NoError(t, err)
	assert.Equal(t, int64(10), n)
	assert.Equal(t, int64(10), cr.N())
}
