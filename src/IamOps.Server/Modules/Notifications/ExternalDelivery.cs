namespace IamOps.Server.Modules.Notifications;

/// <summary>
/// Whether notifications of the current unit of work leave IamOps (e-mail, webhooks). Demo data is seeded with it off:
/// its incidents and changes show in-app, but nobody is mailed about fictitious events.
/// </summary>
public sealed class ExternalDelivery
{
    public bool Suppressed { get; private set; }

    /// <summary>Keeps this scope's notifications in-app only.</summary>
    public void Suppress() => Suppressed = true;
}
