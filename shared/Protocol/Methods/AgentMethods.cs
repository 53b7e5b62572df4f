namespace Monitor.Shared.Protocol;

/// <summary>The catalogue of protocol methods: one descriptor each. The agent registers a handler per descriptor
/// (Hosting/HandlerSetup checks every one is handled) and the console calls through them. A new method is one line
/// here, its payload types in a JSON context, a handler in the agent and a call in a console service.</summary>
public static partial class AgentMethods
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(30);

    // agent and host
    public static readonly RequestMethod<AgentInfoRequest, AgentInfo> AgentInfo = new("agent.info", AgentRole.Viewer);
    public static readonly RequestMethod<HostMetricsRequest, HostMetrics> HostMetrics = new("host.metrics", AgentRole.Viewer);

    // containers
    public static readonly RequestMethod<ContainerListRequest, ContainerListResponse> ContainerList = new("container.list", AgentRole.Viewer);
    public static readonly RequestMethod<ContainerRef, ContainerDetails> ContainerInspect = new("container.inspect", AgentRole.Viewer);
    public static readonly RequestMethod<ContainerRef, ContainerStats> ContainerStats = new("container.stats", AgentRole.Viewer);
    public static readonly RequestMethod<ContainerRef, ContainerActionResult> ContainerStart = new("container.start", AgentRole.Operator);
    public static readonly RequestMethod<ContainerStopRequest, ContainerActionResult> ContainerStop = new("container.stop", AgentRole.Operator);
    public static readonly RequestMethod<ContainerStopRequest, ContainerActionResult> ContainerRestart = new("container.restart", AgentRole.Operator);
    public static readonly RequestMethod<ContainerRemoveRequest, ContainerActionResult> ContainerRemove = new("container.remove", AgentRole.Operator);
    public static readonly StreamMethod<LogStreamRequest, LogBatch, LogStreamEnd> ContainerLogs = new("container.logs", AgentRole.Viewer);
    public static readonly DuplexStreamMethod<ContainerExecRequest, ExecOutput, ExecResult, ExecInput> ContainerExec = new("container.exec", AgentRole.Admin);

    // commands
    public static readonly StreamMethod<CommandRunRequest, OutputBatch, CommandResult> CommandRun = new("command.run", AgentRole.Admin);

    // stack pipeline: git, images, container run/wait, compose
    public static readonly RequestMethod<GitSyncRequest, GitSyncResult> GitSync = new("git.sync", AgentRole.Operator, Long);
    public static readonly StreamMethod<ImageBuildRequest, OutputBatch, ImageBuildResult> ImageBuild = new("image.build", AgentRole.Operator, Long);
    public static readonly RequestMethod<ImageTagRequest, ImageRefResult> ImageTag = new("image.tag", AgentRole.Operator);
    public static readonly StreamMethod<ImageTransferRequest, OutputBatch, ImageRefResult> ImagePush = new("image.push", AgentRole.Operator, Long);
    public static readonly StreamMethod<ImageTransferRequest, OutputBatch, ImageRefResult> ImagePull = new("image.pull", AgentRole.Operator, Long);
    public static readonly RequestMethod<ContainerRunSpec, ContainerRunResult> ContainerRun = new("container.run", AgentRole.Operator, TimeSpan.FromMinutes(2));
    public static readonly RequestMethod<ContainerWaitRequest, ContainerWaitResult> ContainerWait = new("container.wait", AgentRole.Viewer, TimeSpan.FromMinutes(61));
    public static readonly StreamMethod<ComposeRequest, OutputBatch, ComposeResult> ComposeUp = new("compose.up", AgentRole.Operator, Long);
    public static readonly StreamMethod<ComposeRequest, OutputBatch, ComposeResult> ComposeDown = new("compose.down", AgentRole.Operator, Long);
    public static readonly RequestMethod<ComposeRequest, ComposePsResult> ComposePs = new("compose.ps", AgentRole.Viewer);

    /// <summary>Every descriptor, found by reflection over the static fields of this (partial) class, so an area that
    /// adds a method in its own file cannot forget to list it.
    /// Computed on first use: static initializers of a partial class run in no defined order across files.</summary>
    public static IReadOnlyList<AgentMethod> All => s_all ??= typeof(AgentMethods)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => typeof(AgentMethod).IsAssignableFrom(f.FieldType))
        .Select(f => (AgentMethod)f.GetValue(null)!)
        .OrderBy(m => m.Name, StringComparer.Ordinal)
        .ToList();

    private static IReadOnlyList<AgentMethod>? s_all;

    public static AgentMethod? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
}
