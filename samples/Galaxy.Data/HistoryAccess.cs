namespace Galaxy.Data;

/// <summary>Who may see and change a history, as Galaxy decides it; both hosts answer with these rules.</summary>
public static class HistoryAccess
{
    /// <summary>Owners and admins see any history; others see published or importable ones (Galaxy answers 403002 otherwise).</summary>
    public static bool CanSee(HistoryRow history, long userId, bool isAdmin)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.UserId == userId || isAdmin || history.Published || history.Importable;
    }

    /// <summary>Only owners and admins change a history (Galaxy answers 403003 otherwise).</summary>
    public static bool CanChange(HistoryRow history, long userId, bool isAdmin)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.UserId == userId || isAdmin;
    }
}
