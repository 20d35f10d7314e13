using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace IamOps.Cli.Infrastructure;

/// <summary>Builds Spectre tables from API answers; cell text is never read as markup.</summary>
public static class Tables
{
    public static Table Create(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            var header = new TableColumn(new Text(column, new Style(decoration: Decoration.Bold)));
            // Ids and RACI keys are copied into other commands: never break them over lines.
            table.AddColumn(column is "Id" or "Key" ? header.NoWrap() : header);
        }
        return table;
    }

    public static Table Row(this Table table, params string?[] cells)
    {
        table.AddRow(cells.Select(c => (IRenderable)new Text(c ?? "")).ToArray());
        return table;
    }

    /// <summary>Two columns, field and value, for one resource.</summary>
    public static Table Details(params (string Field, string? Value)[] rows)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders();
        table.AddColumn("Field");
        table.AddColumn("Value");
        foreach (var (field, value) in rows)
        {
            table.Row(field, value);
        }
        return table;
    }

    /// <summary>A caption telling which page of how many this is.</summary>
    public static Table PageCaption(this Table table, JsonNode? page, string noun)
    {
        var number = Number(page?["pageNumber"]) ?? 1;
        var size = Math.Max(1, Number(page?["pageSize"]) ?? 1);
        var total = Number(page?["total"]) ?? page.Items().Count;
        var pages = Math.Max(1, (total + size - 1) / size);
        return table.Caption(new TableTitle(string.Create(CultureInfo.InvariantCulture, $"page {number} of {pages}, {total} {noun} in all")));
    }

    private static int? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
}
