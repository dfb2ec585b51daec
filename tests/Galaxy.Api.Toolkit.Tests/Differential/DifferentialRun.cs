using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;

namespace Galaxy.Api.Toolkit.Tests.Differential;

/// <summary>What the server said about a payload.</summary>
internal sealed record ServerReply(int Status, string Text)
{
    /// <summary>The codes of a request the body validation refused: bad JSON, missing values, invalid values.</summary>
    public static readonly int[] ValidationCodes = [400003, 400007, 400008];

    public int? ErrCode
    {
        get
        {
            try
            {
                using var json = JsonDocument.Parse(Text);
                return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("err_code", out var code) && code.ValueKind == JsonValueKind.Number
                    ? code.GetInt32()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    public bool Accepted => Status is >= 200 and < 300;

    /// <summary>A 400 with a validation code: the verdict "invalid".</summary>
    public bool Rejected => Status == 400 && ErrCode is { } code && ValidationCodes.Contains(code);

    public override string ToString() => $"{Status} {Text}";
}

/// <summary>Both verdicts on one payload.</summary>
internal sealed record Trial(string Payload, ServerReply Server, SchemaVerdict Schema)
{
    public bool Agrees => (Server.Accepted && Schema.Valid) || (Server.Rejected && !Schema.Valid);

    /// <summary>Not a verdict at all: a 5xx, or a status or code other than 2xx and 400 400003/400007/400008.</summary>
    public bool Unexpected => !Server.Accepted && !Server.Rejected;

    public string Direction => Unexpected
        ? $"unexpected answer {Server.Status} (err_code {Server.ErrCode?.ToString(CultureInfo.InvariantCulture) ?? "none"})"
        : Server.Accepted ? "server accepts, schema rejects" : "server rejects, schema accepts";

    /// <summary>The reasons of the side that says "invalid", as the grouping key of a disagreement.</summary>
    public IReadOnlySet<string> Reasons()
    {
        if (Unexpected)
        {
            return new SortedSet<string>(StringComparer.Ordinal) { $"{Server.Status} {Server.ErrCode}" };
        }

        var payload = Parse(Payload);
        if (!Server.Accepted)
        {
            return new SortedSet<string>(ServerReasons(payload), StringComparer.Ordinal);
        }

        if (Schema.NotJson)
        {
            return new SortedSet<string>(StringComparer.Ordinal) { "not JSON" };
        }

        // A null branch of anyOf or of a type array says NullExpected beside the real reason.
        var leaves = SchemaVerdict.Leaves(Schema.Errors)
            .Select(e => $"{e.Kind} at {Indices().Replace(e.Path ?? "", "[*]")} ({Kind(payload, SchemaPath().Matches(e.Path ?? "").Select(static m => m.Groups["index"].Success ? (object)int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture) : m.Groups["name"].Value))})")
            .ToList();
        var real = leaves.Where(static l => !l.StartsWith("NullExpected", StringComparison.Ordinal)).ToList();
        return new SortedSet<string>(real.Count > 0 ? real : leaves, StringComparer.Ordinal);
    }

    /// <summary>The server's failures as <c>type at loc (kind of the value there)</c>, array indices as <c>*</c>.</summary>
    private IEnumerable<string> ServerReasons(JsonNode? payload)
    {
        using var json = JsonDocument.Parse(Server.Text);
        if (!json.RootElement.TryGetProperty("validation_errors", out var errors) || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
        {
            yield return $"err_code {Server.ErrCode}";
            yield break;
        }

        foreach (var error in errors.EnumerateArray())
        {
            var loc = error.GetProperty("loc").EnumerateArray().Select(static l => l.ValueKind == JsonValueKind.Number ? (object)l.GetInt32() : l.GetString()!).ToList();
            var shown = string.Join(".", loc.Select(static l => l is int ? "*" : (string)l));
            yield return $"{error.GetProperty("type").GetString()} at {shown} ({Kind(payload, loc.Skip(1))})";
        }
    }

    /// <summary>What the payload holds at a location: absent, null, string, number, boolean, array or object.</summary>
    private static string Kind(JsonNode? payload, IEnumerable<object> location)
    {
        var node = payload;
        foreach (var segment in location)
        {
            switch (segment)
            {
                case int index when node is JsonArray array && index < array.Count:
                    node = array[index];
                    break;
                case string name when node is JsonObject obj && obj.TryGetPropertyValue(name, out var value):
                    node = value;
                    break;
                default:
                    return "absent";
            }
        }

        return node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant();
    }

    private static JsonNode? Parse(string payload)
    {
        try
        {
            return JsonNode.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Regex SchemaPath() => SchemaPathRegex;

    private static readonly Regex SchemaPathRegex = new(@"(?<name>[A-Za-z0-9_]+)|\[(?<index>\d+)\]", RegexOptions.CultureInvariant);

    public string Describe()
        => $"""
              payload: {Visible(Payload)}
              server:  {Server}
              schema:  {(Schema.Valid ? "valid" : "invalid: " + Schema.Describe())}
            """;

    /// <summary>The JSON text with invisible characters (controls, format characters, separators) written as <c>\uXXXX</c>: the same JSON.</summary>
    private static string Visible(string json)
    {
        var text = new StringBuilder(json.Length);
        foreach (var c in json)
        {
            _ = char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                    or UnicodeCategory.SpaceSeparator && c != ' '
                ? text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}")
                : text.Append(c);
        }

        return text.ToString();
    }

    private static Regex Indices() => IndicesRegex;

    private static readonly Regex IndicesRegex = new(@"\[\d+\]", RegexOptions.CultureInvariant);
}

/// <summary>
/// Sends generated payloads to one operation and judges each with the served schema, then reports the counts and each
/// kind of disagreement with a minimised payload.
/// </summary>
internal sealed class DifferentialRun(HttpClient client, string path, SchemaJudge judge)
{
    private const int Parallelism = 4;

    public async Task<Trial> TryAsync(string payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(payload, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Trial(payload, new ServerReply((int)response.StatusCode, text), judge.Judge(payload));
    }

    /// <summary>Draws <paramref name="count"/> payloads with CsCheck, tries them all, writes the report, and fails on any disagreement.</summary>
    public async Task RunAsync(Gen<string> payloads, int count)
    {
        var drawn = new List<string>(count);
        payloads.Sample(payload => drawn.Add(payload), iter: count, threads: 1);
        Assert.Equal(count, drawn.Count);

        var trials = new Trial[drawn.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, drawn.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = TestContext.Current.CancellationToken },
            async (index, _) => trials[index] = await TryAsync(drawn[index]));

        var report = new StringBuilder();
        var schemaValid = trials.Count(static t => t.Schema.Valid);
        var serverAccepted = trials.Count(static t => t.Server.Accepted);
        var agreements = trials.Count(static t => t.Agrees);
        var failing = trials.Where(static t => !t.Agrees).ToList();
        report.AppendLine(CultureInfo.InvariantCulture, $"POST {path}: {trials.Length} payloads ({trials.Select(static t => t.Payload).Distinct(StringComparer.Ordinal).Count()} distinct)");
        report.AppendLine(CultureInfo.InvariantCulture, $"  schema: {schemaValid} valid, {trials.Length - schemaValid} invalid");
        report.AppendLine(CultureInfo.InvariantCulture, $"  server: {serverAccepted} accepted (2xx), {trials.Count(static t => t.Server.Rejected)} rejected (400 400003/400007/400008), {trials.Count(static t => t.Unexpected)} other");
        report.AppendLine(CultureInfo.InvariantCulture, $"  agreements: {agreements}; disagreements: {failing.Count(static t => !t.Unexpected)} " +
            $"({failing.Count(static t => !t.Unexpected && t.Server.Accepted)} server accepts/schema rejects, {failing.Count(static t => !t.Unexpected && !t.Server.Accepted)} server rejects/schema accepts); unexpected answers: {failing.Count(static t => t.Unexpected)}");

        // One example per kind: the shortest payload of each (direction, reasons), minimised, then regrouped.
        var kinds = new Dictionary<string, (Trial Example, int Count)>(StringComparer.Ordinal);
        foreach (var group in failing.GroupBy(static t => t.Direction + " | " + string.Join(", ", t.Reasons()), StringComparer.Ordinal))
        {
            var minimal = await MinimiseAsync(group.MinBy(static t => t.Payload.Length)!);
            var key = minimal.Direction + " | " + string.Join(", ", minimal.Reasons());
            kinds[key] = kinds.TryGetValue(key, out var known)
                ? (known.Example.Payload.Length <= minimal.Payload.Length ? known.Example : minimal, known.Count + group.Count())
                : (minimal, group.Count());
        }

        foreach (var (key, (example, total)) in kinds.OrderBy(static k => k.Key, StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  - {key}: {total} payload(s); minimal:");
            report.AppendLine(example.Describe());
        }

        var text = report.ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(text);

        // The mix is meaningful: both verdicts are well represented.
        Assert.True(schemaValid >= trials.Length / 5, $"Too few schema-valid payloads ({schemaValid}).\n{text}");
        Assert.True(trials.Length - schemaValid >= trials.Length / 5, $"Too few schema-invalid payloads ({trials.Length - schemaValid}).\n{text}");
        Assert.True(failing.Count == 0, $"The server and the served document disagree on {failing.Count} of {trials.Length} payloads.\n{text}");
    }

    /// <summary>
    /// Removes object members and array items from the payload, and shortens its strings, while it still disagrees the
    /// same way for a subset of the same reasons.
    /// </summary>
    private async Task<Trial> MinimiseAsync(Trial trial)
    {
        if (trial.Schema.NotJson || JsonNode.Parse(trial.Payload) is not JsonNode root)
        {
            return trial;
        }

        var reasons = trial.Reasons();
        var attempts = 0;
        var progress = true;
        while (progress && attempts < 600)
        {
            progress = false;
            var current = JsonNode.Parse(trial.Payload)!;
            foreach (var candidate in Simplifications(current).ToList())
            {
                attempts++;
                var next = await TryAsync(candidate);
                if (!next.Agrees && next.Direction == trial.Direction && next.Reasons() is { Count: > 0 } found && found.IsSubsetOf(reasons))
                {
                    trial = next;
                    reasons = found;
                    progress = true;
                    break;
                }
            }
        }

        return trial;
    }

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The payload simplified one step: one member or item removed, or one string a character shorter.</summary>
    private static IEnumerable<string> Simplifications(JsonNode root)
    {
        var containers = new List<JsonNode>();
        Collect(root, containers);
        foreach (var container in containers)
        {
            var path = container.GetPath();
            var children = container is JsonObject obj
                ? obj.Select(static (p, i) => (Index: i, Value: p.Value)).ToList()
                : container.AsArray().Select(static (v, i) => (Index: i, Value: v)).ToList();
            foreach (var (index, value) in children)
            {
                yield return Change(root, path, index, remove: true, replacement: null);
                if (value is JsonValue text && text.TryGetValue<string>(out var s) && s.Length > 0)
                {
                    var runes = s.EnumerateRunes().ToList();
                    yield return Change(root, path, index, remove: false, string.Concat(runes.Take(runes.Count - 1)));
                    yield return Change(root, path, index, remove: false, string.Concat(runes.Skip(1)));
                }
            }
        }
    }

    private static string Change(JsonNode root, string containerPath, int index, bool remove, string? replacement)
    {
        var copy = root.DeepClone();
        var target = Find(copy, containerPath);
        if (target is JsonObject obj)
        {
            var key = obj.ElementAt(index).Key;
            if (remove)
            {
                obj.Remove(key);
            }
            else
            {
                obj[key] = replacement;
            }
        }
        else if (remove)
        {
            target.AsArray().RemoveAt(index);
        }
        else
        {
            target.AsArray()[index] = replacement;
        }

        return copy.ToJsonString(Relaxed);
    }

    private static void Collect(JsonNode? node, List<JsonNode> containers)
    {
        switch (node)
        {
            case JsonObject obj:
                containers.Add(obj);
                foreach (var (_, value) in obj)
                {
                    Collect(value, containers);
                }

                break;
            case JsonArray array:
                containers.Add(array);
                foreach (var item in array)
                {
                    Collect(item, containers);
                }

                break;
        }
    }

    private static JsonNode Find(JsonNode root, string path)
    {
        var node = root;
        foreach (Match segment in Segments.Matches(path))
        {
            node = segment.Groups["index"].Success
                ? node.AsArray()[int.Parse(segment.Groups["index"].Value, CultureInfo.InvariantCulture)]!
                : node.AsObject()[segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value.Replace("\\'", "'", StringComparison.Ordinal)]!;
        }

        return node;
    }

    private static readonly Regex Segments = new(@"\.(?<name>[A-Za-z0-9_]+)|\['(?<quoted>(?:[^'\\]|\\.)*)'\]|\[(?<index>\d+)\]", RegexOptions.CultureInvariant);
}
