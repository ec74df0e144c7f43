package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/internal/civil"
	"github.com/openzhkh/zhkh/internal/fault"
	"github.com/openzhkh/zhkh/subject"
)

// PersonRepository is a subject.PersonRepository over PostgreSQL: the
// tables persons and person_representations (migration
// 00021_subject.sql). SNILS, INN and document numbers are stored whole and
// never written to errors or logs. The name parts are also stored folded
// (subject.FoldName), so that searches by name compare exactly as
// PersonQuery.Matches does and use the indexes; a search by SNILS, INN,
// document number, surname or birth date reads only the rows that can
// match. Update locks the row with SELECT ... FOR UPDATE. It is safe for
// concurrent use.
type PersonRepository struct {
	pool *pgxpool.Pool
}

var _ subject.PersonRepository = (*PersonRepository)(nil)

// NewPersonRepository returns a repository over the pool, whose database
// must be migrated (see Migrate).
func NewPersonRepository(pool *pgxpool.Pool) *PersonRepository {
	return &PersonRepository{pool: pool}
}

// Names of the constraints of the person tables that errors are
// translated by.
const (
	personSNILSKey          = "persons_snils_key"
	personRepresentativeKey = "person_representations_representative_fkey"
	personRepresentedKey    = "person_representations_represented_fkey"
)

// personWhat and representationWhat name the records in the messages of
// translated errors.
const (
	personWhat         = "физическое лицо"
	representationWhat = "представительство"
)

// personColumns are the columns personScan reads, in its order.
const personColumns = `id, surname, name, patronymic, birth_date, birth_place, sex, inn, snils,
	documents, contacts, roles, version, created_at, updated_at`

// personDocJSON is the stored form of a subject.IdentityDocument, and
// personContactJSON that of a subject.Contact: the schema's own, so that a
// change of the domain's JSON tags does not change it.
type (
	personDocJSON struct {
		DocumentID uuid.UUID `json:"document_id"`
		Type       string    `json:"type"`
		Number     string    `json:"number"`
	}
	personContactJSON struct {
		Channel   string `json:"channel"`
		Value     string `json:"value"`
		Preferred bool   `json:"preferred,omitempty"`
		Note      string `json:"note,omitempty"`
	}
)

// Create stores a new person. A duplicate SNILS is reported by
// subject.DuplicateSNILSError naming the person who has it.
func (r *PersonRepository) Create(ctx context.Context, p subject.Person) error {
	args, err := personArgs(p)
	if err != nil {
		return err
	}
	_, err = r.pool.Exec(ctx, `INSERT INTO persons (id, surname, name, patronymic, birth_date, birth_place, sex,
		inn, snils, documents, contacts, roles, version, created_at, updated_at,
		surname_folded, name_folded, patronymic_folded, document_numbers)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`, args...)
	if personIsDuplicateSNILS(err) {
		return r.duplicateSNILS(ctx, p.SNILS, p.ID)
	}
	return personTranslate(err)
}

// Get returns the person with the ID.
func (r *PersonRepository) Get(ctx context.Context, id uuid.UUID) (subject.Person, error) {
	p, err := personScan(r.pool.QueryRow(ctx, `SELECT `+personColumns+` FROM persons WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return subject.Person{}, subject.PersonNotFoundError(id)
	}
	if err != nil {
		return subject.Person{}, personTranslate(err)
	}
	return p, nil
}

// Update changes the person with the ID by fn in one transaction that
// holds the row locked with SELECT ... FOR UPDATE.
func (r *PersonRepository) Update(ctx context.Context, id uuid.UUID, fn func(*subject.Person) error) (subject.Person, error) {
	var (
		out   subject.Person
		snils subject.SNILS // the SNILS Update writes
		fnErr error
	)
	err := withTx(ctx, r.pool, func(tx pgx.Tx) error {
		fnErr = nil
		old, err := personScan(tx.QueryRow(ctx, `SELECT `+personColumns+` FROM persons WHERE id = $1 FOR UPDATE`, id))
		if errors.Is(err, pgx.ErrNoRows) {
			fnErr = subject.PersonNotFoundError(id)
			return fnErr
		}
		if err != nil {
			return err
		}
		p := old.Clone()
		if err := fn(&p); err != nil {
			fnErr = err
			return err
		}
		p = p.Clone() // fn may keep its slices
		p.ID, p.Version = id, old.Version+1
		snils = p.SNILS
		args, err := personArgs(p)
		if err != nil {
			fnErr = err
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE persons SET surname = $2, name = $3, patronymic = $4, birth_date = $5,
			birth_place = $6, sex = $7, inn = $8, snils = $9, documents = $10, contacts = $11, roles = $12,
			version = $13, created_at = $14, updated_at = $15, surname_folded = $16, name_folded = $17,
			patronymic_folded = $18, document_numbers = $19
			WHERE id = $1 AND version = $20`, append(args, old.Version)...)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return fmt.Errorf("postgres: person %s changed under its row lock: %w", id, subject.ErrConflict)
		}
		out = p
		return nil
	})
	switch {
	case err == nil:
		return out, nil
	case fnErr != nil && errors.Is(err, fnErr):
		return subject.Person{}, fnErr
	case personIsDuplicateSNILS(err):
		// The unique constraint refused the SNILS; the transaction is
		// rolled back, and duplicateSNILS names who has it.
		return subject.Person{}, r.duplicateSNILS(ctx, snils, id)
	}
	return subject.Person{}, personTranslate(err)
}

// Find returns the persons the normalised query selects, ordered by ID.
// Every condition of the query is a condition of the SQL query, so paging
// happens in the database.
func (r *PersonRepository) Find(ctx context.Context, q subject.PersonQuery) ([]subject.Person, error) {
	for _, s := range [...]string{q.SNILS, q.INN, q.DocumentNumber, q.Surname, q.Name, q.Patronymic} {
		if !subjStorable(s) {
			// No stored value has such a character, and the database
			// would refuse the text.
			return nil, ctx.Err()
		}
	}
	var c sqlConds
	if q.SNILS != "" {
		c.add("snils = " + c.arg(q.SNILS))
	}
	if q.INN != "" {
		c.add("inn = " + c.arg(q.INN))
	}
	if q.DocumentNumber != "" {
		c.add("document_numbers @> ARRAY[" + c.arg(q.DocumentNumber) + "::text]")
	}
	for _, part := range []struct{ column, pattern string }{
		{"surname_folded", q.Surname}, {"name_folded", q.Name}, {"patronymic_folded", q.Patronymic},
	} {
		if part.pattern == "" {
			continue
		}
		text, prefix := subject.NamePattern(part.pattern)
		if !prefix {
			c.add(part.column + " = " + c.arg(text))
			continue
		}
		// A range the index can scan, and starts_with for exactness.
		from := c.arg(text)
		c.add(part.column + " >= " + from + " AND " + part.column + " < " + c.arg(text+"\U0010FFFF") +
			" AND starts_with(" + part.column + ", " + from + ")")
	}
	if !q.BirthDate.IsZero() {
		d, err := subjDate(q.BirthDate)
		if err != nil {
			return nil, err
		}
		c.add("birth_date = " + c.arg(d))
	}
	if q.Role != "" {
		c.add(c.arg(string(q.Role)) + " = ANY (roles)")
	}
	if q.After != uuid.Nil {
		c.add("id > " + c.arg(q.After))
	}
	sql := `SELECT ` + personColumns + ` FROM persons` + c.where() + ` ORDER BY id`
	if q.Limit > 0 {
		sql += " LIMIT " + c.arg(q.Limit)
	}
	rows, err := r.pool.Query(ctx, sql, c.args...)
	if err != nil {
		return nil, personTranslate(err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (subject.Person, error) { return personScan(row) })
	if err != nil {
		return nil, personTranslate(err)
	}
	return out, nil
}

// AddRepresentation stores a representation; both persons must be stored.
func (r *PersonRepository) AddRepresentation(ctx context.Context, rep subject.Representation) error {
	from, err := subjDate(rep.ValidFrom)
	if err != nil {
		return err
	}
	to, err := subjDate(rep.ValidTo)
	if err != nil {
		return err
	}
	_, err = r.pool.Exec(ctx, `INSERT INTO person_representations
		(id, representative, represented, ground, document, valid_from, valid_to)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		rep.ID, rep.Representative, rep.Represented, string(rep.Ground), rep.Document, from, to)
	return translate(err, representationWhat,
		Constraint{Name: personRepresentativeKey, Err: subject.PersonNotFoundError(rep.Representative)},
		Constraint{Name: personRepresentedKey, Err: subject.PersonNotFoundError(rep.Represented)})
}

// RepresentationsOf returns the representations in which the person
// represents or is represented, ordered by ID.
func (r *PersonRepository) RepresentationsOf(ctx context.Context, person uuid.UUID) ([]subject.Representation, error) {
	rows, err := r.pool.Query(ctx, `SELECT id, representative, represented, ground, document, valid_from, valid_to
		FROM person_representations WHERE representative = $1 OR represented = $1 ORDER BY id`, person)
	if err != nil {
		return nil, translate(err, representationWhat)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (subject.Representation, error) {
		var (
			rep      subject.Representation
			ground   string
			from, to pgtype.Date
		)
		if err := row.Scan(&rep.ID, &rep.Representative, &rep.Represented, &ground, &rep.Document, &from, &to); err != nil {
			return subject.Representation{}, err
		}
		rep.Ground, rep.ValidFrom, rep.ValidTo = subject.Ground(ground), dateOf(from), dateOf(to)
		return rep, nil
	})
	if err != nil {
		return nil, translate(err, representationWhat)
	}
	return out, nil
}

// duplicateSNILS returns the DuplicateSNILSError of the person other than
// self who has the SNILS.
func (r *PersonRepository) duplicateSNILS(ctx context.Context, snils subject.SNILS, self uuid.UUID) error {
	var other uuid.UUID
	err := r.pool.QueryRow(ctx, `SELECT id FROM persons WHERE snils = $1 AND id <> $2`, snils.Reveal(), self).Scan(&other)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return personTranslate(err)
	}
	// With no row, the holder changed its SNILS since: other stays nil,
	// and the SNILS was taken all the same.
	return subject.DuplicateSNILSError(other)
}

// personTranslate translates err as translate does, after dropping the
// detail of a database error: PostgreSQL quotes the offending row or key
// there, which for persons holds personal data.
func personTranslate(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Detail != "" {
		clean := *pgErr
		clean.Detail = ""
		err = &clean
	}
	return translate(err, personWhat)
}

// personIsDuplicateSNILS reports whether err is a violation of the
// uniqueness of SNILS.
func personIsDuplicateSNILS(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == personSNILSKey
}

// personArgs returns the values of the columns of p in the order of the
// INSERT of Create: personColumns, then the folded name parts and the
// document numbers.
func personArgs(p subject.Person) ([]any, error) {
	birth, err := subjDate(p.BirthDate)
	if err != nil {
		return nil, err
	}
	docs := make([]personDocJSON, len(p.Documents))
	numbers := make([]string, len(p.Documents))
	for i, d := range p.Documents {
		docs[i] = personDocJSON{DocumentID: d.DocumentID, Type: d.Type, Number: d.Number.Reveal()}
		numbers[i] = d.Number.Reveal()
	}
	dj, err := json.Marshal(docs)
	if err != nil {
		return nil, fmt.Errorf("postgres: person documents: %w", err)
	}
	cj, err := subjContactsJSON(p.Contacts)
	if err != nil {
		return nil, err
	}
	roles := make([]string, len(p.Roles))
	for i, role := range p.Roles {
		roles[i] = string(role)
	}
	return []any{p.ID, p.Surname, p.Name, p.Patronymic, birth, p.BirthPlace, string(p.Sex),
		subjNullText(p.INN.Reveal()), subjNullText(p.SNILS.Reveal()), dj, cj, roles, p.Version, p.CreatedAt, p.UpdatedAt,
		subject.FoldName(p.Surname), subject.FoldName(p.Name), subject.FoldName(p.Patronymic), numbers}, nil
}

// personScan reads a row of personColumns.
func personScan(row pgx.Row) (subject.Person, error) {
	var (
		p                    subject.Person
		birth                pgtype.Date
		sex                  string
		inn, snils           pgtype.Text
		dj, cj               []byte
		roles                []string
		createdAt, updatedAt time.Time
	)
	if err := row.Scan(&p.ID, &p.Surname, &p.Name, &p.Patronymic, &birth, &p.BirthPlace, &sex, &inn, &snils,
		&dj, &cj, &roles, &p.Version, &createdAt, &updatedAt); err != nil {
		return subject.Person{}, err
	}
	p.BirthDate, p.Sex = dateOf(birth), subject.Sex(sex)
	p.INN, p.SNILS = subject.INN(inn.String), subject.SNILS(snils.String)
	var docs []personDocJSON
	if err := json.Unmarshal(dj, &docs); err != nil {
		return subject.Person{}, fmt.Errorf("postgres: person %s: stored documents: %w", p.ID, err)
	}
	for _, d := range docs {
		p.Documents = append(p.Documents, subject.IdentityDocument{DocumentID: d.DocumentID, Type: d.Type,
			Number: subject.DocumentNumber(d.Number)})
	}
	contacts, err := subjContactsOf(cj)
	if err != nil {
		return subject.Person{}, fmt.Errorf("postgres: person %s: %w", p.ID, err)
	}
	p.Contacts = contacts
	for _, role := range roles {
		p.Roles = append(p.Roles, subject.Role(role))
	}
	p.CreatedAt, p.UpdatedAt = createdAt.UTC(), updatedAt.UTC()
	return p, nil
}

// subjContactsJSON returns the stored form of contacts.
func subjContactsJSON(cs []subject.Contact) ([]byte, error) {
	out := make([]personContactJSON, len(cs))
	for i, c := range cs {
		out[i] = personContactJSON{Channel: string(c.Channel), Value: c.Value, Preferred: c.Preferred, Note: c.Note}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("postgres: contacts: %w", err)
	}
	return b, nil
}

// subjContactsOf reads the stored form of contacts; none is nil.
func subjContactsOf(b []byte) ([]subject.Contact, error) {
	var cs []personContactJSON
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, fmt.Errorf("stored contacts: %w", err)
	}
	var out []subject.Contact
	for _, c := range cs {
		out = append(out, subject.Contact{Channel: subject.Channel(c.Channel), Value: c.Value, Preferred: c.Preferred, Note: c.Note})
	}
	return out, nil
}

// subjStorable reports whether s is text PostgreSQL stores: valid UTF-8
// without NUL characters.
func subjStorable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// subjNullText returns NULL for the empty string.
func subjNullText(s string) pgtype.Text { return pgtype.Text{String: s, Valid: s != ""} }

// subjDate returns the zero Date as NULL and a calendar day as a date; a
// Date that is neither is an error matching fault.Invalid, since a date
// column would silently move it to another day.
func subjDate(d civil.Date) (pgtype.Date, error) {
	if d.IsZero() {
		return pgtype.Date{}, nil
	}
	if !d.Valid() {
		return pgtype.Date{}, &fault.ValidationError{Violations: []fault.Violation{{
			Field: "date", Code: codeSubjDate, Message: "Неверная дата",
		}}}
	}
	return pgtype.Date{Time: d.Time(time.UTC), Valid: true}, nil
}

// codeSubjDate is the code of the violation of a date that is not a
// calendar day.
const codeSubjDate = "date.invalid"
