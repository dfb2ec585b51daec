using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Galaxy.Api.Contracts.Verification;
using Galaxy.Api.Toolkit;
using Galaxy.Api.Toolkit.Ids;

namespace Galaxy.Api.Contracts.Tests.Json;

/// <summary>
/// Galaxy's payloads through System.Text.Json with the API's options (snake_case, nullable annotations and required
/// members respected, encoded ids, enums by name): each reads into its contract type and is written back unchanged.
/// </summary>
public sealed class JsonRoundTripTests
{
    /// <summary>The options the toolkit's host uses (GalaxyApiContext), with the sample id secret.</summary>
    internal static readonly JsonSerializerOptions ApiOptions = CreateOptions();

    private static readonly Lazy<JsonDocument> Galaxy = new(GalaxyOpenApi.Load);

    public static TheoryData<string> SchemaNames => new(ContractSchemas.Types.Select(static t => t.Key));

    [Theory]
    [MemberData(nameof(SchemaNames))]
    public void An_instance_of_every_component_schema_reads_into_its_type_and_writes_back_unchanged(string name)
    {
        var type = ContractSchemas.Types.Single(t => t.Key == name).Value;
        var schemas = Galaxy.Value.RootElement.GetProperty("components").GetProperty("schemas");
        var json = new InstanceWriter(schemas).Write(schemas.GetProperty(name), 0).ToJsonString();

        var value = JsonSerializer.Deserialize(json, type, ApiOptions);
        var written = JsonSerializer.Serialize(value, type, ApiOptions);

        Assert.True(JsonNode.DeepEquals(Canonical(json), Canonical(written)), $"{name}\n read:    {json}\n written: {written}");
    }

    [Fact]
    public void A_history_as_Galaxy_sends_it_round_trips_with_its_id_decoded()
    {
        const string json = """
            {"model_class":"History","id":"f2db41e1fa331b3e","name":"Unnamed history","deleted":false,"purged":false,"archived":false,
             "url":"/api/histories/f2db41e1fa331b3e","published":false,"count":0,"annotation":null,"tags":["name:rna-seq","group:lab"],
             "update_time":"2026-11-25T09:35:34.123456","preferred_object_store_id":null}
            """;

        var history = JsonSerializer.Deserialize<HistorySummary>(json, ApiOptions)!;

        Assert.Equal(new GalaxyId(1), history.Id);
        Assert.Equal("History", history.ModelClass);
        Assert.Equal(["name:rna-seq", "group:lab"], history.Tags);
        Assert.Equal(new DateTime(2026, 11, 25, 9, 35, 34, 123, 456, DateTimeKind.Unspecified), history.UpdateTime);
        Assert.Null(history.Annotation);
        Assert.True(JsonNode.DeepEquals(Canonical(json), Canonical(JsonSerializer.Serialize(history, ApiOptions))));
    }

    [Fact]
    public void Members_the_schema_does_not_declare_are_kept_where_it_allows_them()
    {
        const string json = """
            {"model_class":"History","id":"f2db41e1fa331b3e","name":"h","deleted":false,"purged":false,"archived":false,"url":"/api/histories/f2db41e1fa331b3e",
             "published":false,"count":0,"annotation":"a","tags":[],"update_time":"2026-11-25T09:35:34","preferred_object_store_id":"s3","nice_size":"0 bytes"}
            """;

        var history = JsonSerializer.Deserialize<HistorySummary>(json, ApiOptions)!;

        Assert.Equal("0 bytes", history.AdditionalProperties!["nice_size"].GetString());
        Assert.True(JsonNode.DeepEquals(Canonical(json), Canonical(JsonSerializer.Serialize(history, ApiOptions))));
    }

    [Fact]
    public void A_current_user_as_Galaxy_sends_it_round_trips()
    {
        const string json = """
            {"id":"f2db41e1fa331b3e","username":"alice","email":"alice@example.org","deleted":false,"purged":false,"is_admin":true,
             "total_disk_usage":1536.0,"nice_total_disk_usage":"1.5 KB","quota_percent":null,"quota":"unlimited","quota_bytes":null,
             "preferences":{"extra_user_preferences":"{}"},"tags_used":["name:rna-seq"],"preferred_object_store_id":null}
            """;

        var user = JsonSerializer.Deserialize<DetailedUserModel>(json, ApiOptions)!;

        Assert.Equal("alice", user.Username);
        Assert.True(user.IsAdmin);
        Assert.True(JsonNode.DeepEquals(Canonical(json), Canonical(JsonSerializer.Serialize(user, ApiOptions))));
    }

    [Theory]
    [InlineData("""{"name":"h"}""", "model_class")]
    [InlineData("""{"model_class":"History","id":"f2db41e1fa331b3e","name":null,"deleted":false,"purged":false,"archived":false,"url":"u","published":false,"count":0,"annotation":null,"tags":[],"update_time":"2026-11-25T09:35:34"}""", "name")]
    [InlineData("""{"model_class":"History","id":"not-an-id","name":"h","deleted":false,"purged":false,"archived":false,"url":"u","published":false,"count":0,"annotation":null,"tags":[],"update_time":"2026-11-25T09:35:34"}""", "id")]
    public void What_the_schema_refuses_the_serializer_refuses(string json, string member)
    {
        var exception = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<HistorySummary>(json, ApiOptions));

        Assert.Contains(member, exception.Message + exception.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_that_forbids_other_members_refuses_them()
    {
        Assert.NotNull(JsonSerializer.Deserialize<UrlDataElement>("""{"src":"url","url":"https://example.org/a.txt"}""", ApiOptions));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<UrlDataElement>("""{"src":"url","url":"https://example.org/a.txt","bogus":1}""", ApiOptions));
    }

    [Fact]
    public void Enum_members_are_read_and_written_by_Galaxy_s_names_only()
    {
        Assert.Equal(DatasetState.FailedMetadata, JsonSerializer.Deserialize<DatasetState>("\"failed_metadata\"", ApiOptions));
        Assert.Equal("\"failed_metadata\"", JsonSerializer.Serialize(DatasetState.FailedMetadata, ApiOptions));
        Assert.Equal("\"HistoryDatasetAssociation\"", JsonSerializer.Serialize(TaggableItemClass.HistoryDatasetAssociation, ApiOptions));
        Assert.Equal(StoredItemOrderBy.NameDsc, JsonSerializer.Deserialize<StoredItemOrderBy>("\"name-dsc\"", ApiOptions));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DatasetState>("\"FailedMetadata\"", ApiOptions));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DatasetState>("3", ApiOptions));
    }

    private static JsonNode? Canonical(string json) => Normalize(JsonNode.Parse(json));

    /// <summary>Numbers by value (1536.0 is 1536), so that the comparison is of meaning, not spelling.</summary>
    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(static p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalize).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
        _ => node?.DeepClone(),
    };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new GalaxyIdJsonConverter(new GalaxyIdEncoder(GalaxyIdEncoder.DefaultSecret)));
        options.Converters.Add(new ToolkitEnumConverters());
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>
/// What the API generator emits for each enum an operation uses: the toolkit's strict <c>GalaxyEnumConverter</c> with
/// <c>[JsonStringEnumMemberName]</c>, else the member name under the snake_case policy (no other case, no numbers).
/// </summary>
internal sealed class ToolkitEnumConverters : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var fields = typeToConvert.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static);
        var names = fields.Select(static f => f.GetCustomAttributes(typeof(JsonStringEnumMemberNameAttribute), false).Cast<JsonStringEnumMemberNameAttribute>().SingleOrDefault()?.Name
            ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Name)).ToArray();
        var values = Array.CreateInstance(typeToConvert, fields.Length);
        for (var i = 0; i < fields.Length; i++)
        {
            values.SetValue(fields[i].GetValue(null), i);
        }

        return (JsonConverter)Activator.CreateInstance(typeof(Galaxy.Api.Toolkit.Binding.GalaxyEnumConverter<>).MakeGenericType(typeToConvert), names, values)!;
    }
}
