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
}
