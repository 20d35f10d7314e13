using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace IamOps.Cli.Commands.Raci;

/// <summary><c>iamops raci explain KEY</c>: one activity, its parties and what you may do.</summary>
public static class ExplainRaciCommand
{
    public static Command Create(CliContext context)
    {
        var key = new Argument<string>("KEY") { Description = "The activity's key in the RACI matrix (see `iamops raci matrix`)." }.NotBlank();
        var contract = new Option<Guid?>("--contract") { Description = "The contract to read the matrix of (default: your organisation's contract).", HelpName = "ID" };
        var command = new Command("explain", "Explain one RACI activity: who is responsible, accountable, support, consulted and informed, and what that means for you.")
        {
            key,
            contract,
        };
        context.SetAction(command, async (run, ct) =>
        {
            var activity = run.Value(key)!.Trim();
            using var api = run.Connect();
            var path = $"api/v1/raci/explain?activity={Uri.EscapeDataString(activity)}"
                + (run.Value(contract) is { } id ? $"&contractId={id}" : "");
            var answer = await api.GetAsync(path, ct, notFound: $"No RACI activity '{activity}' in the contract: `iamops raci matrix --contract ID` lists the keys.");
            return run.Show(answer, Render);
        });
        return command;
    }

    private static IRenderable Render(JsonNode? answer)
    {
        var activity = answer?["activity"];
        var you = answer?["you"];
        var details = Tables.Details(
            ("Activity", $"{activity.Text("key")}: {activity.Text("text")}"),
            ("Where", string.Join(" > ", new[] { activity.Text("section"), activity.Text("table") }.Where(s => s.Length > 0))),
            ("Provider", Cell(activity, "provider")),
            ("Client", Cell(activity, "client")),
            ("Responsible", answer.Text("responsible")),
            ("Accountable", answer.Text("accountable")),
            ("Support", answer.Text("support")),
            ("Consulted", answer.Text("consulted")),
            ("Informed", answer.Text("informed")),
            ("You", YouAre(you)),
            ("You may", YouMay(you)),
            ("Contract", answer.Text("contractId")));
        return new Rows(details, new Text(answer.Text("explanation") + Environment.NewLine));
    }

    private static string Cell(JsonNode? activity, string party)
    {
        var cell = activity.Text(party + "Cell");
        return cell.Length > 0 ? cell : activity.Text(party);
    }

    /// <summary>The caller's party and letters as the matrix writes a cell, e.g. <c>Client (R, A)</c>.</summary>
    private static string YouAre(JsonNode? you)
    {
        var letters = string.Join(", ", you.Text("letters").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return $"{you.Text("party")} ({(letters.Length > 0 ? letters : "no letter")})";
    }

    private static string YouMay(JsonNode? you)
    {
        var flags = new (string Field, string Meaning)[]
        {
            ("mayPerform", "perform it"),
            ("mayApprove", "approve it"),
            ("mayContribute", "contribute"),
            ("isConsulted", "be consulted"),
            ("isInformed", "be informed"),
        };
        var yes = flags.Where(f => you.Text(f.Field) == "true").Select(f => f.Meaning).ToList();
        return yes.Count == 0 ? "nothing for this activity" : string.Join(", ", yes);
    }
}
