using System.CommandLine;
using Spectre.Console;

namespace IamOps.Cli.Infrastructure;

/// <summary>The global options and the surroundings every command is built with.</summary>
public sealed class CliContext(IAnsiConsole console, CliEnvironment env)
{
    public const string TableFormat = "table";
    public const string JsonFormat = "json";

    public IAnsiConsole Console { get; } = console;

    public CliEnvironment Env { get; } = env;

    public Option<string?> Server { get; } = new("--server", "-s")
    {
        Description = "The IamOps server URL, e.g. https://iamops.example.com (default: IAMOPS_SERVER, else the server of `iamops login`).",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string> Output { get; } = CreateOutputOption();

    public Option<string?> ConfigDir { get; } = new("--config-dir")
    {
        Description = "Where config.json (server and session tokens) is kept (default: IAMOPS_CONFIG_DIR, else $XDG_CONFIG_HOME/iamops, else ~/.config/iamops).",
        HelpName = "DIR",
        Recursive = true,
    };

    /// <summary>Runs the command's work, turning expected failures into an <c>error:</c> message on stderr and an exit code.</summary>
    public void SetAction(Command command, Func<Invocation, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parseResult, ct) =>
        {
            try
            {
                return await action(new Invocation(this, parseResult), ct);
            }
            catch (CliException ex)
            {
                await Env.Error.WriteLineAsync($"error: {ex.Message}");
                foreach (var line in ex.Details)
                {
                    await Env.Error.WriteLineAsync($"  {line}");
                }
                return ex.ExitCode;
            }
        });

    private static Option<string> CreateOutputOption()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "How to print results: a table for people, or the server's JSON for scripts.",
            HelpName = "table|json",
            Recursive = true,
            DefaultValueFactory = _ => TableFormat,
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not (TableFormat or JsonFormat))
            {
                result.AddError($"--output must be {TableFormat} or {JsonFormat} (got '{value}').");
            }
        });
        option.CompletionSources.Add(TableFormat, JsonFormat);
        return option;
    }
}
