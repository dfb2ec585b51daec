using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Galaxy.Api.Toolkit.Generators.Model;

/// <summary>A diagnostic as data: the descriptor's id, its message arguments and where it points.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments, bool IsError)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
        => new(descriptor.Id, LocationInfo.From(location), arguments.ToEquatableArray(), descriptor.DefaultSeverity == DiagnosticSeverity.Error);

    public Diagnostic ToDiagnostic(Compilation? compilation = null)
        => Diagnostic.Create(Diagnostics.DiagnosticDescriptors.ById(Id), Location?.ToLocation(compilation), System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Cast<object>(Arguments)));
}

/// <summary>A source location without the syntax tree it came from.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location)
        => location is null || !location.IsInSource ? null : new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    /// <summary>
    /// The location; in the compilation's syntax tree when one is given, so that <c>#pragma warning</c> and .editorconfig
    /// apply to it (a location by file path alone is not suppressible).
    /// </summary>
    public Location ToLocation(Compilation? compilation = null)
    {
        var tree = compilation is null ? null : System.Linq.Enumerable.FirstOrDefault(compilation.SyntaxTrees, t => t.FilePath == FilePath);
        return tree is null ? Location.Create(FilePath, Span, LineSpan) : Location.Create(tree, Span);
    }
}
