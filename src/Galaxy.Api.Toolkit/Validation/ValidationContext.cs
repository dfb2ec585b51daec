using System.ComponentModel;

namespace Galaxy.Api.Toolkit.Validation;

/// <summary>
/// The state of one validation run: where in the value the checks are (a stack of member names and item indices) and
/// the failures found. Instances are reused per thread, and a location is built only when a check fails, so validating
/// a valid value allocates nothing. Used by generated validators.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ValidationContext
{
    [ThreadStatic]
    private static ValidationContext? _cached;

    private Segment[] _path = new Segment[16];
    private int _depth;
    private string _source = "body";

    private ValidationContext()
    {
    }

    /// <summary>The failures found so far; null while there are none.</summary>
    public RequestValidationErrors? Errors { get; private set; }

    /// <summary>Whether a check failed.</summary>
    public bool HasErrors => Errors is not null;

    /// <summary>A context for validating a value read from <paramref name="source"/> (<c>body</c>, <c>query</c>...).</summary>
    /// <param name="source">The first segment of every location.</param>
    public static ValidationContext Rent(string source)
    {
        var context = _cached ?? new ValidationContext();
        _cached = null;
        context._source = source;
        context._depth = 0;
        context.Errors = null;
        return context;
    }

    /// <summary>Gives the context back for reuse; its failures must have been taken with <see cref="TakeErrors"/>.</summary>
    /// <param name="context">The context.</param>
    public static void Return(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Errors = null;
        _cached = context;
    }

    /// <summary>Adds this run's failures to a request's collection and clears them here.</summary>
    /// <param name="errors">The request's collection.</param>
    public void TakeErrors(ref RequestValidationErrors? errors)
    {
        if (Errors is null)
        {
            return;
        }

        foreach (var failure in Errors.Errors)
        {
            RequestValidationErrors.Add(ref errors, failure);
        }

        Errors = null;
    }

    /// <summary>Enters a member.</summary>
    /// <param name="name">The member's JSON name.</param>
    public void Push(string name) => PushSegment(new Segment(name, 0));

    /// <summary>Enters an item of a collection.</summary>
    /// <param name="index">The item's position.</param>
    public void Push(int index) => PushSegment(new Segment(null, index));

    /// <summary>Leaves the member or item entered last.</summary>
    public void Pop() => _depth--;

    /// <summary>Records a failure at the current location.</summary>
    /// <param name="message">A human message.</param>
    /// <param name="type">A stable machine type (<c>string_too_long</c>...).</param>
    public void Fail(string message, string type)
    {
        var location = new object[_depth + 1];
        location[0] = _source;
        for (var i = 0; i < _depth; i++)
        {
            location[i + 1] = _path[i].Name ?? (object)_path[i].Index;
        }

        var errors = Errors;
        RequestValidationErrors.Add(ref errors, new ValidationError(location, message, type));
        Errors = errors;
    }

    /// <summary>Records a failure at a member of the current location.</summary>
    /// <param name="member">The member's JSON name.</param>
    /// <param name="message">A human message.</param>
    /// <param name="type">A stable machine type.</param>
    public void Fail(string member, string message, string type)
    {
        Push(member);
        Fail(message, type);
        Pop();
    }

    private void PushSegment(Segment segment)
    {
        if (_depth == _path.Length)
        {
            Array.Resize(ref _path, _path.Length * 2);
        }

        _path[_depth++] = segment;
    }

    private readonly record struct Segment(string? Name, int Index);
}
