using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Web;

namespace IamOps.Server.Tests.Web;

public sealed class NavEntriesTests
{
    [Fact]
    public void The_drawer_lists_the_marked_pages_in_order_starting_with_the_dashboard()
    {
        var entries = NavEntries.All;

        Assert.Equal("/", entries[0].Href);
        Assert.Equal(entries.OrderBy(e => e.Order).Select(e => e.Href), entries.Select(e => e.Href));
        Assert.Contains(entries, e => e.Href == "/clusters");
        Assert.Contains(entries, e => e.Href == "/audit-trail");
        Assert.Contains(entries, e => e.Href == "/raci" && e.Title == "RACI");
        Assert.Contains(entries, e => e.Href == "/interventions");
        Assert.Contains(entries, e => e.Href == "/quotes");
        Assert.Contains(entries, e => e.Href == "/notifications");
        Assert.DoesNotContain(entries, e => e.Href.Contains('{', StringComparison.Ordinal));
    }

    [Fact]
    public void A_page_restricted_by_policy_carries_its_policy_into_the_drawer()
    {
        var organisation = Assert.Single(NavEntries.All, e => e.Href == "/organisation");

        Assert.Equal(Policies.OrganisationAdmin, organisation.Policy);
        Assert.Null(Assert.Single(NavEntries.All, e => e.Href == "/clusters").Policy);
    }
}
