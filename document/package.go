package document

import (
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/internal/fault"
)

// Codes of the violations of document packages and of their check.
const (
	// CodePackageMissing: a required document is not attached.
	CodePackageMissing = "package.missing"
	// CodePackageTooFew: fewer documents of a type are attached than needed.
	CodePackageTooFew = "package.too_few"
	// CodePackageRetired: an attached document is retired.
	CodePackageRetired = "package.retired"
	// CodePackageItem: an item of a package definition is malformed.
	CodePackageItem = "package.item"
)

// Condition says when an item of a package applies. The zero Condition
// means always.
type Condition string

// The conditions of package items.
const (
	// Always: the item applies to every application.
	Always Condition = ""
	// WhenRepresentative: only when a representative acts for the applicant.
	WhenRepresentative Condition = "representative"
	// WhenSharedOwnership: only when the premises are in shared ownership.
	WhenSharedOwnership Condition = "shared_ownership"
	// WhenMeters: only when the application declares meters.
	WhenMeters Condition = "meters"
)

// Valid reports whether c is one of the known conditions.
func (c Condition) Valid() bool {
	switch c {
	case Always, WhenRepresentative, WhenSharedOwnership, WhenMeters:
		return true
	}
	return false
}

// Facts are what the application says about itself that decides which
// items of a package apply.
type Facts struct {
	// Representative is true when a representative acts for the applicant.
	Representative bool `json:"representative"`
	// SharedOwnership is true when the premises are in shared ownership.
	SharedOwnership bool `json:"sharedOwnership"`
	// Meters is true when the application declares meters.
	Meters bool `json:"meters"`
}

// Holds reports whether the condition holds for the facts; an unknown
// condition never holds.
func (f Facts) Holds(c Condition) bool {
	switch c {
	case Always:
		return true
	case WhenRepresentative:
		return f.Representative
	case WhenSharedOwnership:
		return f.SharedOwnership
	case WhenMeters:
		return f.Meters
	}
	return false
}

// Item is one line of a document package: a document type the
// application needs.
type Item struct {
	// Type is the code of the document type, such as "passport_rf".
	Type string `json:"type"`
	// Name is the Russian name of the type for messages, such as
	// "паспорт гражданина РФ".
	Name string `json:"name"`
	// Required is true when the application cannot go without it.
	Required bool `json:"required"`
	// Min is the least number of documents of the type a required item
	// needs; zero means one. Optional items ignore it.
	Min int `json:"min,omitempty"`
	// When limits the item to applications where the condition holds.
	When Condition `json:"when,omitempty"`
}

// Package is the set of documents (пакет документов) an application to a
// provider needs. It is data: the provider's administrator edits it, and
// it round-trips through JSON. There is one package per provider.
type Package struct {
	// Provider is the ID of the provider (исполнитель ЖКУ) it belongs to.
	Provider uuid.UUID `json:"provider"`
	// Name is a Russian title of the package.
	Name string `json:"name,omitempty"`
	// Items list the document types, in the order they are shown.
	Items []Item `json:"items"`
}

// Validate checks the package definition and returns every violation at
// once: every item needs a type code and a name, at most one item per type
// and condition, a minimum not below zero and a known condition.
func (p Package) Validate() error {
	var vs []Violation
	type key struct {
		typ  string
		when Condition
	}
	seen := map[key]bool{}
	for i, it := range p.Items {
		field := fmt.Sprintf("items[%d]", i)
		if strings.TrimSpace(it.Type) == "" {
			vs = append(vs, Violation{Field: field + ".type", Code: CodePackageItem, Message: "Не указан тип документа"})
		} else if k := (key{it.Type, it.When}); seen[k] {
			vs = append(vs, Violation{Field: field + ".type", Code: CodePackageItem, Message: fmt.Sprintf("Тип документа «%s» указан в пакете дважды", it.Type)})
		} else {
			seen[k] = true
		}
		if strings.TrimSpace(it.Name) == "" {
			vs = append(vs, Violation{Field: field + ".name", Code: CodePackageItem, Message: "Не указано наименование документа"})
		}
		if it.Min < 0 {
			vs = append(vs, Violation{Field: field + ".min", Code: CodePackageItem, Message: "Количество документов не может быть отрицательным"})
		}
		if !it.When.Valid() {
			vs = append(vs, Violation{Field: field + ".when", Code: CodePackageItem, Message: fmt.Sprintf("Неизвестное условие «%s»", it.When)})
		}
	}
	return fault.Validation(vs...)
}

// Applicable returns the items that apply to an application with the
// facts, in the package's order.
func (p Package) Applicable(facts Facts) []Item {
	var out []Item
	for _, it := range p.Items {
		if facts.Holds(it.When) {
			out = append(out, it)
		}
	}
	return out
}

// Check tells whether the documents attached to an application with the
// facts make the package complete and valid, so that the application flow
// can refuse to send an incomplete application. It returns nil, or a
// *ValidationError matching ErrInvalid with every violation at once:
//
//   - "documents[passport_rf]", CodePackageMissing or CodePackageTooFew:
//     a required item that applies has fewer documents in use than it
//     needs, with the item's name in the message («Не приложен документ:
//     паспорт гражданина РФ»);
//   - "documents[2]", CodePackageRetired: the third document is retired;
//   - "documents[2].type", CodeTypeUnknown: types knows no such type;
//   - "documents[2].series" and the like: the violations the type's
//     Validator finds in the document's values, under the document's path.
//
// Retired documents and documents of unknown types do not count toward
// an item; invalid documents do, so that an invalid passport is reported
// by its fields and not also as missing. Documents of types the package does not list
// are allowed and only validated. An error of a Validator that is not a
// validation failure is returned as it is.
func (p Package) Check(docs []Document, facts Facts, types func(code string) (Validator, bool)) error {
	var vs []Violation
	counts := map[string]int{}
	for i, d := range docs {
		field := fmt.Sprintf("documents[%d]", i)
		if d.Retired() {
			vs = append(vs, Violation{Field: field, Code: CodePackageRetired, Message: "Приложенный документ выведен из оборота"})
			continue
		}
		var v Validator
		ok := false
		if types != nil {
			v, ok = types(d.Type)
		}
		if !ok {
			vs = append(vs, docUnknownType(field+".type", d.Type))
			continue
		}
		more, err := docValidateValues(v, d.Values, field)
		if err != nil {
			return fmt.Errorf("document: checking %s: %w", field, err)
		}
		vs = append(vs, more...)
		counts[d.Type]++
	}
	need := map[string]Item{}
	var order []string
	for _, it := range p.Applicable(facts) {
		if !it.Required {
			continue
		}
		if old, ok := need[it.Type]; ok {
			old.Min = max(old.Min, it.Min)
			need[it.Type] = old
			continue
		}
		need[it.Type] = it
		order = append(order, it.Type)
	}
	for _, typ := range order {
		it := need[typ]
		n, want := counts[typ], max(it.Min, 1)
		field := "documents[" + typ + "]"
		name := docOrDefault(it.Name, typ)
		switch {
		case n == 0:
			vs = append(vs, Violation{Field: field, Code: CodePackageMissing, Message: "Не приложен документ: " + name})
		case n < want:
			vs = append(vs, Violation{Field: field, Code: CodePackageTooFew,
				Message: fmt.Sprintf("Приложено документов «%s»: %d, требуется не менее %d", name, n, want)})
		}
	}
	return fault.Validation(vs...)
}

func docOrDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// Missing returns the required items that apply to the facts and have no
// document of their type among docs in use, in the package's order; a
// short form of Check for showing a checklist.
func (p Package) Missing(docs []Document, facts Facts) []Item {
	var out []Item
	for _, it := range p.Applicable(facts) {
		if it.Required && !slices.ContainsFunc(docs, func(d Document) bool { return d.Type == it.Type && !d.Retired() }) {
			out = append(out, it)
		}
	}
	return out
}
