using System.Collections.Concurrent;
using Monitor.Agent.Dispatch;
using Monitor.Agent.Stacks.Git;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks;

/// <summary>git.sync: clone or fetch a repo into WorkDir/repos/KEY and check out a branch head or a given commit
/// (detached, hard reset, untracked files removed), all through the git CLI (<see cref="GitCliTransport"/> says why).
/// Credentials are used, never logged.</summary>
public sealed class GitSyncHandler(string workDir)
{
    /// <summary>One sync per checkout at a time (two consoles may deploy the same stack).</summary>
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _checkoutGates = new(StringComparer.Ordinal);

    public async Task<GitSyncResult> SyncAsync(GitSyncRequest request, CancellationToken ct)
    {
        var key = StackInputRules.Name(request.RepoKey, "repo key");
        var url = StackInputRules.Ref(request.Url, "repo url");
        var branch = StackInputRules.OptionalRef(request.Branch, "branch") ?? "main";
        var commit = StackInputRules.OptionalRef(request.Commit, "commit");
        var reposDir = Directory.CreateDirectory(Path.Combine(workDir, "repos")).FullName;
        var path = StackInputRules.PathInside(workDir, reposDir, key, "repo path");
        var transport = new GitCliTransport(workDir, request.Credentials, request.SshKnownHosts);
        var gate = _checkoutGates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var cloned = false;
            if (!await IsCloneAsync(path, ct).ConfigureAwait(false))
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                await transport.CloneAsync(url, path, branch, ct).ConfigureAwait(false);
                cloned = true;
            }
            else
            {
                await SetOriginAsync(path, url, ct).ConfigureAwait(false);
                await transport.FetchAsync(path, url, ct).ConfigureAwait(false);
            }
            ct.ThrowIfCancellationRequested();
            return await CheckOutAsync(path, url, branch, commit, cloned, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A clone of our own at exactly this path (not a directory inside some other repository).</summary>
    private static async Task<bool> IsCloneAsync(string path, CancellationToken ct)
    {
        if (!Directory.Exists(Path.Combine(path, ".git"))) return false;
        var run = await GitRun.ExecAsync(["rev-parse", "--absolute-git-dir"], path, null, ct).ConfigureAwait(false);
        return run.Succeeded && Path.GetFullPath(run.Stdout.Trim()) == Path.GetFullPath(Path.Combine(path, ".git"));
    }

    private static async Task SetOriginAsync(string path, string url, CancellationToken ct)
    {
        var current = await GitRun.ExecAsync(["remote", "get-url", "origin"], path, null, ct).ConfigureAwait(false);
        if (current.Succeeded && current.Stdout.TrimEnd('\n', '\r') == url) return;
        await MustAsync(current.Succeeded ? ["remote", "set-url", "origin", "--", url] : ["remote", "add", "origin", "--", url], path, url, ct).ConfigureAwait(false);
    }

    private static async Task<GitSyncResult> CheckOutAsync(string path, string url, string branch, string? commit, bool cloned, CancellationToken ct)
    {
        var wanted = commit is not null ? $"{commit}^{{commit}}" : $"refs/remotes/origin/{branch}^{{commit}}";
        var resolved = await GitRun.ExecAsync(["rev-parse", "--verify", "--quiet", "--end-of-options", wanted], path, null, ct).ConfigureAwait(false);
        if (!resolved.Succeeded)
            throw new AgentRequestException(ErrorCodes.NotFound, commit is not null
                ? $"commit '{commit}' is not in {GitUrl.Redact(url)} (branch {branch}); check the commit id"
                : $"branch '{branch}' does not exist in {GitUrl.Redact(url)}; check the stack's repo branch");
        var sha = resolved.Stdout.Trim();
        await MustAsync(["checkout", "--force", "--detach", sha], path, url, ct).ConfigureAwait(false);
        await MustAsync(["reset", "--hard", sha], path, url, ct).ConfigureAwait(false);
        await MustAsync(["clean", "-f", "-d"], path, url, ct).ConfigureAwait(false);
        var subject = await MustAsync(["log", "-1", "--format=%s", sha], path, url, ct).ConfigureAwait(false);
        return new GitSyncResult(path, sha, sha[..12], subject.TrimEnd('\n', '\r'), branch, cloned);
    }

    private static async Task<string> MustAsync(IReadOnlyList<string> args, string path, string url, CancellationToken ct)
    {
        var run = await GitRun.ExecAsync(args, path, null, ct).ConfigureAwait(false);
        if (run.Succeeded) return run.Stdout;
        var detail = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {run.ExitCode}";
        throw new AgentRequestException(ErrorCodes.Internal, $"git sync of {GitUrl.Redact(url)} failed at git {args[0]}: {detail}; check the repo checkout under the agent's work_dir");
    }
}
