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
}
