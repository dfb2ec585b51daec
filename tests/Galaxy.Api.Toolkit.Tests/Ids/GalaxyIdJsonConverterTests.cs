using System.Text.Json;
using Galaxy.Api.Toolkit.Ids;

namespace Galaxy.Api.Toolkit.Tests.Ids;

public sealed record IdHolder(GalaxyId Id, GalaxyId? ParentId, Dictionary<GalaxyId, int> Counts);

public sealed class GalaxyIdJsonConverterTests
{
    private static readonly GalaxyIdEncoder Encoder = new(GalaxyIdEncoder.DefaultSecret);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new GalaxyIdJsonConverter(Encoder) },
    };

    [Fact]
    public void An_object_with_ids_and_an_id_keyed_dictionary_round_trips()
    {
        var value = new IdHolder(new GalaxyId(1), new GalaxyId(12345678), new Dictionary<GalaxyId, int>
        {
            [new GalaxyId(1)] = 10,
            [new GalaxyId(long.MaxValue)] = 20,
        });

        var json = JsonSerializer.Serialize(value, Options);
        var back = JsonSerializer.Deserialize<IdHolder>(json, Options)!;

        Assert.Equal(
            $$$"""{"id":"f2db41e1fa331b3e","parentId":"{{{Encoder.Encode(12345678)}}}","counts":{"f2db41e1fa331b3e":10,"{{{Encoder.Encode(long.MaxValue)}}}":20}}""",
            json);
        Assert.Equal(value.Id, back.Id);
        Assert.Equal(value.ParentId, back.ParentId);
        Assert.Equal(value.Counts, back.Counts);
    }

    [Fact]
    public void A_null_nullable_id_round_trips()
    {
        var json = JsonSerializer.Serialize(new IdHolder(new GalaxyId(0), null, []), Options);

        Assert.Equal("""{"id":"c00b950a4171a3e3","parentId":null,"counts":{}}""", json);
        Assert.Null(JsonSerializer.Deserialize<IdHolder>(json, Options)!.ParentId);
    }

    [Fact]
    public void Uppercase_escaped_and_folder_forms_are_read()
    {
        Assert.Equal(new GalaxyId(1), JsonSerializer.Deserialize<GalaxyId>("\"F2DB41E1FA331B3E\"", Options));
        Assert.Equal(new GalaxyId(1), JsonSerializer.Deserialize<GalaxyId>("\"\\u0066\\u0032db41e1fa331b3e\"", Options));
        Assert.Equal(new GalaxyId(1), JsonSerializer.Deserialize<GalaxyId>("\"Ff2db41e1fa331b3e\"", Options));
        Assert.Equal(
            new GalaxyId(1),
            Assert.Single(JsonSerializer.Deserialize<Dictionary<GalaxyId, int>>("""{"F2DB41E1FA331B3E":3}""", Options)!).Key);
    }

    [Theory]
    [InlineData("\"zz\"")]
    [InlineData("5")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[\"f2db41e1fa331b3e\"]")]
    [InlineData("\"\"")]
    [InlineData("\"0123456789abcdef\"")]   // valid format, does not decode
    public void A_value_that_is_not_an_encoded_id_is_a_JsonException(string json)
    {
        var exception = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GalaxyId>(json, Options));

        Assert.Null(exception.InnerException);
        Assert.DoesNotContain("Blowfish", exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Messages_say_what_is_wrong()
    {
        Assert.Contains("must be a JSON string, not a number",
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GalaxyId>("5", Options)).Message, StringComparison.Ordinal);
        Assert.Contains("multiple of 16",
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GalaxyId>("\"zz\"", Options)).Message, StringComparison.Ordinal);
        Assert.Contains("does not decode",
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GalaxyId>("\"0123456789abcdef\"", Options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_dictionary_key_is_a_JsonException()
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<GalaxyId, int>>("""{"zz":1}""", Options));

    [Fact]
    public void A_long_string_is_rejected_without_failing_on_its_length()
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GalaxyId>($"\"{new string('a', 1000)}x\"", Options));

    [Fact]
    public void A_long_well_formed_string_is_decoded_as_Galaxy_does()
    {
        // 198 '!' then 42: 400 hexadecimal digits, longer than any id the encoder writes (and than the stack buffer).
        var encoded = GalaxyIdEncoderTests.Encrypt(GalaxyIdEncoder.DefaultSecret, new string('!', 198) + "42");

        Assert.Equal(400, encoded.Length);
        Assert.Equal(new GalaxyId(42), JsonSerializer.Deserialize<GalaxyId>($"\"{encoded}\"", Options));
    }

    [Fact]
    public void A_negative_id_is_not_written()
        => Assert.Throws<JsonException>(() => JsonSerializer.Serialize(new GalaxyId(-1), Options));

    [Fact]
    public void The_converter_needs_an_encoder()
        => Assert.Throws<ArgumentNullException>(() => new GalaxyIdJsonConverter(null!));
}
