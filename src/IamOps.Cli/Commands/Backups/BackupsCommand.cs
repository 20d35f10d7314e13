using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;
using Spectre.Console;

namespace IamOps.Cli.Commands.Backups;

/// <summary><c>iamops backups</c>: backup policy, runs, verification and restores of a cluster.</summary>
public static class BackupsCommand
{
    public static Command Create(CliContext context) =>
        new("backups", "Backups of a cluster's PostgreSQL database: policy, runs (pg_dump or pgBackRest), verification by restore, point-in-time restore.")
        {
            BackupPolicyCommand.Create(context),
            RunBackupCommand.Create(context),
            ListBackupsCommand.Create(context),
            VerifyBackupCommand.Create(context),
            RestoreBackupCommand.Create(context),
            ListRestoresCommand.Create(context),
            ReleaseRestoreCommand.Create(context),
        };

    public static Option<Guid> Cluster() => new("--cluster") { Description = "The cluster's id (see `iamops clusters list`).", HelpName = "ID", Required = true };

    public static string BasePath(Guid cluster) => $"api/v1/clusters/{cluster}/backups";

    /// <summary>Follows a run (or restore) with a progress bar until it ends; returns its final state.</summary>
    public static async Task<JsonNode?> FollowAsync(Invocation run, ApiClient api, string path, Func<JsonNode?, bool> finished, CancellationToken ct)
    {
        var state = await api.GetAsync(path, ct);
        if (run.IsJson)
        {
            while (!finished(state))
            {
                await Task.Delay(500, ct);
                state = await api.GetAsync(path, ct);
            }
            return state;
        }
        await run.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("starting", maxValue: 100);
                while (!finished(state))
                {
                    task.Description = Markup.Escape(state.Text("phase") is { Length: > 0 } phase ? phase : state.Text("status"));
                    if (int.TryParse(state.Text("percent"), out var percent))
                    {
                        task.Value = percent;
                    }
                    await Task.Delay(500, ct);
                    state = await api.GetAsync(path, ct);
                }
                task.Description = Markup.Escape(state.Text("status"));
                task.Value = 100;
            });
        return state;
    }

    public static bool BackupFinished(JsonNode? run) => run.Text("active") != "true";

    public static int ShowRun(Invocation run, JsonNode? r)
    {
        run.Show(r, x => Tables.Details(
            ("Id", x.Text("id")),
            ("Method", $"{x.Text("method")} {x.Text("physicalType")}".Trim()),
            ("Status", x.Text("status")),
            ("Verification", x.Text("verification")),
            ("Started", x.When("startedAt")),
            ("Duration", x.Text("durationMs") is { Length: > 0 } d ? $"{d} ms" : ""),
            ("Restore time", x.Text("restoreDurationMs") is { Length: > 0 } rd ? $"{rd} ms" : ""),
            ("Artifact", x.Text("artifact")),
            ("Reason", x.Text("failureReason")),
            ("Verification detail", x.Text("verificationDetail"))));
        return r.Text("status") == "Succeeded" && r.Text("verification") != "VerificationFailed" ? ExitCodes.Ok : ExitCodes.Failure;
    }
}

/// <summary><c>iamops backups policy</c>: shows the policy, or sets it when --schedule is given.</summary>
public static class BackupPolicyCommand
{
    public static Command Create(CliContext context)
    {
        var cluster = BackupsCommand.Cluster();
        var method = new Option<string?>("--method") { Description = "logical (pg_dump) or physical (pgBackRest).", HelpName = "METHOD" };
        var schedule = new Option<string?>("--schedule") { Description = "Cron in the contract's zone, e.g. \"30 2 * * *\"; setting it saves the policy.", HelpName = "CRON" };
        var keep = new Option<int>("--keep") { Description = "Backups kept (count).", DefaultValueFactory = _ => 7 };
        var days = new Option<int>("--days") { Description = "Backups kept (days).", DefaultValueFactory = _ => 7 };
        var dataDir = new Option<string?>("--data-directory") { Description = "Physical: the server's data directory (pgBackRest pg1-path).", HelpName = "PATH" };
        var reference = new Option<string?>("--reference") { Description = "Change reference of this policy change.", HelpName = "REF" };
        var priority = new Option<string?>("--priority") { Description = "The client's priority: Low, Normal, High, Critical.", HelpName = "PRIORITY" };
        var checksum = new Option<string?>("--checksum")
        {
            Description = "Logical: checksum of each file, xxh128 (default for a new policy: detects corruption) or sha256 (also tamper-evident).",
            HelpName = "ALGORITHM",
        };
        checksum.AcceptOnlyFromAmong("xxh128", "sha256");
        var command = new Command("policy", "Show a cluster's backup policy, or set it (provider) with --schedule.") { cluster, method, schedule, keep, days, dataDir, reference, priority, checksum };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var path = $"{BackupsCommand.BasePath(run.Value(cluster))}/policy";
            JsonNode? policy;
            if (run.Value(schedule) is { } cron)
            {
                policy = await api.PutAsync(path, new JsonObject
                {
                    ["method"] = string.Equals(run.Value(method), "physical", StringComparison.OrdinalIgnoreCase) ? "Physical" : "Logical",
                    ["schedule"] = cron, ["retainCount"] = run.Value(keep), ["retainDays"] = run.Value(days), ["encrypted"] = false,
                    ["verifyEvery"] = 1, ["parallelJobs"] = 2, ["compressionLevel"] = 1, ["dataDirectory"] = run.Value(dataDir),
                    ["changeReference"] = run.Value(reference), ["clientPriority"] = run.Value(priority) ?? "Normal",
                    ["checksum"] = run.Value(checksum) switch { "sha256" => "Sha256", "xxh128" => "Xxh128", _ => null },
                }, ct);
            }
            else
            {
                policy = await api.GetAsync(path, ct, notFound: "This cluster has no backup policy yet (or is not visible to you).");
            }
            return run.Show(policy, p => Tables.Details(
                ("Method", p.Text("method")), ("Schedule", $"{p.Text("schedule")} ({p.Text("timeZone")})"),
                ("Retention", $"{p.Text("retainCount")} backups, {p.Text("retainDays")} days"), ("Verify every", p.Text("verifyEvery")),
                ("Checksum", p.Text("checksum")), ("Version", p.Text("version")), ("Archive command", p.Text("archiveCommand")), ("Updated", $"{p.When("updatedAt")} by {p.Text("updatedBy")}")));
        });
        return command;
    }
}

/// <summary><c>iamops backups run</c>: starts a backup and follows it with a progress bar.</summary>
public static class RunBackupCommand
{
    public static Command Create(CliContext context)
    {
        var cluster = BackupsCommand.Cluster();
        var type = new Option<string?>("--type") { Description = "Physical: full, diff or incr.", HelpName = "TYPE" };
        var command = new Command("run", "Run a backup now, then its verification, with progress.") { cluster, type };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var body = new JsonObject();
            if (run.Value(type) is { } t)
            {
                body["type"] = char.ToUpperInvariant(t[0]) + t[1..].ToLowerInvariant();
            }
            var started = await api.PostAsync($"{BackupsCommand.BasePath(run.Value(cluster))}/runs", body, ct, notFound: "Unknown cluster.");
            var final = await BackupsCommand.FollowAsync(run, api, $"{BackupsCommand.BasePath(run.Value(cluster))}/runs/{started.Text("id")}", BackupsCommand.BackupFinished, ct);
            return BackupsCommand.ShowRun(run, final);
        });
        return command;
    }
}

/// <summary><c>iamops backups list</c>: the cluster's backups with status, verification and durations.</summary>
public static class ListBackupsCommand
{
    public static Command Create(CliContext context)
    {
        var cluster = BackupsCommand.Cluster();
        var command = new Command("list", "List a cluster's backups, newest first.") { cluster };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var runs = await api.GetAsync($"{BackupsCommand.BasePath(run.Value(cluster))}/runs", ct, notFound: "Unknown cluster.");
            return run.Show(runs, list =>
            {
                var table = Tables.Create("Id", "Started", "Method", "Status", "Verified", "Duration", "Restore");
                foreach (var r in (list as JsonArray) ?? [])
                {
                    table.Row(r.Text("id"), r.When("startedAt"), $"{r.Text("method")} {r.Text("physicalType")}".Trim(), r.Text("status"), r.Text("verification"),
                        r.Text("durationMs") is { Length: > 0 } d ? $"{d} ms" : "", r.Text("restoreDurationMs") is { Length: > 0 } rd ? $"{rd} ms" : "");
                }
                return table;
            });
        });
        return command;
    }
}

/// <summary><c>iamops backups verify</c>: restores a backup into a scratch instance and checks it.</summary>
public static class VerifyBackupCommand
{
    public static Command Create(CliContext context)
    {
        var cluster = BackupsCommand.Cluster();
        var id = CommonOptions.Id("The backup's id (see `iamops backups list`).");
        var command = new Command("verify", "Verify a backup by restoring it into a scratch instance and running the Keycloak checks.") { cluster, id };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var path = $"{BackupsCommand.BasePath(run.Value(cluster))}/runs/{run.Value(id)}";
            await api.PostAsync($"{path}/verify", null, ct, notFound: "Unknown cluster or backup.");
            var final = await BackupsCommand.FollowAsync(run, api, path, BackupsCommand.BackupFinished, ct);
            return BackupsCommand.ShowRun(run, final);
        });
        return command;
    }
}

/// <summary><c>iamops backups restore</c>: restores a backup or a point in time into a new database or instance.</summary>
public static class RestoreBackupCommand
{
    public static Command Create(CliContext context)
    {
        var cluster = BackupsCommand.Cluster();
        var backup = new Option<Guid?>("--backup") { Description = "The backup to restore.", HelpName = "ID" };
        var at = new Option<DateTimeOffset?>("--at") { Description = "Point in time to restore to (physical backups), e.g. 2026-03-02T09:15:00Z.", HelpName = "TIME" };
        var reference = new Option<string>("--reference") { Description = "The incident or change this restore is for.", HelpName = "REF", Required = true }.NotBlank();
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the plan only." };
        var command = new Command("restore", "Restore into a new database or instance; the source is never touched.") { cluster, backup, at, reference, dryRun };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var body = new JsonObject
            {
                ["backupId"] = run.Value(backup)?.ToString(), ["targetTime"] = run.Value(at)?.ToString("O"),
                ["reference"] = run.Value(reference), ["dryRun"] = run.Value(dryRun),
            };
            var answer = await api.PostAsync($"{BackupsCommand.BasePath(run.Value(cluster))}/restores", body, ct, notFound: "Unknown cluster or backup.");
            if (!run.Value(dryRun))
            {
                answer = await BackupsCommand.FollowAsync(run, api, $"{BackupsCommand.BasePath(run.Value(cluster))}/restores/{answer.Text("id")}",
                    r => r.Text("status") is not ("Running" or "Planned"), ct);
            }
            run.Show(answer, r => Tables.Details(("Status", r.Text("status")), ("Plan", r.Text("plan")), ("Target", r.Text("target")),
                ("Duration", r.Text("durationMs") is { Length: > 0 } d ? $"{d} ms" : ""), ("Reason", r.Text("failureReason"))));
            return answer.Text("status") is "Succeeded" or "Planned" ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}

/// <summary><c>iamops backups restores</c>: the cluster's restores, what they created and whether it was released.</summary>
public static class ListRestoresCommand
{
    public static Command Create(CliContext context)
    {
        var cluster = BackupsCommand.Cluster();
        var command = new Command("restores", "List a cluster's restores, newest first.") { cluster };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var restores = await api.GetAsync($"{BackupsCommand.BasePath(run.Value(cluster))}/restores", ct, notFound: "Unknown cluster.");
            return run.Show(restores, list =>
            {
                var table = Tables.Create("Id", "Started", "Reference", "Status", "Target", "Released");
                foreach (var r in (list as JsonArray) ?? [])
                {
                    table.Row(r.Text("id"), r.When("startedAt"), r.Text("reference"), r.Text("status"), r.Text("target"),
                        r.Text("releasedAt") is { Length: > 0 } ? $"{r.When("releasedAt")} by {r.Text("releasedBy")}" : "");
                }
                return table;
            });
        });
        return command;
    }
}

/// <summary><c>iamops backups release</c>: drops the database or stops the instance a restore created.</summary>
public static class ReleaseRestoreCommand
{
    public static Command Create(CliContext context)
    {
        var cluster = BackupsCommand.Cluster();
        var restore = new Option<Guid>("--restore") { Description = "The restore's id (see `iamops backups restores`).", HelpName = "ID", Required = true };
        var command = new Command("release", "Drop the database a logical restore created, or stop and remove the instance a physical restore started.") { cluster, restore };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var answer = await api.DeleteAsync($"{BackupsCommand.BasePath(run.Value(cluster))}/restores/{run.Value(restore)}/target", ct,
                notFound: "Unknown cluster or restore.");
            run.Show(answer, r => Tables.Details(("Target", r.Text("target")), ("Released", r.When("releasedAt")), ("By", r.Text("releasedBy"))));
            return ExitCodes.Ok;
        });
        return command;
    }
}
