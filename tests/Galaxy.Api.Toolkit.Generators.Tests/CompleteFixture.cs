namespace Galaxy.Api.Toolkit.Generators.Tests;

/// <summary>A fixture using every construct the document supports; its document is a snapshot.</summary>
internal static class CompleteFixture
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;
        using Galaxy.Api.Toolkit;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Http.HttpResults;
        using Microsoft.AspNetCore.Mvc;

        [assembly: GalaxyApiDocument(Title = "Complete", Version = "3.0", Description = "Every construct.", License = "MIT",
            LicenseUrl = "https://opensource.org/license/mit", ContactName = "Team", ContactEmail = "team@example.org")]

        namespace Complete;

        /// <summary>How an item is sorted.</summary>
        public enum SortOrder
        {
            CreateTime,
            [JsonStringEnumMemberName("update_time-dsc")]
            UpdateTimeDescending,
        }

        /// <summary>A page of results.</summary>
        /// <typeparam name="T">The item type.</typeparam>
        public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

        /// <summary>An item.</summary>
        public sealed class Item
        {
            /// <summary>The encoded id.</summary>
            public required GalaxyId Id { get; init; }

            /// <summary>The name.</summary>
            /// <example>My item</example>
            [Required, StringLength(255, MinimumLength = 1)]
            public required string Name { get; init; }

            [JsonPropertyName("e-mail"), EmailAddress]
            public string? Email { get; init; }

            [Url]
            public Uri? Homepage { get; init; }

            [Range(1, 100)]
            public int Priority { get; set; } = 5;

            [Range(0.0, 1.0, MinimumIsExclusive = true)]
            public double Weight { get; set; }

            [RegularExpression("[a-z]+")]
            public string Slug { get; set; } = "item";

            [MinLength(1), MaxLength(10)]
            public List<string> Tags { get; set; } = [];

            [Length(2, 4)]
            public string[] Codes { get; set; } = [];

            [AllowedValues("new", "ok", "error")]
            public string State { get; set; } = "new";

            [DeniedValues("admin")]
            public string? Owner { get; set; }

            [Base64String]
            public string? Blob { get; set; }

            [Description("Labels by language.")]
            public Dictionary<string, string> Labels { get; set; } = new();

            public HashSet<int> Numbers { get; set; } = [];

            public DateTime CreateTime { get; set; }

            public DateTimeOffset? UpdateTime { get; set; }

            public DateOnly Day { get; set; }

            public Guid Uuid { get; set; }

            public SortOrder Order { get; set; } = SortOrder.UpdateTimeDescending;

            [DefaultValue(true)]
            public bool Visible { get; set; } = true;

            [Obsolete("Use Name.")]
            public string? Title { get; set; }

            [JsonIgnore]
            public string Secret { get; set; } = "";

            public Shape? Shape { get; set; }

            public Item? Parent { get; set; }
        }

        /// <summary>A shape.</summary>
        [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
        [JsonDerivedType(typeof(Circle), "circle")]
        [JsonDerivedType(typeof(Square), "square")]
        public abstract record Shape(string Color);

        public sealed record Circle(string Color, double Radius) : Shape(Color);

        public sealed record Square(string Color, double Side) : Shape(Color);

        /// <summary>Creates an item.</summary>
        /// <param name="Name">The new item's name.</param>
        /// <param name="Count">How many.</param>
        /// <param name="Order">The sort order.</param>
        public sealed record CreateItem([Required] string Name, [Range(1, 10)] int Count = 1, SortOrder Order = SortOrder.CreateTime);

        /// <summary>Query of the index.</summary>
        /// <param name="Limit">At most this many.</param>
        /// <param name="Offset">Skip this many.</param>
        /// <param name="ShowOwn">Include own items.</param>
        public sealed record IndexQuery([Range(1, 1000)] int? Limit, int Offset = 0, bool ShowOwn = true);

        /// <summary>Items and what they do.</summary>
        [ApiRouter("items", Description = "Operations on items.")]
        public static class ItemsApi
        {
            /// <summary>Lists items.</summary>
            /// <returns>The page of items.</returns>
            [Get("/api/items", Alias = "/api/items/all")]
            public static Page<Item> Index([AsParameters] IndexQuery query, GalaxyQueryFilters filters, [CommaSeparated] string[]? keys, SortOrder order = SortOrder.UpdateTimeDescending)
                => new([], 0);

            /// <summary>Shows an item.</summary>
            [Get("/api/items/{item_id}", Public = true)]
            public static Results<Ok<Item>, NotFound> Show(GalaxyId item_id, [FromHeader(Name = "run-as")] GalaxyId? runAs) => TypedResults.NotFound();

            /// <summary>Creates an item.</summary>
            [Post("/api/items", StatusCode = 200)]
            public static Task<Item> Create([FromJsonOrForm] CreateItem payload) => Task.FromResult<Item>(null!);

            /// <summary>Deletes every item.</summary>
            [Delete("/api/items", RequireAdmin = true)]
            [Obsolete]
            public static void Purge(GalaxyUser user, [Range(1, 5)] int level = 1)
            {
            }
        }
        """;
}
