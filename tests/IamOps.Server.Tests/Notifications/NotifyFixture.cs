namespace IamOps.Server.Tests.Notifications;

/// <summary>One smtp4dev, one webhook receiver and one IamOps (SQLite) wired to them, shared by a test class.</summary>
public sealed class NotifyFixture : IAsyncLifetime
{
    public Smtp4dev Smtp { get; private set; } = null!;

    public WebhookReceiver Hooks { get; private set; } = null!;

    public NotifyApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Smtp = await Smtp4dev.StartAsync(TestContext.Current.CancellationToken);
        App = new NotifyApp("sqlite", Smtp.SmtpPort);
        Hooks = await WebhookReceiver.StartAsync(() => App.Clock.GetUtcNow(), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Hooks.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
