using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;
using IamOps.Core.KeycloakAudit;
using IamOps.Core.KeycloakAudit.Rules;

namespace IamOps.Cli.Commands.Keycloak;

/// <summary><c>iamops keycloak rules</c>: the audit's rules, offline.</summary>
public static class ListKeycloakRulesCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("rules", "List the audit rules of `iamops keycloak audit`: id, severity, title, fix and references (RFC 9700, OWASP ASVS, Keycloak's guide).");
        context.SetAction(command, (run, _) =>
        {
            var rules = new JsonArray([.. AuditRules.All.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id,
                ["severity"] = r.Severity.ToText(),
                ["category"] = r.Category,
                ["title"] = r.Title,
                ["rationale"] = r.Rationale,
                ["fix"] = r.Fix,
                ["references"] = new JsonArray([.. r.References.Select(x => (JsonNode)new JsonObject
                {
                    ["source"] = x.Source,
                    ["id"] = x.Id,
                    ["title"] = x.Title,
                    ["url"] = x.Url.ToString(),
                })]),
            })]);
            return Task.FromResult(run.Show(rules, _ =>
            {
                var table = Tables.Create("Id", "Severity", "Title", "References");
                foreach (var rule in AuditRules.All)
                {
                    table.Row(rule.Id, rule.Severity.ToText(), rule.Title, string.Join("\n", rule.References.Select(r => $"{r.Source} {r.Id}")));
                }
                return table;
            }));
        });
        return command;
    }
}
