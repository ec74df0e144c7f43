-- Base of the openzhkh schema: extensions and functions the other
-- migrations share.

-- +goose Up
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- zhkh_fold returns a name folded for case-insensitive comparison of
-- Russian text: lower case, ё folded to е (the rule of the whole library).
-- +goose StatementBegin
CREATE FUNCTION zhkh_fold(s text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN replace(lower(s), 'ё', 'е');
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION IF EXISTS zhkh_fold(text);
-- pg_trgm is left installed on purpose when other objects of the database
-- use it; it is dropped only when nothing depends on it.
-- +goose StatementBegin
DO $$
BEGIN
    DROP EXTENSION IF EXISTS pg_trgm;
EXCEPTION WHEN dependent_objects_still_exist THEN
    NULL;
END
$$;
-- +goose StatementEnd
