using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using IamOps.Server.Modules.DemoData;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace IamOps.Server.Tests.Infrastructure;

/// <summary>IamOps in memory over a fresh database (SQLite by default) with demo data and a fake clock.</summary>
public class IamOpsApp : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public IamOpsApp() : this("sqlite")
    {
    }

    protected IamOpsApp(string provider)
    {
        Provider = provider;
        ConnectionString = provider == "postgres" ? TestDatabases.NewPostgresDatabase() : TestDatabases.NewSqliteConnectionString();
    }

    /// <summary>A fresh app on the named provider (<c>sqlite</c> or <c>postgres</c>), for theories over both.</summary>
    public static IamOpsApp On(string provider) => provider == "postgres" ? new PostgresIamOpsApp() : new IamOpsApp();

    public string Provider { get; }

    public string ConnectionString { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public const string DemoPassword = DemoDataSeeder.DemoPassword;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The same service-lifetime checks as Development (what `dotnet run` uses), so a lifetime mistake fails every test.
        builder.UseDefaultServiceProvider(o =>
        {
            o.ValidateScopes = true;
            o.ValidateOnBuild = true;
        });
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Database:SeedDemoData", "true");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>An HTTP client signed in as the given demo user with a bearer token.</summary>
    public async Task<HttpClient> ClientForAsync(string email, CancellationToken ct)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = DemoPassword }, ct);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }
}

/// <summary>The same app on PostgreSQL.</summary>
public sealed class PostgresIamOpsApp() : IamOpsApp("postgres");
