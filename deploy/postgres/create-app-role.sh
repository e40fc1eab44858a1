#!/bin/sh
# Run by the database-init service (compose.postgres.yml), every `up`: the app's own role and the
# database it owns. The role is not a superuser.
set -eu
export PGPASSWORD="$POSTGRES_PASSWORD"
psql -v ON_ERROR_STOP=1 -h database -U postgres -d postgres \
     -v app_user="$EXCHANGE_DB_USER" -v app_password="$EXCHANGE_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'app_user', :'app_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'app_user', :'app_password') \gexec
SELECT format('CREATE DATABASE exchange OWNER %I', :'app_user')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'exchange') \gexec
SQL
