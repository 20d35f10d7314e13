using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.UiTests.Infrastructure;

/// <summary>IamOps on a real Kestrel port over a fresh SQLite database with demo data, for the browser to reach.</summary>
public sealed class UiApp : WebApplicationFactory<Program>
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "iamops-ui-tests", $"{Guid.NewGuid():N}.db");

    public UiApp()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_database)!);
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
    }

    /// <summary>Where the browser reaches the app, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={_database}");
        builder.UseSetting("Database:SeedDemoData", "true");
        // Snapshots are taken when a test clicks for one, never by the scheduler between two clicks.
        builder.UseSetting("Configuration:ScheduledSnapshots", "false");
    }

    /// <summary>Runs database work as the system (sees every tenant), e.g. to look up ids or tamper with data.</summary>
    public async Task<T> AsSystemAsync<T>(Func<IamOpsDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        return await work(scope.ServiceProvider.GetRequiredService<IamOpsDb>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
