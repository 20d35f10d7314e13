using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace IamOps.Server.Modules.Configuration.Keycloak;

internal static class KeycloakHttp
{
    /// <summary>The Admin API client with per-attempt timeouts and retries on 5xx and transport errors only (no circuit breaker:
    /// one named client serves every cluster, and one failing Keycloak must not cut the others off).</summary>
    public static IServiceCollection AddKeycloakAdminClient(this IServiceCollection services)
    {
        services.AddOptions<KeycloakClientOptions>().BindConfiguration("Configuration:Keycloak").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<KeycloakTokenCache>();
        services.AddSingleton<KeycloakAdminClientFactory>();
        services.AddHttpClient(KeycloakAdminClientFactory.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("keycloak-admin", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<KeycloakClientOptions>>().Value;
                // Network timeouts are wall-clock matters, independent of the application's (possibly simulated) clock.
                pipeline.TimeProvider = TimeProvider.System;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, o.Retries),
                    Delay = o.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => ValueTask.FromResult(o.Retries > 0 && args.Outcome switch
                    {
                        { Exception: HttpRequestException or TimeoutRejectedException } => true,
                        { Result: { } r } => r.StatusCode >= HttpStatusCode.InternalServerError,
                        _ => false,
                    }),
                });
                pipeline.AddTimeout(o.AttemptTimeout);
            });
        return services;
    }
}
