namespace Monitor.Agent.Stacks;

/// <summary>Where the stack handlers are registered: the agent's dispatcher (through <see cref="StackHandlers"/>),
/// or an in-process dispatcher in tests. Same shapes as the agent's HandlerRegistry.</summary>
public interface IStackMethodSink
{
    void Request<TReq, TRes>(string method, Func<TReq, CancellationToken, Task<TRes>> handler, TimeSpan? timeout = null);

    void Stream<TReq, TItem, TEnd>(string method, Func<TReq, Func<TItem, CancellationToken, ValueTask>, CancellationToken, Task<TEnd>> handler, TimeSpan? timeout = null);
}
