using System.Diagnostics;
using System.Globalization;
using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Fleet;

/// <summary>`monitor server upgrade`: sends a new agent build over each agent's own connection in chunks, lets the
/// agent check the SHA-256, swap and restart (see the agent's UpgradeHandover), then reconnects and waits for the
/// handshake to report the new version. Several servers go in waves; the first failed wave stops the rest.
/// Each server's upgrade is one recorded action.</summary>
public sealed class UpgradeService(ServerDirectory directory, ActionRecorder recorder)
{
    public const int DefaultWave = 4;
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Upgrades <paramref name="names"/> (null: every server, by name) to <paramref name="file"/>.</summary>
    public async Task<UpgradeReport> UpgradeAsync(IReadOnlyList<string>? names, UpgradeFile file, int wave, TimeSpan timeout,
        Action<UpgradeOutcome>? progress, CancellationToken ct)
    {
        if (wave < 1) throw new OperationFailedException($"--wave {wave}: give at least 1 (servers upgraded at a time)", ErrorCodes.InvalidArgument);
        if (timeout < TimeSpan.FromSeconds(10)) throw new OperationFailedException($"--timeout {timeout.TotalSeconds:0}s is too short for an agent to restart; give at least 10s", ErrorCodes.InvalidArgument);
        var servers = names is null
            ? (await directory.ListAsync(ct).ConfigureAwait(false)).Select(s => s.Name).Order(StringComparer.Ordinal).ToList()
            : names.Distinct(StringComparer.Ordinal).ToList();
        if (servers.Count == 0) throw new OperationFailedException("there are no servers to upgrade; add one with `monitor server add`", ErrorCodes.InvalidArgument);
        foreach (var name in servers) await directory.GetAsync(name, ct).ConfigureAwait(false);

        var outcomes = new List<UpgradeOutcome>();
        string? stoppedAt = null;
        foreach (var batch in servers.Chunk(wave))
        {
            if (stoppedAt is not null)
            {
                outcomes.AddRange(batch.Select(s => new UpgradeOutcome(s, UpgradeOutcome.Skipped, null, null, 0, $"not started: {stoppedAt} failed in an earlier wave")));
                continue;
            }
            var done = await Task.WhenAll(batch.Select(async s =>
            {
                var outcome = await UpgradeOneAsync(s, file, timeout, ct).ConfigureAwait(false);
                progress?.Invoke(outcome);
                return outcome;
            })).ConfigureAwait(false);
            outcomes.AddRange(done);
            stoppedAt = done.FirstOrDefault(o => o.Result == UpgradeOutcome.Failed)?.Server;
        }
        return new UpgradeReport(file.Path, file.Sha256, wave, outcomes, stoppedAt);
    }

    private async Task<UpgradeOutcome> UpgradeOneAsync(string server, UpgradeFile file, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string? previous = null;
        var rolledBack = false;
        var parameters = new Dictionary<string, string> { ["file"] = file.Path, ["sha256"] = file.Sha256, ["bytes"] = file.Bytes.Length.ToString(CultureInfo.InvariantCulture) };
        try
        {
            var version = await recorder.RecordAsync(FleetActionTypes.ServerUpgrade, server, null, "agent", parameters, async action =>
            {
                var client = await directory.ConnectedClientAsync(server, ct).ConfigureAwait(false);
                if (client is IAgentIdentity { Role: { } role } && role != "admin")
                    throw new OperationFailedException($"upgrading the agent on {server} needs the admin role; this console's key is {role} there", ErrorCodes.Forbidden);
                var begin = await Call(server, () => client.RequestAsync(AgentMethods.UpgradeBegin, new UpgradeBeginRequest(file.Bytes.Length, file.Sha256), ct: ct)).ConfigureAwait(false);
                previous = begin.CurrentVersion;
                action.AppendOutput($"sending {file.Bytes.Length} bytes to {begin.Binary} (agent {begin.CurrentVersion})\n");
                for (var offset = 0; offset < file.Bytes.Length; offset += begin.ChunkBytes)
                {
                    var data = Convert.ToBase64String(file.Bytes, offset, Math.Min(begin.ChunkBytes, file.Bytes.Length - offset));
                    await Call(server, () => client.RequestAsync(AgentMethods.UpgradeChunk, new UpgradeChunkRequest(begin.UploadId, offset, data), ct: ct)).ConfigureAwait(false);
                }
                var health = (int)Math.Max(5, timeout.TotalSeconds * 2 / 3);
                var commit = await Call(server, () => client.RequestAsync(AgentMethods.UpgradeCommit, new UpgradeCommitRequest(begin.UploadId, file.Sha256, health), ct: ct)).ConfigureAwait(false);
                action.AppendOutput($"checked and swapped in: {commit.PreviousVersion} -> {commit.NewVersion}; restarting\n");
                var now = await WaitForRestartAsync(server, client, timeout, ct).ConfigureAwait(false);
                if (now != commit.NewVersion)
                {
                    rolledBack = now == commit.PreviousVersion;
                    throw new OperationFailedException(rolledBack
                        ? $"{server}: the new agent ({commit.NewVersion}) did not come up; the old one ({now}) was restored and keeps serving (see the agent's log)"
                        : $"{server}: after the restart the agent reports version {now}, expected {commit.NewVersion}", ErrorCodes.Conflict);
                }
                action.SetResult("previous", commit.PreviousVersion);
                action.SetResult("version", now);
                return now;
            }, ct).ConfigureAwait(false);
            return new UpgradeOutcome(server, UpgradeOutcome.Ok, previous, version, clock.Elapsed.TotalSeconds, null);
        }
        catch (OperationFailedException e)
        {
            return new UpgradeOutcome(server, UpgradeOutcome.Failed, previous, null, clock.Elapsed.TotalSeconds, e.Message, rolledBack);
        }
    }

    /// <summary>Waits for the old agent to drop the connection, then for a handshake (any version: the new agent, or
    /// the old one restored); returns the version it reports.</summary>
    private static async Task<string> WaitForRestartAsync(string server, IAgentClient client, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (client.State == AgentConnectionState.Online)
        {
            if (clock.Elapsed > timeout) throw new OperationFailedException($"{server}: the agent accepted the new build but did not restart within {timeout.TotalSeconds:0} s", ErrorCodes.Timeout);
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
        while (true)
        {
            try
            {
                await client.EnsureConnectedAsync(ct).ConfigureAwait(false);
                if (client.State == AgentConnectionState.Online)
                    return (client as IAgentIdentity)?.AgentVersion ?? "unknown";
            }
            catch (AgentException e) when (e.Code is ErrorCodes.Unreachable or ErrorCodes.Timeout)
            {
                if (clock.Elapsed > timeout)
                    throw new OperationFailedException($"{server}: no agent answered within {timeout.TotalSeconds:0} s after the restart ({e.Message}); check the server", ErrorCodes.Unreachable);
            }
            catch (AgentException e)
            {
                throw new OperationFailedException($"after the restart: {e.Message}", e.Code);
            }
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }

    private static async Task<T> Call<T>(string server, Func<Task<T>> call)
    {
        try { return await call().ConfigureAwait(false); }
        catch (AgentException e) { throw new OperationFailedException($"{e.Message}; the old agent keeps running", e.Code, e); }
    }
}
