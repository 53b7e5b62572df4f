using System.Collections.Concurrent;
using Monitor.Agent.Dispatch;
using LibGit2Sharp;
using Monitor.Agent.Stacks.Git;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks;

/// <summary>git.sync: clone or fetch a repo into WorkDir/repos/KEY and check out a branch head or a given commit
/// (detached, hard reset, untracked files removed). https and local repos go through LibGit2Sharp, SSH repos through
/// the git CLI (<see cref="GitCliTransport"/>). Credentials are used, never logged.</summary>
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
        IGitTransport transport = GitUrl.IsSsh(url)
            ? new GitCliTransport(workDir, request.Credentials?.SshPrivateKey, request.SshKnownHosts)
            : new LibGit2Transport(request.Credentials);
        var gate = _checkoutGates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var cloned = false;
            if (!Repository.IsValid(path))
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                await transport.CloneAsync(url, path, branch, ct).ConfigureAwait(false);
                cloned = true;
            }
            else
            {
                SetOrigin(path, url);
                await transport.FetchAsync(path, ct).ConfigureAwait(false);
            }
            ct.ThrowIfCancellationRequested();
            return await Task.Run(() => CheckOut(path, url, branch, commit, cloned), ct).ConfigureAwait(false);
        }
        catch (LibGit2SharpException ex)
        {
            throw new AgentRequestException(ErrorCodes.Internal, $"git sync of {GitUrl.Redact(url)} failed: {ex.Message}; check the URL, branch and credentials");
        }
        finally
        {
            gate.Release();
        }
    }

    private static void SetOrigin(string path, string url)
    {
        using var repo = new Repository(path);
        var origin = repo.Network.Remotes["origin"];
        if (origin is not null && origin.Url == url) return;
        if (origin is not null) repo.Network.Remotes.Remove("origin");
        repo.Network.Remotes.Add("origin", url);
    }

    private static GitSyncResult CheckOut(string path, string url, string branch, string? commit, bool cloned)
    {
        using var repo = new Repository(path);
        var target = commit is not null
            ? repo.Lookup<Commit>(commit) ?? throw new AgentRequestException(ErrorCodes.NotFound, $"commit '{commit}' is not in {GitUrl.Redact(url)} (branch {branch}); check the commit id")
            : repo.Branches[$"origin/{branch}"]?.Tip ?? throw new AgentRequestException(ErrorCodes.NotFound, $"branch '{branch}' does not exist in {GitUrl.Redact(url)}; check the stack's repo branch");
        LibGit2Sharp.Commands.Checkout(repo, target, new CheckoutOptions { CheckoutModifiers = CheckoutModifiers.Force });
        repo.Reset(ResetMode.Hard, target);
        repo.RemoveUntrackedFiles();
        return new GitSyncResult(path, target.Sha, target.Sha[..12], target.MessageShort, branch, cloned);
    }
}
