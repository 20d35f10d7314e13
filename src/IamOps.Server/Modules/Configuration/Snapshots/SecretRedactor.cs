using System.Text.Json.Nodes;

namespace IamOps.Server.Modules.Configuration.Snapshots;

/// <summary>Masks secrets in a configuration document the way Keycloak masks them in exports ("**********").</summary>
public static class SecretRedactor
{
    public const string Mask = "**********";

    private static readonly string[] SecretWords = ["secret", "password", "privatekey", "credential"];

    // Settings whose names contain a secret word but hold no secret.
    private static readonly HashSet<string> NotSecrets = new(StringComparer.OrdinalIgnoreCase)
    {
        "passwordPolicy", "secretSize", "requiredCredentials", "resetPasswordAllowed", "client.secret.creation.time",
        "client.secret.expiration.time", "client.secret.rotated.creation.time", "client.secret.rotated.expiration.time",
        "clientAuthenticatorType", "credentialTypes",
    };

    /// <summary>Masks, in place, every value held under a secret-sounding name (client secrets, IdP clientSecret, SMTP password,
    /// key providers' privateKey and secret, LDAP bindCredential...). Returns how many values were masked.</summary>
    public static int Redact(JsonNode? node)
    {
        var count = 0;
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (IsSecretName(key))
                    {
                        count += MaskValue(o, key);
                    }
                    else
                    {
                        count += Redact(o[key]);
                    }
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    count += Redact(item);
                }
                break;
            default:
                break;
        }
        return count;
    }

    public static bool IsSecretName(string name) =>
        !NotSecrets.Contains(name) && SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static int MaskValue(JsonObject parent, string key)
    {
        switch (parent[key])
        {
            case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String:
                if ((string)v! is { Length: > 0 } text && text != Mask)
                {
                    parent[key] = Mask;
                    return 1;
                }
                return 0;
            case JsonArray a:
                // Component config values are lists of strings.
                for (var i = 0; i < a.Count; i++)
                {
                    a[i] = Mask;
                }
                return a.Count;
            case JsonObject:
                parent[key] = Mask;
                return 1;
            default:
                return 0;
        }
    }
}
