using System.Buffers;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Galaxy.Api.Toolkit.Binding;

/// <summary>
/// The depth, collection and string limits of <see cref="GalaxyApiLimits"/> as request bodies are checked against them,
/// before deserialization. A body shorter than <see cref="ScanLength"/> cannot exceed any of them (a string of N
/// characters takes at least N bytes, N items at least 2N - 1, N levels at least N) and is not scanned: the usual small
/// request pays one comparison. A longer one is read once with <see cref="Utf8JsonReader"/>, allocation-free; only a body
/// that exceeds a limit is read again to name each failure at its location and to spare members whose type declares its
/// own maximum (<c>[MaxLength]</c>, <c>[StringLength]</c>, <c>[Length]</c>), which their generated validators enforce.
/// </summary>
internal sealed class BodyLimits
{
    /// <summary>The most failures one response lists.</summary>
    internal const int MaxReported = 10;

    private const int StackallocLevels = 128;

    private static readonly ConditionalWeakTable<JsonSerializerOptions, BodyLimits> Registered = [];

    /// <summary>The limits of serializer options no API registered: the defaults, depth left to the serializer.</summary>
    internal static readonly BodyLimits Default = new(0, GalaxyApiLimits.DefaultMaxCollectionLength, GalaxyApiLimits.DefaultMaxStringLength);

    private static long s_minScanLength = Default.ScanLength;

    /// <summary>Creates the limits.</summary>
    /// <param name="maxDepth">The deepest nesting; 0 leaves depth to the serializer (its <c>MaxDepth</c> is the limit).</param>
    /// <param name="maxCollectionLength">The most items or members of one array or object.</param>
    /// <param name="maxStringLength">The longest string, in code points.</param>
    internal BodyLimits(int maxDepth, int maxCollectionLength, int maxStringLength)
    {
        MaxDepth = maxDepth;
        MaxCollectionLength = maxCollectionLength;
        MaxStringLength = maxStringLength;
        ScanLength = Math.Min(Math.Min((long)maxStringLength + 1, (2L * maxCollectionLength) + 1), maxDepth > 0 ? maxDepth + 1L : long.MaxValue);
    }

    /// <summary>The deepest nesting checked here; 0 when the serializer's <c>MaxDepth</c> is the limit.</summary>
    public int MaxDepth { get; }

    /// <summary>The most items of an array or members of an object.</summary>
    public int MaxCollectionLength { get; }

    /// <summary>The longest string, in Unicode code points.</summary>
    public int MaxStringLength { get; }

    /// <summary>The shortest body that could exceed a limit.</summary>
    public long ScanLength { get; }

    /// <summary>Ties limits to the serializer options of an API, which every contract of its bodies carries.</summary>
    public static void Register(JsonSerializerOptions options, BodyLimits limits)
    {
        Registered.AddOrUpdate(options, limits);
        long current;
        while (limits.ScanLength < (current = Interlocked.Read(ref s_minScanLength))
            && Interlocked.CompareExchange(ref s_minScanLength, limits.ScanLength, current) != current)
        {
        }
    }

    /// <summary>The limits a body of <paramref name="length"/> bytes read with <paramref name="options"/> must be checked against, or null when it is too short to exceed any.</summary>
    public static BodyLimits? ToCheck(int length, JsonSerializerOptions options)
    {
        if (length < Interlocked.Read(ref s_minScanLength))
        {
            return null;
        }

        var limits = For(options);
        return length >= limits.ScanLength ? limits : null;
    }

    /// <summary>The limits registered for <paramref name="options"/>, else <see cref="Default"/>.</summary>
    public static BodyLimits For(JsonSerializerOptions options) => Registered.TryGetValue(options, out var limits) ? limits : Default;

    /// <summary>
    /// The body's failures against the limits (at most <see cref="MaxReported"/>), or null when it has none. A body that
    /// is not well-formed JSON has none of its own here (the serializer reports it), unless a limit was exceeded before
    /// the fault.
    /// </summary>
    public GalaxyApiException? Check(ReadOnlySpan<byte> utf8, JsonTypeInfo typeInfo)
    {
        if (!MayExceed(utf8, typeInfo.Options))
        {
            return null;
        }

        var failures = Describe(utf8, typeInfo);
        if (failures.Count == 0)
        {
            return null;
        }

        RequestValidationErrors? errors = null;
        foreach (var failure in failures)
        {
            RequestValidationErrors.Add(ref errors, failure);
        }

        return errors!.ToException();
    }

    private JsonReaderOptions ReaderOptions(JsonSerializerOptions options) => new()
    {
        // One level more than the limit, so that the reader shows the level that exceeds it instead of throwing.
        MaxDepth = (MaxDepth > 0 ? MaxDepth : EffectiveDepth(options)) + 1,
        AllowTrailingCommas = options.AllowTrailingCommas,
        CommentHandling = options.ReadCommentHandling,
    };

    internal static int EffectiveDepth(JsonSerializerOptions options) => options.MaxDepth == 0 ? GalaxyApiLimits.DefaultMaxJsonDepth : options.MaxDepth;

    /// <summary>The allocation-free first reading: whether anything exceeds a limit (a declared maximum is not looked at here).</summary>
    private bool MayExceed(ReadOnlySpan<byte> utf8, JsonSerializerOptions options)
    {
        var readerOptions = ReaderOptions(options);
        var depthLimit = readerOptions.MaxDepth - 1;
        var levels = readerOptions.MaxDepth + 1;
        int[]? rented = null;
        bool[]? rentedKinds = null;
        Span<int> counts = levels <= StackallocLevels ? stackalloc int[StackallocLevels] : (rented = ArrayPool<int>.Shared.Rent(levels));
        Span<bool> isObject = levels <= StackallocLevels ? stackalloc bool[StackallocLevels] : (rentedKinds = ArrayPool<bool>.Shared.Rent(levels));
        try
        {
            // counts[d] and isObject[d]: the items (or members) so far of the open container whose content is at depth d.
            var reader = new Utf8JsonReader(utf8, readerOptions);
            while (reader.Read())
            {
                var depth = reader.CurrentDepth;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (++counts[depth] > MaxCollectionLength || TooLong(ref reader))
                        {
                            return true;
                        }

                        break;
                    case JsonTokenType.StartArray or JsonTokenType.StartObject:
                        if ((depth > 0 && !isObject[depth] && ++counts[depth] > MaxCollectionLength) || depth + 1 > depthLimit)
                        {
                            return true;
                        }

                        counts[depth + 1] = 0;
                        isObject[depth + 1] = reader.TokenType == JsonTokenType.StartObject;
                        break;
                    case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                        if ((depth > 0 && !isObject[depth] && ++counts[depth] > MaxCollectionLength)
                            || (reader.TokenType == JsonTokenType.String && TooLong(ref reader)))
                        {
                            return true;
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed: the serializer says so.
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
                ArrayPool<bool>.Shared.Return(rentedKinds!);
            }
        }

        return false;
    }

    /// <summary>
    /// The second reading, only of a body that exceeds a limit: each failure at its location (<c>["body", "tags", 3]</c>),
    /// walking the contract beside the JSON so that a member that declares its own maximum is left to its validator.
    /// </summary>
    private List<ValidationError> Describe(ReadOnlySpan<byte> utf8, JsonTypeInfo root)
    {
        var options = root.Options;
        var readerOptions = ReaderOptions(options);
        var depthLimit = readerOptions.MaxDepth - 1;
        var failures = new List<ValidationError>();
        var frames = new List<Frame>();
        var next = new Slot(root, Declared: false);
        var reader = new Utf8JsonReader(utf8, readerOptions);
        try
        {
            while (failures.Count < MaxReported && reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                    {
                        var frame = frames[^1];
                        frame.Count++;
                        if (TooLong(ref reader))
                        {
                            failures.Add(new ValidationError(Location(frames, frames.Count - 1),
                                Message($"Property names should have at most {MaxStringLength} characters"), "string_too_long"));
                            frame.Name = "…";
                            next = default;
                        }
                        else
                        {
                            frame.Name = reader.GetString()!;
                            next = frame.Member(frame.Name, options);
                        }

                        continue;
                    }

                    case JsonTokenType.EndArray or JsonTokenType.EndObject:
                    {
                        var frame = frames[^1];
                        frames.RemoveAt(frames.Count - 1);
                        if (frame.Count > MaxCollectionLength && !frame.Declared)
                        {
                            failures.Add(new ValidationError(Location(frames, frames.Count),
                                frame.IsObject
                                    ? Message($"Object should have at most {MaxCollectionLength} members, not {frame.Count}")
                                    : Message($"List should have at most {MaxCollectionLength} items after validation, not {frame.Count}"),
                                "too_long"));
                        }

                        continue;
                    }

                    case JsonTokenType.Comment:
                        continue;
                }

                // A value: an item of the enclosing array, or the value of the member just read.
                if (frames.Count > 0 && !frames[^1].IsObject)
                {
                    frames[^1].Count++;
                    next = frames[^1].Item;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray or JsonTokenType.StartObject:
                        if (reader.CurrentDepth + 1 > depthLimit)
                        {
                            failures.Add(new ValidationError(["body"], Message($"The JSON body should be nested at most {depthLimit} levels deep"), "json_too_deep"));
                            return failures;
                        }

                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartObject, next, options));
                        break;
                    case JsonTokenType.String when !next.Declared && TooLong(ref reader):
                        failures.Add(new ValidationError(Location(frames, frames.Count),
                            Message($"String should have at most {MaxStringLength} characters"), "string_too_long"));
                        break;
                }

                next = default;
            }
        }
        catch (JsonException)
        {
            // Malformed after the failures found so far: they are reported; the rest of the body does not matter.
        }

        return failures;
    }

    /// <summary>The location of a value inside the first <paramref name="count"/> open containers.</summary>
    private static object[] Location(List<Frame> frames, int count)
    {
        var location = new object[count + 1];
        location[0] = "body";
        for (var i = 0; i < count; i++)
        {
            location[i + 1] = frames[i].IsObject ? frames[i].Name : frames[i].Count - 1;
        }

        return location;
    }

    private static string Message(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    /// <summary>What is known of the value about to be read: its contract, if any, and whether its member declares a maximum length.</summary>
    private readonly record struct Slot(JsonTypeInfo? Contract, bool Declared);

    /// <summary>An open array or object of the second reading.</summary>
    private sealed class Frame
    {
        private readonly JsonTypeInfo? _contract;

        public Frame(bool isObject, Slot slot, JsonSerializerOptions options)
        {
            IsObject = isObject;
            Declared = slot.Declared;
            _contract = slot.Contract;
            if (slot.Contract is { } contract && (isObject ? contract.Kind == JsonTypeInfoKind.Dictionary : contract.Kind == JsonTypeInfoKind.Enumerable)
                && contract.ElementType is { } element)
            {
                Item = new Slot(TryGetContract(element, options), Declared: false);
            }
        }

        public bool IsObject { get; }

        /// <summary>Whether the member holding this container declares its maximum length.</summary>
        public bool Declared { get; }

        /// <summary>The items (or members) read so far.</summary>
        public int Count { get; set; }

        /// <summary>The name of the member being read (objects).</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>What is known of the items of an array (or the values of a dictionary).</summary>
        public Slot Item { get; }

        /// <summary>What is known of the member <paramref name="name"/> of this object.</summary>
        public Slot Member(string name, JsonSerializerOptions options)
        {
            if (_contract is null)
            {
                return default;
            }

            if (_contract.Kind == JsonTypeInfoKind.Dictionary)
            {
                return Item;
            }

            if (_contract.Kind != JsonTypeInfoKind.Object)
            {
                return default;
            }

            var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (var property in _contract.Properties)
            {
                if (string.Equals(property.Name, name, comparison))
                {
                    return new Slot(TryGetContract(property.PropertyType, options), DeclaresMaximum(property));
                }
            }

            return default;
        }

        private static JsonTypeInfo? TryGetContract(Type type, JsonSerializerOptions options)
        {
            try
            {
                return options.TryGetTypeInfo(type, out var contract) ? contract : null;
            }
            catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException)
            {
                return null;
            }
        }

        /// <summary>Whether the member (or the constructor parameter it binds to) states its own maximum length.</summary>
        private static bool DeclaresMaximum(JsonPropertyInfo property)
            => DeclaresMaximum(property.AttributeProvider) || DeclaresMaximum(property.AssociatedParameter?.AttributeProvider);

        private static bool DeclaresMaximum(System.Reflection.ICustomAttributeProvider? provider)
            => provider is not null
                && (provider.IsDefined(typeof(MaxLengthAttribute), inherit: true)
                    || provider.IsDefined(typeof(StringLengthAttribute), inherit: true)
                    || provider.IsDefined(typeof(LengthAttribute), inherit: true));
    }

    /// <summary>Whether the current string (or property name) is longer than the limit, in code points.</summary>
    private bool TooLong(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        return raw.Length > MaxStringLength && CodePoints(ref reader) > MaxStringLength;
    }

    private static long CodePoints(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            return Utf8CodePoints(raw);
        }

        var buffer = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            var chars = buffer.AsSpan(0, reader.CopyString(buffer));
            long count = chars.Length;
            for (var i = 0; i < chars.Length - 1; i++)
            {
                if (char.IsHighSurrogate(chars[i]) && char.IsLowSurrogate(chars[i + 1]))
                {
                    count--;
                    i++;
                }
            }

            return count;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static long Utf8CodePoints(ReadOnlySpan<byte> utf8)
    {
        // Every code point has exactly one byte that is not a continuation byte (10xxxxxx).
        long count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }
}
