using IamOps.Server.Tests.Infrastructure;
using Spectre.Console;

namespace IamOps.Cli.Tests.Infrastructure;

/// <summary>What one run of the CLI printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs <c>iamops</c> in-process against an app, with its own configuration directory and environment variables.</summary>
public sealed class CliRunner : IDisposable
{
    public const string Server = "http://localhost";

    private readonly IamOpsApp? _app;

    public CliRunner(IamOpsApp? app = null)
    {
        _app = app;
        Root = Path.Combine(Path.GetTempPath(), "iamops-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        ConfigDirectory = Path.Combine(Root, "config");
    }

    /// <summary>A temporary directory for this runner's files.</summary>
    public string Root { get; }

    /// <summary>Passed as the environment's configuration directory; null to let the variables decide.</summary>
    public string? ConfigDirectory { get; set; }

    public string ConfigFile => Path.Combine(ConfigDirectory ?? throw new InvalidOperationException("no fixed config directory"), "config.json");

    public Dictionary<string, string?> Variables { get; } = [];

    /// <summary>The console width tables are laid out for; wide enough, no cell wraps.</summary>
    public int Width { get; set; } = 250;

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync("", args);

    public async Task<CliResult> RunWithInputAsync(string stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(stdout),
        });
        console.Profile.Width = Width;
        var env = new CliEnvironment
        {
            Out = stdout,
            Error = stderr,
            In = new StringReader(stdin),
            IsInteractive = false,
            HttpHandler = _app?.Server.CreateHandler(),
            ConfigDirectory = ConfigDirectory,
            HomeDirectory = Path.Combine(Root, "home"),
            Variable = name => Variables.GetValueOrDefault(name),
            Clock = _app?.Clock ?? TimeProvider.System,
        };
        var exitCode = await CliApp.RunAsync(args, console, env, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Signs in as a demo user and fails the test if that does not work.</summary>
    public async Task LoginAsync(string email)
    {
        var result = await RunWithInputAsync(IamOpsApp.DemoPassword + "\n", "login", "--server", Server, "--email", email, "--password-stdin");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
