using Galaxy.Api.Toolkit.Ids;

namespace Galaxy.Legacy.Infrastructure;

/// <summary>Galaxy's encoded ids under <c>Galaxy:IdSecret</c>, with Galaxy's errors for values that do not decode.</summary>
/// <param name="encoder">The encoder of the server's secret.</param>
internal sealed class LegacyIds(GalaxyIdEncoder encoder)
{
    public string Encode(long id) => encoder.Encode(id);

    /// <summary>Decodes <paramref name="value"/>; 400008 (at <paramref name="location"/>) for a bad format, 400009 when it does not decode.</summary>
    public long Decode(string? value, params object[] location)
    {
        switch (encoder.TryDecode(value, out var id))
        {
            case GalaxyIdDecodeStatus.Ok:
                return id;
            case GalaxyIdDecodeStatus.InvalidFormat:
                throw LegacyApiException.Validation(new LegacyValidationError(
                    location,
                    "Invalid encoded id, expected hexadecimal digits (0-9, a-f) in a length that is a multiple of 16",
                    "value_error"));
            default:
                throw new LegacyApiException(LegacyErrorCode.MalformedId, $"Wrong/Malformed id ( {value} ) specified, unable to decode.");
        }
    }
}
