namespace Galaxy.Legacy.Tests;

/// <summary>The client-compatibility suite against the legacy server.</summary>
public sealed class ClientCompatibilityTests(LegacyFixture fixture) : ClientCompatibilitySuite, IClassFixture<LegacyFixture>
{
    protected override HttpClient Client => fixture.Server.Client;

    protected override HttpClient Anonymous => fixture.Server.Anonymous;

    protected override Uri Address => fixture.Server.Address;

    protected override string AdminApiKey => LegacyServer.AdminApiKey;

    protected override IServiceProvider Services => fixture.Server.App.Services;
}
