using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Galaxy.Api.Toolkit.Authentication;

/// <summary>Options of the <see cref="GalaxyAuthenticationDefaults.AuthenticationScheme"/> scheme.</summary>
public sealed class GalaxyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// The host's scheme for bearer tokens (an OpenID Connect / JWT bearer scheme, say). When set, a request with
    /// <c>Authorization: Bearer ...</c> and no API key is authenticated, challenged and forbidden by that scheme; an API
    /// key, when present, wins (as in Galaxy). Null (the default): bearer tokens are ignored.
    /// </summary>
    public string? BearerScheme { get; set; }
}

/// <summary>Turns <see cref="GalaxyAuthenticationOptions.BearerScheme"/> into a <see cref="AuthenticationSchemeOptions.ForwardDefaultSelector"/>.</summary>
internal sealed class GalaxyAuthenticationPostConfigure : IPostConfigureOptions<GalaxyAuthenticationOptions>
{
    private const string BearerPrefix = "Bearer ";

    public void PostConfigure(string? name, GalaxyAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.BearerScheme))
        {
            return;
        }

        var bearerScheme = options.BearerScheme;
        var next = options.ForwardDefaultSelector;
        options.ForwardDefaultSelector = context =>
            IsBearer(context.Request) && GalaxyApiKeyHandler.ReadApiKey(context.Request, out _) is null ? bearerScheme : next?.Invoke(context);
    }

    private static bool IsBearer(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        foreach (var value in request.Headers.Authorization)
        {
            if (value is not null && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
