using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Monitor.Agent.Dispatch;
using Monitor.Agent.Stacks;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Routes;

/// <summary>Registers route.apply, route.list and stack.deploy_target (one line in Hosting/HandlerSetup) and starts the
/// keeper that re-applies the routes when Caddy drifts (restart) for as long as the agent runs.</summary>
public static class RouteHandlers
{
    public static void Register(HandlerRegistry registry, AgentServices services)
    {
        var log = services.Logging.CreateLogger("Monitor.Agent.Routes");
        var keeper = new RouteKeeper(services.Config, new UpstreamResolver(services.Docker), log);
        var deployer = new TargetDeployer(new ContainerRunHandler(services.Docker), new ContainerWaitHandler(services.Docker), keeper, services.Docker);
        var stopping = services.Stopping;
        _ = Task.Run(() => KeepAsync(keeper, log, stopping), CancellationToken.None);

        registry.Handle(AgentMethods.RouteApply, (request, ct) => keeper.ApplyAsync(request.Routes ?? [], ct));
        registry.Handle(AgentMethods.RouteList, (_, ct) => keeper.ListAsync(ct));
        registry.Handle(AgentMethods.StackDeployTarget, (request, writer, ct) => DeployDetachedAsync(deployer, request, writer, log, stopping, ct));
    }

    /// <summary>Runs the step under the agent's lifetime and relays its progress while the console listens; when the
    /// request is cancelled (console gone) the relay ends and the step carries on to its end.</summary>
    private static async Task<TargetDeployResult> DeployDetachedAsync(TargetDeployer deployer, TargetDeployRequest request, IStreamWriter<TargetDeployProgress> writer,
        ILogger log, CancellationToken stopping, CancellationToken ct)
    {
        var progress = Channel.CreateUnbounded<TargetDeployProgress>();
        var step = Task.Run(async () =>
        {
            try { return await deployer.DeployAsync(request, p => progress.Writer.TryWrite(p), stopping).ConfigureAwait(false); }
            finally { progress.Writer.TryComplete(); }
        }, CancellationToken.None);
        _ = step.ContinueWith(t =>
        {
            if (t.IsFaulted) log.LogWarning("deploy of {Container} failed: {Message}", request.Spec.Name, t.Exception?.GetBaseException().Message);
            else if (t.IsCompletedSuccessfully && ct.IsCancellationRequested)
                log.LogInformation("deploy of {Container} finished after its console left: {Message}", request.Spec.Name, t.Result.Message);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        await foreach (var item in progress.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            await writer.WriteAsync(item, ct).ConfigureAwait(false);
        return await step.WaitAsync(ct).ConfigureAwait(false);
    }

    private static async Task KeepAsync(RouteKeeper keeper, ILogger log, CancellationToken stopping)
    {
        try { await keeper.KeepAsync(stopping).ConfigureAwait(false); }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        catch (Exception ex) { log.LogError(ex, "the route keeper stopped"); }
        finally { keeper.Dispose(); }
    }
}
