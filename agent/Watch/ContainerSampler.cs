using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Agent.Containers;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Watch;

/// <summary>Samples every container of the engine at once: state, health and restart count (inspect) and, for running
/// ones, CPU, memory, network and block I/O (one stats sample each, all containers in parallel).</summary>
public sealed class ContainerSampler(DockerClient docker)
{
    public async Task<IReadOnlyList<ContainerSample>> SampleAsync(CancellationToken ct)
    {
        var list = await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct).ConfigureAwait(false);
        var samples = await Task.WhenAll(list.Select(c => SampleOneAsync(c, ct))).ConfigureAwait(false);
        return samples.OfType<ContainerSample>().OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    private async Task<ContainerSample?> SampleOneAsync(Docker.DotNet.Models.ContainerListResponse container, CancellationToken ct)
    {
        var name = container.Names?.FirstOrDefault()?.TrimStart('/') ?? container.ID[..12];
        ContainerInspectResponse inspect;
        try { inspect = await docker.Containers.InspectContainerAsync(container.ID, ct).ConfigureAwait(false); }
        catch (DockerContainerNotFoundException) { return null; } // removed between list and inspect
        var state = inspect.State?.Status ?? container.State ?? "unknown";
        var health = string.IsNullOrEmpty(inspect.State?.Health?.Status) ? null : inspect.State!.Health!.Status;
        var sample = new ContainerSample(container.ID, name, state, health, (int)inspect.RestartCount, 0, 0, 0, 0, 0, 0, 0,
            container.Labels is { Count: > 0 } labels ? new Dictionary<string, string>(labels) : null);
        if (inspect.State?.Running != true) return sample;
        try
        {
            var last = new LastValue();
            // stream=false: Docker takes a second reading itself so precpu is filled and CPU% can be computed.
            await docker.Containers.GetContainerStatsAsync(container.ID, new ContainerStatsParameters { Stream = false }, last, ct).ConfigureAwait(false);
            if (last.Value is not { } s) return sample;
            var stats = ContainerStatsCalculator.From(container.ID, name, s);
            return sample with
            {
                CpuPercent = Math.Round(stats.CpuPercent, 2),
                MemoryUsedBytes = stats.MemoryUsageBytes,
                MemoryLimitBytes = stats.MemoryLimitBytes,
                NetRxBytes = stats.NetworkRxBytes,
                NetTxBytes = stats.NetworkTxBytes,
                BlockReadBytes = stats.BlockReadBytes,
                BlockWriteBytes = stats.BlockWriteBytes,
            };
        }
        catch (DockerApiException) { return sample; } // stopped between inspect and stats: state as inspected
    }

    /// <summary>Keeps the last reported value, synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class LastValue : IProgress<ContainerStatsResponse>
    {
        public ContainerStatsResponse? Value { get; private set; }
        public void Report(ContainerStatsResponse value) => Value = value;
    }
}
