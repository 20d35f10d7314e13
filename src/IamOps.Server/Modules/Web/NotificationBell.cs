using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IamOps.Server.Modules.Web;

/// <summary>The signed-in user's unread notification count, shared by the app bar and the pages of one circuit.</summary>
public sealed class NotificationBell(UiData data)
{
    public int Unread { get; private set; }

    /// <summary>Raised when <see cref="Unread"/> changes.</summary>
    public event Action? Changed;

    /// <summary>Counts the unread notifications again (the same query as <c>GET /api/v1/notifications?unread=true</c>).</summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        var result = await data.RunAsync((s, t) => NotificationsModule.ListAsync(s.Db, s.Tenant, true, null, 1, 1, t), ct);
        var unread = result.Result is Ok<Page<NotificationDto>> { Value: { } page } ? page.Total : 0;
        if (unread != Unread)
        {
            Unread = unread;
            Changed?.Invoke();
        }
    }
}
