using Monitor.Control.Agents;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

public sealed record ServerStatus(ServerInfo Server, AgentConnectionState State, string? Error, AgentInfo? Agent, HostMetrics? Metrics);
