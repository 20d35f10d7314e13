using System.Text.RegularExpressions;
using IamOps.Server.Modules.Backups;
using IamOps.Server.Modules.Clusters;
using IamOps.UiTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

public sealed class BackupsPageTests(BrowserFixture browser, UiApp app)
{
    [Fact]
    public async Task The_provider_sees_a_clusters_policy_its_backups_by_status_and_whether_RPO_and_RTO_are_met()
    {
        var restoredInstance = await SeedBackupHistoryAsync("acme-staging");
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.ProviderOperator);

        await ui.GoToAsync("/backups");

        var cluster = ui.Page.GetByTestId("backup-cluster").Filter(new() { HasText = "acme-staging" });
        await Expect(cluster).ToContainTextAsync("Logical · 0 2 * * * (Europe/Paris) · keep 7 / 30 days · policy v1");
        // Newest verified backup 90 minutes old against an agreed RPO of a day; its restore took 61 s against an RTO of 4 h.
        await Expect(cluster.GetByTestId("compliance")).ToContainTextAsync(new Regex(@"RPO 1 h 3\d min \(agreed 1\.00:00:00\) ✔"));
        await Expect(cluster.GetByTestId("compliance")).ToContainTextAsync("RTO 61000 ms (agreed 04:00:00) ✔");
        await Expect(cluster.GetByTestId("backup-run")).ToHaveCountAsync(3);
        await Expect(cluster.Locator("[data-testid=backup-run][data-status=Succeeded][data-verification=Verified]")).ToHaveCountAsync(1);
        await Expect(cluster.Locator("[data-testid=backup-run][data-status=Succeeded][data-verification=NotVerified]")).ToHaveCountAsync(1);
        var failed = cluster.Locator("[data-testid=backup-run][data-status=Failed]");
        await Expect(failed).ToHaveCountAsync(1);
        await Expect(failed.Locator("td[title]").First).ToHaveAttributeAsync("title", new Regex("connection to server .* failed"));
        await Expect(cluster.GetByTestId("run-backup")).ToBeEnabledAsync();
        var restore = cluster.GetByTestId("restore");
        await Expect(restore).ToHaveCountAsync(1);
        await Expect(restore).ToContainTextAsync("INC-2041");
        await Expect(restore).ToHaveAttributeAsync("data-status", "Succeeded");
        await ui.ScreenshotAsync("backups-provider");

        // Releasing removes what the restore created (here an instance directory with no server running) and records who did.
        await restore.GetByTestId("release-restore").ClickAsync();
        await Expect(restore).ToContainTextAsync($"by {DemoUsers.ProviderOperator}");
        await Expect(restore.GetByTestId("release-restore")).ToHaveCountAsync(0);
        Assert.False(Directory.Exists(restoredInstance));
    }

    [Fact]
    public async Task A_client_sees_its_backups_and_restores_but_has_no_button_to_run_or_release_them()
    {
        var restoredInstance = await SeedBackupHistoryAsync("acme-prod");
        try
        {
            await using var ui = await UiSession.OpenAsync(browser, app);
            await ui.SignInAsync(DemoUsers.AcmeAdmin);

            await ui.GoToAsync("/backups");

            var cluster = ui.Page.GetByTestId("backup-cluster").Filter(new() { HasText = "acme-prod" });
            await Expect(cluster.GetByTestId("backup-run")).ToHaveCountAsync(3);
            await Expect(cluster.GetByTestId("restore")).ToHaveCountAsync(1);
            // The contract gives the provider the R of backup execution and of restores: the client is informed, not offered the actions.
            await Expect(cluster.GetByTestId("run-backup")).ToHaveCountAsync(0);
            await Expect(cluster.GetByTestId("release-restore")).ToHaveCountAsync(0);
            await Expect(ui.Page.GetByTestId("backup-cluster").Filter(new() { HasText = "globex" })).ToHaveCountAsync(0);
            Assert.True(Directory.Exists(restoredInstance));
        }
        finally
        {
            Directory.Delete(restoredInstance, recursive: true);
        }
    }

    /// <summary>A client's needs, the provider's logical policy, three runs (verified, failed, not yet verified) and a restore
    /// whose instance directory (returned) is still there.</summary>
    private async Task<string> SeedBackupHistoryAsync(string clusterName)
    {
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var instance = Directory.CreateTempSubdirectory("iamops-ui-restore-").FullName;
        await app.AsSystemAsync(async db =>
        {
            var cluster = await db.Set<Cluster>().SingleAsync(c => c.Name == clusterName);
            const string operatorEmail = DemoUsers.ProviderOperator;
            db.Add(new BackupNeeds
            {
                ClientOrganisationId = cluster.ClientOrganisationId, ClusterId = cluster.Id, Rpo = TimeSpan.FromDays(1), Rto = TimeSpan.FromHours(4),
                RetentionDays = 30, UpdatedAt = now.AddDays(-20), UpdatedBy = DemoUsers.AcmeAdmin,
            });
            var policy = new BackupPolicy
            {
                ClientOrganisationId = cluster.ClientOrganisationId, ClusterId = cluster.Id, Method = BackupMethod.Logical, Schedule = "0 2 * * *",
                TimeZone = "Europe/Paris", RetainCount = 7, RetainDays = 30, UpdatedAt = now.AddDays(-10), UpdatedBy = operatorEmail,
            };
            db.Add(policy);
            BackupRun Run(TimeSpan ago, BackupStatus status, VerificationStatus verification) => new()
            {
                ClientOrganisationId = cluster.ClientOrganisationId, ClusterId = cluster.Id, PolicyId = policy.Id, PolicyVersion = 1,
                Method = BackupMethod.Logical, Trigger = BackupTrigger.Scheduled, Status = status, Verification = verification,
                StartedAt = now - ago, FinishedAt = now - ago + TimeSpan.FromSeconds(9), DurationMs = 8_400, StartedBy = "system",
            };
            var verified = Run(TimeSpan.FromMinutes(90), BackupStatus.Succeeded, VerificationStatus.Verified);
            verified.VerifiedAt = now.AddMinutes(-80);
            verified.RestoreDurationMs = 61_000;
            var broken = Run(TimeSpan.FromHours(26), BackupStatus.Failed, VerificationStatus.NotVerified);
            broken.FailureReason = "pg_dump: error: connection to server at \"pg-acme-staging.internal\" (10.0.3.12), port 5432 failed: timeout expired";
            db.AddRange(verified, broken, Run(TimeSpan.FromHours(50), BackupStatus.Succeeded, VerificationStatus.NotVerified));
            db.Add(new RestoreRun
            {
                ClientOrganisationId = cluster.ClientOrganisationId, ClusterId = cluster.Id, BackupRunId = verified.Id, Reference = "INC-2041",
                Status = RestoreStatus.Succeeded, Plan = "pg_restore into a new database", StartedAt = now.AddMinutes(-30), FinishedAt = now.AddMinutes(-28),
                DurationMs = 95_000, RequestedBy = operatorEmail, InstanceDirectory = instance,
                Target = $"instance {instance}/pgdata socket {instance} port 5999",
            });
            return await db.SaveChangesAsync();
        });
        return instance;
    }
}
