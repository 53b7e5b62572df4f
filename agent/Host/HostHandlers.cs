using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Host;

/// <summary>agent.info and host.metrics.</summary>
public static class HostHandlers
{
    public static void Register(HandlerRegistry registry, AgentServices services)
    {
        var metrics = new HostMetricsReader(services.HostCpu);

        registry.Handle(AgentMethods.HostMetrics, (_, _) => Task.FromResult(metrics.Read()));
        registry.Handle(AgentMethods.AgentInfo, (_, ct) => AgentInfoAsync(services, ct));
    }

    private static async Task<AgentInfo> AgentInfoAsync(AgentServices services, CancellationToken ct)
    {
        string? version = null, apiVersion = null;
        var reachable = false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            var response = await services.Docker.System.GetVersionAsync(timeout.Token).ConfigureAwait(false);
            (version, apiVersion, reachable) = (response.Version, response.APIVersion, true);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Docker is down or slow: agent.info still answers and says so.
        }
        return new AgentInfo(AgentVersionInfo.Version, Environment.MachineName, RuntimeInformation.OSDescription,
            Environment.ProcessorCount, version, apiVersion, reachable);
    }
}
