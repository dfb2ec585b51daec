using System.Globalization;
using System.Text;
using Galaxy.Api.Toolkit.Generators.Model;

namespace Galaxy.Api.Toolkit.Generators.Parsing;

/// <summary>
/// The naming policies of System.Text.Json, reimplemented for the generator (netstandard2.0 has none) so that the
/// document's names are the serializer's; a property-based test compares both on generated names.
/// </summary>
internal static class JsonNames
{
    public static string Convert(JsonNaming naming, string name) => naming switch
    {
        JsonNaming.SnakeCaseLower => Separated(name, '_', lowercase: true),
        JsonNaming.SnakeCaseUpper => Separated(name, '_', lowercase: false),
        JsonNaming.KebabCaseLower => Separated(name, '-', lowercase: true),
        JsonNaming.KebabCaseUpper => Separated(name, '-', lowercase: false),
        JsonNaming.CamelCase => Camel(name),
        _ => name,
    };

    private enum SeparatorState
    {
        NotStarted,
        UppercaseLetter,
        LowercaseLetterOrDigit,
        SpaceSeparator,
    }

    private static string Separated(string name, char separator, bool lowercase)
    {
        var builder = new StringBuilder(name.Length + 8);
        var state = SeparatorState.NotStarted;
        for (var i = 0; i < name.Length; i++)
        {
            var current = name[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(current);
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter:
                    switch (state)
                    {
                        case SeparatorState.LowercaseLetterOrDigit:
                        case SeparatorState.SpaceSeparator:
                            builder.Append(separator);
                            break;
                        case SeparatorState.UppercaseLetter:
                            // In a run of capitals the last one starts a new word when a lowercase letter follows: XMLReader -> xml_reader.
                            if (i + 1 < name.Length && char.IsLower(name[i + 1]))
                            {
                                builder.Append(separator);
                            }

                            break;
                    }

                    builder.Append(lowercase ? char.ToLowerInvariant(current) : current);
                    state = SeparatorState.UppercaseLetter;
                    break;

                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    if (state == SeparatorState.SpaceSeparator)
                    {
                        builder.Append(separator);
                    }

                    builder.Append(!lowercase && category == UnicodeCategory.LowercaseLetter ? char.ToUpperInvariant(current) : current);
                    state = SeparatorState.LowercaseLetterOrDigit;
                    break;

                case UnicodeCategory.SpaceSeparator:
                    if (state != SeparatorState.NotStarted)
                    {
                        state = SeparatorState.SpaceSeparator;
                    }

                    break;

                default:
                    builder.Append(current);
                    state = SeparatorState.NotStarted;
                    break;
            }
        }

        return builder.ToString();
    }

    private static string Camel(string name)
    {
        if (string.IsNullOrEmpty(name) || !char.IsUpper(name[0]))
        {
            return name;
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }

            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ')
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }

                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }
}
