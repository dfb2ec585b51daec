using CsCheck;
using static Galaxy.Api.Toolkit.Tests.Differential.JsonGen;

namespace Galaxy.Api.Toolkit.Tests.Differential;

/// <summary>
/// Payload generators of the request bodies under test, derived from their documented schemas (read in the served
/// document; the bounds below are the document's): each member gets values on both sides of every bound, null, left
/// out, wrong JSON types, and unknown members beside it.
/// </summary>
/// <remarks>
/// <c>format</c>s are drawn from fixed lists valid, or invalid, under both the server's rules (DataAnnotations) and
/// NJsonSchema's: the two disagree on values such as <c>alice@localhost</c> and <c>a b@c.org</c> (<c>[EmailAddress]</c>
/// takes them, NJsonSchema's regex does not), <c>http://</c> (<c>[Url]</c> takes it, <see cref="Uri.TryCreate(string, UriKind, out Uri)"/>
/// does not), <c>mailto:a@b.org</c> or <c>/a/path</c> (the other way round, the latter on Unix),
/// <c>QUJD RA==</c> (<see cref="System.Buffers.Text.Base64.IsValid(ReadOnlySpan{char})"/> skips whitespace) and
/// <c>Q===</c> (NJsonSchema's length-and-alphabet check takes it); JSON Schema 2020-12 leaves <c>format</c> an
/// annotation, so neither side is the document's. Numbers keep to 15 significant digits (NJsonSchema compares as
/// <see cref="decimal"/> converted from <see cref="double"/>).
/// </remarks>
internal static class BodyGens
{
    private static readonly Gen<string?> ValidEmail = OneOfStrings("alice@example.org", "a.b+c@mail.example.com", "x_y@sub.domain.io", "UPPER@EXAMPLE.ORG");
    private static readonly Gen<string?> InvalidEmail = OneOfStrings("plainaddress", "@example.org", "alice@", "a@b@example.org", "");
    private static readonly Gen<string?> ValidUrl = OneOfStrings("https://example.org", "http://example.org/a?b=c#d", "ftp://files.example.org/pub", "HTTPS://EXAMPLE.ORG/");
    private static readonly Gen<string?> InvalidUrl = OneOfStrings("example.org", "not a url", "www.example.org", "");
    private static readonly Gen<string?> ValidBase64 = OneOfStrings("", "QUJD", "QUJDRA==", "aGVsbG8gd29ybGQ=", "YQ==");
    private static readonly Gen<string?> InvalidBase64 = OneOfStrings("QUJ", "!!!!", "QUJDRA=", "QU=D", "@@@@");

    /// <summary>Whitespace of .NET (<see cref="char.IsWhiteSpace(char)"/>) and of ECMA-262 (<c>\s</c>), which differ on U+0085 and U+FEFF; U+200B is neither.</summary>
    private static readonly Gen<string?> Blank = OneOfStrings(" ", "   ", "\t", "\n", " \r\n ", "\u00a0", "\u2003", "\u3000", "\u2028", "\u0085", "\ufeff", "\u200b", " \ufeff ");

    private static Gen<string?> NullOrMissing => Raw(Null, Missing);

    /// <summary>Strings of an item list, with nulls among them.</summary>
    private static Gen<string?> WithNulls(Gen<string?> item) => Frequency((3, item), (1, Raw(Null)));

    // ---------------------------------------------------------------- Registration (POST /behaviour/validation/register)

    /// <summary><c>Address</c>: <c>zip</c> required, <c>["null","string"]</c>, 1 to 5 long.</summary>
    private static readonly MemberGen Zip = new(
        "zip",
        Frequency((4, Strings(Digits + Upper, 1, 5)), (1, AstralStrings(1, 2)), (1, OneOfStrings("1", "12345", "A B"))),
        Frequency((2, Strings(Digits, 6, 9)), (1, OneOfStrings("")), (2, AstralStrings(3, 5)), (3, NullOrMissing), (1, NotString)));

    private static Gen<string?> AddressValid => ObjectOf(Zip.ValidOnly, Extra("extra", "Zip"));

    private static Gen<string?> AddressMixed => ObjectOf(Zip.Mixed(60), Extra("extra", "Zip"));

    private static readonly MemberGen[] Registration =
    [
        new("name",
            Frequency((6, Strings(Plain, 3, 12)), (1, OneOfStrings("abc", "   ", "abcdefghijkl")), (1, AstralStrings(3, 6))),
            Frequency((2, Strings(Plain, 0, 2)), (2, Strings(Plain, 13, 20)), (2, AstralStrings(1, 2)), (2, AstralStrings(7, 14)), (2, NullOrMissing), (1, NotString))),
        new("email",
            Frequency((4, ValidEmail), (1, NullOrMissing)),
            Frequency((4, InvalidEmail), (1, NotString))),
        new("homepage",
            Frequency((4, ValidUrl), (1, NullOrMissing)),
            Frequency((4, InvalidUrl), (1, NotString))),
        new("seats",
            Frequency((4, Ints(1, 10)), (1, Raw("1", "10", Missing))),
            Frequency((2, Raw("0", "11", "-1", Null)), (1, Ints(11, 100000)), (1, Ints(-100000, 0)), (1, IntegerEdges), (1, NotNumber))),
        new("ratio",
            Frequency((4, Decimals(0.000001, 1)), (1, Raw("1", "1.0", "0.5", "1e-9", "0.000001", "1E-3", Missing))),
            Frequency((2, Raw("0", "0.0", "-0.0", "-1", "1.000001", "2", "1e3", Null)), (1, Decimals(-10, 0)), (1, Decimals(1.000001, 10)), (1, NotNumber))),
        new("slug",
            Frequency((4, Strings(Lower, 1, 8)), (1, NullOrMissing)),
            Frequency((2, Strings(Lower + Upper + Digits + " -", 0, 8)), (2, OneOfStrings("", "\nabc", "ABC", "ab c", "ab-c", "é")), (2, OneOfStrings("abc\n", "z\n")), (1, NotString))),
        new("tags",
            Frequency((4, ArrayOf(Strings(Plain, 0, 6), 1, 3)), (1, Raw(Missing))),
            Frequency((1, ArrayOf(Strings(Plain, 0, 6), 0, 0)), (1, ArrayOf(Strings(Plain, 0, 6), 4, 6)), (2, ArrayOf(WithNulls(Strings(Plain, 0, 6)), 1, 3)),
                (1, ArrayOf(NotString, 1, 2)), (1, Raw(Null)), (1, NotArray))),
        new("size",
            Frequency((4, OneOfStrings("small", "large")), (1, Raw(Missing))),
            Frequency((3, OneOfStrings("medium", "Small", "LARGE", "", "small ")), (1, Raw(Null)), (1, NotString))),
        new("login",
            Frequency((3, OneOfStrings("alice", "Root", "root2", "rooT", "")), (2, Strings(Plain, 0, 10)), (1, NullOrMissing)),
            Frequency((3, OneOfStrings("root")), (1, NotString))),
        new("avatar",
            Frequency((4, ValidBase64), (1, NullOrMissing)),
            Frequency((4, InvalidBase64), (1, NotString))),
        new("address",
            Frequency((3, AddressValid), (1, NullOrMissing)),
            Frequency((4, AddressMixed), (1, NotObject))),
        new("previous",
            Frequency((3, ArrayOf(AddressValid, 0, 3)), (1, Raw(Missing))),
            Frequency((3, ArrayOf(Frequency((4, AddressMixed), (1, Raw(Null)), (1, NotObject)), 1, 3)), (1, Raw(Null)), (1, NotArray))),
    ];

    public static Gen<string> RegistrationBody => Body(Registration, Extra("extra", "Name", "unknown_member", "SEATS"), "name");

    // ---------------------------------------------------------------- Draft (POST /behaviour/bodies/json)

    private static readonly MemberGen Int32Member = new(
        "int",
        Frequency((3, Ints(-1000, 1000)), (1, Gen.Int.Select(static i => (string?)Num(i))), (1, Raw("0", "2147483647", "-2147483648", Missing))),
        Frequency((3, IntegerEdges), (1, Raw(Null)), (2, NotNumber)));

    private static readonly MemberGen StringList = new(
        "list",
        Frequency((4, ArrayOf(Strings(Plain, 0, 5), 0, 4)), (1, NullOrMissing)),
        Frequency((3, ArrayOf(WithNulls(Strings(Plain, 0, 5)), 1, 4)), (1, ArrayOf(NotString, 1, 2)), (1, NotArray)));

    private static readonly MemberGen[] Draft =
    [
        new("display_name",
            Frequency((4, Strings(Plain, 0, 10)), (1, AstralStrings(0, 3))),
            Frequency((2, NullOrMissing), (1, NotString))),
        Int32Member with { Name = "item_count" },
        new("size",
            Frequency((3, Ints(-100, 100)), (1, Raw("2147483647", "-2147483648")), (1, NullOrMissing)),
            Frequency((3, IntegerEdges), (2, NotNumber))),
        new("visible",
            Raw("true", "false", Missing),
            Frequency((1, Raw(Null)), (3, NotBoolean))),
        StringList with { Name = "tags" },
        new("shade",
            Frequency((4, OneOfStrings("light", "dark_grey")), (1, Raw(Missing))),
            Frequency(
                (4, OneOfStrings("Light", "LIGHT", "DarkGrey", "darkgrey", "DARK_GREY", "Dark_Grey", "dark-grey", "dark grey", "", "0", "1", "light, dark_grey", "Light, DarkGrey", " light", "light ")),
                (1, Raw(Null, "0", "1")),
                (1, NotString))),
        new("note",
            Frequency((3, Strings(Plain, 0, 10)), (1, NullOrMissing)),
            NotString),
    ];

    public static Gen<string> DraftBody => Body(Draft, Extra("extra", "Display_Name", "displayName", "ItemCount"), "display_name");

    // ---------------------------------------------------------------- Payload (POST /behaviour/body)

    private static readonly MemberGen[] Payload =
    [
        new("title",
            Frequency((4, Strings(Plain, 0, 10)), (1, AstralStrings(0, 3))),
            Frequency((2, NullOrMissing), (1, NotString))),
        Int32Member with { Name = "count" },
        StringList with { Name = "tags" },
    ];

    /// <summary>Three members only: each is invalid more often, for a mix of both verdicts.</summary>
    public static Gen<string> PayloadBody => Body(Payload, Extra("extra", "Title", "COUNT"), "title", invalidPercent: 20);

    // ---------------------------------------------------------------- Signup (POST /behaviour/fluent/signup)

    /// <summary><c>Contact</c>: <c>phone</c> required, <c>["null","string"]</c>, pattern <c>^[0-9+ ]+$</c>.</summary>
    private static readonly MemberGen Phone = new(
        "phone",
        Frequency((4, Strings(Digits + "+ ", 1, 12)), (1, Raw(Null))),
        Frequency((3, OneOfStrings("", "abc", "12a", "123\n", "+1 555\n", "\n123", "１２３", "٣٤")), (1, Raw(Missing)), (1, NotString)));

    /// <summary>
    /// The members marked <c>x-galaxy-unexpressed-rules</c> (<c>login</c>: a <c>Must</c> refusing <c>"admin"</c>;
    /// <c>nickname</c>: a <c>MustAsync</c> refusing <c>"taken"</c>, see FluentRouters.cs) are generated only with values
    /// passing those hidden rules; the test checks the document marks exactly these members.
    /// </summary>
    private static readonly MemberGen[] Signup =
    [
        new("login",
            Frequency((4, Strings(Plain, 1, 20)), (1, AstralStrings(1, 10)), (1, OneOfStrings("Admin", "ADMIN", " ", "admin "))),
            Frequency((1, OneOfStrings("")), (2, Strings(Plain, 21, 30)), (2, AstralStrings(11, 20)), (2, NullOrMissing), (1, NotString))),
        // FluentValidation counts lengths in UTF-16 units where the schema counts code points: the user's length rules
        // (nickname, tags) are not fed characters outside the BMP (a documented limitation of FluentValidation rules).
        new("nickname",
            Frequency((4, Strings(Plain, 1, 10)), (1, OneOfStrings("a", "x y", "Taken", "\u200bx"))),
            Frequency((1, OneOfStrings("")), (3, Blank), (1, OneOfStrings("\u0085", "\ufeff")), (2, Strings(Plain, 11, 16)), (2, NullOrMissing), (1, NotString))),
        new("age",
            Frequency((4, Ints(13, 120)), (1, Raw("13", "120"))),
            Frequency((2, Raw(Missing)), (2, Raw("12", "121", "0", "-1", Null)), (1, Ints(-100, 12)), (1, Ints(121, 100000)), (1, IntegerEdges), (1, NotNumber))),
        new("tags",
            Frequency((4, ArrayOf(Strings(Plain, 0, 5), 0, 4)), (1, Raw(Missing))),
            Frequency((2, ArrayOf(Strings(Plain, 6, 8), 1, 3)), (2, ArrayOf(WithNulls(Strings(Plain, 0, 5)), 1, 3)),
                (1, ArrayOf(NotString, 1, 2)), (1, Raw(Null)), (1, NotArray))),
        new("contact",
            Frequency((3, ObjectOf(Phone.ValidOnly, Extra("extra", "Phone"))), (1, NullOrMissing)),
            Frequency((4, ObjectOf(Phone.Mixed(50), Extra("extra", "Phone"))), (1, NotObject))),
    ];

    /// <summary>Values the hidden rules of <c>Signup</c> refuse; never generated.</summary>
    public static readonly IReadOnlyDictionary<string, string> SignupHiddenRefusals = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Signup.login"] = Str("admin"),
        ["Signup.nickname"] = Str("taken"),
    };

    public static Gen<string> SignupBody
        => Body(
            [
                Signup[0] with { Valid = Signup[0].Valid.Where(static v => v != SignupHiddenRefusals["Signup.login"]), Invalid = Signup[0].Invalid.Where(static v => v != SignupHiddenRefusals["Signup.login"]) },
                Signup[1] with { Valid = Signup[1].Valid.Where(static v => v != SignupHiddenRefusals["Signup.nickname"]), Invalid = Signup[1].Invalid.Where(static v => v != SignupHiddenRefusals["Signup.nickname"]) },
                .. Signup[2..],
            ],
            Extra("extra", "Login", "NickName", "age_years"),
            "login");

    // ----------------------------------------------------------------

    /// <summary>
    /// Bodies of a type: a third with every member meant valid, most with each member invalid
    /// <paramref name="invalidPercent"/> times in 100, a few that are not objects or not JSON.
    /// </summary>
    private static Gen<string> Body(MemberGen[] members, Gen<Member> extra, string firstMember, int invalidPercent = 7)
        => Frequency(
            (30, ObjectOf([.. members.Select(static m => m.ValidOnly), extra])),
            (62, ObjectOf([.. members.Select(m => m.Mixed(invalidPercent)), extra])),
            (8, NotAnObject(firstMember).Select(static s => (string?)s)))
            .Select(static s => s!);
}
