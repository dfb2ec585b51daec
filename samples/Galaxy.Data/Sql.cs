using Microsoft.Data.Sqlite;

namespace Galaxy.Data;

/// <summary>Small helpers over ADO.NET: parameters and column reads.</summary>
internal static class Sql
{
    public static SqliteCommand Command(this SqliteConnection connection, string text, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value switch
        {
            null => DBNull.Value,
            bool flag => flag ? 1L : 0L,
            DateTime time => GalaxyTime.ToText(time),
            Guid guid => guid.ToString("D"),
            _ => value,
        });
        return command;
    }

    public static bool Flag(this SqliteDataReader reader, int ordinal) => reader.GetInt64(ordinal) != 0;

    public static string? Text(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? Number(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static DateTime Time(this SqliteDataReader reader, int ordinal) => GalaxyTime.Parse(reader.GetString(ordinal));

    /// <summary>Escapes <c>%</c>, <c>_</c> and <c>\</c> for a <c>LIKE ... ESCAPE '\'</c> pattern.</summary>
    public static string LikeEscape(string value)
        => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
