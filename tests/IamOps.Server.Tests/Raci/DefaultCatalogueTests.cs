using IamOps.Server.Modules.Raci;

namespace IamOps.Server.Tests.Raci;

public sealed class DefaultCatalogueTests
{
    [Fact]
    public void The_embedded_catalogue_is_byte_identical_to_the_shared_seed()
    {
        using var embedded = DefaultRaciCatalogue.OpenSeed();
        using var copy = new MemoryStream();
        embedded.CopyTo(copy);

        Assert.Equal(File.ReadAllBytes(SeedFile.Path), copy.ToArray());
    }

    [Fact]
    public void Every_named_activity_constant_exists_in_the_default_catalogue()
    {
        var keys = RaciCatalogue.Default.Select(a => a.Key).ToHashSet();

        Assert.True(RaciActivities.All.Count >= 6);
        Assert.All(RaciActivities.All, key => Assert.Contains(key, keys));
    }

    [Fact]
    public void The_named_rows_are_the_ones_the_brief_names()
    {
        string Text(string key) => RaciCatalogue.Default.Single(a => a.Key == key).Text;

        Assert.StartsWith("Perform Incident management tasks", Text(RaciActivities.IncidentManagement), StringComparison.Ordinal);
        Assert.StartsWith("Provide to CLOUD-IAM and update the list of [CLIENT] personnel", Text(RaciActivities.EscalationContactList), StringComparison.Ordinal);
        Assert.StartsWith("Communicate the major changes", Text(RaciActivities.MajorChangesCommunication), StringComparison.Ordinal);
        Assert.StartsWith("Define the backup policy", Text(RaciActivities.BackupPolicyDefinition), StringComparison.Ordinal);
        Assert.StartsWith("Use the administration console or the API to configure", Text(RaciActivities.KeycloakConfigurationByClient), StringComparison.Ordinal);
        Assert.StartsWith("Provide on demand [CUSTOMER] inventories", Text(RaciActivities.OnDemandInventory), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_default_row_has_exactly_one_responsible_party()
    {
        Assert.All(RaciCatalogue.Default, a => Assert.Single(a.PartiesWith(RaciLetter.R)));
    }
}
