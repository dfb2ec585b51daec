using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>An enum with an explicit wire name.</summary>
public enum Tone
{
    Warm,
    [JsonStringEnumMemberName("ice-cold")]
    IceCold,
    VeryLoud,
}

/// <summary>Every scalar type, as bound (null when absent).</summary>
public sealed record ScalarValues(
    string? Str,
    byte? U8,
    sbyte? I8,
    short? I16,
    ushort? U16,
    int? I32,
    uint? U32,
    long? I64,
    ulong? U64,
    float? F32,
    double? F64,
    decimal? Dec,
    bool? Flag,
    Guid? Uuid,
    DateTime? Moment,
    DateTimeOffset? Instant,
    DateOnly? Day,
    Shade? Shade,
    Tone? Tone);

/// <summary>The values of parameters with defaults.</summary>
public sealed record DefaultValues(string Str, byte U8, short I16, int I32, long I64, ulong U64, float F32, double F64, decimal Dec, bool Flag, Shade Shade, Tone Tone, int? Maybe);

/// <summary>The values of required parameters.</summary>
public sealed record RequiredValues(int I32, bool Flag, Guid Uuid, Shade Shade, string Str);

/// <summary>Scalars of every type from the route, the query and headers.</summary>
[ApiRouter("scalars", Public = true)]
public static class ScalarApi
{
    [Get("/behaviour/scalars/route/str/{value}")]
    public static string RouteStr(string value) => value;

    [Get("/behaviour/scalars/route/u8/{value}")]
    public static byte RouteU8(byte value) => value;

    [Get("/behaviour/scalars/route/i8/{value}")]
    public static sbyte RouteI8(sbyte value) => value;

    [Get("/behaviour/scalars/route/i16/{value}")]
    public static short RouteI16(short value) => value;

    [Get("/behaviour/scalars/route/u16/{value}")]
    public static ushort RouteU16(ushort value) => value;

    [Get("/behaviour/scalars/route/i32/{value}")]
    public static int RouteI32(int value) => value;

    [Get("/behaviour/scalars/route/u32/{value}")]
    public static uint RouteU32(uint value) => value;

    [Get("/behaviour/scalars/route/i64/{value}")]
    public static long RouteI64(long value) => value;

    [Get("/behaviour/scalars/route/u64/{value}")]
    public static ulong RouteU64(ulong value) => value;

    [Get("/behaviour/scalars/route/f32/{value}")]
    public static float RouteF32(float value) => value;

    [Get("/behaviour/scalars/route/f64/{value}")]
    public static double RouteF64(double value) => value;

    [Get("/behaviour/scalars/route/dec/{value}")]
    public static decimal RouteDec(decimal value) => value;

    [Get("/behaviour/scalars/route/flag/{value}")]
    public static bool RouteFlag(bool value) => value;

    [Get("/behaviour/scalars/route/uuid/{value}")]
    public static Guid RouteUuid(Guid value) => value;

    [Get("/behaviour/scalars/route/moment/{value}")]
    public static DateTime RouteMoment(DateTime value) => value;

    [Get("/behaviour/scalars/route/instant/{value}")]
    public static DateTimeOffset RouteInstant(DateTimeOffset value) => value;

    [Get("/behaviour/scalars/route/day/{value}")]
    public static DateOnly RouteDay(DateOnly value) => value;

    [Get("/behaviour/scalars/route/shade/{value}")]
    public static Shade RouteShade(Shade value) => value;

    [Get("/behaviour/scalars/route/tone/{value}")]
    public static Tone RouteTone(Tone value) => value;

    /// <summary>A nullable route value: the segment is always there when the route matches.</summary>
    [Get("/behaviour/scalars/route/maybe/{value}")]
    public static int? RouteMaybe(int? value) => value;

    /// <summary>An optional route segment.</summary>
    [Get("/behaviour/scalars/optional-route/{value?}")]
    public static string OptionalRoute(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";

    /// <summary>A catch-all route segment.</summary>
    [Get("/behaviour/scalars/catch-all/{*rest}")]
    public static string CatchAll(string rest) => rest;

    /// <summary>Every scalar from the query, all optional.</summary>
    [Get("/behaviour/scalars/query")]
    public static ScalarValues Query(
        string? str, byte? u8, sbyte? i8, short? i16, ushort? u16, int? i32, uint? u32, long? i64, ulong? u64, float? f32, double? f64,
        decimal? dec, bool? flag, Guid? uuid, DateTime? moment, DateTimeOffset? instant, DateOnly? day, Shade? shade, Tone? tone)
        => new(str, u8, i8, i16, u16, i32, u32, i64, u64, f32, f64, dec, flag, uuid, moment, instant, day, shade, tone);

    /// <summary>Every scalar from a header, all optional.</summary>
    [Get("/behaviour/scalars/header")]
    public static ScalarValues Header(
        [FromHeader(Name = "x-str")] string? str,
        [FromHeader(Name = "x-u8")] byte? u8,
        [FromHeader(Name = "x-i8")] sbyte? i8,
        [FromHeader(Name = "x-i16")] short? i16,
        [FromHeader(Name = "x-u16")] ushort? u16,
        [FromHeader(Name = "x-i32")] int? i32,
        [FromHeader(Name = "x-u32")] uint? u32,
        [FromHeader(Name = "x-i64")] long? i64,
        [FromHeader(Name = "x-u64")] ulong? u64,
        [FromHeader(Name = "x-f32")] float? f32,
        [FromHeader(Name = "x-f64")] double? f64,
        [FromHeader(Name = "x-dec")] decimal? dec,
        [FromHeader(Name = "x-flag")] bool? flag,
        [FromHeader(Name = "x-uuid")] Guid? uuid,
        [FromHeader(Name = "x-moment")] DateTime? moment,
        [FromHeader(Name = "x-instant")] DateTimeOffset? instant,
        [FromHeader(Name = "x-day")] DateOnly? day,
        [FromHeader(Name = "x-shade")] Shade? shade,
        [FromHeader(Name = "x-tone")] Tone? tone)
        => new(str, u8, i8, i16, u16, i32, u32, i64, u64, f32, f64, dec, flag, uuid, moment, instant, day, shade, tone);

    /// <summary>Defaults used when absent.</summary>
    [Get("/behaviour/scalars/defaults")]
    public static DefaultValues Defaults(
        string str = "abc", byte u8 = 3, short i16 = -4, int i32 = 7, long i64 = 9_000_000_000, ulong u64 = 18_000_000_000_000_000_000,
        float f32 = 0.25F, double f64 = 1.5, decimal dec = 2.75M, bool flag = true, Shade shade = Shade.DarkGrey, Tone tone = Tone.IceCold, int? maybe = null)
        => new(str, u8, i16, i32, i64, u64, f32, f64, dec, flag, shade, tone, maybe);

    /// <summary>Required query and header values.</summary>
    [Get("/behaviour/scalars/required")]
    public static RequiredValues Required(int i32, bool flag, Guid uuid, Shade shade, [FromHeader(Name = "x-str")] string str)
        => new(i32, flag, uuid, shade, str);

    /// <summary>Explicit <c>[FromQuery]</c> and <c>[FromRoute]</c> with other names.</summary>
    [Get("/behaviour/scalars/named/{item_id}")]
    public static string Named([FromRoute(Name = "item_id")] int itemId, [FromQuery(Name = "page-size")] int pageSize = 10)
        => FormattableString.Invariant($"{itemId}/{pageSize}");
}
