package document

// RuleKind is the kind of a cross-field rule. In JSON it is one of the
// strings "date_order", "required_with", "one_of" and "check".
type RuleKind string

// The kinds of cross-field rule.
const (
	// RuleDateOrder: the date in Field is not before the date in any of
	// Fields («срок действия не раньше даты выдачи»). It is checked only
	// when both dates are present and valid. Violation code CodeDateOrder.
	RuleDateOrder RuleKind = "date_order"
	// RuleRequiredWith: Field must be isFilledValue when any of Fields has a value
	// (for a bool field, when it is true). Violation code CodeRequiredWith.
	RuleRequiredWith RuleKind = "required_with"
	// RuleOneOf: at least one of Fields must have a value. The fieldViolation,
	// code CodeOneOf, is reported at the first of Fields.
	RuleOneOf RuleKind = "one_of"
	// RuleCheck: the values of Fields, normalised and joined with
	// Separator, pass the named Check («серия и номер паспорта»). It is
	// checked only when every one of Fields is isFilledValue and valid on its own.
	// The violations carry the check's codes and are reported at Field, or
	// at the first of Fields when Field is empty.
	RuleCheck RuleKind = "check"
)

// Valid reports whether k is one of the known kinds.
func (k RuleKind) Valid() bool {
	switch k {
	case RuleDateOrder, RuleRequiredWith, RuleOneOf, RuleCheck:
		return true
	}
	return false
}

// Rule is a cross-field rule of a document type. Which members matter
// depends on Kind; see the RuleKind constants.
type Rule struct {
	// Kind is the kind of rule.
	Kind RuleKind `json:"kind"`
	// Field is the code of the field the rule is about, and where its
	// fieldViolation is reported.
	Field string `json:"field,omitempty"`
	// Fields are the codes of the other fields the rule reads.
	Fields []string `json:"fields,omitempty"`
	// Check names the identifier check of a RuleCheck.
	Check string `json:"check,omitempty"`
	// Separator joins the values of a RuleCheck.
	Separator string `json:"separator,omitempty"`
	// Message, when set, replaces the default Russian message of a
	// fieldViolation of the rule (not of a check's own violations).
	Message string `json:"message,omitempty"`
}

// clone returns a deep copy of r with an empty list as nil.
func (r Rule) clone() Rule {
	r.Fields = cloneListOrNil(r.Fields)
	return r
}

// compiledRule is a Rule with field codes resolved to indexes.
type compiledRule struct {
	Rule
	field  int // index of Field, or -1
	fields []int
	check  Check
}

// compileRule checks the rule at index i against the fields of the type
// and returns it compiled, with every definition fieldViolation found.
func compileRule(i int, r Rule, index map[string]int, fields []compiledField) (compiledRule, []Violation) {
	p := "rules[" + defIndex(i) + "]"
	var vs []Violation
	add := func(suffix, code, msg string) {
		vs = append(vs, Violation{Field: p + suffix, Code: code, Message: msg})
	}
	c := compiledRule{Rule: r, field: -1}
	if !r.Kind.Valid() {
		add(".kind", CodeDefRuleKind, "Неизвестный вид правила; допустимы date_order, required_with, one_of, check")
		return c, vs
	}
	needField := r.Kind == RuleDateOrder || r.Kind == RuleRequiredWith
	switch {
	case r.Field != "":
		j, ok := index[r.Field]
		if !ok {
			add(".field", CodeDefRuleField, "Правило ссылается на неизвестный реквизит")
			break
		}
		c.field = j
		if r.Kind == RuleDateOrder && fields[j].Kind != KindDate {
			add(".field", CodeDefRuleField, "Правило порядка дат применимо только к реквизитам-датам")
		}
	case needField:
		add(".field", CodeDefRuleField, "Не указан реквизит, к которому относится правило")
	}
	min := 1
	if r.Kind == RuleOneOf {
		min = 2
	}
	if len(r.Fields) < min {
		add(".fields", CodeDefRuleField, "Не указаны реквизиты, которые читает правило")
	}
	seen := make(map[int]bool, len(r.Fields))
	for j, code := range r.Fields {
		fp := ".fields[" + defIndex(j) + "]"
		k, ok := index[code]
		switch {
		case !ok:
			add(fp, CodeDefRuleField, "Правило ссылается на неизвестный реквизит")
			continue
		case seen[k] || (needField && k == c.field):
			add(fp, CodeDefRuleField, "Реквизит повторяется в правиле")
		case r.Kind == RuleDateOrder && fields[k].Kind != KindDate:
			add(fp, CodeDefRuleField, "Правило порядка дат применимо только к реквизитам-датам")
		}
		seen[k] = true
		c.fields = append(c.fields, k)
	}
	if r.Kind == RuleCheck {
		if chk, ok := LookupCheck(r.Check); ok && chk != nil {
			c.check = chk
		} else {
			add(".check", CodeDefRuleCheck, "Неизвестная проверка в правиле")
		}
	} else if r.Check != "" || r.Separator != "" {
		add(".check", CodeDefRuleCheck, "Проверка и разделитель задаются только для правила вида check")
	}
	return c, vs
}
