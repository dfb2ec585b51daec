namespace Galaxy.Api.Toolkit.Package.Tests.Packaging;

/// <summary>
/// The consumer project published with Native AOT from the packed packages: not one warning (trim, AOT or other; the
/// project treats warnings as errors too), and the native executable answers exactly as the JIT build does, the legacy
/// fallback included (YARP; legacy validation's NJsonSchema is not compiled in).
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class NativeAotTests(PackedPackages packages)
{
    [Fact]
    public async Task The_consumer_publishes_with_native_aot_without_a_warning_and_the_native_executable_answers_alike()
    {
        var project = ConsumerProject.Write(Path.Combine(packages.Root, "consumer-aot"), packages);
        var publish = Path.Combine(packages.Root, "consumer-aot-publish");
        var output = await DotnetCli.RunAsync(project, NativeAot.PublishLimit,
            ["publish", ConsumerProject.Name + ".csproj", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", publish, .. NativeAot.LinkerArguments(), "-nodeReuse:false", "-nologo"]);
        NativeAot.AssertNoWarning(output);

        var executable = NativeAot.AssertNativeExecutable(publish, ConsumerProject.Name);

        await using var legacy = await LegacyStandIn.StartAsync();
        using var host = await HostProcess.StartAsync(executable, publish, "--Legacy:Server=" + legacy.Address);
        await ConsumerTests.AnswersAsReadmeSaysAsync(host.Address, Path.Combine(project, "bin", "Release", "net10.0", "linux-x64", "openapi.json"));
    }

    [Fact]
    public async Task A_type_missing_from_the_JsonSerializerContext_stops_the_native_aot_build_with_GAT0020()
    {
        var project = ConsumerProject.Write(Path.Combine(packages.Root, "consumer-gat0020"), packages);
        var routers = Path.Combine(project, "GreetingsApi.cs");
        var source = await File.ReadAllTextAsync(routers, TestContext.Current.CancellationToken);
        Assert.Contains("[JsonSerializable(typeof(Greeting))]", source, StringComparison.Ordinal);
        await File.WriteAllTextAsync(routers, source.Replace("[JsonSerializable(typeof(Greeting))]", string.Empty, StringComparison.Ordinal), TestContext.Current.CancellationToken);

        // The package's build targets hand PublishAot to the generator; the consumer treats warnings as errors.
        var (exitCode, output) = await DotnetCli.RunToExitAsync(project, NativeAot.PublishLimit,
            "build", ConsumerProject.Name + ".csproj", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-nodeReuse:false", "-nologo");

        Assert.NotEqual(0, exitCode);
        // MSBuild repeats errors in its summary: every GAT0020 line is about the one missing type, at its operation.
        var diagnostics = output.Split('\n').Where(static l => l.Contains("GAT0020", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, static line =>
        {
            Assert.Contains("GreetingsApi.cs", line, StringComparison.Ordinal);
            Assert.Contains("error GAT0020: 'Show' (GET /api/greetings/{name}) reads or writes 'Consumer.Greeting'", line, StringComparison.Ordinal);
            Assert.Contains("Consumer.ConsumerJsonContext does not list it", line, StringComparison.Ordinal);
        });
    }
}
