-- The address graph: the classifier of types, address objects and the
-- relations of both hierarchies with their history (package address).
--
-- Open ends of periods are stored as infinite dates ('-infinity' for an
-- open start, 'infinity' for an open end), so that the period columns are
-- never NULL and can be part of keys. The graph's rules (no cycle, no
-- child shallower than its parent, no relation to an unknown object) are
-- kept by address.Graph, which writes through the repository; the schema
-- keeps what the storage itself must: keys, the uniqueness of the GAR
-- OBJECTID, and codes within the range of their Go types (uint8); like
-- every adapter of the port it stores what it is given. Relations carry no foreign keys
-- so that the graph can be bulk-loaded with COPY in any order.

-- +goose Up
CREATE TABLE address_type (
    level     smallint NOT NULL,
    short_key text     NOT NULL, -- address.KeyOf: folded, no trailing dots
    short     text     NOT NULL,
    full_name text     NOT NULL,
    position  smallint NOT NULL DEFAULT 0,
    CONSTRAINT address_type_pkey PRIMARY KEY (level, short_key),
    CONSTRAINT address_type_level_check CHECK (level BETWEEN 0 AND 255),
    CONSTRAINT address_type_position_check CHECK (position BETWEEN 0 AND 255)
);

CREATE TABLE address_object (
    id               uuid     NOT NULL,
    fias_guid        uuid,             -- NULL for objects not in FIAS
    gar_object_id    bigint,           -- NULL for none
    level            smallint NOT NULL,
    gar_level        smallint NOT NULL,
    type             text     NOT NULL DEFAULT '',
    name             text     NOT NULL DEFAULT '',
    name_fold        text     NOT NULL DEFAULT '', -- address.Fold(name)
    elements         jsonb,            -- [{"kind","type","value"}], NULL for none
    postal_code      text     NOT NULL DEFAULT '',
    okato            text     NOT NULL DEFAULT '',
    oktmo            text     NOT NULL DEFAULT '',
    cadastral_number text     NOT NULL DEFAULT '',
    start_date       date     NOT NULL DEFAULT '-infinity',
    end_date         date     NOT NULL DEFAULT 'infinity',
    CONSTRAINT address_object_pkey PRIMARY KEY (id),
    CONSTRAINT address_object_gar_object_id_key UNIQUE (gar_object_id),
    CONSTRAINT address_object_level_check CHECK (level BETWEEN 0 AND 255),
    CONSTRAINT address_object_gar_level_check CHECK (gar_level BETWEEN 0 AND 255)
);

-- Name search: exact and prefix matches of the folded name within a level
-- (LIKE 'prefix%' uses text_pattern_ops whatever the collation).
CREATE INDEX address_object_name_idx ON address_object (level, name_fold text_pattern_ops);
CREATE INDEX address_object_fias_guid_idx ON address_object (fias_guid) WHERE fias_guid IS NOT NULL;

CREATE TABLE address_relation (
    child      uuid     NOT NULL,
    hierarchy  smallint NOT NULL,
    start_date date     NOT NULL DEFAULT '-infinity',
    parent     uuid     NOT NULL,
    end_date   date     NOT NULL DEFAULT 'infinity',
    CONSTRAINT address_relation_pkey PRIMARY KEY (child, hierarchy, start_date),
    CONSTRAINT address_relation_hierarchy_check CHECK (hierarchy BETWEEN 0 AND 255)
);

-- Walks down the hierarchies: the children of a parent.
CREATE INDEX address_relation_parent_idx ON address_relation (parent, hierarchy);

-- +goose Down
DROP TABLE IF EXISTS address_relation;
DROP TABLE IF EXISTS address_object;
DROP TABLE IF EXISTS address_type;
