using System.Text;
using Galaxy.Api.Toolkit.Migration.Shadow;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Galaxy.Api.Toolkit.Migration.Tests.Shadow;

/// <summary>The comparison of two answers, the ignored-path syntax, rule patterns and option checks, without a server.</summary>
public sealed class ShadowComparisonTests
{
    private static ShadowComparison Compare(string primary, string shadow, params string[] ignore)
        => ShadowComparer.Compare(200, "application/json", Encoding.UTF8.GetBytes(primary), 200, "application/json", Encoding.UTF8.GetBytes(shadow), JsonIgnorePaths.Parse(ignore));

    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"b":[1,2],"a":1}""")]
    [InlineData("""{"n":1}""", """{"n":1.0}""")]
    [InlineData("""{"n":100}""", """{"n":1e2}""")]
    [InlineData("""{"n":0.1}""", """{"n":1E-1}""")]
    [InlineData("""{"s":"\u00e9"}""", """{"s":"é"}""")]
    [InlineData("""[true,false,null]""", """[ true , false , null ]""")]
    public void Equal_values_written_differently_match(string primary, string shadow)
        => Assert.True(Compare(primary, shadow).IsMatch);

    [Theory]
    [InlineData("""{"a":1}""", """{"a":2}""", "$.a")]
    [InlineData("""{"a":1}""", """{"a":"1"}""", "$.a")]
    [InlineData("""{"a":true}""", """{"a":false}""", "$.a")]
    [InlineData("""{"a":1}""", """{}""", "$.a")]
    [InlineData("""{}""", """{"extra":1}""", "$.extra")]
    [InlineData("""[1,2]""", """[1,2,3]""", "$[2]")]
    [InlineData("""{"items":[{"id":1},{"id":2}]}""", """{"items":[{"id":1},{"id":3}]}""", "$.items[1].id")]
    [InlineData("""{"a.b":1}""", """{"a.b":2}""", "$['a.b']")]
    [InlineData("""{"a":null}""", """{"a":{}}""", "$.a")]
    public void A_difference_is_reported_at_its_path(string primary, string shadow, string path)
    {
        var comparison = Compare(primary, shadow);

        Assert.Equal(ShadowDifferenceKind.Json, comparison.Kind);
        Assert.Equal([path], comparison.Paths);
    }

    [Theory]
    [InlineData("update_time")]
    [InlineData("$.update_time")]
    [InlineData("$.*")]
    public void An_ignored_member_is_left_out_wherever_the_path_says(string ignore)
        => Assert.True(Compare("""{"update_time":"a"}""", """{"update_time":"b"}""", ignore).IsMatch);

    [Fact]
    public void A_bare_name_is_ignored_at_any_depth_an_absolute_path_only_where_it_points()
    {
        const string primary = """{"update_time":1,"items":[{"update_time":1,"create_time":1},{"update_time":1,"create_time":1}],"create_time":1}""";
        const string shadow = """{"update_time":2,"items":[{"update_time":2,"create_time":2},{"update_time":2,"create_time":2}],"create_time":2}""";

        Assert.True(Compare(primary, shadow, "update_time", "create_time").IsMatch);
        Assert.Equal(["$.create_time"], Compare(primary, shadow, "update_time", "$.items[*].create_time").Paths);
        Assert.Equal(["$.items[1].create_time", "$.create_time"], Compare(primary, shadow, "update_time", "$.items[0].create_time").Paths);
        Assert.Equal(["$.items[0].create_time", "$.items[1].create_time", "$.create_time"], Compare(primary, shadow, "update_time", "$['items'][*]['update_time']").Paths);
    }

    [Fact]
    public void An_ignored_array_element_covers_a_missing_one()
        => Assert.True(Compare("""[1,2,3]""", """[1,2]""", "$[2]").IsMatch);

    [Fact]
    public void Status_codes_are_compared_first_and_other_bodies_byte_for_byte()
    {
        var ignore = JsonIgnorePaths.None;
        Assert.Equal(ShadowDifferenceKind.Status, ShadowComparer.Compare(200, "application/json", "{}"u8.ToArray(), 404, "application/json", "{}"u8.ToArray(), ignore).Kind);
        Assert.True(ShadowComparer.Compare(200, "text/plain", "ok"u8.ToArray(), 200, "text/plain", "ok"u8.ToArray(), ignore).IsMatch);
        Assert.Equal(ShadowDifferenceKind.Bytes, ShadowComparer.Compare(200, "text/plain", "ok"u8.ToArray(), 200, "text/plain", "ok "u8.ToArray(), ignore).Kind);
        // A JSON content type with a body that is not JSON: bytes.
        Assert.Equal(ShadowDifferenceKind.Bytes, ShadowComparer.Compare(200, "application/json", "{"u8.ToArray(), 200, "application/json", "{}"u8.ToArray(), ignore).Kind);
        Assert.True(ShadowComparer.Compare(204, null, default, 204, null, default, ignore).IsMatch);
    }

    [Fact]
    public void At_most_fifty_paths_are_kept_and_all_are_counted()
    {
        var primary = "[" + string.Join(',', Enumerable.Range(0, 80)) + "]";
        var shadow = "[" + string.Join(',', Enumerable.Range(1, 80)) + "]";

        var comparison = Compare(primary, shadow);

        Assert.Equal(ShadowComparer.MaxPaths, comparison.Paths.Count);
        Assert.Equal(80, comparison.TotalPaths);
    }

    [Theory]
    [InlineData("$")]
    [InlineData("$.")]
    [InlineData("$..a")]
    [InlineData("$[x]")]
    [InlineData("$[1")]
    [InlineData("a.b")]
    [InlineData("items[*]")]
    [InlineData(" ")]
    public void A_malformed_ignore_path_is_refused_with_the_syntax(string path)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => JsonIgnorePaths.Validate([path], "test"));
        Assert.StartsWith("test: ", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/histories", "/api/histories", true)]
    [InlineData("/api/histories", "/api/histories/", true)]
    [InlineData("/api/histories", "/API/Histories/1/contents", true)]
    [InlineData("/api/histories", "/api/historiesx", false)]
    [InlineData("/api/histories", "/api", false)]
    [InlineData("/", "/anything", true)]
    [InlineData("/api/histories/{history_id}", "/api/histories/1", true)]
    [InlineData("/api/histories/{history_id}", "/api/histories/1/", true)]
    [InlineData("/api/histories/{history_id}", "/api/histories", false)]
    [InlineData("/api/histories/{history_id}", "/api/histories/1/contents", false)]
    [InlineData("/api/histories/{history_id:int}/contents", "/api/histories/abc/contents", true)]
    [InlineData("/api/histories/{history_id?}", "/api/histories", true)]
    [InlineData("/api/histories/{**rest}", "/api/histories/1/contents/2", true)]
    [InlineData("/api/histories/{**rest}", "/api/datasets/1", false)]
    public void A_rule_pattern_is_a_prefix_without_braces_and_a_whole_template_with_them(string pattern, string path, bool matches)
        => Assert.Equal(matches, ShadowPathPattern.Parse(pattern).IsMatch(path));

    [Theory]
    [InlineData("/api/histories", "/api/histories/{id}", true)]
    [InlineData("/api/histories", "/api/{**path}", true)]
    [InlineData("/api/histories", "/api/datasets/{id}", false)]
    [InlineData("/api/histories", "/api", false)]
    [InlineData("/api/histories/{id}", "/api/{kind}/{id}", true)]
    [InlineData("/api/histories/{id}", "/api/histories/{id}/contents", false)]
    [InlineData("/api/histories/{id}", "/api/histories", false)]
    public void A_rule_tells_which_routes_it_may_cover(string pattern, string route, bool overlaps)
        => Assert.Equal(overlaps, ShadowPathPattern.Parse(pattern).MayOverlap(RoutePatternFactory.Parse(route)));

    [Fact]
    public void Options_that_cannot_work_are_refused_with_what_to_change()
    {
        static string Refusal(Action<ShadowOptions> configure)
        {
            var options = new GalaxyLegacyOptions { App = static _ => Task.CompletedTask };
            configure(options.Shadow);
            return Assert.Throws<InvalidOperationException>(options.Validate).Message;
        }

        Assert.Contains("AllowUnsafeMethods", Refusal(static s => s.Add("/api/histories").Methods.Add("POST")), StringComparison.Ordinal);
        Assert.Contains("second time", Refusal(static s => s.Add("/api/histories").Methods.Add("delete")), StringComparison.Ordinal);
        Assert.Contains("SampleRate", Refusal(static s => s.Add("/api/histories").SampleRate = 1.5), StringComparison.Ordinal);
        Assert.Contains("start with '/'", Refusal(static s => s.Add("api/histories")), StringComparison.Ordinal);
        Assert.Contains("mixes text and parameters", Refusal(static s => s.Add("/api/datasets/{id}.{ext}")), StringComparison.Ordinal);
        Assert.Contains("'a.b'", Refusal(static s => s.Add("/api/histories").IgnorePaths.Add("a.b")), StringComparison.Ordinal);
        Assert.Contains("ShadowOptions.IgnorePaths", Refusal(static s => s.IgnorePaths.Add("$")), StringComparison.Ordinal);
        Assert.Contains("QueueCapacity", Refusal(static s => s.QueueCapacity = 0), StringComparison.Ordinal);
        Assert.Contains("MaxConcurrency", Refusal(static s => s.MaxConcurrency = 0), StringComparison.Ordinal);
        Assert.Contains("Timeout", Refusal(static s => s.Timeout = TimeSpan.Zero), StringComparison.Ordinal);
        Assert.Contains("MaxQueuedBytes", Refusal(static s => s.MaxQueuedBytes = 10), StringComparison.Ordinal);
        Assert.Contains("Methods is empty", Refusal(static s => s.Add("/api/histories").Methods.Clear()), StringComparison.Ordinal);

        var accepted = new GalaxyLegacyOptions { App = static _ => Task.CompletedTask };
        accepted.Shadow.Add("/api/histories", static r =>
        {
            r.Methods.Add("POST");
            r.AllowUnsafeMethods = true;
            r.IgnorePaths.Add("$.items[*]['update_time']");
        });
        accepted.Validate();
    }
}
