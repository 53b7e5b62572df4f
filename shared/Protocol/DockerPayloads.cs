namespace Monitor.Shared.Protocol;

// Payloads of the Docker views (AgentMethods.Docker.cs): top, events, disk usage, images, volumes, networks.

/// <summary>Processes in a container; <paramref name="PsArgs"/> are ps options (default "-ef" on the engine).</summary>
public sealed record ContainerTopRequest(string Container, string? PsArgs = null);

/// <summary>The engine's `top` table: column titles and one row per process.</summary>
public sealed record ContainerTop(string Id, string Name, IReadOnlyList<string> Titles, IReadOnlyList<IReadOnlyList<string>> Processes);

/// <summary>Live engine events. <paramref name="Since"/>/<paramref name="Until"/> are RFC 3339 times, unix seconds or
/// durations ("10m") as `docker events` takes them; with <paramref name="Until"/> the stream ends there.
/// <paramref name="Filters"/> are Docker's event filters (type, event, container, image, label, ...).</summary>
public sealed record DockerEventsRequest(string? Since = null, string? Until = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? Filters = null);

/// <summary>One engine event: e.g. Type "container", Action "start", the object's id and name.</summary>
public sealed record DockerEvent(DateTimeOffset Time, string Type, string Action, string Id, string? Name, IReadOnlyDictionary<string, string> Attributes);

public sealed record DockerEventBatch(IReadOnlyList<DockerEvent> Events);

public sealed record DockerEventsEnd(string Reason);

/// <summary>`system df`: one row per kind (images, containers, volumes, build cache) and the details behind them.</summary>
public sealed record DockerDiskUsageRequest(bool Verbose = true);

public sealed record DockerDiskUsage(IReadOnlyList<DockerDiskUsageRow> Summary, IReadOnlyList<ImageInfo> Images, IReadOnlyList<ContainerDiskUsage> Containers, IReadOnlyList<VolumeInfo> Volumes);

public sealed record DockerDiskUsageRow(string Type, int Total, int Active, long SizeBytes, long ReclaimableBytes);

public sealed record ContainerDiskUsage(string Id, string Name, string Image, string State, long WritableBytes, long RootFsBytes);

public sealed record ImageListRequest(bool All = false, bool DanglingOnly = false);

public sealed record ImageInfo(string Id, IReadOnlyList<string> Tags, DateTimeOffset Created, long SizeBytes, long SharedSizeBytes, int Containers);

public sealed record ImageListResponse(IReadOnlyList<ImageInfo> Images);

public sealed record ImageRemoveRequest(string Image, bool Force = false);

public sealed record ImageRemoveResult(IReadOnlyList<string> Untagged, IReadOnlyList<string> Deleted);

/// <summary>Prune unused images or volumes. <paramref name="All"/>: images — every unused image, not only dangling
/// ones; volumes — named volumes too, not only anonymous ones. <paramref name="LabelFilter"/>: only objects with
/// these labels ("key" or "key=value").</summary>
public sealed record PruneRequest(bool All = false, IReadOnlyList<string>? LabelFilter = null);

public sealed record PruneResult(IReadOnlyList<string> Removed, long ReclaimedBytes);

public sealed record VolumeListRequest(bool DanglingOnly = false);

public sealed record VolumeInfo(string Name, string Driver, string Mountpoint, string Scope, DateTimeOffset? Created,
    IReadOnlyDictionary<string, string> Labels, long? SizeBytes = null, int? RefCount = null);

public sealed record VolumeListResponse(IReadOnlyList<VolumeInfo> Volumes);

public sealed record VolumeRef(string Volume);

/// <summary>A volume with its driver options and the containers (running or not) that mount it.</summary>
public sealed record VolumeDetails(VolumeInfo Volume, IReadOnlyDictionary<string, string> Options, IReadOnlyList<string> UsedBy);

public sealed record VolumeRemoveRequest(string Volume, bool Force = false);

public sealed record VolumeRemoveResult(string Name);

public sealed record NetworkListRequest(bool IncludeContainers = true);

public sealed record NetworkInfo(string Id, string Name, string Driver, string Scope, bool Internal, IReadOnlyList<string> Subnets,
    IReadOnlyList<string> Containers, IReadOnlyDictionary<string, string> Labels);

public sealed record NetworkListResponse(IReadOnlyList<NetworkInfo> Networks);

/// <summary>A mount of a container, for inspect.</summary>
public sealed record MountInfo(string Type, string? Name, string Source, string Destination, bool ReadWrite);

/// <summary>A network a container is attached to, for inspect.</summary>
public sealed record ContainerNetwork(string Name, string? IpAddress, IReadOnlyList<string> Aliases);
