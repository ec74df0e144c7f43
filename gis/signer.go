package gis

import (
	"context"

	"github.com/beevik/etree"
)

// Signer is the port that signs a request: Sign puts an enveloped
// XML-DSig (XAdES-BES with a GOST R 34.10-2012 key, as GIS ZhKKh wants it)
// into doc as the FIRST child of container, the body root element with
// Id="signed-data-container" (SignedDataID); the signature's Reference
// names "#signed-data-container". GOST cryptography is not in Go's
// standard library, so implementations call CryptoPro, a signing service
// or an HSM.
//
// A Signer must not change anything else in doc, and nothing may change
// doc after Sign: the Client calls Message.Bytes once, after signing, and
// sends exactly those bytes. Sign returns an error when the key or the
// signing service fails; the Client then sends nothing.
type Signer interface {
	Sign(ctx context.Context, doc *etree.Document, container *etree.Element) error
}

// SignerFunc adapts a function to Signer.
type SignerFunc func(ctx context.Context, doc *etree.Document, container *etree.Element) error

// Sign calls f.
func (f SignerFunc) Sign(ctx context.Context, doc *etree.Document, container *etree.Element) error {
	return f(ctx, doc, container)
}

// NoSigner leaves messages unsigned, for the test stands that accept
// unsigned requests and for tests. The production system rejects unsigned
// imports.
type NoSigner struct{}

var _ Signer = NoSigner{}

// Sign does nothing except honour a cancelled ctx.
func (NoSigner) Sign(ctx context.Context, _ *etree.Document, _ *etree.Element) error {
	return ctx.Err()
}

// InsertSignature puts sig into container as its first child, the place
// base:BaseType gives ds:Signature; signers call it after computing the
// signature.
func InsertSignature(container, sig *etree.Element) {
	container.InsertChildAt(0, sig)
}
