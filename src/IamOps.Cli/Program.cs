using Spectre.Console;

namespace IamOps.Cli;

/// <summary>The <c>iamops</c> executable: the real console, network and environment.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // Piped into a file or a pager, no terminal width applies: don't squeeze tables into 80 columns.
            console.Profile.Width = 200;
        }
        return CliApp.RunAsync(args, console, CliEnvironment.FromProcess());
    }
}
