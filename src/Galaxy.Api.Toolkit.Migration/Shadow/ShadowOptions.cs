namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>Shadow traffic: which requests are mirrored to the other side, and the bounds that keep mirroring harmless.</summary>
public sealed class ShadowOptions
{
    internal void Validate()
    {
    }
}
