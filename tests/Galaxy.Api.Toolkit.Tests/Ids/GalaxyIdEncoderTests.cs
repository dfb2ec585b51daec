using System.Globalization;
using System.Text;
using Galaxy.Api.Toolkit.Ids;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace Galaxy.Api.Toolkit.Tests.Ids;

public sealed class GalaxyIdEncoderTests
{
    private static readonly GalaxyIdEncoder Default = new(GalaxyIdEncoder.DefaultSecret);

    // The line number keeps every row a test case: the file repeats a few rows, which xunit would skip as duplicates.
    public static TheoryData<int, string, long, string> Vectors()
    {
        var data = new TheoryData<int, string, long, string>();
        var number = 0;
        foreach (var line in File.ReadLines(VectorsPath()))
        {
            number++;
            if (number == 1 || line.Length == 0)
            {
                continue;   // header: id_secret,id,encoded
            }

            // Split from the right, so that a secret may hold a comma.
            var last = line.LastIndexOf(',');
            var middle = line.LastIndexOf(',', last - 1);
            data.Add(number, line[..middle], long.Parse(line[(middle + 1)..last], CultureInfo.InvariantCulture), line[(last + 1)..]);
        }

        return data;
    }

    [Fact]
    public void The_vector_file_has_200_vectors_under_4_secrets()
    {
        var vectors = Vectors().Select(static row => row.Data).ToList();

        Assert.Equal(200, vectors.Count);
        Assert.Equal(4, vectors.Select(static v => v.Item2).Distinct().Count());
        Assert.Contains(vectors, static v => v.Item2 == GalaxyIdEncoder.DefaultSecret);
        Assert.Contains(vectors, static v => Encoding.UTF8.GetByteCount(v.Item2) == 56);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_encodes_to_the_expected_value_and_decodes_back(int line, string secret, long id, string encoded)
    {
        Assert.True(line > 1);
        var encoder = new GalaxyIdEncoder(secret);

        Assert.Equal(encoded, encoder.Encode(id));
        Assert.Equal(GalaxyIdDecodeStatus.Ok, encoder.TryDecode(encoded, out var decoded));
        Assert.Equal(id, decoded);
        Assert.Equal(new GalaxyId(id), encoder.Decode(encoded));
    }

    [Fact]
    public void Id_1_under_the_default_secret_is_Galaxy_s()
    {
        Assert.Equal("f2db41e1fa331b3e", Default.Encode(1));
        Assert.Equal("f2db41e1fa331b3e", Default.Encode(new GalaxyId(1)));
        Assert.Equal(new GalaxyId(1), Default.Decode("f2db41e1fa331b3e"));
    }

    [Fact]
    public void A_non_ASCII_secret_is_used_as_UTF_8()
        // Computed with OpenSSL's Blowfish (Python cryptography) and Galaxy's algorithm.
        => Assert.Equal("676e4b05626f31cf3b84a4fd0d8783f3", new GalaxyIdEncoder("sécret-ключ").Encode(12345678));

    [Theory]
    [InlineData(GalaxyIdEncoder.DefaultSecret, "jobs_files", 1)]
    [InlineData(GalaxyIdEncoder.DefaultSecret, "page", 123456789)]
    [InlineData("short1", "k", 7)]
    [InlineData("changethisinproductiontoo", "abcdefghijklmn", 99999999)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "x", 42)]
    [InlineData("changethisinproductiontoochangethisinproductiontoo", "history", long.MaxValue)]
    public void A_kind_encodes_with_the_key_secret__kind_cut_to_56_bytes(string secret, string kind, long id)
    {
        var key = Encoding.UTF8.GetBytes(secret + "__" + kind);
        var cut = Encoding.ASCII.GetString(key.Length <= 56 ? key : key[^56..]);   // ASCII here: any cut is a string
        var withKind = new GalaxyIdEncoder(secret);
        var plain = new GalaxyIdEncoder(cut);

        var encoded = withKind.Encode(id, kind);

        Assert.Equal(plain.Encode(id), encoded);
        Assert.Equal(id, withKind.Decode(encoded, kind).Value);
        Assert.NotEqual(withKind.Encode(id), encoded);
        Assert.Equal(GalaxyIdDecodeStatus.Undecodable, withKind.TryDecode(encoded, out _));
    }

    // Computed independently: OpenSSL's Blowfish through Python's cryptography package, with Galaxy's _cipher_cache
    // and _last_bits (the key is the LAST 56 bytes of "<secret>__<kind>").
    [Theory]
    [InlineData(GalaxyIdEncoder.DefaultSecret, "jobs_files", 1, "b8f0f843385dfc76")]
    [InlineData(GalaxyIdEncoder.DefaultSecret, "page", 42, "1304a43d1338a1cb")]
    [InlineData(GalaxyIdEncoder.DefaultSecret, "abcdefghijklmn", 5, "dba5bed686794508")]
    [InlineData("short1", "k", 7, "a4eca985f291826f")]
    [InlineData("changethisinproductiontoo", "abcdefghijklmn", 99999999, "270af02a69acfa4c1c414e00b0c76ac7")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "x", 1, "2a78db8a2b37627a")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "x", 123456789, "2a78db8a2b37627aecec8a0d916b60bf")]
    [InlineData("changethisinproductiontoochangethisinproductiontoo", "history", 3, "61a1dc6cf5863c3a")]
    [InlineData("ééééééééééééééééééééééééééé", "k", 10, "1810d9d64b6f0cac")]   // the cut splits an 'é'
    public void A_kind_matches_Galaxy(string secret, string kind, long id, string encoded)
    {
        var encoder = new GalaxyIdEncoder(secret);

        Assert.Equal(encoded, encoder.Encode(id, kind));
        Assert.Equal(GalaxyIdDecodeStatus.Ok, encoder.TryDecode(encoded, out var decoded, kind));
        Assert.Equal(id, decoded);
    }

    [Fact]
    public void The_kind_key_keeps_the_end_of_secret__kind_as_Galaxy()
    {
        var secret = new string('a', 56);

        // The first 56 bytes would be the secret itself, the main key.
        Assert.NotEqual(new GalaxyIdEncoder(secret).Encode(1), new GalaxyIdEncoder(secret).Encode(1, "x"));
        Assert.Equal(new GalaxyIdEncoder(new string('a', 53) + "__x").Encode(1), new GalaxyIdEncoder(secret).Encode(1, "x"));
    }

    [Fact]
    public void A_null_or_empty_kind_is_the_main_cipher()
    {
        Assert.Equal("f2db41e1fa331b3e", Default.Encode(1, null));
        Assert.Equal("f2db41e1fa331b3e", Default.Encode(1, ""));
        Assert.Equal(1, Default.Decode("f2db41e1fa331b3e", "").Value);
    }

    [Fact]
    public void Uppercase_hex_decodes()
    {
        Assert.Equal(GalaxyIdDecodeStatus.Ok, Default.TryDecode("F2DB41E1FA331B3E", out var id));
        Assert.Equal(1, id);
        Assert.Equal(1, Default.Decode("F2db41E1fa331b3E").Value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12345678)]
    [InlineData(long.MaxValue)]
    public void One_leading_F_of_a_library_folder_id_is_accepted(long id)
    {
        var encoded = Default.Encode(id);

        Assert.Equal(GalaxyIdDecodeStatus.Ok, Default.TryDecode("F" + encoded, out var decoded));
        Assert.Equal(id, decoded);
        Assert.Equal(GalaxyIdDecodeStatus.InvalidFormat, Default.TryDecode("FF" + encoded, out _));
        Assert.Equal(GalaxyIdDecodeStatus.InvalidFormat, Default.TryDecode("f" + encoded, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("F")]
    [InlineData("f2db41e1fa331b3")]                    // 15
    [InlineData("f2db41e1fa331b3e0")]                  // 17 without a leading F
    [InlineData("0f2db41e1fa331b3e")]                  // 17 with a leading 0
    [InlineData("f2db41e1fa331b3g")]                   // not hex
    [InlineData("f2db41e1-a331b3e")]
    [InlineData(" f2db41e1fa331b3e")]
    [InlineData("f2db41e1fa331b3e ")]
    [InlineData("f2db41e1fa331b3ef2db41e1fa331b3")]    // 31
    [InlineData("０１２３４５６７８９ａｂｃｄｅｆ")]    // fullwidth digits are not hex
    public void A_bad_format_is_InvalidFormat_and_400008(string encoded)
    {
        Assert.Equal(GalaxyIdDecodeStatus.InvalidFormat, Default.TryDecode(encoded, out var id));
        Assert.Equal(0, id);

        var exception = Assert.Throws<GalaxyApiException>(() => Default.Decode(encoded));
        Assert.Equal(400008, exception.Error.Code);
        Assert.Equal(400, exception.Error.Status);
        var error = Assert.Single(exception.ValidationErrors);
        Assert.Equal(new object[] { "id" }, error.Location);
        Assert.Equal("value_error", error.Type);
        Assert.Contains("multiple of 16", error.Message, StringComparison.Ordinal);
        Assert.Contains("hexadecimal", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Message, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0123456789abcdef")]
    [InlineData("0123456789ABCDEF")]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("F0123456789abcdef")]
    public void Hex_that_decrypts_to_garbage_is_Undecodable_and_400009(string encoded)
    {
        Assert.Equal(GalaxyIdDecodeStatus.Undecodable, Default.TryDecode(encoded, out var id));
        Assert.Equal(0, id);

        var exception = Assert.Throws<GalaxyApiException>(() => Default.Decode(encoded));
        Assert.Equal(400009, exception.Error.Code);
        Assert.Equal(400, exception.Error.Status);
        Assert.Equal($"Wrong/Malformed id ( {encoded} ) specified, unable to decode.", exception.Message);
        Assert.Empty(exception.ValidationErrors);
    }

    [Fact]
    public void An_id_of_another_secret_or_kind_is_Undecodable()
    {
        var other = new GalaxyIdEncoder("changethisinproductiontoo");

        Assert.Equal(GalaxyIdDecodeStatus.Undecodable, Default.TryDecode(other.Encode(1), out _));
        Assert.Equal(GalaxyIdDecodeStatus.Undecodable, Default.TryDecode(Default.Encode(1, "history"), out _));
    }

    [Theory]
    [InlineData("!!!!!!!1", 1)]
    [InlineData("!!!!0012", 12)]                                  // Galaxy's int() takes leading zeros
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!42", 42)]  // and any number of '!'
    [InlineData("!!!!!9223372036854775807", long.MaxValue)]
    public void Plaintext_of_bangs_then_digits_decodes(string plaintext, long expected)
    {
        var encoded = Encrypt(GalaxyIdEncoder.DefaultSecret, plaintext);

        Assert.Equal(GalaxyIdDecodeStatus.Ok, Default.TryDecode(encoded, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("!!!!!!!!")]                   // no digit
    [InlineData("!!!!!!-5")]                   // no sign: ids are not negative
    [InlineData("!!!!!+15")]
    [InlineData("!!!!1!23")]                   // '!' after a digit
    [InlineData("!!!! 123")]
    [InlineData("!!!!12ab")]
    [InlineData("!!!!!9223372036854775808")]   // long.MaxValue + 1
    [InlineData("!!!!!!!!!!!!!!!!99999999999999999999999999999999")]  // 32 digits
    public void Plaintext_that_is_not_a_decimal_long_is_Undecodable(string plaintext)
    {
        var encoded = Encrypt(GalaxyIdEncoder.DefaultSecret, plaintext);

        Assert.Equal(GalaxyIdDecodeStatus.Undecodable, Default.TryDecode(encoded, out _));
        Assert.Equal(400009, Assert.Throws<GalaxyApiException>(() => Default.Decode(encoded)).Error.Code);
    }

    [Theory]
    [InlineData(0, 16)]
    [InlineData(9, 16)]
    [InlineData(1234567, 16)]
    [InlineData(12345678, 32)]            // 8 digits: eight '!', two blocks
    [InlineData(123456789, 32)]
    [InlineData(999999999999999, 32)]
    [InlineData(1234567890123456, 48)]    // 16 digits: three blocks
    [InlineData(long.MaxValue, 48)]
    public void Ids_round_trip_with_Galaxy_s_padding(long id, int length)
    {
        var digits = id.ToString(CultureInfo.InvariantCulture);
        var padded = new string('!', 8 - (digits.Length % 8)) + digits;

        var encoded = Default.Encode(id);

        Assert.Equal(length, encoded.Length);
        Assert.Equal(Encrypt(GalaxyIdEncoder.DefaultSecret, padded), encoded);
        Assert.Equal(id, Default.Decode(encoded).Value);
        Assert.Equal(id, Default.Decode(encoded.ToUpperInvariant()).Value);
    }

    [Fact]
    public void A_negative_id_cannot_be_encoded()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Default.Encode(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Default.Encode(new GalaxyId(long.MinValue), "kind"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]   // 57
    [InlineData("ééééééééééééééééééééééééééééé")]                                 // 29 characters, 58 bytes
    public void A_secret_outside_4_to_56_bytes_is_rejected(string secret)
    {
        var exception = Assert.Throws<ArgumentException>(() => new GalaxyIdEncoder(secret));

        Assert.Equal("idSecret", exception.ParamName);
        Assert.Contains("4 to 56 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_secret_is_rejected()
        => Assert.Throws<ArgumentNullException>(() => new GalaxyIdEncoder(null!));

    [Theory]
    [InlineData("abcd")]
    [InlineData("éé")]   // 4 bytes
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]   // 56
    public void A_secret_of_4_to_56_bytes_is_accepted(string secret)
    {
        var encoder = new GalaxyIdEncoder(secret);

        Assert.Equal(77, encoder.Decode(encoder.Encode(77)).Value);
    }

    [Fact]
    public void One_encoder_is_correct_from_many_threads()
    {
        const int Count = 100_000;
        string?[] kinds = [null, "history", "jobs_files"];
        var reference = new GalaxyIdEncoder(GalaxyIdEncoder.DefaultSecret);
        var expected = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            expected[i] = reference.Encode(IdOf(i), kinds[i % kinds.Length]);
        }

        var shared = new GalaxyIdEncoder(GalaxyIdEncoder.DefaultSecret);   // kind ciphers created under contention
        var failures = 0;
        Parallel.For(0, Count, new ParallelOptions { CancellationToken = TestContext.Current.CancellationToken }, i =>
        {
            var kind = kinds[i % kinds.Length];
            var encoded = shared.Encode(IdOf(i), kind);
            if (encoded != expected[i]
                || shared.TryDecode(encoded, out var id, kind) != GalaxyIdDecodeStatus.Ok || id != IdOf(i)
                || shared.TryDecode(expected[(i * 7) % Count], out var other, kinds[((i * 7) % Count) % kinds.Length]) != GalaxyIdDecodeStatus.Ok
                || other != IdOf((i * 7) % Count))
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);

        // Spread over 1 to 19 digits: one, two and three blocks.
        static long IdOf(int i) => i % 4 == 0 ? i : (long)i * 92_233_720_368_547 % long.MaxValue;
    }

    [Fact]
    public void Decoding_allocates_nothing_and_encoding_only_the_string()
    {
        var encoder = new GalaxyIdEncoder(GalaxyIdEncoder.DefaultSecret);
        var encoded = encoder.Encode(long.MaxValue, "history");
        // Both calls once before measuring: the kind's cipher is created here, and so is whatever the first call of each
        // path sets up once (a CI run counted 1,200 bytes in the loop when only the first call was made beforehand).
        encoder.TryDecode(encoded, out _, "history");
        encoder.TryDecode("0123456789abcdef", out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            encoder.TryDecode(encoded, out _, "history");
            encoder.TryDecode("0123456789abcdef", out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            encoder.Encode(long.MaxValue, "history");
        }

        // A 48-character string is about 120 bytes.
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 1, 1000 * 128);
    }

    /// <summary>Blowfish-ECB of an ASCII plaintext (a multiple of 8 bytes), without the encoder: crafted ciphertexts.</summary>
    internal static string Encrypt(string secret, string plaintext)
    {
        var engine = new BlowfishEngine();
        engine.Init(true, new KeyParameter(Encoding.UTF8.GetBytes(secret)));
        var input = Encoding.ASCII.GetBytes(plaintext);
        Assert.Equal(0, input.Length % 8);
        var output = new byte[input.Length];
        for (var offset = 0; offset < input.Length; offset += 8)
        {
            engine.ProcessBlock(input, offset, output, offset);
        }

        return Convert.ToHexStringLower(output);
    }

    internal static string VectorsPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Galaxy.Api.Toolkit.Tests.csproj")))
            {
                return Path.Combine(directory.FullName, "Ids", "galaxy-id-vectors.csv");
            }
        }

        throw new InvalidOperationException($"No Galaxy.Api.Toolkit.Tests.csproj above {AppContext.BaseDirectory}.");
    }
}
