-- The log of exchanges with GIS ZhKKh (package gis): the full XML of the
-- request, the acknowledgement and the last answer, byte for byte, and the
-- objects each exchange concerned.

-- +goose Up
CREATE TABLE gis_exchange (
    id           uuid        NOT NULL,
    version      integer     NOT NULL,
    service      text        NOT NULL,
    operation    text        NOT NULL,
    message_guid uuid        NOT NULL,
    ack_guid     uuid        NOT NULL,
    request      bytea,
    ack          bytea,
    response     bytea,
    sent_at      timestamptz,            -- NULL for the zero time
    acked_at     timestamptz,            -- NULL until the Ack
    done_at      timestamptz,            -- NULL while the exchange is open
    state        text        NOT NULL,
    error_code   text        NOT NULL DEFAULT '',
    error_text   text        NOT NULL DEFAULT '',
    objects      jsonb       NOT NULL DEFAULT '[]', -- [{"kind", "key"}]
    CONSTRAINT gis_exchange_pkey PRIMARY KEY (id),
    CONSTRAINT gis_exchange_version_check CHECK (version >= 1),
    CONSTRAINT gis_exchange_objects_check CHECK (jsonb_typeof(objects) = 'array')
);

-- Find orders by (sent_at, id) and filters by period, operation, error
-- code and object.
CREATE INDEX gis_exchange_sent_idx ON gis_exchange (sent_at, id);
CREATE INDEX gis_exchange_operation_idx ON gis_exchange (service, operation, sent_at);
CREATE INDEX gis_exchange_error_idx ON gis_exchange (error_code, sent_at) WHERE error_code <> '';
CREATE INDEX gis_exchange_objects_idx ON gis_exchange USING gin (objects jsonb_path_ops);

-- +goose Down
DROP TABLE IF EXISTS gis_exchange;
