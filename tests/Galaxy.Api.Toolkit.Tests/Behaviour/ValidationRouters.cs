using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>A body with every DataAnnotations constraint the generated validators check.</summary>
public sealed class Registration
{
    [Required, StringLength(12, MinimumLength = 3)]
    public string? Name { get; init; }

    [EmailAddress]
    public string? Email { get; init; }

    [Url]
    public string? Homepage { get; init; }

    [Range(1, 10)]
    public int Seats { get; init; } = 1;

    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double Ratio { get; init; } = 0.5;

    [RegularExpression("[a-z]+")]
    public string? Slug { get; init; }

    [MinLength(1), MaxLength(3)]
    public List<string> Tags { get; init; } = ["t"];

    [AllowedValues("small", "large")]
    public string? Size { get; init; }

    [DeniedValues("root")]
    public string? Login { get; init; }

    [Base64String]
    public string? Avatar { get; init; }

    public Address? Address { get; init; }

    public List<Address> Previous { get; init; } = [];
}

/// <summary>A body with constants (<c>[Const]</c>, JSON Schema's <c>const</c>), as Galaxy's <c>model_class</c>.</summary>
public sealed class Labelled
{
    [Const("History"), System.Text.Json.Serialization.JsonRequired]
    public string ModelClass { get; init; } = "History";

    [Const(2)]
    public long? Version { get; init; }

    [Const(true)]
    public bool Flag { get; init; } = true;
}

/// <summary>A body that refuses members it does not declare, as pydantic's <c>extra="forbid"</c>.</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed class Closed
{
    public string? Name { get; init; }
}

/// <summary>A nested value with a constraint.</summary>
public sealed record Address([property: Required, MaxLength(5)] string? Zip);

[ApiRouter("validation", Public = true)]
public static class ValidationApi
{
    [Post("/behaviour/validation/register")]
    public static string Register(Registration registration) => "ok";

    [Post("/behaviour/validation/labelled")]
    public static Labelled Label(Labelled labelled) => labelled;

    [Post("/behaviour/validation/closed")]
    public static string Close(Closed closed) => closed.Name ?? "-";

    [Get("/behaviour/validation/query")]
    public static int Query([Range(1, 100)] int limit = 10, [StringLength(3)] string? code = null, [RegularExpression("[0-9]+")] string? digits = null) => limit;
}
