using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks;

/// <summary>container.wait: polls the container until it has run for the stable period without restarting (and is
/// healthy when it has a health check), or reports at once that it exited, is restarting or is unhealthy.</summary>
public sealed class ContainerWaitHandler(DockerClient docker)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task<ContainerWaitResult> WaitAsync(ContainerWaitRequest request, CancellationToken ct)
    {
        var name = StackInputRules.Ref(request.Container, "container");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(Math.Clamp(request.TimeoutSeconds, 1, 3600));
        var stable = TimeSpan.FromSeconds(Math.Clamp(request.StableSeconds, 0, 600));
        long? restartCount = null;
        DateTimeOffset? runningSince = null;
        while (true)
        {
            ContainerInspectResponse info;
            try { info = await docker.Containers.InspectContainerAsync(name, ct).ConfigureAwait(false); }
            catch (DockerContainerNotFoundException) { return await FailAsync(name, "missing", null, null, $"container {name} does not exist", request.LogTail, ct).ConfigureAwait(false); }

            var state = info.State;
            var health = state.Health?.Status;
            restartCount ??= info.RestartCount;
            if (state.Restarting || info.RestartCount != restartCount)
                return await FailAsync(name, "restarting", health, (int)state.ExitCode, $"container {name} keeps restarting (last exit code {state.ExitCode})", request.LogTail, ct).ConfigureAwait(false);
            if (!state.Running)
                return await FailAsync(name, state.Status, health, (int)state.ExitCode, $"container {name} is {state.Status} (exit code {state.ExitCode})", request.LogTail, ct).ConfigureAwait(false);
            if (health == "unhealthy")
                return await FailAsync(name, state.Status, health, null, $"container {name} is unhealthy", request.LogTail, ct).ConfigureAwait(false);

            runningSince ??= DateTimeOffset.UtcNow;
            var settled = DateTimeOffset.UtcNow - runningSince >= stable;
            if (settled && (health is null or "" or "none" or "healthy"))
                return new ContainerWaitResult(true, state.Status, health, null, $"container {name} is running" + (health == "healthy" ? " and healthy" : ""), []);
            if (DateTimeOffset.UtcNow > deadline)
                return await FailAsync(name, state.Status, health, null, $"container {name} did not become {(health is null ? "stable" : "healthy")} within {request.TimeoutSeconds}s", request.LogTail, ct).ConfigureAwait(false);
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    private async Task<ContainerWaitResult> FailAsync(string name, string state, string? health, int? exitCode, string message, int tail, CancellationToken ct)
    {
        var lines = new List<string>();
        try
        {
            using var logs = await docker.Containers.GetContainerLogsAsync(name,
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = Math.Clamp(tail, 0, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) }, ct).ConfigureAwait(false);
            var (stdout, stderr) = await logs.ReadOutputToEndAsync(ct).ConfigureAwait(false);
            lines.AddRange((stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        catch (DockerApiException) { }
        return new ContainerWaitResult(false, state, health, exitCode, message, lines);
    }
}
