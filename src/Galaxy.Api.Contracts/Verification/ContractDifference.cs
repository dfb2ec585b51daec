namespace Galaxy.Api.Contracts.Verification;

/// <summary>One way in which a document says something other than Galaxy's.</summary>
/// <param name="Pointer">
/// Where, as a JSON pointer into Galaxy's document (<c>/paths/~1api~1histories/get/parameters/limit/schema/minimum</c>);
/// parameters are addressed by name rather than position, references are followed transparently.
/// </param>
/// <param name="Kind">
/// What differs: a keyword (<c>type</c>, <c>nullable</c>, <c>required</c>, <c>enum</c>, <c>format</c>, <c>pattern</c>,
/// <c>minLength</c>..., <c>default</c>, <c>description</c>, <c>union</c>, <c>additionalProperties</c>, <c>items</c>), or
/// <c>missing</c> / <c>extra</c> for a property, parameter, content type or operation only one side has.
/// </param>
/// <param name="Galaxy">What Galaxy's document says (compact JSON), or null when it says nothing.</param>
/// <param name="Ours">What the other document says, or null when it says nothing.</param>
public sealed record ContractDifference(string Pointer, string Kind, string? Galaxy, string? Ours)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Pointer} {Kind}: Galaxy {Galaxy ?? "-"}, ours {Ours ?? "-"}";
}
