namespace Monitor.Shared.Protocol;

public static partial class AgentMethods
{
    // watch: the metrics subscription and the top processes of a host
    public static readonly StreamMethod<WatchRequest, WatchSample, WatchEnd> MetricsWatch = new("metrics.watch", AgentRole.Viewer);
    public static readonly RequestMethod<HostTopRequest, HostTopResult> HostTop = new("host.top", AgentRole.Viewer);
}
