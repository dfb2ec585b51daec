using Galaxy.Api.Contracts;
using Galaxy.Api.Toolkit;
using Galaxy.Data;

namespace Galaxy.Modern.Users;

/// <summary>Galaxy's users, ported: <c>GET /api/users/current</c> and <c>/api/users/{user_id}</c> (users see themselves, admins anyone).</summary>
/// <param name="users">The users.</param>
/// <param name="ids">Galaxy's id encoding.</param>
[ApiRouter("users", Description = "Operations on users.")]
public sealed class UsersApi(UserRepository users, GalaxyIdEncoder ids)
{
    /// <summary>Return information about a specified or the current user. Only admin can see deleted or other users</summary>
    /// <param name="user">The caller.</param>
    /// <param name="context">The request.</param>
    /// <param name="user_id">The ID of the user to get or 'current'.</param>
    /// <param name="deleted">Indicates if the user is deleted</param>
    /// <param name="cancellationToken">Aborted with the request.</param>
    [Get("/api/users/{user_id}", OperationId = "get_user_api_users__user_id__get")]
    public async Task<DetailedUserModel> Show(GalaxyUser user, HttpContext context, string user_id, bool? deleted = null, CancellationToken cancellationToken = default)
    {
        UserRow? found;
        if (user_id == "current")
        {
            found = await users.FindAsync(user.Id.Value, cancellationToken);
        }
        else
        {
            var id = Decode(user_id);
            if (id != user.Id.Value && !user.IsAdmin)
            {
                throw new InsufficientPermissionsException("You may only see your own user.");
            }

            found = await users.FindAsync(id, cancellationToken);
            found = found is not null && found.Deleted == (deleted ?? false) ? found : null;
        }

        var row = found ?? throw new ObjectNotFoundException($"User {user_id} not found.");
        // The keys Galaxy's clients read, as the legacy app writes them.
        GalaxyResponseKeys.Select(context, UserKeys);
        return new DetailedUserModel
        {
            Id = new GalaxyId(row.Id),
            Username = row.Username,
            Email = row.Email,
            Deleted = row.Deleted,
            Purged = row.Purged,
            IsAdmin = row.IsAdmin,
            TotalDiskUsage = row.TotalDiskUsage,
            NiceTotalDiskUsage = GalaxyViews.NiceSize(row.TotalDiskUsage),
            QuotaPercent = null,
            Quota = "unlimited",
            QuotaBytes = UnlimitedQuotaBytes,
            Preferences = System.Text.Json.JsonSerializer.Deserialize(row.Preferences, ModernJson.Default.DictionaryStringJsonElement) ?? [],
            TagsUsed = [.. await users.GetTagsUsedAsync(row.Id, cancellationToken)],
        };
    }

    /// <summary>The keys Galaxy's clients read of a user (the same set for every request).</summary>
    private static readonly IReadOnlySet<string> UserKeys = GalaxyViews.User.ToHashSet(StringComparer.Ordinal);

    /// <summary>Galaxy's <c>quota_bytes</c> without a quota: null.</summary>
    private static readonly System.Text.Json.JsonElement UnlimitedQuotaBytes = System.Text.Json.JsonDocument.Parse("null").RootElement.Clone();

    private long Decode(string value) => ids.TryDecode(value, out var id) switch
    {
        GalaxyIdDecodeStatus.Ok => id,
        GalaxyIdDecodeStatus.InvalidFormat => throw new GalaxyApiException(
            GalaxyErrorCodes.UserRequestInvalidParameter,
            "Invalid encoded id, expected hexadecimal digits (0-9, a-f) in a length that is a multiple of 16 in ('path', 'user_id')",
            [new Galaxy.Api.Toolkit.ValidationError(["path", "user_id"], "Invalid encoded id, expected hexadecimal digits (0-9, a-f) in a length that is a multiple of 16", "value_error")]),
        _ => throw new MalformedIdException($"Wrong/Malformed id ( {value} ) specified, unable to decode."),
    };
}

/// <summary>What the sample deserializes itself (AOT-safe contracts).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, System.Text.Json.JsonElement>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(bool))]
[System.Text.Json.Serialization.JsonSerializable(typeof(long))]
[System.Text.Json.Serialization.JsonSerializable(typeof(HistoryDetailed))]
internal sealed partial class ModernJson : System.Text.Json.Serialization.JsonSerializerContext
{
    /// <summary>A context that writes as the API does: snake_case names, ids encoded with <paramref name="ids"/>.</summary>
    public static ModernJson For(GalaxyIdEncoder ids) => new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new GalaxyIdJsonConverter(ids) },
    });
}
