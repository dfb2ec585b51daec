using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Startup;

/// <summary>What every start-up host does alike: the same builder, logging off.</summary>
internal static class StartupHost
{
    /// <summary>Where every host serves its document.</summary>
    public const string DocumentPath = "/api/openapi.json";

    /// <summary>A slim builder (the address comes from the <c>urls</c> setting) without log providers.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        return builder;
    }
}
