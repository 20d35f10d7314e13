namespace IamOps.Server.Modules.Incidents;

public static class IncidentsModule
{
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddScoped<IIncidentOpener, IncidentOpener>();
        return services;
    }
}
