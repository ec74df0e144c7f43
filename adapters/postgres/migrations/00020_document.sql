-- The document registry (package document): documents with their field
-- values, subjects and scan references, and the scans themselves.

-- +goose Up

-- documents holds one row per document of the registry. A document is
-- never deleted: retiring it sets retired_at. version counts the stored
-- changes for optimistic locking; Update bumps it under SELECT ... FOR
-- UPDATE.
CREATE TABLE documents (
    id           uuid        NOT NULL,
    type         text        NOT NULL,
    field_values jsonb       NOT NULL DEFAULT '{}',
    subjects     uuid[]      NOT NULL DEFAULT '{}',
    scans        jsonb       NOT NULL DEFAULT '[]',
    created_by   uuid        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_by   uuid        NOT NULL,
    updated_at   timestamptz NOT NULL,
    retired_by   uuid,
    retired_at   timestamptz,
    version      bigint      NOT NULL,
    CONSTRAINT documents_pkey PRIMARY KEY (id),
    CONSTRAINT documents_version_check CHECK (version >= 1),
    CONSTRAINT documents_field_values_check CHECK (jsonb_typeof(field_values) = 'object'),
    CONSTRAINT documents_scans_check CHECK (jsonb_typeof(scans) = 'array')
);

-- List by subject: the subjects array is searched with @>.
CREATE INDEX documents_subjects_idx ON documents USING gin (subjects);
-- List by type, in ID order.
CREATE INDEX documents_type_idx ON documents (type, id);

-- document_scans holds the scans (электронные образы документов) by the
-- SHA-256 of their content, so the same file is kept once. The content is
-- stored uncompressed out of line (PDF, JPEG, PNG and TIFF are compressed
-- already), so reading the metadata never reads the content.
CREATE TABLE document_scans (
    hash       text   NOT NULL,
    size       bigint NOT NULL,
    media_type text   NOT NULL,
    pages      integer NOT NULL DEFAULT 0,
    content    bytea  NOT NULL,
    CONSTRAINT document_scans_pkey PRIMARY KEY (hash),
    CONSTRAINT document_scans_hash_check CHECK (hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT document_scans_size_check CHECK (size > 0 AND size = octet_length(content)),
    CONSTRAINT document_scans_media_type_check
        CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/tiff')),
    CONSTRAINT document_scans_pages_check CHECK (pages >= 0)
);
ALTER TABLE document_scans ALTER COLUMN content SET STORAGE EXTERNAL;

-- +goose Down
DROP TABLE IF EXISTS document_scans;
DROP TABLE IF EXISTS documents;
