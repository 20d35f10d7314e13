using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IamOps.Bench.KeycloakAudit;
using IamOps.Core.KeycloakAudit;
using IamOps.Core.KeycloakAudit.Output;
using IamOps.Core.KeycloakAudit.Rules;

// Usage: generate FILE | parse FILE [RUNS] | audit FILE [RUNS] | sarif FILE [RUNS]   (measurements, used by run.sh)
//        rules FILE | memory FILE                                                  (diagnostics: cost per rule, memory per stage)
// Each measuring mode runs in its own process (run.sh starts one per mode), so its peak resident set size is its own.
var mode = args.Length > 0 ? args[0] : "";
var file = args.Length > 1 ? args[1] : "bench-realm.json";
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;

// The measured time excludes the forced collection that counts the bytes still reachable while document and report are held.
var timer = new Stopwatch();
var cpuPaused = TimeSpan.Zero;

switch (mode)
{
    case "generate":
        RealmGenerator.Write(file, clients: 10_000, identityProviders: 50);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"file\":\"{file}\",\"bytes\":{new FileInfo(file).Length}}}"));
        return 0;
    case "parse":
        // The raw baseline: what System.Text.Json alone needs to hold the file as a JsonDocument.
        return await MeasureAsync("parse", async ct =>
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            using var document = await JsonDocument.ParseAsync(stream, default, ct);
            return (document.RootElement.GetPropertyCount(), Live());
        });
    case "audit":
        // What `iamops keycloak audit` does before printing: load (one streamed parse) and run every rule.
        return await MeasureAsync("audit", async ct =>
        {
            using var loaded = await RealmLoader.LoadFileAsync(file, ct);
            var report = new KeycloakAuditor().Audit(loaded.Realms[0]);
            return (report.Findings.Count, Live());
        });
    case "sarif":
        // The same, plus the SARIF log written to a file, as `--format sarif --output FILE` does.
        return await MeasureAsync("audit+sarif", async ct =>
        {
            using var loaded = await RealmLoader.LoadFileAsync(file, ct);
            var report = new KeycloakAuditor().Audit(loaded.Realms[0]);
            await using var output = new FileStream(file + ".sarif", FileMode.Create, FileAccess.Write);
            SarifWriter.Write(output, [report], AuditRules.All, AuditSeverity.Info);
            return (report.Findings.Count, Live());
        });
    case "rules":
        {
            // Where the audit's time goes: the fastest of 20 runs of each rule (the minimum is what contention cannot add to).
            using var loaded = await RealmLoader.LoadFileAsync(file, CancellationToken.None);
            var realm = loaded.Realms[0];
            var costs = AuditRules.All.Select(rule => (rule.Id, Ms: Enumerable.Range(0, 20).Min(run =>
            {
                var watch = Stopwatch.StartNew();
                _ = rule.Check(realm.Realm).Count();
                return watch.Elapsed.TotalMilliseconds;
            }))).OrderByDescending(r => r.Ms).ToList();
            var auditMin = Enumerable.Range(0, 20).Min(run =>
            {
                var watch = Stopwatch.StartNew();
                _ = new KeycloakAuditor().Audit(realm);
                return watch.Elapsed.TotalMilliseconds;
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"audit min {auditMin:F1} ms; rules sum {costs.Sum(c => c.Ms):F1} ms: {string.Join(", ", costs.Take(12).Select(c => $"{c.Id} {c.Ms:F1}"))}"));
            return 0;
        }
    case "memory":
        {
            var before = GC.GetTotalMemory(true);
            using var loaded = await RealmLoader.LoadFileAsync(file, CancellationToken.None);
            var afterLoad = GC.GetTotalMemory(true);
            var clients = loaded.Realms[0].Realm.AuditedClients.Count;
            var afterViews = GC.GetTotalMemory(true);
            var report = new KeycloakAuditor().Audit(loaded.Realms[0]);
            var afterAudit = GC.GetTotalMemory(true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"before {before / 1048576.0:F1} load +{(afterLoad - before) / 1048576.0:F1} views({clients}) +{(afterViews - afterLoad) / 1048576.0:F1} audit +{(afterAudit - afterViews) / 1048576.0:F1} MiB, {report.Findings.Count} findings"));
            return 0;
        }
    default:
        Console.Error.WriteLine("usage: generate FILE | parse FILE [RUNS] | audit FILE [RUNS] | sarif FILE [RUNS] | rules FILE | memory FILE");
        return 2;
}

long Live()
{
    timer.Stop();
    var cpu = Environment.CpuUsage.TotalTime;
    var bytes = GC.GetTotalMemory(forceFullCollection: true);
    cpuPaused += Environment.CpuUsage.TotalTime - cpu;
    timer.Start();
    return bytes;
}

async Task<int> MeasureAsync(string name, Func<CancellationToken, Task<(int Result, long LiveBytes)>> work)
{
    var wall = new List<double>();
    var cpu = new List<double>();
    var result = 0;
    long live = 0;
    for (var i = 0; i <= runs; i++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        cpuPaused = TimeSpan.Zero;
        var cpuBefore = Environment.CpuUsage.TotalTime;
        timer.Restart();
        (result, var bytes) = await work(CancellationToken.None);
        timer.Stop();
        wall.Add(timer.Elapsed.TotalMilliseconds);
        cpu.Add((Environment.CpuUsage.TotalTime - cpuBefore - cpuPaused).TotalMilliseconds);
        live = Math.Max(live, bytes);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{{\"mode\":\"{name}\",\"runs\":{runs},\"result\":{result},\"coldWallMs\":{wall[0]:F0},\"coldCpuMs\":{cpu[0]:F0},\"warmWallMedianMs\":{Median(wall):F0},\"warmCpuMedianMs\":{Median(cpu):F0},\"peakRssMiB\":{Status("VmHWM") / 1024.0:F1},\"liveManagedMiB\":{live / 1048576.0:F1}}}"));
    return 0;
}

static double Median(List<double> values)
{
    // With no warm run (RUNS=0, the memory measurements) the cold run is all there is.
    var warm = values.Count > 1 ? values.Skip(1).Order().ToList() : values;
    return warm[warm.Count / 2];
}

static long Status(string field)
{
    foreach (var line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith(field + ":", StringComparison.Ordinal))
        {
            return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
    }
    return 0;
}
