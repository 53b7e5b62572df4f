using Monitor.Agent.Dispatch;
using LibGit2Sharp;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks;

/// <summary>git.sync: clone or fetch a repo into WorkDir/repos/KEY with LibGit2Sharp and check out a branch head or
/// a given commit (detached, hard reset, untracked files removed). Credentials are used, never logged.</summary>
public sealed class GitSyncHandler(string workDir)
{
    public Task<GitSyncResult> SyncAsync(GitSyncRequest request, CancellationToken ct)
    {
        var key = StackInputRules.Name(request.RepoKey, "repo key");
        var url = StackInputRules.Ref(request.Url, "repo url");
        var branch = StackInputRules.OptionalRef(request.Branch, "branch") ?? "main";
        var commit = StackInputRules.OptionalRef(request.Commit, "commit");
        var reposDir = Directory.CreateDirectory(Path.Combine(workDir, "repos")).FullName;
        var path = StackInputRules.PathInside(workDir, reposDir, key, "repo path");
        return Task.Run(() => Sync(path, url, branch, commit, request.Credentials, ct), ct);
    }

    private static GitSyncResult Sync(string path, string url, string branch, string? commit, GitCredentials? credentials, CancellationToken ct)
    {
        try
        {
            var cloned = false;
            if (!Repository.IsValid(path))
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                var clone = new CloneOptions { BranchName = branch, Checkout = true };
                Configure(clone.FetchOptions, credentials, ct);
                Repository.Clone(url, path, clone);
                cloned = true;
            }

            using var repo = new Repository(path);
            var origin = repo.Network.Remotes["origin"];
            if (origin is null || origin.Url != url)
            {
                if (origin is not null) repo.Network.Remotes.Remove("origin");
                repo.Network.Remotes.Add("origin", url);
            }
            if (!cloned)
            {
                var fetch = new FetchOptions { Prune = true };
                Configure(fetch, credentials, ct);
                var refspecs = repo.Network.Remotes["origin"].FetchRefSpecs.Select(r => r.Specification);
                LibGit2Sharp.Commands.Fetch(repo, "origin", refspecs, fetch, "monitor git.sync");
            }
            ct.ThrowIfCancellationRequested();

            var target = commit is not null
                ? repo.Lookup<Commit>(commit) ?? throw new AgentRequestException(ErrorCodes.NotFound, $"commit '{commit}' is not in {Redact(url)} (branch {branch}); check the commit id")
                : repo.Branches[$"origin/{branch}"]?.Tip ?? throw new AgentRequestException(ErrorCodes.NotFound, $"branch '{branch}' does not exist in {Redact(url)}; check the stack's repo branch");
            LibGit2Sharp.Commands.Checkout(repo, target, new CheckoutOptions { CheckoutModifiers = CheckoutModifiers.Force });
            repo.Reset(ResetMode.Hard, target);
            repo.RemoveUntrackedFiles();
            return new GitSyncResult(path, target.Sha, target.Sha[..12], target.MessageShort, branch, cloned);
        }
        catch (LibGit2SharpException ex)
        {
            throw new AgentRequestException(ErrorCodes.Internal, $"git sync of {Redact(url)} failed: {ex.Message}; check the URL, branch and credentials");
        }
    }

    private static void Configure(FetchOptions options, GitCredentials? credentials, CancellationToken ct)
    {
        options.OnTransferProgress = _ => !ct.IsCancellationRequested;
        if (credentials?.Token is { Length: > 0 } token)
            options.CredentialsProvider = (_, _, _) => new UsernamePasswordCredentials { Username = credentials.Username ?? "git", Password = token };
    }

    /// <summary>A URL without any user-info part (https://user:token@host → https://host).</summary>
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? url.Replace(uri.UserInfo + "@", "", StringComparison.Ordinal)
            : url;
}
