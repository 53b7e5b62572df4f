namespace Monitor.Control.Webhooks;

/// <summary>What a push payload says: the ref pushed and the commit it now points at.</summary>
/// <param name="Ref">e.g. refs/heads/main or refs/tags/v1.</param>
/// <param name="Commit">The new head (`after`), lower-case hex; all zeros when the ref was deleted.</param>
public sealed record PushEvent(string Ref, string Commit)
{
    private const string HeadsPrefix = "refs/heads/";

    /// <summary>The branch name, or null when the ref is not a branch (a tag, a note...).</summary>
    public string? Branch => Ref.StartsWith(HeadsPrefix, StringComparison.Ordinal) ? Ref[HeadsPrefix.Length..] : null;

    /// <summary>The push deleted the ref: `after` is all zeros.</summary>
    public bool Deleted => Commit.All(c => c == '0');
}
