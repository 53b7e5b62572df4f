using Monitor.Control.Store;

namespace Monitor.Control.Watch;

/// <summary>Splits the servers between the serve processes sharing a store. Each process heartbeats as a member;
/// each server is held by one lease, claimed atomically (insert-if-absent), renewed while held, and taken over
/// with a compare-and-delete once its holder stopped renewing. A process holds at most its fair share
/// (servers / live members, rounded up) and lets go of the excess, so a process that joins gets work.</summary>
public sealed class WatchLeases(IStateStore store, string owner, TimeSpan ttl, TimeProvider clock)
{
    public const string Leases = "watch_leases";
    public const string Members = "watch_members";

    public string Owner => owner;

    /// <summary>Announces this process (renewed each round) and returns how many members are alive, itself included.</summary>
    public async Task<int> HeartbeatAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await store.PutDocumentAsync(Members, owner, new WatchLease(owner, now + ttl).ToJson(), ct).ConfigureAwait(false);
        var alive = 0;
        foreach (var (key, json) in await store.ListDocumentsAsync(Members, ct).ConfigureAwait(false))
        {
            if (WatchLease.Read(json) is { } member && member.Expires >= now) alive++;
            else await store.DeleteDocumentIfAsync(Members, key, json, ct).ConfigureAwait(false);
        }
        return Math.Max(1, alive);
    }

    /// <summary>Current holder of every leased server (expired leases included, with their expiry).</summary>
    public async Task<IReadOnlyDictionary<string, (WatchLease Lease, string Json)>> ListAsync(CancellationToken ct)
    {
        var result = new Dictionary<string, (WatchLease, string)>(StringComparer.Ordinal);
        foreach (var (key, json) in await store.ListDocumentsAsync(Leases, ct).ConfigureAwait(false))
            if (WatchLease.Read(json) is { } lease) result[key] = (lease, json);
        return result;
    }

    /// <summary>Claims a free server or takes over one whose lease expired; false when someone holds it.</summary>
    public async Task<bool> TryClaimAsync(string server, (WatchLease Lease, string Json)? current, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (current is { } held)
        {
            if (held.Lease.Expires >= now && held.Lease.Owner != owner) return false;
            if (!await store.DeleteDocumentIfAsync(Leases, server, held.Json, ct).ConfigureAwait(false)) return false;
        }
        return await store.TryAddDocumentAsync(Leases, server, new WatchLease(owner, now + ttl).ToJson(), ct).ConfigureAwait(false);
    }

    /// <summary>Extends a held lease; false when it is no longer ours (taken over after we failed to renew in time).</summary>
    public async Task<bool> RenewAsync(string server, CancellationToken ct)
    {
        var json = await store.GetDocumentAsync(Leases, server, ct).ConfigureAwait(false);
        if (WatchLease.Read(json) is not { } lease || lease.Owner != owner) return false;
        await store.PutDocumentAsync(Leases, server, new WatchLease(owner, clock.GetUtcNow() + ttl).ToJson(), ct).ConfigureAwait(false);
        return true;
    }

    public async Task ReleaseAsync(string server, CancellationToken ct)
    {
        var json = await store.GetDocumentAsync(Leases, server, ct).ConfigureAwait(false);
        if (json is not null && WatchLease.Read(json)?.Owner == owner)
            await store.DeleteDocumentIfAsync(Leases, server, json, ct).ConfigureAwait(false);
    }

    /// <summary>Leaves: releases the given servers and removes the heartbeat, so others take over at once.</summary>
    public async Task LeaveAsync(IEnumerable<string> servers, CancellationToken ct)
    {
        foreach (var server in servers) await ReleaseAsync(server, ct).ConfigureAwait(false);
        var json = await store.GetDocumentAsync(Members, owner, ct).ConfigureAwait(false);
        if (json is not null) await store.DeleteDocumentIfAsync(Members, owner, json, ct).ConfigureAwait(false);
    }
}
