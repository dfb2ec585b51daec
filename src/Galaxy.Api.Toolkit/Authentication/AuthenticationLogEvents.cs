namespace Galaxy.Api.Toolkit.Authentication;

/// <summary>The event ids of the authentication log messages (2001..2099), in one place so that they stay unique.</summary>
internal static class AuthenticationLogEvents
{
    public const int Authenticated = 2001;
    public const int KeyRejected = 2002;
    public const int ChallengedInvalidKey = 2003;
    public const int ChallengedNoUser = 2004;
    public const int Forbidden = 2005;
    public const int AdminRequired = 2006;
}
