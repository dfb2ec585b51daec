using System.Globalization;
using System.Net;
using Galaxy.Api.Toolkit.Ids;
using Galaxy.Api.Toolkit.Tests.Ids;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>Encoded ids over HTTP: route, query and header values, Galaxy's vectors both ways.</summary>
public sealed class IdBindingTests(BehaviourHost host) : IClassFixture<BehaviourHost>
{
    private const string BadFormatMessage = "Invalid id: expected hexadecimal characters, a multiple of 16 of them";

    /// <summary>The vectors of Galaxy's default secret, keyed by line number (the file repeats a few rows).</summary>
    public static TheoryData<int, long, string> DefaultSecretVectors()
    {
        var data = new TheoryData<int, long, string>();
        foreach (var row in GalaxyIdEncoderTests.Vectors().Select(static row => row.Data))
        {
            if (row.Item2 == GalaxyIdEncoder.DefaultSecret)
            {
                data.Add(row.Item1, row.Item3, row.Item4);
            }
        }

        return data;
    }

    [Fact]
    public void At_least_50_vectors_use_the_default_secret()
        => Assert.InRange(DefaultSecretVectors().Count, 50, int.MaxValue);

    [Fact]
    public void The_host_uses_the_default_secret()
        => Assert.Equal("f2db41e1fa331b3e", ((GalaxyIdEncoder)host.Services.GetService(typeof(GalaxyIdEncoder))!).Encode(1));

    [Theory]
    [MemberData(nameof(DefaultSecretVectors))]
    public async Task A_vector_decodes_from_the_route(int line, long id, string encoded)
    {
        Assert.True(line > 1);

        var reply = await host.Client.GetReplyAsync("/behaviour/ids/" + encoded);

        reply.AssertOk(id.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(DefaultSecretVectors))]
    public async Task A_vector_encodes_over_HTTP(int line, long id, string encoded)
    {
        Assert.True(line > 1);

        var reply = await host.Client.GetReplyAsync("/behaviour/ids/encode/" + id.ToString(CultureInfo.InvariantCulture));

        reply.AssertOk("\"" + encoded + "\"");
    }

    [Theory]
    [MemberData(nameof(DefaultSecretVectors))]
    public async Task A_vector_decodes_from_the_query_in_upper_case(int line, long id, string encoded)
    {
        Assert.True(line > 1);

        var reply = await host.Client.GetReplyAsync("/behaviour/ids?id=" + encoded.ToUpperInvariant());

        reply.AssertOk($"[{id.ToString(CultureInfo.InvariantCulture)},-1]");
    }

    [Fact]
    public async Task Query_ids_bind_required_optional_and_list()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/ids?id=f2db41e1fa331b3e&parent_id=f597429621d6eb2b&more=1cd8e2f6b131e891&more=f2db41e1fa331b3e");

        reply.AssertOk("[1,2,3,1]");
    }

    [Fact]
    public async Task A_library_folder_id_with_a_leading_F_decodes()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/ids/Ff2db41e1fa331b3e");

        reply.AssertOk("1");
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("f2db41e1fa331b3")]
    [InlineData("f2db41e1fa331b3e0")]
    [InlineData("f2db41e1fa331b3g")]
    [InlineData("FFf2db41e1fa331b3e")]
    [InlineData("-1")]
    public async Task A_route_id_of_the_wrong_format_is_400008_at_its_location(string value)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/ids/" + value);

        reply.AssertValidation(400008, """["path","id"] value_error""");
        Assert.Equal(BadFormatMessage, reply.Json.GetProperty("validation_errors")[0].GetProperty("msg").GetString());
        Assert.Equal(BadFormatMessage + " in ('path', 'id')", reply.Json.GetProperty("err_msg").GetString());
    }

    [Theory]
    [InlineData("0123456789abcdef")]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("F0123456789ABCDEF")]
    public async Task A_route_id_that_does_not_decode_is_400009_with_Galaxy_s_message(string value)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/ids/" + value);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal($$"""{"err_msg":"Wrong/Malformed id ( {{value}} ) specified, unable to decode.","err_code":400009}""", reply.Text);
    }

    [Fact]
    public async Task An_id_of_another_secret_does_not_decode()
    {
        var other = new GalaxyIdEncoder("changethisinproductiontoo").Encode(1);

        var reply = await host.Client.GetReplyAsync("/behaviour/ids/" + other);

        reply.AssertError(HttpStatusCode.BadRequest, 400009, $"Wrong/Malformed id ( {other} ) specified, unable to decode.");
    }

    [Theory]
    [InlineData("?id=nothex", """["query","id"] value_error""")]
    [InlineData("?id=f2db41e1fa331b3e&parent_id=123", """["query","parent_id"] value_error""")]
    [InlineData("?id=f2db41e1fa331b3e&more=f2db41e1fa331b3e&more=zz", """["query","more",1] value_error""")]
    public async Task Query_ids_of_the_wrong_format_are_400008_at_their_location(string query, string failure)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/ids" + query);

        reply.AssertValidation(400008, failure);
    }

    [Fact]
    public async Task A_missing_query_id_is_400007()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/ids");

        reply.AssertValidation(400007, """["query","id"] missing""");
    }

    [Theory]
    [InlineData("?id=0123456789abcdef", "0123456789abcdef")]
    [InlineData("?id=f2db41e1fa331b3e&parent_id=0123456789ABCDEF", "0123456789ABCDEF")]
    [InlineData("?id=f2db41e1fa331b3e&more=f2db41e1fa331b3e&more=00000000000000000000000000000000", "00000000000000000000000000000000")]
    public async Task Query_ids_that_do_not_decode_are_400009(string query, string value)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/ids" + query);

        reply.AssertError(HttpStatusCode.BadRequest, 400009, $"Wrong/Malformed id ( {value} ) specified, unable to decode.");
    }

    [Fact]
    public async Task A_format_failure_wins_over_an_undecodable_id()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/ids?id=0123456789abcdef&parent_id=bad");

        reply.AssertValidation(400008, """["query","parent_id"] value_error""");
    }

    [Fact]
    public async Task The_first_undecodable_id_is_named()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/ids/0123456789abcdef/contents/00000000000000000000000000000000");

        reply.AssertError(HttpStatusCode.BadRequest, 400009, "Wrong/Malformed id ( 0123456789abcdef ) specified, unable to decode.");
    }

    [Fact]
    public async Task Two_route_ids_decode()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/ids/f597429621d6eb2b/contents/1cd8e2f6b131e891");

        reply.AssertOk("[2,3]");
    }

    [Fact]
    public async Task Header_ids_decode_and_are_validated()
    {
        var ok = await host.Client.GetReplyAsync("/behaviour/ids/header", ("x-id", "f2db41e1fa331b3e"));
        ok.AssertOk("1");

        var bad = await host.Client.GetReplyAsync("/behaviour/ids/header", ("x-id", "nope"));
        bad.AssertValidation(400008, """["header","x-id"] value_error""");

        var undecodable = await host.Client.GetReplyAsync("/behaviour/ids/header", ("x-id", "0123456789abcdef"));
        undecodable.AssertError(HttpStatusCode.BadRequest, 400009, "Wrong/Malformed id ( 0123456789abcdef ) specified, unable to decode.");

        var missing = await host.Client.GetReplyAsync("/behaviour/ids/header");
        missing.AssertValidation(400007, """["header","x-id"] missing""");
    }

    [Fact]
    public async Task A_negative_number_cannot_be_encoded_and_is_a_500_without_detail()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/ids/encode/-1");

        reply.AssertError(HttpStatusCode.InternalServerError, 500001, "Internal server error.");
    }
}
