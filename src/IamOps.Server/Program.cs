using IamOps.Server.Data;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Changes;
using IamOps.Server.Modules.Backups;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Configuration;
using IamOps.Server.Modules.Contracts;
using IamOps.Server.Modules.Identity.Sso;
using IamOps.Server.Modules.Identity;
using IamOps.Server.Modules.Incidents;
using IamOps.Server.Modules.Interventions;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Organisations;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.QuoteRequests;
using IamOps.Server.Modules.Raci;
using IamOps.Server.Modules.Web;
using Microsoft.AspNetCore.DataProtection;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddPlatform();
builder.Services.AddIamOpsDatabase(builder.Configuration);
builder.Services.AddDataProtection().SetApplicationName("IamOps").PersistKeysToDbContext<IamOpsDb>();
builder.Services.AddIamOpsIdentity();
builder.Services.AddWebUi();
builder.Services.AddRaci();
builder.Services.AddNotifications();
builder.Services.AddQuoteRequests();
builder.Services.AddInterventions();
builder.Services.AddIncidents();
builder.Services.AddClusters();
builder.Services.AddConfigurationManagement();
builder.Services.AddChanges();
builder.Services.AddBackups(builder.Configuration);

var app = builder.Build();
await app.Services.InitializeDatabaseAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHttpMetrics();
app.UseSingleSignOnCallbacks();
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
app.MapWebUi();
app.MapRaci();
app.MapNotifications();
app.MapQuoteRequests();
app.MapInterventions();
app.MapIncidents();
app.MapConfigurationManagement();
app.MapChanges();
app.MapEndpointModules();

app.Run();

/// <summary>Entry point, visible to the functional tests.</summary>
public partial class Program;
