using Galaxy.Api.Toolkit.Startup;

var builder = StartupHost.CreateBuilder(args);
var app = builder.Build();

byte[] document;
using (var resource = typeof(StartupHost).Assembly.GetManifestResourceStream("openapi.json")!)
{
    document = new byte[resource.Length];
    resource.ReadExactly(document);
}

app.MapGet(StartupHost.DocumentPath, (HttpContext context) =>
{
    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = document.Length;
    return context.Response.Body.WriteAsync(document).AsTask();
});
app.Run();
