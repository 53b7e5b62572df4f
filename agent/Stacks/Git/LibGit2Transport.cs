using LibGit2Sharp;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks.Git;

/// <summary>https and local repos through LibGit2Sharp; a token is handed over as the password, never logged.</summary>
public sealed class LibGit2Transport(GitCredentials? credentials) : IGitTransport
{
    public Task CloneAsync(string url, string path, string branch, CancellationToken ct) => Task.Run(() =>
    {
        var clone = new CloneOptions { BranchName = branch, Checkout = false };
        Configure(clone.FetchOptions, ct);
        Repository.Clone(url, path, clone);
    }, ct);

    public Task FetchAsync(string path, CancellationToken ct) => Task.Run(() =>
    {
        using var repo = new Repository(path);
        var fetch = new FetchOptions { Prune = true };
        Configure(fetch, ct);
        var refspecs = repo.Network.Remotes["origin"].FetchRefSpecs.Select(r => r.Specification);
        LibGit2Sharp.Commands.Fetch(repo, "origin", refspecs, fetch, "monitor git.sync");
    }, ct);

    private void Configure(FetchOptions options, CancellationToken ct)
    {
        options.OnTransferProgress = _ => !ct.IsCancellationRequested;
        if (credentials?.Token is { Length: > 0 } token)
            options.CredentialsProvider = (_, _, _) => new UsernamePasswordCredentials { Username = credentials.Username ?? "git", Password = token };
    }
}
