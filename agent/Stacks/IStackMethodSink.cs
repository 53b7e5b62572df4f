using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks;

/// <summary>Where the stack handlers are registered: the agent's dispatcher (through <see cref="StackHandlers"/>).
/// Stream handlers get a plain emit function instead of the dispatcher's writer.</summary>
public interface IStackMethodSink
{
    void Handle<TReq, TRes>(RequestMethod<TReq, TRes> method, Func<TReq, CancellationToken, Task<TRes>> handler);

    void Handle<TReq, TItem, TEnd>(StreamMethod<TReq, TItem, TEnd> method, Func<TReq, Func<TItem, CancellationToken, ValueTask>, CancellationToken, Task<TEnd>> handler);
}
