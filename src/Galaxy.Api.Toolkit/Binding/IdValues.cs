using System.ComponentModel;
using Galaxy.Api.Toolkit.Ids;

namespace Galaxy.Api.Toolkit.Binding;

/// <summary>Binds encoded ids from route, query and header values; used by generated handlers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class IdValues
{
    /// <summary>
    /// Decodes <paramref name="raw"/>. A value of the wrong format fails (a 400008 validation failure); a value of the
    /// right format that does not decode succeeds with a default id and is remembered in <paramref name="malformed"/>,
    /// which the handler answers with 400009 once every value has been read.
    /// </summary>
    /// <param name="ids">The API's encoder.</param>
    /// <param name="raw">The encoded id.</param>
    /// <param name="id">The decoded id.</param>
    /// <param name="malformed">The first value that did not decode.</param>
    public static bool TryParse(GalaxyIdEncoder ids, string raw, out GalaxyId id, ref string? malformed)
    {
        ArgumentNullException.ThrowIfNull(ids);
        switch (ids.TryDecode(raw, out var value))
        {
            case GalaxyIdDecodeStatus.Ok:
                id = new GalaxyId(value);
                return true;
            case GalaxyIdDecodeStatus.Undecodable:
                malformed ??= raw;
                id = default;
                return true;
            default:
                id = default;
                return false;
        }
    }

    /// <summary>Galaxy's 400009 error for an id that does not decode.</summary>
    /// <param name="raw">The value as given.</param>
    public static GalaxyApiException Malformed(string raw)
        => new(GalaxyErrorCodes.MalformedId, $"Wrong/Malformed id ( {raw} ) specified, unable to decode.");
}
