package document

// Values are the field values of a document by field code, as people typed
// them: «серия» → "65 04", «дата_выдачи» → "2015-03-01".
type Values map[string]string
