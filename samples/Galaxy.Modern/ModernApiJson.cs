using System.Text.Json;
using System.Text.Json.Serialization;
using Galaxy.Api.Contracts;
using Galaxy.Modern.Configuration;

namespace Galaxy.Modern;

/// <summary>The JSON contracts of the ported operations, generated at compile time (what Native AOT needs).</summary>
[JsonSerializable(typeof(VersionInfo))]
[JsonSerializable(typeof(HDADetailed))]
[JsonSerializable(typeof(IReadOnlyList<HistorySummary>))]
[JsonSerializable(typeof(HistoryDetailed))]
[JsonSerializable(typeof(Body_create_api_histories_post))]
[JsonSerializable(typeof(DeleteHistoryPayload))]
[JsonSerializable(typeof(DetailedUserModel))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ModernApiJson : JsonSerializerContext;
