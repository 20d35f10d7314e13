using System.Text.Json;
using IamOps.Cli.Tests.Infrastructure;
using IamOps.Server.Tests.Backups;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Cli.Tests.Backups;

public sealed class BackupsCliTests
{
    [Fact]
    public async Task The_provider_sets_a_policy_runs_a_verified_backup_lists_it_restores_it_and_releases_the_restore_from_the_command_line()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new BackupsApp();
        var http = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var cluster = await BackupTestKit.AcmeClusterAsync(http, ct);
        await BackupTestKit.ConnectToTestServerAsync(http, cluster, await BackupTestKit.NewKeycloakDatabaseAsync(100, ct), ct);
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.ProviderAdmin);

        var unknownChecksum = await cli.RunAsync("backups", "policy", "--cluster", cluster.ToString(), "--schedule", "30 2 * * *", "--checksum", "md5");
        var policy = await cli.RunAsync("backups", "policy", "--cluster", cluster.ToString(), "--schedule", "30 2 * * *", "--reference", "CHG-7", "--checksum", "sha256");
        var run = await cli.RunAsync("backups", "run", "--cluster", cluster.ToString());
        var list = await cli.RunAsync("backups", "list", "--cluster", cluster.ToString(), "-o", "json");
        using var runs = JsonDocument.Parse(list.Stdout);
        var id = runs.RootElement[0].GetProperty("id").GetString()!;
        var plan = await cli.RunAsync("backups", "restore", "--cluster", cluster.ToString(), "--backup", id, "--reference", "INC-9", "--dry-run");
        var restore = await cli.RunAsync("backups", "restore", "--cluster", cluster.ToString(), "--backup", id, "--reference", "INC-9");
        var restores = await cli.RunAsync("backups", "restores", "--cluster", cluster.ToString(), "-o", "json");
        using var restoreList = JsonDocument.Parse(restores.Stdout);
        var restoreId = restoreList.RootElement[0].GetProperty("id").GetString()!;
        var release = await cli.RunAsync("backups", "release", "--cluster", cluster.ToString(), "--restore", restoreId);
        var twice = await cli.RunAsync("backups", "release", "--cluster", cluster.ToString(), "--restore", restoreId);

        Assert.NotEqual(0, unknownChecksum.ExitCode);
        Assert.Contains("md5", unknownChecksum.ToString(), StringComparison.Ordinal);
        Assert.True(policy.ExitCode == 0, policy.ToString());
        Assert.Contains("30 2 * * *", policy.Stdout, StringComparison.Ordinal);
        Assert.Contains("Sha256", policy.Stdout, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Verified", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("Succeeded", runs.RootElement[0].GetProperty("status").GetString());
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("pg_restore", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("Planned", plan.Stdout, StringComparison.Ordinal);
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Contains("Succeeded", restore.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, restoreList.RootElement.GetArrayLength()); // the dry run is not recorded
        Assert.True(restoreList.RootElement[0].GetProperty("releasable").GetBoolean());
        Assert.True(release.ExitCode == 0, release.ToString());
        Assert.Contains(DemoUsers.ProviderAdmin, release.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, twice.ExitCode);
        Assert.Contains("Already released", twice.ToString(), StringComparison.Ordinal);
    }
}
