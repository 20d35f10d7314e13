using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Tests.Platform;

public sealed class OrderedIdsTests
{
    [Fact]
    public void Ids_made_in_a_burst_sort_in_creation_order_as_guids_as_text_and_as_bytes()
    {
        var ids = Enumerable.Range(0, 20_000).Select(_ => OrderedIds.NewId()).ToList();

        Assert.Equal(ids, ids.Order().ToList());
        Assert.Equal(ids, ids.OrderBy(i => i.ToString(), StringComparer.Ordinal).ToList());
        Assert.Equal(ids, ids.OrderBy(i => Convert.ToHexString(i.ToByteArray(bigEndian: true)), StringComparer.Ordinal).ToList());
        Assert.All(ids, id => Assert.Equal(7, id.Version));
        Assert.All(ids, id => Assert.Equal(0b10, id.Variant >> 2));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
