using IamOps.Server.Data;
using IamOps.Server.Modules.Contracts;
using IamOps.Server.Modules.Platform.Calendars;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Extensions;

namespace IamOps.Server.Modules.Changes;

/// <summary>What is to be placed: a slot on some clusters of one client, under its contract.</summary>
public sealed record SlotQuery(
    Guid ClientOrganisationId, IReadOnlyList<Guid> ClusterIds, DateTimeOffset Start, DateTimeOffset End,
    bool RequiresShutdown, bool IgnoreAllowedTimes = false, Guid? ExcludeChangeId = null);

/// <summary>The rule a slot breaks, if any, and the first slot of the same length that breaks none.</summary>
public sealed record SlotVerdict(string? Rule, string? Reason, DateTimeOffset? NextStart, DateTimeOffset? NextEnd, string TimeZone)
{
    public bool Allowed => Rule is null;
}

/// <summary>
/// The contract's scheduling rules: a change without production shutdown runs in working hours (the contract's days and
/// hours in its zone, French public holidays excluded), a change with shutdown inside a maintenance window (the
/// contract's RRULEs and the one-off windows); never over another change on the same cluster nor in a freeze period.
/// </summary>
public sealed class ChangeScheduler(IamOpsDb db)
{
    /// <summary>How far ahead the next valid slot is looked for.</summary>
    public static readonly Duration Horizon = Duration.FromDays(366);

    private static readonly Duration Chunk = Duration.FromDays(21);

    public async Task<SlotVerdict> CheckAsync(SlotQuery query, CancellationToken ct)
    {
        var contract = await db.Set<Contract>().AsNoTracking()
            .Where(c => c.ClientOrganisationId == query.ClientOrganisationId)
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(ct) ?? throw new InvalidOperationException($"Client {query.ClientOrganisationId} has no contract.");
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(contract.TimeZone) ?? DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var calendar = BusinessCalendar.BusinessHours(zone,
            contract.WorkingDays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => (IsoDayOfWeek)int.Parse(d, System.Globalization.CultureInfo.InvariantCulture)),
            LocalTime.FromTicksSinceMidnight(contract.WorkdayStart.Ticks), LocalTime.FromTicksSinceMidnight(contract.WorkdayEnd.Ticks));
        var state = new SearchState(db, query, contract, zone, calendar);

        var start = query.Start.ToInstant();
        var length = query.End.ToInstant() - start;
        var broken = await state.FirstBrokenAsync(start, length, ct);
        if (broken is null)
        {
            return new SlotVerdict(null, null, null, null, zone.Id);
        }
        var next = await state.NextValidAsync(start, length, ct);
        return new SlotVerdict(broken.Value.Rule, broken.Value.Reason,
            next?.ToDateTimeOffset(), (next + length)?.ToDateTimeOffset(), zone.Id);
    }

    private sealed class SearchState(IamOpsDb db, SlotQuery query, Contract contract, DateTimeZone zone, BusinessCalendar calendar)
    {
        private Instant _loadedFrom;
        private Instant _loadedTo;
        private bool _loaded;
        private List<(Instant Start, Instant End, string What)> _busy = [];
        private List<(Instant Start, Instant End)> _windows = [];

        public async Task<(string Rule, string Reason)?> FirstBrokenAsync(Instant start, Duration length, CancellationToken ct)
        {
            await EnsureLoadedAsync(start, start + length, ct);
            var end = start + length;
            if (!query.IgnoreAllowedTimes)
            {
                if (!query.RequiresShutdown && calendar.OpenTimeBetween(start, end) != length)
                {
                    return ("working-hours", $"A change without production shutdown runs in working hours only: {WorkingHours()}; "
                        + $"{Local(start)}–{Local(end)} is not entirely inside them");
                }
                if (query.RequiresShutdown && !_windows.Any(w => w.Start <= start && end <= w.End))
                {
                    return ("maintenance-window", $"A change with production shutdown runs inside a maintenance window only; "
                        + $"{Local(start)}–{Local(end)} is not inside one");
                }
            }
            var clash = _busy.FirstOrDefault(b => b.Start < end && b.End > start);
            if (clash.What is not null)
            {
                return (clash.What.StartsWith("freeze", StringComparison.Ordinal) ? "freeze" : "conflict",
                    $"{Local(start)}–{Local(end)} overlaps {clash.What} ({Local(clash.Start)}–{Local(clash.End)})");
            }
            return null;
        }

        public async Task<Instant?> NextValidAsync(Instant from, Duration length, CancellationToken ct)
        {
            var limit = from + Horizon;
            var t = from;
            if (!query.RequiresShutdown && !query.IgnoreAllowedTimes && length > Duration.FromTicks(calendar.DayEnd.TickOfDay - calendar.DayStart.TickOfDay))
            {
                return null;
            }
            for (var guard = 0; guard < 100_000 && t < limit; guard++)
            {
                await EnsureLoadedAsync(t, t + length, ct);
                var moved = Advance(t, length);
                if (moved is null)
                {
                    // The loaded range holds no allowed time from t on: look further.
                    t = _loadedTo;
                    continue;
                }
                if (moved.Value != t)
                {
                    t = moved.Value;
                    continue;
                }
                var end = t + length;
                var clashes = _busy.Where(b => b.Start < end && b.End > t).ToList();
                if (clashes.Count == 0)
                {
                    return t;
                }
                t = clashes.Max(b => b.End);
            }
            return null;
        }

        // The first instant ≥ t from which [t, t + length] fits the allowed-time rule, or null when none in the loaded range.
        private Instant? Advance(Instant t, Duration length)
        {
            if (query.IgnoreAllowedTimes)
            {
                return t;
            }
            if (query.RequiresShutdown)
            {
                foreach (var w in _windows)
                {
                    var s = Instant.Max(w.Start, t);
                    if (s + length <= w.End)
                    {
                        return s;
                    }
                }
                return null;
            }
            for (var day = 0; day < 400; day++)
            {
                var open = calendar.NextOpen(t);
                var interval = calendar.OpenIntervals(open, open + Duration.FromDays(1)).First();
                if (open + length <= interval.End)
                {
                    return open;
                }
                t = interval.End;
            }
            return null;
        }

        private async Task EnsureLoadedAsync(Instant from, Instant to, CancellationToken ct)
        {
            if (_loaded && from >= _loadedFrom && to <= _loadedTo)
            {
                return;
            }
            var newFrom = _loaded ? Instant.Min(_loadedFrom, from) : from;
            var newTo = Instant.Max(_loaded ? _loadedTo : to, to) + Chunk;
            var f = newFrom.ToDateTimeOffset();
            var e = newTo.ToDateTimeOffset();
            var ids = query.ClusterIds.ToList();
            var exclude = query.ExcludeChangeId ?? Guid.Empty;

            var changes = await db.Set<ChangeTarget>().AsNoTracking()
                .Where(t => ids.Contains(t.ClusterId) && t.SlotEnd > f && t.SlotStart < e && t.ChangeRequestId != exclude)
                .Select(t => new { t.ChangeRequestId, t.SlotStart, t.SlotEnd })
                .ToListAsync(ct);
            var titles = await db.Set<ChangeRequest>().AsNoTracking()
                .Where(c => changes.Select(x => x.ChangeRequestId).Distinct().Contains(c.Id))
                .Select(c => new { c.Id, c.Title }).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
            var freezes = await db.Set<ChangeFreeze>().AsNoTracking()
                .Where(z => z.ClientOrganisationId == query.ClientOrganisationId && z.End > f && z.Start < e
                    && (z.ClusterId == null || ids.Contains(z.ClusterId.Value)))
                .Select(z => new { z.Name, z.Start, z.End }).ToListAsync(ct);
            _busy = [.. changes.DistinctBy(c => c.ChangeRequestId)
                    .Select(c => (c.SlotStart!.Value.ToInstant(), c.SlotEnd!.Value.ToInstant(), $"change '{titles.GetValueOrDefault(c.ChangeRequestId)}' ({c.ChangeRequestId}) on the same cluster")),
                .. freezes.Select(z => (z.Start.ToInstant(), z.End.ToInstant(), $"freeze period '{z.Name}'"))];
            _busy.Sort((a, b) => a.Start.CompareTo(b.Start));

            if (query.RequiresShutdown)
            {
                var oneOff = await db.Set<OneOffMaintenanceWindow>().AsNoTracking()
                    .Where(w => w.ClientOrganisationId == query.ClientOrganisationId && w.End > f && w.Start < e)
                    .Select(w => new { w.Start, w.End }).ToListAsync(ct);
                var recurring = MaintenanceWindowPlan.Expand(contract.MaintenanceWindows, contract.StartsOn.ToLocalDate(), zone, newFrom, newTo);
                _windows = MaintenanceWindowPlan.Merge(recurring.Select(o => (o.Start, o.End))
                    .Concat(oneOff.Select(w => (w.Start.ToInstant(), w.End.ToInstant()))));
            }
            (_loadedFrom, _loadedTo, _loaded) = (newFrom, newTo, true);
        }

        private string WorkingHours() =>
            $"{string.Join(",", contract.WorkingDays.Split(',').Select(d => ((IsoDayOfWeek)int.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToString()[..3]))} "
            + $"{calendar.DayStart:HH:mm}–{calendar.DayEnd:HH:mm} {zone.Id} civil time (CET/CEST), public holidays excluded";

        private string Local(Instant i) => i.InZone(zone).ToString("yyyy-MM-dd HH:mm x", System.Globalization.CultureInfo.InvariantCulture);
    }
}
