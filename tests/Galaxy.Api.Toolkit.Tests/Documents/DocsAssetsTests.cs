using Galaxy.Api.Toolkit.Documents;

namespace Galaxy.Api.Toolkit.Tests.Documents;

public sealed class DocsAssetsTests
{
    public static TheoryData<string> Files => new(DocsAssets.SwaggerUiFiles);

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_file_the_page_loads_is_embedded(string file) => Assert.True(DocsAssets.TryGet(file, out _), file);

    [Fact]
    public void Redoc_script_is_embedded() => Assert.True(DocsAssets.TryGet(DocsPageKind.Redoc, DocsAssets.RedocFiles[0], out _));

    [Theory]
    [InlineData("../secrets.json")]
    [InlineData("a/b.js")]
    [InlineData("missing.js")]
    public void Other_names_are_not_found(string file) => Assert.False(DocsAssets.TryGet(file, out _));
}
