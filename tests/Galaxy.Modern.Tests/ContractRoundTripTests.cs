using System.Reflection;
using System.Text.Json;
using Galaxy.Api.Contracts.Verification;

namespace Galaxy.Modern.Tests;

/// <summary>
/// The sample's own compile-time document (openapi.json beside Galaxy.Modern.dll, written by the build) against Galaxy's,
/// for every operation the sample ports: path, method, parameters, request body and 200 response, compared by
/// <see cref="ContractComparer"/>. Every accepted difference is listed below with its reason; any other fails.
/// </summary>
public sealed class ContractRoundTripTests
{
    private const string RunAs = "the sample does not implement run-as (acting on behalf of another user): Galaxy's header is optional, and without it both serve the caller";
    private const string Views = "Galaxy answers anyOf its serializer's views (view and keys choose at run time); a C# operation returns one type: the detailed view, the summary for the index";
    private const string NotImplemented = "a Galaxy index parameter the sample does not implement (its index filters with q/qv, deleted, limit, offset and order)";

    /// <summary>
    /// The operations the sample ports, read from its document: all but those the legacy manifest added (marked
    /// <c>x-galaxy-legacy</c>). A newly ported operation is compared as soon as the sample declares it.
    /// </summary>
    public static TheoryData<string, string> Operations
    {
        get
        {
            var operations = new TheoryData<string, string>();
            foreach (var path in Documents.Value.Sample.RootElement.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject().Where(static o => !o.Value.TryGetProperty("x-galaxy-legacy", out _)))
                {
                    operations.Add(operation.Name.ToUpperInvariant(), path.Name);
                }
            }

            return operations;
        }
    }

    /// <summary>Every accepted difference, with its reason.</summary>
    internal static readonly AllowedDifferences Allowed = new AllowedDifferences()
        // Every operation.
        .Allow("/paths/*/*/parameters/run-as", "missing", RunAs)
        .Allow("/paths/*/*/responses/200/content/application~1json/schema", "union", Views)
        .Allow("/paths/~1api~1histories/get/responses/200/content/application~1json/schema/items", "union", Views)
        .Allow("/paths/*/*/responses/200/content/application~1json/schema/**/properties/tags", "description",
            "tags is TagCollection, a list type: our generator describes collections inline, where a named list's description has no place")
        .Allow("/paths/*/*/responses/200/content/application~1json/schema/**/properties/tags/items", "pattern",
            "the tag pattern applies to TagCollection's items: C# attributes state constraints of members, not of list items")
        // GET /api/histories.
        .Allow("/paths/~1api~1histories/get/parameters/show_*", "missing", NotImplemented)
        .Allow("/paths/~1api~1histories/get/parameters/sort_*", "missing", NotImplemented + "; order gives the sort")
        .Allow("/paths/~1api~1histories/get/parameters/search", "missing", NotImplemented)
        .Allow("/paths/~1api~1histories/get/parameters/all", "missing", NotImplemented + "; every user sees their own histories, admins included")
        .Allow("/paths/~1api~1histories/get/parameters/offset/schema", "default",
            "offset is a nullable int read as 0 when absent: the same behaviour, without a stated default")
        .Allow("/paths/~1api~1histories/get/parameters/deleted/schema", "default",
            "deleted is a nullable bool; absent, deleted histories are left out as with Galaxy's default false, but no default is stated")
        .Allow("/paths/~1api~1histories/get/parameters/q*/schema", "nullable",
            "q and qv are the toolkit's GalaxyQueryFilters (paired, checked for equal counts): two optional arrays; an absent array and null are the same in a query string")
        .Allow("/paths/~1api~1histories/get/parameters/q*/schema", "description", "GalaxyQueryFilters documents q and qv in its own words")
        // POST /api/histories.
        .Allow("/paths/~1api~1histories/post/requestBody/content/application~1json", "extra",
            "the sample takes JSON as well as the form Galaxy documents: Galaxy's clients (BioBlend) post JSON, which Galaxy's server accepts too")
        .Allow("/paths/~1api~1histories/post/requestBody/content/multipart~1form-data", "extra", "[FromJsonOrForm] also reads multipart forms")
        .Allow("/paths/~1api~1histories/post/requestBody/content/*/schema", "nullable",
            "the optional form body is a nullable parameter in C#, stated as anyOf [Body, null]; both documents say requestBody.required = false")
        .Allow("/paths/~1api~1histories/post/requestBody/content/*/schema", "description", "the sample describes its body (JSON or form); Galaxy does not")
        // DELETE /api/histories/{history_id}.
        .Allow("/paths/~1api~1histories~1{history_id}/delete/parameters/purge/schema", "description", "the sample documents purge; Galaxy leaves it undescribed")
        .Allow("/paths/~1api~1histories~1{history_id}/delete/requestBody/content/application~1json/schema", "description",
            "the sample documents the optional body; Galaxy leaves it undescribed")
        // GET /api/version.
        .Allow("/paths/~1api~1version/get/responses/200/content/application~1json/schema", "description",
            "Galaxy's response is an untyped object; the sample's is a record with its own description")
        .Allow("/paths/~1api~1version/get/responses/200/content/application~1json/schema/properties/version_*", "extra",
            "Galaxy declares the version as an untyped object; the sample states the two members both write")
        .Allow("/paths/~1api~1version/get/responses/200/content/application~1json/schema/required/version_*", "required",
            "the sample always writes version_major and version_minor, so its document lists them as required")
        // GET /api/datasets/{dataset_id}.
        .Allow("/paths/~1api~1datasets~1{dataset_id}/get/parameters/data_type", "missing",
            "the sample serves the dataset's information only, not the other data types Galaxy answers here")
        .Allow("/paths/~1api~1datasets~1{dataset_id}/get/responses/200/content/application~1json/schema", "type",
            "Galaxy declares no response schema for show (it depends on data_type); the sample declares the detailed dataset it returns")
        // GET /api/users/{user_id}.
        .Allow("/paths/~1api~1users~1{user_id}/get/parameters/user_id/schema", "union",
            "user_id is an encoded id or 'current': a string parameter in C# (the operation decodes it)");

    private static readonly Lazy<(JsonDocument Sample, JsonDocument Galaxy)> Documents = new(() =>
    {
        var file = typeof(ContractRoundTripTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(static a => a.Key == "SampleDocumentFile").Value!;
        return (JsonDocument.Parse(File.ReadAllBytes(file)), GalaxyOpenApi.Load());
    });

    [Theory]
    [MemberData(nameof(Operations))]
    public void The_sample_s_operation_says_what_Galaxy_says_except_the_listed_differences(string method, string path)
    {
        var differences = Compare(method, path);

        TestContext.Current.TestOutputHelper?.WriteLine(Allowed.Describe(differences));
        var unexplained = Allowed.Unexplained(differences);
        Assert.True(unexplained.Count == 0, $"{method} {path}: {unexplained.Count} difference(s) not listed as allowed:\n{string.Join("\n", unexplained)}");
    }

    [Fact]
    public void The_sample_ports_eight_of_Galaxy_s_operations()
    {
        var (_, galaxy) = Documents.Value;

        Assert.Equal(8, Operations.Count);
        Assert.All(Operations, row => Assert.True(
            galaxy.RootElement.GetProperty("paths").TryGetProperty(row.Data.Item2, out var item) && item.TryGetProperty(row.Data.Item1.ToLowerInvariant(), out _),
            $"{row.Data.Item1} {row.Data.Item2} is not an operation of Galaxy's document"));
    }

    [Fact]
    public void Every_allowed_difference_still_occurs()
    {
        var unmatched = Allowed.Unmatched(Operations.SelectMany(static row => Compare(row.Data.Item1, row.Data.Item2)));

        Assert.True(unmatched.Count == 0, "No difference matches these allowed rules; remove them:\n" + string.Join("\n", unmatched.Select(static r => $"{r.Kind} at {r.Pattern}")));
    }

    private static IReadOnlyList<ContractDifference> Compare(string method, string path)
    {
        var (sample, galaxy) = Documents.Value;
        return new ContractComparer(galaxy.RootElement, sample.RootElement).CompareOperation(method, path);
    }
}
