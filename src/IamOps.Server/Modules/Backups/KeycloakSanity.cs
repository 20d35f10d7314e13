using System.Globalization;
using Npgsql;

namespace IamOps.Server.Modules.Backups;

/// <summary>Row counts of Keycloak's key tables and the number of constraints, taken at backup time.</summary>
public sealed record DatabaseCounts(Dictionary<string, long> Rows, int Constraints, int Tables);

/// <summary>Keycloak sanity checks: the expected tables exist, row counts match those recorded at backup time, constraints hold.</summary>
public static class KeycloakSanity
{
    public static readonly string[] KeyTables = ["realm", "user_entity", "client", "credential", "migration_model"];

    /// <summary>Counts in the connection's current transaction (the snapshot pg_dump uses).</summary>
    public static async Task<DatabaseCounts> CountAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var rows = new Dictionary<string, long>();
        var present = await PresentTablesAsync(conn, ct);
        foreach (var table in KeyTables.Where(present.Contains))
        {
            await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM public.\"{table}\"", conn);
            rows[table] = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        await using var c = new NpgsqlCommand(
            "SELECT count(*)::int FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE n.nspname = 'public'", conn);
        var constraints = (int)(await c.ExecuteScalarAsync(ct))!;
        return new DatabaseCounts(rows, constraints, await TableCountAsync(conn, ct));
    }

    /// <summary>How many tables the public schema holds (pg_dump's progress counts their data items).</summary>
    public static async Task<int> TableCountAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var t = new NpgsqlCommand("SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public'", conn);
        return (int)(await t.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Runs the checks on a restored database; returns the problems found (none = sane).</summary>
    public static async Task<List<string>> CheckAsync(NpgsqlConnection conn, DatabaseCounts expected, DatabaseCounts? upper, CancellationToken ct)
    {
        var problems = new List<string>();
        var present = await PresentTablesAsync(conn, ct);
        foreach (var table in KeyTables.Where(t => !present.Contains(t)))
        {
            problems.Add($"table {table} is missing");
        }
        var actual = await CountAsync(conn, ct);
        foreach (var (table, count) in expected.Rows)
        {
            if (!actual.Rows.TryGetValue(table, out var got))
            {
                continue;
            }
            // A physical backup is consistent at some point between its start and its end: the count lies between both.
            var high = upper?.Rows.GetValueOrDefault(table, count) ?? count;
            if (got < Math.Min(count, high) || got > Math.Max(count, high))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{table}: {got} rows restored, {count} recorded at backup time"));
            }
        }
        if (actual.Constraints < expected.Constraints)
        {
            problems.Add($"{actual.Constraints} constraints restored, {expected.Constraints} at backup time");
        }
        problems.AddRange(await OrphansAsync(conn, ct));
        return problems;
    }

    private static async Task<HashSet<string>> PresentTablesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            set.Add(reader.GetString(0));
        }
        return set;
    }

    /// <summary>Every single-column foreign key of the Keycloak tables is checked for rows pointing nowhere (one anti-join each).</summary>
    private static async Task<List<string>> OrphansAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        const string fks = """
            SELECT k.conname, c.relname, a.attname, p.relname, pa.attname
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_class p ON p.oid = k.confrelid
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
            JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = k.confkey[1]
            WHERE k.contype = 'f' AND n.nspname = 'public' AND array_length(k.conkey, 1) = 1
            """;
        var list = new List<(string Name, string Child, string Col, string Parent, string PCol)>();
        await using (var cmd = new NpgsqlCommand(fks, conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                list.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }
        }
        var problems = new List<string>();
        foreach (var fk in list.Where(f => KeyTables.Contains(f.Child)))
        {
            var sql = $"SELECT count(*) FROM public.\"{fk.Child}\" c WHERE c.\"{fk.Col}\" IS NOT NULL AND NOT EXISTS " +
                      $"(SELECT 1 FROM public.\"{fk.Parent}\" p WHERE p.\"{fk.PCol}\" = c.\"{fk.Col}\")";
            await using var cmd = new NpgsqlCommand(sql, conn);
            var orphans = (long)(await cmd.ExecuteScalarAsync(ct))!;
            if (orphans > 0)
            {
                problems.Add($"constraint {fk.Name}: {orphans} rows of {fk.Child} point to no {fk.Parent}");
            }
        }
        return problems;
    }
}
