using System.CommandLine;
using System.Globalization;
using System.Text;
using IamOps.Cli.Infrastructure;
using Spectre.Console;

namespace IamOps.Cli.Commands.AuditTrail;

/// <summary><c>iamops audit-trail export</c>: streams the chain as JSONL to a file (with progress) or to stdout.</summary>
public static class ExportAuditTrailCommand
{
    public static Command Create(CliContext context)
    {
        var chain = AuditTrailCommand.ChainOption();
        var output = new Option<string?>("--out") { Description = "Write the JSONL to this file (replaced only once the export is complete); without it, to standard output.", HelpName = "FILE" };
        var command = new Command("export", "Export a whole chain as JSONL, one entry per line, for `iamops audit-trail verify` or an auditor.") { chain, output };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var chainId = await OrganisationLookup.ResolveAsync(api, run.Value(chain), ct);
            using var response = await api.OpenAsync("api/v1/audit-trail/export" + (chainId is { } id ? $"?chainId={id}" : ""), ct);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var reader = new StreamReader(body, Encoding.UTF8);

            if (run.Value(output) is not { Length: > 0 } file)
            {
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    if (line.Length > 0)
                    {
                        await run.Env.Out.WriteAsync(line + "\n");
                    }
                }
                await run.Env.Out.FlushAsync(ct);
                return ExitCodes.Ok;
            }

            var count = await ToFileAsync(run, reader, Path.GetFullPath(file), ct);
            if (run.IsJson)
            {
                run.WriteJson(new System.Text.Json.Nodes.JsonObject { ["file"] = Path.GetFullPath(file), ["entries"] = count });
            }
            else
            {
                run.Line(string.Create(CultureInfo.InvariantCulture, $"Exported {count} entries to {file}."));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> ToFileAsync(Invocation run, StreamReader reader, string file, CancellationToken ct)
    {
        // Written beside the target and moved over it at the end, so a failed export never leaves half a chain.
        var partial = file + ".partial";
        var count = 0;
        try
        {
            await run.Console.Progress().AutoClear(true).HideCompleted(false)
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("Exporting the audit trail: 0 entries", maxValue: 1);
                    task.IsIndeterminate = true;
                    await using var writer = new StreamWriter(partial, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                    while (await reader.ReadLineAsync(ct) is { } line)
                    {
                        if (line.Length == 0)
                        {
                            continue;
                        }
                        await writer.WriteAsync(line + "\n");
                        count++;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"Exporting the audit trail: {count} entries");
                    }
                    task.IsIndeterminate = false;
                    task.Value = 1;
                    task.StopTask();
                });
            File.Move(partial, file, overwrite: true);
            return count;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or DirectoryNotFoundException or PathTooLongException)
        {
            throw CliException.Usage($"Cannot write {file}: {ex.Message}");
        }
        finally
        {
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }
        }
    }
}
