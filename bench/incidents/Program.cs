using System.Diagnostics;
using System.Globalization;
using IamOps.Server.Data;
using IamOps.Server.Modules.Contracts;
using IamOps.Server.Modules.DemoData;
using IamOps.Server.Modules.Incidents;
using IamOps.Server.Modules.Organisations;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace IamOps.Bench.Incidents;

/// <summary>Times the SLA sweep over many open incidents.</summary>
internal static class IncidentsBench
{
    public static async Task<int> Main(string[] args)
    {
        // Usage: IamOps.Bench.Incidents sqlite|postgres [incidents] [contracts]
        // PostgreSQL: IAMOPS_BENCH_POSTGRES is an admin connection string; a fresh database is created in it.
        var provider = args.Length > 0 ? args[0] : "sqlite";
        var incidents = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var contracts = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;
        var now = new DateTimeOffset(2026, 11, 18, 14, 0, 0, TimeSpan.Zero); // a Wednesday afternoon in Paris
        var clock = new FakeTimeProvider(now);

        string connection;
        if (provider == "postgres")
        {
            var admin = Environment.GetEnvironmentVariable("IAMOPS_BENCH_POSTGRES") ?? throw new InvalidOperationException("Set IAMOPS_BENCH_POSTGRES.");
            var name = $"iamops_bench_{Guid.NewGuid():N}";
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            connection = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        }
        else
        {
            connection = $"Data Source={Path.Combine(Path.GetTempPath(), $"iamops-bench-{Guid.NewGuid():N}.db")}";
        }

        // The server's content root (appsettings.json), found from the runner's own folder up to the repository root.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IamOps.slnx")))
        {
            root = root.Parent;
        }
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_IAMOPS_SERVER",
            Path.Combine(root?.FullName ?? throw new InvalidOperationException("Run from a build inside the repository."), "src", "IamOps.Server"));
        await using var app = new BenchApp(provider, connection, clock);
        var load = Stopwatch.StartNew();
        await LoadAsync(app.Services, incidents, contracts, now);
        load.Stop();

        // 1. Computing every open clock in its calendar (what a dashboard shows).
        var snapshots = new List<double>();
        SlaSnapshot? snapshot = null;
        for (var run = 0; run < 5; run++)
        {
            var (elapsed, result) = await TimeAsync(app.Services, s => s.SnapshotAsync(now, default));
            snapshots.Add(elapsed);
            snapshot = result;
        }

        // 2. The first sweep finds the backlog the load created: every warning, breach and escalation already due.
        var (backlogMs, backlog) = await TimeAsync(app.Services, s => s.SweepAsync(now, default));

        // 3. Then one sweep a minute, as the worker runs it.
        var steady = new List<(double Ms, SlaSweepResult Result)>();
        for (var minute = 1; minute <= 10; minute++)
        {
            var at = now.AddMinutes(minute);
            steady.Add(await TimeAsync(app.Services, s => s.SweepAsync(at, default)));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"provider={provider} incidents={incidents} contracts={contracts} load_s={load.Elapsed.TotalSeconds:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"snapshot_ms_median={Median(snapshots):F1} snapshot_ms_max={snapshots.Max():F1} open={snapshot!.OpenIncidents} running={snapshot.RunningClocks} paused={snapshot.PausedClocks} warned={snapshot.Warned} breached={snapshot.Breached} due_within_hour={snapshot.DueWithinHour}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backlog_sweep_ms={backlogMs:F1} checked={backlog.Checked} warnings={backlog.Warnings} breaches={backlog.Breaches} escalation_steps={backlog.EscalationSteps}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"minute_sweep_ms_median={Median(steady.Select(s => s.Ms)):F1} minute_sweep_ms_max={steady.Max(s => s.Ms):F1} checked_per_minute_max={steady.Max(s => s.Result.Checked)} recorded={steady.Sum(s => s.Result.Warnings + s.Result.Breaches)}"));
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task<(double Ms, T Result)> TimeAsync<T>(IServiceProvider services, Func<SlaSweeper, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var sweeper = scope.ServiceProvider.GetRequiredService<SlaSweeper>();
        var watch = Stopwatch.StartNew();
        var result = await work(sweeper);
        return (watch.Elapsed.TotalMilliseconds, result);
    }

    // Clients with the demo contract (P1/P2 24×7, P3/P4 business hours in Paris) and incidents opened over the last three
    // days, in every state of the life cycle, their clocks started, paused and stopped as the workflow would.
    private static async Task LoadAsync(IServiceProvider services, int incidents, int contracts, DateTimeOffset now)
    {
        var random = new Random(42);
        var clients = new List<Contract>();
        for (var batch = 0; batch < contracts; batch += 100)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
            var db = scope.ServiceProvider.GetRequiredService<IamOpsDb>();
            for (var c = batch; c < Math.Min(contracts, batch + 100); c++)
            {
                var org = new Organisation { Name = $"Client {c:D4}", Slug = $"client-{c:D4}", Kind = Party.Client, CreatedAt = now.AddYears(-1) };
                db.Add(org);
                var contract = DemoDataSeeder.DefaultContract(org.Id, $"Client {c:D4} managed Keycloak", new DateOnly(2025, 1, 1));
                db.Add(contract);
                clients.Add(contract);
            }
            await db.SaveChangesAsync();
        }
        var fraction = 0.75;
        for (var batch = 0; batch < incidents; batch += 1000)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
            var db = scope.ServiceProvider.GetRequiredService<IamOpsDb>();
            for (var n = batch; n < Math.Min(incidents, batch + 1000); n++)
            {
                var contract = clients[n % clients.Count];
                var severity = (IncidentSeverity)random.Next(4);
                var opened = now.AddMinutes(-random.Next(1, 72 * 60));
                var level = SlaCalendars.Level(contract, severity)!;
                var calendar = SlaCalendars.Build(contract, level.Calendar, []);
                var incident = new Incident
                {
                    ClientOrganisationId = contract.ClientOrganisationId, ContractId = contract.Id, Title = $"Incident {n}", Severity = severity,
                    Source = IncidentSource.AlertGroup, OpenedAt = opened, OpenedBy = "system", UpdatedAt = opened,
                };
                incident.Response.Start(level.ResponseMinutes, opened, calendar, fraction);
                incident.Resolution.Start(level.ResolutionMinutes, opened, calendar, fraction);
                var state = random.Next(10);
                if (state >= 4)
                {
                    var acknowledged = Min(opened.AddMinutes(random.Next(2, 90)), now);
                    incident.Status = IncidentStatus.InProgress;
                    incident.AcknowledgedAt = acknowledged;
                    incident.Response.Stop(acknowledged, calendar);
                    if (state >= 8)
                    {
                        incident.Status = IncidentStatus.WaitingOnClient;
                        incident.Resolution.Pause(Min(acknowledged.AddMinutes(random.Next(5, 240)), now), calendar);
                    }
                }
                incident.RefreshNextCheck();
                db.Add(incident);
            }
            await db.SaveChangesAsync();
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

/// <summary>IamOps over the bench database, without demo data and without the background sweep (the bench sweeps).</summary>
internal sealed class BenchApp(string provider, string connection, FakeTimeProvider clock) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("Database:ConnectionString", connection);
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Incidents:SweepEnabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
    }
}
