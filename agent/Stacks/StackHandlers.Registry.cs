using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks;

public static partial class StackHandlers
{
    /// <summary>Registers the stack methods with the agent's dispatcher (one line in Hosting/HandlerSetup).</summary>
    public static void Register(HandlerRegistry registry, AgentServices services) =>
        RegisterInto(new RegistrySink(registry), services.Docker, services.Config.WorkDir, services.Config.DockerSocket);

    private sealed class RegistrySink(HandlerRegistry registry) : IStackMethodSink
    {
        public void Handle<TReq, TRes>(RequestMethod<TReq, TRes> method, Func<TReq, CancellationToken, Task<TRes>> handler) =>
            registry.Handle(method, handler);

        public void Handle<TReq, TItem, TEnd>(StreamMethod<TReq, TItem, TEnd> method, Func<TReq, Func<TItem, CancellationToken, ValueTask>, CancellationToken, Task<TEnd>> handler) =>
            registry.Handle(method, (request, writer, ct) => handler(request, writer.WriteAsync, ct));
    }
}
