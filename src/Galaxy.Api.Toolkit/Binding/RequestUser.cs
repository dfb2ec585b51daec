using System.ComponentModel;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit.Binding;

/// <summary>Binds <see cref="GalaxyUser"/> parameters; used by generated handlers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RequestUser
{
    /// <summary>The authenticated Galaxy user, or null.</summary>
    /// <param name="context">The request.</param>
    public static GalaxyUser? Get(HttpContext context) => context.GetGalaxyUser();

    /// <summary>Whether the request carried an API key that was not valid (answered 401001 even on public operations, as Galaxy does).</summary>
    /// <param name="context">The request.</param>
    public static bool KeyRejected(HttpContext context) => context.Items.ContainsKey(Authentication.GalaxyApiKeyHandler.KeyRejectedItem);
}
