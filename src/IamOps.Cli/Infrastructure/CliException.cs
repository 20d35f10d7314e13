namespace IamOps.Cli.Infrastructure;

/// <summary>An expected failure: printed as <c>error: message</c> (then the detail lines) on stderr, with an exit code.</summary>
public sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message) : this(ExitCodes.Failure, message)
    {
    }

    public CliException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public CliException(int exitCode, string message, IReadOnlyList<string>? details = null) : base(message)
    {
        ExitCode = exitCode;
        Details = details ?? [];
    }

    public int ExitCode { get; } = ExitCodes.Failure;

    /// <summary>Further lines, such as one per invalid field, or a hint.</summary>
    public IReadOnlyList<string> Details { get; } = [];

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);
}
