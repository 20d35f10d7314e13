using System.Net.Http.Json;
using System.Text.RegularExpressions;
using IamOps.Server.Modules.Backups;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IamOps.Server.Tests.Backups;

public sealed partial class PointInTimeRestoreTests(BackupsApp app) : IClassFixture<BackupsApp>
{
    [Fact]
    public async Task A_point_in_time_restore_holds_the_rows_committed_before_the_target_and_not_those_after()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var cluster = await BackupTestKit.AcmeClusterAsync(provider, ct);
        var tools = app.Services.GetRequiredService<ToolRunner>();
        await using var source = await ScratchInstance.PrepareAsync(tools, Path.Combine(app.DataDirectory, "source"), keep: false, ct);
        await source.InitAsync(ct);
        var policy = await BackupTestKit.SetPolicyAsync(provider, cluster, ct, BackupMethod.Physical, dataDirectory: source.DataDirectory);
        await BackupTestKit.StartArchivingSourceAsync(source, policy.ArchiveCommand!, ct);
        await BackupTestKit.CreateSchemaAsync(source.ConnectionString("keycloak"), 300, ct);
        await BackupTestKit.ConnectAsync(provider, cluster, source.SocketDirectory, source.Port, "keycloak", source.User, ct);

        var backup = await BackupTestKit.WaitAsync(provider, cluster, (await BackupTestKit.StartAsync(provider, cluster, ct)).Id, ct);
        Assert.True(backup.Status == BackupStatus.Succeeded, backup.FailureReason + backup.Output);
        Assert.True(backup.Verification == VerificationStatus.Verified, backup.VerificationDetail);

        await using var conn = new NpgsqlConnection(source.ConnectionString("keycloak"));
        await conn.OpenAsync(ct);
        await Exec(conn, "INSERT INTO user_entity VALUES ('before-target', 'before', null, 'acme', 0)", ct);
        var target = (DateTime)(await new NpgsqlCommand("SELECT clock_timestamp()", conn).ExecuteScalarAsync(ct))!;
        await Task.Delay(1500, ct);
        await Exec(conn, "INSERT INTO user_entity VALUES ('after-target', 'after', null, 'acme', 0)", ct);
        var wal = (string)(await new NpgsqlCommand("SELECT pg_walfile_name(pg_switch_wal())", conn).ExecuteScalarAsync(ct))!;
        for (var i = 0; i < 300 && (string?)(await new NpgsqlCommand("SELECT last_archived_wal FROM pg_stat_archiver", conn).ExecuteScalarAsync(ct) as string) != wal; i++)
        {
            await Task.Delay(100, ct);
        }

        var at = new DateTimeOffset(DateTime.SpecifyKind(target, DateTimeKind.Utc)).AddMilliseconds(700);
        var dry = await provider.PostAsJsonAsync($"/api/v1/clusters/{cluster}/backups/restores", new RestoreBackupRequest(null, at, "INC-42", true), BackupTestKit.Json, ct);
        var plan = (await dry.Content.ReadFromJsonAsync<RestoreRunDto>(BackupTestKit.Json, ct))!;
        Assert.Equal(RestoreStatus.Planned, plan.Status);
        Assert.Contains("--type=time", plan.Plan, StringComparison.Ordinal);
        var restore = await BackupTestKit.RestoreAsync(provider, cluster, new RestoreBackupRequest(null, at, "INC-42", false), ct);

        Assert.True(restore.Status == RestoreStatus.Succeeded, restore.FailureReason);
        var m = TargetPattern().Match(restore.Target!);
        var restored = new NpgsqlConnectionStringBuilder { Host = m.Groups["socket"].Value, Port = int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture), Username = source.User, Database = "keycloak", Pooling = false };
        try
        {
            await using var check = new NpgsqlConnection(restored.ConnectionString);
            await check.OpenAsync(ct);
            var ids = new List<string>();
            await using (var reader = await new NpgsqlCommand("SELECT id FROM user_entity WHERE id LIKE '%-target'", check).ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetString(0));
                }
            }
            Assert.Equal(["before-target"], ids);
            NpgsqlConnection.ClearAllPools();

            // Released by the provider: the instance is stopped and its directory removed.
            var released = await provider.DeleteAsync($"/api/v1/clusters/{cluster}/backups/restores/{restore.Id}/target", ct);
            Assert.True(released.IsSuccessStatusCode, await released.Content.ReadAsStringAsync(ct));
            Assert.False(Directory.Exists(Path.GetDirectoryName(m.Groups["data"].Value)), "the restored instance's directory must be gone");
        }
        finally
        {
            if (Directory.Exists(m.Groups["data"].Value))
            {
                await tools.RunServerToolAsync(tools.PgBin("pg_ctl"), ["-D", m.Groups["data"].Value, "-m", "immediate", "stop"], null, null, CancellationToken.None);
            }
        }
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex("instance (?<data>\\S+) socket (?<socket>\\S+) port (?<port>\\d+)")]
    private static partial Regex TargetPattern();
}
