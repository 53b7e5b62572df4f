using System.IO.Enumeration;
using Docker.DotNet;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.LogFiles;

/// <summary>Where log files are looked for: the host ("" root) or a running container's filesystem seen through
/// /proc/PID/root, with the configured directories resolved inside that root.</summary>
internal sealed record LogFileScope(string Root, IReadOnlyList<string> Dirs, string Pattern, string? Container)
{
    public static async Task<LogFileScope> ForAsync(AgentConfig config, DockerClient docker, string? container, CancellationToken ct)
    {
        var root = "";
        if (container is not null)
        {
            var name = Containers.ContainerNames.Require(container);
            var inspect = await Containers.DockerCalls.RunAsync($"container {name}", () => docker.Containers.InspectContainerAsync(name, ct)).ConfigureAwait(false);
            if (inspect.State?.Running != true || inspect.State.Pid <= 0)
                throw new AgentRequestException(ErrorCodes.Conflict, $"container {name} is not running; its log files can be read while it runs");
            root = $"/proc/{inspect.State.Pid}/root";
        }
        var dirs = config.LogFileDirs.Select(d => ConfinedPath.Resolve(root, d)).OfType<string>().Distinct().ToList();
        return new LogFileScope(root, dirs, config.LogFilePattern, container);
    }

    /// <summary>The resolved path of a requested file, refused unless it is a file matching the pattern directly inside
    /// (after resolving every link) one of the directories.</summary>
    public string Require(string path)
    {
        var resolved = ConfinedPath.Resolve(Root, path)
            ?? throw new AgentRequestException(ErrorCodes.NotFound, $"log file {path} does not exist{(Container is null ? "" : $" in container {Container}")}");
        if (!Dirs.Any(d => ConfinedPath.IsInside(resolved, d) && Path.GetDirectoryName(resolved) == d))
            throw ConfinedPath.Refused(path, $"it resolves to {resolved}, outside the log file directories ({string.Join(", ", Dirs)})");
        if (!FileSystemName.MatchesSimpleExpression(Pattern, Path.GetFileName(resolved)))
            throw ConfinedPath.Refused(path, $"its name does not match {Pattern}");
        if (!File.Exists(Root + resolved)) throw ConfinedPath.Refused(path, "it is not a regular file");
        return resolved;
    }

    public string Real(string resolved) => Root + resolved;
}
