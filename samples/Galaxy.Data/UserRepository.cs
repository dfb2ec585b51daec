using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Galaxy.Data;

/// <summary>Users and their API keys.</summary>
/// <param name="database">The database.</param>
public sealed class UserRepository(GalaxyDatabase database)
{
    private const string Select = "SELECT u.id, u.username, u.email, u.deleted, u.purged, u.is_admin, u.total_disk_usage, u.preferences, u.create_time FROM users u";

    /// <summary>The user an API key belongs to; null when the key is unknown or retired, or its user deleted.</summary>
    public Task<UserRow?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        return database.ReadAsync(
            async connection =>
            {
                await using var command = connection.Command(Select + " JOIN api_keys k ON k.user_id = u.id WHERE k.key = $key AND k.deleted = 0 AND u.deleted = 0;");
                return await ReadOneAsync(command.With("$key", apiKey), cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>The user with the given id, deleted or not; null when there is none.</summary>
    public Task<UserRow?> FindAsync(long id, CancellationToken cancellationToken = default)
        => database.ReadAsync(
            async connection =>
            {
                await using var command = connection.Command(Select + " WHERE u.id = $id;");
                return await ReadOneAsync(command.With("$id", id), cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>Creates a user.</summary>
    /// <exception cref="GalaxyDataException">The username or e-mail address is taken.</exception>
    public Task<UserRow> CreateAsync(string username, string email, bool isAdmin = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(email);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                var now = database.Now();
                await using var insert = connection.Command(
                    """
                    INSERT INTO users (username, email, is_admin, create_time, update_time) VALUES ($username, $email, $admin, $now, $now)
                    ON CONFLICT DO NOTHING RETURNING id;
                    """,
                    transaction);
                if (await insert.With("$username", username).With("$email", email).With("$admin", isAdmin).With("$now", now)
                        .ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long id)
                {
                    throw new GalaxyDataException($"The username '{username}' or the e-mail address '{email}' is taken.");
                }

                await using var find = connection.Command(Select + " WHERE u.id = $id;", transaction);
                return (await ReadOneAsync(find.With("$id", id), cancellationToken).ConfigureAwait(false))!;
            },
            cancellationToken);
    }

    /// <summary>Gives the user a new API key, retiring the previous ones (one active key per user, as Galaxy).</summary>
    /// <returns>The new key.</returns>
    public Task<string> CreateApiKeyAsync(long userId, CancellationToken cancellationToken = default)
        => database.WriteAsync(
            async (connection, transaction) =>
            {
                var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                await using var command = connection.Command(
                    """
                    UPDATE api_keys SET deleted = 1 WHERE user_id = $user;
                    INSERT INTO api_keys (key, user_id, create_time) VALUES ($key, $user, $now);
                    """,
                    transaction);
                await command.With("$user", userId).With("$key", key).With("$now", database.Now()).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return key;
            },
            cancellationToken);

    /// <summary>The distinct tags on the user's histories and their datasets, sorted.</summary>
    public Task<IReadOnlyList<string>> GetTagsUsedAsync(long userId, CancellationToken cancellationToken = default)
        => database.ReadAsync<IReadOnlyList<string>>(
            async connection =>
            {
                await using var command = connection.Command(
                    """
                    SELECT value FROM histories h, json_each(h.tags) WHERE h.user_id = $user
                    UNION
                    SELECT value FROM datasets d JOIN histories h ON h.id = d.history_id, json_each(d.tags) WHERE h.user_id = $user
                    ORDER BY 1;
                    """);
                command.With("$user", userId);
                var tags = new List<string>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    tags.Add(reader.GetString(0));
                }

                return tags;
            },
            cancellationToken);

    private static async Task<UserRow?> ReadOneAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new UserRow(
            Id: reader.GetInt64(0),
            Username: reader.GetString(1),
            Email: reader.GetString(2),
            Deleted: reader.Flag(3),
            Purged: reader.Flag(4),
            IsAdmin: reader.Flag(5),
            TotalDiskUsage: reader.GetInt64(6),
            Preferences: reader.GetString(7),
            CreateTime: reader.Time(8));
    }
}
