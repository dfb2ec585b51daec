using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Galaxy.Data;

/// <summary>Where the admin's API key of this run came from.</summary>
public enum AdminApiKeySource
{
    /// <summary>From configuration (<c>Galaxy:AdminApiKey</c>).</summary>
    Configured,

    /// <summary>Not configured: the key stored by an earlier run.</summary>
    Stored,

    /// <summary>Not configured and none stored: generated now (print it, or nobody can call the API).</summary>
    Generated,
}

/// <summary>What <see cref="GalaxyDatabase.InitializeAsync"/> found or made.</summary>
/// <param name="Path">The database file, or <c>:memory:</c>.</param>
/// <param name="AdminUserId">The seeded admin's id.</param>
/// <param name="AdminApiKey">The admin's API key.</param>
/// <param name="AdminApiKeySource">Where the key came from; a host prints the key when it is not <see cref="AdminApiKeySource.Configured"/>.</param>
public sealed record GalaxyDatabaseInfo(string Path, long AdminUserId, string AdminApiKey, AdminApiKeySource AdminApiKeySource);

/// <summary>
/// The Galaxy database on SQLite: opens connections (WAL, busy timeout, foreign keys), creates the schema and seeds the admin
/// and the tools on first use. One instance per process and file (a singleton); safe from any number of threads, and
/// processes (the web app and workers) share the file.
/// </summary>
public sealed class GalaxyDatabase : IDisposable
{
    /// <summary>The seeded admin's username.</summary>
    public const string AdminUsername = "admin";

    /// <summary>The seeded admin's e-mail address.</summary>
    public const string AdminEmail = "admin@galaxy.invalid";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _initializing = new(1, 1);

    // SQLite has one writer at a time. Writers of this process take turns here, waiting without a thread; only the one
    // holding the turn can wait in SQLite's busy handler (for another process, e.g. the worker), which blocks its thread
    // (Microsoft.Data.Sqlite's async methods run synchronously). Without it, under load every queued write held a
    // thread-pool thread in that handler, the pool grew by injection and reads queued behind the blocked threads.
    private readonly SemaphoreSlim _writer = new(1, 1);

    private const int SqliteBusy = 5;

    private const int SqliteLocked = 6;
    private SqliteConnection? _memoryKeeper;
    private GalaxyDatabaseInfo? _info;
    private bool _disposed;

    /// <summary>Creates the database object; nothing is opened before the first use.</summary>
    public GalaxyDatabase(GalaxyDatabaseOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        Options = options;
        Clock = clock;
        var builder = new SqliteConnectionStringBuilder
        {
            ForeignKeys = true,
            // Microsoft.Data.Sqlite retries a busy or locked statement (and BEGIN) until its command timeout, in whole
            // seconds, has passed, on top of SQLite's own busy_timeout: the same budget, rounded up to a second, so that
            // a write under another writer's lock fails after about BusyTimeout (and the client gets 503), not 30 s later.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
            Pooling = true,
        };
        if (options.IsInMemory)
        {
            // A named shared-cache database lives while one connection to it is open: the keeper, until Dispose.
            builder.DataSource = "galaxy-" + Guid.NewGuid().ToString("N");
            builder.Mode = SqliteOpenMode.Memory;
            builder.Cache = SqliteCacheMode.Shared;
        }
        else
        {
            builder.DataSource = options.Path;
            builder.Mode = SqliteOpenMode.ReadWriteCreate;
        }

        _connectionString = builder.ToString();
    }

    /// <summary>The options it was made with.</summary>
    public GalaxyDatabaseOptions Options { get; }

    /// <summary>The clock of every timestamp it writes.</summary>
    public TimeProvider Clock { get; }

    /// <summary>
    /// Creates the schema when absent, switches the file to WAL, seeds the tools and the admin user with its API key (the
    /// configured one, else the stored one, else a new one). Idempotent, and run once per instance: later calls return the
    /// first result. Every other method calls it first.
    /// </summary>
    public async Task<GalaxyDatabaseInfo> InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_info is { } done)
        {
            return done;
        }

        await _initializing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_info is null)
            {
                _info = await InitializeCoreAsync(cancellationToken).ConfigureAwait(false);
            }

            return _info;
        }
        finally
        {
            _initializing.Release();
        }
    }

    /// <summary>Opens a connection to the initialized database, with the busy timeout set.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await OpenCoreAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the in-memory database or the pooled connections to the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _memoryKeeper?.Dispose();
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initializing.Dispose();
    }

    /// <summary>
    /// Whether <paramref name="exception"/> says the database stayed busy or locked past the busy timeout (SQLITE_BUSY or
    /// SQLITE_LOCKED, extended codes included): a temporary condition, answered 503001, after which the same write can be
    /// sent again (nothing of it was stored).
    /// </summary>
    public static bool IsBusy(SqliteException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.SqliteErrorCode is SqliteBusy or SqliteLocked;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction (<c>BEGIN IMMEDIATE</c>): all of it is committed or none.
    /// One write of this instance at a time; the others wait for their turn asynchronously (cancellable), at most
    /// <see cref="GalaxyDatabaseOptions.BusyTimeout"/>, then fail as SQLite does when the database is busy.
    /// </summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        // The turn is awaited within the same budget as SQLite's lock: past it the write fails as busy (SQLITE_BUSY, which
        // the hosts answer with 503001), so a queue of writes behind a stuck one never grows without bound.
        if (!await _writer.WaitAsync(Options.BusyTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new SqliteException("database is busy: other writes of this process held it for longer than the busy timeout", SqliteBusy);
        }

        try
        {
            await using var connection = await OpenCoreAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on an open connection.</summary>
    internal async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await work(connection).ConfigureAwait(false);
    }

    /// <summary>Now, as Galaxy stores times.</summary>
    internal DateTime Now() => GalaxyTime.Now(Clock);

    private async Task<SqliteConnection> OpenCoreAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.Command(
                "PRAGMA busy_timeout = " + ((long)Options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + ";");
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<GalaxyDatabaseInfo> InitializeCoreAsync(CancellationToken cancellationToken)
    {
        if (Options.IsInMemory)
        {
            _memoryKeeper ??= await OpenCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (System.IO.Path.GetDirectoryName(Options.Path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenCoreAsync(cancellationToken).ConfigureAwait(false);
        if (!Options.IsInMemory)
        {
            // Persistent in the file: readers do not block the writer, and the worker process reads while the web app writes.
            await using var wal = connection.Command("PRAGMA journal_mode = WAL;");
            var mode = (string?)await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The database {Options.Path} could not be switched to WAL mode (it is in {mode} mode).");
            }
        }

        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var schema = connection.Command(GalaxySchema.Create, transaction))
        {
            await schema.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var version = connection.Command("PRAGMA user_version = " + GalaxySchema.Version.ToString(CultureInfo.InvariantCulture) + ";", transaction))
        {
            await version.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var tool in GalaxySchema.Tools)
        {
            await using var insert = connection.Command(
                "INSERT OR IGNORE INTO tools (id, name, version, description, panel_section_id, panel_section_name) VALUES ($id, $name, $version, $description, $section_id, $section_name);",
                transaction);
            await insert.With("$id", tool.Id).With("$name", tool.Name).With("$version", tool.Version).With("$description", tool.Description)
                .With("$section_id", tool.PanelSectionId).With("$section_name", tool.PanelSectionName)
                .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var now = Now();
        var adminId = await EnsureAdminAsync(connection, transaction, now, cancellationToken).ConfigureAwait(false);
        var (key, source) = await EnsureAdminKeyAsync(connection, transaction, adminId, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new GalaxyDatabaseInfo(Options.Path, adminId, key, source);
    }

    private static async Task<long> EnsureAdminAsync(SqliteConnection connection, SqliteTransaction transaction, DateTime now, CancellationToken cancellationToken)
    {
        await using (var find = connection.Command("SELECT id FROM users WHERE is_admin = 1 AND deleted = 0 ORDER BY id LIMIT 1;", transaction))
        {
            if (await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long existing)
            {
                return existing;
            }
        }

        await using var insert = connection.Command(
            """
            INSERT INTO users (username, email, is_admin, create_time, update_time) VALUES ($username, $email, 1, $now, $now)
            ON CONFLICT (username) DO UPDATE SET is_admin = 1, deleted = 0, update_time = $now
            RETURNING id;
            """,
            transaction);
        return (long)(await insert.With("$username", AdminUsername).With("$email", AdminEmail).With("$now", now)
            .ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<(string Key, AdminApiKeySource Source)> EnsureAdminKeyAsync(
        SqliteConnection connection, SqliteTransaction transaction, long adminId, DateTime now, CancellationToken cancellationToken)
    {
        if (Options.AdminApiKey is { } configured)
        {
            await using (var owner = connection.Command("SELECT user_id FROM api_keys WHERE key = $key;", transaction))
            {
                if (await owner.With("$key", configured).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long userId && userId != adminId)
                {
                    throw new InvalidOperationException($"{GalaxyDatabaseOptions.AdminApiKeyKey} is the API key of another user; choose another key.");
                }
            }

            // One active key per user, as Galaxy: a new configured key retires the previous ones.
            await using var upsert = connection.Command(
                """
                UPDATE api_keys SET deleted = 1 WHERE user_id = $user AND key <> $key;
                INSERT INTO api_keys (key, user_id, create_time) VALUES ($key, $user, $now) ON CONFLICT (key) DO UPDATE SET deleted = 0;
                """,
                transaction);
            await upsert.With("$key", configured).With("$user", adminId).With("$now", now).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return (configured, AdminApiKeySource.Configured);
        }

        await using (var stored = connection.Command("SELECT key FROM api_keys WHERE user_id = $user AND deleted = 0 ORDER BY id DESC LIMIT 1;", transaction))
        {
            if (await stored.With("$user", adminId).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string key)
            {
                return (key, AdminApiKeySource.Stored);
            }
        }

        var generated = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var insert = connection.Command("INSERT INTO api_keys (key, user_id, create_time) VALUES ($key, $user, $now);", transaction);
        await insert.With("$key", generated).With("$user", adminId).With("$now", now).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return (generated, AdminApiKeySource.Generated);
    }
}
