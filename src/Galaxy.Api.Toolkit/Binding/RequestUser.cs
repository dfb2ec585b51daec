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
}
