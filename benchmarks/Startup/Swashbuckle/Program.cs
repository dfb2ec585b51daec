using Galaxy.Api.Toolkit.Benchmarks.Synthetic;
using Galaxy.Api.Toolkit.Startup;
using Microsoft.OpenApi;

var builder = StartupHost.CreateBuilder(args);
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen(o => o.SwaggerDoc("openapi", new OpenApiInfo { Title = "Synthetic API", Version = "1" }));
var app = builder.Build();
app.UseSwagger(o => o.RouteTemplate = "api/{documentName}.json");
SyntheticMinimalApi.Map(app);
app.Run();
