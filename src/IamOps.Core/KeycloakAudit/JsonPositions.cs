using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace IamOps.Core.KeycloakAudit;

/// <summary>Finds the line and column of any node of a parsed document from where its bytes lie in the document's buffer.</summary>
/// <remarks>
/// <see cref="JsonMarshal.GetRawUtf8Value"/> returns a node's bytes as a slice of the buffer the document was parsed into,
/// so a node's offset is where that slice starts inside the root's slice; no second read of the file is needed.
/// Line starts are indexed once, on the first lookup.
/// </remarks>
public sealed class JsonPositions(JsonElement documentRoot, int leadingLines, int leadingColumns)
{
    private int[]? _lineStarts;

    public (int Line, int Column)? Find(JsonElement node)
    {
        var root = JsonMarshal.GetRawUtf8Value(documentRoot);
        var raw = JsonMarshal.GetRawUtf8Value(node);
        if (!root.Overlaps(raw, out var offset) || offset < 0 || offset > root.Length)
        {
            return null;
        }
        var starts = _lineStarts ??= LineStarts(root);
        var line = Array.BinarySearch(starts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }
        var column = Encoding.UTF8.GetCharCount(root[starts[line]..offset]) + 1;
        return line == 0 ? (leadingLines + 1, leadingColumns + column) : (leadingLines + line + 1, column);
    }

    private static int[] LineStarts(ReadOnlySpan<byte> text)
    {
        var starts = new List<int> { 0 };
        var position = 0;
        while (text[position..].IndexOf((byte)'\n') is var next and >= 0)
        {
            position += next + 1;
            starts.Add(position);
        }
        return [.. starts];
    }
}
