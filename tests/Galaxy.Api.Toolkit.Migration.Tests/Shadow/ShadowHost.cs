using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Galaxy.Api.Toolkit.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Migration.Tests.Shadow;

/// <summary>Modern hosts with the legacy fallback, Galaxy authentication and shadow rules; reading the shadow report.</summary>
internal static class ShadowHost
{
    public const string AdminKey = "shadow-admin-key";
    public const string UserKey = "shadow-user-key";
    public const string ReportPath = "api/_migration/shadow";

    /// <summary>Starts a host: <paramref name="configure"/> sets the fallback (legacy app, shadow rules), <paramref name="map"/> the modern endpoints.</summary>
    public static Task<ModernHost> StartAsync(
        Action<GalaxyLegacyOptions> configure, Action<WebApplication> map, LogCapture? logs = null, Action<WebApplicationBuilder>? services = null)
        => ModernHost.StartAsync(
            builder =>
            {
                if (logs is not null)
                {
                    builder.Logging.AddProvider(logs);
                }

                services?.Invoke(builder);
                builder.Services.AddSingleton<IGalaxyUserStore, Users>();
                builder.Services.AddGalaxyAuthentication();
                builder.Services.AddGalaxyLegacyFallback(configure);
            },
            app =>
            {
                map(app);
                app.MapGalaxyLegacyFallback();
            });

    /// <summary>Writes <paramref name="json"/> as an <c>application/json</c> answer.</summary>
    public static Task JsonAsync(HttpContext context, string json, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>The shadow report, read as the admin.</summary>
    public static async Task<JsonElement> ReportAsync(ModernHost host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ReportPath);
        request.Headers.Add(GalaxyAuthenticationDefaults.ApiKeyHeader, AdminKey);
        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static long Total(JsonElement report, string result) => report.GetProperty("totals").GetProperty(result).GetInt64();

    /// <summary>Polls the report until <paramref name="condition"/> holds (the mirrors run in the background); fails after a generous deadline.</summary>
    public static async Task<JsonElement> WaitForAsync(ModernHost host, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var report = await ReportAsync(host);
            if (condition(report))
            {
                return report;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Still not true after 30 s: {what}. Report: {report}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Sums the <c>galaxy.shadow.mirrored</c> measurements of one host, by result.</summary>
    public sealed class MirroredCounter : IDisposable
    {
        private readonly MeterListener _listener = new();

        public MirroredCounter(ModernHost host)
        {
            var meter = host.Services.GetRequiredService<MigrationMetrics>().Meter;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "galaxy.shadow.mirrored")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? result = null;
                string? route = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "result")
                    {
                        result = tag.Value as string;
                    }
                    else if (tag.Key == "route")
                    {
                        route = tag.Value as string;
                    }
                }

                Counts.AddOrUpdate((result ?? "?", route ?? "?"), value, (_, old) => old + value);
            });
            _listener.Start();
        }

        public ConcurrentDictionary<(string Result, string Route), long> Counts { get; } = new();

        public long this[string result, string route] => Counts.TryGetValue((result, route), out var count) ? count : 0;

        public void Dispose() => _listener.Dispose();
    }

    private sealed class Users : IGalaxyUserStore
    {
        public ValueTask<GalaxyUser?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken) => ValueTask.FromResult(apiKey switch
        {
            AdminKey => new GalaxyUser(new GalaxyId(1), "admin", "admin@example.org", IsAdmin: true),
            UserKey => new GalaxyUser(new GalaxyId(2), "user", "user@example.org", IsAdmin: false),
            _ => (GalaxyUser?)null,
        });
    }
}

/// <summary>Keeps the migration package's log entries.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, EventId EventId, string Text)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => category.StartsWith("Galaxy.Api.Toolkit.Migration", StringComparison.Ordinal);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Entries.Enqueue((logLevel, eventId, formatter(state, exception)));
            }
        }
    }
}

/// <summary>Names of what the shadow report lists.</summary>
internal static class Outcome
{
    public const string Match = "match";
    public const string Difference = "difference";
    public const string Dropped = "dropped";
    public const string Failed = "failed";
    public const string Timeout = "timeout";
    public const string Skipped = "skipped";

    /// <summary>Every result of a rule, added up.</summary>
    public static long All(JsonElement report) => report.GetProperty("totals").EnumerateObject().Sum(static p => p.Value.GetInt64());
}
