using Monitor.Control.Store.Relational;

namespace Monitor.Control.Store.Postgres;

/// <summary>
/// The PostgreSQL schema, step by step: identity ids, timestamptz, jsonb. Text that the history sorts on uses
/// the "C" collation so both backends order strings the same way (by code point). Append new steps; never edit
/// a released one.
/// </summary>
internal static class PostgresMigrations
{
    public const string CreateVersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL)";

    public static readonly IReadOnlyList<StoreMigration> All =
    [
        new(1, "servers, actions, metrics, documents", """
            CREATE TABLE servers (
                name text COLLATE "C" PRIMARY KEY,
                url text NOT NULL,
                description text,
                tags jsonb NOT NULL,
                tls_fingerprint text,
                added timestamptz NOT NULL
            );

            CREATE TABLE actions (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                started timestamptz NOT NULL,
                ended timestamptz,
                user_name text COLLATE "C" NOT NULL,
                type text COLLATE "C" NOT NULL,
                server text COLLATE "C",
                stack text COLLATE "C",
                target text COLLATE "C",
                parameters jsonb NOT NULL,
                success boolean,
                output text NOT NULL,
                error text,
                result jsonb NOT NULL
            );
            CREATE INDEX ix_actions_started ON actions (started, id);
            CREATE INDEX ix_actions_server_started ON actions (server, started, id);
            CREATE INDEX ix_actions_stack_started ON actions (stack, started, id);
            CREATE INDEX ix_actions_type_started ON actions (type, started, id);
            CREATE INDEX ix_actions_user_started ON actions (user_name, started, id);

            CREATE TABLE metrics (
                server text COLLATE "C" NOT NULL,
                sampled timestamptz NOT NULL,
                cpu_percent double precision NOT NULL,
                memory_used bigint NOT NULL,
                memory_total bigint NOT NULL,
                disk_used bigint NOT NULL,
                disk_total bigint NOT NULL,
                max_temperature double precision,
                load1 double precision NOT NULL,
                PRIMARY KEY (server, sampled)
            );

            CREATE TABLE documents (
                collection text COLLATE "C" NOT NULL,
                doc_key text COLLATE "C" NOT NULL,
                body jsonb NOT NULL,
                updated timestamptz NOT NULL,
                PRIMARY KEY (collection, doc_key)
            );
            """),
        new(2, "duration index for the slowest-first history sort", """
            CREATE INDEX ix_actions_duration ON actions ((ended - started) DESC NULLS LAST, id DESC);
            """),
        new(10, "an index per history sort column, so every sort walks an index (keyset paging)", """
            CREATE INDEX ix_actions_ended_id ON actions (ended, id);
            CREATE INDEX ix_actions_user_id ON actions (user_name, id);
            CREATE INDEX ix_actions_type_id ON actions (type, id);
            CREATE INDEX ix_actions_server_id ON actions (server, id);
            CREATE INDEX ix_actions_stack_id ON actions (stack, id);
            CREATE INDEX ix_actions_target_id ON actions (target, id);
            CREATE INDEX ix_actions_success_id ON actions (success, id);
            """),
        new(11, "duration index in the planner's default null order, so both duration sorts walk it", """
            CREATE INDEX ix_actions_duration_id ON actions ((ended - started), id);
            DROP INDEX IF EXISTS ix_actions_duration;
            """),
        new(12, "statement triggers notify monitor_changes (schema.table) on writes to actions, servers, documents: live updates between consoles", """
            CREATE OR REPLACE FUNCTION monitor_notify_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM pg_notify('monitor_changes', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);
                RETURN NULL;
            END
            $fn$;
            CREATE TRIGGER tr_actions_changed AFTER INSERT OR UPDATE OR DELETE ON actions FOR EACH STATEMENT EXECUTE FUNCTION monitor_notify_change();
            CREATE TRIGGER tr_servers_changed AFTER INSERT OR UPDATE OR DELETE ON servers FOR EACH STATEMENT EXECUTE FUNCTION monitor_notify_change();
            CREATE TRIGGER tr_documents_changed AFTER INSERT OR UPDATE OR DELETE ON documents FOR EACH STATEMENT EXECUTE FUNCTION monitor_notify_change();
            """),
        new(13, "history indexes that hold every filter and sort column (key, id first), replacing the narrow ones: a filtered, sorted page is found from one index without reading table rows", """
            CREATE INDEX IF NOT EXISTS ix_actions_started_cover ON actions (started, id) INCLUDE (ended, user_name, type, server, stack, target, success);
            CREATE INDEX IF NOT EXISTS ix_actions_ended_cover ON actions (ended, id) INCLUDE (started, user_name, type, server, stack, success);
            CREATE INDEX IF NOT EXISTS ix_actions_user_cover ON actions (user_name, id) INCLUDE (started, ended, type, server, stack, target, success);
            CREATE INDEX IF NOT EXISTS ix_actions_type_cover ON actions (type, id) INCLUDE (started, ended, user_name, server, stack, target, success);
            CREATE INDEX IF NOT EXISTS ix_actions_server_cover ON actions (server, id) INCLUDE (started, ended, user_name, type, stack, target, success);
            CREATE INDEX IF NOT EXISTS ix_actions_stack_cover ON actions (stack, id) INCLUDE (started, ended, user_name, type, server, target, success);
            CREATE INDEX IF NOT EXISTS ix_actions_target_cover ON actions (target, id) INCLUDE (started, user_name, type, server, stack, success);
            CREATE INDEX IF NOT EXISTS ix_actions_success_cover ON actions (success, id) INCLUDE (started, ended, user_name, type, server, stack, target);
            CREATE INDEX IF NOT EXISTS ix_actions_duration_cover ON actions ((ended - started), id) INCLUDE (started, ended, user_name, type, server, stack, success);
            DROP INDEX IF EXISTS ix_actions_started;
            DROP INDEX IF EXISTS ix_actions_server_started;
            DROP INDEX IF EXISTS ix_actions_stack_started;
            DROP INDEX IF EXISTS ix_actions_type_started;
            DROP INDEX IF EXISTS ix_actions_user_started;
            DROP INDEX IF EXISTS ix_actions_duration_id;
            DROP INDEX IF EXISTS ix_actions_ended_id;
            DROP INDEX IF EXISTS ix_actions_user_id;
            DROP INDEX IF EXISTS ix_actions_type_id;
            DROP INDEX IF EXISTS ix_actions_server_id;
            DROP INDEX IF EXISTS ix_actions_stack_id;
            DROP INDEX IF EXISTS ix_actions_target_id;
            DROP INDEX IF EXISTS ix_actions_success_id;
            ANALYZE actions;
            """),
        new(20, "metric history: raw samples and downsampled tiers per server and container", """
            CREATE TABLE metric_history (
                server text COLLATE "C" NOT NULL,
                tier smallint NOT NULL,
                entity text COLLATE "C" NOT NULL,
                at timestamptz NOT NULL,
                samples integer NOT NULL,
                cpu double precision NOT NULL,
                cpu_max double precision NOT NULL,
                memory double precision NOT NULL,
                memory_max double precision NOT NULL,
                disk double precision,
                load1 double precision,
                temperature double precision,
                net_rx double precision NOT NULL,
                net_tx double precision NOT NULL,
                PRIMARY KEY (server, tier, entity, at)
            );
            CREATE INDEX ix_metric_history_tier_at ON metric_history (tier, at);
            """),
        new(40, "kept logs: lines with a pg_trgm GIN index on the message, and a resume cursor per source (kept = when stored, for the shipping lag)", """
            CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
            CREATE TABLE log_lines (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                server text COLLATE "C" NOT NULL,
                source text COLLATE "C" NOT NULL,
                stack text COLLATE "C",
                at timestamptz NOT NULL,
                level text,
                stream text,
                message text NOT NULL,
                kept timestamptz NOT NULL
            );
            CREATE INDEX ix_log_lines_at ON log_lines (at);
            CREATE INDEX ix_log_lines_source_id ON log_lines (server, source, id);
            CREATE INDEX ix_log_lines_message_trgm ON log_lines USING gin (message public.gin_trgm_ops);
            CREATE TABLE log_cursors (
                server text COLLATE "C" NOT NULL,
                source text COLLATE "C" NOT NULL,
                position text NOT NULL,
                updated timestamptz NOT NULL,
                PRIMARY KEY (server, source)
            );
            """),
    ];
}
