using System.Text.Json;
using CsCheck;
using Galaxy.Api.Toolkit.Generators.Model;
using Galaxy.Api.Toolkit.Generators.Parsing;

namespace Galaxy.Api.Toolkit.Generators.Tests;

/// <summary>The generator names JSON members with its own copy of System.Text.Json's policies; they must agree.</summary>
public sealed class JsonNamesTests
{
    private static readonly (JsonNaming Naming, JsonNamingPolicy? Policy)[] Policies =
    [
        (JsonNaming.SnakeCaseLower, JsonNamingPolicy.SnakeCaseLower),
        (JsonNaming.SnakeCaseUpper, JsonNamingPolicy.SnakeCaseUpper),
        (JsonNaming.KebabCaseLower, JsonNamingPolicy.KebabCaseLower),
        (JsonNaming.KebabCaseUpper, JsonNamingPolicy.KebabCaseUpper),
        (JsonNaming.CamelCase, JsonNamingPolicy.CamelCase),
    ];

    [Theory]
    [InlineData("HistoryId", "history_id")]
    [InlineData("XMLReader", "xml_reader")]
    [InlineData("SHA512Hash", "sha512_hash")]
    [InlineData("already_snake", "already_snake")]
    [InlineData("ModelClass", "model_class")]
    [InlineData("Id", "id")]
    public void Snake_case_examples(string name, string expected)
        => Assert.Equal(expected, JsonNames.Convert(JsonNaming.SnakeCaseLower, name));

    [Fact]
    public void Every_policy_agrees_with_System_Text_Json_on_generated_names()
    {
        var identifierChar = Gen.OneOf(Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ"], Gen.Char["abcdefghijklmnopqrstuvwxyz"], Gen.Char["0123456789"], Gen.Char["_- "], Gen.Char["ÀÉßçΩжЖ"]);
        var names = identifierChar.Array[1, 24].Select(static chars => new string(chars));

        names.Sample(name =>
        {
            foreach (var (naming, policy) in Policies)
            {
                Assert.Equal(policy!.ConvertName(name), JsonNames.Convert(naming, name));
            }
        }, iter: 20_000);
    }

    [Fact]
    public void None_keeps_names()
        => Assert.Equal("HistoryId", JsonNames.Convert(JsonNaming.None, "HistoryId"));
}
