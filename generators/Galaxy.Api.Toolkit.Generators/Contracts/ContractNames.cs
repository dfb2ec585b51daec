using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Galaxy.Api.Toolkit.Generators.Model;
using Galaxy.Api.Toolkit.Generators.Parsing;
using Microsoft.CodeAnalysis.CSharp;

namespace Galaxy.Api.Toolkit.Generators.Contracts;

/// <summary>
/// C# names for schema, property and enum names. Names are PascalCase; the JSON name is written as an attribute only
/// where the snake_case naming policy (Galaxy's and the toolkit's default) would not produce it from the C# name.
/// </summary>
internal static class ContractNames
{
    /// <summary>Members every class inherits from <c>object</c>: a property of that name would hide one.</summary>
    private static readonly HashSet<string> Inherited = new(System.StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    /// <summary>The type name of a component: its own name when it is an identifier, else a PascalCase form of it.</summary>
    public static string Type(string schemaName)
    {
        var name = IsIdentifier(schemaName) ? schemaName : Pascal(schemaName);
        return Escape(name.Length == 0 ? "Schema" : name);
    }

    /// <summary>A property name, unique in its class and different from the class name and from inherited members.</summary>
    public static string Property(string jsonName, string typeName, ISet<string> used)
    {
        var name = Pascal(jsonName);
        if (name.Length == 0)
        {
            name = "Member";
        }

        if (name == typeName || Inherited.Contains(name))
        {
            name += "Value";
        }

        return Unique(name, used);
    }

    /// <summary>An enum member name, unique in its enum.</summary>
    public static string EnumMember(string value, ISet<string> used)
    {
        var name = Pascal(value);
        return Unique(name.Length == 0 ? "Value" : name, used);
    }

    /// <summary>Whether the JSON name must be stated: the snake_case policy does not turn the C# name into it.</summary>
    public static bool NeedsJsonName(string clrName, string jsonName)
        => !string.Equals(JsonNames.Convert(JsonNaming.SnakeCaseLower, clrName.TrimStart('@')), jsonName, System.StringComparison.Ordinal);

    /// <summary>Words split at every character that is not a letter or digit, each capitalised; all-capital words as Title case.</summary>
    public static string Pascal(string text)
    {
        var builder = new StringBuilder(text.Length);
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length == 0)
            {
                return;
            }

            var value = word.ToString();
            var allUpper = value.Length > 1 && IsAllUpper(value);
            builder.Append(char.ToUpperInvariant(value[0]));
            builder.Append(allUpper ? value.Substring(1).ToLowerInvariant() : value.Substring(1));
            word.Clear();
        }

        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) && c < 128)
            {
                word.Append(c);
            }
            else
            {
                Flush();
            }
        }

        Flush();
        if (builder.Length > 0 && char.IsDigit(builder[0]))
        {
            builder.Insert(0, 'V');
        }

        return builder.ToString();
    }

    private static bool IsAllUpper(string value)
    {
        foreach (var c in value)
        {
            if (char.IsLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Unique(string name, ISet<string> used)
    {
        var candidate = name;
        for (var i = 2; !used.Add(candidate); i++)
        {
            candidate = name + i.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || name[0] >= 128)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_') || c >= 128)
            {
                return false;
            }
        }

        return true;
    }

    private static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
