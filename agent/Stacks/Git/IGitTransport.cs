namespace Monitor.Agent.Stacks.Git;

/// <summary>Moves objects between a remote and the local clone; checkout happens afterwards with LibGit2Sharp.</summary>
public interface IGitTransport
{
    /// <summary>Clones <paramref name="url"/> into <paramref name="path"/> (no checkout), branch <paramref name="branch"/> as HEAD.</summary>
    Task CloneAsync(string url, string path, string branch, CancellationToken ct);

    /// <summary>Fetches every branch of origin into the clone at <paramref name="path"/>, pruning deleted ones.</summary>
    Task FetchAsync(string path, CancellationToken ct);
}
