using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;

namespace Monitor.Agent.Fleet;

/// <summary>Edits the agent's authorized_keys for keys.add/keys.remove: other lines (comments, other keys) stay as they
/// are, the new file replaces the old in one rename with the old file's mode, and edits are serialized.</summary>
public sealed class AuthorizedKeysFile(string path)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public KeyListResult List()
    {
        var keys = AuthorizedKeys.Load(path, out _);
        return new KeyListResult(keys.Entries.Select(Info).ToList());
    }

    public async Task<KeyChangeResult> AddAsync(KeyAddRequest request, CancellationToken ct)
    {
        if (!AuthorizedKeys.TryParseRole(request.Role, out var role))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"'{request.Role}' is not a role: use viewer, operator or admin");
        var parts = request.PublicKey.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        var base64 = parts.Length >= 2 && parts[0] == ConsoleKeyPair.KeyType ? parts[1] : parts.FirstOrDefault() ?? "";
        var comment = Clean(request.Comment);
        var entry = new AuthorizedKey(base64, role, request.Name, comment);
        // Parse the line we are about to write: it checks the key and the name exactly as the agent will read them.
        var check = AuthorizedKeys.Parse(entry.ToLine(), "keys.add", out var problems);
        if (problems.Count > 0 || check.Count != 1)
            throw new AgentRequestException(ErrorCodes.InvalidArgument, problems.Count > 0 ? problems[0] : "the key line is not valid");

        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var lines = ReadLines();
            var index = lines.FindIndex(l => KeyOf(l) == base64);
            var line = entry.ToLine();
            if (index >= 0 && lines[index].Trim() == line) return new KeyChangeResult(entry.Fingerprint, false);
            if (index >= 0) lines[index] = line; else lines.Add(line);
            await WriteAsync(lines, ct).ConfigureAwait(false);
            return new KeyChangeResult(entry.Fingerprint, true);
        }
        finally { Gate.Release(); }
    }

    public async Task<KeyChangeResult> RemoveAsync(KeyRemoveRequest request, CancellationToken ct)
    {
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var keys = AuthorizedKeys.Load(path, out _);
            var target = keys.Entries.FirstOrDefault(k => k.Fingerprint == request.Fingerprint);
            if (target is null) return new KeyChangeResult(request.Fingerprint, false);
            if (target.Role == AgentRole.Admin && keys.Entries.Count(k => k.Role == AgentRole.Admin) == 1)
                throw new AgentRequestException(ErrorCodes.Conflict,
                    $"{request.Fingerprint} is the last admin key of this agent; add another admin key first (removing it would lock every console out of admin work)");
            var lines = ReadLines();
            lines.RemoveAll(l => KeyOf(l) == target.PublicKey);
            await WriteAsync(lines, ct).ConfigureAwait(false);
            return new KeyChangeResult(request.Fingerprint, true);
        }
        finally { Gate.Release(); }
    }

    private static AuthorizedKeyInfo Info(AuthorizedKey key) => new(key.Fingerprint, AuthorizedKey.RoleText(key.Role), key.Name, key.Comment);

    private static string Clean(string? comment) =>
        new string((comment ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();

    private static string? KeyOf(string line)
    {
        var parts = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0] == ConsoleKeyPair.KeyType ? parts[1] : null;
    }

    private List<string> ReadLines() =>
        File.Exists(path) ? File.ReadAllText(path).Split('\n').Select(l => l.TrimEnd('\r')).Where((l, i) => l.Length > 0 || i == 0).ToList() : [];

    private async Task WriteAsync(List<string> lines, CancellationToken ct)
    {
        var temp = path + ".tmp";
        var text = string.Join('\n', lines.Where(l => l.Length > 0)) + "\n";
        await File.WriteAllTextAsync(temp, text, ct).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, File.Exists(path) ? File.GetUnixFileMode(path) : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }
}
