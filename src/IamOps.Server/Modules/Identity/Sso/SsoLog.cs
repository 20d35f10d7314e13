namespace IamOps.Server.Modules.Identity.Sso;

/// <summary>Log events of single sign-on; never carries a client secret or a token.</summary>
internal static partial class SsoLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "SSO sign-in of {Email} to organisation {Slug} (user {UserId}, provisioned: {Provisioned})")]
    public static partial void SignedIn(ILogger logger, string email, string slug, Guid userId, bool provisioned);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSO sign-in of {Email} to organisation {Slug} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string? email, string slug, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSO sign-in to organisation {Slug} failed at the identity provider exchange")]
    public static partial void RemoteFailure(ILogger logger, Exception? exception, string slug);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSO sign-in to organisation {Slug} could not start: the identity provider is unreachable or misconfigured")]
    public static partial void ProviderUnreachable(ILogger logger, Exception exception, string slug);

    [LoggerMessage(Level = LogLevel.Information, Message = "SSO settings of organisation {Slug} changed (enabled: {Enabled}, authority: {Authority})")]
    public static partial void SettingsChanged(ILogger logger, string slug, bool enabled, string? authority);
}
