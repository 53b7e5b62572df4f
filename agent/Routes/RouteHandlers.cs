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
    public static void Register(HandlerRegistry registry, AgentServices services) =>
        RegisterInto(new RegistrySink(registry), services.Config, services.Docker, services.Logging.CreateLogger("Monitor.Agent.Routes"), services.Stopping);

    /// <summary>Registers into any sink (the dispatcher, or a test's in-process stand-in).</summary>
    public static void RegisterInto(IStackMethodSink sink, Monitor.Shared.Config.AgentConfig config, Docker.DotNet.DockerClient docker, ILogger log, CancellationToken stopping)
    {
        var keeper = new RouteKeeper(config, new UpstreamResolver(docker), log);
        var deployer = new TargetDeployer(new ContainerRunHandler(docker), new ContainerWaitHandler(docker), keeper, docker);
        _ = Task.Run(() => KeepAsync(keeper, log, stopping), CancellationToken.None);

        sink.Handle(AgentMethods.RouteApply, (request, ct) => keeper.ApplyAsync(request.Routes ?? [], ct));
        sink.Handle(AgentMethods.RouteList, (_, ct) => keeper.ListAsync(ct));
        sink.Handle(AgentMethods.StackDeployTarget, (request, write, ct) => DeployDetachedAsync(deployer, request, write, log, stopping, ct));
    }

    private sealed class RegistrySink(HandlerRegistry registry) : IStackMethodSink
    {
        public void Handle<TReq, TRes>(RequestMethod<TReq, TRes> method, Func<TReq, CancellationToken, Task<TRes>> handler) =>
            registry.Handle(method, handler);

        public void Handle<TReq, TItem, TEnd>(StreamMethod<TReq, TItem, TEnd> method, Func<TReq, Func<TItem, CancellationToken, ValueTask>, CancellationToken, Task<TEnd>> handler) =>
            registry.Handle(method, (request, writer, ct) => handler(request, writer.WriteAsync, ct));
    }

    /// <summary>Runs the step under the agent's lifetime and relays its progress while the console listens; when the
    /// request is cancelled (console gone) the relay ends and the step carries on to its end.</summary>
    private static async Task<TargetDeployResult> DeployDetachedAsync(TargetDeployer deployer, TargetDeployRequest request, Func<TargetDeployProgress, CancellationToken, ValueTask> write,
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
            await write(item, ct).ConfigureAwait(false);
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
