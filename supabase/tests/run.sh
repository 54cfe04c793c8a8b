#!/usr/bin/env bash
# Database tests (npm run test:db): a fresh PostgreSQL database, the platform SQL, the migrations
# through the Supabase CLI, then pgTAP files with pg_prove. The database is dropped on any exit.
# Extra arguments go to pg_prove (e.g. -v).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
host="${PGHOST:-127.0.0.1}"
port="${PGPORT:-5432}"
user="${PGUSER:-postgres}"
db="test_db_$(date +%s)_$$"
psql_base=(psql -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$user")
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

cleanup() {
	"${psql_base[@]}" -d postgres -c "drop database if exists \"$db\" with (force)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

"${psql_base[@]}" -d postgres -c "create database \"$db\""

for f in "$root"/supabase/local/platform/*.sql; do
	"${psql_base[@]}" -d "$db" -f "$f" >/dev/null
done

if ! out="$(cd "$root" && npx supabase migration up \
	--db-url "postgresql://$user@$host:$port/$db?sslmode=disable" 2>&1)"; then
	echo "$out" >&2
	exit 1
fi

# DB_TEST_SEED=1 also loads supabase/seed.sql, as `supabase test db` would see it.
if [ "${DB_TEST_SEED:-0}" = 1 ]; then
	"${psql_base[@]}" -d "$db" -f "$root/supabase/seed.sql" >/dev/null
fi

"${psql_base[@]}" -d "$db" -c 'create extension if not exists pgtap with schema extensions'

status=0
pg_prove -h "$host" -p "$port" -U "$user" -d "$db" "$@" \
	$(ls "$root"/supabase/tests/*.test.sql | sort) || status=$?
exit "$status"
