namespace Galaxy.Api.Toolkit.Package.Tests.Packaging;

/// <summary>
/// A user's host, written to a folder outside the repository, that knows the toolkit only as <c>PackageReference</c>s
/// to the packed packages: warnings as errors (compiler and MSBuild), nullable on, XML docs on. It declares two routers
/// (one on its own types, one on Galaxy's contract types from Galaxy.Api.Contracts), takes its JSON contracts from a
/// source-generated context (what Native AOT needs) and forwards every other route to
/// a legacy server (<c>--Legacy:Server=URL</c>) through Galaxy.Api.Toolkit.Migration, without legacy validation's
/// NJsonSchema (a host without dynamic code never compiles it).
/// </summary>
internal static class ConsumerProject
{
    public const string Name = "Consumer";

    /// <summary>Writes the project into <paramref name="folder"/>; its packages restore into a folder of this run.</summary>
    public static string Write(string folder, PackedPackages packages)
    {
        Directory.CreateDirectory(folder);

        // Nothing of a folder above may leak in, wherever the temporary folder is.
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(folder, file), "<Project />\n");
        }

        // The local feed beside the sources the machine's NuGet configuration names; the machine's package folder is a
        // read-only fallback for everything but the toolkit's packages, whose version no folder has seen before.
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                              ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packages.PackagesFolder}" />
              </config>
              <packageSources>
                <add key="galaxy-local" value="{packages.Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);

        File.WriteAllText(Path.Combine(folder, Name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <MSBuildTreatWarningsAsErrors>true</MSBuildTreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <InvariantGlobalization>true</InvariantGlobalization>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Galaxy.Api.Toolkit" Version="{packages.Version}" />
                <PackageReference Include="Galaxy.Api.Toolkit.Migration" Version="{packages.Version}" />
                <PackageReference Include="Galaxy.Api.Contracts" Version="{packages.Version}" />
              </ItemGroup>
            </Project>
            """);

        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            using Consumer;
            using Galaxy.Api.Toolkit;

            [assembly: GalaxyApiDocument(Title = "Consumer API", Version = "1.0")]

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.ConfigureHttpJsonOptions(static o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ConsumerJsonContext.Default));
            builder.Services.AddGalaxyApi();
            var legacy = builder.Configuration["Legacy:Server"] ?? "http://127.0.0.1:8081/";
            builder.Services.AddGalaxyLegacyFallback(options =>
            {
                options.Servers.Add(new Uri(legacy));
                options.AdminPath = null;
            });
            var app = builder.Build();
            app.MapGalaxyApi();
            app.MapGalaxyLegacyFallback();
            app.Run();
            """);

        File.WriteAllText(Path.Combine(folder, "GreetingsApi.cs"), """
            using System.ComponentModel.DataAnnotations;
            using System.Text.Json.Serialization;
            using Galaxy.Api.Toolkit;

            namespace Consumer;

            /// <summary>Greetings, for anyone.</summary>
            [ApiRouter("greetings", Description = "Greetings.", Public = true)]
            public static class GreetingsApi
            {
                /// <summary>Greets the caller by name.</summary>
                /// <param name="name">Who is greeted.</param>
                /// <param name="times">How many times.</param>
                [Get("/api/greetings/{name}")]
                public static Greeting Show(string name, [Range(1, 3)] int times = 1)
                    => new(string.Join(' ', Enumerable.Repeat($"Hello, {name}!", times)));
            }

            /// <summary>A greeting.</summary>
            /// <param name="Message">What is said.</param>
            public sealed record Greeting(string Message);

            /// <summary>The JSON contracts of the API, generated at compile time.</summary>
            [JsonSerializable(typeof(Greeting))]
            [JsonSerializable(typeof(Galaxy.Api.Contracts.CreateLibraryFolderPayload))]
            [JsonSerializable(typeof(Galaxy.Api.Contracts.CreatedEntryResponse))]
            internal sealed partial class ConsumerJsonContext : JsonSerializerContext;
            """);

        File.WriteAllText(Path.Combine(folder, "FoldersApi.cs"), """
            using Galaxy.Api.Contracts;
            using Galaxy.Api.Toolkit;

            namespace Consumer;

            /// <summary>Folders, with Galaxy's own contract types (the Galaxy.Api.Contracts package).</summary>
            [ApiRouter("folders", Description = "Folders.", Public = true)]
            public static class FoldersApi
            {
                /// <summary>Creates a folder entry.</summary>
                /// <param name="payload">The folder: its name, and a description.</param>
                [Post("/api/folders")]
                public static CreatedEntryResponse Create(CreateLibraryFolderPayload payload)
                    => new() { Name = payload.Name, Uri = "gxfiles://" + Uri.EscapeDataString(payload.Name), ExternalLink = payload.Description };
            }
            """);
        return folder;
    }
}
