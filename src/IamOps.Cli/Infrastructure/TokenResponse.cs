using System.Text.Json.Nodes;

namespace IamOps.Cli.Infrastructure;

/// <summary>The answer of <c>/api/v1/auth/token</c> and <c>/api/v1/auth/refresh</c>.</summary>
public sealed record TokenResponse(string AccessToken, string? RefreshToken, DateTimeOffset? ExpiresAt)
{
    public static TokenResponse From(JsonNode? answer, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var access = answer?["accessToken"].TextOrNull()
            ?? throw new CliException(ExitCodes.Failure, "The server's token answer has no accessToken: is --server the IamOps URL?");
        DateTimeOffset? expires = answer?["expiresIn"] is JsonValue v && v.TryGetValue<double>(out var seconds)
            ? clock.GetUtcNow().AddSeconds(seconds)
            : null;
        return new TokenResponse(access, answer?["refreshToken"].TextOrNull(), expires);
    }
}
