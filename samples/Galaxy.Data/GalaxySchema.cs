namespace Galaxy.Data;

/// <summary>The tables, created on start when absent (every statement is idempotent).</summary>
internal static class GalaxySchema
{
    /// <summary>The schema version written to <c>PRAGMA user_version</c>.</summary>
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS users (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            username TEXT NOT NULL UNIQUE,
            email TEXT NOT NULL UNIQUE,
            deleted INTEGER NOT NULL DEFAULT 0,
            purged INTEGER NOT NULL DEFAULT 0,
            is_admin INTEGER NOT NULL DEFAULT 0,
            total_disk_usage INTEGER NOT NULL DEFAULT 0,
            preferences TEXT NOT NULL DEFAULT '{}',
            create_time TEXT NOT NULL,
            update_time TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS api_keys (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL UNIQUE,
            user_id INTEGER NOT NULL REFERENCES users(id),
            deleted INTEGER NOT NULL DEFAULT 0,
            create_time TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_api_keys_user ON api_keys(user_id, deleted);
        CREATE TABLE IF NOT EXISTS histories (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER REFERENCES users(id),
            name TEXT NOT NULL,
            annotation TEXT,
            tags TEXT NOT NULL DEFAULT '[]',
            published INTEGER NOT NULL DEFAULT 0,
            importable INTEGER NOT NULL DEFAULT 0,
            deleted INTEGER NOT NULL DEFAULT 0,
            purged INTEGER NOT NULL DEFAULT 0,
            archived INTEGER NOT NULL DEFAULT 0,
            genome_build TEXT DEFAULT '?',
            slug TEXT,
            create_time TEXT NOT NULL,
            update_time TEXT NOT NULL,
            hid_counter INTEGER NOT NULL DEFAULT 1,
            preferred_object_store_id TEXT
        );
        CREATE INDEX IF NOT EXISTS ix_histories_user ON histories(user_id, deleted, create_time);
        CREATE TABLE IF NOT EXISTS datasets (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            history_id INTEGER NOT NULL REFERENCES histories(id),
            hid INTEGER NOT NULL,
            name TEXT NOT NULL,
            state TEXT NOT NULL,
            extension TEXT NOT NULL DEFAULT 'data',
            file_size INTEGER NOT NULL DEFAULT 0,
            deleted INTEGER NOT NULL DEFAULT 0,
            purged INTEGER NOT NULL DEFAULT 0,
            visible INTEGER NOT NULL DEFAULT 1,
            genome_build TEXT DEFAULT '?',
            misc_info TEXT,
            misc_blurb TEXT,
            peek TEXT,
            annotation TEXT,
            tags TEXT NOT NULL DEFAULT '[]',
            uuid TEXT NOT NULL,
            create_time TEXT NOT NULL,
            update_time TEXT NOT NULL,
            UNIQUE (history_id, hid)
        );
        CREATE TABLE IF NOT EXISTS tools (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            description TEXT,
            panel_section_id TEXT,
            panel_section_name TEXT
        );
        CREATE TABLE IF NOT EXISTS jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            tool_id TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            history_id INTEGER NOT NULL REFERENCES histories(id),
            output_dataset_id INTEGER NOT NULL REFERENCES datasets(id),
            state TEXT NOT NULL,
            handler TEXT,
            info TEXT,
            create_time TEXT NOT NULL,
            update_time TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_jobs_state ON jobs(state, id);
        """;

    /// <summary>The tools a new database starts with (a few of Galaxy's classic ones).</summary>
    public static readonly ToolRow[] Tools =
    [
        new("upload1", "Upload File", "1.1.7", "from your computer", "getext", "Get Data"),
        new("cat1", "Concatenate datasets", "1.0.0", "tail-to-head", "textutil", "Text Manipulation"),
        new("Cut1", "Cut", "1.0.2", "columns from a table", "textutil", "Text Manipulation"),
        new("sort1", "Sort", "1.2.0", "data in ascending or descending order", "filter", "Filter and Sort"),
        new("Grep1", "Select", "1.0.4", "lines that match an expression", "filter", "Filter and Sort"),
        new("Filter1", "Filter", "1.1.1", "data on any column using simple expressions", "filter", "Filter and Sort"),
    ];
}
