namespace IamOps.Cli;

/// <summary>What the CLI takes from its surroundings, so that tests can run it in-process.</summary>
public sealed class CliEnvironment
{
    /// <summary>Standard output, for data (JSON, exports) written without any console formatting.</summary>
    public TextWriter Out { get; init; } = TextWriter.Null;

    /// <summary>Standard error, for error messages and usage help after a usage error.</summary>
    public TextWriter Error { get; init; } = TextWriter.Null;

    /// <summary>Standard input, read by <c>--password-stdin</c> and <c>verify -</c>.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Whether a person is at a terminal who can answer prompts.</summary>
    public bool IsInteractive { get; init; }

    /// <summary>The HTTP handler to reach the server with; null for a real network connection.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>The configuration directory; null to derive it from the environment variables.</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>The user's home directory, the last resort for the configuration directory.</summary>
    public string HomeDirectory { get; init; } = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Reads an environment variable (IAMOPS_TOKEN, IAMOPS_SERVER, IAMOPS_CONFIG_DIR, XDG_CONFIG_HOME).</summary>
    public Func<string, string?> Variable { get; init; } = _ => null;

    /// <summary>The clock that decides whether a stored bearer token has expired.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The environment of this process: the real console, network, variables and clock.</summary>
    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        IsInteractive = !Console.IsInputRedirected,
        HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Variable = Environment.GetEnvironmentVariable,
    };
}
