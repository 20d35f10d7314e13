using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Clusters;

public static class ClustersModule
{
    /// <summary>Output-cache tag of cluster lists; every cluster write evicts it.</summary>
    public const string CacheTag = "clusters";

    public static void MapClusters(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/clusters").WithTags("Clusters").RequireAuthorization();
        ListClusters.Map(group);
        GetCluster.Map(group);
        var write = group.MapGroup("").RequireAuthorization(Policies.ProviderStaff);
        RegisterCluster.Map(write);
        UpdateCluster.Map(write);
        RemoveCluster.Map(write);
        SaveClusterConnection.Map(write);
    }

    public static IServiceCollection AddClusters(this IServiceCollection services)
    {
        services.AddSingleton<ClusterSecretProtector>();
        services.AddScoped<IClusterConnections, ClusterConnections>();
        return services;
    }
}
