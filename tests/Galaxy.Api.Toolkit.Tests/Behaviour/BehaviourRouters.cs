using Microsoft.AspNetCore.Mvc;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

public enum Shade
{
    Light,
    DarkGrey,
}

public sealed record Echo(string Source, string? Text, long? Number, bool? Flag, Shade? Shade);

public sealed record Payload(string Title, int Count = 1, IReadOnlyList<string>? Tags = null);

/// <summary>Operations that echo what they bound, for the behaviour suite.</summary>
[ApiRouter("behaviour", Public = true)]
public sealed class BehaviourApi
{
    [Get("/behaviour/route/int/{value}")]
    public static Echo RouteInt(int value) => new("route", null, value, null, null);

    [Get("/behaviour/route/long/{value:long}")]
    public static Echo RouteLong(long value) => new("route", null, value, null, null);

    [Get("/behaviour/route/enum/{value}")]
    public static Echo RouteEnum(Shade value) => new("route", null, null, null, value);

    [Get("/behaviour/query")]
    public static Echo Query(string text, long? number, bool flag = false, Shade shade = Shade.Light) => new("query", text, number, flag, shade);

    [Get("/behaviour/header")]
    public static Echo Header([FromHeader(Name = "x-number")] long number) => new("header", null, number, null, null);

    [Post("/behaviour/body")]
    public static async ValueTask<Payload> Body(Payload payload, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return payload;
    }

    [Post("/behaviour/optional-body")]
    public static string OptionalBody(Payload? payload = null) => payload is null ? "none" : payload.Title;

    [Delete("/behaviour/nothing")]
    public static void Nothing()
    {
    }

    [Get("/behaviour/throws")]
    public static Echo Throws() => throw new InvalidOperationException("secret detail that must not leak");

    [Get("/behaviour/galaxy-error")]
    public static Echo GalaxyError() => throw new GalaxyApiException(GalaxyErrorCodes.AdminRequired);
}

public interface ICounter
{
    int Next();
}

public sealed class Counter : ICounter
{
    private int _value;

    public int Next() => Interlocked.Increment(ref _value);
}

/// <summary>A router with constructor injection of a scoped service.</summary>
[ApiRouter("scoped", Public = true)]
public sealed class ScopedApi(ICounter counter)
{
    [Get("/scoped/next")]
    public int Next() => counter.Next();
}
