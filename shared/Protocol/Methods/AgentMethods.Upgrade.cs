namespace Monitor.Shared.Protocol;

public static partial class AgentMethods
{
    // upgrade: a new agent build sent over the agent's own connection in chunks, checked, swapped in, restarted
    public static readonly RequestMethod<UpgradeBeginRequest, UpgradeBeginResult> UpgradeBegin = new("upgrade.begin", AgentRole.Admin);
    public static readonly RequestMethod<UpgradeChunkRequest, UpgradeChunkResult> UpgradeChunk = new("upgrade.chunk", AgentRole.Admin);
    public static readonly RequestMethod<UpgradeCommitRequest, UpgradeCommitResult> UpgradeCommit = new("upgrade.commit", AgentRole.Admin, TimeSpan.FromMinutes(2));
}
