using System.CommandLine;
using IamOps.Cli.Infrastructure;
using IamOps.Cli.Tests.Infrastructure;
using Spectre.Console;

namespace IamOps.Cli.Tests.Usage;

public sealed class UsageTests
{
    [Fact]
    public async Task An_unknown_option_exits_2_with_the_error_and_the_commands_help_on_stderr()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("clusters", "list", "--colour", "blue");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: Unrecognized command or argument '--colour'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Usage:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("iamops clusters list [options]", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task A_group_without_a_subcommand_exits_2_listing_its_commands()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("tokens");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: Required command was not provided.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("revoke", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_command_option_and_argument_has_a_description_and_help_exits_0()
    {
        using var console = new StringWriter();
        var root = CliApp.BuildRoot(new CliContext(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console) }), new CliEnvironment()));
        var commands = Flatten(root, []).ToList();
        using var cli = new CliRunner();

        Assert.True(commands.Count >= 25, $"only {commands.Count} commands");
        foreach (var (path, command) in commands)
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), $"`{string.Join(' ', path)}` has no description");
            Assert.All(command.Options, o => Assert.False(string.IsNullOrWhiteSpace(o.Description), $"{o.Name} of `{string.Join(' ', path)}` has no description"));
            Assert.All(command.Arguments, a => Assert.False(string.IsNullOrWhiteSpace(a.Description), $"{a.Name} of `{string.Join(' ', path)}` has no description"));
            var help = await cli.RunAsync([.. path, "--help"]);
            Assert.True(help.ExitCode == 0, help.ToString());
            Assert.Contains(command.Description!, help.Stdout.ReplaceLineEndings(" "), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--output must be table or json (got 'xml')", "clusters", "list", "--output", "xml")]
    [InlineData("--page must be 1 or more", "clusters", "list", "--page", "0")]
    [InlineData("--page-size must be between 1 and 200", "clusters", "list", "--page-size", "201")]
    [InlineData("Cannot parse argument 'not-a-guid' for command 'show' as expected type 'System.Guid'", "clusters", "show", "not-a-guid")]
    [InlineData("--expires-in-days must be between 1 and 3650", "tokens", "create", "ci", "--expires-in-days", "0")]
    [InlineData("KEY must not be empty.", "raci", "explain", " ")]
    [InlineData("Option '--contract' is required", "raci", "matrix")]
    [InlineData("Cannot parse argument 'acme' for option '--contract'", "raci", "matrix", "--contract", "acme")]
    [InlineData("Cannot parse argument '42' for command 'show'", "quotes", "show", "42")]
    [InlineData("Option '--title' is required", "quotes", "request", "--description", "SAML for the shop")]
    [InlineData("--description must not be empty", "quotes", "request", "--title", "SAML", "--description", "")]
    [InlineData("--amount must be more than 0", "quotes", "quote", "0190c8f4-0000-7000-8000-000000000001", "--amount", "-5", "--currency", "EUR", "--text", "x")]
    [InlineData("Cannot parse argument 'lots' for option '--amount'", "quotes", "quote", "0190c8f4-0000-7000-8000-000000000001", "--amount", "lots", "--currency", "EUR", "--text", "x")]
    [InlineData("--currency must be a three-letter ISO 4217 code", "quotes", "quote", "0190c8f4-0000-7000-8000-000000000001", "--amount", "100", "--currency", "euro", "--text", "x")]
    [InlineData("Option '--text' is required", "quotes", "quote", "0190c8f4-0000-7000-8000-000000000001", "--amount", "100", "--currency", "EUR")]
    [InlineData("Option '--reason' is required", "quotes", "refuse", "0190c8f4-0000-7000-8000-000000000001")]
    [InlineData("--reason must not be empty", "quotes", "refuse", "0190c8f4-0000-7000-8000-000000000001", "--reason", "  ")]
    [InlineData("Required argument missing for command: 'accept'", "quotes", "accept")]
    [InlineData("Option '--activity' is required", "interventions", "request", "--title", "Rotate keys", "--description", "Realm keys")]
    [InlineData("--activity must not be empty", "interventions", "request", "--activity", " ", "--title", "Rotate keys", "--description", "Realm keys")]
    [InlineData("--status must be one of open, awaiting-approval, done, rejected (got 'closed')", "interventions", "list", "--status", "closed")]
    [InlineData("--text must not be empty", "interventions", "contribute", "0190c8f4-0000-7000-8000-000000000001", "--text", " ")]
    [InlineData("Cannot parse argument 'c1' for command 'respond'", "interventions", "respond", "0190c8f4-0000-7000-8000-000000000001", "c1", "--text", "ok")]
    [InlineData("Required argument missing for command: 'respond'", "interventions", "respond", "0190c8f4-0000-7000-8000-000000000001", "--text", "ok")]
    [InlineData("Option '--report' is required", "interventions", "complete", "0190c8f4-0000-7000-8000-000000000001")]
    [InlineData("Option '--reason' is required", "interventions", "reject", "0190c8f4-0000-7000-8000-000000000001")]
    [InlineData("Cannot parse argument 'latest' for command 'read'", "notifications", "read", "latest")]
    public async Task Invalid_arguments_exit_2_naming_the_argument_before_any_server_is_contacted(string message, params string[] args)
    {
        using var cli = new CliRunner();
        cli.Variables["IAMOPS_SERVER"] = "http://127.0.0.1:9";
        cli.Variables["IAMOPS_TOKEN"] = "iamops_pat_unused";

        var result = await cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        var errors = result.Stderr.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
        Assert.Contains("Usage:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot reach the server", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_exits_1_naming_it()
    {
        using var cli = new CliRunner();
        cli.Variables["IAMOPS_TOKEN"] = "iamops_pat_unused";

        var result = await cli.RunAsync("quotes", "accept", Guid.NewGuid().ToString(), "--server", "http://127.0.0.1:9");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: Cannot reach the server at http://127.0.0.1:9:", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://iamops.example")]
    [InlineData("iamops.example")]
    public async Task A_server_that_is_not_an_http_url_exits_2(string server)
    {
        using var cli = new CliRunner();

        var result = await cli.RunWithInputAsync("secret", "login", "--server", server, "--email", "a@b.example", "--password-stdin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not an http(s) URL", result.Stderr, StringComparison.Ordinal);
    }

    private static IEnumerable<(string[] Path, Command Command)> Flatten(Command command, string[] path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands)
        {
            foreach (var child in Flatten(sub, [.. path, sub.Name]))
            {
                yield return child;
            }
        }
    }
}
