using Spectre.Console;

namespace IamOps.Cli;

/// <summary>The <c>iamops</c> executable: the real console, network and environment.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, AnsiConsole.Console, CliEnvironment.FromProcess());
}
