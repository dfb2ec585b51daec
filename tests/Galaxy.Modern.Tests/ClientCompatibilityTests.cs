namespace Galaxy.Modern.Tests;

/// <summary>
/// The client-compatibility suite of the legacy server, against the modern host: the ported operations (histories, users,
/// datasets, version) and the routes it forwards to the legacy app (tools, history contents) must look alike to a client.
/// </summary>
public sealed class ClientCompatibilityTests(ModernHost host) : ClientCompatibilitySuite, IClassFixture<ModernHost>
{
    protected override HttpClient Client => host.Client;

    protected override HttpClient Anonymous => host.Anonymous;

    protected override Uri Address => host.Address;

    protected override string AdminApiKey => ModernHost.AdminApiKey;

    protected override IServiceProvider Services => host.Services;
}
