using Galaxy.Api.Toolkit;

namespace Galaxy.Modern.Configuration;

/// <summary>Galaxy's version and configuration.</summary>
[ApiRouter("configuration", Description = "Galaxy's version and configuration.", Public = true)]
public sealed class ConfigurationApi
{
    /// <summary>Return Galaxy version information: major/minor version, optional extra info.</summary>
    [Get("/api/version")]
    public static VersionInfo Version() => new("23.1", "1");
}

/// <summary>Galaxy's version.</summary>
/// <param name="VersionMajor">The release, e.g. <c>23.1</c>.</param>
/// <param name="VersionMinor">The minor version of the release.</param>
public sealed record VersionInfo(string VersionMajor, string VersionMinor);
