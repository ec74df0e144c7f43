package gis_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/beevik/etree"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/gis/gistest"
)

// stubSigner inserts a ds:Signature carrying a digest of the container as
// it was when signed, so the test can check that what is sent is what was
// signed.
type stubSigner struct {
	signed []byte
}

func (s *stubSigner) Sign(ctx context.Context, doc *etree.Document, container *etree.Element) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d := etree.NewDocument()
	d.SetRoot(container.Copy())
	data, err := d.WriteToBytes()
	if err != nil {
		return err
	}
	s.signed = data
	sig := etree.NewElement("ds:Signature")
	sig.CreateAttr("xmlns:ds", "http://www.w3.org/2000/09/xmldsig#")
	sig.CreateAttr("Id", "xmldsig-stub")
	sig.CreateElement("ds:SignatureValue").SetText(uuid.NewSHA1(uuid.NameSpaceOID, data).String())
	gis.InsertSignature(container, sig)
	return nil
}

func TestSignerInsertsFirstAndBytesAreSent(t *testing.T) {
	t.Parallel()
	server := gistest.NewFakeServer(t, gistest.FakeServerOptions{})
	b := gis.NewBuilder(gis.BuilderConfig{OrgPPAGUID: uuid.MustParse("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b")})
	tr, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: server.URL})
	require.NoError(t, err)
	signer := &stubSigner{}
	clock := &clClock{now: clStart}
	c, err := gis.NewClient(gis.ClientConfig{Builder: b, Transport: tr, Signer: signer, Now: clock.Now, Sleep: clock.Sleep})
	require.NoError(t, err)
	msg := clAccounts(t, b, 2)

	_, err = c.Send(t.Context(), msg)
	require.NoError(t, err)

	got := server.Requests()[0]
	require.NotNil(t, got.Body)
	kids := got.Body.ChildElements()
	require.NotEmpty(t, kids)
	assert.Equal(t, "Signature", kids[0].Tag, "ds:Signature is the first child of the signed container")
	assert.Equal(t, "http://www.w3.org/2000/09/xmldsig#", kids[0].NamespaceURI())
	assert.Equal(t, gis.SignedDataID, got.Body.SelectAttrValue("Id", ""))

	// What was signed is the sent container without the signature, byte
	// for byte: nothing was re-serialised differently after signing.
	sent := etree.NewDocument()
	require.NoError(t, sent.ReadFromBytes(got.Raw))
	body := sent.FindElement("//Body").ChildElements()[0]
	body.RemoveChildAt(kids[0].Index())
	d := etree.NewDocument()
	d.SetRoot(body.Copy())
	unsigned, err := d.WriteToBytes()
	require.NoError(t, err)
	assert.Equal(t, string(signer.signed), string(unsigned))
	again, err := msg.Bytes()
	require.NoError(t, err)
	assert.True(t, bytes.Equal(again, got.Raw), "the message serialises to the bytes that were sent")
}

func TestInsertSignatureIntoEmpty(t *testing.T) {
	t.Parallel()
	container := etree.NewElement("nsic:exportNsiListRequest")
	sig := etree.NewElement("ds:Signature")
	gis.InsertSignature(container, sig)
	require.Len(t, container.ChildElements(), 1)
	assert.Same(t, sig, container.ChildElements()[0])

	container.SetText("  ")
	other := etree.NewElement("ds:Signature")
	gis.InsertSignature(container, other)
	assert.Same(t, other, container.Child[0], "the signature goes before text too")
}

func TestNoSigner(t *testing.T) {
	t.Parallel()
	doc := etree.NewDocument()
	body := doc.CreateElement("x")
	require.NoError(t, gis.NoSigner{}.Sign(t.Context(), doc, body))
	assert.Empty(t, body.Child, "NoSigner changes nothing")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	require.ErrorIs(t, gis.NoSigner{}.Sign(ctx, doc, body), context.Canceled)
}

func TestSubmitRefusesSignedMessage(t *testing.T) {
	t.Parallel()
	server := gistest.NewFakeServer(t, gistest.FakeServerOptions{})
	b := gis.NewBuilder(gis.BuilderConfig{OrgPPAGUID: uuid.MustParse("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b")})
	tr, err := gis.NewHTTPTransport(gis.HTTPTransportConfig{BaseURL: server.URL})
	require.NoError(t, err)
	c, err := gis.NewClient(gis.ClientConfig{Builder: b, Transport: tr, Signer: &stubSigner{}})
	require.NoError(t, err)
	msg := clAccounts(t, b, 1)
	_, err = c.Submit(t.Context(), msg)
	require.NoError(t, err)
	_, err = c.Submit(t.Context(), msg)
	require.ErrorIs(t, err, gis.ErrInvalid, "a signed message is not signed twice")
	assert.Len(t, server.Requests(), 1)

	// Unsigned messages (NoSigner) may go again as they are.
	c, err = gis.NewClient(gis.ClientConfig{Builder: b, Transport: tr, Signer: gis.NoSigner{}})
	require.NoError(t, err)
	unsigned := clAccounts(t, b, 1)
	for range 2 {
		_, err = c.Submit(t.Context(), unsigned)
		require.NoError(t, err)
	}
}
