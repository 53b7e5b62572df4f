namespace Monitor.Shared.Protocol;

public sealed record ContainerListRequest(bool All = true, IReadOnlyDictionary<string, string>? LabelFilter = null);

public sealed record ContainerListResponse(IReadOnlyList<ContainerSummary> Containers);

public sealed record ContainerSummary(
    string Id,
    string Name,
    string Image,
    string State,
    string Status,
    string? Health,
    DateTimeOffset Created,
    IReadOnlyList<PortMapping> Ports,
    IReadOnlyDictionary<string, string> Labels);

public sealed record PortMapping(int PrivatePort, int? PublicPort, string Protocol, string? HostIp);

/// <summary>Names a container by id or name.</summary>
public sealed record ContainerRef(string Container);

public sealed record ContainerStopRequest(string Container, int? TimeoutSeconds = null);

public sealed record ContainerRemoveRequest(string Container, bool Force = false, bool RemoveVolumes = false);

public sealed record ContainerActionResult(string Id, string Name, string State);

public sealed record ContainerDetails(
    string Id,
    string Name,
    string Image,
    string ImageId,
    string State,
    string? Health,
    int? ExitCode,
    DateTimeOffset Created,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int RestartCount,
    IReadOnlyList<PortMapping> Ports,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> Env,
    IReadOnlyList<string> Command,
    IReadOnlyList<MountInfo>? Mounts = null,
    IReadOnlyList<ContainerNetwork>? Networks = null,
    string? RestartPolicy = null,
    string? WorkingDir = null,
    string? User = null,
    string? Hostname = null);

public sealed record ContainerStats(
    string Id,
    string Name,
    DateTimeOffset Time,
    double CpuPercent,
    long MemoryUsageBytes,
    long MemoryLimitBytes,
    long NetworkRxBytes,
    long NetworkTxBytes,
    long BlockReadBytes,
    long BlockWriteBytes,
    int Pids);
