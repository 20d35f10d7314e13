using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IamOps.Server.Tests.Notifications;

/// <summary>A real HTTP listener (Kestrel on a loopback port) receiving webhooks: it checks each signature on its own (not with
/// IamOps' code) and deduplicates by Idempotency-Key, as a careful subscriber would.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<DateTimeOffset> _now;
    private readonly ConcurrentDictionary<string, string> _secrets = new();
    private readonly ConcurrentDictionary<string, int> _failing = new();
    private readonly ConcurrentQueue<WebhookHit> _hits = new();
    private readonly ConcurrentDictionary<string, WebhookHit> _accepted = new();

    private WebhookReceiver(WebApplication app, Func<DateTimeOffset> now)
    {
        _app = app;
        _now = now;
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every request, in arrival order, including rejected and repeated ones.</summary>
    public IReadOnlyList<WebhookHit> Hits => [.. _hits];

    /// <summary>The first valid delivery of each idempotency key.</summary>
    public IReadOnlyDictionary<string, WebhookHit> Accepted => _accepted;

    /// <summary>Starts the listener; <paramref name="now"/> is the clock the signature's timestamp is checked against.</summary>
    public static async Task<WebhookReceiver> StartAsync(Func<DateTimeOffset> now, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, now);
        app.MapPost("/hooks/{name}", receiver.ReceiveAsync);
        await app.StartAsync(ct);
        receiver.BaseUri = new Uri(app.Urls.First());
        return receiver;
    }

    public string UrlFor(string name) => new Uri(BaseUri, $"/hooks/{name}").ToString();

    /// <summary>The secret the hook <paramref name="name"/> verifies signatures with (given by IamOps at subscription time).</summary>
    public void UseSecret(string name, string secret) => _secrets[name] = secret;

    /// <summary>Makes the hook answer <paramref name="status"/> (e.g. 500) until <see cref="Recover"/>.</summary>
    public void FailWith(string name, int status) => _failing[name] = status;

    public void Recover(string name) => _failing.TryRemove(name, out _);

    public IReadOnlyList<WebhookHit> AcceptedFor(string name) => [.. _accepted.Values.Where(h => h.Hook == name)];

    public async Task<IReadOnlyList<WebhookHit>> WaitForAsync(string name, int expected, TimeSpan timeout, CancellationToken ct)
    {
        var until = DateTime.UtcNow + timeout;
        while (AcceptedFor(name).Count < expected && DateTime.UtcNow < until)
        {
            await Task.Delay(100, ct);
        }
        return AcceptedFor(name);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(string name, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var key = request.Headers["Idempotency-Key"].ToString();
        var signature = request.Headers["IamOps-Signature"].ToString();
        var valid = _secrets.TryGetValue(name, out var secret) && SignatureIsValid(secret, signature, body);
        var hit = new WebhookHit(name, key, request.Headers["IamOps-Event"].ToString(), signature, body, valid);
        _hits.Enqueue(hit);
        if (_failing.TryGetValue(name, out var status))
        {
            return Results.StatusCode(status);
        }
        if (!valid)
        {
            return Results.Unauthorized();
        }
        return _accepted.TryAdd(key, hit) ? Results.Ok("accepted") : Results.Ok("duplicate ignored");
    }

    // Independent of IamOps' WebhookSignature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>, within 5 minutes.
    private bool SignatureIsValid(string secret, string header, string body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1)
            || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(_now().ToUnixTimeSeconds() - timestamp) > 300)
        {
            return false;
        }
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{t}.{body}")));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(v1.ToUpperInvariant()));
    }
}

/// <summary>One webhook request as received.</summary>
public sealed record WebhookHit(string Hook, string IdempotencyKey, string EventType, string Signature, string Body, bool SignatureValid);
