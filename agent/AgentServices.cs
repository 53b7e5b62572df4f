using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Monitor.Shared.Config;

namespace Monitor.Agent;

/// <summary>What handler areas get when they register: the agent's config, its Docker client and logging.
/// <see cref="Stopping"/> fires when the agent stops (for background work an area starts at registration).</summary>
public sealed class AgentServices(AgentConfig config, DockerClient docker, ILoggerFactory logging, CancellationToken stopping)
{
    public AgentConfig Config { get; } = config;
    public DockerClient Docker { get; } = docker;
    public ILoggerFactory Logging { get; } = logging;
    public CancellationToken Stopping { get; } = stopping;

    private Host.CpuSampler? _hostCpu;

    /// <summary>The host's CPU use, shared by host.metrics and metrics.watch; made on first use, read on demand.</summary>
    public Host.CpuSampler HostCpu => LazyInitializer.EnsureInitialized(ref _hostCpu, () => new Host.CpuSampler());
}
