using IamOps.Server.Modules.Raci;

namespace IamOps.Server.Tests.Raci;

public sealed class RaciSeedLayoutTests
{
    private static readonly IReadOnlyList<RaciLayoutBlock> Layout = RaciSeedLayout.Read(SeedFile.Text(), RaciSeedParser.Parse(SeedFile.Text()));

    [Fact]
    public void Every_table_of_the_seed_appears_once_in_the_layout_in_seed_order()
    {
        var document = RaciSeedParser.Parse(SeedFile.Text());

        var laid = Layout.OfType<RaciLayoutTable>().Select(t => (t.Section, t.Name, t.ProviderHeading, t.ClientHeading)).ToList();

        Assert.Equal(document.Sections.SelectMany(s => s.Tables.Select(t => (s.Name, t.Name, t.ProviderHeading, t.ClientHeading))), laid);
        Assert.Contains(("Performance Management", "PERFORMANCE MANAGEMENT", "CLOUD-IAM SYSTEM", "[CLIENT]"), laid);
    }

    [Fact]
    public void The_letter_definitions_become_the_legend_with_the_seeds_own_words()
    {
        var legend = Assert.Single(Layout.OfType<RaciLayoutLegend>()).Entries;

        Assert.Equal([RaciLetter.R, RaciLetter.A, RaciLetter.S, RaciLetter.C, RaciLetter.I], legend.Select(e => e.Letter));
        Assert.Equal("Responsible", legend[0].Name);
        Assert.Equal(["Performs the task."], legend[0].Details);
        Assert.Equal("Accountable: Is responsible (Approving Authority)", legend[1].Name);
        // The seed writes I's definition on a line of its own after the list.
        Assert.Equal(["Information only"], legend[4].Details);
        Assert.DoesNotContain(Layout, b => b is RaciLayoutHeading { Text: "Information only" });
    }

    [Fact]
    public void Prose_between_tables_is_kept_as_headings_paragraphs_and_lists()
    {
        var headings = Layout.OfType<RaciLayoutHeading>().ToList();

        Assert.Contains(new RaciLayoutHeading("Production Process Management", IsGroup: true), headings);
        Assert.Contains(new RaciLayoutHeading("Operation of Servers", IsGroup: true), headings);
        Assert.Contains(new RaciLayoutHeading("Changes application", IsGroup: false), headings);
        Assert.Contains(new RaciLayoutHeading("Server Management", IsGroup: false), headings);
        Assert.Contains(Layout, b => b is RaciLayoutParagraph p && p.Text.StartsWith("The interventions defined in the responsibility matrices", StringComparison.Ordinal));
        var list = Assert.Single(Layout.OfType<RaciLayoutList>());
        Assert.Equal(["data backup and restoration", "management of redundancy equipment", "contracts with third parties (eg: maintenance, etc.)."],
            list.Items.Select(i => i.Text));
    }

    [Fact]
    public void The_embedded_catalogue_has_the_same_layout_as_the_shared_seed() =>
        Assert.Equal(Json(Layout), Json(DefaultRaciCatalogue.Layout));

    // Blocks hold lists, which records compare by reference: compare what they say instead.
    private static string Json(IReadOnlyList<RaciLayoutBlock> blocks) =>
        System.Text.Json.JsonSerializer.Serialize(blocks.Select(b => (object)b).ToList());
}
