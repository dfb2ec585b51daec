using System.Text.Json;
using Galaxy.Api.Contracts.Verification;

namespace Galaxy.Api.Contracts.Tests.RoundTrip;

/// <summary>
/// The operations the sample ports, declared with Galaxy's signatures over the contract types and described by our API
/// generator from Galaxy.Api.Contracts.dll, compared with Galaxy's document: every difference is listed below with its
/// reason, and any other fails the test.
/// </summary>
public sealed class OperationRoundTripTests
{
    /// <summary>The routers, as a host writes them (Galaxy's parameter names, defaults, constraints and descriptions).</summary>
    internal const string Routers = """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json;
        using Galaxy.Api.Contracts;
        using Galaxy.Api.Toolkit;
        using Microsoft.AspNetCore.Mvc;

        namespace Port;

        [ApiRouter("histories")]
        public sealed class HistoriesApi
        {
            /// <summary>Returns histories available to the current user.</summary>
            /// <param name="limit">The maximum number of items to return.</param>
            /// <param name="offset">Starts at the beginning skip the first ( offset - 1 ) items and begin returning at the Nth item</param>
            /// <param name="sort_by">Sort index by this specified attribute</param>
            /// <param name="sort_desc">Sort in descending order?</param>
            /// <param name="all">Whether all histories from other users in this Galaxy should be included. Only admins are allowed to query all histories.</param>
            /// <param name="deleted">Whether to return only deleted items.</param>
            /// <param name="order">String containing one of the valid ordering attributes followed (optionally) by '-asc' or '-dsc' for ascending and descending order respectively. Orders can be stacked as a comma-separated list of values.</param>
            /// <param name="view">View to be passed to the serializer</param>
            /// <param name="keys">Comma-separated list of keys to be passed to the serializer</param>
            /// <param name="run_as">The user ID that will be used to effectively make this API call. Only admins and designated users can make API calls on behalf of other users.</param>
            [Get("/api/histories")]
            public IReadOnlyList<HistorySummary> Index(
                GalaxyUser user,
                [Range(1, double.PositiveInfinity)] int? limit = null,
                [Range(0, double.PositiveInfinity)] int? offset = 0,
                bool show_own = true,
                bool show_published = true,
                bool show_shared = false,
                [AllowedValues("create_time", "name", "update_time", "username")] string sort_by = "update_time",
                bool sort_desc = true,
                string? search = null,
                bool? all = false,
                bool? deleted = false,
                GalaxyQueryFilters? filters = null,
                string? order = null,
                string? view = null,
                string? keys = null,
                [FromHeader(Name = "run-as")] GalaxyId? run_as = null)
                => throw new System.NotSupportedException();

            /// <summary>Creates a new history.</summary>
            /// <param name="view">View to be passed to the serializer</param>
            /// <param name="keys">Comma-separated list of keys to be passed to the serializer</param>
            /// <param name="run_as">The user ID that will be used to effectively make this API call. Only admins and designated users can make API calls on behalf of other users.</param>
            [Post("/api/histories")]
            public HistoryDetailed Create(GalaxyUser user, [FromJsonOrForm] Body_create_api_histories_post? payload = null, string? view = null, string? keys = null,
                [FromHeader(Name = "run-as")] GalaxyId? run_as = null)
                => throw new System.NotSupportedException();

            /// <summary>Returns the history with the given ID.</summary>
            /// <param name="history_id">The encoded database identifier of the History.</param>
            /// <param name="view">View to be passed to the serializer</param>
            /// <param name="keys">Comma-separated list of keys to be passed to the serializer</param>
            /// <param name="run_as">The user ID that will be used to effectively make this API call. Only admins and designated users can make API calls on behalf of other users.</param>
            [Get("/api/histories/{history_id}", OperationId = "history_api_histories__history_id__get")]
            public HistoryDetailed Show(GalaxyUser user, GalaxyId history_id, string? view = null, string? keys = null, [FromHeader(Name = "run-as")] GalaxyId? run_as = null)
                => throw new System.NotSupportedException();

            /// <summary>Updates the values for the history with the given ID.</summary>
            /// <param name="history_id">The encoded database identifier of the History.</param>
            /// <param name="payload">Object containing any of the editable fields of the history.</param>
            /// <param name="view">View to be passed to the serializer</param>
            /// <param name="keys">Comma-separated list of keys to be passed to the serializer</param>
            /// <param name="run_as">The user ID that will be used to effectively make this API call. Only admins and designated users can make API calls on behalf of other users.</param>
            [Put("/api/histories/{history_id}")]
            public HistoryDetailed Update(GalaxyUser user, GalaxyId history_id, [FromBody] JsonElement payload, string? view = null, string? keys = null,
                [FromHeader(Name = "run-as")] GalaxyId? run_as = null)
                => throw new System.NotSupportedException();

            /// <summary>Marks the history with the given ID as deleted.</summary>
            /// <param name="history_id">The encoded database identifier of the History.</param>
            /// <param name="view">View to be passed to the serializer</param>
            /// <param name="keys">Comma-separated list of keys to be passed to the serializer</param>
            /// <param name="run_as">The user ID that will be used to effectively make this API call. Only admins and designated users can make API calls on behalf of other users.</param>
            [Delete("/api/histories/{history_id}")]
            public HistoryDetailed Delete(GalaxyUser user, GalaxyId history_id, bool purge = false, [FromBody] DeleteHistoryPayload? payload = null,
                string? view = null, string? keys = null, [FromHeader(Name = "run-as")] GalaxyId? run_as = null)
                => throw new System.NotSupportedException();
        }

        [ApiRouter("configuration")]
        public static class ConfigurationApi
        {
            /// <summary>Return Galaxy version information: major/minor version, optional extra info</summary>
            [Get("/api/version", Public = true)]
            public static IReadOnlyDictionary<string, JsonElement> Version() => throw new System.NotSupportedException();
        }

        [ApiRouter("users")]
        public sealed class UsersApi
        {
            /// <summary>Return information about a specified or the current user. Only admin can see deleted or other users</summary>
            /// <param name="user_id">The ID of the user to get or 'current'.</param>
            /// <param name="deleted">Indicates if the user is deleted</param>
            /// <param name="run_as">The user ID that will be used to effectively make this API call. Only admins and designated users can make API calls on behalf of other users.</param>
            [Get("/api/users/{user_id}", OperationId = "get_user_api_users__user_id__get")]
            public DetailedUserModel Show(GalaxyUser user, string user_id, bool? deleted = null, [FromHeader(Name = "run-as")] GalaxyId? run_as = null)
                => throw new System.NotSupportedException();
        }

        [ApiRouter("datasets")]
        public sealed class DatasetsApi
        {
            /// <summary>Displays information about and/or content of a dataset.</summary>
            /// <param name="dataset_id">The ID of the History Dataset.</param>
            /// <param name="hda_ldda">The type of information about the dataset to be requested.</param>
            /// <param name="data_type">The type of information about the dataset to be requested. Each of these values may require additional parameters in the request and may return different responses.</param>
            /// <param name="view">View to be passed to the serializer</param>
            /// <param name="keys">Comma-separated list of keys to be passed to the serializer</param>
            /// <param name="run_as">The user ID that will be used to effectively make this API call. Only admins and designated users can make API calls on behalf of other users.</param>
            [Get("/api/datasets/{dataset_id}")]
            public HDADetailed Show(GalaxyUser user, GalaxyId dataset_id, DatasetSourceType hda_ldda = DatasetSourceType.Hda, RequestDataType? data_type = null,
                string? view = null, string? keys = null, [FromHeader(Name = "run-as")] GalaxyId? run_as = null)
                => throw new System.NotSupportedException();
        }
        """;

    /// <summary>The operations compared: Galaxy's method and path.</summary>
    public static TheoryData<string, string> Operations => new()
    {
        { "GET", "/api/histories" },
        { "POST", "/api/histories" },
        { "GET", "/api/histories/{history_id}" },
        { "PUT", "/api/histories/{history_id}" },
        { "DELETE", "/api/histories/{history_id}" },
        { "GET", "/api/version" },
        { "GET", "/api/users/{user_id}" },
        { "GET", "/api/datasets/{dataset_id}" },
    };

    /// <summary>Every accepted difference, with its reason.</summary>
    internal static readonly AllowedDifferences Allowed = new AllowedDifferences()
        .Allow("/paths/*/*/responses/200/content/application~1json/schema", "union",
            "Galaxy answers anyOf several views (detailed, summary, minimal; the serializer's view and keys choose at run time); a C# operation returns one type: the detailed view (the summary for the index)")
        .Allow("/paths/~1api~1histories/get/responses/200/content/application~1json/schema/items", "union",
            "the index returns summaries, Galaxy's default view, where Galaxy declares anyOf its three views")
        .Allow("/paths/~1api~1datasets~1{dataset_id}/get/responses/200/content/application~1json/schema", "type",
            "Galaxy declares no response schema for show (it depends on data_type); the port declares the detailed dataset it returns")
        .Allow("/paths/*/*/responses/200/content/application~1json/schema/**/properties/tags", "description",
            "tags is TagCollection, a list type: our generator describes collections inline, where a named list's description has no place")
        .Allow("/paths/*/*/responses/200/content/application~1json/schema/**/properties/tags/items", "pattern",
            "the tag pattern applies to TagCollection's items: C# attributes state constraints of members, not of list items")
        .Allow("/paths/~1api~1histories/get/parameters/q*/schema", "nullable",
            "q and qv are the toolkit's GalaxyQueryFilters (paired, checked for equal counts): two optional arrays; an absent array and null are the same in a query string")
        .Allow("/paths/~1api~1histories/get/parameters/q*/schema", "description",
            "GalaxyQueryFilters documents q and qv in its own words")
        .Allow("/paths/~1api~1histories/get/parameters/search/schema", "description",
            "XML documentation collapses whitespace, so Galaxy's markdown description of search (headings, line breaks) cannot be reproduced through a <param> comment; the port leaves it out")
        .Allow("/paths/~1api~1histories/post/requestBody/content/application~1json", "extra",
            "the port takes JSON as well as the form Galaxy documents: Galaxy's clients (BioBlend) post JSON, which Galaxy's server accepts too")
        .Allow("/paths/~1api~1histories/post/requestBody/content/multipart~1form-data", "extra",
            "[FromJsonOrForm] also reads multipart forms")
        .Allow("/paths/~1api~1histories/post/requestBody/content/*/schema", "nullable",
            "the optional form body is a nullable parameter in C#, stated as anyOf [Body, null]; both documents say requestBody.required = false")
        .Allow("/paths/~1api~1users~1{user_id}/get/parameters/user_id/schema", "union",
            "user_id is an encoded id or 'current': a string parameter in C# (the operation decodes it)");

    private static readonly Lazy<(GeneratorRun Run, JsonDocument Ours, JsonDocument Galaxy)> Documents = new(() =>
    {
        var run = ContractsHarness.RunApi(Routers);
        return (run, JsonDocument.Parse(run.Document), GalaxyOpenApi.Load());
    });

    [Fact]
    public void The_routers_compile_without_diagnostics()
        => Assert.Empty(Documents.Value.Run.Problems);

    [Theory]
    [MemberData(nameof(Operations))]
    public void The_operation_says_what_Galaxy_says_except_the_listed_differences(string method, string path)
    {
        var (_, ours, galaxy) = Documents.Value;
        var differences = new ContractComparer(galaxy.RootElement, ours.RootElement).CompareOperation(method, path);

        TestContext.Current.TestOutputHelper?.WriteLine(Allowed.Describe(differences));
        var unexplained = Allowed.Unexplained(differences);
        Assert.True(unexplained.Count == 0, $"{method} {path}: {unexplained.Count} difference(s) not listed as allowed:\n{string.Join("\n", unexplained)}");
    }

    [Fact]
    public void Every_allowed_difference_still_occurs()
    {
        var (_, ours, galaxy) = Documents.Value;
        var comparer = new ContractComparer(galaxy.RootElement, ours.RootElement);
        var unmatched = Allowed.Unmatched(Operations.SelectMany(row => comparer.CompareOperation(row.Data.Item1, row.Data.Item2)));

        Assert.True(unmatched.Count == 0, "No difference matches these allowed rules; remove them:\n" + string.Join("\n", unmatched.Select(static r => $"{r.Kind} at {r.Pattern}")));
    }
}
