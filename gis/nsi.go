package gis

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"
	"github.com/google/uuid"
)

// NsiRef is a reference to an element of an NSI dictionary
// (nsi-base:nsiRef): its code, its GUID and, optionally, its name. The
// dictionaries are numbered ("НСИ 22" lists the reasons to close an
// account).
type NsiRef struct {
	// Code is the element's code in the dictionary, such as "1" or "3.2".
	Code string `json:"code"`
	// GUID is the element's GUID in the dictionary.
	GUID uuid.UUID `json:"guid"`
	// Name is the element's name; optional in requests.
	Name string `json:"name,omitempty"`
}

// IsZero reports whether the reference is empty.
func (r NsiRef) IsZero() bool { return r.Code == "" && r.GUID == uuid.Nil && r.Name == "" }

// nsiCodePattern is the pattern of nsi-base:nsiCodeType.
var nsiCodePattern = regexp.MustCompile(`^(A?\d{1,4}\.?)+$`)

// nsiRef records the violations of a dictionary reference at field.
func (v *violations) nsiRef(field string, r NsiRef) {
	switch {
	case r.Code == "":
		v.add(field+".code", "required", "обязательное поле не заполнено")
	case len(r.Code) > 20 || !nsiCodePattern.MatchString(r.Code):
		v.add(field+".code", "format", "код элемента справочника имеет неверный формат")
	}
	if r.GUID == uuid.Nil {
		v.add(field+".guid", "required", "обязательный идентификатор не заполнен")
	}
	v.textValue(field, ".name", r.Name, 1200, false)
}

// addNsiRef appends an nsi-base:nsiRef element: Code, GUID, Name?.
func addNsiRef(parent *etree.Element, tag string, r NsiRef) {
	e := add(parent, tag)
	addText(e, "nsi-base:Code", r.Code)
	addGUID(e, "nsi-base:GUID", r.GUID)
	addOptText(e, "nsi-base:Name", r.Name)
}

// readNsiRef reads an nsi-base:nsiRef element; a nil element gives the
// zero reference.
func readNsiRef(e *etree.Element) (NsiRef, error) {
	if e == nil {
		return NsiRef{}, nil
	}
	id, err := readGUIDChild(e, "GUID")
	if err != nil {
		return NsiRef{}, err
	}
	return NsiRef{Code: childText(e, "Code"), GUID: id, Name: childText(e, "Name")}, nil
}

// NsiListGroup is the group of dictionaries (nsi-base:ListGroup): the
// general NSI or the NSIRAO dictionaries of resource supply.
type NsiListGroup string

// The dictionary groups.
const (
	// NsiGroupNSI is the general group of dictionaries.
	NsiGroupNSI NsiListGroup = "NSI"
	// NsiGroupNSIRAO is the group of dictionaries of resource supply
	// organisations.
	NsiGroupNSIRAO NsiListGroup = "NSIRAO"
)

// valid reports whether g is one of the groups.
func (g NsiListGroup) valid() bool { return g == NsiGroupNSI || g == NsiGroupNSIRAO }

// listGroupValue records a violation when g is set and not a known group, or
// when it is required and missing.
func (v *violations) listGroupValue(field string, g NsiListGroup, required bool) {
	switch {
	case g == "" && required:
		v.add(field, "required", "обязательное поле не заполнено")
	case g != "" && !g.valid():
		v.add(field, "format", "группа справочников должна быть NSI или NSIRAO")
	}
}

// registryNumberValue records a violation when n is not a positive number of at
// most 10 digits (nsi-base:NsiItemRegistryNumberType).
func (v *violations) registryNumberValue(field string, n int) {
	if n < 1 || n > 9999999999 {
		v.add(field, "range", "номер справочника должен быть положительным числом")
	}
}

// NsiItemQuery selects one dictionary for exportNsiItem.
type NsiItemQuery struct {
	// RegistryNumber is the dictionary's number (22 for the reasons to
	// close an account).
	RegistryNumber int `json:"registryNumber"`
	// ListGroup is the dictionary's group; required.
	ListGroup NsiListGroup `json:"listGroup"`
	// ModifiedAfter, when set, exports only the elements changed after it.
	ModifiedAfter time.Time `json:"modifiedAfter,omitzero"`
}

// NsiPagingItemQuery selects one page of a dictionary for
// exportNsiPagingItem; GIS returns 1000 elements a page.
type NsiPagingItemQuery struct {
	// NsiItemQuery selects the dictionary.
	NsiItemQuery
	// Page is the page number, from 1.
	Page int `json:"page"`
}

// DataProviderNsiItemQuery selects a dictionary of the data provider
// itself for exportDataProviderNsiItem.
type DataProviderNsiItemQuery struct {
	// RegistryNumber is one of 1, 51, 59, 219, 272, 302, 337.
	RegistryNumber int `json:"registryNumber"`
	// ModifiedAfter, when set, exports only the elements changed after it.
	ModifiedAfter time.Time `json:"modifiedAfter,omitzero"`
}

// dataProviderRegistries are the dictionaries exportDataProviderNsiItem
// exports.
var dataProviderRegistries = [...]int{1, 51, 59, 219, 272, 302, 337}

// ExportNsiList builds exportNsiList (nsic:exportNsiListRequest): the list
// of dictionaries of a group, or of every group when group is "".
func (b *Builder) ExportNsiList(group NsiListGroup) (*Message, error) {
	var v violations
	v.listGroupValue("listGroup", group, false)
	if err := v.err(); err != nil {
		return nil, err
	}
	return b.exportMessage("exportNsiList", "", func(body *etree.Element) []ObjectRef {
		addOptText(body, "nsi-base:ListGroup", string(group))
		return nil
	})
}

// validate records the violations of q.
func (q NsiItemQuery) validate(v *violations) {
	v.registryNumberValue("registryNumber", q.RegistryNumber)
	v.listGroupValue("listGroup", q.ListGroup, true)
}

// ExportNsiItem builds exportNsiItem (nsic:exportNsiItemRequest): the
// elements of one dictionary. Read the result with ReadExportNsiItem.
func (b *Builder) ExportNsiItem(q NsiItemQuery) (*Message, error) {
	var v violations
	q.validate(&v)
	if err := v.err(); err != nil {
		return nil, err
	}
	return b.exportMessage("exportNsiItem", "", func(body *etree.Element) []ObjectRef {
		addText(body, "nsic:RegistryNumber", strconv.Itoa(q.RegistryNumber))
		addText(body, "nsi-base:ListGroup", string(q.ListGroup))
		if !q.ModifiedAfter.IsZero() {
			addText(body, "nsic:ModifiedAfter", formatDateTime(q.ModifiedAfter))
		}
		return []ObjectRef{nsiObject(q.RegistryNumber)}
	})
}

// nsiObject names a dictionary for the exchange log.
func nsiObject(registry int) ObjectRef {
	return ObjectRef{Kind: "nsi", Key: strconv.Itoa(registry)}
}

// ExportNsiPagingItem builds exportNsiPagingItem
// (nsic:exportNsiPagingItemRequest): one page of 1000 elements of a
// dictionary. Read the result with ReadExportNsiItem.
func (b *Builder) ExportNsiPagingItem(q NsiPagingItemQuery) (*Message, error) {
	var v violations
	q.validate(&v)
	if q.Page < 1 || q.Page > math.MaxInt32 {
		v.add("page", "range", "номер страницы должен быть не меньше 1")
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	return b.exportMessage("exportNsiPagingItem", "", func(body *etree.Element) []ObjectRef {
		addText(body, "nsic:RegistryNumber", strconv.Itoa(q.RegistryNumber))
		addText(body, "nsi-base:ListGroup", string(q.ListGroup))
		addText(body, "nsic:Page", strconv.Itoa(q.Page))
		if !q.ModifiedAfter.IsZero() {
			addText(body, "nsic:ModifiedAfter", formatDateTime(q.ModifiedAfter))
		}
		return []ObjectRef{nsiObject(q.RegistryNumber)}
	})
}

// ExportDataProviderNsiItem builds exportDataProviderNsiItem
// (nsi:exportDataProviderNsiItemRequest): a dictionary the data provider
// keeps itself (1, 51, 59, 219, 272, 302 or 337). Read the result with
// ReadExportNsiItem.
func (b *Builder) ExportDataProviderNsiItem(q DataProviderNsiItemQuery) (*Message, error) {
	var v violations
	known := false
	for _, n := range dataProviderRegistries {
		known = known || n == q.RegistryNumber
	}
	if !known {
		v.add("registryNumber", "range", "допустимые справочники поставщика данных: 1, 51, 59, 219, 272, 302, 337")
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	return b.exportMessage("exportDataProviderNsiItem", "", func(body *etree.Element) []ObjectRef {
		addText(body, "nsi:RegistryNumber", strconv.Itoa(q.RegistryNumber))
		if !q.ModifiedAfter.IsZero() {
			addText(body, "nsi:ModifiedAfter", formatDateTime(q.ModifiedAfter))
		}
		return []ObjectRef{nsiObject(q.RegistryNumber)}
	})
}

// NsiList is the list of dictionaries exportNsiList returns.
type NsiList struct {
	// Created is when GIS made the list.
	Created time.Time `json:"created"`
	// ListGroup is the group the list covers.
	ListGroup NsiListGroup `json:"listGroup"`
	// Items are the dictionaries.
	Items []NsiItemInfo `json:"items"`
}

// NsiItemInfo describes one dictionary of an NsiList.
type NsiItemInfo struct {
	// RegistryNumber is the dictionary's number.
	RegistryNumber int `json:"registryNumber"`
	// Name is the dictionary's name.
	Name string `json:"name"`
	// Modified is when the dictionary last changed.
	Modified time.Time `json:"modified"`
}

// ReadExportNsiList reads the NsiList of an exportNsiList result. A
// "nothing to export" result gives an empty list; another whole-message
// error is returned as the *Error.
func ReadExportNsiList(r *StateResult) (NsiList, error) {
	els, err := readyPayload(r, "NsiList")
	if err != nil || len(els) == 0 {
		return NsiList{}, err
	}
	e := els[0]
	var pr payloadReader
	out := NsiList{
		Created:   pr.dateTime(e, "Created"),
		ListGroup: NsiListGroup(strings.TrimSpace(childText(e, "ListGroup"))),
	}
	for _, it := range children(e, "NsiItemInfo") {
		out.Items = append(out.Items, NsiItemInfo{
			RegistryNumber: pr.integer(it, "RegistryNumber"),
			Name:           childText(it, "Name"),
			Modified:       pr.dateTime(it, "Modified"),
		})
	}
	if pr.err != nil {
		return NsiList{}, pr.err
	}
	return out, nil
}

// NsiItem is a dictionary, or one page of it, as exportNsiItem,
// exportNsiPagingItem and exportDataProviderNsiItem return it.
type NsiItem struct {
	// RegistryNumber is the dictionary's number.
	RegistryNumber int `json:"registryNumber"`
	// Created is when GIS made the export.
	Created time.Time `json:"created"`
	// Elements are the dictionary's elements.
	Elements []NsiElement `json:"elements"`
	// TotalItems, TotalPages and CurrentPage describe the page; they are
	// zero for an export without paging.
	TotalItems  int `json:"totalItems,omitempty"`
	TotalPages  int `json:"totalPages,omitempty"`
	CurrentPage int `json:"currentPage,omitempty"`
}

// NsiElement is one element of a dictionary.
type NsiElement struct {
	// Code is the element's code.
	Code string `json:"code"`
	// GUID is the element's GUID.
	GUID uuid.UUID `json:"guid"`
	// Modified is when the element last changed; zero when the element
	// has a validity period instead.
	Modified time.Time `json:"modified,omitzero"`
	// StartDate and EndDate are the validity period, when the element has
	// one instead of Modified.
	StartDate time.Time `json:"startDate,omitzero"`
	EndDate   time.Time `json:"endDate,omitzero"`
	// IsActual reports whether the element is in force.
	IsActual bool `json:"isActual"`
	// Fields are the element's fields in document order.
	Fields []NsiField `json:"fields,omitempty"`
	// Children are the nested elements.
	Children []NsiElement `json:"children,omitempty"`
}

// Field returns the first field with the name, and whether there is one.
func (e NsiElement) Field(name string) (NsiField, bool) {
	for _, f := range e.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return NsiField{}, false
}

// NsiFieldType is the kind of a dictionary field, named by the xsi:type
// of nsi-base:NsiElementFieldType without the "NsiElement" prefix and
// "FieldType" suffix.
type NsiFieldType string

// The kinds of dictionary fields.
const (
	// NsiFieldString holds text (NsiField.String).
	NsiFieldString NsiFieldType = "String"
	// NsiFieldBoolean holds a flag (NsiField.Bool).
	NsiFieldBoolean NsiFieldType = "Boolean"
	// NsiFieldFloat holds an xs:float (NsiField.Float).
	NsiFieldFloat NsiFieldType = "Float"
	// NsiFieldDate holds a date (NsiField.Date).
	NsiFieldDate NsiFieldType = "Date"
	// NsiFieldInteger holds an integer (NsiField.Integer).
	NsiFieldInteger NsiFieldType = "Integer"
	// NsiFieldEnum holds enumerated values (NsiField.Positions).
	NsiFieldEnum NsiFieldType = "Enum"
	// NsiFieldNsi names a dictionary (NsiField.RegistryNumber and
	// ListGroup).
	NsiFieldNsi NsiFieldType = "Nsi"
	// NsiFieldNsiRef refers to an element of a dictionary
	// (NsiField.RegistryNumber and Ref).
	NsiFieldNsiRef NsiFieldType = "NsiRef"
	// NsiFieldOkeiRef holds an OKEI unit code (NsiField.OKEI).
	NsiFieldOkeiRef NsiFieldType = "OkeiRef"
	// NsiFieldFiasAddressRef refers to a FIAS address (NsiField.FIASGUID
	// and AOGUID).
	NsiFieldFiasAddressRef NsiFieldType = "FiasAddressRef"
	// NsiFieldAttachment holds a file (NsiField.Attachment).
	NsiFieldAttachment NsiFieldType = "Attachment"
)

// NsiField is one field of a dictionary element, read by its xsi:type.
// Only the value fields of its Type are set; HasValue is false when the
// field carried no value.
type NsiField struct {
	// Name is the field's name.
	Name string `json:"name"`
	// Type is the field's kind.
	Type NsiFieldType `json:"type"`
	// HasValue reports whether the field carried a value.
	HasValue bool `json:"hasValue"`
	// String is the value of a String field.
	String string `json:"string,omitempty"`
	// Bool is the value of a Boolean field.
	Bool bool `json:"bool,omitempty"`
	// Float is the value of a Float field (xs:float).
	Float float64 `json:"float,omitempty"`
	// Date is the value of a Date field.
	Date Date `json:"date,omitzero"`
	// Integer is the value of an Integer field.
	Integer int64 `json:"integer,omitempty"`
	// Positions are the values of an Enum field.
	Positions []NsiEnumPosition `json:"positions,omitempty"`
	// RegistryNumber is the dictionary a Nsi or NsiRef field refers to.
	RegistryNumber int `json:"registryNumber,omitempty"`
	// ListGroup is the group of the dictionary a Nsi field refers to.
	ListGroup NsiListGroup `json:"listGroup,omitempty"`
	// Ref is the element an NsiRef field refers to.
	Ref NsiRef `json:"ref,omitzero"`
	// OKEI is the unit code of an OkeiRef field.
	OKEI string `json:"okei,omitempty"`
	// FIASGUID and AOGUID are the FIAS identifiers of a FiasAddressRef
	// field.
	FIASGUID string `json:"fiasGuid,omitempty"`
	AOGUID   string `json:"aoGuid,omitempty"`
	// Attachment is the file of an Attachment field.
	Attachment *Attachment `json:"attachment,omitempty"`
}

// NsiEnumPosition is one value of an Enum field.
type NsiEnumPosition struct {
	// GUID is the code of the value, as GIS sends it.
	GUID string `json:"guid"`
	// Value is the value's text.
	Value string `json:"value"`
}

// Attachment is a file in the GIS file store (base:AttachmentType).
type Attachment struct {
	// Name is the file name.
	Name string `json:"name"`
	// Description describes the file.
	Description string `json:"description"`
	// GUID is the AttachmentGUID the file store gave.
	GUID uuid.UUID `json:"guid"`
	// Hash is the AttachmentHASH, when present.
	Hash string `json:"hash,omitempty"`
}

// ReadExportNsiItem reads the dictionary of an exportNsiItem,
// exportNsiPagingItem or exportDataProviderNsiItem result (NsiItem or
// NsiPagingItem). A "nothing to export" result gives an empty NsiItem; a
// field with an xsi:type this package does not know is an error naming
// the type.
func ReadExportNsiItem(r *StateResult) (NsiItem, error) {
	els, err := readyPayload(r, "NsiItem")
	if err != nil {
		return NsiItem{}, err
	}
	if len(els) == 0 {
		if els, err = readyPayload(r, "NsiPagingItem"); err != nil || len(els) == 0 {
			return NsiItem{}, err
		}
	}
	e := els[0]
	var pr payloadReader
	out := NsiItem{
		RegistryNumber: pr.integer(e, "NsiItemRegistryNumber"),
		Created:        pr.dateTime(e, "Created"),
		TotalItems:     pr.integer(e, "TotalItemsCount"),
		TotalPages:     pr.integer(e, "TotalPages"),
		CurrentPage:    pr.integer(e, "CurrentPage"),
	}
	for _, c := range children(e, "NsiElement") {
		if pr.err != nil {
			break
		}
		out.Elements = append(out.Elements, readNsiElement(&pr, c, 0))
	}
	if pr.err != nil {
		return NsiItem{}, pr.err
	}
	return out, nil
}

// maxNsiDepth caps the nesting of ChildElement so that a hostile answer
// cannot exhaust the stack.
const maxNsiDepth = 32

// readNsiElement reads an nsi-base:NsiElementType element. It stops at
// the first error, so that a hostile answer costs no more than reading up
// to it.
func readNsiElement(pr *payloadReader, e *etree.Element, depth int) NsiElement {
	if depth > maxNsiDepth {
		pr.keep(payloadErrorf("слишком глубокая вложенность элементов справочника"))
		return NsiElement{}
	}
	out := NsiElement{
		Code:      childText(e, "Code"),
		GUID:      pr.guid(e, "GUID"),
		Modified:  pr.dateTime(e, "Modified"),
		StartDate: pr.dateTime(e, "StartDate"),
		EndDate:   pr.dateTime(e, "EndDate"),
		IsActual:  pr.boolean(e, "IsActual"),
	}
	for _, c := range e.ChildElements() {
		if pr.err != nil {
			break
		}
		switch c.Tag {
		case "NsiElementField":
			f, err := readNsiField(c)
			pr.keep(err)
			out.Fields = append(out.Fields, f)
		case "ChildElement":
			out.Children = append(out.Children, readNsiElement(pr, c, depth+1))
		}
	}
	return out
}

// xsiNamespace is the namespace of xsi:type.
const xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

// xsiType returns the local part of the element's xsi:type, or "".
func xsiType(e *etree.Element) string {
	for i := range e.Attr {
		a := &e.Attr[i]
		if a.Key != "type" || a.Space == "" {
			continue
		}
		if uri := a.NamespaceURI(); uri != "" && uri != xsiNamespace {
			continue
		}
		v := strings.TrimSpace(a.Value)
		if i := strings.LastIndexByte(v, ':'); i >= 0 {
			v = v[i+1:]
		}
		return v
	}
	return ""
}

// readNsiField reads an NsiElementField by its xsi:type.
func readNsiField(e *etree.Element) (NsiField, error) {
	xt := xsiType(e)
	name := strings.TrimSuffix(strings.TrimPrefix(xt, "NsiElement"), "FieldType")
	f := NsiField{Name: childText(e, "Name"), Type: NsiFieldType(name)}
	where := "NsiElementField " + strconv.Quote(f.Name)
	if xt == "" || name == xt || !strings.HasSuffix(xt, "FieldType") {
		return NsiField{}, payloadErrorf("%s: неизвестный тип поля %q", where, xt)
	}
	value := firstChild(e, "Value")
	var err error
	switch f.Type {
	case NsiFieldString:
		if value != nil {
			f.HasValue, f.String = true, value.Text()
		}
	case NsiFieldBoolean:
		if value != nil {
			f.HasValue = true
			f.Bool, err = parseBoolText(where, value.Text())
		}
	case NsiFieldFloat:
		if value != nil {
			f.HasValue = true
			s := strings.TrimSpace(value.Text())
			if f.Float, err = strconv.ParseFloat(s, 64); err != nil {
				err = payloadErrorf("%s: неверное число %q", where, s)
			}
		}
	case NsiFieldDate:
		if value != nil {
			f.HasValue = true
			f.Date, err = parseDateText(where, value.Text())
		}
	case NsiFieldInteger:
		if value != nil {
			f.HasValue = true
			s := strings.TrimSpace(value.Text())
			if f.Integer, err = strconv.ParseInt(strings.TrimPrefix(s, "+"), 10, 64); err != nil {
				err = payloadErrorf("%s: неверное целое число %q", where, s)
			}
		}
	case NsiFieldEnum:
		for _, p := range children(e, "Position") {
			f.HasValue = true
			f.Positions = append(f.Positions, NsiEnumPosition{GUID: childText(p, "GUID"), Value: childText(p, "Value")})
		}
	case NsiFieldNsi:
		if ref := firstChild(e, "NsiRef"); ref != nil {
			f.HasValue = true
			f.ListGroup = NsiListGroup(strings.TrimSpace(childText(ref, "ListGroup")))
			f.RegistryNumber, err = readIntChild(ref, "NsiItemRegistryNumber")
		}
	case NsiFieldNsiRef:
		if ref := firstChild(e, "NsiRef"); ref != nil {
			f.HasValue = true
			if f.RegistryNumber, err = readIntChild(ref, "NsiItemRegistryNumber"); err == nil {
				f.Ref, err = readNsiRef(firstChild(ref, "Ref"))
			}
		}
	case NsiFieldOkeiRef:
		if c := firstChild(e, "Code"); c != nil {
			f.HasValue, f.OKEI = true, strings.TrimSpace(c.Text())
		}
	case NsiFieldFiasAddressRef:
		if ref := firstChild(e, "NsiRef"); ref != nil {
			f.HasValue = true
			f.FIASGUID, f.AOGUID = strings.TrimSpace(childText(ref, "Guid")), strings.TrimSpace(childText(ref, "aoGuid"))
		}
	case NsiFieldAttachment:
		if doc := firstChild(e, "Document"); doc != nil {
			f.HasValue = true
			var a *Attachment
			if a, err = readAttachment(doc); err == nil {
				f.Attachment = a
			}
		}
	default:
		return NsiField{}, payloadErrorf("%s: неизвестный тип поля %q", where, xt)
	}
	if err != nil {
		return NsiField{}, err
	}
	return f, nil
}

// readAttachment reads a base:AttachmentType element.
func readAttachment(e *etree.Element) (*Attachment, error) {
	id, err := readGUIDChild(firstChild(e, "Attachment"), "AttachmentGUID")
	if err != nil {
		return nil, err
	}
	return &Attachment{
		Name:        childText(e, "Name"),
		Description: childText(e, "Description"),
		GUID:        id,
		Hash:        childText(e, "AttachmentHASH"),
	}, nil
}
