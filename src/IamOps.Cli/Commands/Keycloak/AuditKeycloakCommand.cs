using System.CommandLine;
using IamOps.Cli.Infrastructure;
using IamOps.Core.KeycloakAudit;

namespace IamOps.Cli.Commands.Keycloak;

/// <summary><c>iamops keycloak audit PATH…</c>: audits realm export files offline, like a linter (no server needed).</summary>
public static class AuditKeycloakCommand
{
    public const string Text = "text";
    public const string Json = "json";
    public const string Sarif = "sarif";

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Realm export files (one realm or an array of realms) or directories, searched recursively for *.json.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string?>("--format", "-f")
        {
            Description = "text (a table per realm), json, or sarif (SARIF 2.1.0 for code scanning). Default: text, or json with the global --output json.",
            HelpName = "text|json|sarif",
        };
        format.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && value is not (Text or Json or Sarif))
            {
                result.AddError($"--format must be {Text}, {Json} or {Sarif} (got '{value}').");
            }
        });
        format.CompletionSources.Add(Text, Json, Sarif);
        var minSeverity = new Option<string>("--min-severity")
        {
            Description = "Report and count only findings at or above this severity: info, low, medium, high or critical.",
            HelpName = string.Join('|', AuditSeverities.Names),
            DefaultValueFactory = _ => "info",
        };
        minSeverity.Validators.Add(result =>
        {
            if (!AuditSeverities.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"--min-severity must be one of {string.Join(", ", AuditSeverities.Names)} (got '{result.GetValueOrDefault<string>()}').");
            }
        });
        var outputFile = new Option<string?>("--output", "--out")
        {
            // Shadows the global --output (table|json) on this command only, as linters do; -o json still reaches the global one.
            Description = "Write the report to this FILE instead of standard output. On this command --output names a file: choose the format with --format (or -o json).",
            HelpName = "FILE",
        };
        var suppressions = new Option<string?>("--suppressions")
        {
            Description = "A JSON file of accepted risks: [{\"ruleId\", \"path\" (exact, or a prefix ending in *), \"realm\", \"reason\", \"expiresAt\"}]; matching findings are reported as suppressed and not counted.",
            HelpName = "FILE",
        };
        var command = new Command("audit",
            "Audit Keycloak realm exports offline against security and GDPR rules (RFC 9700, OWASP ASVS, Keycloak's guide). "
            + "Exit 0 when no finding is at or above --min-severity, 1 when there are findings, 2 when an input cannot be read.")
        {
            paths,
            format,
            minSeverity,
            outputFile,
            suppressions,
        };
        command.Aliases.Add("lint");
        context.SetAction(command, (run, ct) =>
        {
            var minimum = AuditSeverities.TryParse(run.Value(minSeverity), out var parsed) ? parsed.Value : AuditSeverity.Info;
            var chosen = run.Value(format) ?? (run.IsJson ? Json : Text);
            var options = new AuditRun(run.Value(paths) ?? [], chosen, minimum, run.Value(outputFile), run.Value(suppressions));
            return KeycloakAuditRunner.RunAsync(run, options, ct);
        });
        return command;
    }
}

/// <summary>What one <c>iamops keycloak audit</c> was asked to do.</summary>
public sealed record AuditRun(IReadOnlyList<string> Paths, string Format, AuditSeverity Minimum, string? OutputFile, string? SuppressionsFile);
