namespace Monitor.Shared.Protocol;

/// <summary>One protocol method: its name, payload types, agent-side timeout and the role it needs. Both sides take
/// the typed subclasses (<see cref="RequestMethod{TReq,TRes}"/>, <see cref="StreamMethod{TReq,TItem,TEnd}"/>), so a
/// handler or a call with the wrong payload types does not compile. All descriptors are listed in <see cref="AgentMethods"/>.</summary>
public abstract class AgentMethod
{
    protected AgentMethod(string name, AgentRole role, TimeSpan? timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Role = role;
        Timeout = timeout;
    }

    /// <summary>The wire name, e.g. <c>container.list</c>.</summary>
    public string Name { get; }

    /// <summary>The least role a console key needs to call it.</summary>
    public AgentRole Role { get; }

    /// <summary>How long the agent lets it run; null = the agent's request timeout (requests) or no limit (streams,
    /// which the console cancels).</summary>
    public TimeSpan? Timeout { get; }

    public abstract bool IsStream { get; }

    public abstract Type RequestType { get; }

    /// <summary>Every payload type the method carries (request, response or stream items, end, input): the JSON
    /// context must know each of them.</summary>
    public abstract IReadOnlyList<Type> PayloadTypes { get; }

    public override string ToString() => Name;
}

/// <summary>A request answered by exactly one response.</summary>
public sealed class RequestMethod<TReq, TRes>(string name, AgentRole role, TimeSpan? timeout = null) : AgentMethod(name, role, timeout)
{
    public override bool IsStream => false;
    public override Type RequestType => typeof(TReq);
    public override IReadOnlyList<Type> PayloadTypes => [typeof(TReq), typeof(TRes)];
}

/// <summary>A stream: an empty response, then items in sequence, then an end frame carrying <typeparamref name="TEnd"/>.</summary>
public class StreamMethod<TReq, TItem, TEnd>(string name, AgentRole role, TimeSpan? timeout = null) : AgentMethod(name, role, timeout)
{
    public override bool IsStream => true;
    public override Type RequestType => typeof(TReq);
    public override IReadOnlyList<Type> PayloadTypes => [typeof(TReq), typeof(TItem), typeof(TEnd)];
}

/// <summary>A stream that also takes input frames from the console (exec, shells).</summary>
public sealed class DuplexStreamMethod<TReq, TItem, TEnd, TInput>(string name, AgentRole role, TimeSpan? timeout = null)
    : StreamMethod<TReq, TItem, TEnd>(name, role, timeout)
{
    public override IReadOnlyList<Type> PayloadTypes => [typeof(TReq), typeof(TItem), typeof(TEnd), typeof(TInput)];
}
