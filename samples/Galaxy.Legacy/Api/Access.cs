using Galaxy.Data;
using Galaxy.Legacy.Infrastructure;

namespace Galaxy.Legacy.Api;

/// <summary>Who may see and change what, as Galaxy decides it.</summary>
internal static class Access
{
    /// <summary>Owners and admins see any history; others see published or importable ones (403002 otherwise).</summary>
    public static HistoryRow Accessible(HistoryRow history, UserRow user)
        => HistoryAccess.CanSee(history, user.Id, user.IsAdmin)
            ? history
            : throw new LegacyApiException(LegacyErrorCode.CannotAccessItem, "History is not accessible by the current user.");

    /// <summary>Only owners and admins change a history (403003 otherwise).</summary>
    public static HistoryRow Owned(HistoryRow history, UserRow user)
        => HistoryAccess.CanChange(history, user.Id, user.IsAdmin)
            ? history
            : throw new LegacyApiException(LegacyErrorCode.DoesNotOwnItem, "History is not owned by the current user.");

    public static async Task<HistoryRow> FindHistoryAsync(HttpContext context, long id)
        => await context.RequestServices.GetRequiredService<HistoryRepository>().FindAsync(id, context.RequestAborted)
            ?? throw LegacyApiException.NotFound($"History {context.RequestServices.GetRequiredService<LegacyIds>().Encode(id)} not found.");
}
