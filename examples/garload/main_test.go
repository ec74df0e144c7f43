package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/address/addresstest"
	"github.com/openzhkh/zhkh/address/gar/gartest"
	"github.com/openzhkh/zhkh/internal/testenv"
)

func TestRunSynthetic(t *testing.T) {
	t.Parallel()
	var out, errs bytes.Buffer
	require.NoError(t, run(t.Context(), nil, &out, &errs, false))
	s := out.String()
	assert.Contains(t, s, "; 0 records left out")
	assert.Regexp(t, `loaded \d+ types, 1300\d objects, 2600\d relations`, s)
	assert.Contains(t, s, "sample помещение addresses:")
	assert.Contains(t, s, "респ. Башкортостан")
	assert.Contains(t, errs.String(), "progress: 100%")
}

func TestRunListSamples(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(testenv.SharedDir(t), "address", "gar-samples")
	var out, errs bytes.Buffer
	require.NoError(t, run(t.Context(), []string{"-lenient", "-dir", dir, "-list"}, &out, &errs, false))
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Greater(t, len(lines), 100)
	line := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\t\S.*$`)
	for _, l := range lines {
		require.Regexp(t, line, l)
	}
	assert.Contains(t, errs.String(), "пропущено:", "dangling records of the delta are reported")
	var again bytes.Buffer
	require.NoError(t, run(t.Context(), []string{"-lenient", "-dir", dir, "-list"}, &again, &bytes.Buffer{}, false))
	assert.Equal(t, out.String(), again.String(), "the order is stable")
}

func TestRunStrictFailsOnADelta(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(testenv.SharedDir(t), "address", "gar-samples")
	err := run(t.Context(), []string{"-dir", dir}, &bytes.Buffer{}, &bytes.Buffer{}, false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "AS_")
}

func TestFlags(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"-hierarchy", "x"}, {"-style", "long"}, {"-dir", "a", "-zip", "b"}, {"extra"}, {"-nosuchflag"},
	} {
		err := run(t.Context(), args, &bytes.Buffer{}, &bytes.Buffer{}, false)
		assert.Error(t, err, "%v", args)
	}
	c, err := parseFlags([]string{"-region", "2, 72", "-hierarchy", "mun", "-style", "full"}, &bytes.Buffer{})
	require.NoError(t, err)
	assert.Equal(t, []string{"02", "72"}, c.regions)
	assert.True(t, c.style.Long)
}

func TestProgressBar(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	require.NoError(t, run(t.Context(), nil, &bytes.Buffer{}, &buf, true))
	assert.Contains(t, buf.String(), "\r[")
	assert.Contains(t, buf.String(), "100%")
}

func TestRunZip(t *testing.T) {
	t.Parallel()
	var zipped bytes.Buffer
	_, err := gartest.WriteZip(&zipped, []gartest.Region{{Code: "66", Data: addresstest.Generate(5, 1500)}}, gartest.Options{})
	require.NoError(t, err)
	name := filepath.Join(t.TempDir(), "gar_xml.zip")
	require.NoError(t, os.WriteFile(name, zipped.Bytes(), 0o644))
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), []string{"-zip", name, "-region", "66", "-style", "full", "-list"}, &out, &bytes.Buffer{}, false))
	assert.Contains(t, out.String(), "\tобласть Свердловская, город ")
	var none bytes.Buffer
	require.NoError(t, run(t.Context(), []string{"-zip", name, "-region", "77", "-list"}, &none, &bytes.Buffer{}, false))
	assert.Empty(t, none.String(), "a region the archive does not hold loads nothing")
}
