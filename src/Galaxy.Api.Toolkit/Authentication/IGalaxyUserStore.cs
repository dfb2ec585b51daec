namespace Galaxy.Api.Toolkit;

/// <summary>
/// Finds the user an API key belongs to. The host registers its implementation (for example
/// <c>services.AddScoped&lt;IGalaxyUserStore, MyUserStore&gt;()</c>); <c>AddGalaxyAuthentication</c> does not provide one.
/// It is resolved from the request's services, once per request that carries a key.
/// </summary>
public interface IGalaxyUserStore
{
    /// <summary>Returns the user whose API key is <paramref name="apiKey"/>, or null when no user has that key.</summary>
    /// <param name="apiKey">The key exactly as the client sent it; never empty.</param>
    /// <param name="cancellationToken">Canceled when the client goes away.</param>
    ValueTask<GalaxyUser?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken);
}
