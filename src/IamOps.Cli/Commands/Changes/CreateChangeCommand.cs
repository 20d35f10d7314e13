using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Changes;

/// <summary><c>iamops changes create</c>: drafts a change on a cluster (or one of its realms, databases or nodes).</summary>
public static class CreateChangeCommand
{
    private static readonly string[] Criteria = ["complexity", "importance", "impact", "irreversibility"];

    public static Command Create(CliContext context)
    {
        var cluster = new Option<string>("--cluster") { Description = "The cluster, by name or id.", HelpName = "NAME", Required = true }.NotBlank();
        var resource = new Option<string?>("--resource") { Description = "A resource of the cluster: realm:NAME, database:NAME or node:HOST (default: the whole cluster).", HelpName = "KIND:NAME" };
        var title = new Option<string>("--title") { Description = "A short title.", HelpName = "TEXT", Required = true }.NotBlank();
        var description = new Option<string>("--description") { Description = "What changes, and why.", HelpName = "TEXT", Required = true }.NotBlank();
        var rollback = new Option<string?>("--rollback-plan") { Description = "How to return to the original situation.", HelpName = "TEXT" };
        var shutdown = new Option<bool>("--shutdown") { Description = "The change shuts production down: it must run in a maintenance window." };
        var urgent = new Option<bool>("--urgent") { Description = "Urgent: both parties approve; outside working hours it is handled as an incident (not for Major changes)." };
        var scores = Criteria.Select(Score).ToArray();
        var command = new Command("create", "Draft a change; its type (Minor, Medium, Major) is computed from the four scored criteria.")
        {
            cluster, resource, title, description, rollback, shutdown, urgent,
        };
        foreach (var s in scores)
        {
            command.Options.Add(s);
        }
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var clusterId = await ResolveClusterAsync(api, run.Value(cluster)!.Trim(), ct);
            var target = new JsonObject { ["clusterId"] = clusterId };
            if (run.Value(resource) is { Length: > 0 } r)
            {
                var parts = r.Split(':', 2);
                if (parts.Length != 2)
                {
                    throw new CliException(ExitCodes.Usage, $"--resource must be KIND:NAME, e.g. realm:master (got '{r}').");
                }
                target["kind"] = parts[0].Trim();
                target["name"] = parts[1].Trim();
            }
            var body = new JsonObject
            {
                ["title"] = run.Value(title)!.Trim(),
                ["description"] = run.Value(description)!.Trim(),
                ["targets"] = new JsonArray(target),
                ["requiresShutdown"] = run.Value(shutdown),
                ["urgent"] = run.Value(urgent),
                ["scores"] = new JsonObject
                {
                    ["complexity"] = run.Value(scores[0]),
                    ["importance"] = run.Value(scores[1]),
                    ["serviceImpact"] = run.Value(scores[2]),
                    ["irreversibility"] = run.Value(scores[3]),
                },
            };
            if (run.Value(rollback) is { Length: > 0 } plan)
            {
                body["rollbackPlan"] = plan.Trim();
            }
            var answer = await api.PostAsync(ChangesCommand.BasePath, body, ct);
            return run.Show(answer, ChangesCommand.Render);
        });
        return command;
    }

    private static Option<int> Score(string name)
    {
        var option = new Option<int>("--" + name)
        {
            Description = $"Score of the {name} criterion: 1 (low), 2 (medium) or 3 (high).",
            HelpName = "1-3",
            DefaultValueFactory = _ => 1,
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 3)
            {
                r.AddError($"--{name} must be 1, 2 or 3.");
            }
        });
        return option;
    }

    private static async Task<string> ResolveClusterAsync(ApiClient api, string text, CancellationToken ct)
    {
        if (Guid.TryParse(text, out var id))
        {
            return id.ToString();
        }
        var page = await api.GetAsync("api/v1/clusters?pageSize=200", ct);
        return page.Items().FirstOrDefault(c => string.Equals(c.Text("name"), text, StringComparison.OrdinalIgnoreCase)).Text("id") is { Length: > 0 } found
            ? found
            : throw new CliException($"No cluster named '{text}' is visible to you (see `iamops clusters list`).");
    }
}
