using Monitor.Agent.Dispatch;
using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks;

/// <summary>compose.up / compose.down / compose.ps with the server's `docker compose`, or `docker-compose` when the
/// plugin is missing. Argument lists only; inline YAML is written to WorkDir/compose/PROJECT/docker-compose.yml.</summary>
public sealed class ComposeHandler(DockerClient docker, string workDir, string dockerHost, Commands.CommandRunner runner)
{
    private readonly SemaphoreSlim _toolLock = new(1, 1);
    private IReadOnlyList<string>? _tool;

    public Task<ComposeResult> UpAsync(ComposeRequest request, Func<OutputBatch, CancellationToken, ValueTask> emit, CancellationToken ct) =>
        RunAsync(request, ["up", "-d", "--remove-orphans"], emit, ct);

    /// <summary>Pulls newer images of the project's services; services whose image is only local (built here, or
    /// from a registry that is unreachable) are reported in the output and keep their image.</summary>
    public Task<ComposeResult> PullAsync(ComposeRequest request, Func<OutputBatch, CancellationToken, ValueTask> emit, CancellationToken ct) =>
        RunAsync(request, ["pull", "--ignore-pull-failures"], emit, ct);

    public Task<ComposeResult> DownAsync(ComposeRequest request, Func<OutputBatch, CancellationToken, ValueTask> emit, CancellationToken ct) =>
        RunAsync(request, ["down", "--remove-orphans"], emit, ct);

    public async Task<ComposePsResult> PsAsync(ComposeRequest request, CancellationToken ct)
    {
        var project = StackInputRules.Name(request.Project, "compose project");
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"com.docker.compose.project={project}"] = true } },
        }, ct).ConfigureAwait(false);
        return new ComposePsResult(containers
            .Select(c => new ComposeServiceStatus(
                c.Labels.TryGetValue("com.docker.compose.service", out var service) ? service : "",
                c.Names.FirstOrDefault()?.TrimStart('/') ?? c.ID[..12], c.State, c.Status, c.Image))
            .OrderBy(s => s.Service, StringComparer.Ordinal).ToList());
    }

    private async Task<ComposeResult> RunAsync(ComposeRequest request, string[] verb, Func<OutputBatch, CancellationToken, ValueTask> emit, CancellationToken ct)
    {
        var project = StackInputRules.Name(request.Project, "compose project");
        var file = await ResolveFileAsync(project, request, ct).ConfigureAwait(false);
        var tool = await FindToolAsync(ct).ConfigureAwait(false);
        var args = tool.Skip(1).Concat(["--project-name", project, "--file", file]).Concat(verb).ToList();
        var env = new Dictionary<string, string>(request.Env ?? new Dictionary<string, string>()) { ["DOCKER_HOST"] = dockerHost };
        var exit = (await runner.RunAsync(Start(tool[0], args, Path.GetDirectoryName(file)!, env), null, emit, ct).ConfigureAwait(false)).ExitCode;
        if (exit != 0)
            throw new AgentRequestException(ErrorCodes.DockerError, $"{string.Join(' ', tool)} {string.Join(' ', verb)} for project {project} exited with code {exit}; see its output above");
        return new ComposeResult(exit, string.Join(' ', tool));
    }

    private async Task<string> ResolveFileAsync(string project, ComposeRequest request, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(request.InlineYaml))
        {
            var dir = Directory.CreateDirectory(Path.Combine(workDir, "compose", project)).FullName;
            var path = Path.Combine(dir, "docker-compose.yml");
            await File.WriteAllTextAsync(path, request.InlineYaml, ct).ConfigureAwait(false);
            return path;
        }
        var file = StackInputRules.PathInside(workDir, workDir, request.ComposeFile ?? throw new AgentRequestException(ErrorCodes.InvalidArgument, "a compose request needs a compose file or inline YAML"), "compose file");
        if (!File.Exists(file)) throw new AgentRequestException(ErrorCodes.NotFound, $"compose file {file} does not exist; check the stack's compose file path");
        return file;
    }

    private async Task<IReadOnlyList<string>> FindToolAsync(CancellationToken ct)
    {
        await _toolLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_tool is not null) return _tool;
            if (await TryAsync("docker", ["compose", "version"], ct).ConfigureAwait(false)) _tool = ["docker", "compose"];
            else if (await TryAsync("docker-compose", ["version"], ct).ConfigureAwait(false)) _tool = ["docker-compose"];
            return _tool ?? throw new AgentRequestException(ErrorCodes.NotFound, "neither `docker compose` nor `docker-compose` is installed on this server; install one of them");
        }
        finally { _toolLock.Release(); }
    }

    private async Task<bool> TryAsync(string file, string[] args, CancellationToken ct)
    {
        try { return (await runner.RunAsync(Start(file, args, Path.GetTempPath(), null), null, (_, _) => ValueTask.CompletedTask, ct).ConfigureAwait(false)).ExitCode == 0; }
        catch (AgentRequestException e) when (e.Code == ErrorCodes.NotFound) { return false; }
    }

    private static System.Diagnostics.ProcessStartInfo Start(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? env)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file) { WorkingDirectory = workingDirectory };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in env ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return info;
    }
}
