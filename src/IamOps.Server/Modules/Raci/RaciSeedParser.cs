using System.Globalization;
using System.Text;

namespace IamOps.Server.Modules.Raci;

/// <summary>A RACI catalogue read from the seed format: sections in order, each with its tables.</summary>
public sealed record RaciDocument(IReadOnlyList<RaciSection> Sections)
{
    /// <summary>Every activity row, in seed order.</summary>
    public IEnumerable<RaciRow> Rows => Sections.SelectMany(s => s.Tables).SelectMany(t => t.Rows);
}

/// <summary>A titled part of the matrix (e.g. "Incident Management") holding one or more tables.</summary>
public sealed record RaciSection(string Name, IReadOnlyList<RaciTable> Tables);

/// <summary>One table: its header row names the table and which column belongs to which party.</summary>
public sealed record RaciTable(string Name, string ProviderHeading, string ClientHeading, int Line, IReadOnlyList<RaciRow> Rows);

/// <summary>One activity row: its text, each party's cell verbatim and the letters read from it.</summary>
public sealed record RaciRow(
    string Key, string Section, string Table, string Text, int Position, int Line,
    string ProviderCell, string ClientCell, RaciLetters Provider, RaciLetters Client, IReadOnlyList<string> RawCells);

/// <summary>The seed text is not a RACI matrix; the message starts with the line number.</summary>
public sealed class RaciSeedFormatException(int line, string reason)
    : FormatException($"Line {line.ToString(CultureInfo.InvariantCulture)}: {reason}")
{
    public int LineNumber { get; } = line;

    public string Reason { get; } = reason;
}

/// <summary>Reads the RACI seed format: headings, tab-separated tables with a header row, paragraphs in between.</summary>
public static class RaciSeedParser
{
    /// <summary>How many words of an activity's text make its key.</summary>
    public const int KeyWords = 8;

    private const int MaxHeadingWords = 8;

    public static RaciDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = new List<(string Name, List<TableDraft> Tables)>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        string? heading = null;
        TableDraft? table = null;
        var position = 0;

        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (!line.Contains('\t'))
            {
                // A heading starts a new section; a paragraph only ends the current table.
                table = null;
                if (IsHeading(line.Trim()))
                {
                    heading = line.Trim();
                }
                continue;
            }

            var cells = line.Split('\t');
            if (TryHeader(cells, number, out var header))
            {
                var sectionName = heading ?? header.Name;
                if (sections.Count == 0 || sections[^1].Name != sectionName)
                {
                    sections.Add((sectionName, []));
                }
                table = header;
                sections[^1].Tables.Add(table);
                continue;
            }

            if (table is null)
            {
                throw new RaciSeedFormatException(number,
                    "this tab-separated row is not inside a table; a table starts with a header row 'TABLE NAME<TAB>CLOUD-IAM<TAB>[CLIENT]'.");
            }
            if (cells.Length != 3)
            {
                throw new RaciSeedFormatException(number,
                    $"expected 3 tab-separated cells (activity, {table.ProviderHeading}, {table.ClientHeading}) but found {cells.Length}.");
            }
            var activity = cells[0].Trim();
            if (activity.Length == 0)
            {
                throw new RaciSeedFormatException(number, "the activity text (first cell) is empty.");
            }

            var providerCell = cells[table.ProviderColumn];
            var clientCell = cells[table.ClientColumn];
            var provider = ReadCell(providerCell, table.ProviderHeading, number);
            var client = ReadCell(clientCell, table.ClientHeading, number);
            var key = UniqueKey(keys, $"{Slug(sections[^1].Name, int.MaxValue)}/{Slug(activity, KeyWords)}");
            table.Rows.Add(new RaciRow(key, sections[^1].Name, table.Name, activity, ++position, number,
                providerCell, clientCell, provider, client, cells));
        }

        return new RaciDocument(sections
            .Select(s => new RaciSection(s.Name, s.Tables
                .Select(t => new RaciTable(t.Name, t.ProviderHeading, t.ClientHeading, t.Line, t.Rows)).ToList()))
            .ToList());
    }

    /// <summary>Lower-case ASCII words joined by dashes, from the first <paramref name="words"/> words of the text.</summary>
    public static string Slug(string text, int words)
    {
        var parts = new List<string>();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var slug = SlugWord(word);
            if (slug.Length > 0)
            {
                parts.Add(slug);
                if (parts.Count == words)
                {
                    break;
                }
            }
        }
        return string.Join('-', parts);
    }

    private static string SlugWord(string word)
    {
        var sb = new StringBuilder();
        foreach (var c in word.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }
        return sb.ToString().Trim('-');
    }

    private static string UniqueKey(HashSet<string> keys, string key)
    {
        var candidate = key;
        for (var n = 2; !keys.Add(candidate); n++)
        {
            candidate = $"{key}-{n.ToString(CultureInfo.InvariantCulture)}";
        }
        return candidate;
    }

    private static RaciLetters ReadCell(string cell, string heading, int line) =>
        RaciLetters.TryParse(cell, lenient: true, out var letters, out var error)
            ? letters
            : throw new RaciSeedFormatException(line, $"{heading} cell: {error}");

    // A heading is a short line that does not read as a sentence or a list item.
    internal static bool IsHeading(string line) =>
        char.IsLetter(line[0])
        && !line.EndsWith('.') && !line.EndsWith(':') && !line.EndsWith(';') && !line.EndsWith(',')
        && line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxHeadingWords;

    private static bool TryHeader(string[] cells, int line, out TableDraft header)
    {
        header = null!;
        var provider = Array.FindIndex(cells, 1, IsProviderHeading);
        var client = Array.FindIndex(cells, 1, IsClientHeading);
        if (provider < 0 && client < 0)
        {
            return false;
        }
        if (cells.Length != 3 || provider < 0 || client < 0)
        {
            throw new RaciSeedFormatException(line,
                "a table header row needs exactly 3 cells: the table name, a CLOUD-IAM column and a [CLIENT] (or [CUSTOMER]) column.");
        }
        if (cells[0].Trim().Length == 0)
        {
            throw new RaciSeedFormatException(line, "the table header row has no table name in its first cell.");
        }
        header = new TableDraft(cells[0].Trim(), cells[provider].Trim(), cells[client].Trim(), provider, client, line);
        return true;
    }

    private static bool IsProviderHeading(string cell) =>
        cell.Trim().StartsWith("CLOUD-IAM", StringComparison.OrdinalIgnoreCase);

    private static bool IsClientHeading(string cell) =>
        cell.Trim().ToUpperInvariant() is "[CLIENT]" or "[CUSTOMER]";

    private sealed record TableDraft(string Name, string ProviderHeading, string ClientHeading, int ProviderColumn, int ClientColumn, int Line)
    {
        public List<RaciRow> Rows { get; } = [];
    }
}
