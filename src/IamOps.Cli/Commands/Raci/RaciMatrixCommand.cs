using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace IamOps.Cli.Commands.Raci;

/// <summary><c>iamops raci matrix --contract ID</c>: the whole matrix, one table per section table.</summary>
public static class RaciMatrixCommand
{
    public static Command Create(CliContext context)
    {
        var contract = new Option<Guid>("--contract") { Description = "The contract whose matrix to show.", HelpName = "ID", Required = true };
        var command = new Command("matrix", "Show a contract's whole RACI matrix: every activity with the provider's and the client's letters.") { contract };
        context.SetAction(command, async (run, ct) =>
        {
            var id = run.Value(contract);
            using var api = run.Connect();
            var matrix = await api.GetAsync($"api/v1/contracts/{id}/raci", ct, notFound: $"Contract {id} does not exist or is not visible to you.");
            return run.Show(matrix, Render);
        });
        return command;
    }

    private static IRenderable Render(JsonNode? matrix)
    {
        var parts = new List<IRenderable>();
        foreach (var section in matrix.Items("sections"))
        {
            foreach (var table in section.Items("tables"))
            {
                var title = string.Join(" > ", new[] { section.Text("name"), table.Text("name") }.Where(s => s.Length > 0));
                var grid = Tables.Create("Key", "Activity", Heading(table, "provider"), Heading(table, "client")).Title(Markup.Escape(title));
                foreach (var row in table.Items("rows"))
                {
                    grid.Row(row.Text("key"), row.Text("text"), Cell(row, "provider"), Cell(row, "client"));
                }
                parts.Add(grid);
            }
        }
        return parts.Count == 0 ? new Text("The matrix is empty." + Environment.NewLine) : new Rows(parts);
    }

    /// <summary>The matrix's own column heading (e.g. "CLOUD-IAM"), else the party.</summary>
    private static string Heading(JsonNode? table, string party)
    {
        var heading = table.Text(party + "Heading");
        return heading.Length > 0 ? heading : char.ToUpperInvariant(party[0]) + party[1..];
    }

    private static string Cell(JsonNode? row, string party)
    {
        var cell = row.Text(party + "Cell");
        return cell.Length > 0 ? cell : row.Text(party);
    }
}
