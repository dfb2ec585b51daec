using Galaxy.Api.Toolkit.Benchmarks.Synthetic;
using Galaxy.Api.Toolkit.Startup;

var builder = StartupHost.CreateBuilder(args);
builder.Services.AddOpenApi();
var app = builder.Build();
app.MapOpenApi(StartupHost.DocumentPath);
SyntheticMinimalApi.Map(app);
app.Run();
