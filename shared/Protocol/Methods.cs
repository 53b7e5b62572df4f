namespace Monitor.Shared.Protocol;

/// <summary>Method names of requests. Payload types live next to each area (Handshake, Containers, ...).</summary>
public static class Methods
{
    // agent and host
    public const string AgentInfo = "agent.info";            // AgentInfoRequest → AgentInfo
    public const string HostMetrics = "host.metrics";        // HostMetricsRequest → HostMetrics

    // containers
    public const string ContainerList = "container.list";    // ContainerListRequest → ContainerListResponse
    public const string ContainerInspect = "container.inspect"; // ContainerRef → ContainerDetails
    public const string ContainerStart = "container.start";  // ContainerRef → ContainerActionResult
    public const string ContainerStop = "container.stop";    // ContainerStopRequest → ContainerActionResult
    public const string ContainerRestart = "container.restart"; // ContainerStopRequest → ContainerActionResult
    public const string ContainerRemove = "container.remove"; // ContainerRemoveRequest → ContainerActionResult
    public const string ContainerStats = "container.stats";  // ContainerRef → ContainerStats
    public const string ContainerLogs = "container.logs";    // LogStreamRequest → stream of LogBatch, end LogStreamEnd
    public const string ContainerExec = "container.exec";    // ContainerExecRequest → stream of ExecOutput (input: ExecInput), end ExecResult

    // commands
    public const string CommandRun = "command.run";          // CommandRunRequest → stream of OutputBatch, end CommandResult
}
