namespace IamOps.Server.Modules.Raci;

/// <summary>The catalogue IamOps ships: the seed matrix embedded byte for byte, parsed once.</summary>
public static class DefaultRaciCatalogue
{
    /// <summary>Logical name of the embedded copy of the seed.</summary>
    public const string ResourceName = "IamOps.Server.Raci.DefaultCatalogue.txt";

    private static readonly Lazy<RaciDocument> Parsed = new(() => RaciSeedParser.Parse(Text()));

    public static RaciDocument Document => Parsed.Value;

    private static readonly Lazy<IReadOnlyList<RaciLayoutBlock>> Laid = new(() => RaciSeedLayout.Read(Text(), Document));

    /// <summary>The seed's prose and tables in reading order, for showing the matrix the way the seed writes it.</summary>
    public static IReadOnlyList<RaciLayoutBlock> Layout => Laid.Value;

    /// <summary>The embedded seed text.</summary>
    public static string Text()
    {
        using var reader = new StreamReader(OpenSeed());
        return reader.ReadToEnd();
    }

    /// <summary>The embedded seed bytes, exactly as shipped.</summary>
    public static Stream OpenSeed() =>
        typeof(DefaultRaciCatalogue).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The embedded RACI catalogue '{ResourceName}' is missing from the build.");
}
