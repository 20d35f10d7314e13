using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;

namespace IamOps.Server.Tests.Incidents;

public sealed class EscalationTests
{
    private static object Contact(string name, string channel, string address, string days = "1,2,3,4,5", string from = "08:00:00", string to = "18:00:00",
        string timeZone = "Europe/Paris") => new { name, channel, address, timeZone, reachableDays = days, reachableFrom = from, reachableTo = to };

    [Fact]
    public async Task The_client_keeps_its_escalation_list_and_a_list_nobody_can_be_reached_on_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new ManualSweepApp();
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var viewer = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        var staff = await app.ClientForAsync(DemoUsers.ProviderManager, ct);

        var unreachable = await acme.PutAsJsonAsync("/api/v1/escalation-contacts", new { contacts = new[] { Contact("Nobody", "email", "nobody@acme.example", from: "09:00:00", to: "09:00:00") } }, ct);
        var badZone = await acme.PutAsJsonAsync("/api/v1/escalation-contacts", new { contacts = new[] { Contact("Anna", "email", DemoUsers.AcmeAdmin, timeZone: "Europe/Atlantis") } }, ct);
        var byViewer = await viewer.PutAsJsonAsync("/api/v1/escalation-contacts", new { contacts = new[] { Contact("Anna", "email", DemoUsers.AcmeAdmin) } }, ct);
        var byProvider = await staff.PutAsJsonAsync("/api/v1/escalation-contacts", new { contacts = new[] { Contact("Anna", "email", DemoUsers.AcmeAdmin) } }, ct);
        var saved = await acme.PutAsJsonAsync("/api/v1/escalation-contacts", new
        {
            contacts = new[] { Contact("Anna", "email", DemoUsers.AcmeAdmin), Contact("Night desk", "phone", "+33 1 23 45 67 89", days: "6,7", from: "20:00:00", to: "06:00:00") },
        }, ct);
        var seenByProvider = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/escalation-contacts?clientOrganisationId={await acme.OwnOrganisationIdAsync(ct)}", ct);

        Assert.Equal(HttpStatusCode.BadRequest, unreachable.StatusCode);
        Assert.Contains("contacts", (await unreachable.JsonAsync(ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
        Assert.Contains("contacts[0].timeZone", (await badZone.JsonAsync(ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byProvider.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(["Anna", "Night desk"], seenByProvider.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        // Monday 2 March 2026 10:00 in Paris: Anna is reachable, the weekend night desk is not.
        Assert.Equal([true, false], seenByProvider.EnumerateArray().Select(c => c.GetProperty("reachableNow").GetBoolean()));
    }

    [Fact]
    public async Task Overlapping_on_call_overrides_are_refused_and_the_rotation_hands_over_weekly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new ManualSweepApp();
        var manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);

        var overlapping = await manager.PostAsJsonAsync("/api/v1/on-call/rotations", Rotation("Overlap", overrides:
        [
            new { email = DemoUsers.ProviderAdmin, from = "2026-03-10T00:00:00Z", to = "2026-03-12T00:00:00Z" },
            new { email = DemoUsers.ProviderManager, from = "2026-03-11T00:00:00Z", to = "2026-03-13T00:00:00Z" },
        ]), ct);
        var badZone = await manager.PostAsJsonAsync("/api/v1/on-call/rotations", Rotation("Zone", timeZone: "Mars/Olympus"), ct);
        var created = await manager.PostAsJsonAsync("/api/v1/on-call/rotations", Rotation("Primary", overrides:
        [
            new { email = DemoUsers.ProviderAdmin, from = "2026-03-02T08:30:00Z", to = "2026-03-02T10:00:00Z" },
        ]), ct);
        var rotation = await created.JsonAsync(ct);
        app.Clock.Advance(TimeSpan.FromHours(2)); // past the override: the first member's week
        manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct); // bearer tokens last 15 minutes
        var week1 = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/on-call/rotations", ct))[0].GetProperty("onCallNow").GetString();
        app.Clock.Advance(TimeSpan.FromDays(7));
        manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var week2 = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/on-call/rotations", ct))[0].GetProperty("onCallNow").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
        Assert.Contains("Overrides overlap", (await overlapping.JsonAsync(ct)).GetProperty("errors").GetProperty("overrides")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(DemoUsers.ProviderAdmin, rotation.GetProperty("onCallNow").GetString());
        Assert.Equal(DemoUsers.ProviderOperator, week1);
        Assert.Equal(DemoUsers.ProviderManager, week2);
    }

    [Fact]
    public async Task Escalation_steps_fire_in_order_and_stop_once_the_incident_is_acknowledged()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new ManualSweepApp();
        var manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var staff = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        (await acme.PutAsJsonAsync("/api/v1/escalation-contacts", new { contacts = new[] { Contact("Anna", "email", DemoUsers.AcmeAdmin) } }, ct)).EnsureSuccessStatusCode();
        (await manager.PostAsJsonAsync("/api/v1/on-call/rotations", Rotation("Primary"), ct)).EnsureSuccessStatusCode();
        (await manager.PostAsJsonAsync("/api/v1/escalation-policies", Policy(), ct)).EnsureSuccessStatusCode();
        var id = (await staff.OpenForAcmeAsync("P1", ct)).Id();

        var atOpening = await app.SweepAsync(ct);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var beforeSecond = await app.SweepAsync(ct);
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var second = await app.SweepAsync(ct);
        staff = await app.ClientForAsync(DemoUsers.ProviderOperator, ct); // bearer tokens last 15 minutes
        (await staff.PostAsJsonAsync($"/api/v1/incidents/{id}/acknowledge", new { }, ct)).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var afterAck = await app.SweepAsync(ct);
        staff = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var incident = await staff.GetIncidentAsync(id, ct);
        var escalations = incident.GetProperty("timeline").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "escalated").Select(e => e.GetProperty("text").GetString()!).ToList();
        var acmeNotices = await acme.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200", ct);

        Assert.Equal((1, 0, 1, 0), (atOpening.EscalationSteps, beforeSecond.EscalationSteps, second.EscalationSteps, afterAck.EscalationSteps));
        Assert.Equal(2, escalations.Count);
        Assert.StartsWith("Escalation step 1/3 of 'Urgent': on-call operator@cloud-iam.example", escalations[0], StringComparison.Ordinal);
        Assert.StartsWith("Escalation step 2/3 of 'Urgent': client contacts reachable now told: Anna", escalations[1], StringComparison.Ordinal);
        Assert.Equal(2, incident.GetProperty("escalationStepsDone").GetInt32());
        Assert.Contains(acmeNotices.GetProperty("items").EnumerateArray(), n => n.GetProperty("subject").GetString()!.StartsWith("Escalation:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Overdue_steps_of_a_late_sweep_still_fire_in_their_order()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new ManualSweepApp();
        var manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var staff = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        (await manager.PostAsJsonAsync("/api/v1/on-call/rotations", Rotation("Primary"), ct)).EnsureSuccessStatusCode();
        (await manager.PostAsJsonAsync("/api/v1/escalation-policies", Policy(), ct)).EnsureSuccessStatusCode();
        var id = (await staff.OpenForAcmeAsync("P1", ct)).Id();

        app.Clock.Advance(TimeSpan.FromMinutes(45));
        var late = await app.SweepAsync(ct);
        staff = await app.ClientForAsync(DemoUsers.ProviderOperator, ct); // bearer tokens last 15 minutes
        var steps = (await staff.GetIncidentAsync(id, ct)).GetProperty("timeline").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "escalated").Select(e => e.GetProperty("text").GetString()![..25]).ToList();

        Assert.Equal(3, late.EscalationSteps);
        Assert.Equal(["Escalation step 1/3 of 'U", "Escalation step 2/3 of 'U", "Escalation step 3/3 of 'U"], steps);
    }

    private static object Rotation(string name, string timeZone = "Europe/Paris", object[]? overrides = null) => new
    {
        name, timeZone, startsOn = "2026-03-02", handoverAt = "09:00:00",
        members = new[] { DemoUsers.ProviderOperator, DemoUsers.ProviderManager }, overrides = overrides ?? [],
    };

    private static object Policy() => new
    {
        name = "Urgent",
        severities = new[] { "P1", "P2" },
        steps = new object[]
        {
            new { delayMinutes = 0, target = "on-call" },
            new { delayMinutes = 15, target = "client-contacts" },
            new { delayMinutes = 30, target = "role", role = "manager" },
        },
    };
}
