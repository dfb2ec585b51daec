using Galaxy.Api.Toolkit.Tests.Behaviour;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Galaxy.Api.Toolkit.Tests.Differential;

/// <summary>
/// Differential tests of the generated request validation against the served OpenAPI document: CsCheck draws payloads
/// (valid, on the bounds, invalid) from each body's documented schema; each goes to the server over HTTP and to
/// NJsonSchema with the operation's request body schema from <c>/api/openapi.json</c> (read as JSON Schema 2020-12
/// reads it where NJsonSchema departs from it, see <see cref="SpecValidator"/>). The verdicts must agree: 2xx exactly
/// when the schema holds, 400 with 400003/400007/400008 exactly when it does not; any other answer fails. Each test
/// writes its counts and one minimised payload per kind of disagreement to the test output.
/// </summary>
public sealed class RequestBodyDifferentialTests(BehaviourHost host) : IClassFixture<BehaviourHost>
{
    private const int Payloads = 2000;

    [Fact]
    public Task Registration_bodies_get_the_documented_verdicts()
        => RunAsync("/behaviour/validation/register", BodyGens.RegistrationBody);

    [Fact]
    public Task Draft_bodies_get_the_documented_verdicts()
        => RunAsync("/behaviour/bodies/json", BodyGens.DraftBody);

    [Fact]
    public Task Payload_bodies_get_the_documented_verdicts()
        => RunAsync("/behaviour/body", BodyGens.PayloadBody);

    private async Task RunAsync(string path, CsCheck.Gen<string> payloads)
    {
        var document = await ServedDocument.LoadAsync(host.Client);

        // No member of these bodies carries a rule the schema cannot state: every rule is the schema's to judge.
        Assert.Empty(document.UnexpressedRules("POST", path));

        await new DifferentialRun(host.Client, path, await document.JudgeAsync("POST", path)).RunAsync(payloads, Payloads);
    }

    [Fact]
    public async Task The_judge_resolves_the_served_schemas()
    {
        var document = await ServedDocument.LoadAsync(host.Client);
        var registration = await document.JudgeAsync("POST", "/behaviour/validation/register");

        // The body's $ref, a nested $ref under anyOf with {"type": "null"}, and a $ref as array items all resolve.
        var schema = registration.ResolvedSchema;
        Assert.Equal("Registration", schema.Title);
        Assert.Contains("name", schema.RequiredProperties);
        var address = schema.ActualProperties["address"].ActualSchema;
        Assert.Equal(2, address.AnyOf.Count);
        Assert.Contains(address.AnyOf, static s => s.ActualSchema.Title == "Address");
        Assert.Contains(address.AnyOf, static s => s.Type == JsonObjectType.Null);
        Assert.Equal("Address", schema.ActualProperties["previous"].ActualSchema.Item!.ActualSchema.Title);

        // Each resolved constraint is applied, also under anyOf and in array items.
        Assert.True(registration.Judge("""{"name": "abc", "address": null, "previous": [{"zip": "12345"}]}""").Valid);
        Assert.Equal(ValidationErrorKind.PropertyRequired, Assert.Single(registration.Judge("""{"seats": 3}""").Errors).Kind);
        Assert.False(registration.Judge("""{"name": "abc", "address": {"zip": "123456"}}""").Valid);
        Assert.False(registration.Judge("""{"name": "abc", "address": {}}""").Valid);
        Assert.False(registration.Judge("""{"name": "abc", "previous": [{"zip": "1"}, {"zip": "123456"}]}""").Valid);
        Assert.False(registration.Judge("""{"name": "abc", "previous": [null]}""").Valid);
        Assert.False(registration.Judge("""{"name": "abc", "tags": ["a", null]}""").Valid);
        Assert.False(registration.Judge("""{"name": "abc", "ratio": 0}""").Valid);
        Assert.True(registration.Judge("""{"name": "abc", "ratio": 1e-9}""").Valid);
        Assert.False(registration.Judge("""{"name": "abc", "login": "root"}""").Valid);
        Assert.True(registration.Judge("""{"name": "abc", "login": null, "extra": {"any": [1]}}""").Valid);
        Assert.False(registration.Judge("""{"name": "abc",}""").Valid);

        // Formats are checked (NJsonSchema's own rules; the generators keep to values both sides judge alike).
        Assert.True(registration.Judge("""{"name": "abc", "email": "alice@example.org", "homepage": "https://example.org", "avatar": "QUJD"}""").Valid);
        Assert.Contains(ValidationErrorKind.EmailExpected, SchemaVerdict.Leaves(registration.Judge("""{"name": "abc", "email": "alice@"}""").Errors).Select(static e => e.Kind));
        Assert.Contains(ValidationErrorKind.UriExpected, SchemaVerdict.Leaves(registration.Judge("""{"name": "abc", "homepage": "example.org"}""").Errors).Select(static e => e.Kind));
        Assert.Contains(ValidationErrorKind.Base64Expected, SchemaVerdict.Leaves(registration.Judge("""{"name": "abc", "avatar": "QUJ"}""").Errors).Select(static e => e.Kind));

        var draft = await document.JudgeAsync("POST", "/behaviour/bodies/json");
        Assert.True(draft.Judge("""{"display_name": "x", "shade": "dark_grey", "size": null, "tags": null}""").Valid);
        Assert.False(draft.Judge("""{"display_name": "x", "shade": "grey"}""").Valid);
        Assert.False(draft.Judge("""{"display_name": "x", "tags": ["a", null]}""").Valid);
    }

    [Fact]
    public async Task The_judge_reads_the_keywords_as_JSON_Schema_2020_12_does()
    {
        var document = await ServedDocument.LoadAsync(host.Client);
        var registration = await document.JudgeAsync("POST", "/behaviour/validation/register");
        var draft = await document.JudgeAsync("POST", "/behaviour/bodies/json");

        // Lengths count code points: "😀😀" is 2 long (NJsonSchema alone counts 4 UTF-16 code units).
        Assert.False(registration.Judge("""{"name": "😀😀"}""").Valid);
        Assert.True(registration.Judge("""{"name": "😀😀😀"}""").Valid);
        Assert.True(registration.Judge("""{"name": "😀😀😀😀😀😀😀😀😀😀😀😀"}""").Valid);

        // Patterns are ECMA-262: "$" is the end of the input only (NJsonSchema alone runs .NET's "$", which also
        // matches before a final "\n").
        Assert.True(registration.Judge("""{"name": "abc", "slug": "abc"}""").Valid);
        Assert.False(registration.Judge("""{"name": "abc", "slug": "abc\n"}""").Valid);
        Assert.Equal(@"[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]", EcmaPattern.Translate(@"\S"));
        Assert.Equal(@"^(?:[a-z]+)\z", EcmaPattern.Translate("^(?:[a-z]+)$"));
        Assert.Equal(@"^[0-9+ ]+\z", EcmaPattern.Translate("^[0-9+ ]+$"));

        // An enum applies to null too (NJsonSchema alone skips it): the document lists null for a nullable member.
        Assert.True(registration.Judge("""{"name": "abc", "size": null}""").Valid);
        Assert.False(registration.Judge("""{"name": "abc", "size": "medium"}""").Valid);
        Assert.True(registration.Judge("""{"name": "abc", "size": "large"}""").Valid);

        // An integer is a number with a zero fractional part, and format int32 bounds it.
        Assert.True(registration.Judge("""{"name": "abc", "seats": 3.0}""").Valid);
        Assert.False(registration.Judge("""{"name": "abc", "seats": 3.5}""").Valid);
        Assert.True(draft.Judge("""{"display_name": "x", "item_count": 2147483647}""").Valid);
        Assert.False(draft.Judge("""{"display_name": "x", "item_count": 2147483648}""").Valid);
        Assert.False(draft.Judge("""{"display_name": "x", "size": -2147483649}""").Valid);
    }
}

/// <summary>The differential test of a body with a user's FluentValidation validator.</summary>
public sealed class FluentBodyDifferentialTests(FluentHost host) : IClassFixture<FluentHost>
{
    private const string Path = "/behaviour/fluent/signup";

    [Fact]
    public async Task Signup_bodies_get_the_documented_verdicts()
    {
        var document = await ServedDocument.LoadAsync(host.Client);

        // The generators keep to values the hidden rules accept, for exactly the members the document marks.
        Assert.Equal(BodyGens.SignupHiddenRefusals.Keys.Order(StringComparer.Ordinal), document.UnexpressedRules("POST", Path));

        await new DifferentialRun(host.Client, Path, await document.JudgeAsync("POST", Path)).RunAsync(BodyGens.SignupBody, 2000);
    }
}
