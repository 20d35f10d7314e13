using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;

namespace IamOps.Server.Tests.Changes;

public sealed class ChangeCalendarTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task The_calendar_lists_scheduled_changes_windows_and_freezes_of_the_clients_own_data()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var globex = await app.ClientForAsync(DemoUsers.GlobexAdmin, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        var cluster = await provider.ClusterIdAsync("acme-staging", ct);
        var id = await ChangesApi.ApprovedChangeAsync(app, cluster, ct, title: "Calendar entry");
        await ChangesApi.OkAsync(provider.ScheduleAsync(id, "2026-03-10T10:00:00+01:00", "2026-03-10T11:00:00+01:00", ct), ct);

        var mine = await acme.GetFromJsonAsync<JsonElement>("/api/v1/changes/calendar?from=2026-03-09T00:00:00Z&to=2026-03-16T00:00:00Z", ct);
        var theirs = await globex.GetFromJsonAsync<JsonElement>("/api/v1/changes/calendar?from=2026-03-09T00:00:00Z&to=2026-03-16T00:00:00Z", ct);

        Assert.Contains(mine.EnumerateArray(), e => e.GetProperty("kind").GetString() == "change" && e.GetProperty("id").GetGuid() == id);
        Assert.Contains(mine.EnumerateArray(), e => e.GetProperty("kind").GetString() == "window"
            && e.GetProperty("start").GetDateTimeOffset() == new DateTimeOffset(2026, 3, 10, 21, 0, 0, TimeSpan.Zero));
        Assert.DoesNotContain(theirs.EnumerateArray(), e => e.GetProperty("kind").GetString() == "change" && e.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task The_secret_ical_feed_serves_the_clients_calendar_without_sign_in_until_it_is_revoked()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var cluster = await provider.ClusterIdAsync("acme-prod", ct);
        var id = await ChangesApi.ApprovedChangeAsync(app, cluster, ct, title: "Feed entry");
        await ChangesApi.OkAsync(provider.ScheduleAsync(id, "2026-03-13T10:00:00+01:00", "2026-03-13T11:00:00+01:00", ct), ct);
        var feed = await ChangesApi.OkAsync(acme.PostAsJsonAsync("/api/v1/changes/calendar/feeds", new { label = "Ops team calendar" }, ct), ct);
        var url = new Uri(feed.GetProperty("url").GetString()!);
        var anonymous = app.CreateClient();

        var served = await anonymous.GetAsync(url.PathAndQuery, ct);
        var ics = await served.Content.ReadAsStringAsync(ct);
        var listed = await acme.GetStringAsync("/api/v1/changes/calendar/feeds", ct);
        var wrong = await anonymous.GetAsync(url.PathAndQuery + "x", ct);
        (await acme.DeleteAsync($"/api/v1/changes/calendar/feeds/{feed.GetProperty("id").GetGuid()}", ct)).EnsureSuccessStatusCode();
        var revoked = await anonymous.GetAsync(url.PathAndQuery, ct);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("text/calendar", served.Content.Headers.ContentType?.MediaType);
        Assert.Contains("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:[Minor change\\, scheduled] Feed entry", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20260313T090000Z", ics, StringComparison.Ordinal);
        Assert.Contains("[Maintenance window] Weekly maintenance", ics, StringComparison.Ordinal);
        Assert.DoesNotContain(url.Segments[^1], listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
    }

    [Fact]
    public async Task A_one_off_window_in_the_spring_forward_gap_is_moved_forward_and_says_so()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var acmeId = await provider.OrganisationIdAsync("acme", ct);

        var created = await ChangesApi.OkAsync(provider.PostAsJsonAsync("/api/v1/changes/windows",
            new { name = "Storage migration", localStart = "2026-03-29T02:30", durationMinutes = 120, clientOrganisationId = acmeId }, ct), ct);
        var ambiguous = await ChangesApi.OkAsync(provider.PostAsJsonAsync("/api/v1/changes/windows",
            new { name = "Fall-back night", localStart = "2026-10-25T02:30", durationMinutes = 60, clientOrganisationId = acmeId }, ct), ct);
        var byClient = await acme.PostAsJsonAsync("/api/v1/changes/windows", new { name = "Mine", localStart = "2026-03-30T02:30", durationMinutes = 60 }, ct);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), created.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 30, 0, TimeSpan.Zero), created.GetProperty("end").GetDateTimeOffset());
        Assert.Contains("spring-forward gap", created.GetProperty("resolution").GetString(), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), ambiguous.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Forbidden, byClient.StatusCode);
    }
}
