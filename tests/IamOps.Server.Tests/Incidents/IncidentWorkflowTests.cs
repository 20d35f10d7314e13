using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Incidents;

public sealed class IncidentWorkflowTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task An_incident_goes_from_new_to_closed_and_every_step_is_on_its_timeline()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var id = (await provider.OpenForAcmeAsync("P2", ct)).Id();

        foreach (var action in new[] { "acknowledge", "start", "wait-on-client", "resume", "resolve", "close" })
        {
            var response = await provider.PostAsJsonAsync($"/api/v1/incidents/{id}/{action}", new { note = $"step {action}" }, ct);
            Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
        var incident = await provider.GetIncidentAsync(id, ct);

        Assert.Equal("closed", incident.GetProperty("status").GetString());
        Assert.Equal(DemoUsers.ProviderOperator, incident.GetProperty("owner").GetString());
        Assert.Equal(["opened", "status", "status", "status", "status", "status", "status"], incident.TimelineKinds());
        Assert.Contains("new → acknowledged: step acknowledge", incident.GetProperty("timeline")[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("stopped", incident.GetProperty("response").GetProperty("state").GetString());
        Assert.Equal("stopped", incident.GetProperty("resolution").GetProperty("state").GetString());
        Assert.Empty(incident.GetProperty("allowed").EnumerateArray());
    }

    [Fact]
    public async Task A_transition_the_state_does_not_allow_is_a_409_listing_the_allowed_ones()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var id = (await provider.OpenForAcmeAsync("P3", ct)).Id();

        var resolve = await provider.PostAsJsonAsync($"/api/v1/incidents/{id}/resolve", new { }, ct);
        var problem = await resolve.JsonAsync(ct);
        var state = await provider.GetIncidentAsync(id, ct);

        Assert.Equal(HttpStatusCode.Conflict, resolve.StatusCode);
        Assert.Equal("new", problem.GetProperty("state").GetString());
        Assert.Equal(["acknowledge"], problem.GetProperty("allowed").Strings());
        Assert.Contains("Allowed now: acknowledge", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("new", state.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_client_user_opens_an_incident_as_a_client_report_and_may_comment_but_not_acknowledge()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeContact, ct);
        var viewer = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var cluster = await acme.ClusterIdAsync("acme-prod", ct);

        var created = await acme.PostAsJsonAsync("/api/v1/incidents", new
        {
            title = "Realm broken after our theme change", severity = "P3", clusterIds = new[] { cluster },
        }, ct);
        var incident = await created.JsonAsync(ct);
        var id = incident.Id();
        var note = await acme.PostAsJsonAsync($"/api/v1/incidents/{id}/notes", new { text = "We rolled the theme back at 10:05." }, ct);
        var viewerNote = await viewer.PostAsJsonAsync($"/api/v1/incidents/{id}/notes", new { text = "me too" }, ct);
        var ack = await acme.PostAsJsonAsync($"/api/v1/incidents/{id}/acknowledge", new { }, ct);
        var providerNotices = await provider.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200", ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("ClientReport", incident.GetProperty("source").GetString());
        Assert.Equal(DemoUsers.AcmeContact, incident.GetProperty("openedBy").GetString());
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerNote.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ack.StatusCode);
        Assert.Contains(providerNotices.GetProperty("items").EnumerateArray(),
            n => n.GetProperty("subject").GetString() == "Incident P3 opened: Realm broken after our theme change");
        Assert.Equal(["opened", "note"], (await provider.GetIncidentAsync(id, ct)).TimelineKinds());
    }

    [Fact]
    public async Task Another_clients_incident_is_not_found_and_the_list_shows_only_the_clients_own()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var globex = await app.ClientForAsync(DemoUsers.GlobexAdmin, ct);
        var id = (await provider.OpenForAcmeAsync("P4", ct)).Id();

        var show = await globex.GetAsync($"/api/v1/incidents/{id}", ct);
        var note = await globex.PostAsJsonAsync($"/api/v1/incidents/{id}/notes", new { text = "peek" }, ct);
        var list = await globex.GetFromJsonAsync<JsonElement>("/api/v1/incidents?pageSize=200", ct);
        var globexId = await globex.OwnOrganisationIdAsync(ct);

        Assert.Equal(HttpStatusCode.NotFound, show.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, note.StatusCode);
        Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.Equal(globexId, i.GetProperty("clientOrganisationId").GetGuid()));
    }

    [Fact]
    public async Task The_list_filters_by_status_severity_and_cluster()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var p1 = (await provider.OpenForAcmeAsync("P1", ct)).Id();
        var cluster = await provider.ClusterIdAsync("acme-prod", ct);
        (await provider.PostAsJsonAsync($"/api/v1/incidents/{p1}/acknowledge", new { }, ct)).EnsureSuccessStatusCode();

        var acknowledgedP1 = await provider.GetFromJsonAsync<JsonElement>($"/api/v1/incidents?status=acknowledged&severity=P1&clusterId={cluster}", ct);
        var badStatus = await provider.GetAsync("/api/v1/incidents?status=sleeping", ct);

        Assert.Contains(acknowledgedP1.GetProperty("items").EnumerateArray(), i => i.Id() == p1);
        Assert.All(acknowledgedP1.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.Equal("acknowledged", i.GetProperty("status").GetString());
            Assert.Equal("P1", i.GetProperty("severity").GetString());
        });
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Contains("status", (await badStatus.JsonAsync(ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task An_attachment_is_stored_with_its_sha256_and_an_oversized_one_is_refused_with_413()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var id = (await provider.OpenForAcmeAsync("P2", ct)).Id();
        var bytes = "ERROR KC-SERVICES0013: Failed authentication\n"u8.ToArray();

        using var small = new MultipartFormDataContent { { new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } }, "file", "server.log" } };
        var uploaded = await provider.PostAsync($"/api/v1/incidents/{id}/attachments", small, ct);
        var attachment = await uploaded.JsonAsync(ct);
        var downloaded = await provider.GetByteArrayAsync(uploaded.Headers.Location, ct);
        using var big = new MultipartFormDataContent { { new ByteArrayContent(new byte[5 * 1024 * 1024 + 1]), "file", "heap.hprof" } };
        var tooBig = await provider.PostAsync($"/api/v1/incidents/{id}/attachments", big, ct);
        using var empty = new MultipartFormDataContent { { new StringContent("x"), "other", "x" } };
        var missing = await provider.PostAsync($"/api/v1/incidents/{id}/attachments", empty, ct);
        var incident = await provider.GetIncidentAsync(id, ct);

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), attachment.GetProperty("sha256").GetString());
        Assert.Equal(bytes, downloaded);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains("limited to", (await tooBig.JsonAsync(ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Single(incident.GetProperty("attachments").EnumerateArray());
        Assert.Equal(["opened", "attachment"], incident.TimelineKinds());
    }

    [Fact]
    public async Task The_owner_must_be_provider_staff_and_links_are_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var id = (await provider.OpenForAcmeAsync("P3", ct)).Id();

        var toClient = await provider.PutAsJsonAsync($"/api/v1/incidents/{id}/owner", new { owner = DemoUsers.AcmeAdmin }, ct);
        var toManager = await provider.PutAsJsonAsync($"/api/v1/incidents/{id}/owner", new { owner = DemoUsers.ProviderManager }, ct);
        var linked = await provider.PostAsJsonAsync($"/api/v1/incidents/{id}/links", new { kind = "ChangeRequest", reference = "CHG-42" }, ct);
        var incident = await provider.GetIncidentAsync(id, ct);

        Assert.Equal(HttpStatusCode.BadRequest, toClient.StatusCode);
        Assert.Equal(HttpStatusCode.OK, toManager.StatusCode);
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Equal(DemoUsers.ProviderManager, incident.GetProperty("owner").GetString());
        Assert.Equal("CHG-42", incident.GetProperty("links")[0].GetProperty("reference").GetString());
        Assert.Equal(["opened", "owner", "link"], incident.TimelineKinds());
    }

    [Fact]
    public async Task Incidents_touching_a_cluster_appear_in_its_history()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var title = $"History {Guid.NewGuid():N}";
        var id = (await provider.OpenForAcmeAsync("P2", ct, title)).Id();
        (await provider.PostAsJsonAsync($"/api/v1/incidents/{id}/acknowledge", new { }, ct)).EnsureSuccessStatusCode();
        var cluster = await provider.ClusterIdAsync("acme-prod", ct);

        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IamOps.Server.Modules.Platform.TenantContext>().UseSystem();
        var sources = scope.ServiceProvider.GetServices<IamOps.Server.Modules.ResourceHistory.IResourceHistorySource>();
        var entries = new List<IamOps.Server.Modules.ResourceHistory.ResourceHistoryEntry>();
        foreach (var source in sources)
        {
            entries.AddRange(await source.GetAsync(IamOps.Server.Modules.ResourceHistory.ResourceKey.ForCluster(cluster), null, null, ct));
        }

        Assert.Contains(entries, e => e.Title == $"Incident P2 opened: {title}" && e.Link == $"/api/v1/incidents/{id}");
        Assert.Contains(entries, e => e.Title == $"Incident P2 acknowledged: {title}");
    }
}
