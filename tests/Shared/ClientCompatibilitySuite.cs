using System.Net.Http.Headers;
using System.Text.Json;
using Galaxy.Api.Toolkit.Ids;
using Galaxy.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Samples.Tests;

/// <summary>
/// Each call of GALAXY-API.md, sent as Galaxy's clients send it (x-api-key and a JSON content type on every request),
/// and the errors those clients read. Compiled into the legacy and the modern test projects: one suite, both servers.
/// </summary>
public abstract class ClientCompatibilitySuite
{
    private static readonly GalaxyIdEncoder Ids = new(GalaxyIdEncoder.DefaultSecret);

    /// <summary>A client that sends the admin's key in <c>x-api-key</c> on every request.</summary>
    protected abstract HttpClient Client { get; }

    /// <summary>A client without a key.</summary>
    protected abstract HttpClient Anonymous { get; }

    /// <summary>The server's address (for clients with other keys).</summary>
    protected abstract Uri Address { get; }

    /// <summary>The admin's API key the server was given.</summary>
    protected abstract string AdminApiKey { get; }

    /// <summary>The server's services: its repositories write to the database the server reads.</summary>
    protected abstract IServiceProvider Services { get; }

    private T Service<T>()
        where T : notnull
        => Services.GetRequiredService<T>();

    private static string Unique(string stem) => stem + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<JsonElement> CreateHistoryAsync(string name)
        => await Client.OkAsync(HttpMethod.Post, "/api/histories", JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = name }));

    [Fact]
    public async Task Version_is_public_and_has_Galaxy_s_shape()
    {
        var (anonymous, body) = await Anonymous.SendAsync(HttpMethod.Get, "/api/version");
        var withKey = await Client.OkAsync(HttpMethod.Get, "/api/version");

        Assert.Equal(200, (int)anonymous.StatusCode);
        Assert.Equal("""{"version_major":"23.1","version_minor":"1"}""", body.GetRawText());
        Assert.Equal(body.GetRawText(), withKey.GetRawText());
    }

    [Fact]
    public async Task Current_user_has_exactly_Galaxy_s_keys_and_the_admin_id_decodes_with_the_default_secret()
    {
        var user = await Client.OkAsync(HttpMethod.Get, "/api/users/current");

        Assert.Equal(GalaxyKeys.User.Sorted(), user.Keys());
        Assert.Equal("f2db41e1fa331b3e", user.Text("id"));
        Assert.Equal(1, Ids.Decode(user.Text("id")).Value);
        Assert.Equal("admin", user.Text("username"));
        Assert.True(user.GetProperty("is_admin").GetBoolean());
        // Other tests upload datasets as the admin, so the figure varies; it must always match the byte count.
        Assert.Equal(GalaxyViews.NiceSize(user.GetProperty("total_disk_usage").GetInt64()), user.Text("nice_total_disk_usage"));
        Assert.Equal(JsonValueKind.Object, user.GetProperty("preferences").ValueKind);
    }

    [Fact]
    public async Task User_by_id_is_the_same_user_as_current()
    {
        var current = await Client.OkAsync(HttpMethod.Get, "/api/users/current");
        var byId = await Client.OkAsync(HttpMethod.Get, "/api/users/" + current.Text("id"));

        Assert.Equal(current.GetRawText(), byId.GetRawText());
    }

    [Fact]
    public async Task Create_history_from_JSON_answers_200_with_exactly_the_detailed_keys()
    {
        var name = Unique("created");
        var history = await CreateHistoryAsync(name);

        Assert.Equal(GalaxyKeys.HistoryDetailed.Sorted(), history.Keys());
        Assert.Equal(name, history.Text("name"));
        Assert.Equal("History", history.Text("model_class"));
        Assert.Equal("new", history.Text("state"));
        Assert.True(history.GetProperty("empty").GetBoolean());
        Assert.Equal("f2db41e1fa331b3e", history.Text("user_id"));
        Assert.Equal("admin", history.Text("username"));
        Assert.Equal($"/api/histories/{history.Text("id")}", history.Text("url"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", history.Text("create_time"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", history.Text("update_time"));
        Assert.True(Ids.Decode(history.Text("id")).Value > 0);
    }

    [Fact]
    public async Task Create_history_without_a_name_is_Unnamed_history()
    {
        var (empty, fromEmptyBody) = await Client.SendAsync(HttpMethod.Post, "/api/histories", string.Empty);
        var fromNull = await Client.OkAsync(HttpMethod.Post, "/api/histories", """{"name": null}""");

        Assert.Equal(200, (int)empty.StatusCode);
        Assert.Equal("Unnamed history", fromEmptyBody.Text("name"));
        Assert.Equal("Unnamed history", fromNull.Text("name"));
    }

    [Fact]
    public async Task Create_history_from_form_data_answers_200()
    {
        var urlEncodedName = Unique("form");
        using var urlEncoded = new HttpRequestMessage(HttpMethod.Post, "/api/histories")
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("name", urlEncodedName)]),
        };
        var multipartName = Unique("multipart");
        using var multipartContent = new MultipartFormDataContent { { new StringContent(multipartName), "name" } };
        using var multipart = new HttpRequestMessage(HttpMethod.Post, "/api/histories") { Content = multipartContent };

        var (first, firstBody) = await Client.ExchangeAsync(urlEncoded);
        var (second, secondBody) = await Client.ExchangeAsync(multipart);

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(urlEncodedName, firstBody.Text("name"));
        Assert.Equal(200, (int)second.StatusCode);
        Assert.Equal(multipartName, secondBody.Text("name"));
    }

    [Fact]
    public async Task Show_history_has_exactly_the_detailed_keys()
    {
        var created = await CreateHistoryAsync(Unique("shown"));

        var shown = await Client.OkAsync(HttpMethod.Get, "/api/histories/" + created.Text("id"));

        Assert.Equal(GalaxyKeys.HistoryDetailed.Sorted(), shown.Keys());
        Assert.Equal(created.GetRawText(), shown.GetRawText());
    }

    [Fact]
    public async Task List_histories_has_exactly_the_summary_keys_and_hides_deleted_ones()
    {
        var kept = await CreateHistoryAsync(Unique("kept"));
        var deleted = await CreateHistoryAsync(Unique("deleted"));
        await Client.OkAsync(HttpMethod.Delete, "/api/histories/" + deleted.Text("id"), "{}");

        var list = await Client.OkAsync(HttpMethod.Get, "/api/histories");

        var items = list.EnumerateArray().ToList();
        Assert.All(items, item => Assert.Equal(GalaxyKeys.HistorySummary.Sorted(), item.Keys()));
        Assert.Contains(items, item => item.Text("id") == kept.Text("id"));
        Assert.DoesNotContain(items, item => item.Text("id") == deleted.Text("id"));
    }

    [Fact]
    public async Task The_q_qv_filter_deleted_True_lists_the_deleted_histories()
    {
        var deleted = await CreateHistoryAsync(Unique("gone"));
        await Client.OkAsync(HttpMethod.Delete, "/api/histories/" + deleted.Text("id"), "{}");

        var list = await Client.OkAsync(HttpMethod.Get, "/api/histories?q=deleted&qv=True");

        Assert.Contains(list.EnumerateArray(), item => item.Text("id") == deleted.Text("id"));
        Assert.All(list.EnumerateArray(), item => Assert.True(item.GetProperty("deleted").GetBoolean()));
    }

    [Fact]
    public async Task The_q_qv_filters_combine_name_contains_published_and_update_time()
    {
        var stem = Unique("Filter%_");
        var first = await CreateHistoryAsync(stem + "-one");
        var second = await CreateHistoryAsync(stem + "-two");
        await CreateHistoryAsync(Unique("other"));
        await Client.OkAsync(HttpMethod.Put, "/api/histories/" + second.Text("id"), """{"published": true}""");
        var escaped = Uri.EscapeDataString(stem.ToUpperInvariant());

        var byName = await Client.OkAsync(HttpMethod.Get, $"/api/histories?q=name-contains&qv={escaped}&order=name-asc");
        var published = await Client.OkAsync(HttpMethod.Get, $"/api/histories?q=name-contains&qv={escaped}&q=published&qv=True");
        var before = await Client.OkAsync(HttpMethod.Get, $"/api/histories?q=name-contains&qv={escaped}&q=update_time-lt&qv=2000-01-01");
        var after = await Client.OkAsync(HttpMethod.Get, $"/api/histories?q=name-contains&qv={escaped}&q=update_time-gt&qv=2000-01-01T00:00:00");
        var exact = await Client.OkAsync(HttpMethod.Get, $"/api/histories?q=name-eq&qv={Uri.EscapeDataString(stem + "-one")}");

        Assert.Equal([first.Text("id"), second.Text("id")], byName.EnumerateArray().Select(static h => h.Text("id")));
        Assert.Equal([second.Text("id")], published.EnumerateArray().Select(static h => h.Text("id")));
        Assert.Empty(before.EnumerateArray());
        Assert.Equal(2, after.GetArrayLength());
        Assert.Equal([first.Text("id")], exact.EnumerateArray().Select(static h => h.Text("id")));
    }

    [Fact]
    public async Task Limit_offset_and_order_page_through_the_list()
    {
        var stem = Unique("page");
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await CreateHistoryAsync($"{stem}-{i}")).Text("id"));
        }

        var query = $"q=name-startswith&qv={stem}";
        var newestFirst = await Client.OkAsync(HttpMethod.Get, $"/api/histories?{query}&order=create_time-dsc");
        var page = await Client.OkAsync(HttpMethod.Get, $"/api/histories?{query}&order=create_time-asc&limit=2&offset=1");
        var byNameDesc = await Client.OkAsync(HttpMethod.Get, $"/api/histories?{query}&order=name-dsc&limit=1");

        Assert.Equal(Enumerable.Reverse(ids), newestFirst.EnumerateArray().Select(static h => h.Text("id")));
        Assert.Equal(ids.Skip(1).Take(2), page.EnumerateArray().Select(static h => h.Text("id")));
        Assert.Equal([ids[3]], byNameDesc.EnumerateArray().Select(static h => h.Text("id")));
    }

    [Fact]
    public async Task View_and_keys_select_the_keys_of_the_answer()
    {
        var created = await CreateHistoryAsync(Unique("keys"));
        var id = created.Text("id");

        var keysOnly = await Client.OkAsync(HttpMethod.Get, $"/api/histories/{id}?keys=id,name,state");
        var summaryPlus = await Client.OkAsync(HttpMethod.Get, $"/api/histories/{id}?view=summary&keys=size");
        var detailedList = await Client.OkAsync(HttpMethod.Get, $"/api/histories?view=detailed&q=name-eq&qv={created.Text("name")}");

        Assert.Equal(["id", "name", "state"], keysOnly.Keys());
        Assert.Equal(GalaxyKeys.HistorySummary.Append("size").ToArray().Sorted(), summaryPlus.Keys());
        Assert.Equal(GalaxyKeys.HistoryDetailed.Sorted(), Assert.Single(detailedList.EnumerateArray()).Keys());
    }

    [Fact]
    public async Task Update_history_changes_the_optional_fields_and_answers_200()
    {
        var created = await CreateHistoryAsync(Unique("before"));
        var newName = Unique("My Data");

        var updated = await Client.OkAsync(
            HttpMethod.Put,
            "/api/histories/" + created.Text("id"),
            JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["name"] = newName,
                ["annotation"] = "notes",
                ["tags"] = new[] { "group:rna", "name:paper" },
                ["published"] = true,
                ["genome_build"] = "hg38",
            }));

        Assert.Equal(GalaxyKeys.HistoryDetailed.Sorted(), updated.Keys());
        Assert.Equal(newName, updated.Text("name"));
        Assert.Equal("notes", updated.Text("annotation"));
        Assert.Equal(["group:rna", "name:paper"], updated.GetProperty("tags").EnumerateArray().Select(static t => t.GetString()!));
        Assert.True(updated.GetProperty("published").GetBoolean());
        Assert.True(updated.GetProperty("importable").GetBoolean());
        Assert.Equal(newName.ToLowerInvariant().Replace(' ', '-'), updated.Text("slug"));
        Assert.Equal("hg38", updated.Text("genome_build"));
        Assert.True(string.CompareOrdinal(updated.Text("update_time"), created.Text("update_time")) >= 0);
        var user = await Client.OkAsync(HttpMethod.Get, "/api/users/current");
        Assert.Contains("group:rna", user.GetProperty("tags_used").EnumerateArray().Select(static t => t.GetString()));
    }

    [Fact]
    public async Task Delete_with_a_JSON_body_answers_200_with_the_deleted_history()
    {
        var plain = await CreateHistoryAsync(Unique("delete"));
        var purged = await CreateHistoryAsync(Unique("purge"));
        var byQuery = await CreateHistoryAsync(Unique("purge-query"));

        var deleted = await Client.OkAsync(HttpMethod.Delete, "/api/histories/" + plain.Text("id"), "{}");
        var purgedBody = await Client.OkAsync(HttpMethod.Delete, "/api/histories/" + purged.Text("id"), """{"purge": true}""");
        var purgedQuery = await Client.OkAsync(HttpMethod.Delete, $"/api/histories/{byQuery.Text("id")}?purge=True");

        Assert.Equal(GalaxyKeys.HistoryDetailed.Sorted(), deleted.Keys());
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.False(deleted.GetProperty("purged").GetBoolean());
        Assert.True(purgedBody.GetProperty("deleted").GetBoolean());
        Assert.True(purgedBody.GetProperty("purged").GetBoolean());
        Assert.True(purgedQuery.GetProperty("purged").GetBoolean());
        var shown = await Client.OkAsync(HttpMethod.Get, "/api/histories/" + purged.Text("id"));
        Assert.True(shown.GetProperty("purged").GetBoolean());
    }

    [Fact]
    public async Task A_purged_history_cannot_be_undeleted()
    {
        var history = await CreateHistoryAsync(Unique("purged"));
        await Client.OkAsync(HttpMethod.Delete, "/api/histories/" + history.Text("id"), """{"purge": true}""");

        (await Client.SendAsync(HttpMethod.Put, "/api/histories/" + history.Text("id"), """{"deleted": false}""")).AssertGalaxyError(400, 400008);
    }

    [Fact]
    public async Task Dataset_show_and_history_contents_have_Galaxy_s_keys()
    {
        var history = await CreateHistoryAsync(Unique("contents"));
        var historyId = Ids.Decode(history.Text("id")).Value;
        var datasets = Service<DatasetRepository>();
        var first = await datasets.CreateAsync(historyId, new NewDataset("reads.txt", "txt", DatasetStates.Ok, "a\nb\nc\n"), TestContext.Current.CancellationToken);
        await datasets.CreateAsync(historyId, new NewDataset("hidden.txt") { Visible = false }, TestContext.Current.CancellationToken);

        var dataset = await Client.OkAsync(HttpMethod.Get, $"/api/datasets/{Ids.Encode(first!.Id)}?hda_ldda=hda");
        var contents = await Client.OkAsync(HttpMethod.Get, $"/api/histories/{history.Text("id")}/contents");
        var visible = await Client.OkAsync(HttpMethod.Get, $"/api/histories/{history.Text("id")}/contents?q=visible&qv=True");
        var shown = await Client.OkAsync(HttpMethod.Get, "/api/histories/" + history.Text("id"));

        Assert.All(GalaxyKeys.DatasetDetailedIncludes, key => Assert.True(dataset.TryGetProperty(key, out _), $"missing {key}"));
        Assert.Equal("HistoryDatasetAssociation", dataset.Text("model_class"));
        Assert.Equal("dataset", dataset.Text("history_content_type"));
        Assert.Equal("hda", dataset.Text("hda_ldda"));
        Assert.Equal(history.Text("id"), dataset.Text("history_id"));
        Assert.Equal(1, dataset.GetProperty("hid").GetInt32());
        Assert.Equal(6, dataset.GetProperty("file_size").GetInt32());
        Assert.Equal("3 lines", dataset.Text("misc_blurb"));
        Assert.Equal("a\nb\nc", dataset.Text("peek"));
        Assert.True(Guid.TryParse(dataset.Text("uuid"), out _));
        Assert.Equal([1, 2], contents.EnumerateArray().Select(static d => d.GetProperty("hid").GetInt32()));
        Assert.Equal(["reads.txt"], visible.EnumerateArray().Select(static d => d.Text("name")));
        Assert.Equal("ok", shown.Text("state"));
        Assert.Equal(2, shown.GetProperty("count").GetInt32());
        Assert.Equal(2, shown.GetProperty("state_details").GetProperty("ok").GetInt32());
        Assert.Equal(3, shown.GetProperty("hid_counter").GetInt32());
    }

    [Fact]
    public async Task Tools_in_panel_False_is_a_flat_list_of_Galaxy_tools()
    {
        var tools = await Client.OkAsync(HttpMethod.Get, "/api/tools?in_panel=False");
        var panel = await Client.OkAsync(HttpMethod.Get, "/api/tools");
        var search = await Client.OkAsync(HttpMethod.Get, "/api/tools?q=concatenate");

        var cat = Assert.Single(tools.EnumerateArray(), static t => t.Text("id") == "cat1");
        Assert.All(tools.EnumerateArray(), static t => Assert.Equal("Tool", t.Text("model_class")));
        Assert.Equal("Concatenate datasets", cat.Text("name"));
        Assert.False(string.IsNullOrEmpty(cat.Text("version")));
        Assert.Contains(panel.EnumerateArray(), static s => s.Text("model_class") == "ToolSection" && s.GetProperty("elems").GetArrayLength() > 0);
        Assert.Equal(["cat1"], search.EnumerateArray().Select(static s => s.GetString()));
    }

    [Fact]
    public async Task Trailing_slash_answers_like_the_route()
        => Assert.Equal("23.1", (await Client.OkAsync(HttpMethod.Get, "/api/version/")).Text("version_major"));

    [Fact]
    public async Task Content_type_on_GET_with_an_empty_body_is_accepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/histories") { Content = new StringContent(string.Empty) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var (response, _) = await Client.ExchangeAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
    }

    /// <summary>
    /// Routes that need a user. The key is checked before the request: also a body the route would refuse (an empty
    /// tool run) gets the authentication error, on ported and forwarded routes alike.
    /// </summary>
    public static TheoryData<string, string, string> ProtectedRoutes => new()
    {
        { "GET", "/api/histories", "{}" },
        { "POST", "/api/histories", "{}" },
        { "GET", "/api/histories/f2db41e1fa331b3e", "{}" },
        { "PUT", "/api/histories/f2db41e1fa331b3e", """{"name": "renamed"}""" },
        { "DELETE", "/api/histories/f2db41e1fa331b3e", "{}" },
        { "GET", "/api/histories/f2db41e1fa331b3e/contents", "{}" },
        { "GET", "/api/users/current", "{}" },
        { "GET", "/api/datasets/f2db41e1fa331b3e", "{}" },
        { "GET", "/api/tools?in_panel=False", "{}" },
        { "POST", "/api/tools", "{}" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes), MemberType = typeof(ClientCompatibilitySuite))]
    public async Task Missing_key_is_403001(string method, string path, string json)
        => (await Anonymous.SendAsync(new HttpMethod(method), path, json)).AssertGalaxyError(403, 403001);

    [Theory]
    [MemberData(nameof(ProtectedRoutes), MemberType = typeof(ClientCompatibilitySuite))]
    public async Task Bad_key_in_the_header_is_401001(string method, string path, string json)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", "not-a-key");

        var body = (await Anonymous.ExchangeAsync(request)).AssertGalaxyError(401, 401001);

        Assert.Equal("Provided API key is not valid.", body.Text("err_msg"));
    }

    [Fact]
    public async Task Bad_key_in_the_query_is_401001_on_public_routes_too()
        => (await Anonymous.SendAsync(HttpMethod.Get, "/api/version?key=not-a-key")).AssertGalaxyError(401, 401001);

    [Fact]
    public async Task The_key_query_parameter_authenticates()
    {
        var (response, user) = await Anonymous.SendAsync(HttpMethod.Get, "/api/users/current?key=" + AdminApiKey);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("admin", user.Text("username"));
    }

    [Fact]
    public async Task Unknown_history_is_404001()
        => (await Client.SendAsync(HttpMethod.Get, "/api/histories/" + Ids.Encode(987654))).AssertGalaxyError(404, 404001);

    [Theory]
    [InlineData("GET", "/api/histories/{0}")]
    [InlineData("PUT", "/api/histories/{0}")]
    [InlineData("DELETE", "/api/histories/{0}")]
    [InlineData("GET", "/api/histories/{0}/contents")]
    [InlineData("GET", "/api/datasets/{0}")]
    [InlineData("GET", "/api/users/{0}")]
    public async Task An_id_that_does_not_decode_is_400009(string method, string template)
    {
        var body = (await Client.SendAsync(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "ffffffffffffffff"), "{}"))
            .AssertGalaxyError(400, 400009);

        Assert.Equal("Wrong/Malformed id ( ffffffffffffffff ) specified, unable to decode.", body.Text("err_msg"));
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("f2db41e1fa331b3")]
    [InlineData("zzzzzzzzzzzzzzzz")]
    public async Task An_id_of_the_wrong_format_is_400008_at_its_location(string id)
    {
        var body = (await Client.SendAsync(HttpMethod.Get, "/api/histories/" + id)).AssertGalaxyError(400, 400008);

        var failure = Assert.Single(body.GetProperty("validation_errors").EnumerateArray());
        Assert.Equal(["path", "history_id"], failure.GetProperty("loc").EnumerateArray().Select(static l => l.GetString()!));
    }

    [Fact]
    public async Task Malformed_JSON_is_400003()
        => (await Client.SendAsync(HttpMethod.Post, "/api/histories", "{\"name\": ")).AssertGalaxyError(400, 400003);

    [Theory]
    [InlineData("""{"name": 5}""", "name", "string_type")]
    [InlineData("""{"name": "x", "published": "maybe"}""", "published", "bool_type")]
    [InlineData("""{"tags": "one"}""", "tags", "list_type")]
    public async Task A_member_of_the_wrong_type_is_400008_with_validation_errors(string json, string member, string type)
    {
        var history = await Client.OkAsync(HttpMethod.Post, "/api/histories", """{"name": "typed"}""");

        var body = (await Client.SendAsync(HttpMethod.Put, "/api/histories/" + history.Text("id"), json)).AssertGalaxyError(400, 400008);

        var failure = Assert.Single(body.GetProperty("validation_errors").EnumerateArray());
        Assert.Equal(["body", member], failure.GetProperty("loc").EnumerateArray().Select(static l => l.GetString()!));
        Assert.Equal(type, failure.Text("type"));
        Assert.EndsWith($"in ('body', '{member}')", body.Text("err_msg"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_without_a_body_is_400007()
    {
        var history = await Client.OkAsync(HttpMethod.Post, "/api/histories", "{}");

        (await Client.SendAsync(HttpMethod.Put, "/api/histories/" + history.Text("id"))).AssertGalaxyError(400, 400007);
    }

    [Theory]
    [InlineData("/api/histories?q=deleted")]
    [InlineData("/api/histories?q=colour&qv=red")]
    [InlineData("/api/histories?q=name-near&qv=x")]
    [InlineData("/api/histories?q=deleted&qv=maybe")]
    [InlineData("/api/histories?q=update_time-gt&qv=yesterday")]
    [InlineData("/api/histories?order=colour-dsc")]
    [InlineData("/api/histories?limit=0")]
    [InlineData("/api/histories?limit=ten")]
    [InlineData("/api/histories?offset=-1")]
    [InlineData("/api/histories?deleted=perhaps")]
    [InlineData("/api/histories?view=everything")]
    [InlineData("/api/histories?keys=id,colour")]
    [InlineData("/api/histories/f2db41e1fa331b3e/contents?q=state&qv=sleeping")]
    [InlineData("/api/datasets/f2db41e1fa331b3e?hda_ldda=neither")]
    [InlineData("/api/tools?in_panel=sometimes")]
    public async Task Invalid_query_parameters_are_400008(string path)
        => (await Client.SendAsync(HttpMethod.Get, path)).AssertGalaxyError(400, 400008);

    [Fact]
    public async Task Another_user_s_private_history_is_403002_to_show_and_403003_to_change()
    {
        var ct = TestContext.Current.CancellationToken;
        var users = Service<UserRepository>();
        var other = await users.CreateAsync("other-" + Guid.NewGuid().ToString("N")[..8], Guid.NewGuid().ToString("N") + "@example.org", cancellationToken: ct);
        var key = await users.CreateApiKeyAsync(other.Id, ct);
        var adminHistory = await Client.OkAsync(HttpMethod.Post, "/api/histories", """{"name": "private"}""");
        using var otherClient = new HttpClient { BaseAddress = Address };
        otherClient.DefaultRequestHeaders.Add("x-api-key", key);
        var path = "/api/histories/" + adminHistory.Text("id");

        (await otherClient.SendAsync(HttpMethod.Get, path)).AssertGalaxyError(403, 403002);
        (await otherClient.SendAsync(HttpMethod.Put, path, """{"name": "mine"}""")).AssertGalaxyError(403, 403003);
        (await otherClient.SendAsync(HttpMethod.Delete, path, "{}")).AssertGalaxyError(403, 403003);
        (await otherClient.SendAsync(HttpMethod.Get, "/api/users/f2db41e1fa331b3e")).AssertGalaxyError(403, 403005);
        var own = await otherClient.OkAsync(HttpMethod.Get, "/api/users/current");
        Assert.False(own.GetProperty("is_admin").GetBoolean());
        Assert.Empty(await otherClient.OkAsync(HttpMethod.Get, "/api/histories") is var list ? list.EnumerateArray() : default);

        await Client.OkAsync(HttpMethod.Put, path, """{"importable": true}""");
        Assert.Equal("private", (await otherClient.OkAsync(HttpMethod.Get, path)).Text("name"));
    }
}
