-- Applications with their append-only history, reference books, providers
-- and registration-number counters (package application).
--
-- The aggregate itself is kept as JSON (body) exactly as the domain
-- marshals it, times with nanoseconds and their zones; the columns beside
-- it are derived from it for the queries of the port. Times that order a
-- query are stored as Unix nanoseconds (bigint) so that the order and the
-- bounds are exactly those of the in-memory adapter; a *_at timestamptz
-- copy is kept for people reading the tables.

-- +goose Up
CREATE TABLE application (
    id           uuid        NOT NULL,
    provider     uuid        NOT NULL,
    state        text        NOT NULL,
    version      bigint      NOT NULL,
    history_len  integer     NOT NULL DEFAULT 0,
    sent_ns      bigint,                 -- time of the last Send entry
    processed_ns bigint,                 -- time of the last Process entry
    sent_at      timestamptz,
    processed_at timestamptz,
    body         jsonb       NOT NULL,   -- the application without its history
    CONSTRAINT application_pkey PRIMARY KEY (id),
    CONSTRAINT application_version_check CHECK (version >= 1),
    CONSTRAINT application_history_len_check CHECK (history_len >= 0),
    CONSTRAINT application_sent_check CHECK ((sent_ns IS NULL) = (sent_at IS NULL)),
    CONSTRAINT application_processed_check CHECK ((processed_ns IS NULL) = (processed_at IS NULL))
);

-- Incoming: the sent applications of one provider in the order (sent, id).
CREATE INDEX application_incoming_idx ON application (provider, sent_ns, id) INCLUDE (state)
    WHERE sent_ns IS NOT NULL;
-- ProcessedBetween: processed applications in the order (processed, id).
CREATE INDEX application_processed_idx ON application (processed_ns, id)
    WHERE processed_ns IS NOT NULL;

-- The history of an application: one row per entry, only ever appended.
CREATE TABLE application_history (
    application_id uuid        NOT NULL,
    seq            integer     NOT NULL, -- 0-based position in the history
    action         text        NOT NULL,
    from_state     text        NOT NULL,
    to_state       text        NOT NULL,
    at             timestamptz NOT NULL,
    entry          jsonb       NOT NULL, -- application.Entry as JSON
    CONSTRAINT application_history_pkey PRIMARY KEY (application_id, seq),
    CONSTRAINT application_history_application_fkey FOREIGN KEY (application_id)
        REFERENCES application (id) ON DELETE CASCADE,
    CONSTRAINT application_history_seq_check CHECK (seq >= 0)
);

-- The history is append-only: rows are never changed.
-- +goose StatementBegin
CREATE FUNCTION application_history_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'application history is append-only'
        USING ERRCODE = 'restrict_violation', CONSTRAINT = 'application_history_append_only';
END
$$;
-- +goose StatementEnd

CREATE TRIGGER application_history_append_only BEFORE UPDATE ON application_history
    FOR EACH ROW EXECUTE FUNCTION application_history_append_only();

CREATE TABLE reference_entry (
    book       text        NOT NULL,
    code       text        NOT NULL,
    retired_at timestamptz,          -- NULL while in use
    retired    text,                 -- the exact retirement time, RFC 3339 with nanoseconds
    body       jsonb       NOT NULL, -- application.ReferenceEntry without Retired
    CONSTRAINT reference_entry_pkey PRIMARY KEY (book, code),
    CONSTRAINT reference_entry_book_check CHECK (book IN ('resources', 'units', 'purposes', 'services')),
    CONSTRAINT reference_entry_retired_check CHECK ((retired IS NULL) = (retired_at IS NULL))
);

CREATE TABLE provider (
    id           uuid    NOT NULL,
    version      bigint  NOT NULL,
    legal_entity uuid    NOT NULL,
    system_id    uuid,              -- NULL: no external system
    areas        uuid[]  NOT NULL DEFAULT '{}',
    body         jsonb   NOT NULL,  -- application.Provider as JSON
    CONSTRAINT provider_pkey PRIMARY KEY (id),
    CONSTRAINT provider_legal_entity_key UNIQUE (legal_entity),
    CONSTRAINT provider_version_check CHECK (version >= 1)
);
CREATE INDEX provider_system_idx ON provider (system_id) WHERE system_id IS NOT NULL;
CREATE INDEX provider_areas_idx ON provider USING gin (areas);

-- The last registration number issued per office and year; the next one
-- is taken with one INSERT … ON CONFLICT DO UPDATE … RETURNING, so
-- numbers have no gaps.
CREATE TABLE reg_counter (
    office text    NOT NULL,
    year   integer NOT NULL,
    last   integer NOT NULL,
    CONSTRAINT reg_counter_pkey PRIMARY KEY (office, year),
    CONSTRAINT reg_counter_last_check CHECK (last BETWEEN 1 AND 999999)
);

-- +goose Down
DROP TABLE IF EXISTS reg_counter;
DROP TABLE IF EXISTS provider;
DROP TABLE IF EXISTS reference_entry;
DROP TABLE IF EXISTS application_history;
DROP FUNCTION IF EXISTS application_history_append_only();
DROP TABLE IF EXISTS application;
