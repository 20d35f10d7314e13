using System.ComponentModel.DataAnnotations;

namespace IamOps.Server.Modules.Configuration.Keycloak;

/// <summary>How IamOps talks to Keycloak Admin APIs (section "Configuration:Keycloak").</summary>
public sealed class KeycloakClientOptions
{
    /// <summary>Clients read per page (<c>max</c>).</summary>
    [Range(1, 1000)]
    public int ClientPageSize { get; set; } = 100;

    /// <summary>Pages requested at once: enough to hide latency, few enough not to load a production Keycloak.</summary>
    [Range(1, 16)]
    public int MaxConcurrentRequests { get; set; } = 4;

    /// <summary>Time allowed for one attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries after a 5xx answer or a transport error (never after 4xx).</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 2;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}
