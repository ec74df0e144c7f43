#!/usr/bin/env bash
# copycompare.sh compares, side by side in one run, the bulk loaders of the
# address graph with a plain psql \copy of the same rows into the same,
# freshly migrated tables (with their indexes), each in one transaction:
#
#   - postgres.CopyGraph: COPY through pgx of a graph that already keeps the
#     rules (here: the memory adapter, filled before the clock starts, as
#     the CSV files of psql are written before it starts);
#   - postgres.BulkImport: the graph's rules checked in memory, then COPY.
#
# It prints the throughputs (objects and relations per second) and the
# ratios to psql.
#
#   adapters/postgres/bench/copycompare.sh [objects]     (default 1000000)
#
# The server is ZHKH_BENCH_DATABASE_URL, else ZHKH_TEST_DATABASE_URL; its
# role needs CREATEDB. Three databases, zhkh_copy_psql, zhkh_copy_go and
# zhkh_copy_bulk, are created afresh and dropped at the end. The Go loaders
# also ANALYZE the tables before they commit (counted in their time);
# psql does not. It needs psql, bc and python3. Run it from the module root.
set -euo pipefail

n=${1:-1000000}
url=${ZHKH_BENCH_DATABASE_URL:-${ZHKH_TEST_DATABASE_URL:?set ZHKH_TEST_DATABASE_URL}}
work=$(mktemp -d)
export PGOPTIONS='-c client_min_messages=warning'

# dburl URL NAME: URL with its database replaced by NAME.
dburl() { python3 -c 'import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/"+sys.argv[2])))' "$1" "$2"; }
psql_url=$(dburl "$url" zhkh_copy_psql)
go_url=$(dburl "$url" zhkh_copy_go)
bulk_url=$(dburl "$url" zhkh_copy_bulk)

cleanup() {
	psql "$url" -qX -c 'DROP DATABASE IF EXISTS zhkh_copy_psql WITH (FORCE)' -c 'DROP DATABASE IF EXISTS zhkh_copy_go WITH (FORCE)' -c 'DROP DATABASE IF EXISTS zhkh_copy_bulk WITH (FORCE)' >/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }

go build -o "$work/bench" ./adapters/postgres/bench
for db in zhkh_copy_psql zhkh_copy_go zhkh_copy_bulk; do
	psql "$url" -qX -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
done
"$work/bench" migrate -url "$psql_url"
"$work/bench" migrate -url "$go_url"
"$work/bench" migrate -url "$bulk_url"

echo "generating $n objects as CSV…"
"$work/bench" gen -n "$n" -out "$work"
objects=$(wc -l <"$work/objects.csv")
relations=$(wc -l <"$work/relations.csv")
rows=$((objects + relations))
echo "rows: $objects objects + $relations relations = $rows"

# psql \copy of the same rows, in one transaction.
t0=$(now)
psql "$psql_url" -qX -v ON_ERROR_STOP=1 <<SQL
BEGIN;
\copy address_object (id, fias_guid, gar_object_id, level, gar_level, type, name, name_fold, elements, postal_code, okato, oktmo, cadastral_number, start_date, end_date) FROM '$work/objects.csv' WITH (FORMAT csv, FORCE_NOT_NULL (type, name, name_fold, postal_code, okato, oktmo, cadastral_number))
\copy address_relation (child, hierarchy, start_date, parent, end_date) FROM '$work/relations.csv' WITH (FORMAT csv)
COMMIT;
SQL
t1=$(now)
psql_s=$(echo "$t1 - $t0" | bc -l)

# The Go loaders; each prints rows=… seconds=… and its phases.
copy_out=$("$work/bench" copy -n "$n" -url "$go_url")
echo "CopyGraph:  $copy_out"
bulk_out=$("$work/bench" load -n "$n" -url "$bulk_url")
echo "BulkImport: $bulk_out"
seconds() { echo "$1" | sed -E 's/.*seconds=([0-9.]+).*/\1/'; }
copy_s=$(seconds "$copy_out")
bulk_s=$(seconds "$bulk_out")

rate() { echo "$rows / $1" | bc -l; }
psql_rate=$(rate "$psql_s")
printf 'psql \\copy:          %8.3f s  %10.0f rows/s\n' "$psql_s" "$psql_rate"
printf 'Go CopyGraph:        %8.3f s  %10.0f rows/s  ratio %.2f\n' "$copy_s" "$(rate "$copy_s")" "$(echo "$(rate "$copy_s") / $psql_rate" | bc -l)"
printf 'Go BulkImport:       %8.3f s  %10.0f rows/s  ratio %.2f (with the rules of the graph)\n' "$bulk_s" "$(rate "$bulk_s")" "$(echo "$(rate "$bulk_s") / $psql_rate" | bc -l)"
