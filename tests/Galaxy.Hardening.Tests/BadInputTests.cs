using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Galaxy.Hardening.Tests;

/// <summary>
/// Issue 11, bad input: more than 10,000 hostile requests over real HTTP against every modern operation of the sample
/// and the routes it forwards to the legacy app. Every answer must be a documented 4xx in Galaxy's error format (or a
/// 2xx where the input happens to be valid), never a 5xx, never a hang; the server must be healthy afterwards.
/// </summary>
public sealed class BadInputTests(HardeningHost host) : IClassFixture<HardeningHost>
{
    /// <summary>The seed when <c>GALAXY_HARDENING_SEED</c> does not give one: CI replays the same requests every run.</summary>
    private const ulong DefaultSeed = 20261125;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The sample's body limit (GalaxyApiOptions.MaxJsonBodyBytes, default).</summary>
    private const int MaxJsonBodyBytes = 4 * 1024 * 1024;

    /// <summary>The 4xx codes the sample documents (Galaxy's codes: 400xxx, 401001, 403xxx, 404001, 405001 from the legacy app's routing, 413001, 415001).</summary>
    private static readonly HashSet<int> Documented4xx = [400, 401, 403, 404, 405, 413, 415];

    /// <summary>
    /// Answers Kestrel writes itself, before any middleware, with an empty body: 400 for a malformed request line, header
    /// or chunk (bare CR/LF, NUL, a %00 in the path, no Host, conflicting lengths...), 414 for a
    /// request line over 8 KiB, 431 for headers over 32 KiB, 405 for the asterisk form (<c>GET *</c>) on another method than OPTIONS.
    /// </summary>
    private static readonly HashSet<int> KestrelConnectionLevel = [400, 405, 414, 431];

    /// <summary>
    /// Known findings: requests this suite found answered wrongly, not fixed yet. The run must find exactly these (so
    /// that the list only shrinks); each is "operation -> what", and the fixed corpus holds a request that shows it
    /// whatever the seed.
    /// </summary>
    private static readonly string[] KnownFindings =
    [
        // None known. Fixed: integers beyond 64 bits in legacy bodies and query values (a 500 from the legacy request
        // validator), a multipart form without a boundary (413 instead of 400).
    ];

    [Fact(Timeout = 600_000)]
    public async Task Hostile_requests_get_documented_4xx_never_5xx_nor_a_hang_and_the_server_stays_healthy()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var ct = TestContext.Current.CancellationToken;
        var seed = Environment.GetEnvironmentVariable("GALAXY_HARDENING_SEED") is { Length: > 0 } given
            ? ulong.Parse(given, CultureInfo.InvariantCulture)
            : DefaultSeed;
        output.WriteLine($"seed {seed} (replay with GALAXY_HARDENING_SEED={seed})");

        var requests = new HostileCorpus(host, seed).Build().Requests;
        Assert.True(requests.Count >= 10_000, $"{requests.Count} requests");
        output.WriteLine($"{requests.Count} requests over http://127.0.0.1:{host.Address.Port}");

        var tallies = new ConcurrentDictionary<(string Category, string Status), int>();
        var failures = new ConcurrentBag<string>();
        var findings = new ConcurrentDictionary<string, string>();
        var kestrelExamples = new ConcurrentDictionary<string, string>();
        var next = -1;
        var started = DateTime.UtcNow;
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests.Count)
            {
                var request = requests[index];
                var outcome = await SendAsync(request, ct);
                var (label, problem) = Judge(request, outcome);
                tallies.AddOrUpdate((request.Category, label), 1, static (_, n) => n + 1);
                if (label.EndsWith("(Kestrel)", StringComparison.Ordinal))
                {
                    kestrelExamples.TryAdd($"{request.Category} {label}", request.Describe());
                }

                if (problem is not null)
                {
                    // By operation and problem, not category: one cause met through several categories is one finding.
                    var signature = $"{request.Operation} -> {problem}";
                    findings.TryAdd(signature, $"[{request.Category}] {request.Describe()} => {outcome.Summary()}");
                    if (!KnownFindings.Contains(signature))
                    {
                        failures.Add($"{signature}\n    {request.Describe()}\n    => {outcome.Summary()}");
                    }
                }
            }
        }, ct)).ToArray();
        await Task.WhenAll(workers);
        output.WriteLine($"sent in {(DateTime.UtcNow - started).TotalSeconds:F1} s");

        Report(output, tallies, requests.Count);
        output.WriteLine("");
        output.WriteLine("Kestrel's own empty-bodied answers (connection level, before the app), one example per category and status:");
        foreach (var (key, example) in kestrelExamples.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {key}: {example}");
        }

        output.WriteLine("");
        output.WriteLine($"findings ({findings.Count}):");
        foreach (var (signature, example) in findings.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {signature}\n    {example}");
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} requests answered wrongly; first ones:\n" + string.Join("\n", failures.Take(20)));
        Assert.Equal(KnownFindings.Order(StringComparer.Ordinal), findings.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(requests.Count, tallies.Values.Sum());

        await AssertHealthyAsync(ct);
    }

    private async Task AssertHealthyAsync(CancellationToken ct)
    {
        using var version = await host.Client.GetAsync("/api/version", ct);
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        using (var document = JsonDocument.Parse(await version.Content.ReadAsStringAsync(ct)))
        {
            Assert.Equal("23.1", document.RootElement.GetProperty("version_major").GetString());
        }

        var id = await host.CreateHistoryAsync("after the storm", ct);
        using var shown = await host.Client.GetAsync($"/api/histories/{id}", ct);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        using var history = JsonDocument.Parse(await shown.Content.ReadAsStringAsync(ct));
        Assert.Equal("after the storm", history.RootElement.GetProperty("name").GetString());
        Assert.Equal(id, history.RootElement.GetProperty("id").GetString());
        using var contents = await host.Client.GetAsync($"/api/histories/{id}/contents", ct);
        Assert.Equal(HttpStatusCode.OK, contents.StatusCode);
    }

    private static void Report(ITestOutputHelper output, ConcurrentDictionary<(string Category, string Status), int> tallies, int total)
    {
        var statuses = tallies.Keys.Select(k => k.Status).Distinct().Order(StringComparer.Ordinal).ToList();
        var categories = tallies.Keys.Select(k => k.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        output.WriteLine("");
        output.WriteLine("requests per category and status:");
        var header = new StringBuilder($"{"category",-18}{"total",7}");
        foreach (var status in statuses)
        {
            header.Append(CultureInfo.InvariantCulture, $"{status,16}");
        }

        output.WriteLine(header.ToString());
        foreach (var category in categories.Append("all"))
        {
            var line = new StringBuilder();
            var sum = 0;
            foreach (var status in statuses)
            {
                var n = category == "all"
                    ? tallies.Where(t => t.Key.Status == status).Sum(t => t.Value)
                    : tallies.GetValueOrDefault((category, status));
                sum += n;
                line.Append(CultureInfo.InvariantCulture, $"{n,16}");
            }

            output.WriteLine($"{category,-18}{sum,7}{line}");
        }

        output.WriteLine($"(total {total})");
    }

    /// <summary>The status label for the report, and what is wrong with the answer (null: nothing).</summary>
    private static (string Label, string? Problem) Judge(HostileRequest request, Outcome outcome)
    {
        if (outcome.Failure is { } failure)
        {
            return (failure.StartsWith("no answer", StringComparison.Ordinal) ? "hang" : "conn error", failure);
        }

        var status = outcome.Status;
        var label = status.ToString(CultureInfo.InvariantCulture);
        if (request.ForbiddenResponseHeader is { } forbidden && outcome.HeaderNames.Contains(forbidden, StringComparer.OrdinalIgnoreCase))
        {
            return (label, "header " + forbidden + " in the response");
        }

        if (request.ExpectedStatus is { } expected && status != expected)
        {
            return (label, $"{status} where {expected} is expected");
        }

        if (status is >= 200 and < 300)
        {
            return (label, null);
        }

        if (status == 413 && request.Body is { Length: < MaxJsonBodyBytes })
        {
            return (label, "413 for a body under the 4 MiB limit");
        }

        if (status >= 500)
        {
            return (label, $"{status} {ErrorCode(outcome.Body)}".TrimEnd());
        }

        if (status is < 400)
        {
            return (label, $"unexpected {status}");
        }

        if (outcome.Body.Length == 0 && request.KestrelMayReject && KestrelConnectionLevel.Contains(status))
        {
            return (label + " (Kestrel)", null);
        }

        if (!Documented4xx.Contains(status))
        {
            return (label, $"undocumented {status}");
        }

        return GalaxyErrorProblem(status, outcome) is { } problem ? (label, problem) : (label, null);
    }

    private static string? GalaxyErrorProblem(int status, Outcome outcome)
    {
        if (outcome.ContentType is null || !outcome.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return $"{status} without Galaxy's error JSON (Content-Type {outcome.ContentType ?? "none"}, {outcome.Body.Length} bytes)";
        }

        try
        {
            using var document = JsonDocument.Parse(outcome.Body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("err_msg", out var message) || message.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("err_code", out var code) || !code.TryGetInt32(out var errCode))
            {
                return $"{status} body without err_msg (string) and err_code (int)";
            }

            return errCode / 1000 == status ? null : $"{status} with err_code {errCode}";
        }
        catch (JsonException)
        {
            return $"{status} body that is not JSON";
        }
    }

    private static string ErrorCode(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("err_code", out var code) ? "err_code " + code.GetRawText() : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private async Task<Outcome> SendAsync(HostileRequest request, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            if ((request.Raw ?? request.LargeRaw?.Invoke()) is { } raw)
            {
                var answer = await RawHttp.SendAsync(host.Address, raw, timeout.Token);
                return new Outcome(answer.Status, answer.Header("Content-Type"), answer.Body, [.. answer.Headers.Select(h => h.Key)], null);
            }

            using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Target, UriKind.Relative));
            if (request.Body is not null || request.LargeBody is not null)
            {
                var body = request.Body ?? request.LargeBody!();
                HttpContent content = request.Chunked ? new UnknownLengthContent(body) : new ByteArrayContent(body);
                if (request.ContentType is not null)
                {
                    Assert.True(content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType));
                }

                message.Content = content;
            }

            foreach (var (name, value) in request.Headers)
            {
                Assert.True(message.Headers.TryAddWithoutValidation(name, value));
            }

            using var response = await host.Client.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var names = response.Headers.Concat(response.Content.Headers).Select(h => h.Key).ToList();
            return new Outcome((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(),
                await response.Content.ReadAsByteArrayAsync(timeout.Token), names, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Outcome(0, null, [], [], $"no answer within {RequestTimeout.TotalSeconds:F0} s");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or InvalidDataException or System.Net.Sockets.SocketException)
        {
            return new Outcome(0, null, [], [], "connection error: " + exception.GetType().Name + ": " + exception.Message.Split('\n')[0]);
        }
    }

    private sealed record Outcome(int Status, string? ContentType, byte[] Body, IReadOnlyList<string> HeaderNames, string? Failure)
    {
        public string Summary() => Failure ?? $"{Status} {ContentType} {Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 300)))}";
    }

    /// <summary>A body sent chunked: its length is not known up front.</summary>
    private sealed class UnknownLengthContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
