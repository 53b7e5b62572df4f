using Monitor.Control.Store.Relational;

namespace Monitor.Control.Store.Sqlite;

/// <summary>
/// The SQLite schema, step by step. Times are INTEGER microseconds since the Unix epoch (UTC); JSON columns are
/// TEXT. Append new steps; never edit a released one.
/// </summary>
internal static class SqliteMigrations
{
    public const string CreateVersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL) STRICT";

    public static readonly IReadOnlyList<StoreMigration> All =
    [
        new(1, "servers, actions, metrics, documents", """
            CREATE TABLE servers (
                name TEXT PRIMARY KEY NOT NULL,
                url TEXT NOT NULL,
                description TEXT,
                tags TEXT NOT NULL,
                tls_fingerprint TEXT,
                added INTEGER NOT NULL
            ) STRICT;

            CREATE TABLE actions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                started INTEGER NOT NULL,
                ended INTEGER,
                user_name TEXT NOT NULL,
                type TEXT NOT NULL,
                server TEXT,
                stack TEXT,
                target TEXT,
                parameters TEXT NOT NULL,
                success INTEGER,
                output TEXT NOT NULL,
                error TEXT,
                result TEXT NOT NULL
            ) STRICT;
            CREATE INDEX ix_actions_started ON actions (started);
            CREATE INDEX ix_actions_server_started ON actions (server, started);
            CREATE INDEX ix_actions_stack_started ON actions (stack, started);
            CREATE INDEX ix_actions_type_started ON actions (type, started);
            CREATE INDEX ix_actions_user_started ON actions (user_name, started);

            CREATE TABLE metrics (
                server TEXT NOT NULL,
                sampled INTEGER NOT NULL,
                cpu_percent REAL NOT NULL,
                memory_used INTEGER NOT NULL,
                memory_total INTEGER NOT NULL,
                disk_used INTEGER NOT NULL,
                disk_total INTEGER NOT NULL,
                max_temperature REAL,
                load1 REAL NOT NULL,
                PRIMARY KEY (server, sampled)
            ) STRICT, WITHOUT ROWID;

            CREATE TABLE documents (
                collection TEXT NOT NULL,
                doc_key TEXT NOT NULL,
                body TEXT NOT NULL,
                updated INTEGER NOT NULL,
                PRIMARY KEY (collection, doc_key)
            ) STRICT, WITHOUT ROWID;
            """),
        new(2, "duration index for the slowest-first history sort", """
            CREATE INDEX ix_actions_duration ON actions ((ended - started), id);
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
        new(13, "history indexes that hold every filter and sort column (key, id first), replacing the narrow ones: a filtered, sorted page is found from one index without reading table rows", """
            CREATE INDEX IF NOT EXISTS ix_actions_started_cover ON actions (started, id, ended, user_name, type, server, stack, target, success);
            CREATE INDEX IF NOT EXISTS ix_actions_ended_cover ON actions (ended, id, started, user_name, type, server, stack, success);
            CREATE INDEX IF NOT EXISTS ix_actions_user_cover ON actions (user_name, id, started, ended, type, server, stack, target, success);
            CREATE INDEX IF NOT EXISTS ix_actions_type_cover ON actions (type, id, started, ended, user_name, server, stack, target, success);
            CREATE INDEX IF NOT EXISTS ix_actions_server_cover ON actions (server, id, started, ended, user_name, type, stack, target, success);
            CREATE INDEX IF NOT EXISTS ix_actions_stack_cover ON actions (stack, id, started, ended, user_name, type, server, target, success);
            CREATE INDEX IF NOT EXISTS ix_actions_target_cover ON actions (target, id, started, user_name, type, server, stack, success);
            CREATE INDEX IF NOT EXISTS ix_actions_success_cover ON actions (success, id, started, ended, user_name, type, server, stack, target);
            CREATE INDEX IF NOT EXISTS ix_actions_duration_cover ON actions ((ended - started), id, started, ended, user_name, type, server, stack, success);
            DROP INDEX IF EXISTS ix_actions_started;
            DROP INDEX IF EXISTS ix_actions_server_started;
            DROP INDEX IF EXISTS ix_actions_stack_started;
            DROP INDEX IF EXISTS ix_actions_type_started;
            DROP INDEX IF EXISTS ix_actions_user_started;
            DROP INDEX IF EXISTS ix_actions_duration;
            DROP INDEX IF EXISTS ix_actions_ended_id;
            DROP INDEX IF EXISTS ix_actions_user_id;
            DROP INDEX IF EXISTS ix_actions_type_id;
            DROP INDEX IF EXISTS ix_actions_server_id;
            DROP INDEX IF EXISTS ix_actions_stack_id;
            DROP INDEX IF EXISTS ix_actions_target_id;
            DROP INDEX IF EXISTS ix_actions_success_id;
            PRAGMA analysis_limit = 400;
            ANALYZE actions;
            """),
        new(20, "metric history: raw samples and downsampled tiers per server and container", """
            CREATE TABLE metric_history (
                server TEXT NOT NULL,
                tier INTEGER NOT NULL,
                entity TEXT NOT NULL,
                at INTEGER NOT NULL,
                samples INTEGER NOT NULL,
                cpu REAL NOT NULL,
                cpu_max REAL NOT NULL,
                memory REAL NOT NULL,
                memory_max REAL NOT NULL,
                disk REAL,
                load1 REAL,
                temperature REAL,
                net_rx REAL NOT NULL,
                net_tx REAL NOT NULL,
                PRIMARY KEY (server, tier, entity, at)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX ix_metric_history_tier_at ON metric_history (tier, at);
            """),
        new(40, "kept logs: lines with an FTS5 trigram index on the message, and a resume cursor per source (kept = when stored, for the shipping lag)", """
            CREATE TABLE log_lines (
                id INTEGER PRIMARY KEY,
                server TEXT NOT NULL,
                source TEXT NOT NULL,
                stack TEXT,
                at INTEGER NOT NULL,
                level TEXT,
                stream TEXT,
                message TEXT NOT NULL,
                kept INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX ix_log_lines_at ON log_lines (at);
            CREATE INDEX ix_log_lines_source_id ON log_lines (server, source, id);
            CREATE VIRTUAL TABLE log_lines_fts USING fts5 (message, content = 'log_lines', content_rowid = 'id', tokenize = 'trigram', detail = 'none');
            CREATE TRIGGER log_lines_fts_insert AFTER INSERT ON log_lines BEGIN
                INSERT INTO log_lines_fts (rowid, message) VALUES (new.id, new.message);
            END;
            CREATE TRIGGER log_lines_fts_delete AFTER DELETE ON log_lines BEGIN
                INSERT INTO log_lines_fts (log_lines_fts, rowid, message) VALUES ('delete', old.id, old.message);
            END;
            CREATE TABLE log_cursors (
                server TEXT NOT NULL,
                source TEXT NOT NULL,
                position TEXT NOT NULL,
                updated INTEGER NOT NULL,
                PRIMARY KEY (server, source)
            ) STRICT, WITHOUT ROWID;
            """),
    ];
}
