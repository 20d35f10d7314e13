using IamOps.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace IamOps.Server.Tests.Incidents;

/// <summary>The app with the background SLA sweep switched off: the test sweeps by hand, so nothing races its requests.</summary>
public sealed class ManualSweepApp(string provider) : IamOpsApp(provider)
{
    public ManualSweepApp() : this("sqlite")
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Incidents:SweepEnabled", "false");
    }
}
