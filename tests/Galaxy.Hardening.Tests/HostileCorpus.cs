using System.Text;
using CsCheck;

namespace Galaxy.Hardening.Tests;

/// <summary>An operation of the sample: modern (generated handlers) or forwarded to the legacy app.</summary>
public sealed record Operation(string Method, string Template, bool Legacy, string? BodyExample, string[] QueryNames)
{
    public string Name => $"{Method} {Template}";

    public bool TakesBody => BodyExample is not null;

    public bool TakesId => Template.Contains('{', StringComparison.Ordinal);
}

/// <summary>
/// The hostile requests of one run: a fixed corpus per category plus cases drawn from CsCheck generators with one seed,
/// so that a run is replayed exactly by its seed.
/// </summary>
public sealed class HostileCorpus
{
    private readonly PCG _pcg;
    private readonly HardeningHost _host;
    private readonly List<HostileRequest> _requests = [];

    public static readonly Operation[] Operations =
    [
        new("GET", "/api/histories", false, null, ["q", "qv", "deleted", "limit", "offset", "order", "view", "keys"]),
        new("POST", "/api/histories", false, """{"name": "fuzz"}""", ["view", "keys"]),
        new("GET", "/api/histories/{id}", false, null, ["view", "keys"]),
        new("PUT", "/api/histories/{id}", false, """{"name": "fuzz", "annotation": "a", "tags": ["t"], "published": false}""", ["view", "keys"]),
        new("DELETE", "/api/histories/{id}", false, """{"purge": false}""", ["purge", "view", "keys"]),
        new("GET", "/api/version", false, null, []),
        new("GET", "/api/users/{user_id}", false, null, ["deleted"]),
        new("GET", "/api/datasets/{id}", false, null, ["hda_ldda", "view", "keys"]),
        new("GET", "/api/tools", true, null, ["in_panel", "q"]),
        new("POST", "/api/tools", true, """{"tool_id": "cat1", "history_id": "{history}"}""", []),
        new("GET", "/api/histories/{id}/contents", true, null, ["q", "qv", "deleted", "visible", "limit", "offset", "order"]),
    ];

    private static readonly Operation[] BodyOperations = [.. Operations.Where(o => o.TakesBody)];
    private static readonly Operation[] IdOperations = [.. Operations.Where(o => o.TakesId)];

    /// <summary>Members each body operation reads, for wrong types and big strings.</summary>
    private static readonly Dictionary<string, string[]> Members = new()
    {
        ["POST /api/histories"] = ["name", "history_id", "all_datasets", "archive_source", "archive_type"],
        ["PUT /api/histories/{id}"] = ["name", "annotation", "tags", "published", "importable", "deleted", "purged", "genome_build"],
        ["DELETE /api/histories/{id}"] = ["purge"],
        ["POST /api/tools"] = ["tool_id", "history_id", "inputs", "tool_version"],
    };

    private static readonly string[] JsonValues =
    [
        "0", "-1", "1.5", "1e308", "-1e-308", "1e999999", "18446744073709551616", "-9223372036854775809", "true", "false", "null",
        "[]", "{}", "\"\"", "\"x\"", "\"True\"", "\"1\"", "[1, \"a\", null]", "{\"a\": 1}", "[[]]", "\"\\u0000\"", "\"\\ud800\"",
        "\"f2db41e1fa331b3e\"", "[\"f2db41e1fa331b3e\"]", "{\"$ref\": \"#\"}", "\"<script>alert(1)</script>\"",
    ];

    private static readonly string[] MalformedJson =
    [
        "", " ", "\n", "{", "}", "[", "]", "{\"name\":}", "{\"name\": \"x\",}", "{'name': 'x'}", "{name: \"x\"}", "[1, 2",
        "\"unterminated", "{\"a\": 1}{\"b\": 2}", "{\"name\": \"x\"} trailing", "NaN", "Infinity", "-Infinity", "undefined",
        "{\"name\": \"\\u00\"}", "{\"name\": \"\\x41\"}", "// comment\n{}", "{\"name\": \"x\" /* c */}", "\uFEFF{}",
        "{\"name\": 01}", "{\"name\": -}", "{\"name\": .5}", "{\"name\": +1}", "{\"name\": 0x10}", "{\"name\": \"a\nb\"}",
        "{\"name\": \"a\tb\"}", "{\"name\"  \"x\"}", "{\"name\": \"x\" \"y\"}", "{,}", "[,]", "{\"a\":1,,\"b\":2}", "nul",
        "tru", "fals", "{\"name\": tru}", "{\"name\": \"x\"", "{\"name\": [}", "{\"name\": {]}", "\"\\", "{\"\\", "\0",
        "{\"name\": \"x\"}\0", "{\"name\":\"x\",\"name\":\"y\"}", "{\"tags\": [\"a\",]}", "[\"a\" \"b\"]",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
        "multipart/form-data; boundary=xyz", "multipart/form-data; boundary=", "application/json; charset=utf-16",
        "application/json; charset=iso-8859-1", "application/json; charset=bogus", "application/json;;;", "application/*", "*/*",
        "json", "", " ", "application/json\t", "application/jsonx", "APPLICATION/JSON", "application/vnd.api+json",
        "application/json; charset=\"utf-8\"", "application/octet-stream", "text/json", "application/json, text/plain",
        "a/b/c", ";", "application/json; boundary=x; charset=utf-8; q=0.1", "text/html; charset=utf-7", "image/png",
    ];

    private static readonly string[] BadIds =
    [
        " ", "0", "-1", "1", "f2db41e1fa331b3", "f2db41e1fa331b3e0", "zzzzzzzzzzzzzzzz", "F2DB41E1FA331B3E",
        "ffffffffffffffff", "0000000000000000", "ffffffffffffffffffffffffffffffff", "null", "undefined", "current", "None",
        "%00", "%20", "%2e", "%2e%2e", "%C3%A4%C3%B6%C3%BC", "%F0%9F%98%80", "1%3BDROP%20TABLE%20histories", "%27%20OR%201%3D1%20--",
        "%24%7Bjndi%3Aldap%3A%2F%2Fx%7D", "%3Cscript%3E", "f2db41e1fa331b3e%00", "f2db41e1fa331b3e%20", "+f2db41e1fa331b3e",
        "0xf2db41e1fa331b3e", "f2db41e1-fa33-1b3e", "%FF%FE", "%C0%AF", "9223372036854775808", "-9223372036854775809",
        "1e10", "NaN", "true", "%5B%5D", "%7B%7D", "a%0Ab", "a%0D%0AX-Injected:%201",
    ];

    public HostileCorpus(HardeningHost host, ulong seed)
    {
        _host = host;
        _pcg = new PCG(1, seed);
    }

    public IReadOnlyList<HostileRequest> Requests => _requests;

    private T Draw<T>(Gen<T> gen) => gen.Generate(_pcg, null, out _);

    private T Pick<T>(IReadOnlyList<T> items) => items[Draw(Gen.Int[0, items.Count - 1])];

    private bool Chance(int percent) => Draw(Gen.Int[0, 99]) < percent;

    private string ValidHistory => Pick(_host.HistoryIds);

    /// <summary>The operation's path with valid ids (or <paramref name="id"/>, escaped already).</summary>
    private string Path(Operation operation, string? id = null)
        => operation.Template
            .Replace("{user_id}", id ?? (Chance(50) ? "current" : _host.AdminUserId), StringComparison.Ordinal)
            .Replace("{id}", id ?? (operation.Template.StartsWith("/api/datasets", StringComparison.Ordinal) ? _host.DatasetId : ValidHistory), StringComparison.Ordinal);

    private string ExampleBody(Operation operation) => operation.BodyExample!.Replace("{history}", ValidHistory, StringComparison.Ordinal);

    private void Add(string category, Operation operation, string? target = null, byte[]? body = null, string? contentType = "application/json",
        bool chunked = false, Func<byte[]>? largeBody = null, IReadOnlyList<KeyValuePair<string, string>>? headers = null, bool kestrel = false)
        => _requests.Add(new HostileRequest
        {
            Category = category,
            Operation = operation.Name,
            Method = operation.Method,
            Target = target ?? Path(operation),
            Body = body,
            // A NUL in the path (%00) is refused by Kestrel itself.
            KestrelMayReject = kestrel || (target ?? "").Split('?')[0].Contains("%00", StringComparison.Ordinal),
            LargeBody = largeBody,
            ContentType = body is null && largeBody is null ? null : contentType,
            Chunked = chunked,
            Headers = headers ?? [],
        });

    private void AddRaw(string category, Operation operation, string method, string target, IEnumerable<string> headers, byte[]? body = null,
        string? forbiddenHeader = null)
        => _requests.Add(new HostileRequest
        {
            Category = category,
            Operation = operation.Name,
            Method = method,
            Target = target,
            Raw = RawRequest(method, target, headers, body),
            KestrelMayReject = true,
            ForbiddenResponseHeader = forbiddenHeader,
        });

    /// <summary>Request line and headers are written as given (Latin-1: one byte per char), then the body.</summary>
    private byte[] RawRequest(string method, string target, IEnumerable<string> headers, byte[]? body)
    {
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        head.Append("\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. body ?? []];
    }

    private IEnumerable<string> StandardHeaders(byte[]? body, string? contentType = "application/json")
    {
        yield return $"Host: 127.0.0.1:{_host.Address.Port}";
        yield return "x-api-key: " + HardeningHost.AdminApiKey;
        yield return "Connection: close";
        if (body is not null)
        {
            if (contentType is not null)
            {
                yield return "Content-Type: " + contentType;
            }

            yield return "Content-Length: " + body.Length;
        }
    }

    private Operation BodyTarget() => Chance(85) ? Pick(BodyOperations) : Pick(Operations);

    /// <summary>Builds every category's requests.</summary>
    public HostileCorpus Build()
    {
        MalformedAndTruncatedJson(1500);
        WrongTypes(1500);
        LargeStrings(120);
        DeepNesting(200);
        OverLimit();
        InvalidUtf8(800);
        BadIdsCategory(1500);
        QueryParameters(1500);
        ContentTypesCategory(1000);
        PathTricks(600);
        HeaderInjection(600);
        RandomBytes(1000);
        return this;
    }

    private void MalformedAndTruncatedJson(int count)
    {
        foreach (var operation in BodyOperations)
        {
            foreach (var text in MalformedJson)
            {
                Add("malformed_json", operation, body: Encoding.UTF8.GetBytes(text));
            }
        }

        var truncations = Gen.Double[0, 1];
        var edits = Gen.Char[(char)0, (char)127];
        while (_requests.Count(r => r.Category == "malformed_json") < count)
        {
            var operation = BodyTarget();
            var valid = operation.TakesBody ? ExampleBody(operation) : Pick(Operations.Where(o => o.TakesBody).ToList()).BodyExample!;
            string text;
            if (Chance(50))
            {
                // Truncated: a prefix of a valid body.
                text = valid[..(int)(Draw(truncations) * valid.Length)];
            }
            else
            {
                // One character replaced, inserted or removed.
                var chars = valid.ToList();
                var at = Draw(Gen.Int[0, chars.Count - 1]);
                switch (Draw(Gen.Int[0, 2]))
                {
                    case 0: chars[at] = Draw(edits); break;
                    case 1: chars.Insert(at, Draw(edits)); break;
                    default: chars.RemoveAt(at); break;
                }

                text = new string([.. chars]);
            }

            Add("malformed_json", operation, body: Encoding.UTF8.GetBytes(text));
        }
    }

    private void WrongTypes(int count)
    {
        foreach (var (operationName, members) in Members)
        {
            var operation = Operations.Single(o => o.Name == operationName);
            foreach (var member in members)
            {
                foreach (var value in JsonValues)
                {
                    Add("wrong_types", operation, body: Encoding.UTF8.GetBytes($"{{\"{member}\": {value}}}"));
                }
            }

            foreach (var value in JsonValues)
            {
                Add("wrong_types", operation, body: Encoding.UTF8.GetBytes(value));
            }
        }

        var valueGen = Gen.OneOf<string>(Gen.OneOf(JsonValues), Gen.Long.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Double.Select(v => double.IsFinite(v) ? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "0"),
            Gen.String[Gen.Char.AlphaNumeric, 0, 20].Select(s => $"\"{s}\""));
        while (_requests.Count(r => r.Category == "wrong_types") < count)
        {
            var operation = BodyTarget();
            var members = Members.TryGetValue(operation.Name, out var known) ? known : Members["PUT /api/histories/{id}"];
            var pairs = Draw(Gen.Int[1, 4]);
            var json = new StringBuilder("{");
            for (var i = 0; i < pairs; i++)
            {
                json.Append(i == 0 ? "" : ", ").Append($"\"{(Chance(90) ? Pick(members) : "unknown_" + i)}\": {Draw(valueGen)}");
            }

            Add("wrong_types", operation, body: Encoding.UTF8.GetBytes(json.Append('}').ToString()));
        }
    }

    private void LargeStrings(int count)
    {
        const int Megabyte = 1024 * 1024;
        var ascii = new string('a', Megabyte);
        var unicode = string.Concat(Enumerable.Repeat("é€😀", Megabyte / 9));
        var escapes = string.Concat(Enumerable.Repeat("\\u00e9", Megabyte / 6));
        var strings = new[] { ascii, unicode, escapes };
        for (var i = 0; i < count; i++)
        {
            var operation = i < 4 * BodyOperations.Length ? BodyOperations[i % BodyOperations.Length] : BodyTarget();
            var members = Members.TryGetValue(operation.Name, out var known) ? known : ["name"];
            var member = Pick(members);
            var text = Pick(strings);
            var asKey = Chance(10);
            var json = asKey ? $"{{\"{text}\": 1}}" : Chance(10) ? $"{{\"{member}\": [\"{text}\"]}}" : $"{{\"{member}\": \"{text}\"}}";
            var form = !asKey && operation.Name == "POST /api/histories" && Chance(20);
            Add("large_strings", operation, largeBody: form ? () => Encoding.UTF8.GetBytes("name=" + Uri.EscapeDataString(ascii)) : () => Encoding.UTF8.GetBytes(json),
                contentType: form ? "application/x-www-form-urlencoded" : "application/json");
        }

        // A 1 MB query value or header: over Kestrel's request-line and header limits (its own 414 and 431).
        AddRaw("large_strings", Operations[0], "GET", "/api/histories?order=" + ascii, StandardHeaders(null));
        AddRaw("large_strings", Operations[2], "GET", "/api/histories/" + new string('f', Megabyte), StandardHeaders(null));
        AddRaw("large_strings", Operations[5], "GET", "/api/version", [.. StandardHeaders(null), "x-galaxy-large: " + ascii]);
    }

    private void DeepNesting(int count)
    {
        static string Nest(int depth, string open, string close, string inner) => string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));
        for (var i = 0; i < count; i++)
        {
            var operation = BodyTarget();
            var depth = i % 4 == 0 ? 1000 : Draw(Gen.Int[65, 1000]);
            var nested = Draw(Gen.Int[0, 3]) switch
            {
                0 => Nest(depth, "[", "]", "1"),
                1 => Nest(depth, "{\"a\": ", "}", "1"),
                2 => Nest(depth, "[{\"name\": ", "}]", "\"x\""),
                _ => Nest(depth, "[", "]", ""),
            };
            var members = Members.TryGetValue(operation.Name, out var known) ? known : ["name"];
            var json = Chance(40) ? nested : $"{{\"{Pick(members)}\": {nested}}}";
            if (Chance(10))
            {
                json = json[..^Draw(Gen.Int[1, 50])]; // unclosed as well
            }

            Add("deep_nesting", operation, body: Encoding.UTF8.GetBytes(json));
        }
    }

    private void OverLimit()
    {
        // The JSON limit of the modern operations is 4 MiB (GalaxyApiOptions.MaxJsonBodyBytes); Kestrel's own, which the
        // legacy app keeps, is 30,000,000 bytes. Sent on a socket: the server may answer and close before the body is sent.
        const int Over = 4 * 1024 * 1024 + 1024;
        foreach (var operation in BodyOperations)
        {
            var size = operation.Legacy ? 31_000_000 : Over;
            var path = Path(operation);
            foreach (var chunked in new[] { false, true })
            {
                AddLarge(operation, operation.Method, path, "application/json", chunked, () => Encoding.UTF8.GetBytes("{\"name\": \"" + new string('a', size) + "\"}"));
            }

            // A length announced over the limit: refused from the header alone (the body follows only in part).
            _requests.Add(new HostileRequest
            {
                Category = "over_size_limit",
                Operation = operation.Name,
                Method = operation.Method,
                Target = path,
                Raw = RawRequest(operation.Method, path,
                    [$"Host: 127.0.0.1:{_host.Address.Port}", "x-api-key: " + HardeningHost.AdminApiKey, "Connection: close",
                     "Content-Type: application/json", "Content-Length: " + (operation.Legacy ? 40_000_000 : Over)], "{\"name\": \"a"u8.ToArray()),
                ExpectedStatus = 413,
            });
        }

        foreach (var chunked in new[] { false, true })
        {
            AddLarge(BodyOperations[0], "POST", "/api/histories", "application/x-www-form-urlencoded", chunked, () => Encoding.UTF8.GetBytes("name=" + new string('a', Over)));
        }

        // Bodies on GETs (the modern version, the forwarded tool list), over each limit.
        AddLarge(Operations[5], "GET", "/api/version", "application/json", false, () => new byte[Over]);
        AddLarge(Operations[8], "GET", "/api/tools", "application/json", false, () => new byte[31_000_000]);
    }

    /// <summary>A body over the limit, sent on a socket; 413 in Galaxy's format is expected unless the operation takes no body.</summary>
    private void AddLarge(Operation operation, string method, string path, string contentType, bool chunked, Func<byte[]> body)
    {
        var headers = new List<string> { $"Host: 127.0.0.1:{_host.Address.Port}", "x-api-key: " + HardeningHost.AdminApiKey, "Connection: close", "Content-Type: " + contentType };
        _requests.Add(new HostileRequest
        {
            Category = "over_size_limit",
            Operation = operation.Name,
            Method = method,
            Target = path,
            ExpectedStatus = operation.TakesBody ? 413 : null,
            LargeRaw = () =>
            {
                var bytes = body();
                if (!chunked)
                {
                    return RawRequest(method, path, [.. headers, "Content-Length: " + bytes.Length], bytes);
                }

                using var encoded = new MemoryStream();
                for (var at = 0; at < bytes.Length; at += 65536)
                {
                    var size = Math.Min(65536, bytes.Length - at);
                    encoded.Write(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
                    encoded.Write(bytes, at, size);
                    encoded.Write("\r\n"u8);
                }

                encoded.Write("0\r\n\r\n"u8);
                return RawRequest(method, path, [.. headers, "Transfer-Encoding: chunked"], encoded.ToArray());
            },
        });
    }

    private static readonly byte[][] InvalidSequences =
    [
        [0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x80],
        [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc3, 0x28], [0xc1, 0xbf],
    ];

    private void InvalidUtf8(int count)
    {
        var sequence = Gen.Int[0, InvalidSequences.Length - 1];
        var category = "invalid_utf8";
        var start = _requests.Count;
        while (_requests.Count - start < count)
        {
            var bad = InvalidSequences[Draw(sequence)];
            switch (Draw(Gen.Int[0, 5]))
            {
                case 0 or 1:
                {
                    // In a JSON string value, key, or between tokens.
                    var operation = BodyTarget();
                    var members = Members.TryGetValue(operation.Name, out var known) ? known : ["name"];
                    var member = Pick(members);
                    byte[] body = Draw(Gen.Int[0, 2]) switch
                    {
                        0 => [.. Encoding.UTF8.GetBytes($"{{\"{member}\": \"a"), .. bad, .. "b\"}"u8],
                        1 => [.. "{\""u8, .. bad, .. "\": \"x\"}"u8],
                        _ => [.. "{"u8, .. bad, .. Encoding.UTF8.GetBytes($"\"{member}\": \"x\"}}")],
                    };
                    Add(category, operation, body: body);
                    break;
                }

                case 2:
                {
                    // In a form body (percent-encoded and raw).
                    var raw = Chance(50);
                    byte[] body = raw ? [.. "name="u8, .. bad] : Encoding.ASCII.GetBytes("name=" + string.Concat(bad.Select(b => $"%{b:X2}")));
                    Add(category, BodyOperations[0], body: body, contentType: "application/x-www-form-urlencoded");
                    break;
                }

                case 3:
                {
                    // Percent-encoded in the query.
                    var operation = Pick(Operations);
                    var name = operation.QueryNames.Length > 0 ? Pick(operation.QueryNames) : "x";
                    Add(category, operation, target: Path(operation) + $"?{name}=" + string.Concat(bad.Select(b => $"%{b:X2}")));
                    break;
                }

                case 4:
                {
                    // Percent-encoded in an id.
                    var operation = Pick(IdOperations);
                    Add(category, operation, target: Path(operation, "f2db" + string.Concat(bad.Select(b => $"%{b:X2}"))));
                    break;
                }

                default:
                {
                    // Raw bytes in the request target or a header value (only a socket sends those).
                    var operation = Pick(Operations);
                    var body = operation.TakesBody ? Encoding.UTF8.GetBytes(ExampleBody(operation)) : null;
                    var latin = Encoding.Latin1.GetString(bad);
                    if (Chance(50))
                    {
                        AddRaw(category, operation, operation.Method, Path(operation) + (Chance(50) ? "?view=" + latin : latin), StandardHeaders(body), body);
                    }
                    else
                    {
                        AddRaw(category, operation, operation.Method, Path(operation), [.. StandardHeaders(body), "x-galaxy-note: " + latin], body);
                    }

                    break;
                }
            }
        }
    }

    private void BadIdsCategory(int count)
    {
        foreach (var operation in IdOperations)
        {
            foreach (var id in BadIds)
            {
                Add("bad_ids", operation, target: Path(operation, id),
                    body: operation.TakesBody ? Encoding.UTF8.GetBytes(ExampleBody(operation)) : null);
            }

            foreach (var length in new[] { 64, 256, 1024, 4096, 7000 })
            {
                Add("bad_ids", operation, target: Path(operation, new string('a', length)));
            }

            // Over Kestrel's request-line limit (8 KiB): its own 414.
            AddRaw("bad_ids", operation, operation.Method, Path(operation, new string('f', 9000)), StandardHeaders(null));
        }

        // Ids inside bodies and queries.
        foreach (var id in BadIds)
        {
            Add("bad_ids", Operations[9], body: Encoding.UTF8.GetBytes($"{{\"tool_id\": \"cat1\", \"history_id\": \"{Uri.UnescapeDataString(id).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"}}"));
        }

        var hex = Gen.String[Gen.Char["0123456789abcdef"], 1, 200];
        var sixteen = Gen.String[Gen.Char["0123456789abcdef"], 16, 16];
        var anything = Gen.String[Gen.Char.AlphaNumeric, 1, 64];
        var unicode = Gen.String[Gen.Char, 1, 20].Select(Uri.EscapeDataString);
        var start = _requests.Count(r => r.Category == "bad_ids");
        for (var i = start; i < count; i++)
        {
            var operation = Pick(IdOperations);
            var id = Draw(Gen.OneOf<string>(hex, sixteen, sixteen, anything, unicode));
            if (Chance(10) && operation.Name == "POST /api/tools")
            {
                Add("bad_ids", operation, body: Encoding.UTF8.GetBytes($"{{\"tool_id\": \"cat1\", \"history_id\": \"{id}\"}}"));
                continue;
            }

            Add("bad_ids", operation, target: Path(operation, id), body: operation.TakesBody ? Encoding.UTF8.GetBytes(ExampleBody(operation)) : null);
        }
    }

    private static readonly string[] QueryValues =
    [
        "", "x", "-1", "0", "1", "2147483648", "99999999999999999999", "True", "true", "FALSE", "maybe", "1.5", "NaN", "%00", "a,b",
        ",,,", "name-dsc", "update_time-asc,name", "name-sideways", "-dsc", "detailed", "summary", "bogus", "id,name", "hda", "ldda",
        "HDA", "name-contains", "name-eq", "deleted", "update_time-gt", "2026-13-45", "%27", "%22", "%3B", "%26", "%3D", "+", "%2B",
        "%C3%A9", "name%00", new string('z', 2000),
    ];

    private void QueryParameters(int count)
    {
        // Missing and mismatched values, the same key many times, keys without values.
        string[] fixedQueries =
        [
            "?q=name", "?qv=x", "?q=name&q=deleted&qv=x", "?q=&qv=", "?q=name-contains&qv=a&qv=b", "?limit", "?limit=", "?=x", "?&&&",
            "?limit=1&limit=x", "?limit=x&limit=1", "?offset=1&offset=-1", "?deleted=true&deleted=maybe", "?view=detailed&view=nonsense",
            "?keys=&keys=id", "?order=name-dsc&order=", "?q=deleted&qv=True&q=deleted&qv=maybe", "?key=", "?key=wrong",
            "?key=" + HardeningHost.AdminApiKey + "&key=wrong", "?purge=true&purge=nonsense", "?hda_ldda=hda&hda_ldda=xyz",
            "?in_panel=True&in_panel=maybe", "?in_panel=", "?visible=x", "?offset=99999999999999999999", "?limit=-99999999999999999999", "?q=" + new string('q', 3000) + "&qv=1",
            "?" + string.Join('&', Enumerable.Repeat("q=name&qv=a", 200)), "?" + string.Join('&', Enumerable.Repeat("limit=1", 500)),
        ];
        foreach (var operation in Operations)
        {
            foreach (var query in fixedQueries)
            {
                Add("query_params", operation, target: Path(operation) + query,
                    body: operation.TakesBody && operation.Method != "POST" ? Encoding.UTF8.GetBytes(ExampleBody(operation)) : null);
            }
        }

        var start = _requests.Count(r => r.Category == "query_params");
        for (var i = start; i < count; i++)
        {
            var operation = Pick(Operations);
            var names = operation.QueryNames.Concat(["q", "qv", "key", "x"]).ToArray();
            var pairs = Draw(Gen.Int[1, 6]);
            var query = new StringBuilder("?");
            for (var p = 0; p < pairs; p++)
            {
                var name = Pick(names);
                if (p > 0)
                {
                    query.Append('&');
                }

                query.Append(name);
                if (Chance(90))
                {
                    query.Append('=').Append(Chance(80) ? Pick(QueryValues) : Uri.EscapeDataString(Draw(Gen.String[Gen.Char, 0, 12])));
                }

                if (Chance(20))
                {
                    query.Append('&').Append(name).Append('=').Append(Pick(QueryValues));
                }
            }

            var body = operation.TakesBody && operation.Method != "POST" && Chance(70) ? Encoding.UTF8.GetBytes(ExampleBody(operation)) : null;
            Add("query_params", operation, target: Path(operation) + query, body: body);
        }
    }

    private void ContentTypesCategory(int count)
    {
        var start = _requests.Count;
        foreach (var operation in BodyOperations)
        {
            foreach (var contentType in ContentTypes)
            {
                Add("content_types", operation, body: Encoding.UTF8.GetBytes(ExampleBody(operation)), contentType: contentType);
            }

            Add("content_types", operation, body: Encoding.UTF8.GetBytes(ExampleBody(operation)), contentType: null);
            Add("content_types", operation, body: "name=x&name=y"u8.ToArray(), contentType: "application/x-www-form-urlencoded");
            Add("content_types", operation, body: "--xyz\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--xyz--\r\n"u8.ToArray(),
                contentType: "multipart/form-data; boundary=xyz");
            Add("content_types", operation, body: "--xyz\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx"u8.ToArray(),
                contentType: "multipart/form-data; boundary=xyz");
            Add("content_types", operation, body: "--xyz\r\nContent-Disposition: form-data; name=\"name\"; filename=\"a.txt\"\r\n\r\nx\r\n--xyz--\r\n"u8.ToArray(),
                contentType: "multipart/form-data; boundary=xyz");
            Add("content_types", operation, body: Encoding.Unicode.GetBytes(ExampleBody(operation)), contentType: "application/json; charset=utf-16");
            Add("content_types", operation, body: [], contentType: "application/json");
            Add("content_types", operation, body: [], contentType: null);
        }

        var typeGen = Gen.OneOf<string>(Gen.OneOf(ContentTypes), Gen.String[Gen.Char[(char)32, (char)126], 0, 40]);
        while (_requests.Count - start < count)
        {
            var operation = BodyTarget();
            var example = operation.TakesBody ? ExampleBody(operation) : "{}";
            var body = Draw(Gen.Int[0, 3]) switch
            {
                0 => Encoding.UTF8.GetBytes(example),
                1 => "name=fuzz&annotation=a"u8.ToArray(),
                2 => Encoding.UTF8.GetBytes($"<history><name>x</name></history>"),
                _ => Encoding.UTF8.GetBytes("name: x"),
            };
            Add("content_types", operation, body: body, contentType: Chance(10) ? null : Draw(typeGen));
        }
    }

    private static readonly string[] FixedPathTricks =
    [
        "/api/../api/version", "/api/histories/../version", "/api/./histories", "//api/version", "/api//histories", "/api/histories//",
        "/api/histories/{id}/../../version", "/api/histories/%2E%2E/version", "/api%2Fhistories", "/api/histories%2F{id}",
        "/api/histories/{id}%2Fcontents", "/api/histories/{id}/contents%2F..%2F..", "/api/tools/..", "/api/tools/%2e%2e/histories",
        "/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd", "/api/histories/..%5C..%5Cversion", "/api\\histories", "/api/histories/{id}/contents/",
        "/api/histories/{id}/%2e%2e/%2e%2e/users/current", "/api/users/..%2Fcurrent", "/api/datasets/%2F", "/api/histories/%00",
        "/api/histories/{id}%00", "/api/histories/{id};jsessionid=x", "/api/histories/{id}?", "/API/HISTORIES", "/api/Histories/{id}",
        "/api/histories/{id}/contents/../../", "/%61pi/version", "/api/versio%6E", "/api/version/", "/api/version/.", "/api/version%20",
        "/api/version%09", "/api/%2e/version", "/api/histories/%252F", "/api/histories/{id}/contents;/../..", "/api/version/..;/",
        "/api///////version", "/api/histories/{id}//contents", "/api/histories/{id}/contents//", "/./api/version", "/api/./././version",
        "/api/histories/.%2e/version", "/api/histories/{id}/contents/%2e%2e%2f%2e%2e%2fversion", "/api/%2F%2F/version", "/%2F/api/version",
        "/api/histories/{id}/contents%3F", "/api/histories/{id}/contents%23", "/api/histories/{id}/contents/%2e", "/api/users/current/..",
    ];

    private void PathTricks(int count)
    {
        var start = _requests.Count;
        string[] absoluteTargets = [$"http://127.0.0.1:{_host.Address.Port}/api/version", "http://evil.example/api/version", "*", "api/version",
            $"http://127.0.0.1:{_host.Address.Port}/api/../api/histories", "/api/version#fragment"];
        foreach (var operation in Operations)
        {
            var body = operation.TakesBody ? Encoding.UTF8.GetBytes(ExampleBody(operation)) : null;
            foreach (var trick in FixedPathTricks.Concat(absoluteTargets))
            {
                AddRaw("path_tricks", operation, operation.Method, trick.Replace("{id}", ValidHistory, StringComparison.Ordinal), StandardHeaders(body), body);
            }
        }

        string[] segments = ["api", "api", "histories", "histories", "..", ".", "", "%2F", "%2f", "%2e%2e", "%2E", "version", "tools", "contents",
            "{id}", "{id}", "users", "current", "datasets", "{dataset}", "%5C", "%00", ";", "%3B", "%252e%252e", "..;", "%20"];
        while (_requests.Count - start < count)
        {
            var operation = Pick(Operations);
            var path = "/" + string.Join('/', Enumerable.Range(0, Draw(Gen.Int[1, 7])).Select(_ => Pick(segments)))
                .Replace("{id}", ValidHistory, StringComparison.Ordinal).Replace("{dataset}", _host.DatasetId, StringComparison.Ordinal);
            var body = operation.TakesBody ? Encoding.UTF8.GetBytes(ExampleBody(operation)) : null;
            AddRaw("path_tricks", operation, operation.Method, path, StandardHeaders(body), body);
        }
    }

    private void HeaderInjection(int count)
    {
        var start = _requests.Count;
        var host = $"Host: 127.0.0.1:{_host.Address.Port}";
        var key = "x-api-key: " + HardeningHost.AdminApiKey;
        foreach (var operation in Operations)
        {
            var body = operation.TakesBody ? Encoding.UTF8.GetBytes(ExampleBody(operation)) : [];
            var length = "Content-Length: " + body.Length;
            const string Json = "Content-Type: application/json";
            const string Close = "Connection: close";
            var path = Path(operation);
            string[][] headerSets =
            [
                [host, key + "\nX-Injected: 1", Close, Json, length], // bare LF inside a value
                [host, key + "\rX-Injected: 1", Close, Json, length], // bare CR inside a value
                [host, key, "X-Note: a\r\n b", Close, Json, length], // obsolete line folding
                [host, key, "X-Note: a\0b", Close, Json, length], // NUL
                [host, key, "X-Note: a\x7fb", Close, Json, length], // DEL
                [host, "x-api-key : " + HardeningHost.AdminApiKey, Close, Json, length], // space before the colon
                [host, " x-api-key: " + HardeningHost.AdminApiKey, Close, Json, length], // leading space
                [host, "x api key: 1", key, Close, Json, length], // space in a name
                [host, "X-Note", key, Close, Json, length], // no colon
                [host, ": empty-name", key, Close, Json, length],
                [key, Close, Json, length], // no Host
                [host, host, key, Close, Json, length], // two Hosts
                [host + "\r\nX-Injected: 1", key, Close, Json, length],
                ["Host: evil.example\r\nX-Injected: 1", key, Close, Json, length],
                ["Host: 127.0.0.1:1/../x", key, Close, Json, length],
                [host, key, Close, Json, length, "Content-Length: " + (body.Length + 5)], // conflicting lengths
                [host, key, Close, Json, "Content-Length: -1"],
                [host, key, Close, Json, "Content-Length: 1x"],
                [host, key, Close, Json, "Content-Length: 99999999999999999999999"],
                [host, key, Close, Json, length, "Transfer-Encoding: chunked"], // length and chunked (smuggling)
                [host, key, Close, Json, "Transfer-Encoding: chunked, identity"],
                [host, key, Close, Json, "Transfer-Encoding: gzip"],
                [host, key, Close, Json, "Transfer-Encoding: xchunked"],
                [host, key, Close, "Content-Type: application/json\r\nContent-Type: text/plain", length],
                [host, key, Close, "Content-Type: application/json; charset=utf-8\r\nX-Injected: 1", length],
                [host, "x-api-key: " + HardeningHost.AdminApiKey + "%0d%0aX-Injected: 1", Close, Json, length],
                [host, "x-api-key: " + HardeningHost.AdminApiKey, "x-api-key: wrong", Close, Json, length], // duplicated key
                [host, "x-api-key: \xff\xfe", Close, Json, length],
                [host, key, Close, Json, length, "X-Forwarded-For: 1.2.3.4\r\nX-Injected: 1"],
                [host, key, Close, Json, length, "X-Forwarded-For: not-an-address, ,,, ::::"],
                [host, key, Close, Json, length, "X-Forwarded-Proto: javascript"],
                [host, key, Close, Json, length, "X-Forwarded-Host: evil.example\r\n"],
                [host, key, Close, Json, length, "X-Forwarded-Host: a\x01b"],
                [host, key, Close, Json, length, "X-Forwarded-Prefix: /evil"],
                [host, key, Close, Json, length, "Expect: 100-continue"],
                [host, key, Close, Json, length, "Expect: bogus"],
                [host, key, "Connection: close, Upgrade", "Upgrade: websocket", Json, length],
                [host, key, Close, Json, length, "Accept: \r\nX-Injected: 1"],
            ];
            foreach (var headers in headerSets)
            {
                AddRaw("header_injection", operation, operation.Method, path, headers, body, forbiddenHeader: "X-Injected");
            }

            // Chunked bodies, well and badly formed.
            var chunked = new List<string> { host, key, Close, Json, "Transfer-Encoding: chunked" };
            AddRaw("header_injection", operation, operation.Method, path, chunked, [.. Encoding.ASCII.GetBytes($"{body.Length:x}\r\n"), .. body, .. "\r\n0\r\n\r\n"u8]);
            AddRaw("header_injection", operation, operation.Method, path, chunked, [.. "zz\r\n"u8, .. body, .. "\r\n0\r\n\r\n"u8]);
            AddRaw("header_injection", operation, operation.Method, path, chunked, [.. "5\r\n"u8, .. body, .. "\r\n0\r\n\r\n"u8]);
            // Values carried into the answer: CR/LF percent-encoded in the query and the id.
            AddRaw("header_injection", operation, operation.Method, path + "?view=%0d%0aX-Injected:%201&keys=a%0aX-Injected:1", StandardHeaders(body.Length > 0 ? body : null), body, "X-Injected");
            if (operation.TakesId)
            {
                AddRaw("header_injection", operation, operation.Method, Path(operation, "%0d%0aX-Injected:%201"), StandardHeaders(body.Length > 0 ? body : null), body, "X-Injected");
            }
        }

        // Generated: one control or non-ASCII byte put into a header value (or name) of a valid request.
        var controls = Gen.OneOf('\r', '\n', '\0', '\x7f', '\x01', '\t', '\xff', '\x85', '\v', '\f');
        while (_requests.Count - start < count)
        {
            var operation = Pick(Operations);
            var body = operation.TakesBody ? Encoding.UTF8.GetBytes(ExampleBody(operation)) : null;
            var headers = StandardHeaders(body).ToList();
            headers.Add("X-Note: " + Draw(Gen.String[Gen.Char.AlphaNumeric, 1, 16]));
            var which = Draw(Gen.Int[0, headers.Count - 1]);
            var at = Draw(Gen.Int[0, headers[which].Length]);
            var injected = Draw(controls) + (Chance(50) ? "X-Injected: 1" : "");
            headers[which] = headers[which].Insert(at, injected);
            AddRaw("header_injection", operation, operation.Method, Path(operation), headers, body, "X-Injected");
        }
    }

    private void RandomBytes(int count)
    {
        var bytes = Gen.Byte.Array[0, 4096];
        var contentType = Gen.OneOf<string?>("application/json", "application/json", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz", "application/octet-stream", null);
        for (var i = 0; i < count; i++)
        {
            var operation = BodyTarget();
            var body = Draw(bytes);
            if (Chance(20) && body.Length > 0)
            {
                // Random bytes after a valid start, as a broken upload would end.
                var example = Encoding.UTF8.GetBytes(operation.TakesBody ? ExampleBody(operation) : "{}");
                body = [.. example.AsSpan(0, Draw(Gen.Int[0, example.Length - 1])), .. body];
            }

            Add("random_bytes", operation, body: body, contentType: Draw(contentType));
        }
    }
}
