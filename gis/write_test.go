package gis_test

import (
	"testing"

	"github.com/beevik/etree"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
)

// The bytes of a message read back to exactly the tree that was built:
// every character a parser would change (markup, quotes, a carriage
// return in text, whitespace in attributes) survives.
func TestBytesRoundTripsEveryCharacter(t *testing.T) {
	t.Parallel()
	const text = "a&b<c>d\"e'f\r\ng\th ё№ \u00a0]]>"
	b := newBuilder(t, gis.BuilderConfig{OrgPPAGUID: testOrg})
	op := lookup(t, "exportAccountData")
	body, err := b.NewBody(op, "")
	require.NoError(t, err)
	el := body.CreateElement("account-base:UnifiedAccountNumber")
	el.SetText(text)
	el.CreateAttr("note", text)
	body.CreateComment("comments are not sent")
	msg, err := b.Wrap(op, body)
	require.NoError(t, err)
	data, err := msg.Bytes()
	require.NoError(t, err)
	assert.NotContains(t, string(data), "comments are not sent")
	assert.Contains(t, string(data), "&#xD;")

	doc := etree.NewDocument()
	require.NoError(t, doc.ReadFromBytes(data))
	got := doc.FindElement("//UnifiedAccountNumber")
	require.NotNil(t, got)
	assert.Equal(t, text, got.Text())
	assert.Equal(t, text, got.SelectAttrValue("note", ""))
}

// A tree with a node a message may not carry is refused, not written.
func TestBytesRefusesForeignNodes(t *testing.T) {
	t.Parallel()
	b := newBuilder(t, gis.BuilderConfig{OrgPPAGUID: testOrg})
	op := lookup(t, "exportAccountData")
	body, err := b.NewBody(op, "")
	require.NoError(t, err)
	body.CreateElement("account-base:UnifiedAccountNumber").SetText("1")
	msg, err := b.Wrap(op, body)
	require.NoError(t, err)
	msg.Body.CreateDirective("ENTITY x SYSTEM 'file:///etc/passwd'")
	_, err = msg.Bytes()
	require.ErrorIs(t, err, gis.ErrInvalid)
}

// A payload element taken out of its envelope keeps the namespaces it
// inherited, and an own declaration wins over an inherited one.
func TestStandaloneCarriesInheritedNamespaces(t *testing.T) {
	t.Parallel()
	doc := etree.NewDocument()
	require.NoError(t, doc.ReadFromString(`<a:Root xmlns:a="urn:a" xmlns:b="urn:b" xmlns="urn:d">`+
		`<b:Item xmlns:a="urn:own"><a:X/><Y/></b:Item></a:Root>`))
	item := doc.FindElement("//Item")
	require.NotNil(t, item)

	out := etree.NewDocument()
	out.SetRoot(gis.Standalone(item))
	s, err := out.WriteToString()
	require.NoError(t, err)

	back := etree.NewDocument()
	require.NoError(t, back.ReadFromString(s))
	root := back.Root()
	assert.Equal(t, "urn:b", root.NamespaceURI())
	assert.Equal(t, "urn:own", root.FindElement("X").NamespaceURI())
	assert.Equal(t, "urn:d", root.FindElement("Y").NamespaceURI())
	assert.Same(t, doc.Root(), item.Parent(), "the original stays in its document")
}
