using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using IamOps.Server.Modules.Clusters;

namespace IamOps.Server.Modules.Configuration.Keycloak;

/// <summary>Admin tokens per Keycloak endpoint and credentials, kept until shortly before they expire.</summary>
public sealed class KeycloakTokenCache(TimeProvider clock)
{
    /// <summary>A token is renewed this long before Keycloak says it expires (master's default lifespan is 60 s).</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset ValidUntil)> _tokens = new();

    internal string? Get(KeycloakEndpoint endpoint) =>
        _tokens.TryGetValue(Key(endpoint), out var t) && t.ValidUntil > clock.GetUtcNow() ? t.Token : null;

    internal void Put(KeycloakEndpoint endpoint, string token, int expiresInSeconds)
    {
        var lifetime = TimeSpan.FromSeconds(Math.Max(0, expiresInSeconds));
        var validUntil = clock.GetUtcNow() + (lifetime > Margin * 2 ? lifetime - Margin : lifetime / 2);
        _tokens[Key(endpoint)] = (token, validUntil);
    }

    internal void Forget(KeycloakEndpoint endpoint) => _tokens.TryRemove(Key(endpoint), out _);

    // The secret takes part through its hash, so a changed secret never reuses the old token.
    private static string Key(KeycloakEndpoint e) => string.Join('|', e.BaseUrl.AbsoluteUri, e.AuthRealm, e.ClientId, e.Grant, e.Username,
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(e.Secret ?? ""))));
}
