namespace Galaxy.Api.Toolkit.Generators.Tests;

/// <summary>Source inputs shared by the generator tests.</summary>
internal static class Fixtures
{
    public const string Models = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;

        namespace Fixture;

        /// <summary>Colours a widget can have.</summary>
        public enum Color
        {
            Red,
            DarkGreen,
            [JsonStringEnumMemberName("blue!")]
            Blue,
        }

        /// <summary>A widget.</summary>
        /// <param name="Id">The widget's id.</param>
        /// <param name="Name">The widget's name.</param>
        /// <param name="Color">The widget's colour.</param>
        /// <param name="Tags">Labels.</param>
        /// <param name="Size">The size, when known.</param>
        public sealed record Widget(string Id, string Name, Color Color, IReadOnlyList<string> Tags, int? Size)
        {
            /// <summary>Where the widget was made.</summary>
            public Place? MadeIn { get; init; }

            [JsonIgnore]
            public string Secret { get; init; } = "";
        }

        /// <summary>A place.</summary>
        public sealed class Place
        {
            public required string City { get; init; }

            [JsonPropertyName("ISO")]
            public string? CountryCode { get; set; }

            public Place? Parent { get; set; }
        }

        /// <summary>The body that creates a widget.</summary>
        /// <param name="Name">The name of the new widget.</param>
        /// <param name="Color">Its colour.</param>
        /// <param name="Tags">Labels.</param>
        public sealed record CreateWidget(string Name, Color Color = Color.Red, [property: JsonPropertyName("labels")] List<string>? Tags = null);
        """;

    public const string Routers = """
        using System.Threading;
        using System.Threading.Tasks;
        using Galaxy.Api.Toolkit;

        [assembly: GalaxyApiDocument(Title = "Fixture API", Version = "2.0")]

        namespace Fixture;

        public interface IWidgetStore
        {
            Widget Get(string id);

            Widget Add(CreateWidget widget);
        }

        /// <summary>Widgets and what they do.</summary>
        [ApiRouter("widgets", Description = "Operations on widgets.")]
        public sealed class WidgetsApi(IWidgetStore store)
        {
            /// <summary>Shows a widget.</summary>
            /// <remarks>Widgets are never deleted.</remarks>
            /// <param name="widget_id">The widget's id.</param>
            /// <param name="verbose">Whether to say more.</param>
            /// <param name="limit">At most this many.</param>
            /// <param name="color">Only this colour.</param>
            [Get("/api/widgets/{widget_id}")]
            public Widget Show(string widget_id, bool? verbose, int limit = 10, Color color = Color.DarkGreen) => store.Get(widget_id);

            /// <summary>Creates a widget.</summary>
            [Post("/api/widgets")]
            public Task<Widget> Create(CreateWidget payload, CancellationToken cancellationToken) => Task.FromResult(store.Add(payload));

            [Delete("/api/widgets/{widget_id:long}", OperationId = "remove_widget")]
            public ValueTask Remove(long widget_id) => ValueTask.CompletedTask;
        }

        [ApiRouter("meta")]
        public static class MetaApi
        {
            [Get("/api/version")]
            public static string Version() => "1";
        }
        """;

    /// <summary>
    /// A JsonSerializerContext of the fixture's types (abstract: the tests do not run System.Text.Json's generator, which
    /// would implement it), as a Native AOT host declares one.
    /// </summary>
    public const string JsonContext = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;

        namespace Fixture;

        [JsonSerializable(typeof(Widget))]
        [JsonSerializable(typeof(CreateWidget))]
        [JsonSerializable(typeof(string))]
        internal abstract partial class FixtureJson : JsonSerializerContext;
        """;
}
