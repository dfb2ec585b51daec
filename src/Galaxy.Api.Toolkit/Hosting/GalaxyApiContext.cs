using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Galaxy.Api.Toolkit.Authentication;
using Galaxy.Api.Toolkit.Binding;
using Galaxy.Api.Toolkit.Ids;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Galaxy.Api.Toolkit.Hosting;

/// <summary>
/// The run-time state shared by the generated handlers of one <c>MapGalaxyApi</c> call: options and the serializer
/// options built from the compile-time naming policy. Created once at start-up; handlers hold what they need of it
/// in fields, so nothing is looked up per request.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class GalaxyApiContext
{
    private GalaxyApiContext(GalaxyApiDefinition definition, GalaxyApiOptions options, JsonSerializerOptions serializerOptions, IServiceProvider services, GalaxyIdEncoder ids)
    {
        Ids = ids;
        Definition = definition;
        Options = options;
        SerializerOptions = serializerOptions;
        Services = services;
    }

    /// <summary>The compile-time definition.</summary>
    public GalaxyApiDefinition Definition { get; }

    /// <summary>The run-time options.</summary>
    public GalaxyApiOptions Options { get; }

    /// <summary>The serializer options of the API (read-only).</summary>
    public JsonSerializerOptions SerializerOptions { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The encoder of database ids.</summary>
    public GalaxyIdEncoder Ids { get; }

    /// <summary>The largest request body accepted (<see cref="GalaxyApiLimits.MaxBodyBytes"/>).</summary>
    public long MaxJsonBodyBytes => Options.MaxJsonBodyBytes;

    /// <summary>
    /// Starts mapping a generated API: builds the context and maps the document and docs endpoints.
    /// Called by the generated <c>MapGalaxyApi</c>.
    /// </summary>
    /// <param name="endpoints">Where to map.</param>
    /// <param name="definition">The compile-time definition.</param>
    public static GalaxyApiContext Begin(IEndpointRouteBuilder endpoints, GalaxyApiDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(definition);
        var services = endpoints.ServiceProvider;
        if (services.GetService<GalaxyApiMarker>() is null)
        {
            throw new InvalidOperationException(
                "MapGalaxyApi() needs the toolkit's services: call builder.Services.AddGalaxyApi() before building the app.");
        }

        var options = services.GetRequiredService<IOptions<GalaxyApiOptions>>().Value;
        CheckAuthentication(definition, services);
        services.GetRequiredService<ErrorFormat>().ProblemDetails = definition.ProblemDetails;
        services.GetRequiredService<Documents.CompileTimeDocument>().Set(definition, services.GetServices<IGalaxyApiDocumentTransform>());
        var ids = services.GetRequiredService<GalaxyIdEncoder>();
        if (options.IdSecret == GalaxyIdEncoder.DefaultSecret)
        {
            LogDefaultIdSecret(services.GetRequiredService<ILoggerFactory>().CreateLogger<GalaxyApiContext>());
        }

        var context = new GalaxyApiContext(definition, options, CreateSerializerOptions(definition, options, services, ids), services, ids);
        Documents.DocumentEndpoints.Map(endpoints, context, services.GetRequiredService<Documents.CompileTimeDocument>());
        return context;
    }

    /// <summary>
    /// Fails at start-up, naming what is missing, when a router needs a service that is not registered (instead of a
    /// 500 on the first request).
    /// </summary>
    /// <param name="router">The router's name, for the message.</param>
    /// <param name="services">The required services and their keys (null for unkeyed).</param>
    public void RequireServices(string router, (Type Type, object? Key)[] services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var isService = Services.GetService<IServiceProviderIsService>();
        if (isService is null)
        {
            return;
        }

        var missing = services
            .Where(s => s.Key is null ? !isService.IsService(s.Type) : isService is not IServiceProviderIsKeyedService keyed || !keyed.IsKeyedService(s.Type, s.Key))
            .Select(static s => s.Key is null ? s.Type.Name : $"{s.Type.Name} (key {s.Key})")
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Router {router} needs services that are not registered: {string.Join(", ", missing)}. Register them with builder.Services, " +
                "or make the parameters optional (nullable or with a default).");
        }
    }

    /// <summary>
    /// The contract of <typeparamref name="T"/>; fails at start-up, with how to fix it, when no resolver knows the type.
    /// The contract is resolved but not configured: the serializer configures it at its first use, so that mapping an
    /// API does not pay, at start-up, for the property metadata of every type of every operation.
    /// </summary>
    public JsonTypeInfo<T> GetJsonTypeInfo<T>()
    {
        try
        {
            return SerializerOptions.TypeInfoResolver?.GetTypeInfo(typeof(T), SerializerOptions) as JsonTypeInfo<T>
                ?? throw new NotSupportedException($"No resolver of the API's serializer options knows '{typeof(T)}'.");
        }
        catch (NotSupportedException exception)
        {
            throw new InvalidOperationException(
                $"The type '{typeof(T)}' used by a generated operation has no JSON contract. With reflection off (Native AOT, trimming) " +
                $"add [JsonSerializable(typeof({typeof(T).Name}))] to your JsonSerializerContext and register it with " +
                "builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, MyJsonContext.Default)).",
                exception);
        }
    }

    private static void CheckAuthentication(GalaxyApiDefinition definition, IServiceProvider services)
    {
        if (definition.OperationsNeedingUser == 0)
        {
            return;
        }

        var authorization = services.GetService<IOptions<AuthorizationOptions>>()?.Value;
        if (services.GetService<IAuthenticationSchemeProvider>() is null || authorization?.GetPolicy(GalaxyAuthenticationDefaults.UserPolicy) is null)
        {
            throw new InvalidOperationException(
                $"{definition.OperationsNeedingUser} generated operation(s) need an authenticated user, but Galaxy authentication is not set up: call " +
                "builder.Services.AddGalaxyAuthentication() and register an IGalaxyUserStore, or mark the operations (or their routers) Public = true.");
        }
    }

    [LoggerMessage(EventId = LogEvents.DefaultIdSecret, Level = LogLevel.Warning,
        Message = "Ids are encoded with Galaxy's public default id_secret; set GalaxyApiOptions.IdSecret to a secret of your own outside development.")]
    private static partial void LogDefaultIdSecret(ILogger logger);

    private static JsonSerializerOptions CreateSerializerOptions(GalaxyApiDefinition definition, GalaxyApiOptions options, IServiceProvider services, GalaxyIdEncoder ids)
    {
        var policy = definition.NamingPolicy;
        var serializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = policy,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            // Non-ASCII and quotes are written as they are, as FastAPI does; responses are JSON, never HTML.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = ResolveContracts(services),
        };
        serializerOptions.Converters.Add(new GalaxyIdJsonConverter(ids));
        definition.ConfigureJson?.Invoke(serializerOptions);
        foreach (var configure in options.JsonConfigurations)
        {
            configure(serializerOptions);
        }

        if (!ReferenceEquals(serializerOptions.PropertyNamingPolicy, policy))
        {
            throw new InvalidOperationException(
                "GalaxyApiOptions.ConfigureJson changed PropertyNamingPolicy. The naming policy is fixed at compile time so that the " +
                "OpenAPI document and the wire agree: set it with [assembly: GalaxyApiDocument(JsonNaming = ApiJsonNaming.X)] instead.");
        }

        // The depth limit raises the serializer's own (responses may then nest as deep); a lower limit is checked before
        // deserialization instead, so that responses keep the serializer's depth.
        var limits = options.Limits;
        if (limits.MaxJsonDepth > BodyLimits.EffectiveDepth(serializerOptions))
        {
            serializerOptions.MaxDepth = limits.MaxJsonDepth;
        }

        serializerOptions.MakeReadOnly();
        BodyLimits.Register(serializerOptions, new BodyLimits(
            limits.MaxJsonDepth < BodyLimits.EffectiveDepth(serializerOptions) ? limits.MaxJsonDepth : 0,
            limits.MaxCollectionLength,
            limits.MaxStringLength));
        return serializerOptions;
    }

    private static IJsonTypeInfoResolver ResolveContracts(IServiceProvider services)
    {
        var http = services.GetService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions;
        return http?.TypeInfoResolver ?? ReflectionFallback();
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only used when reflection-based serialization is enabled.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only used when reflection-based serialization is enabled.")]
    private static IJsonTypeInfoResolver ReflectionFallback()
        => JsonSerializer.IsReflectionEnabledByDefault ? new DefaultJsonTypeInfoResolver() : JsonTypeInfoResolver.Combine();
}

/// <summary>Registered by <c>AddGalaxyApi</c>; lets <c>MapGalaxyApi</c> say clearly when it is missing.</summary>
internal sealed class GalaxyApiMarker;
