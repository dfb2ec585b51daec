using System.Net;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>Collections from the query (repeated keys, comma-separated lists) and Galaxy's q/qv filters, over HTTP.</summary>
public sealed class CollectionBindingTests(BehaviourHost host) : IClassFixture<BehaviourHost>
{
    [Fact]
    public async Task Repeated_keys_bind_every_collection_kind()
    {
        var reply = await host.Client.GetReplyAsync(
            "/behaviour/collections?id=1&id=2&id=2&big=9007199254740993&big=-1&shades=light&shades=dark_grey&tags=a&tags=b&tags=a"
            + "&days=2024-01-01&days=2024-12-31&uuids=0f8fad5b-d9cb-469f-a165-70867728950e");

        reply.AssertOk("""{"id":[1,2,2],"big":[9007199254740993,-1],"shades":["light","dark_grey"],"tags":["a","b"],"days":["2024-01-01","2024-12-31"],"uuids":["0f8fad5b-d9cb-469f-a165-70867728950e"]}""");
    }

    [Fact]
    public async Task Absent_nullable_collections_are_null()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/collections?id=5");

        reply.AssertOk("""{"id":[5],"big":null,"shades":null,"tags":null,"days":null,"uuids":null}""");
    }

    [Fact]
    public async Task A_missing_required_collection_is_400007()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/collections?big=1");

        reply.AssertValidation(400007, """["query","id"] missing""");
        Assert.Equal("Field required in ('query', 'id')", reply.Json.GetProperty("err_msg").GetString());
    }

    [Fact]
    public async Task Each_item_is_validated_at_its_index()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/collections?id=1&id=x&id=3&id=4.5&shades=light&shades=pink&days=2024-02-30&uuids=nope");

        reply.AssertValidation(400008,
            """["query","id",1] int_parsing""",
            """["query","id",3] int_parsing""",
            """["query","shades",1] enum""",
            """["query","days",0] date_parsing""",
            """["query","uuids",0] uuid_parsing""");
        Assert.StartsWith(
            "Input should be a valid integer between -2147483648 and 2147483647 in ('query', 'id', 1)\n",
            reply.Json.GetProperty("err_msg").GetString(),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/behaviour/collections/list?n=3&n=1&n=3", "[3,1,3]")]
    [InlineData("/behaviour/collections/read-only?flag=True&flag=0&flag=off", "[true,false,false]")]
    [InlineData("/behaviour/collections/set?n=3&n=1&n=3", "2")]
    [InlineData("/behaviour/collections/set-of-tones?tone=very_loud&tone=ice-cold&tone=ice-cold", "[\"ice-cold\",\"very_loud\"]")]
    public async Task Required_lists_read_only_lists_and_sets_bind(string path, string json)
    {
        var reply = await host.Client.GetReplyAsync(path);

        reply.AssertOk(json);
    }

    [Theory]
    [InlineData("/behaviour/collections/list", "n")]
    [InlineData("/behaviour/collections/read-only", "flag")]
    [InlineData("/behaviour/collections/set", "n")]
    [InlineData("/behaviour/collections/set-of-tones", "tone")]
    [InlineData("/behaviour/collections/comma", "keys")]
    public async Task Required_collections_of_each_kind_are_400007_when_absent(string path, string name)
    {
        var reply = await host.Client.GetReplyAsync(path);

        reply.AssertValidation(400007, $"[\"query\",\"{name}\"] missing");
    }

    [Theory]
    [InlineData("/behaviour/collections/list?n=1&n=two", "n", 1, "int_parsing")]
    [InlineData("/behaviour/collections/read-only?flag=maybe", "flag", 0, "bool_parsing")]
    [InlineData("/behaviour/collections/set?n=1&n=1&n=z", "n", 2, "int_parsing")]
    [InlineData("/behaviour/collections/set-of-tones?tone=warm&tone=cool", "tone", 1, "enum")]
    public async Task Items_of_each_kind_are_validated_at_their_index(string path, string name, int index, string type)
    {
        var reply = await host.Client.GetReplyAsync(path);

        reply.AssertValidation(400008, $"[\"query\",\"{name}\",{index}] {type}");
    }

    [Theory]
    [InlineData("?keys=a,b&keys=c", "[\"a\",\"b\",\"c\"]")]
    [InlineData("?keys=a", "[\"a\"]")]
    [InlineData("?keys=%20a%20,,b,", "[\"a\",\"b\"]")]
    [InlineData("?keys=id&keys=name&keys=size", "[\"id\",\"name\",\"size\"]")]
    public async Task Comma_separated_values_split_trim_and_drop_empty_items(string query, string json)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/collections/comma" + query);

        reply.AssertOk(json);
    }

    [Fact]
    public async Task Comma_separated_values_that_are_all_empty_are_missing()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/collections/comma?keys=,");

        reply.AssertValidation(400007, """["query","keys"] missing""");
    }

    [Theory]
    [InlineData("", "\"null\"")]
    [InlineData("?nums=1,2&nums=3", "\"1,2,3\"")]
    public async Task Comma_separated_numbers_bind_and_are_null_when_absent(string query, string json)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/collections/comma-numbers" + query);

        reply.AssertOk(json);
    }

    [Fact]
    public async Task Comma_separated_items_are_validated_at_their_index_after_splitting()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/collections/comma-numbers?nums=1,x&nums=3,y");

        reply.AssertValidation(400008, """["query","nums",1] int_parsing""", """["query","nums",3] int_parsing""");
    }

    [Fact]
    public async Task Header_collections_bind_and_are_validated()
    {
        var absent = await host.Client.GetReplyAsync("/behaviour/collections/header");
        absent.AssertOk("\"null\"");

        var one = await host.Client.GetReplyAsync("/behaviour/collections/header", ("x-n", "4"));
        one.AssertOk("\"4\"");

        var bad = await host.Client.GetReplyAsync("/behaviour/collections/header", ("x-n", "four"));
        bad.AssertValidation(400008, """["header","x-n",0] int_parsing""");
    }

    [Theory]
    [InlineData("", "[\"limit=10\"]")]
    [InlineData("?q=deleted&qv=True", "[\"deleted=True\",\"limit=10\"]")]
    [InlineData("?q=deleted&qv=True&q=name&qv=x", "[\"deleted=True\",\"name=x\",\"limit=10\"]")]
    [InlineData("?q=name&q=deleted&qv=x&qv=False&limit=3", "[\"name=x\",\"deleted=False\",\"limit=3\"]")]
    [InlineData("?q=name-contains&qv=a%26b%3Dc", "[\"name-contains=a&b=c\",\"limit=10\"]")]
    [InlineData("?q=name&qv=", "[\"name=\",\"limit=10\"]")]
    public async Task Q_and_qv_pair_in_order(string query, string json)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/filters" + query);

        reply.AssertOk(json);
    }

    [Theory]
    [InlineData("?q=deleted")]
    [InlineData("?qv=True")]
    [InlineData("?q=deleted&qv=True&q=name")]
    public async Task Mismatched_q_and_qv_counts_are_400008_at_qv(string query)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/filters" + query);

        reply.AssertValidation(400008, """["query","qv"] value_error""");
    }

    [Fact]
    public async Task Mismatched_filters_are_reported_with_other_failures()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/filters?q=a&limit=many");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        var locations = reply.Json.GetProperty("validation_errors").EnumerateArray().Select(static e => e.GetProperty("loc").GetRawText()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["[\"query\",\"limit\"]", "[\"query\",\"qv\"]"], locations);
    }

    [Fact]
    public async Task Filters_are_looked_up_by_name_beside_a_route_value()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/filters/tag?q=tag&qv=a&q=name&qv=b&q=tag&qv=c");

        reply.AssertOk("""["a","c"]""");
    }

    [Theory]
    [InlineData("?n=1&n=2", "\"3::\"")]
    [InlineData("?n=1&s=a&s=a&s=b&shade=light&shade=light", "\"1:2:2\"")]
    public async Task Interface_collection_types_bind(string query, string json)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/collections/interfaces" + query);

        reply.AssertOk(json);
    }
}
