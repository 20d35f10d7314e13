using IamOps.Server.Data;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Contracts;
using IamOps.Server.Modules.Identity;
using IamOps.Server.Modules.Organisations;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.DataProtection;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddPlatform();
builder.Services.AddIamOpsDatabase(builder.Configuration);
builder.Services.AddDataProtection().SetApplicationName("IamOps").PersistKeysToDbContext<IamOpsDb>();
builder.Services.AddIamOpsIdentity();

var app = builder.Build();
await app.Services.InitializeDatabaseAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHttpMetrics();
app.UseAuthentication();
app.UseAuthorization();
app.UseOutputCache();
app.UseAntiforgery();

app.MapPlatform();
app.MapIamOpsIdentity();
app.MapOrganisations();
app.MapContracts();
app.MapClusters();
app.MapAuditTrail();

app.Run();

/// <summary>Entry point, visible to the functional tests.</summary>
public partial class Program;
