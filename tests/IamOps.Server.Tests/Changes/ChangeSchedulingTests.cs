using System.Net;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;

namespace IamOps.Server.Tests.Changes;

/// <summary>The contract's scheduling rules (Europe/Paris civil time; the test clock is Monday 2 March 2026, 09:00 UTC).</summary>
public sealed class ChangeSchedulingTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> TryScheduleAsync(IamOpsApp app, Guid id, string start, string end, CancellationToken ct)
    {
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var response = await provider.ScheduleAsync(id, start, end, ct);
        return (response.StatusCode, await response.JsonAsync(ct));
    }

    private static DateTimeOffset NextStart(JsonElement problem) => problem.GetProperty("nextValidSlot").GetProperty("start").GetDateTimeOffset();

    [Fact]
    public async Task A_change_inside_working_hours_is_scheduled()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await (await app.ClientForAsync(DemoUsers.ProviderOperator, ct)).ClusterIdAsync("acme-staging", ct);
        var id = await ChangesApi.ApprovedChangeAsync(app, cluster, ct);

        var (status, body) = await TryScheduleAsync(app, id, "2026-03-11T10:00:00+01:00", "2026-03-11T11:00:00+01:00", ct);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("scheduled", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_change_from_17_30_to_18_30_straddles_the_end_of_working_hours_and_the_next_slot_is_8_00_the_next_morning()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await (await app.ClientForAsync(DemoUsers.ProviderOperator, ct)).ClusterIdAsync("acme-staging", ct);
        var id = await ChangesApi.ApprovedChangeAsync(app, cluster, ct);

        var (status, problem) = await TryScheduleAsync(app, id, "2026-03-04T17:30:00+01:00", "2026-03-04T18:30:00+01:00", ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("working-hours", problem.GetProperty("rule").GetString());
        Assert.Contains("Europe/Paris civil time (CET/CEST)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse("2026-03-05T08:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture), NextStart(problem));
        Assert.Contains("Next valid slot: 2026-03-05 07:00:00Z", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_on_friday_evening_is_moved_to_monday_morning()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await (await app.ClientForAsync(DemoUsers.ProviderOperator, ct)).ClusterIdAsync("acme-staging", ct);
        var id = await ChangesApi.ApprovedChangeAsync(app, cluster, ct);

        var (status, problem) = await TryScheduleAsync(app, id, "2026-03-06T17:00:00+01:00", "2026-03-06T19:00:00+01:00", ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(DateTimeOffset.Parse("2026-03-09T08:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture), NextStart(problem));
    }

    [Fact]
    public async Task A_friday_evening_change_before_the_spring_forward_weekend_moves_to_monday_8_00_summer_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await (await app.ClientForAsync(DemoUsers.ProviderOperator, ct)).ClusterIdAsync("acme-staging", ct);
        var id = await ChangesApi.ApprovedChangeAsync(app, cluster, ct);

        var (status, problem) = await TryScheduleAsync(app, id, "2026-03-27T17:30:00+01:00", "2026-03-27T18:30:00+01:00", ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        // 08:00 in Paris is 07:00 UTC in winter, 06:00 UTC from 29 March 2026 (CEST).
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 6, 0, 0, TimeSpan.Zero), NextStart(problem));
    }

    [Fact]
    public async Task A_change_on_easter_monday_is_refused_and_moved_to_the_next_working_day()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await (await app.ClientForAsync(DemoUsers.ProviderOperator, ct)).ClusterIdAsync("acme-staging", ct);
        var id = await ChangesApi.ApprovedChangeAsync(app, cluster, ct);

        var (status, problem) = await TryScheduleAsync(app, id, "2026-04-06T10:00:00+02:00", "2026-04-06T11:00:00+02:00", ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("working-hours", problem.GetProperty("rule").GetString());
        Assert.Equal(new DateTimeOffset(2026, 4, 7, 6, 0, 0, TimeSpan.Zero), NextStart(problem));
    }

    [Fact]
    public async Task A_shutdown_change_runs_only_in_the_weekly_rrule_window_which_follows_the_dst_change()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await (await app.ClientForAsync(DemoUsers.ProviderOperator, ct)).ClusterIdAsync("acme-staging", ct);
        var id = await ChangesApi.ApprovedChangeAsync(app, cluster, ct, shutdown: true);

        // Working hours are no maintenance window: the next window is the contract's FREQ=WEEKLY;BYDAY=TU at 22:00 local,
        // which is 21:00 UTC on 24 March (CET) and 20:00 UTC on 31 March (CEST).
        var (refused, problem) = await TryScheduleAsync(app, id, "2026-03-25T10:00:00+01:00", "2026-03-25T11:00:00+01:00", ct);
        var (accepted, _) = await TryScheduleAsync(app, id, "2026-03-31T22:00:00+02:00", "2026-04-01T01:00:00+02:00", ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Equal("maintenance-window", problem.GetProperty("rule").GetString());
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 20, 0, 0, TimeSpan.Zero), NextStart(problem));
        Assert.Equal(HttpStatusCode.OK, accepted);
    }

    [Fact]
    public async Task A_change_overlapping_another_on_the_same_cluster_is_refused_with_the_slot_after_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var cluster = await provider.ClusterIdAsync("acme-prod", ct);
        var first = await ChangesApi.ApprovedChangeAsync(app, cluster, ct, title: "First");
        var second = await ChangesApi.ApprovedChangeAsync(app, cluster, ct, kind: "realm", name: "master", title: "Second");
        await ChangesApi.OkAsync(provider.ScheduleAsync(first, "2026-03-18T10:00:00+01:00", "2026-03-18T11:00:00+01:00", ct), ct);

        var (status, problem) = await TryScheduleAsync(app, second, "2026-03-18T10:30:00+01:00", "2026-03-18T11:30:00+01:00", ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("conflict", problem.GetProperty("rule").GetString());
        Assert.Contains("First", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse("2026-03-18T11:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture), NextStart(problem));
    }

    [Fact]
    public async Task A_client_freeze_period_blocks_changes_and_the_next_slot_follows_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var own = new IamOpsApp();
        var acme = await own.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var cluster = await acme.ClusterIdAsync("acme-prod", ct);
        await ChangesApi.OkAsync(System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(acme, "/api/v1/changes/freezes",
            new { name = "Sales week", start = "2026-03-16T00:00:00+01:00", end = "2026-03-21T00:00:00+01:00" }, ct), ct);
        var id = await ChangesApi.ApprovedChangeAsync(own, cluster, ct);

        var (status, problem) = await TryScheduleAsync(own, id, "2026-03-17T10:00:00+01:00", "2026-03-17T11:00:00+01:00", ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("freeze", problem.GetProperty("rule").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-03-23T08:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture), NextStart(problem));
    }

    [Fact]
    public async Task An_end_before_the_start_is_a_400_naming_the_field()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await (await app.ClientForAsync(DemoUsers.ProviderOperator, ct)).ClusterIdAsync("acme-staging", ct);
        var id = await ChangesApi.ApprovedChangeAsync(app, cluster, ct);

        var (status, problem) = await TryScheduleAsync(app, id, "2026-03-11T11:00:00+01:00", "2026-03-11T10:00:00+01:00", ct);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("end", out _));
    }

    [Fact]
    public async Task An_urgent_minor_change_may_run_outside_working_hours()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await (await app.ClientForAsync(DemoUsers.ProviderOperator, ct)).ClusterIdAsync("acme-staging", ct);
        var id = await ChangesApi.ApprovedChangeAsync(app, cluster, ct, urgent: true);

        var (status, body) = await TryScheduleAsync(app, id, "2026-03-07T21:00:00+01:00", "2026-03-07T21:30:00+01:00", ct);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("incidentId").ValueKind);
    }
}
