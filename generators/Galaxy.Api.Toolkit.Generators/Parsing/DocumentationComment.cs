using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Galaxy.Api.Toolkit.Generators.Parsing;

/// <summary>
/// The XML documentation of a declaration, read from its <c>///</c> trivia so that it works whether or not the project
/// generates a documentation file.
/// </summary>
internal sealed class DocumentationComment
{
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);
    private readonly XElement? _root;

    private DocumentationComment(XElement? root) => _root = root;

    public string? Summary => Text(_root?.Element("summary"));

    public string? Remarks => Text(_root?.Element("remarks"));

    public string? Returns => Text(_root?.Element("returns"));

    public string? Example => Text(_root?.Element("example"));

    public string? Param(string name) => Text(_root?.Elements("param").FirstOrDefault(e => (string?)e.Attribute("name") == name));

    public static DocumentationComment For(ISymbol symbol)
    {
        var syntax = symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        if (syntax is null)
        {
            return new DocumentationComment(null);
        }

        var text = new StringBuilder();
        foreach (var trivia in syntax.GetLeadingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
            {
                foreach (var line in trivia.ToFullString().Split('\n'))
                {
                    var trimmed = line.Trim();
                    if (trimmed.StartsWith("///", System.StringComparison.Ordinal))
                    {
                        text.Append(trimmed.Substring(3)).Append('\n');
                    }
                }
            }
        }

        if (text.Length == 0)
        {
            return new DocumentationComment(null);
        }

        try
        {
            return new DocumentationComment(XElement.Parse("<doc>" + text + "</doc>", LoadOptions.None));
        }
        catch (System.Xml.XmlException)
        {
            return new DocumentationComment(null);
        }
    }

    private static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            builder.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" or "seealso" } e => (string?)e.Attribute("langword") ?? ShortName((string?)e.Attribute("cref")) ?? e.Value,
                XElement { Name.LocalName: "paramref" or "typeparamref" } e => (string?)e.Attribute("name") ?? string.Empty,
                XElement { Name.LocalName: "c" or "code" } e => "`" + e.Value + "`",
                XElement e => e.Value,
                _ => string.Empty,
            });
        }

        var value = Whitespace.Replace(builder.ToString(), " ").Trim();
        return value.Length == 0 ? null : value;
    }

    private static string? ShortName(string? cref)
    {
        if (cref is null)
        {
            return null;
        }

        var name = cref.Substring(cref.IndexOf(':') + 1);
        var paren = name.IndexOf('(');
        if (paren >= 0)
        {
            name = name.Substring(0, paren);
        }

        return name.Substring(name.LastIndexOf('.') + 1);
    }
}
