namespace Monitor.Shared.Protocol;

/// <summary>Credentials for a private repo, sent per request, never stored by the agent: a token (https, sent as the password)
/// or an SSH private key (ssh URLs). Never logged: ToString shows which kind is present, not the value.</summary>
public sealed record GitCredentials(string? Username = null, string? Token = null, string? SshPrivateKey = null)
{
    public override string ToString() =>
        $"GitCredentials {{ Username = {Username}, Token = {(Token is null ? "none" : "***")}, SshPrivateKey = {(SshPrivateKey is null ? "none" : "***")} }}";
}

/// <summary>Clones (first time) or fetches the repo into WorkDir/repos/<paramref name="RepoKey"/> and checks out
/// <paramref name="Commit"/> when given, else the head of <paramref name="Branch"/>. <paramref name="SshKnownHosts"/>:
/// known_hosts lines that pin an ssh repo's host key (else it is trusted on first use).</summary>
public sealed record GitSyncRequest(string RepoKey, string Url, string? Branch = null, string? Commit = null, GitCredentials? Credentials = null, string? SshKnownHosts = null);

/// <summary><paramref name="Path"/> is the checkout's absolute path on the agent (inside its WorkDir).</summary>
public sealed record GitSyncResult(string Path, string Commit, string ShortCommit, string Message, string Branch, bool Cloned);

/// <summary>Builds an image with the classic builder from a directory inside WorkDir.
/// <paramref name="Dockerfile"/> is relative to <paramref name="ContextPath"/>.</summary>
public sealed record ImageBuildRequest(
    string ContextPath,
    string Dockerfile,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string>? BuildArgs = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    bool NoCache = false);

public sealed record ImageBuildResult(string ImageId, IReadOnlyList<string> Tags);

public sealed record ImageTagRequest(string Source, string Repository, string Tag);

public sealed record ImageRefResult(string Image, string? Digest = null);

/// <summary>Registry credentials, passed per request and never logged.</summary>
public sealed record RegistryAuth(string? Username, string? Password, string? ServerAddress = null);

public sealed record ImageTransferRequest(string Repository, string Tag, RegistryAuth? Auth = null);

/// <summary>A published port: host → container. <paramref name="HostIp"/> null binds all addresses.</summary>
public sealed record PortPublish(int ContainerPort, int HostPort, string? HostIp = null, string Protocol = "tcp");

/// <summary>The full spec of a stack's container. With <paramref name="Replace"/>, an existing container of the same
/// name is stopped and removed first (its image is returned for rollback). <paramref name="Args"/> go after the image.</summary>
public sealed record ContainerRunSpec(
    string Name,
    string Image,
    IReadOnlyList<PortPublish>? Ports = null,
    IReadOnlyList<string>? Volumes = null,
    string? Network = null,
    string? RestartPolicy = null,
    IReadOnlyDictionary<string, string>? Env = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    long? MemoryBytes = null,
    double? Cpus = null,
    IReadOnlyList<string>? Args = null,
    bool Replace = true);

public sealed record ContainerRunResult(string Id, string Name, string Image, string? PreviousImage);

/// <summary>Waits until the container has been running for <paramref name="StableSeconds"/> without a restart
/// (and is healthy when it has a health check), or fails at once when it exits.</summary>
public sealed record ContainerWaitRequest(string Container, int TimeoutSeconds = 60, int StableSeconds = 2, int LogTail = 20);

public sealed record ContainerWaitResult(bool Ok, string State, string? Health, int? ExitCode, string Message, IReadOnlyList<string> LogTail);

/// <summary>A compose project: a compose file inside WorkDir, or inline YAML the agent writes to WorkDir/compose/PROJECT.</summary>
public sealed record ComposeRequest(string Project, string? ComposeFile = null, string? InlineYaml = null, IReadOnlyDictionary<string, string>? Env = null);

public sealed record ComposeResult(int ExitCode, string Tool);

public sealed record ComposeServiceStatus(string Service, string Container, string State, string Status, string Image);

public sealed record ComposePsResult(IReadOnlyList<ComposeServiceStatus> Services);
