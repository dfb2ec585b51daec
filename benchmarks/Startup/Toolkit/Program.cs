using System.Text.Json.Serialization;
using Galaxy.Api.Toolkit;
using Galaxy.Api.Toolkit.Benchmarks.Synthetic;
using Galaxy.Api.Toolkit.Startup;

[assembly: GalaxyApiDocument(Title = "Synthetic API", Version = "1")]

var builder = StartupHost.CreateBuilder(args);
// Source-generated contracts (what a Native AOT host needs), used by the JIT build alike.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, SyntheticJsonContext.Default));
builder.Services.AddGalaxyApi();
var app = builder.Build();
app.MapGalaxyApi();
app.Run();

/// <summary>The synthetic API's bodies and answers.</summary>
[JsonSerializable(typeof(List<Thing0>))] [JsonSerializable(typeof(Thing0))] [JsonSerializable(typeof(CreateThing0))]
[JsonSerializable(typeof(List<Thing1>))] [JsonSerializable(typeof(Thing1))] [JsonSerializable(typeof(CreateThing1))]
[JsonSerializable(typeof(List<Thing2>))] [JsonSerializable(typeof(Thing2))] [JsonSerializable(typeof(CreateThing2))]
[JsonSerializable(typeof(List<Thing3>))] [JsonSerializable(typeof(Thing3))] [JsonSerializable(typeof(CreateThing3))]
[JsonSerializable(typeof(List<Thing4>))] [JsonSerializable(typeof(Thing4))] [JsonSerializable(typeof(CreateThing4))]
[JsonSerializable(typeof(List<Thing5>))] [JsonSerializable(typeof(Thing5))] [JsonSerializable(typeof(CreateThing5))]
[JsonSerializable(typeof(List<Thing6>))] [JsonSerializable(typeof(Thing6))] [JsonSerializable(typeof(CreateThing6))]
[JsonSerializable(typeof(List<Thing7>))] [JsonSerializable(typeof(Thing7))] [JsonSerializable(typeof(CreateThing7))]
[JsonSerializable(typeof(List<Thing8>))] [JsonSerializable(typeof(Thing8))] [JsonSerializable(typeof(CreateThing8))]
[JsonSerializable(typeof(List<Thing9>))] [JsonSerializable(typeof(Thing9))] [JsonSerializable(typeof(CreateThing9))]
[JsonSerializable(typeof(List<Thing10>))] [JsonSerializable(typeof(Thing10))] [JsonSerializable(typeof(CreateThing10))]
[JsonSerializable(typeof(List<Thing11>))] [JsonSerializable(typeof(Thing11))] [JsonSerializable(typeof(CreateThing11))]
[JsonSerializable(typeof(List<Thing12>))] [JsonSerializable(typeof(Thing12))] [JsonSerializable(typeof(CreateThing12))]
[JsonSerializable(typeof(List<Thing13>))] [JsonSerializable(typeof(Thing13))] [JsonSerializable(typeof(CreateThing13))]
[JsonSerializable(typeof(List<Thing14>))] [JsonSerializable(typeof(Thing14))] [JsonSerializable(typeof(CreateThing14))]
[JsonSerializable(typeof(List<Thing15>))] [JsonSerializable(typeof(Thing15))] [JsonSerializable(typeof(CreateThing15))]
[JsonSerializable(typeof(List<Thing16>))] [JsonSerializable(typeof(Thing16))] [JsonSerializable(typeof(CreateThing16))]
[JsonSerializable(typeof(List<Thing17>))] [JsonSerializable(typeof(Thing17))] [JsonSerializable(typeof(CreateThing17))]
[JsonSerializable(typeof(List<Thing18>))] [JsonSerializable(typeof(Thing18))] [JsonSerializable(typeof(CreateThing18))]
[JsonSerializable(typeof(List<Thing19>))] [JsonSerializable(typeof(Thing19))] [JsonSerializable(typeof(CreateThing19))]
internal sealed partial class SyntheticJsonContext : JsonSerializerContext;
