using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Data;

/// <summary>Which database IamOps uses.</summary>
public sealed class DatabaseOptions
{
    [Required, RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Database:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Connection string; for SQLite defaults to a file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    public string DataDirectory { get; set; } = "data";

    /// <summary>Create a provider, two clients, contracts, clusters and users on first start.</summary>
    public bool SeedDemoData { get; set; }
}

public static class DatabaseModule
{
    public static IServiceCollection AddIamOpsDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration("Database").ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();

        if (string.Equals(options.Provider, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            var cs = options.ConnectionString
                ?? throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is 'postgres'.");
            services.AddDbContext<PostgresIamOpsDb>(o => o.UseNpgsql(cs));
            services.AddScoped<IamOpsDb>(sp => sp.GetRequiredService<PostgresIamOpsDb>());
        }
        else
        {
            var cs = options.ConnectionString;
            if (string.IsNullOrWhiteSpace(cs))
            {
                Directory.CreateDirectory(options.DataDirectory);
                cs = $"Data Source={Path.Combine(options.DataDirectory, "iamops.db")}";
            }
            services.AddDbContext<SqliteIamOpsDb>(o => o.UseSqlite(cs));
            services.AddScoped<IamOpsDb>(sp => sp.GetRequiredService<SqliteIamOpsDb>());
        }

        services.AddHealthChecks().AddDbContextCheck<IamOpsDb>("database", tags: ["ready"]);
        return services;
    }
}
