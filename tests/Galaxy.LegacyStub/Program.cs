using System.Security.Cryptography;
using System.Text.Json.Nodes;

// A stand-in for a legacy server, started as its own process by the migration tests. Every answer says which
// instance served it (--name), so that tests can see load balancing, and echoes what arrived, so that they can see
// headers, paths and bodies as the legacy side received them.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(static o => o.Limits.MaxRequestBodySize = null);
var app = builder.Build();
var name = app.Configuration["name"] ?? "legacy";
var healthy = true;
var slowInFlight = 0;

JsonObject Echo(HttpContext context, string? bodyHash = null, long? bodyLength = null)
{
    var headers = new JsonObject();
    foreach (var header in context.Request.Headers)
    {
        headers[header.Key.ToLowerInvariant()] = header.Value.ToString();
    }

    return new JsonObject
    {
        ["served_by"] = name,
        ["method"] = context.Request.Method,
        ["path"] = context.Request.Path.Value,
        ["path_base"] = context.Request.PathBase.Value,
        ["query"] = context.Request.QueryString.Value,
        ["headers"] = headers,
        ["body_sha256"] = bodyHash,
        ["body_length"] = bodyLength,
    };
}

app.MapGet("/api/version", () => healthy ? Results.Json(new JsonObject { ["version_major"] = "23.1", ["version_minor"] = "1", ["served_by"] = name }) : Results.StatusCode(503));
app.MapGet("/_stub/health/{state}", (string state) =>
{
    healthy = state == "up";
    return Results.Ok(name + (healthy ? " up" : " down"));
});
app.MapGet("/api/tools", (HttpContext context) => Results.Json(new JsonArray(new JsonObject { ["model_class"] = "Tool", ["id"] = "cat1", ["name"] = "Concatenate", ["version"] = "1.0.0", ["served_by"] = name })));
app.MapGet("/api/slow/{milliseconds:int}", async (int milliseconds, HttpContext context) =>
{
    Interlocked.Increment(ref slowInFlight);
    try
    {
        await Task.Delay(milliseconds, context.RequestAborted);
        return Results.Json(Echo(context));
    }
    finally
    {
        Interlocked.Decrement(ref slowInFlight);
    }
});

// How many /api/slow requests are waiting right now: tests wait for their hanging requests to have arrived.
app.MapGet("/_stub/slow/in-flight", () => Results.Json(new JsonObject { ["in_flight"] = Volatile.Read(ref slowInFlight) }));

// Sends the first 64 KiB of a 1 MiB body, then stalls: a response that has started when the proxy gives up on it.
app.MapGet("/api/stall/{milliseconds:int}", async (int milliseconds, HttpContext context) =>
{
    context.Response.ContentType = "application/octet-stream";
    context.Response.ContentLength = 1024 * 1024;
    var chunk = new byte[64 * 1024];
    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
    await context.Response.Body.FlushAsync(context.RequestAborted);
    await Task.Delay(milliseconds, context.RequestAborted);
    for (var i = 1; i < 16; i++)
    {
        await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
    }
});
app.MapGet("/api/download/{megabytes:int}", async (int megabytes, HttpContext context) =>
{
    context.Response.ContentType = "application/octet-stream";
    context.Response.ContentLength = megabytes * 1024L * 1024L;
    var chunk = new byte[64 * 1024];
    for (var i = 0; i < chunk.Length; i++)
    {
        chunk[i] = (byte)(i % 251);
    }

    for (long sent = 0; sent < context.Response.ContentLength; sent += chunk.Length)
    {
        await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
    }
});
app.MapGet("/_stub/crash", () =>
{
    Environment.Exit(3);
    return Results.Ok();
});
app.Map("/{**path}", async (HttpContext context) =>
{
    using var sha = SHA256.Create();
    long length = 0;
    var buffer = new byte[64 * 1024];
    int read;
    while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
    {
        sha.TransformBlock(buffer, 0, read, null, 0);
        length += read;
    }

    sha.TransformFinalBlock([], 0, 0);
    return Results.Json(Echo(context, Convert.ToHexStringLower(sha.Hash!), length));
});

// The tests bind port 0 and learn the real address from this line.
app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
    Console.Out.WriteLine("LISTENING " + addresses.First());
    Console.Out.Flush();
});

app.Run();
