using System.Diagnostics;
using System.Globalization;
using IamOps.Server.Data;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Organisations;
using IamOps.Server.Modules.Platform;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

// Notification throughput: N e-mails queued through INotifier (outbox rows, one transaction per notification), then drained
// by OutboxDispatcher.DispatchDueAsync to a local SMTP server; the peer is a raw MailKit loop sending the same N messages
// over one connection. Usage: dotnet run -c Release -- SMTP_PORT [MESSAGES] [sqlite|postgres CONNECTION_STRING]
var smtpPort = int.Parse(args[0], CultureInfo.InvariantCulture);
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
var provider = args.Length > 2 ? args[2] : "sqlite";
var connection = args.Length > 3 ? args[3] : $"Data Source={Path.Combine(Path.GetTempPath(), $"iamops-bench-{Guid.NewGuid():N}.db")}";

var builder = WebApplication.CreateBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = provider,
    ["Database:ConnectionString"] = connection,
    ["Notifications:Smtp:Host"] = "127.0.0.1",
    ["Notifications:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
    ["Notifications:Smtp:Security"] = "None",
    ["Notifications:Dispatcher:Enabled"] = "false",
});
builder.Services.AddPlatform();
builder.Services.AddIamOpsDatabase(builder.Configuration);
builder.Services.AddDataProtection().SetApplicationName("IamOps").PersistKeysToDbContext<IamOpsDb>();
builder.Services.AddNotifications();
await using var app = builder.Build();
await app.Services.InitializeDatabaseAsync();

Guid clientId;
await using (var scope = app.Services.CreateAsyncScope())
{
    scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
    var db = scope.ServiceProvider.GetRequiredService<IamOpsDb>();
    var client = new Organisation { Name = "Bench Client", Slug = $"bench-{Guid.NewGuid():N}"[..20], Kind = Party.Client };
    db.Add(client);
    await db.SaveChangesAsync();
    clientId = client.Id;
}

var queue = Stopwatch.StartNew();
for (var i = 0; i < count; i++)
{
    await using var scope = app.Services.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
    await scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(new NotificationMessage(clientId, Party.Client, null,
        $"Bench message {i}", "Throughput of the notification outbox.", "/api/v1/incidents/bench", "incident.opened", [$"bench{i % 50}@client.example"]), default);
    await scope.ServiceProvider.GetRequiredService<IamOpsDb>().SaveChangesAsync();
}
queue.Stop();

List<OutboxMessage> rows;
await using (var scope = app.Services.CreateAsyncScope())
{
    scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
    rows = await scope.ServiceProvider.GetRequiredService<IamOpsDb>().Set<OutboxMessage>().AsNoTracking().ToListAsync();
}
var smtp = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotificationOptions>>().Value.Smtp;

// The peer runs before and after the dispatcher, so a drift of the machine or of the SMTP server shows.
async Task<Stopwatch> RawLoopAsync(int? take = null)
{
    var watch = Stopwatch.StartNew();
    using var client = new SmtpClient();
    await client.ConnectAsync("127.0.0.1", smtpPort, MailKit.Security.SecureSocketOptions.None);
    foreach (var row in rows.Take(take ?? rows.Count))
    {
        await client.SendAsync(SmtpMailer.Compose(row, smtp));
    }
    await client.DisconnectAsync(true);
    watch.Stop();
    return watch;
}

// Warm-up: smtp4dev's and MailKit's first messages (JIT, the store's first writes) are many times slower than the rest.
await RawLoopAsync(Math.Min(200, rows.Count));
var rawBefore = await RawLoopAsync();
var dispatch = Stopwatch.StartNew();
DispatchResult result;
await using (var scope = app.Services.CreateAsyncScope())
{
    result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default);
}
dispatch.Stop();
var rawAfter = await RawLoopAsync();


double Rate(int n, Stopwatch sw) => n / sw.Elapsed.TotalSeconds;
Console.WriteLine(FormattableString.Invariant($"provider={provider} messages={count} delivered={result.Delivered} failed={result.Failed}"));
Console.WriteLine(FormattableString.Invariant($"queue (INotifier + SaveChanges, one transaction each): {queue.Elapsed.TotalSeconds:F2} s, {Rate(count, queue):F1} notifications/s"));
Console.WriteLine(FormattableString.Invariant($"dispatcher (claim, send, record): {dispatch.Elapsed.TotalSeconds:F2} s, {Rate(result.Delivered, dispatch):F1} messages/s"));
Console.WriteLine(FormattableString.Invariant($"raw MailKit loop before (same messages, one connection): {rawBefore.Elapsed.TotalSeconds:F2} s, {Rate(rows.Count, rawBefore):F1} messages/s"));
Console.WriteLine(FormattableString.Invariant($"raw MailKit loop after: {rawAfter.Elapsed.TotalSeconds:F2} s, {Rate(rows.Count, rawAfter):F1} messages/s"));
var peer = (Rate(rows.Count, rawBefore) + Rate(rows.Count, rawAfter)) / 2;
Console.WriteLine(FormattableString.Invariant($"dispatcher / raw (mean of both): {Rate(result.Delivered, dispatch) / peer:F2}"));
return result.Delivered == count ? 0 : 1;
