using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Incidents;

/// <summary>A few incidents for the demo clients, so the incident pages are not empty.</summary>
public static class DemoIncidents
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<IamOpsDb>();
        var opener = services.GetRequiredService<IIncidentOpener>();
        var calendars = services.GetRequiredService<SlaCalendars>();
        var fraction = services.GetRequiredService<IOptions<IncidentOptions>>().Value.SlaWarningFraction;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var orgs = await db.Organisations.Where(o => o.Kind == Party.Client).ToDictionaryAsync(o => o.Slug, o => o.Id, ct);
        var clusters = await db.Set<Cluster>().ToDictionaryAsync(c => c.Name, c => c.Id, ct);

        var latency = await opener.OpenAsync(new OpenIncident(orgs["acme"], "Slow logins on acme-prod",
            "p95 of the login flow above 3 s since the last deployment of the theme.", IncidentSeverity.P2, IncidentSource.AlertGroup,
            [clusters["acme-prod"]], UsersAffected: true, [new IncidentLink(IncidentLinkKind.Alert, "alertgroup/kc-latency-acme-prod")]), ct);
        await opener.OpenAsync(new OpenIncident(orgs["acme"], "Password reset e-mails delayed on staging",
            "The SMTP relay of acme-staging queues messages for several minutes.", IncidentSeverity.P4, IncidentSource.ClientReport,
            [clusters["acme-staging"]]), ct);
        var globex = await opener.OpenAsync(new OpenIncident(orgs["globex"], "Node kc-globex-2 out of the cluster",
            "Infinispan view lost one member after a network partition.", IncidentSeverity.P1, IncidentSource.Provider,
            [clusters["globex-prod"]]), ct);

        await opener.OpenAsync(new OpenIncident(orgs["globex"], "Admin console slow on globex-dev",
            "Loading the users of the realm takes more than 20 s.", IncidentSeverity.P3, IncidentSource.ClientReport, [clusters["globex-dev"]]), ct);
        var mail = await opener.OpenAsync(new OpenIncident(orgs["globex"], "OTP e-mails rejected by the bank's relay",
            "The relay refuses the sender domain since the certificate renewal.", IncidentSeverity.P2, IncidentSource.AlertGroup, [clusters["globex-prod"]],
            UsersAffected: true), ct);

        // Both clients have incidents in each state, so neither one's data stands out by its states alone.
        foreach (var (incident, actions) in new[]
        {
            (latency, new[] { IncidentWorkflow.Acknowledge, IncidentWorkflow.Start }),
            (mail, new[] { IncidentWorkflow.Acknowledge, IncidentWorkflow.Start }),
            (globex, new[] { IncidentWorkflow.Acknowledge, IncidentWorkflow.Start, IncidentWorkflow.Resolve }),
        })
        {
            var calendar = await calendars.ForAsync(incident, ct);
            foreach (var action in actions)
            {
                var from = IncidentWorkflow.StateName(incident.Status);
                IncidentWorkflow.Apply(incident, action, now, calendar, fraction, "operator@cloud-iam.example");
                IncidentTimeline.Add(db, incident, IncidentEventKinds.Status, "operator@cloud-iam.example", Party.Provider, now,
                    $"{from} → {IncidentWorkflow.StateName(incident.Status)}");
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
