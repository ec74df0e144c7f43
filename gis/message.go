package gis

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"
)

// SignedDataID is the Id of the body root element, the element a Signer
// signs.
const SignedDataID = "signed-data-container"

// headerDateLayout is the header Date: local time with the offset and
// millisecond precision.
const headerDateLayout = "2006-01-02T15:04:05.000-07:00"

// BuilderConfig configures a Builder.
type BuilderConfig struct {
	// OrgPPAGUID is the organisation on whose behalf messages go, written
	// into RequestHeader. Required for operations with a RequestHeader.
	OrgPPAGUID uuid.UUID
	// OperatorSignature writes IsOperatorSignature=true: the message is
	// signed with the information system operator's key.
	OperatorSignature bool
	// Now is the clock for the header Date; time.Now when nil.
	Now func() time.Time
	// NewID makes MessageGUIDs and TransportGUIDs; uuid.NewRandom when nil.
	NewID func() (uuid.UUID, error)
	// Location is the time zone of the header Date; Europe/Moscow when nil
	// (UTC+3 when the zone database is missing).
	Location *time.Location
}

// Builder makes SOAP envelopes of GIS ZhKKh requests. It is safe for
// concurrent use.
type Builder struct {
	cfg BuilderConfig
	loc *time.Location
}

// NewBuilder returns a Builder.
func NewBuilder(cfg BuilderConfig) *Builder {
	loc := cfg.Location
	if loc == nil {
		var err error
		if loc, err = time.LoadLocation("Europe/Moscow"); err != nil {
			loc = moscowTime
		}
	}
	return &Builder{cfg: cfg, loc: loc}
}

// Message is one request ready to sign and send.
type Message struct {
	// Operation is what the message asks for.
	Operation Operation
	// Version is the base:version written on the body root ("" for getState).
	Version string
	// MessageGUID is the header MessageGUID, fresh for every message.
	MessageGUID uuid.UUID
	// Date is the header Date.
	Date time.Time
	// Doc is the whole envelope.
	Doc *etree.Document
	// Body is the body root element (Id="signed-data-container"), where a
	// Signer puts its signature. Nil for getState.
	Body *etree.Element
	// Items maps each TransportGUID of the message to the index of the
	// caller's item it came from (in the caller's whole input, not in this
	// message). Empty for exports.
	Items map[uuid.UUID]int
	// Objects are the objects the message concerns, for the exchange log.
	Objects []ObjectRef
}

// Bytes serialises the envelope: UTF-8 with an XML declaration, no
// indentation. Call it once after signing; the bytes are what is sent.
func (m *Message) Bytes() ([]byte, error) {
	if m == nil || m.Doc == nil || m.Doc.Root() == nil {
		return nil, invalidf("сообщение не построено")
	}
	var buf bytes.Buffer
	buf.Grow(4096)
	if err := writeDocument(&buf, m.Doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// NewBody returns an empty body root element for the operation, with the
// operation's prefix and namespace declared, Id="signed-data-container" and
// base:version set to version (the operation's default when ""). Append the
// children and pass it to Wrap.
func (b *Builder) NewBody(op Operation, version string) (*etree.Element, error) {
	var v violations
	if op.Request.Local == "" || op.Request.URI == "" {
		v.add("operation", "unknown", "операция не задана")
		return nil, v.err()
	}
	if version == "" {
		version = op.DefaultVersion()
	}
	checkVersion(&v, op, version)
	if err := v.err(); err != nil {
		return nil, err
	}
	el := etree.NewElement(op.Request.String())
	if op.Request.Prefix == "" {
		el.CreateAttr("xmlns", op.Request.URI)
	} else {
		el.CreateAttr("xmlns:"+op.Request.Prefix, op.Request.URI)
	}
	if op.Request.URI != NSBase {
		el.CreateAttr("xmlns:base", NSBase)
	}
	if len(op.Versions) > 0 {
		el.CreateAttr("Id", SignedDataID)
		el.CreateAttr("base:version", version)
	}
	return el, nil
}

// checkVersion records a violation when the operation takes no version
// but one is given, or does not allow the version.
func checkVersion(v *violations, op Operation, version string) {
	switch {
	case len(op.Versions) == 0 && version != "":
		v.add("version", "version", fmt.Sprintf("операция %s не принимает версию", op.Name))
	case len(op.Versions) > 0 && !op.AllowsVersion(version):
		v.add("version", "version", fmt.Sprintf("версия %q не допускается для операции %s; допустимы: %s",
			version, op.Name, strings.Join(op.Versions, ", ")))
	}
}

// Wrap puts a caller-built body root element into an envelope with the
// operation's header and a fresh MessageGUID; this is the low-level way to
// send any operation of the package. The element must be the operation's
// request element; Wrap sets Id and base:version when they are missing,
// checks the version against the schema, and declares on it every
// namespace prefix used inside that this package knows. It returns
// ErrInvalid for a wrong element, an unknown version or a missing
// organisation.
func (b *Builder) Wrap(op Operation, body *etree.Element) (*Message, error) {
	var v violations
	if body == nil {
		v.add("body", "required", "тело запроса не задано")
		return nil, v.err()
	}
	if op.Request.Local == "" {
		v.add("operation", "unknown", "операция не задана")
		return nil, v.err()
	}
	if body.Tag != op.Request.Local || elementNamespace(body) != op.Request.URI {
		v.add("body", "element", fmt.Sprintf("корневой элемент тела %q не является запросом %s операции %s",
			body.FullTag(), op.Request, op.Name))
	}
	version := op.DefaultVersion()
	if a := versionAttr(body); a != nil {
		version = a.Value
	}
	checkVersion(&v, op, version)
	b.checkHeader(&v, op)
	decls, missing := undeclaredNamespaces(body)
	for _, p := range missing {
		v.add("body", "namespace", fmt.Sprintf("неизвестный префикс пространства имён %q", p))
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	for _, d := range decls {
		body.CreateAttr("xmlns:"+d.prefix, d.uri)
	}
	if len(op.Versions) > 0 {
		if body.SelectAttr("Id") == nil {
			body.CreateAttr("Id", SignedDataID)
		}
		if versionAttr(body) == nil {
			if body.SelectAttr("xmlns:base") == nil && op.Request.URI != NSBase {
				body.CreateAttr("xmlns:base", NSBase)
			}
			body.CreateAttr("base:version", version)
		}
	}
	m, err := b.envelope(op, body)
	if err != nil {
		return nil, err
	}
	m.Version = version
	if len(op.Versions) > 0 {
		m.Body = body
	}
	return m, nil
}

// checkHeader records a violation when the header of op cannot be
// written: a RequestHeader without the organisation, or no header kind.
func (b *Builder) checkHeader(v *violations, op Operation) {
	switch op.Header {
	case RequestHeader:
		if b.cfg.OrgPPAGUID == uuid.Nil {
			v.add("orgPPAGUID", "required", "не задан идентификатор организации (orgPPAGUID) для заголовка RequestHeader")
		}
	case ISRequestHeader:
	default:
		v.add("operation", "header", "у операции не задан вид заголовка")
	}
}

// envelope builds the envelope around body with a fresh header.
func (b *Builder) envelope(op Operation, body *etree.Element) (*Message, error) {
	id, err := b.newID()
	if err != nil {
		return nil, fmt.Errorf("gis: making a MessageGUID: %w", err)
	}
	now := time.Now
	if b.cfg.Now != nil {
		now = b.cfg.Now
	}
	loc := b.loc
	if loc == nil { // a Builder not made by NewBuilder
		loc = moscowTime
	}
	date := now().In(loc).Truncate(time.Millisecond)

	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	env := doc.CreateElement("soapenv:Envelope")
	env.CreateAttr("xmlns:soapenv", NSSOAPEnvelope)
	hdr := env.CreateElement("soapenv:Header")
	h := hdr.CreateElement("base:" + op.Header.String())
	h.CreateAttr("xmlns:base", NSBase)
	addText(h, "base:Date", date.Format(headerDateLayout))
	addGUID(h, "base:MessageGUID", id)
	if op.Header == RequestHeader {
		addGUID(h, "base:orgPPAGUID", b.cfg.OrgPPAGUID)
		if b.cfg.OperatorSignature {
			addText(h, "base:IsOperatorSignature", "true")
		}
	}
	sb := env.CreateElement("soapenv:Body")
	if p := body.Parent(); p != nil {
		p.RemoveChild(body)
	}
	sb.AddChild(body)
	return &Message{
		Operation:   op,
		MessageGUID: id,
		Date:        date,
		Doc:         doc,
		Items:       map[uuid.UUID]int{},
	}, nil
}

// GetState builds the getState request of a service for the MessageGUID
// GIS returned in its Ack.
func (b *Builder) GetState(service string, ackGUID uuid.UUID) (*Message, error) {
	var v violations
	op, ok := StateOperation(service)
	if !ok {
		v.add("service", "unknown", fmt.Sprintf("неизвестный сервис %q", service))
	}
	v.requiredGUID("messageGUID", ackGUID)
	if ok {
		b.checkHeader(&v, op)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	body := etree.NewElement("base:getStateRequest")
	body.CreateAttr("xmlns:base", NSBase)
	addGUID(body, "base:MessageGUID", ackGUID)
	return b.envelope(op, body)
}

// newID returns a fresh GUID from the configured source.
func (b *Builder) newID() (uuid.UUID, error) {
	if b.cfg.NewID != nil {
		return b.cfg.NewID()
	}
	return uuid.NewRandom()
}

// elementNamespace returns the namespace of e: the one in scope by its
// declarations, or the one this package knows for its prefix.
func elementNamespace(e *etree.Element) string {
	if uri := e.NamespaceURI(); uri != "" {
		return uri
	}
	uri, _ := NamespaceOf(e.Space)
	return uri
}

// versionAttr returns the base:version attribute of e, or nil.
func versionAttr(e *etree.Element) *etree.Attr {
	for i := range e.Attr {
		a := &e.Attr[i]
		if a.Key != "version" || a.Space == "" || a.Space == "xmlns" {
			continue
		}
		if a.NamespaceURI() == NSBase {
			return a
		}
		if uri, ok := NamespaceOf(a.Space); ok && uri == NSBase && e.SelectAttr("xmlns:"+a.Space) == nil {
			return a
		}
	}
	return nil
}

// nsDecl is a namespace declaration to add.
type nsDecl struct{ prefix, uri string }

// undeclaredNamespaces lists the declarations root needs for every prefix
// used by an element or an attribute of its subtree (and by xsi:type
// values) that root does not declare yet, taking the URI from the
// declarations in scope or from the prefixes this package knows, and the
// prefixes it could not resolve.
func undeclaredNamespaces(root *etree.Element) (add []nsDecl, missing []string) {
	declared := map[string]bool{"xmlns": true, "xml": true}
	for _, a := range root.Attr {
		if a.Space == "xmlns" {
			declared[a.Key] = true
		}
	}
	seen := map[string]bool{}
	use := func(e *etree.Element, p string) {
		if p == "" || declared[p] || seen[p] {
			return
		}
		seen[p] = true
		uri := lookupInScope(e, p)
		if uri == "" {
			uri, _ = NamespaceOf(p)
		}
		if uri == "" {
			missing = append(missing, p)
			return
		}
		add = append(add, nsDecl{p, uri})
	}
	var walk func(e *etree.Element)
	walk = func(e *etree.Element) {
		use(e, e.Space)
		for _, a := range e.Attr {
			if a.Space == "xmlns" || (a.Space == "" && a.Key == "xmlns") {
				continue
			}
			use(e, a.Space)
			if a.Key == "type" && a.Space == "xsi" {
				if p, _, ok := strings.Cut(a.Value, ":"); ok {
					use(e, p)
				}
			}
		}
		for _, t := range e.Child {
			if c, ok := t.(*etree.Element); ok {
				walk(c)
			}
		}
	}
	walk(root)
	return add, missing
}

// lookupInScope returns the URI a declaration on e or an ancestor gives
// the prefix, or "".
func lookupInScope(e *etree.Element, prefix string) string {
	for x := e; x != nil; x = x.Parent() {
		if a := x.SelectAttr("xmlns:" + prefix); a != nil {
			return a.Value
		}
	}
	return ""
}

// ItemResult is the outcome of one of the caller's items: its index in the
// caller's input and what GIS answered for it.
type ItemResult struct {
	// Index is the position of the item in the caller's whole input.
	Index int
	// CommonResult is what GIS answered for the item.
	CommonResult
}

// Correlate maps the per-item results of r back to the caller's items of
// m through the TransportGUIDs. A result with a TransportGUID the message
// did not send is an error matching ErrInvalid.
func (m *Message) Correlate(r *StateResult) ([]ItemResult, error) {
	if r == nil {
		return nil, invalidf("нет результата обработки")
	}
	out := make([]ItemResult, 0, len(r.Results))
	for _, c := range r.Results {
		idx, ok := m.Items[c.TransportGUID]
		if !ok {
			return nil, invalidf("результат с TransportGUID %s не относится к сообщению %s", c.TransportGUID, m.MessageGUID)
		}
		out = append(out, ItemResult{Index: idx, CommonResult: c})
	}
	return out, nil
}
