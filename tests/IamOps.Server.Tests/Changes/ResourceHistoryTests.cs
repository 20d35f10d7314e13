using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Server.Tests.Changes;

public sealed class ResourceHistoryTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task A_realms_history_shows_its_changes_and_the_clusters_newest_first_and_not_other_realms()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        var globex = await app.ClientForAsync(DemoUsers.GlobexAdmin, ct);
        var cluster = await provider.ClusterIdAsync("acme-prod", ct);
        var onMaster = await ChangesApi.ApprovedChangeAsync(app, cluster, ct, kind: "realm", name: "master", title: "Master realm SMTP");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await ChangesApi.ApprovedChangeAsync(app, cluster, ct, kind: "realm", name: "shop", title: "Shop realm theme");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await ChangesApi.OkAsync(provider.ScheduleAsync(onMaster, "2026-03-20T10:00:00+01:00", "2026-03-20T11:00:00+01:00", ct), ct);

        var history = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/clusters/{cluster}/history?resource=realm:master", ct);
        var titles = history.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("title").GetString()!).ToList();
        var times = history.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        var foreign = await globex.GetAsync($"/api/v1/clusters/{cluster}/history?resource=realm:master", ct);
        var bad = await acme.GetAsync($"/api/v1/clusters/{cluster}/history?resource=planet:mars", ct);

        Assert.Equal("realm:master", history.GetProperty("resource").GetString());
        Assert.Equal("Minor change scheduled: Master realm SMTP", titles[0]);
        Assert.Contains("Minor change submitted: Master realm SMTP", titles);
        Assert.DoesNotContain(titles, t => t.Contains("Shop realm", StringComparison.Ordinal));
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
