package testenv_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/internal/testenv"
)

func TestSharedDirFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("ZHKH_SHARED_DIR", dir)
	assert.Equal(t, dir, testenv.SharedDir(t))
}

func TestModuleRoot(t *testing.T) {
	t.Parallel()
	root, err := testenv.ModuleRoot()
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(root, "go.mod"))
	assert.NoError(t, err)
}

func TestCommand(t *testing.T) {
	t.Parallel()
	assert.NotEmpty(t, testenv.Command(t, "go"))
}
