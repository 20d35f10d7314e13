namespace IamOps.Server.Modules.Incidents;

/// <summary>Log events of the incident capability.</summary>
internal static partial class IncidentsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "SLA sweep: {Checked} incident(s) checked, {Warnings} warning(s), {Breaches} breach(es), {Steps} escalation step(s)")]
    public static partial void Swept(ILogger logger, int @checked, int warnings, int breaches, int steps);

    [LoggerMessage(Level = LogLevel.Error, Message = "SLA sweep failed; it runs again at the next tick")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
