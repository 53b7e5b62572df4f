using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.HostInfo;

/// <summary>agent.info and host.metrics.</summary>
public static class HostHandlers
{
    public static void Register(HandlerRegistry registry, AgentServices services, HostMetricsSampler sampler)
    {
        registry.Request<HostMetricsRequest, HostMetrics>(Methods.HostMetrics, (_, _) => Task.FromResult(sampler.Read()));
        registry.Request<AgentInfoRequest, AgentInfo>(Methods.AgentInfo, async (_, ct) =>
        {
            string? version = null, api = null;
            try
            {
                using var quick = CancellationTokenSource.CreateLinkedTokenSource(ct);
                quick.CancelAfter(TimeSpan.FromSeconds(5));
                var v = await services.Docker.System.GetVersionAsync(quick.Token).ConfigureAwait(false);
                version = v.Version; api = v.APIVersion;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or global::Docker.DotNet.DockerApiException) { }
            return new AgentInfo(AgentVersion.Value, Environment.MachineName, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                Environment.ProcessorCount, version, api, version is not null);
        });
    }
}
