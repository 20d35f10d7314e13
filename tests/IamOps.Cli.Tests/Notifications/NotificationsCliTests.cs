using IamOps.Cli.Tests.Infrastructure;
using IamOps.Server.Modules.Raci;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Cli.Tests.Notifications;

public sealed class NotificationsCliTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task The_informed_client_lists_its_unread_notice_reads_it_and_it_is_no_longer_unread()
    {
        using var acme = new CliRunner(app);
        await acme.LoginAsync(DemoUsers.AcmeAdmin);
        var title = $"Disk alert {Guid.NewGuid():N}";
        var interventionId = TableText.Json(await acme.RunAsync("interventions", "request", "--activity", RaciActivities.IncidentManagement,
            "--title", title, "--description", "Disk 90% full.", "-o", "json")).GetProperty("id").GetString();

        var unread = await acme.RunAsync("notifications", "list", "--unread");
        var notice = TableText.Rows(unread.Stdout).Single(r => r[2] == $"Intervention opened: {title}");
        var read = await acme.RunAsync("notifications", "read", notice[0]);
        var unreadAfter = TableText.Json(await acme.RunAsync("notifications", "list", "--unread", "-o", "json"));
        var all = await acme.RunAsync("notifications", "list");

        Assert.True(unread.ExitCode == 0, unread.ToString());
        Assert.Equal("unread", notice[3]);
        Assert.Contains("unread notifications in all", unread.Stdout, StringComparison.Ordinal);
        Assert.True(read.ExitCode == 0, read.ToString());
        Assert.Equal($"Intervention opened: {title}", TableText.Field(read.Stdout, "Subject"));
        Assert.Equal($"iamops interventions show {interventionId}", TableText.Field(read.Stdout, "About"));
        Assert.Equal(RaciActivities.IncidentManagement, TableText.Field(read.Stdout, "RACI activity"));
        Assert.EndsWith($" by {DemoUsers.AcmeAdmin}", TableText.Field(read.Stdout, "Read"), StringComparison.Ordinal);
        Assert.Contains("the provider (CLOUD-IAM) performs it", read.Stdout.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.DoesNotContain(unreadAfter.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetString() == notice[0]);
        var again = TableText.Rows(all.Stdout).Single(r => r[0] == notice[0]);
        Assert.NotEqual("unread", again[3]);
    }

    [Fact]
    public async Task The_provider_is_told_of_a_quote_request_and_another_client_cannot_read_it()
    {
        using var acme = new CliRunner(app);
        using var manager = new CliRunner(app);
        using var globex = new CliRunner(app);
        await acme.LoginAsync(DemoUsers.AcmeContact);
        await manager.LoginAsync(DemoUsers.ProviderManager);
        await globex.LoginAsync(DemoUsers.GlobexAdmin);
        var title = $"SAML broker {Guid.NewGuid():N}";
        var quoteId = TableText.Json(await acme.RunAsync("quotes", "request", "--title", title, "--description", "Broker to our ADFS.", "-o", "json"))
            .GetProperty("id").GetString();

        var providerList = TableText.Json(await manager.RunAsync("notifications", "list", "--unread", "--client", "acme", "-o", "json"));
        var notice = providerList.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("subject").GetString() == $"Quote requested: {title}");
        var id = notice.GetProperty("id").GetString()!;
        var byGlobex = await globex.RunAsync("notifications", "read", id);
        var byProvider = await manager.RunAsync("notifications", "read", id);
        var acmeList = TableText.Json(await acme.RunAsync("notifications", "list", "-o", "json"));

        Assert.Equal("Provider", notice.GetProperty("recipientParty").GetString());
        Assert.Equal(1, byGlobex.ExitCode);
        Assert.Contains($"Notification {id} does not exist or is not addressed to your party.", byGlobex.Stderr, StringComparison.Ordinal);
        Assert.True(byProvider.ExitCode == 0, byProvider.ToString());
        Assert.Equal($"iamops quotes show {quoteId}", TableText.Field(byProvider.Stdout, "About"));
        Assert.DoesNotContain(acmeList.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetString() == id);
    }
}
