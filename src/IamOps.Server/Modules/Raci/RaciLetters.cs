using System.Globalization;
using System.Text;

namespace IamOps.Server.Modules.Raci;

/// <summary>The five letters of a RACI matrix (with S for Support).</summary>
public enum RaciLetter
{
    R,
    A,
    S,
    C,
    I,
}

/// <summary>The letters one party holds on one activity, in the order the matrix wrote them.</summary>
public sealed class RaciLetters : IEquatable<RaciLetters>
{
    public static readonly RaciLetters None = new([]);

    // Letters some rows of the seed write with another script's look-alike (Greek capital iota, Cyrillic es, ...).
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['\u0391'] = 'A', ['\u0410'] = 'A', ['\u0430'] = 'A',
        ['\u0421'] = 'C', ['\u0441'] = 'C', ['\u03F9'] = 'C', ['\u03F2'] = 'C',
        ['\u0399'] = 'I', ['\u0406'] = 'I', ['\u0456'] = 'I', ['\u04C0'] = 'I', ['\u03B9'] = 'I',
        ['\u0405'] = 'S', ['\u0455'] = 'S',
    };

    private readonly RaciLetter[] _letters;

    private RaciLetters(RaciLetter[] letters) => _letters = letters;

    public IReadOnlyList<RaciLetter> Letters => _letters;

    public bool IsEmpty => _letters.Length == 0;

    public bool Has(RaciLetter letter) => _letters.Contains(letter);

    /// <summary>Reads a matrix cell such as <c>R</c>, <c>S, C</c>, <c>R , A</c>, <c>Ι</c> (Greek) or an empty cell.</summary>
    /// <param name="lenient">Also accept letters written with look-alike characters of other scripts, as the seed does.</param>
    public static bool TryParse(string? cell, bool lenient, out RaciLetters letters, out string error)
    {
        letters = None;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(cell))
        {
            return true;
        }

        var parsed = new List<RaciLetter>();
        foreach (var part in cell.Split(','))
        {
            var token = part.Trim();
            if (token.Length == 0)
            {
                error = $"'{cell}' has an empty letter between commas; write letters like 'R' or 'S, C'.";
                return false;
            }
            if (!TryLetter(token, lenient, out var letter))
            {
                error = $"'{token}' is not a RACI letter; use R, A, S, C or I, separated by commas.";
                return false;
            }
            if (parsed.Contains(letter))
            {
                error = $"'{cell}' names {letter} twice.";
                return false;
            }
            parsed.Add(letter);
        }
        letters = new RaciLetters([.. parsed]);
        return true;
    }

    /// <summary>Parses a normalised string written by <see cref="ToString"/> (e.g. <c>R,A</c>).</summary>
    public static RaciLetters Parse(string? normalised) =>
        TryParse(normalised, lenient: false, out var letters, out var error)
            ? letters
            : throw new FormatException(error);

    /// <summary>The normalised form: letters joined by commas, e.g. <c>S,C</c>; empty for no letter.</summary>
    public override string ToString() => string.Join(',', _letters);

    /// <summary>The letters as the seed writes a cell, e.g. <c>S, C</c>.</summary>
    public string ToCell() => string.Join(", ", _letters);

    public bool Equals(RaciLetters? other) => other is not null && _letters.SequenceEqual(other._letters);

    public override bool Equals(object? obj) => Equals(obj as RaciLetters);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    private static bool TryLetter(string token, bool lenient, out RaciLetter letter)
    {
        letter = default;
        var text = lenient ? token.Normalize(NormalizationForm.FormKC) : token;
        if (text.Length != 1)
        {
            return false;
        }
        var c = text[0];
        if (lenient && LookAlikes.TryGetValue(c, out var latin))
        {
            c = latin;
        }
        c = char.ToUpper(c, CultureInfo.InvariantCulture);
        switch (c)
        {
            case 'R': letter = RaciLetter.R; return true;
            case 'A': letter = RaciLetter.A; return true;
            case 'S': letter = RaciLetter.S; return true;
            case 'C': letter = RaciLetter.C; return true;
            case 'I': letter = RaciLetter.I; return true;
            default: return false;
        }
    }
}
