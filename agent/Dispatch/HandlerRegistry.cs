using Monitor.Shared.Protocol;

namespace Monitor.Agent.Dispatch;

/// <summary>The methods an agent answers. Each area registers a handler per descriptor of
/// <see cref="AgentMethods"/> once at start-up (see <c>Hosting/HandlerSetup</c>); the handler's types come from the
/// descriptor, so a mismatch does not compile. The dispatcher looks methods up by name.</summary>
public sealed class HandlerRegistry
{
    private readonly Dictionary<string, RegisteredMethod> _methods = new(StringComparer.Ordinal);

    /// <summary>A request answered by one response.</summary>
    public void Handle<TReq, TRes>(RequestMethod<TReq, TRes> method, Func<TReq, CancellationToken, Task<TRes>> handler) =>
        Add(new RegisteredRequest<TReq, TRes>(method, handler));

    /// <summary>A stream: response first, then one stream frame per written item, then stream.end carrying the returned value.</summary>
    public void Handle<TReq, TItem, TEnd>(StreamMethod<TReq, TItem, TEnd> method, Func<TReq, IStreamWriter<TItem>, CancellationToken, Task<TEnd>> handler) =>
        Add(new RegisteredStream<TReq, TItem, TEnd>(method, handler));

    public IReadOnlyCollection<string> Methods => _methods.Keys;

    internal bool TryGet(string method, out RegisteredMethod registered) => _methods.TryGetValue(method, out registered!);

    private void Add(RegisteredMethod method)
    {
        if (!_methods.TryAdd(method.Name, method))
            throw new InvalidOperationException($"method '{method.Name}' is registered twice; each area registers its own methods once");
    }
}
