namespace Galaxy.Api.Toolkit;

/// <summary>The event ids of the toolkit's log messages, in one place so that they stay unique.</summary>
internal static class LogEvents
{
    public const int GalaxyError = 1001;
    public const int BadRequest = 1002;
    public const int Unhandled = 1003;
    public const int DefaultIdSecret = 1004;
    public const int RequestTimedOut = 1005;
}
