#!/bin/sh
# Run by the database-init service (compose.postgres.yml) on every `up`, before migrate: the
# exchange database and its two logins (roles.sql says what each may do). Neither is a superuser.
set -eu
export PGPASSWORD="$POSTGRES_PASSWORD"
exec psql -X -q -h database -U postgres -d postgres -f /init/roles.sql -v database=exchange \
     -v owner="$EXCHANGE_DB_OWNER" -v owner_password="$EXCHANGE_DB_OWNER_PASSWORD" \
     -v app="$EXCHANGE_DB_USER" -v app_password="$EXCHANGE_DB_PASSWORD"
