using IamOps.Server.Modules.Raci;
using IamOps.Server.Modules.Web;

namespace IamOps.Server.Tests.Web;

public sealed class UiRaciTests
{
    [Theory]
    [InlineData("R , A")]
    [InlineData("S, C")]
    [InlineData("I, S, C")]
    [InlineData("\u0399")]
    [InlineData("\u0421")]
    [InlineData("")]
    public void A_cell_split_into_segments_joins_back_to_exactly_what_the_seed_wrote(string cell) =>
        Assert.Equal(cell, string.Concat(UiRaci.Segments(cell).Select(s => s.Text)));

    [Fact]
    public void Each_letter_of_a_cell_is_a_segment_of_its_own_and_look_alikes_are_read_as_the_latin_letter()
    {
        var spaced = UiRaci.Segments("R , A");
        var greek = Assert.Single(UiRaci.Segments("\u0399"));

        Assert.Equal([RaciLetter.R, null, RaciLetter.A], spaced.Select(s => s.Letter));
        Assert.Equal(" , ", spaced[1].Text);
        Assert.All(spaced, s => Assert.False(s.IsLookAlike));
        Assert.Equal(RaciLetter.I, greek.Letter);
        Assert.True(greek.IsLookAlike);
    }

    [Fact]
    public void The_legend_names_each_letter_as_the_seed_does()
    {
        Assert.Equal(["R", "A", "S", "C", "I"], UiRaci.LegendEntries.Select(e => e.Letter.ToString()));
        Assert.Equal("Responsible", UiRaci.Name(RaciLetter.R));
        Assert.Equal("Accountable", UiRaci.Name(RaciLetter.A));
        Assert.Equal("Support", UiRaci.Name(RaciLetter.S));
        Assert.Equal("Informed", UiRaci.Name(RaciLetter.I));
    }

    [Fact]
    public void A_row_is_edited_only_when_its_letters_differ_from_the_default_catalogue()
    {
        var original = RaciCatalogue.Default.First(a => a.Key == RaciActivities.KeycloakConfigurationByClient);

        Assert.False(UiRaci.IsEdited(original));
        Assert.False(UiRaci.IsEdited(original with { ClientCell = "R,A" }));
        Assert.True(UiRaci.IsEdited(original with { Provider = RaciLetters.Parse("S,C") }));
        Assert.True(UiRaci.IsEdited(original with { Client = RaciLetters.Parse("R") }));
    }
}
