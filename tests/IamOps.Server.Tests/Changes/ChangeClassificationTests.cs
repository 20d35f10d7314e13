using IamOps.Server.Modules.Changes;

namespace IamOps.Server.Tests.Changes;

public sealed class ChangeClassificationTests
{
    [Theory]
    [InlineData(1, 1, 1, 1, ChangeType.Minor)]   // add a realm role: simple, unimportant, no impact, trivially undone
    [InlineData(2, 1, 2, 1, ChangeType.Minor)]   // tune a cache setting
    [InlineData(2, 2, 2, 1, ChangeType.Medium)]  // new identity provider for a business unit: total 7
    [InlineData(1, 1, 3, 1, ChangeType.Medium)]  // restart every node at once: one high criterion
    [InlineData(1, 1, 3, 3, ChangeType.Major)]   // database schema migration: high impact, no way back
    [InlineData(3, 3, 2, 2, ChangeType.Major)]   // Keycloak major version upgrade: total 10
    public void Sample_changes_get_the_type_the_four_criteria_give(int complexity, int importance, int impact, int irreversibility, ChangeType expected)
    {
        var result = ChangeClassification.Classify(new ChangeScores(complexity, importance, impact, irreversibility));

        Assert.Equal(expected, result.Type);
        Assert.Equal(5, result.Reasons.Count);
        Assert.EndsWith(expected.ToString(), result.Reasons[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Scores_outside_one_to_three_are_named_field_by_field()
    {
        var errors = ChangeClassification.Validate(new ChangeScores(0, 2, 4, 1));

        Assert.Equal(["scores.complexity", "scores.serviceImpact"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
