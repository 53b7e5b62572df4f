using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;

namespace Monitor.Control.Fleet;

/// <summary>`monitor key rotate`: makes a new console key and rolls it out before retiring the old one.
/// 1. on every server, with the old key: keys.add the new key with the old key's role, name and comment;
/// 2. on every server, with the new key: connect and ask agent.info (proves the new key works there);
/// 3. only then the new key replaces the old one on disk (the old kept as .old);
/// 4. on every server, with the new key: keys.remove the old key.
/// A failure in 1 or 2 takes the new key back off the servers that got it and changes nothing on disk.</summary>
public sealed class KeyRotationService(ServerDirectory directory, IAgentClientFactory agents, ActionRecorder recorder, AgentClientOptions? options = null)
{
    public async Task<KeyRotation> RotateAsync(string keyPath, IProgress<string> progress, CancellationToken ct)
    {
        using var oldKey = ConsoleKeyPair.Load(keyPath);
        using var newKey = ConsoleKeyPair.Generate();
        var comment = Comment(keyPath) ?? recorder.User;
        var servers = await directory.ListAsync(ct).ConfigureAwait(false);
        var parameters = new Dictionary<string, string> { ["fingerprint"] = newKey.Fingerprint, ["previous"] = oldKey.Fingerprint, ["servers"] = servers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return await recorder.RecordAsync(FleetActionTypes.KeyRotate, null, null, "console key", parameters, async recorded =>
        {
            var done = new List<string>();
            var rolledOut = new List<ServerInfo>();
            try
            {
                foreach (var server in servers)
                {
                    progress.Report($"{server.Name}: adding the new key");
                    var client = agents.Get(server);
                    var listed = await client.RequestAsync(AgentMethods.KeysList, new KeyListRequest(), ct: ct).ConfigureAwait(false);
                    var mine = listed.Keys.FirstOrDefault(k => k.Fingerprint == oldKey.Fingerprint)
                        ?? throw new OperationFailedException($"{server.Name} does not list this console's key {oldKey.Fingerprint}", ErrorCodes.NotFound);
                    await client.RequestAsync(AgentMethods.KeysAdd, new KeyAddRequest(newKey.PublicKeyBase64, mine.Role, mine.Name, mine.Comment.Length > 0 ? mine.Comment : comment), ct: ct).ConfigureAwait(false);
                    rolledOut.Add(server);
                }
                foreach (var server in servers)
                {
                    progress.Report($"{server.Name}: checking the new key");
                    await using var probe = new AgentClient(server, newKey, recorder.User, options);
                    await probe.RequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest(), ct: ct).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is AgentException or OperationFailedException)
            {
                foreach (var server in rolledOut)
                {
                    try { await agents.Get(server).RequestAsync(AgentMethods.KeysRemove, new KeyRemoveRequest(newKey.Fingerprint), ct: CancellationToken.None).ConfigureAwait(false); }
                    catch (AgentException) { progress.Report($"{server.Name}: could not take the new key back off; remove {newKey.Fingerprint} from its authorized_keys"); }
                }
                throw new OperationFailedException(
                    $"key rotation stopped, nothing changed on this console: {e.Message}. The old key {oldKey.Fingerprint} still works everywhere; fix that server (or remove it) and run `monitor key rotate` again",
                    e is AgentException a ? a.Code : ((OperationFailedException)e).Code, e);
            }

            progress.Report($"saving the new key to {keyPath} (the old one to {keyPath}.old)");
            File.Copy(keyPath, keyPath + ".old", overwrite: true);
            if (File.Exists(keyPath + ".pub")) File.Copy(keyPath + ".pub", keyPath + ".old.pub", overwrite: true);
            var temp = keyPath + ".new";
            newKey.Save(temp, comment);
            File.Move(temp + ".pub", keyPath + ".pub", overwrite: true);
            File.Move(temp, keyPath, overwrite: true);

            var warnings = new List<string>();
            foreach (var server in servers)
            {
                progress.Report($"{server.Name}: retiring the old key");
                await using var client = new AgentClient(server, newKey, recorder.User, options);
                try
                {
                    await client.RequestAsync(AgentMethods.KeysRemove, new KeyRemoveRequest(oldKey.Fingerprint), ct: ct).ConfigureAwait(false);
                    done.Add($"{server.Name}: new key in, old key out");
                }
                catch (AgentException e)
                {
                    warnings.Add($"{server.Name}: the new key works, but the old key {oldKey.Fingerprint} is still listed ({e.Message}); remove it from its authorized_keys");
                    done.Add($"{server.Name}: new key in, old key still listed");
                }
            }
            recorded.AppendOutput(string.Join('\n', done.Concat(warnings)));
            return new KeyRotation(oldKey.Fingerprint, newKey.Fingerprint, done, warnings);
        }, ct).ConfigureAwait(false);
    }

    private static string? Comment(string keyPath)
    {
        var pub = keyPath + ".pub";
        if (!File.Exists(pub)) return null;
        var parts = File.ReadAllText(pub).Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 3 ? parts[2] : null;
    }
}
