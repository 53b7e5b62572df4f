using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Monitor.Shared.Config;

namespace Monitor.Agent.Connections;

/// <summary>The agent host's use of <see cref="ConnectionBudget"/>: made from agent.toml, and the WebSocket accept
/// that answers 503 (never a 500 with a stack trace) when the upgrade cannot be taken.</summary>
internal static class ConnectionBudgets
{
    public static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(10);

    public static ConnectionBudget Create(AgentConfig config, ILogger logger) =>
        new(Math.Max(1, config.MaxUnauthenticated), Math.Max(1, config.MaxUnauthenticatedPerAddress), Math.Max(1, config.MaxConnections),
            new RefusalLog(logger, SummaryInterval));

    public static async Task<WebSocket?> AcceptAsync(HttpContext context, TimeSpan keepAlive, ConnectionBudget budget)
    {
        try
        {
            return await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                DangerousEnableCompression = false,
                KeepAliveInterval = keepAlive,
                KeepAliveTimeout = keepAlive,
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or WebSocketException)
        {
            budget.Refusals.Note(context.Connection.RemoteIpAddress?.ToString(), "upgrade failed");
            if (!context.Response.HasStarted) context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return null;
        }
    }
}
