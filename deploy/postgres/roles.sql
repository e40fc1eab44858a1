-- The exchange's database and its two logins, run as a superuser with psql, every time (it only
-- adds what is missing):
--
--   psql -f roles.sql -v database=exchange -v owner=... -v owner_password=... -v app=... -v app_password=...
--
-- owner  owns the database, its schema and every table: the migrate verb connects as it.
-- app    the web nodes: reads and writes rows of every table, the ones later migrations create
--        included, and nothing else; it may add to the audit log but never change or delete an entry.
\set ON_ERROR_STOP on
SET client_min_messages TO warning;

SELECT format('CREATE ROLE %I LOGIN', :'owner') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'owner', :'owner_password') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'app', :'app_password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'database', :'owner')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'database', :'owner') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'database') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', :'database', :'app') \gexec

\connect :"database"
SET client_min_messages TO warning;
-- A database from before the two logins was the app's own: its tables pass to the owner.
SELECT format('REASSIGN OWNED BY %I TO %I', :'app', :'owner') \gexec
REVOKE ALL ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO :"owner";
GRANT USAGE ON SCHEMA public TO :"app";

-- Rows of the tables there now, and of every table and sequence the owner creates later.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app";

-- The audit log is append-only for the app. Default privileges cannot leave one table out, and the
-- table may not exist yet (migrate runs after this), so an event trigger takes UPDATE and DELETE
-- back whenever a migration creates or alters a table or grants on one; and at once, if it exists.
SELECT format($sql$
CREATE OR REPLACE FUNCTION public.exchange_audit_log_append_only() RETURNS event_trigger LANGUAGE plpgsql AS $body$
BEGIN
    IF to_regclass('public."AuditLog"') IS NOT NULL THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON public."AuditLog" FROM %I;
    END IF;
END
$body$
$sql$, :'app') \gexec
DROP EVENT TRIGGER IF EXISTS exchange_audit_log_append_only;
CREATE EVENT TRIGGER exchange_audit_log_append_only ON ddl_command_end
    WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE', 'GRANT')
    EXECUTE FUNCTION public.exchange_audit_log_append_only();
SELECT format('REVOKE UPDATE, DELETE, TRUNCATE ON public.%I FROM %I', 'AuditLog', :'app')
WHERE to_regclass('public."AuditLog"') IS NOT NULL \gexec
