namespace Galaxy.Api.Toolkit.Package.Tests.Packaging;

/// <summary>The tests that read the packed packages: one pack for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}
