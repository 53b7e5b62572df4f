using Monitor.Shared.Models;

namespace Monitor.Control.Webhooks;

/// <summary>Why a pushed commit must not be deployed, or null. A webhook signature covers the body only, so a
/// captured push can be sent again with a fresh delivery id: a push acts only when its commit is new for the stack
/// (never built) — checked when the delivery arrives — and is still the branch head after fetching, checked again
/// right before the deploy.</summary>
public static class StalePush
{
    /// <summary>From the stack's builds: the commit was already built (the newest build, or an older one).</summary>
    public static string? AlreadyBuilt(IReadOnlyList<BuildRecord> builds, string commit)
    {
        if (builds.Count == 0) return null;
        var newest = builds.MaxBy(b => b.Time)!;
        var same = builds.Where(b => Same(b.Commit, commit)).MaxBy(b => b.Time);
        if (same is null) return null;
        return Same(newest.Commit, commit)
            ? $"commit {Short(commit)} is already built as version {same.Version}, the newest; a replayed push? deploy it again with `monitor stack deploy {same.Stack} --commit {Short(commit)}`"
            : $"commit {Short(commit)} is older than what is deployed: it was built as version {same.Version}, the newest is {newest.Version} (commit {Short(newest.Commit)}); a replayed or late push";
    }

    /// <summary>After fetching: the commit is no longer the branch head.</summary>
    public static string? NotHead(string commit, string branch, string head) =>
        Same(head, commit) ? null : $"commit {Short(commit)} is no longer the head of {branch} (the head is {Short(head)} after fetching); a replayed or overtaken push";

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string Short(string commit) => commit[..Math.Min(12, commit.Length)];
}
