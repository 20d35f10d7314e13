using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using IamOps.Core.AuditTrail;
using IamOps.Server.Data;
using IamOps.Server.Modules.Organisations;
using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IamOps.Server.Modules.AuditTrail;

/// <summary>Serialises writers of the audit chains within this process.</summary>
public sealed class AuditWriteGate
{
    internal SemaphoreSlim Semaphore { get; } = new(1, 1);
}

/// <summary>Turns every change of an audited entity into a chained audit entry, in the same transaction as the change.</summary>
public sealed class AuditRecorder(TenantContext tenant, AuditScope scope, TimeProvider clock, AuditWriteGate gate)
{
    private static readonly HashSet<string> IgnoredProperties =
        ["ConcurrencyStamp", "NormalizedEmail", "NormalizedUserName"];

    private static readonly JsonSerializerOptions SnapshotJson = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<PropertyInfo, bool> SecretMembers = new();

    private static readonly HashSet<string> SecretProperties =
        ["PasswordHash", "SecurityStamp"];

    internal async Task<int> SaveWithAuditAsync(IamOpsDb db, Func<CancellationToken, Task<int>> save, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var now = AuditEntryContent.Truncate(clock.GetUtcNow());
        var drafts = await CollectAsync(db, now, ct);
        if (drafts.Count == 0)
        {
            return await save(ct);
        }

        await gate.Semaphore.WaitAsync(ct);
        try
        {
            var ownTransaction = db.Database.CurrentTransaction is null
                ? await db.Database.BeginTransactionAsync(ct)
                : null;
            var heads = new List<AuditChainHead>();
            try
            {
                await ChainAsync(db, drafts, heads, ct);
                var result = await save(ct);
                if (ownTransaction is not null)
                {
                    await ownTransaction.CommitAsync(ct);
                }
                scope.ClearEvents();
                return result;
            }
            catch
            {
                foreach (var draft in drafts)
                {
                    db.Entry(draft).State = EntityState.Detached;
                }
                if (ownTransaction is not null)
                {
                    await ownTransaction.RollbackAsync(CancellationToken.None);
                }
                throw;
            }
            finally
            {
                // A head left tracked would be stale at this context's next save once another context or instance
                // has extended the chain (identity resolution keeps the tracked values): read afresh every time.
                foreach (var head in heads)
                {
                    db.Entry(head).State = EntityState.Detached;
                }
                if (ownTransaction is not null)
                {
                    await ownTransaction.DisposeAsync();
                }
            }
        }
        finally
        {
            gate.Semaphore.Release();
        }
    }

    private async Task<List<AuditEntry>> CollectAsync(IamOpsDb db, DateTimeOffset now, CancellationToken ct)
    {
        var drafts = new List<AuditEntry>();
        var entries = db.ChangeTracker.Entries().ToList(); // detects changes once; snapshots below must not call Entries() again
        var deleted = entries.Where(e => e.State == EntityState.Deleted).ToLookup(e => e.Metadata);
        var roots = entries
            .Where(e => e.Entity is IAudited && !e.Metadata.IsOwned())
            .Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified || HasChangedOwned(e))
            .ToList();

        Guid? providerId = null;
        foreach (var entry in roots)
        {
            var audited = (IAudited)entry.Entity;
            var chain = ChainOf(entry.Entity);
            if (chain is null)
            {
                providerId ??= await ProviderIdAsync(db, ct);
                chain = providerId ?? Guid.Empty;
            }

            var action = scope.Action ?? entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ => "updated",
            };
            drafts.Add(Draft(chain.Value, now, action, entry.Metadata.ClrType.Name, audited.Id.ToString(),
                entry.State == EntityState.Added ? null : Snapshot(entry, original: true, deleted),
                entry.State == EntityState.Deleted ? null : Snapshot(entry, original: false, deleted)));
        }

        foreach (var ev in scope.Events)
        {
            drafts.Add(Draft(ev.ChainId, now, ev.Action, ev.EntityType, ev.EntityId, null, ev.DetailJson));
        }

        return drafts;
    }

    private AuditEntry Draft(Guid chain, DateTimeOffset now, string action, string type, string? id, string? before, string? after) => new()
    {
        ChainId = chain,
        At = now,
        ActorId = tenant.UserId,
        Actor = tenant.UserEmail ?? "anonymous",
        ActorOrganisationId = tenant.OrganisationId,
        Action = action,
        ActivityKey = scope.ActivityKey,
        EntityType = type,
        EntityId = id,
        Before = before,
        After = after,
        PrevHash = AuditChain.GenesisHash,
        Hash = string.Empty,
    };

    private static async Task ChainAsync(IamOpsDb db, List<AuditEntry> drafts, List<AuditChainHead> heads, CancellationToken ct)
    {
        foreach (var group in drafts.GroupBy(d => d.ChainId))
        {
            if (db.Database.IsNpgsql())
            {
                // Serialises writers of one chain across IamOps instances sharing the database.
                var lockKey = BitConverter.ToInt64(group.Key.ToByteArray(), 0);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})", ct);
            }

            var head = await db.Set<AuditChainHead>().SingleOrDefaultAsync(h => h.ChainId == group.Key, ct);
            if (head is null)
            {
                head = new AuditChainHead { ChainId = group.Key, LastSeq = 0, LastHash = AuditChain.GenesisHash };
                db.Set<AuditChainHead>().Add(head);
            }
            heads.Add(head);

            foreach (var draft in group)
            {
                draft.Seq = head.LastSeq + 1;
                draft.PrevHash = head.LastHash;
                draft.Hash = AuditChain.ComputeHash(AuditEntryContent.ToJson(draft, withHash: false));
                head.LastSeq = draft.Seq;
                head.LastHash = draft.Hash;
                db.AuditEntries.Add(draft);
            }
        }
    }

    private static async Task<Guid?> ProviderIdAsync(IamOpsDb db, CancellationToken ct) =>
        await db.Organisations.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.Kind == Party.Provider).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);

    private static Guid? ChainOf(object entity) => entity switch
    {
        ITenantOwned owned => owned.ClientOrganisationId,
        Organisation org => org.Id,
        AppUser user => user.OrganisationId,
        Identity.PersonalApiToken token => token.OrganisationId,
        _ => null,
    };

    private static bool HasChangedOwned(EntityEntry entry) =>
        entry.Navigations.Any(n => n.Metadata.TargetEntityType.IsOwned() && OwnedEntries(n).Any(o => o.State != EntityState.Unchanged));

    private static IEnumerable<EntityEntry> OwnedEntries(NavigationEntry navigation) => navigation switch
    {
        ReferenceEntry r when r.TargetEntry is not null => [r.TargetEntry],
        CollectionEntry c => c.CurrentValue is null
            ? []
            : c.CurrentValue.Cast<object>().Select(c.FindEntry).OfType<EntityEntry>(),
        _ => [],
    };

    private static string Snapshot(EntityEntry entry, bool original, ILookup<IEntityType, EntityEntry> deleted) => ToNode(entry, original, deleted).ToJsonString();

    private static JsonObject ToNode(EntityEntry entry, bool original, ILookup<IEntityType, EntityEntry> deleted)
    {
        var values = original ? entry.OriginalValues : entry.CurrentValues;
        var node = new JsonObject();
        foreach (var property in entry.Properties)
        {
            var meta = property.Metadata;
            if (meta.IsShadowProperty() || IgnoredProperties.Contains(meta.Name))
            {
                continue;
            }

            var isSecret = SecretProperties.Contains(meta.Name)
                || (meta.PropertyInfo is { } info && SecretMembers.GetOrAdd(info, i => i.GetCustomAttribute<SecretAttribute>() is not null));
            var value = values[meta];
            node[meta.Name] = isSecret
                ? (value is null ? null : "[redacted]")
                : JsonSerializer.SerializeToNode(value, SnapshotJson);
        }

        foreach (var navigation in entry.Navigations.Where(n => n.Metadata.TargetEntityType.IsOwned()))
        {
            if (navigation is CollectionEntry)
            {
                var items = new JsonArray();
                foreach (var owned in OwnedEntries(navigation).Where(o => !original || o.State != EntityState.Added))
                {
                    items.Add(ToNode(owned, original, deleted));
                }
                if (original)
                {
                    // Removed owned items are no longer in the collection but still tracked as deleted.
                    foreach (var removed in deleted[navigation.Metadata.TargetEntityType].Where(o => IsOwnedBy(o, entry)))
                    {
                        items.Add(ToNode(removed, original: true, deleted));
                    }
                }
                node[navigation.Metadata.Name] = items;
            }
            else
            {
                var target = OwnedEntries(navigation).FirstOrDefault();
                node[navigation.Metadata.Name] = target is null ? null : ToNode(target, original, deleted);
            }
        }

        return node;
    }

    private static bool IsOwnedBy(EntityEntry owned, EntityEntry owner)
    {
        var ownership = owned.Metadata.FindOwnership();
        if (ownership is null)
        {
            return false;
        }
        var fk = ownership.Properties.Select(p => owned.OriginalValues[p]);
        var pk = ownership.PrincipalKey.Properties.Select(p => owner.OriginalValues[p]);
        return fk.SequenceEqual(pk);
    }
}
