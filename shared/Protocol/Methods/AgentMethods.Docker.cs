namespace Monitor.Shared.Protocol;

/// <summary>Docker views: processes, engine events, disk usage, images, volumes, networks (container.inspect and
/// container.stats are in AgentMethods.cs). Reads need Viewer; remove and prune need Operator.</summary>
public static partial class AgentMethods
{
    public static readonly RequestMethod<ContainerTopRequest, ContainerTop> ContainerTop = new("container.top", AgentRole.Viewer);
    public static readonly StreamMethod<DockerEventsRequest, DockerEventBatch, DockerEventsEnd> SystemEvents = new("system.events", AgentRole.Viewer);
    public static readonly RequestMethod<DockerDiskUsageRequest, DockerDiskUsage> SystemDf = new("system.df", AgentRole.Viewer, TimeSpan.FromMinutes(2));
    public static readonly RequestMethod<ImageListRequest, ImageListResponse> ImageList = new("image.list", AgentRole.Viewer);
    public static readonly RequestMethod<ImageRemoveRequest, ImageRemoveResult> ImageRemove = new("image.remove", AgentRole.Operator);
    public static readonly RequestMethod<PruneRequest, PruneResult> ImagePrune = new("image.prune", AgentRole.Operator, TimeSpan.FromMinutes(10));
    public static readonly RequestMethod<VolumeListRequest, VolumeListResponse> VolumeList = new("volume.list", AgentRole.Viewer);
    public static readonly RequestMethod<VolumeRef, VolumeDetails> VolumeInspect = new("volume.inspect", AgentRole.Viewer);
    public static readonly RequestMethod<VolumeRemoveRequest, VolumeRemoveResult> VolumeRemove = new("volume.remove", AgentRole.Operator);
    public static readonly RequestMethod<PruneRequest, PruneResult> VolumePrune = new("volume.prune", AgentRole.Operator, TimeSpan.FromMinutes(10));
    /// <summary>`compose pull` of a compose stack's services (before `compose.up`, which then recreates only the changed ones).</summary>
    public static readonly StreamMethod<ComposeRequest, OutputBatch, ComposeResult> ComposePull = new("compose.pull", AgentRole.Operator, TimeSpan.FromMinutes(30));
    public static readonly RequestMethod<NetworkListRequest, NetworkListResponse> NetworkList = new("network.list", AgentRole.Viewer);
}
