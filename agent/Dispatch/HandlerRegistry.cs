namespace Monitor.Agent.Dispatch;

/// <summary>The methods an agent answers. Each area registers its handlers once at start-up
/// (see <c>Hosting/HandlerSetup</c>); the connection dispatcher looks them up by method name.</summary>
public sealed class HandlerRegistry
{
    private readonly Dictionary<string, RegisteredMethod> _methods = new(StringComparer.Ordinal);

    /// <summary>A request answered by one response. <paramref name="timeout"/> null = the agent's RequestTimeoutSeconds.</summary>
    public void Request<TReq, TRes>(string method, Func<TReq, CancellationToken, Task<TRes>> handler, TimeSpan? timeout = null) =>
        Add(new RequestMethod<TReq, TRes>(method, handler, timeout));

    /// <summary>A stream: response first, then one stream frame per written item, then stream.end carrying the returned
    /// value. <paramref name="timeout"/> null = no timeout (the console cancels it).</summary>
    public void Stream<TReq, TItem, TEnd>(string method, Func<TReq, IStreamWriter<TItem>, CancellationToken, Task<TEnd>> handler, TimeSpan? timeout = null) =>
        Add(new StreamMethod<TReq, TItem, TEnd>(method, handler, timeout));

    public IReadOnlyCollection<string> Methods => _methods.Keys;

    internal bool TryGet(string method, out RegisteredMethod registered) => _methods.TryGetValue(method, out registered!);

    private void Add(RegisteredMethod method)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method.Name);
        if (!_methods.TryAdd(method.Name, method))
            throw new InvalidOperationException($"method '{method.Name}' is registered twice; each area registers its own methods once");
    }
}
