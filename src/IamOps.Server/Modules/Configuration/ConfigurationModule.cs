using IamOps.Server.Modules.Configuration.Keycloak;

namespace IamOps.Server.Modules.Configuration;

public static class ConfigurationModule
{
    public static IServiceCollection AddConfigurationManagement(this IServiceCollection services)
    {
        services.AddKeycloakAdminClient();
        return services;
    }

    public static void MapConfigurationManagement(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/clusters/{clusterId:guid}").WithTags("Configuration").RequireAuthorization();
        _ = group;
    }
}
