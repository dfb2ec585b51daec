using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace Galaxy.Api.Toolkit.Ids;

/// <summary>The outcome of <see cref="GalaxyIdEncoder.TryDecode"/>.</summary>
public enum GalaxyIdDecodeStatus
{
    /// <summary>The value decoded to a database id.</summary>
    Ok,

    /// <summary>
    /// The value is not an encoded id: empty, a length that is not a multiple of 16 (after an optional leading
    /// <c>F</c> of a library folder id) or a character that is not a hexadecimal digit. Galaxy answers 400008.
    /// </summary>
    InvalidFormat,

    /// <summary>
    /// The value has the format of an encoded id but does not decrypt to a decimal number (it was not produced with
    /// this secret and kind). Galaxy answers 400009.
    /// </summary>
    Undecodable,
}

/// <summary>
/// Galaxy's encoding of database ids (<c>lib/galaxy/security/idencoding.py</c>): the decimal id, left-padded with
/// <c>!</c> to a multiple of 8 bytes, encrypted with Blowfish in ECB mode under the server's <c>id_secret</c> and
/// written as lowercase hexadecimal. Ids encoded here decode in Galaxy and the reverse.
/// </summary>
/// <remarks>
/// <para>
/// A <em>kind</em> selects a separate cipher whose key is <c>"&lt;id_secret&gt;__&lt;kind&gt;"</c> in UTF-8, keeping
/// its last 56 bytes when longer (Galaxy's <c>_last_bits</c>: the kind is at the end, so the end is kept). A null or
/// empty kind is the main cipher. Kinds are fixed names chosen by code (Galaxy keeps them under 15 characters), never
/// values from a request: each distinct kind keeps a cipher for the life of the encoder.
/// </para>
/// <para>
/// The key schedule of each cipher is computed once and cached; an instance is safe to use from any number of threads
/// and is meant to be a singleton.
/// </para>
/// </remarks>
public sealed class GalaxyIdEncoder
{
    /// <summary>Galaxy's sample <c>id_secret</c>. It is public knowledge: never use it outside development and tests.</summary>
    public const string DefaultSecret = "USING THE DEFAULT IS NOT SECURE!";

    private const int MinimumKeyLength = 4;   // Blowfish: 32 to 448 bits.
    private const int MaximumKeyLength = 56;
    private const int BlockLength = 8;
    private const int BlockHexLength = BlockLength * 2;

    // long.MaxValue has 19 digits: padded to 24 bytes, 48 hexadecimal digits.
    private const int MaximumDigits = 19;
    private const int MaximumPlaintextLength = 24;
    private const int MaximumEncodedLength = MaximumPlaintextLength * 2;

    /// <summary>The largest number of characters <see cref="EncodeTo"/> writes.</summary>
    internal const int MaximumEncodedChars = MaximumEncodedLength;

    /// <summary>The message of a value whose format is not that of an encoded id.</summary>
    internal const string InvalidFormatMessage =
        "Invalid encoded id, expected hexadecimal digits (0-9, a-f) in a length that is a multiple of 16";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private readonly string _idSecret;
    private readonly Cipher _main;
    private readonly ConcurrentDictionary<string, Cipher> _kinds = new(StringComparer.Ordinal);

    /// <summary>Creates the encoder of a server.</summary>
    /// <param name="idSecret">The server's <c>id_secret</c>; its UTF-8 form is the Blowfish key, 4 to 56 bytes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="idSecret"/> is null.</exception>
    /// <exception cref="ArgumentException">The secret is shorter than 4 or longer than 56 bytes in UTF-8.</exception>
    public GalaxyIdEncoder(string idSecret)
    {
        ArgumentNullException.ThrowIfNull(idSecret);
        var key = Encoding.UTF8.GetBytes(idSecret);
        if (key.Length is < MinimumKeyLength or > MaximumKeyLength)
        {
            // The secret itself is never part of the message.
            throw new ArgumentException(
                $"The id secret must be {MinimumKeyLength} to {MaximumKeyLength} bytes long in UTF-8 (the key length Blowfish accepts); it is {key.Length} bytes.",
                nameof(idSecret));
        }

        _idSecret = idSecret;
        _main = new Cipher(key);
    }

    /// <summary>Encodes a database id.</summary>
    /// <param name="id">The id, zero or more.</param>
    /// <param name="kind">The kind of the cipher; null or empty for the main one.</param>
    /// <returns>The lowercase hexadecimal form, 16, 32 or 48 characters.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is negative.</exception>
    public string Encode(long id, string? kind = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        Span<char> buffer = stackalloc char[MaximumEncodedLength];
        var length = EncodeCore(id, CipherFor(kind), buffer);
        return new string(buffer[..length]);
    }

    /// <summary>Encodes a database id.</summary>
    /// <param name="id">The id; its value is zero or more.</param>
    /// <param name="kind">The kind of the cipher; null or empty for the main one.</param>
    /// <returns>The lowercase hexadecimal form.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The id is negative.</exception>
    public string Encode(GalaxyId id, string? kind = null) => Encode(id.Value, kind);

    /// <summary>
    /// Decodes an encoded id without throwing. Hexadecimal digits may be of either case; a library folder id's one
    /// leading <c>F</c> is accepted and ignored.
    /// </summary>
    /// <param name="encoded">The encoded id.</param>
    /// <param name="id">The database id when the result is <see cref="GalaxyIdDecodeStatus.Ok"/>, else 0.</param>
    /// <param name="kind">The kind of the cipher; null or empty for the main one.</param>
    /// <returns>Whether the value decoded, and if not whether its format or its content is wrong.</returns>
    public GalaxyIdDecodeStatus TryDecode(ReadOnlySpan<char> encoded, out long id, string? kind = null)
    {
        id = 0;
        var hex = encoded;
        if (hex.Length % BlockHexLength == 1 && hex[0] == 'F')
        {
            hex = hex[1..];
        }

        if (hex.Length == 0 || hex.Length % BlockHexLength != 0 || hex.ContainsAnyExcept(HexDigits))
        {
            return GalaxyIdDecodeStatus.InvalidFormat;
        }

        var decryptor = CipherFor(kind).Decryptor;
        Span<byte> block = stackalloc byte[BlockLength];
        Span<byte> plain = stackalloc byte[BlockLength];
        var inDigits = false;
        long value = 0;

        // Block by block, so any length decodes in constant memory: the plaintext is '!'* then one or more ASCII digits
        // (Galaxy: int(plaintext.lstrip("!"))), and the number must fit a long.
        for (var offset = 0; offset < hex.Length; offset += BlockHexLength)
        {
            Convert.FromHexString(hex.Slice(offset, BlockHexLength), block, out _, out _);
            decryptor.ProcessBlock(block, plain);
            foreach (var b in plain)
            {
                if (!inDigits && b == (byte)'!')
                {
                    continue;
                }

                inDigits = true;
                var digit = (uint)(b - (byte)'0');
                if (digit > 9 || value > (long.MaxValue - digit) / 10)
                {
                    return GalaxyIdDecodeStatus.Undecodable;
                }

                value = (value * 10) + digit;
            }
        }

        if (!inDigits)
        {
            return GalaxyIdDecodeStatus.Undecodable;
        }

        id = value;
        return GalaxyIdDecodeStatus.Ok;
    }

    /// <summary>Decodes an encoded id, failing with Galaxy's errors.</summary>
    /// <param name="encoded">The encoded id (see <see cref="TryDecode"/> for what is accepted).</param>
    /// <param name="kind">The kind of the cipher; null or empty for the main one.</param>
    /// <returns>The database id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="encoded"/> is null.</exception>
    /// <exception cref="GalaxyApiException">
    /// 400008 (<see cref="GalaxyErrorCodes.UserRequestInvalidParameter"/>) with one validation error at <c>["id"]</c>
    /// when the format is wrong; 400009 (<see cref="GalaxyErrorCodes.MalformedId"/>) when the value does not decode.
    /// </exception>
    public GalaxyId Decode(string encoded, string? kind = null)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        return TryDecode(encoded, out var id, kind) switch
        {
            GalaxyIdDecodeStatus.Ok => new GalaxyId(id),
            GalaxyIdDecodeStatus.InvalidFormat => throw InvalidFormatException(),
            _ => throw UndecodableException(encoded),
        };
    }

    /// <summary>
    /// Writes the encoded form of <paramref name="id"/> (not negative) to <paramref name="destination"/>, which has room
    /// for <see cref="MaximumEncodedChars"/>; no allocation.
    /// </summary>
    /// <returns>The number of characters written.</returns>
    internal int EncodeTo(long id, Span<char> destination, string? kind = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        return EncodeCore(id, CipherFor(kind), destination);
    }

    private static int EncodeCore(long id, Cipher cipher, Span<char> destination)
    {
        Span<byte> digits = stackalloc byte[MaximumDigits];
        id.TryFormat(digits, out var digitCount, default, CultureInfo.InvariantCulture);

        // Always 1 to 8 '!': an id of 8 digits takes two blocks, as in Galaxy.
        var length = digitCount + (BlockLength - (digitCount % BlockLength));
        Span<byte> plain = stackalloc byte[MaximumPlaintextLength];
        plain[..(length - digitCount)].Fill((byte)'!');
        digits[..digitCount].CopyTo(plain[(length - digitCount)..]);

        Span<byte> encrypted = stackalloc byte[MaximumPlaintextLength];
        for (var offset = 0; offset < length; offset += BlockLength)
        {
            cipher.Encryptor.ProcessBlock(plain.Slice(offset, BlockLength), encrypted.Slice(offset, BlockLength));
        }

        if (!Convert.TryToHexStringLower(encrypted[..length], destination, out var written))
        {
            throw new ArgumentException("The destination is too small for the encoded id.", nameof(destination));
        }

        return written;
    }

    // As a request validation failure: err_msg is "<msg> in ('id',)".
    private static GalaxyApiException InvalidFormatException()
    {
        var error = new ValidationError(["id"], InvalidFormatMessage, "value_error");
        return new GalaxyApiException(GalaxyErrorCodes.UserRequestInvalidParameter, $"{error.Message} in {error.FormatLocation()}", [error]);
    }

    private static GalaxyApiException UndecodableException(string encoded)
        => new(GalaxyErrorCodes.MalformedId, $"Wrong/Malformed id ( {encoded} ) specified, unable to decode.");

    private Cipher CipherFor(string? kind)
        => string.IsNullOrEmpty(kind) ? _main : _kinds.GetOrAdd(kind, static (kind, secret) => new Cipher(KindKey(secret, kind)), _idSecret);

    private static byte[] KindKey(string secret, string kind)
    {
        // Galaxy's _last_bits: the UTF-8 bytes of "<secret>__<kind>", the last 56 when longer. At least 7 bytes,
        // since the secret has 4 or more and the kind 1 or more.
        var key = Encoding.UTF8.GetBytes(secret + "__" + kind);
        return key.Length <= MaximumKeyLength ? key : key[^MaximumKeyLength..];
    }

    /// <summary>
    /// The two initialized engines of one key. BouncyCastle's <see cref="BlowfishEngine"/> fixes the direction at
    /// <c>Init</c>, which alone writes the engine's state (P-array and S-boxes); <c>ProcessBlock</c> only reads it and
    /// writes the caller's output, so an initialized engine is shared by all threads without locking.
    /// </summary>
    private sealed class Cipher
    {
        public Cipher(byte[] key)
        {
            try
            {
                Encryptor.Init(true, new KeyParameter(key));
                Decryptor.Init(false, new KeyParameter(key));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }

        public BlowfishEngine Encryptor { get; } = new();

        public BlowfishEngine Decryptor { get; } = new();
    }
}
