using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Monitor.Shared.Config;

namespace Monitor.Agent;

/// <summary>What handlers may use: the config, the Docker client on the local socket, and logging.</summary>
public sealed class AgentServices(AgentConfig config, DockerClient docker, ILoggerFactory logging)
{
    public AgentConfig Config { get; } = config;
    public DockerClient Docker { get; } = docker;
    public ILoggerFactory Logging { get; } = logging;
}
