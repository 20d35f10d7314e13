using IamOps.Server.Data;
using IamOps.Server.Modules.Contracts;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Raci;

/// <summary>The RACI rows of each contract, and the default catalogue every new contract starts from.</summary>
public sealed class RaciCatalogue(IamOpsDb db)
{
    private static readonly Lazy<IReadOnlyList<RaciActivityView>> DefaultRows = new(() =>
        [.. DefaultRaciCatalogue.Document.Sections.SelectMany(s => s.Tables).SelectMany(t => t.Rows.Select(r => RaciActivityView.From(r, t)))]);

    /// <summary>The default catalogue's rows, in matrix order.</summary>
    public static IReadOnlyList<RaciActivityView> Default => DefaultRows.Value;

    /// <summary>Gives a contract the default catalogue; the rows are saved by the caller's next SaveChangesAsync, with the contract.</summary>
    public async Task AssignDefaultAsync(Contract contract, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (await db.Set<ContractActivity>().AnyAsync(a => a.ContractId == contract.Id, ct))
        {
            return;
        }
        foreach (var table in DefaultRaciCatalogue.Document.Sections.SelectMany(s => s.Tables))
        {
            foreach (var row in table.Rows)
            {
                db.Add(ContractActivity.From(row, table, contract.Id, contract.ClientOrganisationId));
            }
        }
    }

    /// <summary>The client's current contract (the latest started), or null when it has none; foreign clients are invisible.</summary>
    public async Task<Guid?> ContractIdOfClientAsync(Guid clientOrganisationId, CancellationToken ct) =>
        await db.Set<Contract>().AsNoTracking()
            .Where(c => c.ClientOrganisationId == clientOrganisationId)
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(ct);

    /// <summary>The contract's rows in matrix order; null when the contract does not exist or is not visible to the caller.</summary>
    public async Task<IReadOnlyList<RaciActivityView>?> ActivitiesAsync(Guid contractId, CancellationToken ct)
    {
        if (!await db.Set<Contract>().AnyAsync(c => c.Id == contractId, ct))
        {
            return null;
        }
        var rows = await db.Set<ContractActivity>().AsNoTracking()
            .Where(a => a.ContractId == contractId)
            .OrderBy(a => a.Position).ToListAsync(ct);
        return [.. rows.Select(RaciActivityView.From)];
    }

    /// <summary>One row of a contract (or of the default catalogue when <paramref name="contractId"/> is null).</summary>
    public async Task<RaciActivityView?> FindAsync(Guid? contractId, string key, CancellationToken ct)
    {
        if (contractId is null)
        {
            return Default.FirstOrDefault(a => a.Key == key);
        }
        var row = await db.Set<ContractActivity>().AsNoTracking()
            .SingleOrDefaultAsync(a => a.ContractId == contractId && a.Key == key, ct);
        return row is null ? null : RaciActivityView.From(row);
    }

    /// <summary>The row of the client's current contract; null when the client has no contract or the contract no such row.</summary>
    public async Task<RaciActivityView?> FindForClientAsync(Guid clientOrganisationId, string key, CancellationToken ct)
    {
        var contractId = await ContractIdOfClientAsync(clientOrganisationId, ct);
        return contractId is null ? null : await FindAsync(contractId, key, ct);
    }

    /// <summary>The keys closest to a mistyped one, best first.</summary>
    public static IReadOnlyList<string> ClosestKeys(IEnumerable<string> keys, string wanted, int count = 3) =>
        [.. keys.Select(k => (Key: k, Distance: Distance(k, wanted)))
            .OrderBy(k => k.Distance).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Take(count).Select(k => k.Key)];

    // Edit distance to the key, to its beginning (mistyped keys are often truncated) or to its text part without the section.
    private static int Distance(string key, string wanted)
    {
        var text = key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];
        return Math.Min(Closeness(key, wanted), Closeness(text, wanted) + 1);
    }

    private static int Closeness(string key, string wanted)
    {
        var whole = Levenshtein(key, wanted);
        return key.Length > wanted.Length ? Math.Min(whole, Levenshtein(key[..wanted.Length], wanted) + 1) : whole;
    }

    private static int Levenshtein(string key, string wanted)
    {
        var previous = new int[wanted.Length + 1];
        var current = new int[wanted.Length + 1];
        for (var j = 0; j <= wanted.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= key.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= wanted.Length; j++)
            {
                var cost = char.ToLowerInvariant(key[i - 1]) == char.ToLowerInvariant(wanted[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[wanted.Length];
    }
}
