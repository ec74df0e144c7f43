-- The subject registers (package subject): persons with their
-- representations, legal entities, and ownership rights with exact shares.

-- +goose Up

-- persons holds the register of natural persons. SNILS, INN and document
-- numbers are stored whole (they are masked only when printed). The
-- *_folded columns hold the name parts folded by the library (lower case,
-- ё as е) in the "C" collation, so equality and prefix search use the
-- indexes and compare bytes exactly as the library does.
CREATE TABLE persons (
    id                uuid        NOT NULL,
    surname           text        NOT NULL,
    name              text        NOT NULL,
    patronymic        text        NOT NULL DEFAULT '',
    surname_folded    text COLLATE "C" NOT NULL,
    name_folded       text COLLATE "C" NOT NULL,
    patronymic_folded text COLLATE "C" NOT NULL DEFAULT '',
    birth_date        date,
    birth_place       text        NOT NULL DEFAULT '',
    sex               text        NOT NULL DEFAULT '',
    inn               text,
    snils             text,
    documents         jsonb       NOT NULL DEFAULT '[]',
    document_numbers  text[]      NOT NULL DEFAULT '{}',
    contacts          jsonb       NOT NULL DEFAULT '[]',
    roles             text[]      NOT NULL DEFAULT '{}',
    version           bigint      NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CONSTRAINT persons_pkey PRIMARY KEY (id),
    CONSTRAINT persons_snils_key UNIQUE (snils),
    CONSTRAINT persons_version_check CHECK (version >= 1),
    CONSTRAINT persons_documents_check CHECK (jsonb_typeof(documents) = 'array'),
    CONSTRAINT persons_contacts_check CHECK (jsonb_typeof(contacts) = 'array')
);

CREATE INDEX persons_inn_idx ON persons (inn) WHERE inn IS NOT NULL;
CREATE INDEX persons_document_numbers_idx ON persons USING gin (document_numbers);
CREATE INDEX persons_surname_idx ON persons (surname_folded, birth_date, id);
CREATE INDEX persons_birth_date_idx ON persons (birth_date, id) WHERE birth_date IS NOT NULL;

-- person_representations records who represents whom, on what ground and
-- for what period (a NULL end is open).
CREATE TABLE person_representations (
    id             uuid NOT NULL,
    representative uuid NOT NULL,
    represented    uuid NOT NULL,
    ground         text NOT NULL,
    document       uuid NOT NULL,
    valid_from     date,
    valid_to       date,
    CONSTRAINT person_representations_pkey PRIMARY KEY (id),
    CONSTRAINT person_representations_representative_fkey
        FOREIGN KEY (representative) REFERENCES persons (id),
    CONSTRAINT person_representations_represented_fkey
        FOREIGN KEY (represented) REFERENCES persons (id)
);

CREATE INDEX person_representations_representative_idx ON person_representations (representative, id);
CREATE INDEX person_representations_represented_idx ON person_representations (represented, id);

-- legal_entities holds the register of legal entities. sort_name and
-- sort_full_name hold the folded short (or full) and full names in the
-- "C" collation, the order of subject.CompareLegalEntities; search_text
-- holds both names folded, for the trigram index that narrows a search by
-- words of the name.
CREATE TABLE legal_entities (
    id                         uuid        NOT NULL,
    version                    bigint      NOT NULL,
    full_name                  text        NOT NULL,
    short_name                 text        NOT NULL DEFAULT '',
    inn                        text        NOT NULL,
    kpp                        text        NOT NULL,
    ogrn                       text        NOT NULL,
    legal_address_object       uuid,
    legal_address_text         text        NOT NULL DEFAULT '',
    postal_address_object      uuid,
    postal_address_text        text        NOT NULL DEFAULT '',
    bank_bik                   text        NOT NULL DEFAULT '',
    bank_settlement_account    text        NOT NULL DEFAULT '',
    bank_correspondent_account text        NOT NULL DEFAULT '',
    bank_name                  text        NOT NULL DEFAULT '',
    head_name                  text        NOT NULL DEFAULT '',
    head_position              text        NOT NULL DEFAULT '',
    contacts                   jsonb       NOT NULL DEFAULT '[]',
    oktmo                      text        NOT NULL DEFAULT '',
    okpo                       text        NOT NULL DEFAULT '',
    okved                      text        NOT NULL DEFAULT '',
    created_at                 timestamptz NOT NULL,
    updated_at                 timestamptz NOT NULL,
    sort_name                  text COLLATE "C" NOT NULL,
    sort_full_name             text COLLATE "C" NOT NULL,
    search_text                text        NOT NULL,
    CONSTRAINT legal_entities_pkey PRIMARY KEY (id),
    CONSTRAINT legal_entities_ogrn_key UNIQUE (ogrn),
    CONSTRAINT legal_entities_inn_kpp_key UNIQUE (inn, kpp),
    CONSTRAINT legal_entities_version_check CHECK (version >= 1),
    CONSTRAINT legal_entities_contacts_check CHECK (jsonb_typeof(contacts) = 'array')
);

CREATE INDEX legal_entities_kpp_idx ON legal_entities (kpp);
CREATE INDEX legal_entities_sort_idx ON legal_entities (sort_name, sort_full_name, id);
CREATE INDEX legal_entities_search_idx ON legal_entities USING gin (search_text gin_trgm_ops);

-- right_premises has one row per premise that has rights: Add and
-- Terminate lock it (SELECT ... FOR UPDATE) for the whole transaction, so
-- the check of an addition sees every right of the premise and no other
-- writer of that premise runs in between.
CREATE TABLE right_premises (
    premise uuid NOT NULL,
    CONSTRAINT right_premises_pkey PRIMARY KEY (premise)
);

-- rights holds the ownership rights; an ended right keeps its row.
CREATE TABLE rights (
    id                     uuid   NOT NULL,
    premise                uuid   NOT NULL,
    kind                   text   NOT NULL,
    number                 text   NOT NULL DEFAULT '',
    registered             date   NOT NULL,
    ended                  date,
    title_documents        uuid[] NOT NULL DEFAULT '{}',
    registration_documents uuid[] NOT NULL DEFAULT '{}',
    CONSTRAINT rights_pkey PRIMARY KEY (id),
    CONSTRAINT rights_premise_fkey FOREIGN KEY (premise) REFERENCES right_premises (premise),
    CONSTRAINT rights_ended_check CHECK (ended IS NULL OR ended >= registered)
);

CREATE INDEX rights_premise_idx ON rights (premise, registered, id);

-- right_owners holds the owners of each right in their order. A share is
-- stored exactly: numerator and denominator as registered (25/100 stays
-- 25/100), and its notation as text (1/4, 0,25, 1).
CREATE TABLE right_owners (
    right_id   uuid    NOT NULL,
    position   integer NOT NULL,
    subject    uuid    NOT NULL,
    kind       text    NOT NULL,
    share_num  bigint,
    share_den  bigint,
    share_text text,
    CONSTRAINT right_owners_pkey PRIMARY KEY (right_id, position),
    CONSTRAINT right_owners_right_fkey FOREIGN KEY (right_id) REFERENCES rights (id) ON DELETE CASCADE,
    CONSTRAINT right_owners_share_check CHECK (
        (share_num IS NULL AND share_den IS NULL AND share_text IS NULL)
        OR (share_num > 0 AND share_den > 0 AND share_num <= share_den AND share_text IS NOT NULL))
);

CREATE INDEX right_owners_subject_idx ON right_owners (subject, right_id);

-- +goose Down
DROP TABLE IF EXISTS right_owners;
DROP TABLE IF EXISTS rights;
DROP TABLE IF EXISTS right_premises;
DROP TABLE IF EXISTS legal_entities;
DROP TABLE IF EXISTS person_representations;
DROP TABLE IF EXISTS persons;
