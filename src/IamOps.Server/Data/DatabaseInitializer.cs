using IamOps.Server.Modules.DemoData;
using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Data;

/// <summary>Creates or upgrades the schema at start-up, then seeds demo data when asked to.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<IamOpsDb>();
        await db.Database.MigrateAsync(ct);

        if (options.SeedDemoData)
        {
            await DemoDataSeeder.SeedAsync(scope.ServiceProvider, ct);
        }
    }
}
