using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;

namespace Galaxy.Api.Toolkit.Tests.Differential;

/// <summary>
/// One member of a generated JSON object: its name and raw JSON value, or <see langword="null"/> when the member is
/// left out.
/// </summary>
internal readonly record struct Member(string Name, string? Json);

/// <summary>
/// A member's generators: values meant to be valid (including boundaries on the valid side) and values meant to be
/// invalid (the other side of each boundary, wrong types, null where not allowed). The intent only shapes the mix: the
/// verdicts come from the server and the served schema.
/// </summary>
internal sealed record MemberGen(string Name, Gen<string?> Valid, Gen<string?> Invalid)
{
    public Gen<Member> ValidOnly => Valid.Select(v => new Member(Name, v));

    /// <summary>Mostly valid values, sometimes invalid ones.</summary>
    public Gen<Member> Mixed(int invalidPercent)
        => JsonGen.Frequency((100 - invalidPercent, Valid), (invalidPercent, Invalid)).Select(v => new Member(Name, v));
}

/// <summary>Generators of raw JSON text.</summary>
internal static class JsonGen
{
    /// <summary>The member is left out.</summary>
    public const string? Missing = null;

    public const string Null = "null";

    public const string Lower = "abcdefghijklmnopqrstuvwxyz";
    public const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Digits = "0123456789";

    /// <summary>Letters, digits, space and punctuation, with BMP non-ASCII (one code unit, one code point each).</summary>
    public const string Plain = Lower + Upper + Digits + " -_.,'éßЖ漢";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Characters outside the BMP: one code point, two UTF-16 code units each (JSON Schema counts code points).</summary>
    public static readonly string[] Astral = ["😀", "𝄞", "🚀"];

    /// <summary>A JSON string literal.</summary>
    public static string Str(string value) => JsonSerializer.Serialize(value, Relaxed);

    /// <summary>A JSON number literal.</summary>
    public static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A JSON number literal (round-trip text, at most 15 significant digits).</summary>
    public static string Num(double value) => value.ToString("G15", CultureInfo.InvariantCulture);

    /// <summary>Text of <paramref name="min"/> to <paramref name="max"/> characters of <paramref name="alphabet"/>.</summary>
    public static Gen<string> Text(string alphabet, int min, int max)
        => Gen.Char[alphabet].Array[min, max].Select(static chars => new string(chars));

    /// <summary>JSON strings of <paramref name="min"/> to <paramref name="max"/> characters of <paramref name="alphabet"/>.</summary>
    public static Gen<string?> Strings(string alphabet, int min, int max) => Text(alphabet, min, max).Select(static s => (string?)Str(s));

    /// <summary>JSON strings of <paramref name="min"/> to <paramref name="max"/> code points, some of them outside the BMP.</summary>
    public static Gen<string?> AstralStrings(int min, int max)
        => Gen.OneOf<string>(["a", "b", .. Astral]).Array[min, max].Select(static parts => (string?)Str(string.Concat(parts)));

    /// <summary>One of fixed raw JSON values (<see cref="Missing"/> leaves the member out).</summary>
    public static Gen<string?> Raw(params string?[] values) => Gen.OneOf(values);

    /// <summary>One of fixed strings, as JSON strings.</summary>
    public static Gen<string?> OneOfStrings(params string[] values) => Gen.OneOf(values).Select(static s => (string?)Str(s));

    /// <summary>JSON integers in a range.</summary>
    public static Gen<string?> Ints(int min, int max) => Gen.Int[min, max].Select(static i => (string?)Num(i));

    /// <summary>JSON numbers of at most six decimals in a range.</summary>
    public static Gen<string?> Decimals(double min, double max)
        => Gen.Double[min, max].Select(static d => (string?)Num(Math.Round(d, 6)));

    /// <summary>A JSON array of <paramref name="min"/> to <paramref name="max"/> items.</summary>
    public static Gen<string?> ArrayOf(Gen<string?> item, int min, int max)
        => item.Select(static i => i ?? Null).Array[min, max].Select(static items => (string?)("[" + string.Join(",", items) + "]"));

    /// <summary>A JSON object of the members (left-out ones skipped).</summary>
    public static string Object(IEnumerable<Member> members)
        => "{" + string.Join(",", members.Where(static m => m.Json is not null).Select(static m => Str(m.Name) + ":" + m.Json)) + "}";

    /// <summary>An object of the members.</summary>
    public static Gen<string?> ObjectOf(params Gen<Member>[] members)
    {
        var all = Gen.Const(Array.Empty<Member>());
        foreach (var member in members)
        {
            all = Gen.Select(all, member, static (previous, next) => (Member[])[.. previous, next]);
        }

        return all.Select(static ms => (string?)Object(ms));
    }

    /// <summary>One of the generators, chosen with the given weights.</summary>
    public static Gen<T> Frequency<T>(params (int Weight, Gen<T> Gen)[] choices)
        => Gen.Frequency([.. choices.Select(static c => (c.Weight, (IGen<T>)c.Gen))]);

    /// <summary>Values of other JSON types than a string.</summary>
    public static Gen<string?> NotString => Raw("12", "0", "-1.5", "true", "false", "{}", "[]", "[\"a\"]", "{\"a\":\"b\"}");

    /// <summary>Values of other JSON types than a number.</summary>
    public static Gen<string?> NotNumber => Raw("\"5\"", "\"\"", "\"one\"", "true", "false", "{}", "[]", "[1]", "{\"value\":1}");

    /// <summary>Values of other JSON types than a boolean.</summary>
    public static Gen<string?> NotBoolean => Raw("\"true\"", "\"false\"", "\"yes\"", "1", "0", "{}", "[]", "[true]");

    /// <summary>Values of other JSON types than an array.</summary>
    public static Gen<string?> NotArray => Raw("{}", "{\"0\":\"a\"}", "\"a\"", "\"[]\"", "3", "true");

    /// <summary>Values of other JSON types than an object.</summary>
    public static Gen<string?> NotObject => Raw("[]", "[{}]", "\"x\"", "\"{}\"", "1", "true");

    /// <summary>Integers just outside the 32-bit range, and fractions.</summary>
    public static Gen<string?> IntegerEdges => Raw("2147483648", "-2147483649", "9223372036854775808", "99999999999999999999", "1.5", "-0.5", "0.1");

    /// <summary>
    /// Integers in a range written with a zero fraction or an exponent (<c>3.0</c>, <c>3e0</c>): integers for JSON Schema
    /// 2020-12 ("a number with a zero fractional part"), which pydantic (Galaxy) accepts for an int.
    /// </summary>
    public static Gen<string?> IntegralNotations(int min, int max)
        => Gen.Select(Gen.Int[min, max], Gen.OneOf<string>(".0", "e0", ".00", "0e-1"), static (i, form) => (string?)(Num(i) + form));

    /// <summary>Unknown members: the schemas allow additional properties, and the server ignores them.</summary>
    public static Gen<Member> Extra(params string[] names)
        => Frequency(
            (3, Gen.Const(new Member("unused", Missing))),
            (1, Gen.Select(Gen.OneOf(names), Raw("1", "null", "\"x\"", "{\"a\":[1,{}]}", "[null]", "true"), static (n, v) => new Member(n, v))));

    /// <summary>
    /// Bodies that are not objects, not JSON, or empty: the server answers 400003 or 400007, the schema rejects them
    /// (an object is required and the body is required).
    /// </summary>
    public static Gen<string> NotAnObject(string validMember)
        => Gen.OneOf<string>(
            "", " ", "null", "[]", "[{}]", "\"text\"", "42", "true", "{", "}", "{\"" + validMember + "\"", "{\"" + validMember + "\":}",
            "{\"" + validMember + "\":\"abc\",}", "{'" + validMember + "':'abc'}", "{\"" + validMember + "\":\"abc\"} // comment", "{\"" + validMember + "\":\"abc\"}}");
}
