using Monitor.Control.Agents;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

/// <summary><see cref="KeyRole"/>: the role this console's key has on the agent (viewer|operator|admin), from the handshake.</summary>
public sealed record ServerStatus(ServerInfo Server, AgentConnectionState State, string? Error, AgentInfo? Agent, HostMetrics? Metrics, string? KeyRole = null);
