using Galaxy.Api.Toolkit;

namespace Galaxy.Api.Toolkit.Migration.Tests.Catalog;

/// <summary>The modern side of the migration tests: it ports two operations of Catalog/legacy-manifest.json.</summary>
[ApiRouter("items", Description = "Items, ported from the legacy service.", Public = true)]
public sealed class ItemsApi
{
    /// <summary>Lists items.</summary>
    /// <param name="limit">At most this many.</param>
    [Get("/api/items")]
    public static IReadOnlyList<Item> Index(int? limit) => [new Item("1", "modern")];

    /// <summary>Updates an item.</summary>
    /// <param name="item_id">The item.</param>
    [Put("/api/items/{item_id}")]
    public static Item Update(string item_id) => new(item_id, "modern");
}

/// <summary>An item.</summary>
/// <param name="Id">Its id.</param>
/// <param name="ServedBy">Which side answered.</param>
public sealed record Item(string Id, string ServedBy);
