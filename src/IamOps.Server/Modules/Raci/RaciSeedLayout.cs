namespace IamOps.Server.Modules.Raci;

/// <summary>One part of the seed in reading order: a heading, a paragraph, a list, the letter legend or a table.</summary>
public abstract record RaciLayoutBlock;

/// <summary>A heading; a group heading (e.g. "Production Process Management") is directly followed by another heading.</summary>
public sealed record RaciLayoutHeading(string Text, bool IsGroup) : RaciLayoutBlock;

public sealed record RaciLayoutParagraph(string Text) : RaciLayoutBlock;

/// <summary>A bulleted list; each item may have indented details.</summary>
public sealed record RaciLayoutList(IReadOnlyList<RaciLayoutListItem> Items) : RaciLayoutBlock;

public sealed record RaciLayoutListItem(string Text, IReadOnlyList<string> Details);

/// <summary>The seed's definition of the letters (its "R: Responsible / Performs the task." list).</summary>
public sealed record RaciLayoutLegend(IReadOnlyList<RaciLegendEntry> Entries) : RaciLayoutBlock;

/// <summary>One letter as the seed defines it: its name (e.g. "Responsible") and the lines that explain it.</summary>
public sealed record RaciLegendEntry(RaciLetter Letter, string Name, IReadOnlyList<string> Details);

/// <summary>Where a table of the matrix stands; its rows come from the contract.</summary>
public sealed record RaciLayoutTable(string Section, string Name, string ProviderHeading, string ClientHeading) : RaciLayoutBlock;

/// <summary>Reads the prose around the matrix's tables, so the matrix can be shown the way the seed writes it.</summary>
public static class RaciSeedLayout
{
    public static IReadOnlyList<RaciLayoutBlock> Read(string text, RaciDocument document)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(document);
        var tables = document.Sections.SelectMany(s => s.Tables.Select(t => (Section: s.Name, Table: t))).ToDictionary(t => t.Table.Line);
        var blocks = new List<RaciLayoutBlock>();
        List<(string Text, List<string> Details)>? list = null;

        void CloseList()
        {
            if (list is not null)
            {
                blocks.Add(ToBlock(list));
                list = null;
            }
        }

        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }
            if (line.Contains('\t'))
            {
                CloseList();
                if (tables.TryGetValue(i + 1, out var table))
                {
                    blocks.Add(new RaciLayoutTable(table.Section, table.Table.Name, table.Table.ProviderHeading, table.Table.ClientHeading));
                }
                continue;
            }
            if (trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                var item = trimmed[2..].Trim();
                var indented = char.IsWhiteSpace(line[0]);
                if (indented && list is { Count: > 0 })
                {
                    list[^1].Details.Add(item);
                }
                else
                {
                    (list ??= []).Add((item, []));
                }
                continue;
            }
            if (list is { Count: > 0 } && RaciSeedParser.IsHeading(trimmed))
            {
                // The seed writes the definition of its last letter on a line of its own after the list ("I: Informed",
                // then "Information only"): a short line right after a list belongs to the list's last item.
                list[^1].Details.Add(trimmed);
                CloseList();
                continue;
            }
            CloseList();
            blocks.Add(RaciSeedParser.IsHeading(trimmed) ? new RaciLayoutHeading(trimmed, IsGroup: false) : new RaciLayoutParagraph(trimmed));
        }
        CloseList();

        for (var i = 0; i + 1 < blocks.Count; i++)
        {
            if (blocks[i] is RaciLayoutHeading heading && blocks[i + 1] is RaciLayoutHeading)
            {
                blocks[i] = heading with { IsGroup = true };
            }
        }
        return blocks;
    }

    private static RaciLayoutBlock ToBlock(List<(string Text, List<string> Details)> items)
    {
        var legend = new List<RaciLegendEntry>();
        foreach (var (text, details) in items)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !RaciLetters.TryParse(text[..colon], lenient: false, out var letters, out _) || letters.Letters.Count != 1)
            {
                return new RaciLayoutList([.. items.Select(i => new RaciLayoutListItem(i.Text, i.Details))]);
            }
            legend.Add(new RaciLegendEntry(letters.Letters[0], text[(colon + 1)..].Trim(), details));
        }
        return new RaciLayoutLegend(legend);
    }
}
