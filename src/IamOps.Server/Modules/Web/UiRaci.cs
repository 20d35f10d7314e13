using IamOps.Server.Modules.Raci;

namespace IamOps.Server.Modules.Web;

/// <summary>A piece of a RACI cell as written: a letter (possibly a look-alike of another script) or the text between letters.</summary>
public sealed record RaciCellSegment(string Text, RaciLetter? Letter, bool IsLookAlike);

/// <summary>How the UI shows RACI letters: cells verbatim, each letter marked with what it means.</summary>
public static class UiRaci
{
    private static readonly Lazy<IReadOnlyDictionary<RaciLetter, RaciLegendEntry>> Legend = new(() =>
        DefaultRaciCatalogue.Layout.OfType<RaciLayoutLegend>().SelectMany(l => l.Entries)
            .GroupBy(e => e.Letter).ToDictionary(g => g.Key, g => g.First()));

    /// <summary>The seed's definition of each letter, R, A, S, C, I.</summary>
    public static IReadOnlyList<RaciLegendEntry> LegendEntries { get; } =
        [.. Enum.GetValues<RaciLetter>().Select(l => Legend.Value.TryGetValue(l, out var e) ? e : new RaciLegendEntry(l, l.ToString(), []))];

    /// <summary>The name the seed gives a letter, e.g. "Responsible".</summary>
    public static string Name(RaciLetter letter)
    {
        var name = Legend.Value.TryGetValue(letter, out var entry) ? entry.Name : letter.ToString();
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? name[..colon] : name;
    }

    /// <summary>Splits a cell as written (<c>R , A</c>, <c>S, C</c>, a Greek <c>Ι</c>) into letters and the text between them.</summary>
    /// <remarks>Joining the segments' text gives the cell back exactly.</remarks>
    public static IReadOnlyList<RaciCellSegment> Segments(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var segments = new List<RaciCellSegment>();
        var between = new System.Text.StringBuilder();
        foreach (var c in cell)
        {
            if (char.IsLetter(c) && RaciLetters.TryParse(c.ToString(), lenient: true, out var letters, out _) && letters.Letters.Count == 1)
            {
                if (between.Length > 0)
                {
                    segments.Add(new RaciCellSegment(between.ToString(), null, false));
                    between.Clear();
                }
                segments.Add(new RaciCellSegment(c.ToString(), letters.Letters[0], c is not ('R' or 'A' or 'S' or 'C' or 'I')));
            }
            else
            {
                between.Append(c);
            }
        }
        if (between.Length > 0)
        {
            segments.Add(new RaciCellSegment(between.ToString(), null, false));
        }
        return segments;
    }

    private static readonly Lazy<IReadOnlyDictionary<string, RaciActivityView>> Defaults = new(() => RaciCatalogue.Default.ToDictionary(a => a.Key));

    /// <summary>The default catalogue's row with this key, or null for a row the catalogue does not have.</summary>
    public static RaciActivityView? DefaultOf(string key) => Defaults.Value.GetValueOrDefault(key);

    /// <summary>Whether a contract's row holds other letters than the default catalogue gives it.</summary>
    public static bool IsEdited(RaciActivityView row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return DefaultOf(row.Key) is { } original && (!original.Provider.Equals(row.Provider) || !original.Client.Equals(row.Client));
    }

    /// <summary>The CSS class of a letter's chip.</summary>
    public static string CssClass(RaciLetter letter) => "raci-" + letter.ToString().ToLowerInvariant();
}
