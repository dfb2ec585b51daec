using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Galaxy.Hardening.Tests;

/// <summary>
/// Issue 11, authentication: every route of the modern sample — the served document's modern and legacy operations,
/// the endpoints it leaves out, methods and paths nothing lists — called by every kind of caller (no key, a bad key in
/// the header and in the query, a regular user's key in the header and in the query, another regular user, the admin),
/// with the legacy app in process, over YARP, and under a URL prefix. No route answers without the authentication it
/// declares, the legacy fallback forwards the caller's key and never answers in the legacy app's place, nothing is a 5xx.
/// </summary>
public sealed class AuthMatrixTests(AuthMatrixHosts hosts) : IClassFixture<AuthMatrixHosts>
{
    private static readonly Credential[] Columns = Enum.GetValues<Credential>();

    [Theory(Timeout = 300_000)]
    [InlineData(LegacyMode.InProcess)]
    [InlineData(LegacyMode.Proxy)]
    [InlineData(LegacyMode.UrlPrefix)]
    public async Task Every_route_asks_for_the_authentication_it_declares_and_no_caller_gets_a_5xx(LegacyMode mode)
    {
        var output = TestContext.Current.TestOutputHelper!;
        var ct = TestContext.Current.CancellationToken;
        var host = await hosts.GetAsync(mode);
        var matrix = await AuthMatrix.BuildAsync(host, ct);
        var violations = new List<string>(matrix.Problems.Select(static p => "route list: " + p));

        // The matrix is only as good as its enumeration: the document must bring both sides, and the host its own endpoints.
        Assert.Contains(matrix.Cases, static c => c.Source == CaseSource.Modern && c.Requirement == Requirement.User);
        Assert.Contains(matrix.Cases, static c => c.Source == CaseSource.Modern && c.Requirement == Requirement.Public);
        Assert.Contains(matrix.Cases, static c => c.Source == CaseSource.Legacy && c.Requirement == Requirement.User);
        Assert.Contains(matrix.Cases, static c => c.Source == CaseSource.Endpoint && c.Requirement == Requirement.Admin);

        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"{"route",-58} {"kind",-17}");
        foreach (var column in Columns)
        {
            table.Append(CultureInfo.InvariantCulture, $" {Header(column),7}");
        }

        table.AppendLine();
        var requests = 0;
        foreach (var matrixCase in matrix.Cases)
        {
            var outcomes = new Dictionary<Credential, Outcome>();
            foreach (var credential in Columns)
            {
                var request = await matrix.RequestAsync(matrixCase, ct);
                var outcome = await SendAsync(host, matrixCase, request, credential, ct);
                requests++;
                outcomes[credential] = outcome;
                foreach (var rule in Judge(matrixCase, request, credential, outcome))
                {
                    violations.Add($"{matrixCase.Label} [{matrixCase.Kind}] {Header(credential)}: {rule}\n    {outcome.Describe()}");
                }
            }

            foreach (var rule in Compare(matrixCase, outcomes))
            {
                violations.Add($"{matrixCase.Label} [{matrixCase.Kind}]: {rule}");
            }

            table.Append(CultureInfo.InvariantCulture, $"{Truncate(matrixCase.Label, 58),-58} {matrixCase.Kind,-17}");
            foreach (var column in Columns)
            {
                table.Append(CultureInfo.InvariantCulture, $" {outcomes[column].Cell,7}");
            }

            table.AppendLine();
        }

        output.WriteLine($"{mode}: {matrix.Cases.Count} routes x {Columns.Length} callers = {requests} requests over {host.Root}");
        output.WriteLine("cells: Galaxy's err_code, else the HTTP status");
        output.WriteLine(table.ToString());
        output.WriteLine($"violations: {violations.Count}");
        foreach (var violation in violations)
        {
            output.WriteLine(violation);
        }

        Assert.True(violations.Count == 0, $"{violations.Count} violations ({mode}):\n" + string.Join("\n", violations));
    }

    [Theory(Timeout = 300_000)]
    [InlineData(LegacyMode.InProcess)]
    [InlineData(LegacyMode.Proxy)]
    [InlineData(LegacyMode.UrlPrefix)]
    public async Task The_fallback_forwards_the_callers_key_from_the_header_and_the_query_to_the_legacy_app(LegacyMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = await hosts.GetAsync(mode);
        // A legacy route whose answer depends on who calls: the contents of the regular user's history.
        var contents = $"/api/histories/{host.HistoryId}/contents";
        var before = await ForwardedRequestsAsync(host, ct);

        var asUserInHeader = await SendAsync(host, HttpMethod.Get, contents, header: host.UserApiKey, query: null, ct);
        var asUserInQuery = await SendAsync(host, HttpMethod.Get, contents, header: null, query: host.UserApiKey, ct);
        var asOtherInHeader = await SendAsync(host, HttpMethod.Get, contents, header: host.OtherUserApiKey, query: null, ct);
        var asOtherInQuery = await SendAsync(host, HttpMethod.Get, contents, header: null, query: host.OtherUserApiKey, ct);
        var asAdmin = await SendAsync(host, HttpMethod.Get, contents, header: AuthMatrixHost.AdminApiKey, query: null, ct);
        var anonymous = await SendAsync(host, HttpMethod.Get, contents, header: null, query: null, ct);
        var badKey = await SendAsync(host, HttpMethod.Get, contents, header: AuthMatrixHost.BadApiKey, query: null, ct);

        foreach (var owner in new[] { asUserInHeader, asUserInQuery, asAdmin })
        {
            Assert.True(owner.Status == 200, owner.Describe());
            Assert.Contains(host.DatasetId, owner.Body, StringComparison.Ordinal);
        }

        foreach (var stranger in new[] { asOtherInHeader, asOtherInQuery })
        {
            Assert.True(stranger is { Status: 403, ErrCode: 403002 }, stranger.Describe());
        }

        Assert.True(anonymous is { Status: 403, ErrCode: 403001 }, anonymous.Describe());
        Assert.True(badKey is { Status: 401, ErrCode: 401001 }, badKey.Describe());
        // Every one of them was answered by the legacy app: the fallback counted each as forwarded.
        Assert.Equal(before + 7, await ForwardedRequestsAsync(host, ct));
    }

    [Theory(Timeout = 300_000)]
    [InlineData(LegacyMode.InProcess)]
    [InlineData(LegacyMode.Proxy)]
    [InlineData(LegacyMode.UrlPrefix)]
    public async Task The_modern_host_and_the_legacy_app_take_the_same_key_when_a_request_carries_several(LegacyMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = await hosts.GetAsync(mode);
        var contents = $"/api/histories/{host.HistoryId}/contents";

        // The query's key comes first (Galaxy reads `key or x_api_key`), on both sides.
        var modern = await SendAsync(host, HttpMethod.Get, "/api/users/current", header: host.OtherUserApiKey, query: host.UserApiKey, ct);
        Assert.True(modern.Status == 200, modern.Describe());
        Assert.Equal(host.UserId, JsonDocument.Parse(modern.Body).RootElement.GetProperty("id").GetString());
        var legacy = await SendAsync(host, HttpMethod.Get, contents, header: host.OtherUserApiKey, query: host.UserApiKey, ct);
        Assert.True(legacy.Status == 200, legacy.Describe());
        var legacyOther = await SendAsync(host, HttpMethod.Get, contents, header: host.UserApiKey, query: host.OtherUserApiKey, ct);
        Assert.True(legacyOther is { Status: 403, ErrCode: 403002 }, legacyOther.Describe());

        // x-api-key sent twice: the modern host takes the first value (as Galaxy's Starlette does). The legacy app must
        // not act for anybody else: in process it sees both lines and takes the first too; through YARP the two lines
        // arrive joined as one value ("a, b"), which is no key at all (401001).
        var twice = await SendWithHeadersAsync(host, HttpMethod.Get, "/api/users/current", [host.UserApiKey, host.OtherUserApiKey], query: null, ct);
        Assert.True(twice.Status == 200, twice.Describe());
        Assert.Equal(host.UserId, JsonDocument.Parse(twice.Body).RootElement.GetProperty("id").GetString());
        var userFirst = await SendWithHeadersAsync(host, HttpMethod.Get, contents, [host.UserApiKey, host.OtherUserApiKey], query: null, ct);
        var otherFirst = await SendWithHeadersAsync(host, HttpMethod.Get, contents, [host.OtherUserApiKey, host.UserApiKey], query: null, ct);
        if (mode == LegacyMode.Proxy)
        {
            Assert.True(userFirst is { Status: 401, ErrCode: 401001 }, userFirst.Describe());
            Assert.True(otherFirst is { Status: 401, ErrCode: 401001 }, otherFirst.Describe());
        }
        else
        {
            Assert.True(userFirst.Status == 200, userFirst.Describe());
            Assert.True(otherFirst is { Status: 403, ErrCode: 403002 }, otherFirst.Describe());
        }
    }

    /// <summary>What the rules say of one answer.</summary>
    private static IEnumerable<string> Judge(MatrixCase matrixCase, MatrixRequest request, Credential credential, Outcome outcome)
    {
        if (outcome.Status >= 500)
        {
            yield return "a 5xx";
            yield break;
        }

        var success = outcome.Status is >= 200 and < 300;
        // Galaxy's error body on every API answer (a HEAD answer has no body).
        var api = (matrixCase.Source != CaseSource.Endpoint || matrixCase.Requirement != Requirement.Public) && matrixCase.Method != "HEAD";
        if (api && !success && outcome.ErrCode is null)
        {
            yield return "an error without Galaxy's body ({err_msg, err_code})";
        }

        var anonymous = credential is Credential.None or Credential.NoneSlash or Credential.NoneUpper;
        var badKey = credential is Credential.BadHeader or Credential.BadQuery or Credential.RetiredKey;
        var regular = credential is Credential.UserHeader or Credential.UserQuery or Credential.OtherUser;
        var authenticated = regular || credential == Credential.Admin;
        // Whether this caller should get through: the request names existing objects this caller may see.
        var expectSuccess = !request.UsesPlaceholders && (credential != Credential.OtherUser || !request.TargetsUserObjects);
        switch (matrixCase.Requirement)
        {
            case Requirement.Unlisted:
                if (success)
                {
                    yield return "a 2xx on a route nothing lists";
                }

                break;
            case Requirement.User or Requirement.Admin when anonymous:
                if (outcome is not { Status: 403, ErrCode: 403001 })
                {
                    yield return "no key must be 403 / 403001";
                }

                break;
            case Requirement.User or Requirement.Admin when badKey:
            case Requirement.Public when badKey && matrixCase.Source != CaseSource.Endpoint:
                if (outcome is not { Status: 401, ErrCode: 401001 })
                {
                    yield return "an invalid key must be 401 / 401001";
                }

                break;
            case Requirement.Admin when regular:
                if (outcome is not { Status: 403, ErrCode: 403006 })
                {
                    yield return "a non-admin on an admin route must be 403 / 403006";
                }

                break;
            case Requirement.Public when anonymous:
            case Requirement.User or Requirement.Public when authenticated:
            case Requirement.Admin when credential == Credential.Admin:
                if (outcome.Status == 401 || outcome.ErrCode is 403001 or 403006)
                {
                    yield return "refused as unauthenticated although the caller may call it";
                }
                else if (expectSuccess && !success)
                {
                    yield return "not a 2xx although the caller may call it on existing objects";
                }

                if (credential == Credential.OtherUser && request.TargetsUserObjects && success)
                {
                    yield return "another user reached the regular user's objects";
                }

                break;
        }
    }

    /// <summary>Rules across the callers of one route.</summary>
    private static IEnumerable<string> Compare(MatrixCase matrixCase, Dictionary<Credential, Outcome> outcomes)
    {
        if (!outcomes[Credential.UserHeader].SameAnswer(outcomes[Credential.UserQuery]))
        {
            yield return $"the regular user's key answers {outcomes[Credential.UserHeader].Cell} in the header but {outcomes[Credential.UserQuery].Cell} in the query";
        }

        if (!outcomes[Credential.BadHeader].SameAnswer(outcomes[Credential.BadQuery]))
        {
            yield return $"a bad key answers {outcomes[Credential.BadHeader].Cell} in the header but {outcomes[Credential.BadQuery].Cell} in the query";
        }

        if (!outcomes[Credential.BadHeader].SameAnswer(outcomes[Credential.RetiredKey]))
        {
            yield return $"a bad key answers {outcomes[Credential.BadHeader].Cell} but a retired one {outcomes[Credential.RetiredKey].Cell}";
        }

        foreach (var form in new[] { Credential.NoneSlash, Credential.NoneUpper })
        {
            if (!outcomes[Credential.None].SameAnswer(outcomes[form]))
            {
                yield return $"no key answers {outcomes[Credential.None].Cell} but {outcomes[form].Cell} with the path {Header(form)}";
            }
        }
    }

    private static async Task<Outcome> SendAsync(AuthMatrixHost host, MatrixCase matrixCase, MatrixRequest request, Credential credential, CancellationToken ct)
    {
        var path = credential switch
        {
            Credential.NoneSlash => request.Path + "/",
            Credential.NoneUpper => UpperLiterals(matrixCase.Template, request.Path),
            _ => request.Path,
        };
        var query = request.Query;
        string? header = null;
        switch (credential)
        {
            case Credential.BadHeader:
                header = AuthMatrixHost.BadApiKey;
                break;
            case Credential.BadQuery:
                query = Append(query, AuthMatrixHost.BadApiKey);
                break;
            case Credential.RetiredKey:
                header = host.RetiredApiKey;
                break;
            case Credential.UserHeader:
                header = host.UserApiKey;
                break;
            case Credential.UserQuery:
                query = Append(query, host.UserApiKey);
                break;
            case Credential.OtherUser:
                header = host.OtherUserApiKey;
                break;
            case Credential.Admin:
                header = AuthMatrixHost.AdminApiKey;
                break;
        }

        using var message = new HttpRequestMessage(new HttpMethod(matrixCase.Method), host.Root + path + (query.Length > 0 ? "?" + query : ""));
        if (header is not null)
        {
            message.Headers.TryAddWithoutValidation("x-api-key", header);
        }

        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(request.ContentType!);
        }

        return await ReadAsync(host, message, ct);
    }

    /// <summary>
    /// A request with one <c>x-api-key</c> line per value, written on a socket: HttpClient (like YARP's) joins the values
    /// of a header into one line.
    /// </summary>
    private static async Task<Outcome> SendWithHeadersAsync(AuthMatrixHost host, HttpMethod method, string path, string[] header, string? query, CancellationToken ct)
    {
        var root = new Uri(host.Root);
        var target = root.AbsolutePath.TrimEnd('/') + path + (query is null ? "" : "?key=" + Uri.EscapeDataString(query));
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\nHost: {root.Authority}\r\nConnection: close\r\n");
        foreach (var value in header)
        {
            text.Append(CultureInfo.InvariantCulture, $"x-api-key: {value}\r\n");
        }

        var response = await RawHttp.SendAsync(root, Encoding.ASCII.GetBytes(text.Append("\r\n").ToString()), ct);
        var body = Encoding.UTF8.GetString(response.Body);
        return new Outcome($"{method} {target} x-api-key: {string.Join(" | ", header)}", response.Status, ErrCode(response.Header("Content-Type"), body), body);
    }

    private static async Task<Outcome> SendAsync(AuthMatrixHost host, HttpMethod method, string path, string? header, string? query, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(method, host.Root + path + (query is null ? "" : "?key=" + Uri.EscapeDataString(query)));
        if (header is not null)
        {
            message.Headers.TryAddWithoutValidation("x-api-key", header);
        }

        return await ReadAsync(host, message, ct);
    }

    private static async Task<Outcome> ReadAsync(AuthMatrixHost host, HttpRequestMessage message, CancellationToken ct)
    {
        var target = $"{message.Method} {message.RequestUri!.PathAndQuery}"
            + (message.Headers.TryGetValues("x-api-key", out var keys) ? " x-api-key: " + string.Join(" | ", keys) : "");
        using var response = await host.Client.SendAsync(message, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return new Outcome(target, (int)response.StatusCode, ErrCode(response.Content.Headers.ContentType?.MediaType, body), body);
    }

    /// <summary>Galaxy's <c>err_code</c> when the body is Galaxy's error (<c>{"err_msg": "...", "err_code": N}</c>), else null.</summary>
    private static int? ErrCode(string? contentType, string body)
    {
        if (contentType?.Contains("json", StringComparison.Ordinal) != true || body.Length == 0)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("err_code", out var code) && code.ValueKind == JsonValueKind.Number
                && json.RootElement.TryGetProperty("err_msg", out var text) && text.ValueKind == JsonValueKind.String
                ? code.GetInt32()
                : null;
        }
        catch (JsonException)
        {
            return null; // Not JSON after all: judged as a body without Galaxy's error format.
        }
    }

    private static async Task<long> ForwardedRequestsAsync(AuthMatrixHost host, CancellationToken ct)
    {
        var coverage = await SendAsync(host, HttpMethod.Get, "/api/_migration/coverage", header: AuthMatrixHost.AdminApiKey, query: null, ct);
        Assert.True(coverage.Status == 200, coverage.Describe());
        return JsonDocument.Parse(coverage.Body).RootElement.GetProperty("forwarded_requests").GetInt64();
    }

    private static string Append(string query, string key) => (query.Length == 0 ? "" : query + "&") + "key=" + Uri.EscapeDataString(key);

    /// <summary>The path with the template's literal segments in upper case (values of parameters untouched).</summary>
    private static string UpperLiterals(string template, string path)
    {
        var literals = template.Split('/');
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length && i < literals.Length; i++)
        {
            if (!literals[i].Contains('{', StringComparison.Ordinal))
            {
                segments[i] = segments[i].ToUpperInvariant();
            }
        }

        return string.Join('/', segments);
    }

    private static string Header(Credential credential) => credential switch
    {
        Credential.None => "none",
        Credential.NoneSlash => "none/",
        Credential.NoneUpper => "NONE",
        Credential.BadHeader => "bad-h",
        Credential.BadQuery => "bad-q",
        Credential.RetiredKey => "retired",
        Credential.UserHeader => "user-h",
        Credential.UserQuery => "user-q",
        Credential.OtherUser => "other",
        _ => "admin",
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>An answer: its status, Galaxy's <c>err_code</c> when the body is Galaxy's error, and the body.</summary>
    private sealed record Outcome(string Request, int Status, int? ErrCode, string Body)
    {
        public string Cell => AuthMatrix.Cell(Status, ErrCode);

        public bool SameAnswer(Outcome other) => Status == other.Status && ErrCode == other.ErrCode;

        public string Describe() => $"{Request} => {Status} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
    }
}
