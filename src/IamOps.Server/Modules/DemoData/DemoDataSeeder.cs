using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Contracts;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Organisations;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.DemoData;

/// <summary>A provider and two clients with contracts, clusters and users, created once on an empty database.</summary>
public static class DemoDataSeeder
{
    /// <summary>The password of every demo account (listed in the README).</summary>
    public const string DemoPassword = "IamOps-demo-2026";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<IamOpsDb>();
        if (await db.Organisations.IgnoreQueryFilters().AnyAsync(ct))
        {
            return;
        }

        // Demo incidents and changes notify in-app only: nobody is e-mailed about fictitious events.
        services.GetRequiredService<ExternalDelivery>().Suppress();
        var clock = services.GetRequiredService<TimeProvider>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var now = clock.GetUtcNow();

        var provider = new Organisation { Name = "Cloud-IAM", Slug = "cloud-iam", Kind = Party.Provider, CreatedAt = now };
        var acme = new Organisation { Name = "Acme Retail", Slug = "acme", Kind = Party.Client, CreatedAt = now };
        var globex = new Organisation { Name = "Globex Bank", Slug = "globex", Kind = Party.Client, CreatedAt = now };
        db.AddRange(provider, acme, globex);
        await db.SaveChangesAsync(ct);

        foreach (var (org, contract) in new[] { (acme, "Acme Retail managed Keycloak"), (globex, "Globex Bank managed Keycloak") })
        {
            await services.GetRequiredService<Raci.RaciCatalogue>().AssignDefaultAsync(db.Add(DefaultContract(org.Id, contract, DateOnly.FromDateTime(now.UtcDateTime))).Entity, ct);
        }

        db.AddRange(
            DemoCluster(acme.Id, "acme-prod", ClusterEnvironment.Production, "26.0.7", "eu-west-3 (Paris)", ["kc-acme-1.internal", "kc-acme-2.internal"], now),
            DemoCluster(acme.Id, "acme-staging", ClusterEnvironment.Staging, "26.0.7", "eu-west-3 (Paris)", ["kc-acme-stg-1.internal"], now),
            DemoCluster(globex.Id, "globex-prod", ClusterEnvironment.Production, "24.0.5", "eu-central-1 (Frankfurt)", ["kc-globex-1.internal", "kc-globex-2.internal", "kc-globex-3.internal"], now),
            DemoCluster(globex.Id, "globex-dev", ClusterEnvironment.Development, "26.0.7", "eu-central-1 (Frankfurt)", ["kc-globex-dev-1.internal"], now));
        await db.SaveChangesAsync(ct);
        await Changes.ChangesDemoData.SeedAsync(db, now, ct);
        await Configuration.Snapshots.ConfigurationDemoData.SeedAsync(db, now, ct);

        var accounts = new (Organisation Org, string Email, string Name, string Role)[]
        {
            (provider, "admin@cloud-iam.example", "Alice Admin", Roles.ProviderAdmin),
            (provider, "manager@cloud-iam.example", "Marc Manager", Roles.ProviderManager),
            (provider, "operator@cloud-iam.example", "Olga Operator", Roles.ProviderOperator),
            (acme, "admin@acme.example", "Anna Acme", Roles.ClientAdmin),
            (acme, "contact@acme.example", "Carl Acme", Roles.ClientContact),
            (acme, "viewer@acme.example", "Vera Acme", Roles.ClientViewer),
            (globex, "admin@globex.example", "Gustav Globex", Roles.ClientAdmin),
            (globex, "contact@globex.example", "Greta Globex", Roles.ClientContact),
            (globex, "viewer@globex.example", "Gil Globex", Roles.ClientViewer),
        };
        foreach (var (org, email, name, role) in accounts)
        {
            var result = await users.CreateAsync(new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                OrganisationId = org.Id,
                Party = org.Kind,
                Role = role,
                CreatedAt = now,
            }, DemoPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
        }
        await Incidents.DemoIncidents.SeedAsync(services, ct);
    }

    public static Contract DefaultContract(Guid clientId, string name, DateOnly startsOn) => new()
    {
        ClientOrganisationId = clientId,
        Name = name,
        StartsOn = startsOn,
        ServiceLevels =
        [
            new() { Severity = "P1", Definition = "Service down or unusable for all users", ResponseMinutes = 30, ResolutionMinutes = 240, Calendar = SlaCalendar.TwentyFourSeven },
            new() { Severity = "P2", Definition = "Service degraded for many users", ResponseMinutes = 60, ResolutionMinutes = 480, Calendar = SlaCalendar.TwentyFourSeven },
            new() { Severity = "P3", Definition = "Minor impact, workaround exists", ResponseMinutes = 240, ResolutionMinutes = 1440, Calendar = SlaCalendar.BusinessHours },
            new() { Severity = "P4", Definition = "Question or cosmetic issue", ResponseMinutes = 480, ResolutionMinutes = 4800, Calendar = SlaCalendar.BusinessHours },
        ],
        MaintenanceWindows =
        [
            new() { Name = "Weekly maintenance", RecurrenceRule = "FREQ=WEEKLY;BYDAY=TU", StartsAt = new TimeOnly(22, 0), DurationMinutes = 240 },
        ],
    };

    private static Cluster DemoCluster(Guid clientId, string name, ClusterEnvironment env, string version, string region, string[] hosts, DateTimeOffset now) => new()
    {
        ClientOrganisationId = clientId,
        Name = name,
        Environment = env,
        KeycloakVersion = version,
        HostingRegion = region,
        PostgresInstance = $"pg-{name}.internal:5432",
        PostgresDatabase = "keycloak",
        Nodes = hosts.Select(h => new ClusterNode { Host = h }).ToList(),
        CreatedAt = now,
    };
}
