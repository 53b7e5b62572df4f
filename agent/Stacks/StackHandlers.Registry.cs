using Monitor.Agent.Dispatch;

namespace Monitor.Agent.Stacks;

public static partial class StackHandlers
{
    /// <summary>Registers the stack methods with the agent's dispatcher (one line in Hosting/HandlerSetup).</summary>
    public static void Register(HandlerRegistry registry, AgentServices services) =>
        RegisterInto(new RegistrySink(registry), services.Docker, services.Config.WorkDir, services.Config.DockerSocket);

    private sealed class RegistrySink(HandlerRegistry registry) : IStackMethodSink
    {
        public void Request<TReq, TRes>(string method, Func<TReq, CancellationToken, Task<TRes>> handler, TimeSpan? timeout = null) =>
            registry.Request(method, handler, timeout);

        public void Stream<TReq, TItem, TEnd>(string method, Func<TReq, Func<TItem, CancellationToken, ValueTask>, CancellationToken, Task<TEnd>> handler, TimeSpan? timeout = null) =>
            registry.Stream<TReq, TItem, TEnd>(method, (request, writer, ct) => handler(request, writer.WriteAsync, ct), timeout);
    }
}
