package document

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/openzhkh/zhkh/internal/fault"
)

// Codes of the violations Validate reports for values of a document. The
// codes of the named checks («snils.checksum», …) pass through as they are.
const (
	CodeRequired     = "document.required"      // a required field is empty
	CodePattern      = "document.pattern"       // the value does not match the field's pattern
	CodeLength       = "document.length"        // the value is shorter or longer than allowed
	CodeEnum         = "document.enum"          // the value is not one of the allowed values
	CodeNumber       = "document.number"        // the value is not a number
	CodeRange        = "document.range"         // the number is below Min or above Max
	CodeDate         = "document.date"          // the value is not a calendar date
	CodeBool         = "document.bool"          // the value is not yes or no
	CodeDateFuture   = "document.date_future"   // the date is after the day of validation
	CodeDateBefore   = "document.date_before"   // the date is before the field's NotBefore
	CodeDateAfter    = "document.date_after"    // the date is after the field's NotAfter
	CodeDateOrder    = "document.date_order"    // the date precedes the date of another field
	CodeRequiredWith = "document.required_with" // a field is empty while another is isFilledValue
	CodeOneOf        = "document.one_of"        // none of a group of fields is isFilledValue
	CodeUnknownField = "document.unknown_field" // the values hold a key the type does not know
)

// Codes of the violations NewType and ParseType report for a bad
// definition of a type. Their field paths point into the definition:
// "fields[2].pattern", "rules[0].fields[1]".
const (
	CodeDefJSON           = "document.type.json"            // the definition is not well-formed JSON of a type
	CodeDefTypeCode       = "document.type.code"            // the type code is missing or not snake_case
	CodeDefTypeName       = "document.type.name"            // the type name is missing or too long
	CodeDefTypeScans      = "document.type.scans"           // the page bounds of scans are wrong
	CodeDefFieldCode      = "document.type.field_code"      // a field code is missing, not snake_case or repeated
	CodeDefFieldLabel     = "document.type.field_label"     // a field label is missing or too long
	CodeDefFieldKind      = "document.type.field_kind"      // a field kind is unknown
	CodeDefFieldNormalize = "document.type.field_normalize" // a normalisation step is unknown
	CodeDefFieldMask      = "document.type.field_mask"      // a display mask is not allowed or has no placeholder
	CodeDefFieldPattern   = "document.type.field_pattern"   // a pattern is not allowed or does not compile
	CodeDefFieldLength    = "document.type.field_length"    // length bounds are negative or crossed
	CodeDefFieldRange     = "document.type.field_range"     // number bounds are not allowed or crossed
	CodeDefFieldValues    = "document.type.field_values"    // enum values are missing, misplaced, empty or repeated
	CodeDefFieldDate      = "document.type.field_date"      // date bounds are misplaced, crossed or refer to a bad field
	CodeDefFieldCheck     = "document.type.field_check"     // a check name is unknown to LookupCheck
	CodeDefRuleKind       = "document.type.rule_kind"       // a rule kind is unknown
	CodeDefRuleField      = "document.type.rule_field"      // a rule refers to a missing, repeated or unsuitable field
	CodeDefRuleCheck      = "document.type.rule_check"      // a rule check is unknown or misplaced
)

// ScanPolicy says whether a document of a type needs scans (электронные
// образы) and how many pages they may have.
type ScanPolicy struct {
	// Required makes at least one scan page necessary.
	Required bool `json:"required,omitempty"`
	// MinPages and MaxPages bound the number of pages; zero means no bound.
	MinPages int `json:"min_pages,omitempty"`
	MaxPages int `json:"max_pages,omitempty"`
}

// Codes of the violations ScanPolicy.Check reports.
const (
	CodePagesRequired = "document.pages_required" // scans are required and there are none
	CodePagesCount    = "document.pages_count"    // the scans have fewer or more pages than allowed
)

// Check reports whether scans of the given total number of pages meet the
// policy: nil, or a *ValidationError with a violation at the field "scans".
func (p ScanPolicy) Check(pages int) error {
	switch {
	case pages <= 0 && p.Required:
		return &ValidationError{Violations: []Violation{{Field: "scans", Code: CodePagesRequired,
			Message: "Приложите электронный образ (скан) документа"}}}
	case pages > 0 && pages < p.MinPages:
		return &ValidationError{Violations: []Violation{{Field: "scans", Code: CodePagesCount,
			Message: "В скане документа должно быть не менее " + defIndex(p.MinPages) + " стр."}}}
	case p.MaxPages > 0 && pages > p.MaxPages:
		return &ValidationError{Violations: []Violation{{Field: "scans", Code: CodePagesCount,
			Message: "В скане документа должно быть не более " + defIndex(p.MaxPages) + " стр."}}}
	}
	return nil
}

// TypeDef is the definition of a document type as data: its code, Russian
// name, fields (реквизиты), cross-field rules and scan policy. It is what
// an administrator edits and what is stored as JSON; NewType turns it into
// a Type that validates values.
type TypeDef struct {
	// Code is the stable snake_case code of the type: "passport_rf".
	Code string `json:"code"`
	// Name is the Russian name: «Паспорт гражданина Российской Федерации».
	Name string `json:"name"`
	// Fields are the fields in display order.
	Fields []Field `json:"fields"`
	// Rules are the cross-field rules, checked in order after the fields.
	Rules []Rule `json:"rules,omitempty"`
	// Scans is the scan policy.
	Scans ScanPolicy `json:"scans,omitzero"`
}

// clone returns a deep copy of d with empty lists as nil (Fields as an
// empty, non-nil list), the form a definition takes after a JSON round trip.
func (d TypeDef) clone() TypeDef {
	fs := make([]Field, len(d.Fields))
	for i, f := range d.Fields {
		fs[i] = f.clone()
	}
	d.Fields = fs
	if len(d.Rules) == 0 {
		d.Rules = nil
	} else {
		rs := make([]Rule, len(d.Rules))
		for i, r := range d.Rules {
			rs[i] = r.clone()
		}
		d.Rules = rs
	}
	return d
}

// Type is a compiled document type: a TypeDef whose patterns are compiled,
// checks looked up and field references resolved, once. A Type is
// immutable and safe for concurrent use. Build one with NewType or
// ParseType, or decode one with json.Unmarshal; the zero Type has no fields.
type Type struct {
	def    TypeDef
	fields []compiledField
	rules  []compiledRule
	index  map[string]int
}

// NewType checks the definition and compiles it. On a bad definition it
// returns a *ValidationError with every problem found at once, with paths
// into the definition ("fields[1].pattern") and codes CodeDef….
// The Type keeps its own copy of def.
func NewType(def TypeDef) (*Type, error) {
	def = def.clone()
	var vs []Violation
	if !isDefCode(def.Code) {
		vs = append(vs, Violation{Field: "code", Code: CodeDefTypeCode,
			Message: "Код типа документа должен состоять из строчных латинских букв, цифр и знака подчеркивания и начинаться с буквы"})
	}
	if strings.TrimSpace(def.Name) == "" || utf8.RuneCountInString(def.Name) > maxDefText {
		vs = append(vs, Violation{Field: "name", Code: CodeDefTypeName, Message: "Не указано или слишком длинное наименование типа документа"})
	}
	s := def.Scans
	if s.MinPages < 0 || s.MaxPages < 0 || (s.MaxPages > 0 && s.MinPages > s.MaxPages) || (!s.Required && s.MinPages > 0) {
		vs = append(vs, Violation{Field: "scans", Code: CodeDefTypeScans, Message: "Требования к числу страниц скана заданы неверно"})
	}
	t := &Type{def: def, index: make(map[string]int, len(def.Fields))}
	t.fields = make([]compiledField, len(def.Fields))
	for i, f := range def.Fields {
		cf, fvs := compileField(i, f)
		vs = append(vs, fvs...)
		if _, dup := t.index[f.Code]; dup && f.Code != "" {
			vs = append(vs, Violation{Field: "fields[" + defIndex(i) + "].code", Code: CodeDefFieldCode, Message: "Код реквизита повторяется"})
		} else {
			t.index[f.Code] = i
		}
		t.fields[i] = cf
	}
	for i := range t.fields {
		f := &t.fields[i]
		if f.NotBeforeField == "" {
			continue
		}
		j, ok := t.index[f.NotBeforeField]
		if !ok || j == i || t.fields[j].Kind != KindDate {
			vs = append(vs, Violation{Field: "fields[" + defIndex(i) + "].not_before_field", Code: CodeDefFieldDate,
				Message: "Ограничение даты ссылается на неизвестный реквизит или реквизит не являющийся датой"})
			continue
		}
		f.after = j
	}
	t.rules = make([]compiledRule, len(def.Rules))
	for i, r := range def.Rules {
		cr, rvs := compileRule(i, r, t.index, t.fields)
		vs = append(vs, rvs...)
		t.rules[i] = cr
	}
	if len(vs) > 0 {
		return nil, &ValidationError{Violations: vs}
	}
	return t, nil
}

// ParseType reads a type definition from JSON and compiles it. Keys the
// definition does not know are an error, so that a misspelt constraint is
// not silently dropped. Malformed JSON gives an *Error with code
// CodeDefJSON; a bad definition gives a *ValidationError as from NewType.
// Both match ErrInvalid.
func ParseType(data []byte) (*Type, error) {
	var def TypeDef
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&def); err != nil {
		return nil, &Error{Kind: fault.Invalid, Code: CodeDefJSON,
			Message: "Описание типа документа не является корректным JSON", Err: err}
	}
	if dec.More() {
		return nil, &Error{Kind: fault.Invalid, Code: CodeDefJSON,
			Message: "После описания типа документа есть лишние данные"}
	}
	return NewType(def)
}

// MarshalJSON writes the definition of t.
func (t Type) MarshalJSON() ([]byte, error) { return json.Marshal(t.def.clone()) }

// UnmarshalJSON reads and compiles a definition, as ParseType does.
func (t *Type) UnmarshalJSON(data []byte) error {
	u, err := ParseType(data)
	if err != nil {
		return err
	}
	*t = *u
	return nil
}

// Def returns a copy of the definition of t.
func (t *Type) Def() TypeDef { return t.def.clone() }

// Code returns the code of the type.
func (t *Type) Code() string { return t.def.Code }

// Name returns the Russian name of the type.
func (t *Type) Name() string { return t.def.Name }

// Scans returns the scan policy of the type.
func (t *Type) Scans() ScanPolicy { return t.def.Scans }

// Fields returns a copy of the fields of the type in display order.
func (t *Type) Fields() []Field { return t.Def().Fields }

// Field returns a copy of the field with the code.
func (t *Type) Field(code string) (Field, bool) {
	i, ok := t.index[code]
	if !ok {
		return Field{}, false
	}
	return t.def.Fields[i].clone(), true
}
