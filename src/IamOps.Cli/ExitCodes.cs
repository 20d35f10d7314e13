namespace IamOps.Cli;

/// <summary>The process exit codes of <c>iamops</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command failed, or found a problem (e.g. a broken audit chain).</summary>
    public const int Failure = 1;

    /// <summary>Bad usage (unknown option, invalid value) or unreadable input.</summary>
    public const int Usage = 2;

    /// <summary>Not signed in, or not allowed.</summary>
    public const int Unauthorised = 3;
}
