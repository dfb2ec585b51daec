namespace Galaxy.Data;

/// <summary>The tools of the panel (seeded on start).</summary>
/// <param name="database">The database.</param>
public sealed class ToolRepository(GalaxyDatabase database)
{
    private const string Select = "SELECT id, name, version, description, panel_section_id, panel_section_name FROM tools";

    /// <summary>Every tool, in panel order (as seeded).</summary>
    public Task<IReadOnlyList<ToolRow>> ListAsync(CancellationToken cancellationToken = default)
        => database.ReadAsync(
            async connection =>
            {
                await using var command = connection.Command(Select + " ORDER BY rowid;");
                return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>The tool with the given id; null when there is none.</summary>
    public Task<ToolRow?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return database.ReadAsync(
            async connection =>
            {
                await using var command = connection.Command(Select + " WHERE id = $id;");
                var rows = await ReadAllAsync(command.With("$id", id), cancellationToken).ConfigureAwait(false);
                return rows.Count == 0 ? null : rows[0];
            },
            cancellationToken);
    }

    private static async Task<IReadOnlyList<ToolRow>> ReadAllAsync(Microsoft.Data.Sqlite.SqliteCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<ToolRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ToolRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.Text(3), reader.Text(4), reader.Text(5)));
        }

        return rows;
    }
}
