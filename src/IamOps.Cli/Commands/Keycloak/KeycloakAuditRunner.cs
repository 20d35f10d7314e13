using System.Globalization;
using System.Text;
using System.Text.Json;
using IamOps.Cli.Infrastructure;
using IamOps.Core.KeycloakAudit;
using IamOps.Core.KeycloakAudit.Output;
using Spectre.Console;

namespace IamOps.Cli.Commands.Keycloak;

/// <summary>Loads the realms, audits them, writes the report and picks the exit code.</summary>
internal static class KeycloakAuditRunner
{
    private static readonly JsonSerializerOptions SuppressionJson = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(Invocation run, AuditRun options, CancellationToken ct)
    {
        var suppressions = await LoadSuppressionsAsync(options.SuppressionsFile, ct);
        var auditor = new KeycloakAuditor();
        var now = run.Env.Clock.GetUtcNow();
        var reports = new List<RealmAuditReport>();
        var errors = new List<string>();
        foreach (var file in Files(options.Paths, errors))
        {
            try
            {
                using var loaded = await RealmLoader.LoadFileAsync(file, ct);
                reports.AddRange(loaded.Realms.Select(realm => auditor.Audit(realm, suppressions, now)));
            }
            catch (RealmLoadException ex)
            {
                errors.Add(ex.Message);
            }
        }
        foreach (var error in errors)
        {
            await run.Env.Error.WriteLineAsync($"error: {error}");
        }

        if (reports.Count > 0 || errors.Count == 0)
        {
            await WriteAsync(run, options, reports, auditor.Rules, ct);
        }
        if (errors.Count > 0)
        {
            return ExitCodes.Usage;
        }
        return reports.Any(r => r.Open(options.Minimum).Any()) ? ExitCodes.Failure : ExitCodes.Ok;
    }

    private static List<string> Files(IReadOnlyList<string> paths, List<string> errors)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            try
            {
                files.AddRange(RealmLoader.ExpandPaths([path]));
            }
            catch (RealmLoadException ex)
            {
                errors.Add(ex.Message);
            }
        }
        return files;
    }

    private static async Task WriteAsync(Invocation run, AuditRun options, List<RealmAuditReport> reports, IReadOnlyList<AuditRule> rules, CancellationToken ct)
    {
        if (options.OutputFile is { Length: > 0 } path)
        {
            try
            {
                await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
                if (options.Format == AuditKeycloakCommand.Text)
                {
                    await using var writer = new StreamWriter(file, new UTF8Encoding(false));
                    var console = AnsiConsole.Create(new AnsiConsoleSettings
                    {
                        Ansi = AnsiSupport.No,
                        ColorSystem = ColorSystemSupport.NoColors,
                        Interactive = InteractionSupport.No,
                        Out = new AnsiConsoleOutput(writer),
                    });
                    console.Profile.Width = 200;
                    AuditTextReport.Write(console, reports, options.Minimum);
                }
                else
                {
                    WriteData(file, options, reports, rules);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw CliException.Usage($"Cannot write {path}: {ex.Message}");
            }
            run.Line(string.Create(CultureInfo.InvariantCulture,
                $"{reports.Sum(r => r.Open(options.Minimum).Count())} findings in {reports.Count} realms written to {path} ({options.Format})."));
            return;
        }

        if (options.Format == AuditKeycloakCommand.Text)
        {
            AuditTextReport.Write(run.Console, reports, options.Minimum);
            return;
        }
        using var buffer = new MemoryStream();
        WriteData(buffer, options, reports, rules);
        await run.Env.Out.WriteLineAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).AsMemory(), ct);
    }

    private static void WriteData(Stream stream, AuditRun options, List<RealmAuditReport> reports, IReadOnlyList<AuditRule> rules)
    {
        if (options.Format == AuditKeycloakCommand.Sarif)
        {
            SarifWriter.Write(stream, reports, rules, options.Minimum);
        }
        else
        {
            AuditJsonWriter.Write(stream, reports, options.Minimum);
        }
    }

    private static async Task<List<Suppression>> LoadSuppressionsAsync(string? path, CancellationToken ct)
    {
        if (path is not { Length: > 0 })
        {
            return [];
        }
        try
        {
            await using var stream = File.OpenRead(path);
            var list = await JsonSerializer.DeserializeAsync<List<Suppression>>(stream, SuppressionJson, ct) ?? [];
            var invalid = list.FindIndex(s => string.IsNullOrWhiteSpace(s.RuleId) || string.IsNullOrWhiteSpace(s.Reason));
            if (invalid >= 0)
            {
                throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"--suppressions {path}: entry {invalid} needs a ruleId and a reason."));
            }
            return list;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"Cannot read --suppressions {path}: {ex.Message}");
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"--suppressions {path} is not a JSON array of suppressions: {ex.Message}");
        }
    }
}
