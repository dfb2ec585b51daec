using System.Globalization;

namespace Galaxy.Api.Toolkit;

/// <summary>
/// A database id as Galaxy's clients see it: the decoded integer in the API's code, the Blowfish-encoded hex string on
/// the wire (route, query, JSON). Encoding uses the server's <c>id_secret</c> (<c>GalaxyApiOptions.IdSecret</c>).
/// </summary>
/// <param name="Value">The decoded database id.</param>
public readonly record struct GalaxyId(long Value) : IComparable<GalaxyId>
{
    /// <inheritdoc/>
    public int CompareTo(GalaxyId other) => Value.CompareTo(other.Value);

    /// <summary>The decoded value, for logs; the wire form needs the encoder.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Compares ids.</summary>
    public static bool operator <(GalaxyId left, GalaxyId right) => left.Value < right.Value;

    /// <summary>Compares ids.</summary>
    public static bool operator >(GalaxyId left, GalaxyId right) => left.Value > right.Value;

    /// <summary>Compares ids.</summary>
    public static bool operator <=(GalaxyId left, GalaxyId right) => left.Value <= right.Value;

    /// <summary>Compares ids.</summary>
    public static bool operator >=(GalaxyId left, GalaxyId right) => left.Value >= right.Value;
}
