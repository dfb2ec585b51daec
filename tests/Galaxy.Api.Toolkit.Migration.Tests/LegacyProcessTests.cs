namespace Galaxy.Api.Toolkit.Migration.Tests;

public sealed class LegacyProcessTests
{
    [Fact]
    public async Task The_stub_runs_as_a_process_and_echoes_requests()
    {
        await using var legacy = await LegacyProcess.StartAsync("stub-a");
        using var client = new HttpClient { BaseAddress = legacy.Address };

        var echo = await client.GetStringAsync("api/anything?x=1", TestContext.Current.CancellationToken);

        Assert.Contains("\"served_by\":\"stub-a\"", echo, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"/api/anything\"", echo, StringComparison.Ordinal);
        await legacy.KillAsync();
        Assert.False(legacy.IsRunning);
    }
}
