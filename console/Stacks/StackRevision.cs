namespace Monitor.Control.Stacks;

/// <summary>Which commit of the stack's repo a build or deploy uses: the branch head, or a given commit (a full or
/// abbreviated sha, as a webhook or `--commit` names it).</summary>
public sealed record StackRevision(string? Commit)
{
    public static StackRevision BranchHead { get; } = new((string?)null);

    public static StackRevision At(string? commit) => string.IsNullOrWhiteSpace(commit) ? BranchHead : new StackRevision(commit.Trim());
}
