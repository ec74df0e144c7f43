package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openzhkh/zhkh/application"
)

// ProviderRepository is the application.ProviderRepository in PostgreSQL:
// one row of the table provider per provider, the provider as JSON beside
// the columns its queries need (legal entity, external system, areas with
// a GIN index). Writes take a transaction-scoped advisory lock before
// they check that the legal entity is not another provider's and that a
// shared external system has one description, so two concurrent writes
// cannot both pass the check; the unique constraint on the legal entity
// backs the check up.
type ProviderRepository struct {
	pool *pgxpool.Pool
}

var _ application.ProviderRepository = (*ProviderRepository)(nil)

// NewProviderRepository returns the directory of providers in the
// database of the pool, whose schema Migrate has brought up to date.
func NewProviderRepository(pool *pgxpool.Pool) *ProviderRepository {
	return &ProviderRepository{pool: pool}
}

const whatProvider = "исполнитель"

// lockProviders takes the advisory lock of providerLockID until tx ends.
func lockProviders(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, providerLockID)
	return err
}

// decodeProvider rebuilds a provider from its body and version.
func decodeProvider(body []byte, version int64) (application.Provider, error) {
	var p application.Provider
	if err := json.Unmarshal(body, &p); err != nil {
		return p, fmt.Errorf("postgres: decoding a provider: %w", err)
	}
	p.Version = version
	return p, nil
}

// Create stores a new provider with Version 1. It returns the
// *ValidationError of p.Validate, application.ProviderExistsError,
// application.DuplicateLegalEntityError or application.SystemMismatchError;
// nothing is stored when it fails.
func (r *ProviderRepository) Create(ctx context.Context, p application.Provider) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	p = p.Clone()
	p.Version = 1
	err := withTx(ctx, r.pool, func(tx pgx.Tx) error {
		if err := lockProviders(ctx, tx); err != nil {
			return err
		}
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM provider WHERE id = $1)`, p.ID).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return application.ProviderExistsError(p.ID)
		}
		if err := checkProviderUnique(ctx, tx, p); err != nil {
			return err
		}
		return writeProvider(ctx, tx, p, true)
	})
	return translate(err, whatProvider, Constraint{Name: "provider_pkey", Err: application.ProviderExistsError(p.ID)})
}

// checkProviderUnique returns the conflict of p with another stored
// provider: the same legal entity, or another description of its
// external system.
func checkProviderUnique(ctx context.Context, tx pgx.Tx, p application.Provider) error {
	rows, err := tx.Query(ctx, `SELECT body, version FROM provider
		WHERE id <> $1 AND (legal_entity = $2 OR system_id = $3) ORDER BY id`,
		p.ID, p.LegalEntity, systemID(p))
	if err != nil {
		return err
	}
	others, err := collectProviders(rows)
	if err != nil {
		return err
	}
	for _, o := range others {
		if o.LegalEntity == p.LegalEntity {
			return application.DuplicateLegalEntityError(o)
		}
	}
	return application.CheckSharedSystem(p, others)
}

// systemID returns the ID of p's external system, or nil for none.
func systemID(p application.Provider) *uuid.UUID {
	if p.System.IsZero() {
		return nil
	}
	id := p.System.ID
	return &id
}

// writeProvider inserts or updates the row of p.
func writeProvider(ctx context.Context, tx pgx.Tx, p application.Provider, insert bool) error {
	body, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("postgres: encoding provider %s: %w", p.ID, err)
	}
	areas := p.Areas
	if areas == nil {
		areas = []uuid.UUID{}
	}
	if insert {
		_, err = tx.Exec(ctx, `INSERT INTO provider (id, version, legal_entity, system_id, areas, body)
			VALUES ($1, $2, $3, $4, $5, $6)`, p.ID, p.Version, p.LegalEntity, systemID(p), areas, body)
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE provider SET version = $2, legal_entity = $3, system_id = $4, areas = $5, body = $6
		WHERE id = $1`, p.ID, p.Version, p.LegalEntity, systemID(p), areas, body)
	return err
}

// Get returns the provider with the ID, or
// application.ProviderNotFoundError.
func (r *ProviderRepository) Get(ctx context.Context, id uuid.UUID) (application.Provider, error) {
	if err := ctx.Err(); err != nil {
		return application.Provider{}, err
	}
	var body []byte
	var version int64
	err := r.pool.QueryRow(ctx, `SELECT body, version FROM provider WHERE id = $1`, id).Scan(&body, &version)
	if errors.Is(err, pgx.ErrNoRows) {
		return application.Provider{}, application.ProviderNotFoundError(id)
	}
	if err != nil {
		return application.Provider{}, translate(err, whatProvider)
	}
	return decodeProvider(body, version)
}

// Update reads the provider locked with SELECT … FOR UPDATE, calls fn on
// it and stores it with the Version bumped by one, in one transaction.
// Changes fn makes to ID and Version are ignored; fn's error is returned
// as it is and nothing is stored. It returns the stored provider, or
// application.ProviderNotFoundError, or the errors of Create for the
// changed provider. fn may run twice when the database asks for a retry.
func (r *ProviderRepository) Update(ctx context.Context, id uuid.UUID, fn func(*application.Provider) error) (application.Provider, error) {
	if err := ctx.Err(); err != nil {
		return application.Provider{}, err
	}
	var out application.Provider
	err := withTx(ctx, r.pool, func(tx pgx.Tx) error {
		if err := lockProviders(ctx, tx); err != nil {
			return err
		}
		var body []byte
		var version int64
		err := tx.QueryRow(ctx, `SELECT body, version FROM provider WHERE id = $1 FOR UPDATE`, id).Scan(&body, &version)
		if errors.Is(err, pgx.ErrNoRows) {
			return application.ProviderNotFoundError(id)
		}
		if err != nil {
			return err
		}
		p, err := decodeProvider(body, version)
		if err != nil {
			return err
		}
		if err := fn(&p); err != nil {
			return err
		}
		p.ID, p.Version = id, version+1
		if err := p.Validate(); err != nil {
			return err
		}
		if err := checkProviderUnique(ctx, tx, p); err != nil {
			return err
		}
		if err := writeProvider(ctx, tx, p, false); err != nil {
			return err
		}
		out = p.Clone()
		return nil
	})
	if err != nil {
		return application.Provider{}, translate(err, whatProvider)
	}
	return out, nil
}

// List returns every provider, ordered by application.CompareProviders.
func (r *ProviderRepository) List(ctx context.Context) ([]application.Provider, error) {
	return r.query(ctx, `SELECT body, version FROM provider ORDER BY id`)
}

// ServingAddress returns the providers with an area among objectIDs,
// ordered by application.CompareProviders; it reads the GIN index of the
// areas.
func (r *ProviderRepository) ServingAddress(ctx context.Context, objectIDs []uuid.UUID) ([]application.Provider, error) {
	if objectIDs == nil {
		objectIDs = []uuid.UUID{}
	}
	return r.query(ctx, `SELECT body, version FROM provider WHERE areas && $1::uuid[] ORDER BY id`, objectIDs)
}

// ByExternalSystem returns the providers represented by the external
// system with the ID, ordered by application.CompareProviders.
func (r *ProviderRepository) ByExternalSystem(ctx context.Context, systemID uuid.UUID) ([]application.Provider, error) {
	return r.query(ctx, `SELECT body, version FROM provider WHERE system_id = $1 ORDER BY id`, systemID)
}

// query returns the providers the sql, which selects body and version,
// finds.
func (r *ProviderRepository) query(ctx context.Context, sql string, args ...any) ([]application.Provider, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rows, err := r.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, translate(err, whatProvider)
	}
	out, err := collectProviders(rows)
	if err != nil {
		return nil, translate(err, whatProvider)
	}
	return out, nil
}

// collectProviders decodes rows of (body, version) and closes them.
func collectProviders(rows pgx.Rows) ([]application.Provider, error) {
	out := []application.Provider{}
	err := forEachRow(rows, func(row pgx.Row) error {
		var body []byte
		var version int64
		if err := row.Scan(&body, &version); err != nil {
			return err
		}
		p, err := decodeProvider(body, version)
		if err != nil {
			return err
		}
		out = append(out, p)
		return nil
	})
	return out, err
}
