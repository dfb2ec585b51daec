using Galaxy.Api.Toolkit.Generators.Model;

namespace Galaxy.Api.Toolkit.Generators.Tests;

/// <summary>
/// The generator cannot reference the runtime, so a few enums exist on both sides; generated code names the runtime's
/// members, so both must list the same names with the same values.
/// </summary>
public sealed class RuntimeContractTests
{
    [Fact]
    public void Naming_policies_match_ApiJsonNaming()
        => Assert.Equal(
            Enum.GetValues<ApiJsonNaming>().Select(static v => (v.ToString(), (int)v)),
            Enum.GetValues<JsonNaming>().Select(static v => (v.ToString(), (int)v)));

    [Fact]
    public void Scalar_kinds_match_the_runtime_parsers()
    {
        var runtime = Enum.GetNames<Galaxy.Api.Toolkit.Binding.ScalarKind>();
        var generator = Enum.GetNames<ScalarKind>().Where(static n => n is not (nameof(ScalarKind.Enum) or nameof(ScalarKind.GalaxyId)));

        Assert.Equal(runtime, generator);
        foreach (var name in generator.Where(static n => n != nameof(ScalarKind.String)))
        {
            Assert.NotNull(typeof(Galaxy.Api.Toolkit.Binding.ScalarParser).GetMethod("TryParse" + name));
        }
    }
}
