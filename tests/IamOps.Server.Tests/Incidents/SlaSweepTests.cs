using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Server.Tests.Incidents;

public sealed class SlaSweepTests
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Theory, MemberData(nameof(Providers))]
    public async Task A_warning_and_a_breach_are_recorded_once_each_and_notified(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new ManualSweepApp(provider);
        var staff = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var title = $"SSO down {Guid.NewGuid():N}";
        var id = (await staff.OpenForAcmeAsync("P1", ct, title)).Id(); // P1: response 30 min, 24×7

        app.Clock.Advance(TimeSpan.FromMinutes(22));
        var early = await app.SweepAsync(ct);
        app.Clock.Advance(TimeSpan.FromMinutes(1)); // 23 min: past 75 % of 30
        var warned = await app.SweepAsync(ct);
        app.Clock.Advance(TimeSpan.FromMinutes(8)); // 31 min
        var breached = await app.SweepAsync(ct);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await app.SweepAsync(ct);
        staff = await app.ClientForAsync(DemoUsers.ProviderOperator, ct); // bearer tokens last 15 minutes
        acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var incident = await staff.GetIncidentAsync(id, ct);
        var notices = await acme.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200", ct);

        Assert.Equal((0, 0), (early.Warnings, early.Breaches));
        Assert.Equal((1, 0), (warned.Warnings, warned.Breaches));
        Assert.Equal((0, 1), (breached.Warnings, breached.Breaches));
        Assert.Equal((0, 0), (again.Warnings, again.Breaches));
        Assert.Equal(["opened", "sla-warning", "sla-breached"], incident.TimelineKinds());
        var response = incident.GetProperty("response");
        Assert.True(response.GetProperty("breached").GetBoolean());
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(-5), response.GetProperty("breachedAt").GetDateTimeOffset());
        Assert.Single(notices.GetProperty("items").EnumerateArray(), n => n.GetProperty("subject").GetString() == $"SLA breached (response): {title}");
    }

    [Fact]
    public async Task The_resolution_clock_does_not_run_while_waiting_on_the_client()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new ManualSweepApp();
        var staff = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        // Monday 2 March 2026 09:00 UTC = 10:00 in Paris; P3: resolution 1440 business minutes (2.4 days of 10 hours).
        var id = (await staff.OpenForAcmeAsync("P3", ct)).Id();
        foreach (var action in new[] { "acknowledge", "start" })
        {
            (await staff.PostAsJsonAsync($"/api/v1/incidents/{id}/{action}", new { }, ct)).EnsureSuccessStatusCode();
        }
        app.Clock.Advance(TimeSpan.FromHours(2));
        staff = await app.ClientForAsync(DemoUsers.ProviderOperator, ct); // bearer tokens last 15 minutes
        (await staff.PostAsJsonAsync($"/api/v1/incidents/{id}/wait-on-client", new { }, ct)).EnsureSuccessStatusCode();

        app.Clock.Advance(TimeSpan.FromDays(14));
        await app.SweepAsync(ct);
        staff = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var afterPause = await staff.GetIncidentAsync(id, ct);
        var paused = afterPause.GetProperty("resolution");
        (await staff.PostAsJsonAsync($"/api/v1/incidents/{id}/resume", new { }, ct)).EnsureSuccessStatusCode();
        var resumed = (await staff.GetIncidentAsync(id, ct)).GetProperty("resolution");

        Assert.DoesNotContain("sla-breached", afterPause.TimelineKinds());
        Assert.Equal("paused", paused.GetProperty("state").GetString());
        Assert.Equal(120, paused.GetProperty("elapsedMinutes").GetDouble());
        Assert.False(paused.GetProperty("breached").GetBoolean());
        Assert.Equal("running", resumed.GetProperty("state").GetString());
        // Monday 16 March 11:00 UTC = 12:00 in Paris; 1320 business minutes left: 6 h on Monday, 10 h on Tuesday, 6 h on Wednesday: 14:00 CET.
        Assert.Equal(new DateTimeOffset(2026, 3, 18, 13, 0, 0, TimeSpan.Zero), resumed.GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_background_worker_sweeps_as_the_injected_clock_advances()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new IamOpsApp();
        var staff = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var id = (await staff.OpenForAcmeAsync("P1", ct)).Id();

        string[] kinds = [];
        for (var minute = 0; minute < 40 && !kinds.Contains("sla-breached"); minute++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            staff = await app.ClientForAsync(DemoUsers.ProviderOperator, ct); // bearer tokens last 15 minutes
            for (var wait = 0; wait < 20 && !kinds.Contains(minute >= 31 ? "sla-breached" : "opened"); wait++)
            {
                kinds = (await staff.GetIncidentAsync(id, ct)).TimelineKinds();
                if (minute >= 31 && !kinds.Contains("sla-breached"))
                {
                    await Task.Delay(100, ct);
                }
            }
        }

        Assert.Contains("sla-warning", kinds);
        Assert.Contains("sla-breached", kinds);
    }
}
