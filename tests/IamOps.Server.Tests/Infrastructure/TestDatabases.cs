using Npgsql;

namespace IamOps.Server.Tests.Infrastructure;

/// <summary>The databases a test can run on: a temp SQLite file always; PostgreSQL when IAMOPS_TEST_POSTGRES names a server.</summary>
public static class TestDatabases
{
    /// <summary>Admin connection string of the test PostgreSQL server, set by test.sh.</summary>
    public static string? PostgresAdmin => Environment.GetEnvironmentVariable("IAMOPS_TEST_POSTGRES");

    /// <summary>Both providers for theories; PostgreSQL is required in CI so a missing server fails instead of silently shrinking the suite.</summary>
    public static TheoryData<string> Providers()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (PostgresAdmin is not null || Environment.GetEnvironmentVariable("CI") == "true")
        {
            data.Add("postgres");
        }
        return data;
    }

    public static string NewSqliteConnectionString()
    {
        var dir = Path.Combine(Path.GetTempPath(), "iamops-tests");
        Directory.CreateDirectory(dir);
        return $"Data Source={Path.Combine(dir, $"{Guid.NewGuid():N}.db")}";
    }

    /// <summary>Creates a fresh, uniquely named PostgreSQL database and returns its connection string.</summary>
    public static string NewPostgresDatabase()
    {
        var admin = PostgresAdmin ?? throw new InvalidOperationException(
            "IAMOPS_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts PostgreSQL.");
        var name = $"iamops_test_{Guid.NewGuid():N}";
        using (var conn = new NpgsqlConnection(admin))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"CREATE DATABASE \"{name}\"";
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}
